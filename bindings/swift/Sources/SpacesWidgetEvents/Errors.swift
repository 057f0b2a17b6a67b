import CSpacesWidgetEvents

/// A status of the C ABI (`swe_status`): 0 is success, errors are negative. A struct rather
/// than an enum so that a status this binding does not know still round-trips.
public struct Status: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The C name, e.g. `"SWE_ERROR_SYNTAX"` (`"SWE_ERROR_UNKNOWN"` for a number that is no status).
    public var name: String { String(cString: swe_status_str(rawValue)) }
    public var description: String { name }

    public static let ok = Status(rawValue: SWE_OK)
    public static let nullArgument = Status(rawValue: SWE_ERROR_NULL_ARGUMENT)
    public static let invalidArgument = Status(rawValue: SWE_ERROR_INVALID_ARGUMENT)
    public static let `internal` = Status(rawValue: SWE_ERROR_INTERNAL)
    public static let invalidUTF8 = Status(rawValue: SWE_ERROR_INVALID_UTF8)
    public static let syntax = Status(rawValue: SWE_ERROR_SYNTAX)
    public static let truncated = Status(rawValue: SWE_ERROR_TRUNCATED)
    public static let inputTooLarge = Status(rawValue: SWE_ERROR_INPUT_TOO_LARGE)
    public static let tooDeep = Status(rawValue: SWE_ERROR_TOO_DEEP)
    public static let stringTooLong = Status(rawValue: SWE_ERROR_STRING_TOO_LONG)
    public static let numberTooLong = Status(rawValue: SWE_ERROR_NUMBER_TOO_LONG)
    public static let invalidString = Status(rawValue: SWE_ERROR_INVALID_STRING)
    public static let duplicateKey = Status(rawValue: SWE_ERROR_DUPLICATE_KEY)
    public static let wrongType = Status(rawValue: SWE_ERROR_WRONG_TYPE)
    public static let missingField = Status(rawValue: SWE_ERROR_MISSING_FIELD)
    public static let invalidValue = Status(rawValue: SWE_ERROR_INVALID_VALUE)
    public static let validation = Status(rawValue: SWE_ERROR_VALIDATION)
    public static let wrongKind = Status(rawValue: SWE_ERROR_WRONG_KIND)
    public static let notFound = Status(rawValue: SWE_ERROR_NOT_FOUND)
    public static let outOfRange = Status(rawValue: SWE_ERROR_OUT_OF_RANGE)
    public static let listener = Status(rawValue: SWE_ERROR_LISTENER)
}

/// What the library reports on failure: the status, a sentence, where (byte offset, 1-based
/// line and column; 0 when there is no position) and in which field (a JSON path such as
/// `data.roomType`, empty when the error is about the whole text).
public struct SpacesWidgetEventsError: Error, Equatable, CustomStringConvertible {
    public let status: Status
    public let message: String
    public let offset: Int
    public let line: Int
    public let column: Int
    public let path: String
    /// For `.listener`: the non-zero value the C-level listener returned.
    public let listenerStatus: Int32
    /// For `.listener` reported by an `EventStream`: the error the Swift listener threw.
    public internal(set) var listenerError: (any Error)?

    public init(status: Status, message: String, offset: Int = 0, line: Int = 0, column: Int = 0,
                path: String = "", listenerStatus: Int32 = 0) {
        self.status = status
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.path = path
        self.listenerStatus = listenerStatus
    }

    /// Reads a `swe_error` (which stays the caller's to free).
    init(status: Int32, error: OpaquePointer?) {
        if let error {
            self.init(status: Status(rawValue: status),
                      message: string(swe_error_message(error)) ?? "",
                      offset: Int(swe_error_offset(error)),
                      line: Int(swe_error_line(error)),
                      column: Int(swe_error_column(error)),
                      path: string(swe_error_path(error)) ?? "",
                      listenerStatus: swe_error_listener_status(error))
        } else {
            self.init(status: Status(rawValue: status), message: String(cString: swe_status_str(status)))
        }
    }

    /// Equal when everything but `listenerError` is.
    public static func == (a: SpacesWidgetEventsError, b: SpacesWidgetEventsError) -> Bool {
        a.status == b.status && a.message == b.message && a.offset == b.offset && a.line == b.line
            && a.column == b.column && a.path == b.path && a.listenerStatus == b.listenerStatus
    }

    public var description: String {
        var s = status.name
        if line > 0 { s += " at line \(line), column \(column)" }
        if !path.isEmpty { s += " (\(path))" }
        return s + ": " + message
    }
}

// MARK: - Helpers shared by the binding

/// Calls a fallible C function with an error slot; throws its details on failure.
@inline(__always)
func check(_ body: (UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws {
    var error: OpaquePointer? = nil
    let status = body(&error)
    if status != SWE_OK {
        defer { swe_error_free(error) }
        throw SpacesWidgetEventsError(status: status, error: error)
    }
}

/// A borrowed view as a Swift string (copied); nil when absent.
@inline(__always)
func string(_ s: swe_str) -> String? {
    guard let ptr = s.ptr else { return nil }
    return String(decoding: UnsafeRawBufferPointer(start: ptr, count: s.len), as: UTF8.self)
}

/// Runs `body` with the UTF-8 bytes of `text` as (pointer, length).
@inline(__always)
func withText<R>(_ text: String, _ body: (UnsafePointer<CChar>?, Int) throws -> R) rethrows -> R {
    var text = text
    return try text.withUTF8 { buf in
        try buf.withMemoryRebound(to: CChar.self) { try body($0.baseAddress, $0.count) }
    }
}

/// The ABI versions this binding was written against.
let knownABIVersions: Set<UInt32> = [1]

/// Checked once: the binding refuses a library whose ABI version it does not know.
let abiCheck: SpacesWidgetEventsError? = {
    let v = swe_abi_version()
    if knownABIVersions.contains(v) { return nil }
    return SpacesWidgetEventsError(
        status: .internal,
        message: "libspaces_widget_events has ABI version \(v); this binding knows \(knownABIVersions.sorted())")
}()

@inline(__always)
func checkABI() throws {
    if let abiCheck { throw abiCheck }
}

/// Versions of the library and of this binding.
public enum Library {
    /// The library's version, e.g. `"0.1.0"`.
    public static var version: String { String(cString: swe_version()) }
    /// The ABI version the library implements.
    public static var abiVersion: UInt32 { swe_abi_version() }
    /// The header version this binding was compiled against.
    public static let headerVersion = "\(SWE_VERSION_MAJOR).\(SWE_VERSION_MINOR).\(SWE_VERSION_PATCH)"
}
