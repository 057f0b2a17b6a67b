import CSpacesWidgetEvents

#if canImport(Foundation)
import Foundation
#endif

/// A kind of event, resolved from its name (old names included: `spaces:read` is `.roomsRead`).
public enum EventKind: UInt32, CaseIterable, Sendable {
    case unknown = 0
    case messagesCreated = 1
    case roomsUnread = 2
    case roomsRead = 3
    case callsCreated = 4
    case callsConnected = 5
    case callsDisconnected = 6
    case roomsSelected = 7
    case membershipsCreated = 8
    case membershipsDeleted = 9
    case notificationCreated = 10
    case notificationClicked = 11
    case mentionClicked = 12
    case activityChanged = 13
    case addClicked = 14
    case profileClicked = 15
    case userSignoutClicked = 16
    case callMembershipsNotified = 17
    case callMembershipsConnected = 18
    case callMembershipsDeclined = 19
    case callMembershipsDisconnected = 20
    case callMemberships = 21

    /// A kind number from the library; numbers this binding does not know read as `.unknown`.
    init(raw: swe_kind) { self = EventKind(rawValue: raw) ?? .unknown }

    /// The kind an event name means: current, old and dot-separated names (`spaces:read` is
    /// `.roomsRead`); `.unknown` for any other name. Handy in a JSON listener.
    public init(name: String) {
        self.init(raw: withText(name) { swe_kind_from_name($0, $1) })
    }

    /// The kind's current name, e.g. `"rooms:read"`; nil for `.unknown`.
    public var name: String? {
        guard let p = swe_kind_name(rawValue) else { return nil }
        return String(cString: p)
    }
}

/// `roomType` (messages) or `type` (rooms).
public enum RoomType: Hashable, Sendable {
    case absent
    case group
    case direct
    /// Another string (the event carries a warning).
    case other(String)

    init(_ raw: swe_room_type, text: swe_str) {
        switch Int32(bitPattern: raw) {
        case SWE_ROOM_TYPE_GROUP: self = .group
        case SWE_ROOM_TYPE_DIRECT: self = .direct
        case SWE_ROOM_TYPE_ABSENT: self = .absent
        default: self = .other(string(text) ?? "")
        }
    }
}

/// A timestamp: the text as it arrived and, when it is RFC 3339, its instant.
public struct Timestamp: Hashable, Sendable {
    /// The text as it arrived; nil when the field is absent or null.
    public let text: String?
    /// Unix milliseconds (rounded down) when `text` is RFC 3339; nil otherwise.
    public let unixMilliseconds: Int64?

    public var isValid: Bool { unixMilliseconds != nil }

    init(_ t: swe_timestamp) {
        text = string(t.text)
        unixMilliseconds = t.valid ? t.unix_ms : nil
    }

    #if canImport(Foundation)
    /// The instant as a `Date`; nil when not valid.
    public var date: Date? {
        unixMilliseconds.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }
    #endif
}

/// How one entry of a message's `files` arrived.
public enum FileForm: UInt32, Hashable, Sendable {
    case url = 1
    case object = 2
    case other = 3
}

/// One entry of a message's `files`.
public struct MessageFile: Hashable, Sendable {
    public let form: FileForm
    /// The URL: the string itself, or a file object's `url`.
    public let url: String?
    public let displayName: String?
    public let objectType: String?
    public let mimeType: String?
    /// `fileSize` in bytes; nil when absent or not a non-negative integer.
    public let size: Int64?

    init(_ v: swe_file_view) {
        form = FileForm(rawValue: v.form) ?? .other
        url = string(v.url)
        displayName = string(v.display_name)
        objectType = string(v.object_type)
        mimeType = string(v.mime_type)
        size = v.size >= 0 ? v.size : nil
    }
}

/// The shape `mentionedPeople` arrived in.
public enum MentionsKind: UInt32, Hashable, Sendable {
    case absent = 0
    /// A list of `{"id": ...}` objects or of id strings (possibly empty).
    case list = 1
    /// An object `{"items": [...]}`.
    case items = 2
    /// Any other JSON; no ids can be read.
    case other = 3
}

/// `messages:created` data.
public struct Message: Hashable, Sendable {
    public let id: String?
    /// `roomId` (or the 2017 `spaceId`).
    public let roomId: String?
    public let roomType: RoomType
    /// `roomType` as it arrived.
    public let roomTypeText: String?
    public let text: String?
    public let html: String?
    public let personId: String?
    public let personEmail: String?
    public let created: Timestamp
    public let toPersonId: String?
    public let toPersonEmail: String?
    public let actorId: String?
    public let actorName: String?
    /// The entries of `files` (empty when absent).
    public let files: [MessageFile]
    /// `files` as compact JSON; nil when absent.
    public let filesJSON: String?
    public let mentionsKind: MentionsKind
    /// The ids of the mention list, in order (nil for an entry without an id).
    public let mentions: [String?]
    /// `mentionedPeople` as compact JSON; nil when absent.
    public let mentionsJSON: String?

    init(event: OpaquePointer) throws {
        var v = swe_message_view()
        try check { swe_event_message(event, &v, $0) }
        id = string(v.id)
        roomId = string(v.room_id)
        roomType = RoomType(v.room_type, text: v.room_type_text)
        roomTypeText = string(v.room_type_text)
        text = string(v.text)
        html = string(v.html)
        personId = string(v.person_id)
        personEmail = string(v.person_email)
        created = Timestamp(v.created)
        toPersonId = string(v.to_person_id)
        toPersonEmail = string(v.to_person_email)
        actorId = string(v.actor_id)
        actorName = string(v.actor_name)
        var files: [MessageFile] = []
        files.reserveCapacity(v.file_count)
        for i in 0..<v.file_count {
            var f = swe_file_view()
            try check { swe_event_file(event, i, &f, $0) }
            files.append(MessageFile(f))
        }
        self.files = files
        filesJSON = string(v.files_json)
        mentionsKind = MentionsKind(rawValue: v.mentions_kind) ?? .other
        var mentions: [String?] = []
        mentions.reserveCapacity(v.mention_count)
        for i in 0..<v.mention_count {
            var s = swe_str()
            try check { swe_event_mention(event, i, &s, $0) }
            mentions.append(string(s))
        }
        self.mentions = mentions
        mentionsJSON = string(v.mentions_json)
    }
}

/// The shape `teamId` arrived in.
public enum TeamKind: UInt32, Hashable, Sendable {
    case absent = 0
    /// A team id (in `Room.teamId`).
    case id = 1
    /// `""`: the space is in no team.
    case none = 2
    /// The pre-2021 id of `ciscospark://us/TEAM/undefined`: also no team.
    case undefined = 3

    /// Whether the space is in a team.
    public var isInTeam: Bool { self == .id }
}

/// `rooms:unread`, `rooms:read` and `rooms:selected` data.
public struct Room: Hashable, Sendable {
    public let id: String?
    public let title: String?
    public let roomType: RoomType
    /// `type` as it arrived.
    public let roomTypeText: String?
    /// `isLocked`; nil when absent.
    public let isLocked: Bool?
    public let teamKind: TeamKind
    /// `teamId` as it arrived.
    public let teamId: String?
    public let lastActivity: Timestamp
    public let created: Timestamp
    public let actorId: String?
    public let actorName: String?
    /// `tags` (rooms:selected) as compact JSON.
    public let tagsJSON: String?

    init(event: OpaquePointer) throws {
        var v = swe_room_view()
        try check { swe_event_room(event, &v, $0) }
        id = string(v.id)
        title = string(v.title)
        roomType = RoomType(v.room_type, text: v.room_type_text)
        roomTypeText = string(v.room_type_text)
        isLocked = v.has_is_locked ? v.is_locked : nil
        teamKind = TeamKind(rawValue: v.team_kind) ?? .absent
        teamId = string(v.team_id)
        lastActivity = Timestamp(v.last_activity)
        created = Timestamp(v.created)
        actorId = string(v.actor_id)
        actorName = string(v.actor_name)
        tagsJSON = string(v.tags_json)
    }
}

/// The shape `call` arrived in.
public enum CallKind: UInt32, Hashable, Sendable {
    /// Absent or null (bridges often strip the live call object).
    case absent = 0
    /// A placeholder string such as `"[Call Object]"`.
    case placeholder = 1
    /// An object: the typed call fields are read from it.
    case object = 2
    /// Any other JSON value.
    case other = 3
}

/// `calls:created`, `calls:connected` and `calls:disconnected` data.
public struct Call: Hashable, Sendable {
    public let roomId: String?
    public let personId: String?
    public let personEmail: String?
    public let actorId: String?
    public let actorName: String?
    public let callKind: CallKind
    /// `call` as compact JSON; nil when absent.
    public let callJSON: String?
    /// `call.id`.
    public let callId: String?
    /// `call.status` (phone calls: `initiated`, `ringing`, `connected`, ...).
    public let callStatus: String?
    /// `call.state` (meetings: `IDLE`, `JOINED`, `LEFT`, ...).
    public let callState: String?
    /// `call.direction` (`in` or `out`).
    public let callDirection: String?
    /// `call.locusUrl`.
    public let callLocusURL: String?
    /// `call.correlationId`.
    public let callCorrelationId: String?

    init(event: OpaquePointer) throws {
        var v = swe_call_view()
        try check { swe_event_call(event, &v, $0) }
        roomId = string(v.room_id)
        personId = string(v.person_id)
        personEmail = string(v.person_email)
        actorId = string(v.actor_id)
        actorName = string(v.actor_name)
        callKind = CallKind(rawValue: v.call_kind) ?? .other
        callJSON = string(v.call_json)
        callId = string(v.call_id)
        callStatus = string(v.call_status)
        callState = string(v.call_state)
        callDirection = string(v.call_direction)
        callLocusURL = string(v.call_locus_url)
        callCorrelationId = string(v.call_correlation_id)
    }
}

/// `memberships:created` and `memberships:deleted` data.
public struct Membership: Hashable, Sendable {
    /// `id`: the membership.
    public let id: String?
    public let roomId: String?
    /// `personId`: the member.
    public let personId: String?
    public let personEmail: String?
    public let created: Timestamp
    /// `actorId`, or else the envelope's copy.
    public let actorId: String?
    public let actorName: String?

    init(event: OpaquePointer) throws {
        var v = swe_membership_view()
        try check { swe_event_membership(event, &v, $0) }
        id = string(v.id)
        roomId = string(v.room_id)
        personId = string(v.person_id)
        personEmail = string(v.person_email)
        created = Timestamp(v.created)
        actorId = string(v.actor_id)
        actorName = string(v.actor_name)
    }
}

/// `calls:memberships:*` data (2017 to 2020).
public struct CallMembership: Hashable, Sendable {
    /// `actorId`, or else the envelope's copy.
    public let actorId: String?
    public let actorName: String?
    public let roomId: String?

    init(event: OpaquePointer) throws {
        var v = swe_call_membership_view()
        try check { swe_event_call_membership(event, &v, $0) }
        actorId = string(v.actor_id)
        actorName = string(v.actor_name)
        roomId = string(v.room_id)
    }
}

/// `notification:created` and `notification:clicked` data.
public struct WidgetNotification: Hashable, Sendable {
    public let username: String?
    public let message: String?
    public let avatar: String?
    public let alertType: String?
    public let notificationId: String?
    /// `notification` as compact JSON (often a placeholder string).
    public let notificationJSON: String?

    init(event: OpaquePointer) throws {
        var v = swe_notification_view()
        try check { swe_event_notification(event, &v, $0) }
        username = string(v.username)
        message = string(v.message)
        avatar = string(v.avatar)
        alertType = string(v.alert_type)
        notificationId = string(v.notification_id)
        notificationJSON = string(v.notification_json)
    }
}

/// `mention:clicked` data.
public struct MentionClick: Hashable, Sendable {
    /// `id`: the mentioned person or group.
    public let id: String?
    /// `type`, e.g. `person`.
    public let mentionType: String?

    init(event: OpaquePointer) throws {
        var v = swe_mention_clicked_view()
        try check { swe_event_mention_clicked(event, &v, $0) }
        id = string(v.id)
        mentionType = string(v.mention_type)
    }
}

/// `activity:changed` data.
public struct Activity: Hashable, Sendable {
    /// `name`, e.g. `meet`.
    public let name: String?
    public let displayName: String?
    /// `type`.
    public let activityType: String?

    init(event: OpaquePointer) throws {
        var v = swe_activity_view()
        try check { swe_event_activity(event, &v, $0) }
        name = string(v.name)
        displayName = string(v.display_name)
        activityType = string(v.activity_type)
    }
}

/// `add:clicked`, `profile:clicked` and `user_signout:clicked` data.
public struct User: Hashable, Sendable {
    /// `id`: the current user, when sent.
    public let id: String?
    public let displayName: String?

    init(event: OpaquePointer) throws {
        var v = swe_user_view()
        try check { swe_event_user(event, &v, $0) }
        id = string(v.id)
        displayName = string(v.display_name)
    }
}

/// A warning code. A struct so that codes added later still read.
public struct WarningCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// An id field holds something that is not a Webex id.
    public static let idMalformed = WarningCode(rawValue: UInt32(SWE_WARNING_ID_MALFORMED))
    /// An id is padded, in standard base64, or has non-zero trailing bits.
    public static let idNotCanonical = WarningCode(rawValue: UInt32(SWE_WARNING_ID_NOT_CANONICAL))
    /// An id names another type of object than its field expects.
    public static let idUnexpectedType = WarningCode(rawValue: UInt32(SWE_WARNING_ID_UNEXPECTED_TYPE))
    /// The envelope's `actorId` and `data.actorId` differ.
    public static let actorMismatch = WarningCode(rawValue: UInt32(SWE_WARNING_ACTOR_MISMATCH))
    /// A timestamp is not RFC 3339.
    public static let timestampInvalid = WarningCode(rawValue: UInt32(SWE_WARNING_TIMESTAMP_INVALID))
    /// A value is outside its known set.
    public static let unknownValue = WarningCode(rawValue: UInt32(SWE_WARNING_UNKNOWN_VALUE))
    /// A field the widget always sends is absent.
    public static let missingField = WarningCode(rawValue: UInt32(SWE_WARNING_MISSING_FIELD))
    /// The wrapper's `name` does not start with the envelope's `resource:event`.
    public static let nameMismatch = WarningCode(rawValue: UInt32(SWE_WARNING_NAME_MISMATCH))
}

/// A doubtful value kept on an event (the event is still delivered; the host decides).
public struct Warning: Hashable, Sendable, CustomStringConvertible {
    public let code: WarningCode
    /// The JSON path of the value, relative to the event's detail (e.g. `data.teamId`).
    public let path: String
    /// A sentence for people.
    public let message: String
    /// Byte offset of the value in the parsed text.
    public let offset: Int

    init(_ v: swe_warning_view) {
        code = WarningCode(rawValue: v.code)
        path = string(v.path) ?? ""
        message = string(v.message) ?? ""
        offset = Int(v.offset)
    }

    public var description: String { "\(path): \(message)" }
}

/// The envelope of any event.
public struct Envelope: Hashable, Sendable {
    public let kind: EventKind
    /// The full name as it arrived (a wrapper's name keeps a third part).
    public let name: String
    /// The kind's current name (`rooms:read` for `spaces:read`), or `name` when unknown.
    public let canonicalName: String
    /// `resource`, derived from the name when the detail lacks it.
    public let resource: String
    /// `event`, derived from the name when the detail lacks it.
    public let event: String
    /// The envelope's `actorId`, or else `data.actorId`; nil when neither is set.
    public let actorId: String?
    /// `action` (e.g. `call` on `rooms:selected`); nil when not set.
    public let action: String?
    /// Whether the event arrived as a `{"name", "detail"}` wrapper.
    public let wrapped: Bool
    public let warnings: [Warning]

    init(event: OpaquePointer) throws {
        var v = swe_envelope_view()
        try check { swe_event_envelope(event, &v, $0) }
        kind = EventKind(raw: v.kind)
        name = string(v.name) ?? ""
        canonicalName = string(v.canonical_name) ?? name
        resource = string(v.resource) ?? ""
        self.event = string(v.event) ?? ""
        actorId = string(v.actor_id)
        action = string(v.action)
        wrapped = v.wrapped
        var warnings: [Warning] = []
        warnings.reserveCapacity(v.warning_count)
        for i in 0..<v.warning_count {
            var w = swe_warning_view()
            try check { swe_event_warning(event, i, &w, $0) }
            warnings.append(Warning(w))
        }
        self.warnings = warnings
    }
}

/// An event with its typed data: a case per known kind (old names resolve to the current
/// kind), and `.unknown` for a name the library does not know, with the event's compact JSON
/// in the form it arrived in (read members with `ParsedEvent.dataJSON(_:)`).
public enum Event: Hashable, Sendable {
    case messageCreated(Message)
    case roomUnread(Room)
    case roomRead(Room)
    case roomSelected(Room)
    case callCreated(Call)
    case callConnected(Call)
    case callDisconnected(Call)
    case membershipCreated(Membership)
    case membershipDeleted(Membership)
    case notificationCreated(WidgetNotification)
    case notificationClicked(WidgetNotification)
    case mentionClicked(MentionClick)
    case activityChanged(Activity)
    case addClicked(User)
    case profileClicked(User)
    case userSignoutClicked(User)
    case callMembershipNotified(CallMembership)
    case callMembershipConnected(CallMembership)
    case callMembershipDeclined(CallMembership)
    case callMembershipDisconnected(CallMembership)
    /// `calls:memberships`: a call membership changed, but which change was lost with the
    /// third part of the name.
    case callMembershipChanged(CallMembership)
    /// A name the library does not know (or a kind newer than this binding).
    case unknown(name: String, json: String)

    /// Reads the typed data of a library event.
    init(event handle: OpaquePointer, kind: EventKind, name: String, json: () throws -> String) throws {
        switch kind {
        case .messagesCreated: self = .messageCreated(try Message(event: handle))
        case .roomsUnread: self = .roomUnread(try Room(event: handle))
        case .roomsRead: self = .roomRead(try Room(event: handle))
        case .roomsSelected: self = .roomSelected(try Room(event: handle))
        case .callsCreated: self = .callCreated(try Call(event: handle))
        case .callsConnected: self = .callConnected(try Call(event: handle))
        case .callsDisconnected: self = .callDisconnected(try Call(event: handle))
        case .membershipsCreated: self = .membershipCreated(try Membership(event: handle))
        case .membershipsDeleted: self = .membershipDeleted(try Membership(event: handle))
        case .notificationCreated: self = .notificationCreated(try WidgetNotification(event: handle))
        case .notificationClicked: self = .notificationClicked(try WidgetNotification(event: handle))
        case .mentionClicked: self = .mentionClicked(try MentionClick(event: handle))
        case .activityChanged: self = .activityChanged(try Activity(event: handle))
        case .addClicked: self = .addClicked(try User(event: handle))
        case .profileClicked: self = .profileClicked(try User(event: handle))
        case .userSignoutClicked: self = .userSignoutClicked(try User(event: handle))
        case .callMembershipsNotified: self = .callMembershipNotified(try CallMembership(event: handle))
        case .callMembershipsConnected: self = .callMembershipConnected(try CallMembership(event: handle))
        case .callMembershipsDeclined: self = .callMembershipDeclined(try CallMembership(event: handle))
        case .callMembershipsDisconnected: self = .callMembershipDisconnected(try CallMembership(event: handle))
        case .callMemberships: self = .callMembershipChanged(try CallMembership(event: handle))
        case .unknown: self = .unknown(name: name, json: try json())
        }
    }

    /// The kind of this event.
    public var kind: EventKind {
        switch self {
        case .messageCreated: return .messagesCreated
        case .roomUnread: return .roomsUnread
        case .roomRead: return .roomsRead
        case .roomSelected: return .roomsSelected
        case .callCreated: return .callsCreated
        case .callConnected: return .callsConnected
        case .callDisconnected: return .callsDisconnected
        case .membershipCreated: return .membershipsCreated
        case .membershipDeleted: return .membershipsDeleted
        case .notificationCreated: return .notificationCreated
        case .notificationClicked: return .notificationClicked
        case .mentionClicked: return .mentionClicked
        case .activityChanged: return .activityChanged
        case .addClicked: return .addClicked
        case .profileClicked: return .profileClicked
        case .userSignoutClicked: return .userSignoutClicked
        case .callMembershipNotified: return .callMembershipsNotified
        case .callMembershipConnected: return .callMembershipsConnected
        case .callMembershipDeclined: return .callMembershipsDeclined
        case .callMembershipDisconnected: return .callMembershipsDisconnected
        case .callMembershipChanged: return .callMemberships
        case .unknown: return .unknown
        }
    }

    /// Parses one event: strict JSON, or with `literal` the JavaScript object-literal syntax
    /// the widget documentation uses. Throws `SpacesWidgetEventsError`.
    public static func parse(_ text: String, literal: Bool = false) throws -> ParsedEvent {
        try ParsedEvent(parsing: text, options: ParseOptions(syntax: literal ? .literal : .json))
    }

    /// Parses one event with options (syntax, limits, warnings as errors).
    public static func parse(_ text: String, options: ParseOptions) throws -> ParsedEvent {
        try ParsedEvent(parsing: text, options: options)
    }

    /// Parses one event from raw bytes (invalid UTF-8 is an error, `.invalidUTF8`).
    public static func parse<Bytes: Collection>(bytes: Bytes, options: ParseOptions = ParseOptions()) throws
        -> ParsedEvent where Bytes.Element == UInt8
    {
        try ParsedEvent(bytes: bytes, options: options)
    }
}
