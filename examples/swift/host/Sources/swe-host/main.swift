// A host that receives Spaces Widget events, as an app embedding the widget would: the
// Swift twin of examples/c/host.c.
//
//   swe-host [FILE | -]
//
// Reads one JSON event per line (from FILE, standard input with "-", or by default the
// bundled examples/data/events.ndjson), hands each line to an emitter, and prints one line
// per event from the typed Swift values. A JSON listener on "*" receives every event as
// JSON text. A bad line is reported with its line number and position, and reading goes on.
import Foundation
import SpacesWidgetEvents

let defaultEvents = "examples/data/events.ndjson"
let briefEvents = ["messages:created", "rooms:unread", "rooms:read",
                   "calls:created", "calls:connected", "calls:disconnected"]

/// What the listeners count; the emitter calls them on this (the emitting) thread.
final class Tally: @unchecked Sendable {
    var events = 0
    var jsonBytes = 0
    var warnings = 0
}

/// Accumulates one output line.
struct Line {
    var text = ""
    mutating func put(_ label: String, _ value: String?) {
        if let value { text += " \(label)=\(value)" }
    }
    mutating func putShort(_ label: String, _ value: String?, _ width: Int = 40) {
        if let value {
            text += " \(label)=\"\(value.prefix(width))\(value.count > width ? "..." : "")\""
        }
    }
    mutating func putTime(_ label: String, _ t: Timestamp) {
        guard let text = t.text else { return }
        if let ms = t.unixMilliseconds {
            self.text += " \(label)=\(text) (\(ms) ms)"
        } else {
            self.text += " \(label)=\(text) (unreadable)"
        }
    }
}

func describe(_ message: Message, into line: inout Line) {
    line.put("room", message.roomId)
    line.put("type", message.roomTypeText)
    line.put("from", message.personEmail)
    line.putShort("text", message.text)
    line.putTime("created", message.created)
    for file in message.files {
        line.putShort("file", file.displayName ?? file.url)
    }
    if !message.mentions.isEmpty { line.text += " mentions=\(message.mentions.count)" }
}

func describe(_ room: Room, into line: inout Line) {
    line.put("room", room.id)
    line.putShort("title", room.title)
    line.put("type", room.roomTypeText)
    if let locked = room.isLocked { line.text += " locked=\(locked ? "yes" : "no")" }
    switch room.teamKind {
    case .none, .undefined: line.text += " team=none"
    default: line.put("team", room.teamId)
    }
    line.putTime("last_activity", room.lastActivity)
}

func describe(_ call: Call, into line: inout Line) {
    line.put("room", call.roomId)
    line.put("person", call.personEmail)
    line.put("actor", call.actorName)
    switch call.callKind {
    case .object:
        line.put("call", call.callId)
        line.put("state", call.callState)
        line.put("status", call.callStatus)
        line.put("direction", call.callDirection)
    case .placeholder:
        line.put("call", call.callJSON)
    default:
        line.text += " call=none"
    }
}

func padded(_ name: String) -> String {
    name + String(repeating: " ", count: max(0, 20 - name.utf8.count))
}

/// Reads the events, prints them and a summary; returns the exit status.
func run() -> Int32 {
    let arguments = CommandLine.arguments
    let path = arguments.count > 1 ? arguments[1] : defaultEvents
    let input: Data
    do {
        if path == "-" {
            input = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            input = try Data(contentsOf: URL(fileURLWithPath: path))
        }
    } catch {
        FileHandle.standardError.write(Data("\(path): \(error.localizedDescription)\n".utf8))
        return 2
    }

    let tally = Tally()
    let emitter: Emitter
    do {
        emitter = try Emitter()
        // The typed listener for the six events of the brief.
        for name in briefEvents {
            try emitter.on(name) { parsed in
                var line = Line(text: padded(parsed.name))
                switch parsed.event {
                case .messageCreated(let message): describe(message, into: &line)
                case .roomUnread(let room), .roomRead(let room), .roomSelected(let room): describe(room, into: &line)
                case .callCreated(let call), .callConnected(let call), .callDisconnected(let call): describe(call, into: &line)
                case .other, .unknown: break
                }
                print(line.text)
                for warning in parsed.warnings {
                    print("\(padded("")) warning \(warning.path): \(warning.message)")
                    tally.warnings += 1
                }
            }
        }
        // The JSON listener on "*": sees every event, known or not, as compact JSON.
        try emitter.onJSON("*") { name, json in
            tally.events += 1
            tally.jsonBytes += json.utf8.count
            if briefEvents.contains(name) { return } // printed by the typed listener
            print("\(padded(name)) (other) \(String(decoding: json.utf8.prefix(60), as: UTF8.self))")
        }
    } catch {
        FileHandle.standardError.write(Data("swe-host: \(error)\n".utf8))
        return 1
    }

    var number = 0
    var bad = 0
    for var raw in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        number += 1
        while let last = raw.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") {
            raw = raw.dropLast()
        }
        if raw.isEmpty { continue }
        do {
            try emitter.emitJSON(bytes: raw)
        } catch let error as SpacesWidgetEventsError {
            let field = error.path.isEmpty ? "" : " (\(error.path))"
            print("line \(number): \(error.status.name) at column \(error.column)\(field): \(error.message)")
            bad += 1
        } catch {
            print("line \(number): \(error)")
            bad += 1
        }
    }

    print("\n\(tally.events) events (\(tally.jsonBytes) bytes of JSON delivered), \(tally.warnings) warnings, \(bad) bad lines, library \(Library.version)")
    return 0
}

exit(run())
