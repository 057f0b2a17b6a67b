// Conformance runner for Swift: checks every case of tests/conformance/cases/*.json through the
// public API of the SpacesWidgetEvents package. Case files are read with Foundation's
// JSONSerialization. Format: tests/conformance/README.md.
//
//   swe-conformance [--root REPO] [CASE_FILE...]
//
// Ends with "N passed, N failed"; exits 1 when a case failed.
import Foundation
import SpacesWidgetEvents

// A JSON value, as both sides are compared. JSONSerialization gives booleans and numbers as
// NSNumber alike, so booleans are compared as the numbers 1 and 0.
indirect enum J {
    case null, num(Double), str(String), arr([J]), obj([(String, J)])

    init(any v: Any?) {
        switch v {
        case nil, is NSNull: self = .null
        case let s as String: self = .str(s)
        case let a as [Any]: self = .arr(a.map { J(any: $0) })
        case let d as [String: Any]: self = .obj(d.map { ($0.key, J(any: $0.value)) }.sorted { $0.0 < $1.0 })
        case let n as NSNumber: self = .num(n.doubleValue)
        default: self = .str("\(v!)")
        }
    }

    func get(_ key: String) -> J? {
        if case .obj(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    var text: String {
        switch self {
        case .null: return "null"
        case .num(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .str(let s):
            let data = try? JSONSerialization.data(withJSONObject: [s], options: [])
            let quoted = data.flatMap { String(data: $0, encoding: .utf8) } ?? "[\"?\"]"
            return String(quoted.dropFirst().dropLast())
        case .arr(let a): return "[" + a.map { $0.text }.joined(separator: ",") + "]"
        case .obj(let m): return "{" + m.map { J.str($0.0).text + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }
}

func s(_ v: String?) -> J { v.map { .str($0) } ?? .null }
func n<T: BinaryInteger>(_ v: T?) -> J { v.map { .num(Double($0)) } ?? .null }
func b(_ v: Bool?) -> J { v.map { .num($0 ? 1 : 0) } ?? .null }

let kindLabels = [
    "UNKNOWN", "MESSAGES_CREATED", "ROOMS_UNREAD", "ROOMS_READ", "CALLS_CREATED", "CALLS_CONNECTED",
    "CALLS_DISCONNECTED", "ROOMS_SELECTED", "MEMBERSHIPS_CREATED", "MEMBERSHIPS_DELETED",
    "NOTIFICATION_CREATED", "NOTIFICATION_CLICKED", "MENTION_CLICKED", "ACTIVITY_CHANGED", "ADD_CLICKED",
    "PROFILE_CLICKED", "USER_SIGNOUT_CLICKED", "CALL_MEMBERSHIPS_NOTIFIED", "CALL_MEMBERSHIPS_CONNECTED",
    "CALL_MEMBERSHIPS_DECLINED", "CALL_MEMBERSHIPS_DISCONNECTED", "CALL_MEMBERSHIPS",
]
func kindLabel(_ k: EventKind) -> String {
    Int(k.rawValue) < kindLabels.count ? kindLabels[Int(k.rawValue)] : "?"
}

func warningLabel(_ c: WarningCode) -> String {
    switch c {
    case .idMalformed: return "ID_MALFORMED"
    case .idNotCanonical: return "ID_NOT_CANONICAL"
    case .idUnexpectedType: return "ID_UNEXPECTED_TYPE"
    case .actorMismatch: return "ACTOR_MISMATCH"
    case .timestampInvalid: return "TIMESTAMP_INVALID"
    case .unknownValue: return "UNKNOWN_VALUE"
    case .missingField: return "MISSING_FIELD"
    case .nameMismatch: return "NAME_MISMATCH"
    default: return "?\(c.rawValue)"
    }
}

func roomTypeLabel(_ t: RoomType) -> String {
    switch t {
    case .absent: return "ABSENT"
    case .group: return "GROUP"
    case .direct: return "DIRECT"
    case .other: return "OTHER"
    }
}

func teamLabel(_ t: TeamKind) -> String {
    switch t {
    case .absent: return "ABSENT"
    case .id: return "ID"
    case .none: return "NONE"
    case .undefined: return "UNDEFINED"
    }
}

func mentionsLabel(_ t: MentionsKind) -> String {
    switch t {
    case .absent: return "ABSENT"
    case .list: return "LIST"
    case .items: return "ITEMS"
    case .other: return "OTHER"
    }
}

func fileLabel(_ t: FileForm) -> String {
    switch t {
    case .url: return "URL"
    case .object: return "OBJECT"
    case .other: return "OTHER"
    }
}

func callLabel(_ t: CallKind) -> String {
    switch t {
    case .absent: return "ABSENT"
    case .placeholder: return "PLACEHOLDER"
    case .object: return "OBJECT"
    case .other: return "OTHER"
    }
}

func fieldsOf(_ p: ParsedEvent) throws -> J {
    var f: [(String, J)] = []
    let env = p.envelope
    f.append(("envelope.kind", .str(kindLabel(env.kind))))
    f.append(("envelope.name", .str(env.name)))
    f.append(("envelope.canonical_name", .str(env.canonicalName)))
    f.append(("envelope.resource", .str(env.resource)))
    f.append(("envelope.event", .str(env.event)))
    f.append(("envelope.actor_id", s(env.actorId)))
    f.append(("envelope.action", s(env.action)))
    f.append(("envelope.wrapped", b(env.wrapped)))
    func ts(_ key: String, _ t: Timestamp) {
        f.append((key + ".text", s(t.text)))
        f.append((key + ".unix_ms", n(t.unixMilliseconds)))
    }
    func data(_ key: String) throws {
        f.append(("data." + key, s(try p.dataJSON(key))))
    }
    func room(_ r: Room) throws {
        f += [
            ("room.id", s(r.id)), ("room.title", s(r.title)), ("room.room_type", .str(roomTypeLabel(r.roomType))),
            ("room.room_type_text", s(r.roomTypeText)), ("room.is_locked", b(r.isLocked)),
            ("room.team_kind", .str(teamLabel(r.teamKind))), ("room.team_id", s(r.teamId)),
            ("room.actor_id", s(r.actorId)), ("room.actor_name", s(r.actorName)),
        ]
        ts("room.last_activity", r.lastActivity)
        ts("room.created", r.created)
        try data("tags")
    }
    func call(_ c: Call) throws {
        f += [
            ("call.room_id", s(c.roomId)), ("call.person_id", s(c.personId)), ("call.person_email", s(c.personEmail)),
            ("call.actor_id", s(c.actorId)), ("call.actor_name", s(c.actorName)),
            ("call.call_kind", .str(callLabel(c.callKind))), ("call.call_id", s(c.callId)),
            ("call.call_status", s(c.callStatus)), ("call.call_state", s(c.callState)),
            ("call.call_direction", s(c.callDirection)), ("call.call_locus_url", s(c.callLocusURL)),
            ("call.call_correlation_id", s(c.callCorrelationId)),
        ]
        try data("call")
    }
    func membership(_ m: Membership) {
        f += [
            ("membership.id", s(m.id)), ("membership.room_id", s(m.roomId)), ("membership.person_id", s(m.personId)),
            ("membership.person_email", s(m.personEmail)), ("membership.actor_id", s(m.actorId)),
            ("membership.actor_name", s(m.actorName)),
        ]
        ts("membership.created", m.created)
    }
    func notification(_ x: WidgetNotification) throws {
        f += [
            ("notification.username", s(x.username)), ("notification.message", s(x.message)),
            ("notification.avatar", s(x.avatar)), ("notification.alert_type", s(x.alertType)),
            ("notification.notification_id", s(x.notificationId)),
        ]
        try data("notification")
    }
    func user(_ u: User) {
        f += [("user.id", s(u.id)), ("user.display_name", s(u.displayName))]
    }
    func callMembership(_ m: CallMembership) {
        f += [
            ("call_membership.actor_id", s(m.actorId)), ("call_membership.actor_name", s(m.actorName)),
            ("call_membership.room_id", s(m.roomId)),
        ]
    }
    switch p.event {
    case .messageCreated(let m):
        f += [
            ("message.id", s(m.id)), ("message.room_id", s(m.roomId)),
            ("message.room_type", .str(roomTypeLabel(m.roomType))), ("message.room_type_text", s(m.roomTypeText)),
            ("message.text", s(m.text)), ("message.html", s(m.html)), ("message.person_id", s(m.personId)),
            ("message.person_email", s(m.personEmail)), ("message.to_person_id", s(m.toPersonId)),
            ("message.to_person_email", s(m.toPersonEmail)), ("message.actor_id", s(m.actorId)),
            ("message.actor_name", s(m.actorName)),
            ("message.files", .arr(m.files.map { file in
                J.obj([
                    ("display_name", s(file.displayName)), ("form", .str(fileLabel(file.form))),
                    ("mime_type", s(file.mimeType)), ("object_type", s(file.objectType)), ("size", n(file.size)),
                    ("url", s(file.url)),
                ])
            })),
            ("message.mentions_kind", .str(mentionsLabel(m.mentionsKind))),
            ("message.mentions", .arr(m.mentions.map { s($0) })),
        ]
        ts("message.created", m.created)
        try data("files")
        try data("mentionedPeople")
    case .roomUnread(let r), .roomRead(let r), .roomSelected(let r): try room(r)
    case .callCreated(let c), .callConnected(let c), .callDisconnected(let c): try call(c)
    case .membershipCreated(let m), .membershipDeleted(let m): membership(m)
    case .notificationCreated(let x), .notificationClicked(let x): try notification(x)
    case .mentionClicked(let m):
        f += [("mention_clicked.id", s(m.id)), ("mention_clicked.mention_type", s(m.mentionType))]
    case .activityChanged(let a):
        f += [
            ("activity.name", s(a.name)), ("activity.display_name", s(a.displayName)),
            ("activity.activity_type", s(a.activityType)),
        ]
    case .addClicked(let u), .profileClicked(let u), .userSignoutClicked(let u): user(u)
    case .callMembershipNotified(let m), .callMembershipConnected(let m), .callMembershipDeclined(let m),
        .callMembershipDisconnected(let m), .callMembershipChanged(let m):
        callMembership(m)
    case .unknown: break
    }
    return .obj(f)
}

func eventOutcome(_ p: ParsedEvent, withFields: Bool) throws -> J {
    var ev: [(String, J)] = [("name", .str(p.name)), ("kind", .str(kindLabel(p.kind)))]
    if withFields { ev.append(("fields", try fieldsOf(p))) }
    ev.append(("warnings", .arr(p.warnings.map { J.obj([("code", .str(warningLabel($0.code))), ("path", .str($0.path))]) })))
    ev.append(("json", .str(try p.toJSON())))
    return .obj([("event", .obj(ev))])
}

func errorOutcome(_ e: SpacesWidgetEventsError) -> J {
    var status = e.status.name
    if status.hasPrefix("SWE_ERROR_") { status = String(status.dropFirst("SWE_ERROR_".count)) }
    return .obj([("error", .obj([
        ("status", .str(status)), ("line", n(e.line)), ("column", n(e.column)), ("offset", n(e.offset)),
        ("path", .str(e.path)),
    ]))])
}

var root = FileManager.default.currentDirectoryPath

func caseInput(_ c: J) throws -> [UInt8] {
    let src = c.get("stream") ?? c
    if case .str(let text)? = src.get("input") { return Array(text.utf8) }
    if case .str(let path)? = src.get("input_file") {
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
            throw Problem("cannot read input_file \(path)")
        }
        return [UInt8](data)
    }
    if case .str(let hex)? = src.get("input_hex") {
        var out: [UInt8] = []
        var chars = Array(hex.utf8)
        if chars.count % 2 != 0 { throw Problem("odd input_hex") }
        while !chars.isEmpty {
            guard let byte = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) else {
                throw Problem("bad input_hex")
            }
            out.append(byte)
            chars.removeFirst(2)
        }
        return out
    }
    if let r = src.get("input_recipe") {
        func str(_ k: String) -> String { if case .str(let v)? = r.get(k) { return v }; return "" }
        var count = 0
        if case .num(let d)? = r.get("count") { count = Int(d) }
        var out = Array(str("prefix").utf8)
        let unit = Array(str("repeat").utf8)
        out.reserveCapacity(out.count + unit.count * count)
        for _ in 0..<count { out += unit }
        out += Array(str("suffix").utf8)
        return out
    }
    throw Problem("no input, input_file, input_hex or input_recipe")
}

struct Problem: Error { let text: String; init(_ t: String) { text = t } }

func caseOptions(_ c: J) -> ParseOptions {
    var o = ParseOptions()
    if case .str("literal")? = c.get("syntax") { o.syntax = .literal }
    if let opts = c.get("options") {
        if case .num(let v)? = opts.get("max_input_bytes") { o.maxInputBytes = Int(v) }
        if case .num(let v)? = opts.get("max_depth") { o.maxDepth = Int(v) }
        if case .num(let v)? = opts.get("max_string_bytes") { o.maxStringBytes = Int(v) }
        if case .num(let v)? = opts.get("warnings_as_errors") { o.warningsAsErrors = v != 0 }
    }
    return o
}

final class Collected: @unchecked Sendable {
    var items: [J] = []
    var failure: String?
}

func runCase(_ c: J) throws -> J {
    let input = try caseInput(c)
    let options = caseOptions(c)
    if let stream = c.get("stream") {
        let got = Collected()
        let emitter = try Emitter()
        _ = try emitter.on("*") { event in
            do { got.items.append(try eventOutcome(event, withFields: false)) } catch { got.failure = "\(error)" }
        }
        let s = try EventStream(options: options)
        let onError: StreamErrorHandler = { got.items.append(errorOutcome($0)) }
        var at = 0
        if case .arr(let chunks)? = stream.get("chunks") {
            for split in chunks {
                guard case .num(let d) = split else { continue }
                let to = min(Int(d), input.count)
                if to < at { continue }
                try s.feed(input[at..<to], to: emitter, onError: onError)
                at = to
            }
        }
        try s.feed(input[at...], to: emitter, onError: onError)
        try s.finish(to: emitter, onError: onError)
        if let failure = got.failure { throw Problem(failure) }
        return .obj([("outcomes", .arr(got.items))])
    }
    do {
        return try eventOutcome(try Event.parse(bytes: input, options: options), withFields: true)
    } catch let e as SpacesWidgetEventsError {
        return errorOutcome(e)
    }
}

func short(_ v: J) -> String {
    let t = v.text
    return t.count <= 200 ? t : String(t.prefix(197)) + "..."
}

/// Objects: each expected key present and equal; lists: element by element; scalars: equal.
func compare(_ want: J, _ got: J?, _ at: String, _ name: String, _ problems: inout [String]) {
    guard let got else {
        problems.append("FAIL \(name): \(at): expected \(short(want)), not exposed or missing")
        return
    }
    switch (want, got) {
    case (.obj(let w), .obj):
        for (key, value) in w {
            compare(value, got.get(key), at.isEmpty ? key : at + "." + key, name, &problems)
        }
    case (.arr(let w), .arr(let g)) where w.count == g.count:
        for (i, pair) in zip(w, g).enumerated() {
            compare(pair.0, pair.1, "\(at)[\(i)]", name, &problems)
        }
    case (.null, .null): break
    case (.num(let x), .num(let y)) where x == y: break
    case (.str(let x), .str(let y)) where x == y: break
    default:
        problems.append("FAIL \(name): \(at): expected \(short(want)), got \(short(got))")
    }
}

var args = Array(CommandLine.arguments.dropFirst())
if args.count >= 2 && args[0] == "--root" {
    root = args[1]
    args.removeFirst(2)
}
var files = args
if files.isEmpty {
    let dir = root + "/tests/conformance/cases"
    files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted().map { dir + "/" + $0 }
}

var passed = 0
var failed = 0
for path in files {
    guard let data = FileManager.default.contents(atPath: path),
        let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
        case let doc = J(any: parsed), case .num(1)? = doc.get("format"), case .arr(let cases)? = doc.get("cases")
    else {
        print("FAIL \(path): not a format-1 case file")
        failed += 1
        continue
    }
    for c in cases {
        var name = "(unnamed)"
        if case .str(let n)? = c.get("name") { name = n }
        var want: [(String, J)] = []
        for key in ["event", "error", "outcomes"] { if let v = c.get(key) { want.append((key, v)) } }
        var problems: [String] = []
        do {
            compare(.obj(want), try runCase(c), "", name, &problems)
        } catch let p as Problem {
            problems.append("FAIL \(name): \(p.text)")
        } catch {
            problems.append("FAIL \(name): threw \(error)")
        }
        if problems.isEmpty {
            passed += 1
        } else {
            failed += 1
            print(problems.joined(separator: "\n"))
        }
    }
}
print("\(passed) passed, \(failed) failed")
exit(failed == 0 ? 0 : 1)
