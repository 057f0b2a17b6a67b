// A host that receives Spaces Widget events, as an app embedding the widget would: the
// Swift twin of examples/c/host.c.
//
//   swe-host [FILE | -]
//
// Reads one JSON event per line (from FILE, standard input with "-", or by default the
// bundled examples/data/events.ndjson) through a stream fed in chunks, hands each event to an
// emitter, and prints one line per event from the typed Swift values, with its warnings. A
// JSON listener on "*" receives every event as JSON text and prints the ones the library does
// not know. A bad line is reported with its line number and position, and reading goes on.
import Foundation
import SpacesWidgetEvents

let defaultEvents = "examples/data/events.ndjson"
let briefEvents = ["messages:created", "rooms:unread", "rooms:read",
                   "calls:created", "calls:connected", "calls:disconnected"]
let otherEvents = ["rooms:selected", "memberships:*", "calls:memberships:*", "notification:*",
                   "mention:clicked", "activity:changed", "add:clicked", "profile:clicked",
                   "user_signout:clicked"]

/// What the listeners count; the emitter calls them on this (the reading) thread.
final class Tally: @unchecked Sendable {
    var events = 0
    var jsonBytes = 0
    var warnings = 0
    var badLines = 0
}

/// One output line, built field by field.
struct Line {
    var text: String

    init(name: String) {
        text = name + String(repeating: " ", count: max(0, 20 - name.utf8.count))
    }

    mutating func put(_ label: String, _ value: String?) {
        if let value { text += " \(label)=\(value)" }
    }

    /// A Webex id as TYPE/local-id, which people can read, or as it is when it is none.
    mutating func putId(_ label: String, _ value: String?) {
        guard let value else { return }
        if let id = try? WebexId(parsing: value) {
            text += " \(label)=\(id.type)/\(id.localId)"
        } else {
            put(label, value)
        }
    }

    mutating func putShort(_ label: String, _ value: String?, _ width: Int = 40) {
        if let value {
            text += " \(label)=\"\(value.prefix(width))\(value.count > width ? "..." : "")\""
        }
    }

    mutating func putTime(_ label: String, _ t: Timestamp) {
        guard let time = t.text else { return }
        if let ms = t.unixMilliseconds {
            text += " \(label)=\(time) (\(ms) ms)"
        } else {
            text += " \(label)=\(time) (unreadable)"
        }
    }

    mutating func message(_ m: Message) {
        putId("room", m.roomId)
        put("type", m.roomTypeText)
        put("from", m.personEmail)
        putShort("text", m.text)
        putTime("created", m.created)
        for file in m.files { putShort("file", file.displayName ?? file.url) }
        if !m.mentions.isEmpty { text += " mentions=\(m.mentions.count)" }
    }

    mutating func room(_ r: Room) {
        putId("room", r.id)
        putShort("title", r.title)
        put("type", r.roomTypeText)
        if let locked = r.isLocked { text += " locked=\(locked ? "yes" : "no")" }
        switch r.teamKind {
        case .none, .undefined: text += " team=none"
        default: putId("team", r.teamId)
        }
        putTime("last_activity", r.lastActivity)
    }

    mutating func call(_ c: Call) {
        putId("room", c.roomId)
        put("person", c.personEmail)
        put("actor", c.actorName)
        switch c.callKind {
        case .object:
            put("call", c.callId)
            put("state", c.callState)
            put("status", c.callStatus)
            put("direction", c.callDirection)
        case .placeholder:
            put("call", c.callJSON)
        default:
            text += " call=none"
        }
    }

    /// The events other than the six of the brief.
    mutating func other(_ parsed: ParsedEvent) {
        switch parsed.event {
        case .membershipCreated(let m), .membershipDeleted(let m):
            putId("room", m.roomId)
            put("person", m.personEmail)
            putTime("created", m.created)
        case .callMembershipNotified(let c), .callMembershipConnected(let c), .callMembershipDeclined(let c),
             .callMembershipDisconnected(let c), .callMembershipChanged(let c):
            putId("room", c.roomId)
            put("actor", c.actorName)
        case .mentionClicked(let m):
            put("type", m.mentionType)
            putId("id", m.id)
        case .activityChanged(let a):
            put("activity", a.name)
            put("display_name", a.displayName)
        case .notificationCreated(let n), .notificationClicked(let n):
            put("from", n.username)
            putShort("message", n.message)
            put("notification", n.notificationJSON)
        case .roomSelected(let r):
            putId("room", r.id)
            putShort("title", r.title)
            put("action", parsed.envelope.action)
        default:
            break
        }
    }
}

func printEvent(_ parsed: ParsedEvent, _ tally: Tally) {
    var line = Line(name: parsed.name)
    switch parsed.event {
    case .messageCreated(let m): line.message(m)
    case .roomUnread(let r), .roomRead(let r): line.room(r)
    case .callCreated(let c), .callConnected(let c), .callDisconnected(let c): line.call(c)
    default: line.other(parsed)
    }
    print(line.text)
    for warning in parsed.warnings {
        print("\(String(repeating: " ", count: 20)) warning \(warning.path): \(warning.message)")
        tally.warnings += 1
    }
}

/// Reads the events, prints them and a summary; returns the exit status.
func run() -> Int32 {
    let arguments = CommandLine.arguments
    let path = arguments.count > 1 ? arguments[1] : defaultEvents
    let input: FileHandle
    if path == "-" {
        input = FileHandle.standardInput
    } else if let file = FileHandle(forReadingAtPath: path) {
        input = file
    } else {
        FileHandle.standardError.write(Data("\(path): \(String(cString: strerror(errno)))\n".utf8))
        return 2
    }

    let tally = Tally()
    do {
        let emitter = try Emitter()
        let stream = try EventStream()
        for pattern in briefEvents + otherEvents {
            try emitter.on(pattern) { printEvent($0, tally) }
        }
        // The JSON listener on "*": sees every event, known or not, as compact JSON.
        try emitter.onJSON("*") { name, json in
            tally.events += 1
            tally.jsonBytes += json.utf8.count
            if EventKind(name: name) == .unknown {
                let name = name + String(repeating: " ", count: max(0, 20 - name.utf8.count))
                print("\(name) (unknown) \(String(decoding: json.utf8.prefix(60), as: UTF8.self))")
            }
        }
        // Reports a bad line; the stream goes on.
        let onBadLine: StreamErrorHandler = { error in
            let field = error.path.isEmpty ? "" : " (\(error.path))"
            print("line \(error.line): \(error.status.name) at column \(error.column)\(field): \(error.message)")
            tally.badLines += 1
        }
        // Chunks of any size work: a line may span several reads.
        while true {
            let chunk = input.readData(ofLength: 4096)
            if chunk.isEmpty { break }
            try stream.feed(chunk, to: emitter, onError: onBadLine)
        }
        try stream.finish(to: emitter, onError: onBadLine)
    } catch {
        FileHandle.standardError.write(Data("swe-host: \(error)\n".utf8))
        return 1
    }

    print("\n\(tally.events) events (\(tally.jsonBytes) bytes of JSON delivered), \(tally.warnings) warnings, \(tally.badLines) bad lines, library \(Library.version)")
    return 0
}

exit(run())
