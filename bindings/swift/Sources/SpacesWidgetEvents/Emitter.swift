import CSpacesWidgetEvents

import Foundation

/// A listener that receives each matching event, typed. Runs on the emitting thread; an
/// error it throws stops delivery of that event and is rethrown from `emit`.
public typealias EventListener = @Sendable (ParsedEvent) throws -> Void
/// A listener that receives each matching event as its full name and compact JSON text.
public typealias JSONListener = @Sendable (_ name: String, _ json: String) throws -> Void

/// The closure of one subscription. The library holds one retain (passed as `user_data`)
/// from a successful `swe_emitter_on_*` until its `release` callback, which runs exactly
/// once, after the last call that can still be in flight.
private final class ListenerBox {
    let onEvent: EventListener?
    let onJSON: JSONListener?
    init(event: @escaping EventListener) { onEvent = event; onJSON = nil }
    init(json: @escaping JSONListener) { onEvent = nil; onJSON = json }
}

/// Errors thrown by listener closures, on their way from the C callback (which can only
/// return an `int32_t`) back to the `emit` that called it. The callback returns a fresh
/// token; `emit` finds the token in the `SWE_ERROR_LISTENER` error and takes the Swift error.
private final class ListenerErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Int32: Error] = [:]
    private var next: Int32 = 0

    /// One table for the process: tokens are unique among errors not yet taken.
    static let shared = ListenerErrors()

    func put(_ error: Error) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        repeat {
            next = next == Int32.max ? 1 : next + 1
        } while pending[next] != nil
        pending[next] = error
        return next
    }

    func take(_ token: Int32) -> Error? {
        lock.lock()
        defer { lock.unlock() }
        return pending.removeValue(forKey: token)
    }
}

private let releaseThunk: swe_release_fn = { userData in
    guard let userData else { return }
    Unmanaged<ListenerBox>.fromOpaque(userData).release()
}

private let eventThunk: swe_event_listener = { userData, event in
    guard let userData, let event else { return 1 }
    let box = Unmanaged<ListenerBox>.fromOpaque(userData).takeUnretainedValue()
    do {
        try box.onEvent?(try ParsedEvent(borrowing: event))
        return 0
    } catch {
        return ListenerErrors.shared.put(error)
    }
}

private let jsonThunk: swe_json_listener = { userData, name, json in
    guard let userData else { return 1 }
    let box = Unmanaged<ListenerBox>.fromOpaque(userData).takeUnretainedValue()
    do {
        try box.onJSON?(string(name) ?? "", string(json) ?? "")
        return 0
    } catch {
        return ListenerErrors.shared.put(error)
    }
}

/// Dispatches events to listeners subscribed by pattern (`messages:created`, `messages:*`,
/// `*:created`, `*`). Any thread may subscribe, unsubscribe and emit at once, including
/// from inside a listener. Listeners run in subscription order on the emitting thread.
///
/// Listener closures are kept alive by the emitter until `off` (and any emit already
/// running) is done with them, or until the emitter is deinitialized; then they are released
/// exactly once.
public final class Emitter: @unchecked Sendable {
    let handle: OpaquePointer

    /// Takes the Swift error behind a listener status (for streams, which report refusals).
    static func takeListenerError(_ token: Int32) -> Error? {
        ListenerErrors.shared.take(token)
    }

    public init() throws {
        try checkABI()
        var out: OpaquePointer? = nil
        try check { swe_emitter_new(&out, $0) }
        handle = out!
    }

    deinit { swe_emitter_free(handle) }

    private func subscribe(_ pattern: String, _ box: ListenerBox,
                           _ call: (UnsafePointer<CChar>?, Int, UnsafeMutableRawPointer,
                                    UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<OpaquePointer?>) -> Int32)
        throws -> UInt64
    {
        let context = Unmanaged.passRetained(box)
        var id: UInt64 = 0
        do {
            try withText(pattern) { ptr, len in
                try check { call(ptr, len, context.toOpaque(), &id, $0) }
            }
        } catch {
            context.release() // on failure `release` never runs: the retain is still ours
            throw error
        }
        return id
    }

    /// Subscribes `listener` to events matching `pattern`; returns the subscription id.
    /// Throws `.invalidArgument` for a bad pattern.
    @discardableResult
    public func on(_ pattern: String, _ listener: @escaping EventListener) throws -> UInt64 {
        try subscribe(pattern, ListenerBox(event: listener)) { ptr, len, ctx, id, err in
            swe_emitter_on_event(handle, ptr, len, eventThunk, ctx, releaseThunk, id, err)
        }
    }

    /// Subscribes a listener that receives each matching event's full name and compact JSON
    /// (written once per emit, however many listeners take it).
    @discardableResult
    public func onJSON(_ pattern: String, _ listener: @escaping JSONListener) throws -> UInt64 {
        try subscribe(pattern, ListenerBox(json: listener)) { ptr, len, ctx, id, err in
            swe_emitter_on_json(handle, ptr, len, jsonThunk, ctx, releaseThunk, id, err)
        }
    }

    /// Unsubscribes. No call of that listener starts after this returns; its closure is
    /// released once no call is in flight. Allowed inside any listener, that one included.
    /// Throws `.notFound` for an id that is not subscribed.
    public func off(_ id: UInt64) throws {
        try check { swe_emitter_off(handle, id, $0) }
    }

    private func deliver(_ body: (UnsafeMutablePointer<Int>, UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws -> Int {
        var delivered = 0
        var error: OpaquePointer? = nil
        let status = body(&delivered, &error)
        if status == SWE_OK { return delivered }
        defer { swe_error_free(error) }
        if status == SWE_ERROR_LISTENER, let error,
           let thrown = ListenerErrors.shared.take(swe_error_listener_status(error))
        {
            throw thrown
        }
        throw SpacesWidgetEventsError(status: status, error: error)
    }

    /// Delivers an event to every matching listener, in subscription order, on this thread;
    /// returns how many listeners ran. Rethrows the first error a listener throws (delivery
    /// of the event stops there).
    @discardableResult
    public func emit(_ event: ParsedEvent) throws -> Int {
        try deliver { delivered, err in swe_emitter_emit(handle, event.handle, delivered, err) }
    }

    /// Parses `text` and delivers the event; returns how many listeners ran. Throws the
    /// parse error (no listener runs then) or the first error a listener throws.
    @discardableResult
    public func emitJSON(_ text: String, options: ParseOptions = ParseOptions()) throws -> Int {
        try options.withHandle { opts in
            try withText(text) { ptr, len in
                try deliver { delivered, err in
                    swe_emitter_emit_json(handle, opts, ptr, len, delivered, err)
                }
            }
        }
    }

    /// `emitJSON` for raw bytes, which need not be valid UTF-8 (that is reported as
    /// `.invalidUTF8`, as it would be from C).
    @discardableResult
    public func emitJSON<Bytes: Collection>(bytes: Bytes, options: ParseOptions = ParseOptions()) throws -> Int
        where Bytes.Element == UInt8
    {
        let array = Array(bytes)
        return try options.withHandle { opts in
            try array.withUnsafeBufferPointer { buf in
                try buf.withMemoryRebound(to: CChar.self) { chars in
                    try deliver { delivered, err in
                        swe_emitter_emit_json(handle, opts, chars.baseAddress, chars.count, delivered, err)
                    }
                }
            }
        }
    }
}
