import CSpacesWidgetEvents

/// How text is parsed.
public struct ParseOptions: Hashable, Sendable {
    public enum Syntax: UInt32, Hashable, Sendable {
        /// Strict JSON (RFC 8259), as a bridge's `JSON.stringify` writes it.
        case json = 0
        /// JavaScript object-literal syntax, as the widget's documentation writes its samples.
        case literal = 1
    }

    public var syntax: Syntax
    /// Longest input in bytes (library default 8 MiB when nil).
    public var maxInputBytes: Int?
    /// Deepest nesting of objects and arrays (library default 64 when nil).
    public var maxDepth: Int?
    /// Longest decoded string in bytes (library default 1 MiB when nil).
    public var maxStringBytes: Int?
    /// When true, the first warning fails the parse with `.validation`.
    public var warningsAsErrors: Bool

    public init(syntax: Syntax = .json, maxInputBytes: Int? = nil, maxDepth: Int? = nil,
                maxStringBytes: Int? = nil, warningsAsErrors: Bool = false) {
        self.syntax = syntax
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        self.warningsAsErrors = warningsAsErrors
    }

    var isDefault: Bool { self == ParseOptions() }

    /// Runs `body` with a `swe_parse_options` (NULL for the defaults) freed afterwards.
    func withHandle<R>(_ body: (OpaquePointer?) throws -> R) throws -> R {
        if isDefault { return try body(nil) }
        var handle: OpaquePointer? = nil
        try check { swe_parse_options_new(&handle, $0) }
        defer { swe_parse_options_free(handle) }
        try check { swe_parse_options_set_syntax(handle, syntax.rawValue, $0) }
        let limits: [(Int32, Int?)] = [(SWE_LIMIT_MAX_INPUT_BYTES, maxInputBytes),
                                       (SWE_LIMIT_MAX_DEPTH, maxDepth),
                                       (SWE_LIMIT_MAX_STRING_BYTES, maxStringBytes)]
        for case let (limit, value?) in limits {
            guard value > 0 else {
                throw SpacesWidgetEventsError(status: .invalidArgument, message: "a limit must be positive, got \(value)")
            }
            try check { swe_parse_options_set_limit(handle, swe_limit(limit), value, $0) }
        }
        if warningsAsErrors {
            try check { swe_parse_options_set_warnings_as_errors(handle, true, $0) }
        }
        return try body(handle)
    }
}

/// The form `ParsedEvent.toJSON` writes.
public enum JSONForm: Sendable {
    /// The form the event arrived in (bare detail or `{"name", "detail"}` wrapper).
    case asArrived
    /// The detail object alone.
    case detail
    /// A `{"name", "detail"}` wrapper.
    case wrapped
}

/// One parsed event: the typed `event`, its `envelope` and `warnings`, and the library's
/// event object (for `toJSON` and `dataJSON`). Immutable; any thread may read it.
public final class ParsedEvent: @unchecked Sendable, CustomStringConvertible {
    let handle: OpaquePointer
    /// The typed event.
    public let event: Event
    /// Name, resource, event, actor, action, warnings.
    public let envelope: Envelope

    public var kind: EventKind { envelope.kind }
    public var name: String { envelope.name }
    public var warnings: [Warning] { envelope.warnings }

    /// Takes ownership of `handle`.
    init(owning handle: OpaquePointer) throws {
        self.handle = handle
        do {
            envelope = try Envelope(event: handle)
            event = try Event(event: handle, kind: envelope.kind, name: envelope.name) {
                try Self.json(handle, flags: 0)
            }
        } catch {
            swe_event_free(handle)
            throw error
        }
    }

    /// Copies an event the library lends (to a listener).
    convenience init(borrowing borrowed: OpaquePointer) throws {
        var copy: OpaquePointer? = nil
        try check { swe_event_clone(borrowed, &copy, $0) }
        try self.init(owning: copy!)
    }

    /// Parses one event from text; see `Event.parse`.
    public convenience init(parsing text: String, options: ParseOptions = ParseOptions()) throws {
        try checkABI()
        var out: OpaquePointer? = nil
        try options.withHandle { opts in
            try withText(text) { ptr, len in
                try check { swe_event_parse(ptr, len, opts, &out, $0) }
            }
        }
        try self.init(owning: out!)
    }

    /// Parses one event from bytes (which need not be valid UTF-8: that is reported).
    public convenience init<Bytes: Collection>(bytes: Bytes, options: ParseOptions = ParseOptions()) throws
        where Bytes.Element == UInt8
    {
        try checkABI()
        let array = Array(bytes)
        var out: OpaquePointer? = nil
        try options.withHandle { opts in
            try array.withUnsafeBufferPointer { buf in
                try buf.withMemoryRebound(to: CChar.self) { chars in
                    try check { swe_event_parse(chars.baseAddress, chars.count, opts, &out, $0) }
                }
            }
        }
        try self.init(owning: out!)
    }

    deinit { swe_event_free(handle) }

    private static func json(_ handle: OpaquePointer, flags: UInt32) throws -> String {
        var out: UnsafeMutablePointer<CChar>? = nil
        var len = 0
        try check { swe_event_to_json(handle, flags, &out, &len, $0) }
        defer { swe_string_free(out) }
        return out.map { ptr in
            String(decoding: UnsafeRawBufferPointer(start: ptr, count: len), as: UTF8.self)
        } ?? ""
    }

    /// The event as JSON: compact unless `pretty` (two-space indent, as
    /// `JSON.stringify(v, null, 2)`), in the form it arrived in unless `form` says otherwise.
    /// A parsed event re-emits to the same data.
    public func toJSON(pretty: Bool = false, form: JSONForm = .asArrived) throws -> String {
        var flags: UInt32 = pretty ? UInt32(SWE_EMIT_PRETTY) : 0
        switch form {
        case .asArrived: break
        case .detail: flags |= UInt32(SWE_EMIT_DETAIL)
        case .wrapped: flags |= UInt32(SWE_EMIT_WRAPPED)
        }
        return try Self.json(handle, flags: flags)
    }

    /// The compact JSON of one member of `data`, known or not (e.g. `"text"` gives
    /// `"\"hello\""`); nil when data has no such member.
    public func dataJSON(_ key: String) throws -> String? {
        var out: UnsafeMutablePointer<CChar>? = nil
        var len = 0
        do {
            try withText(key) { ptr, n in
                try check { swe_event_data_json(handle, ptr, n, &out, &len, $0) }
            }
        } catch let error as SpacesWidgetEventsError where error.status == .notFound {
            return nil
        }
        defer { swe_string_free(out) }
        return out.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: len), as: UTF8.self) }
    }

    public var description: String { (try? toJSON()) ?? name }
}
