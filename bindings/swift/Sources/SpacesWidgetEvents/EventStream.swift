import CSpacesWidgetEvents

/// Called for each line a stream could not deliver: a bad line (`status` is the parse error;
/// `line`, `column` and `offset` count from the start of the stream), or an event a listener
/// refused (`status == .listener`, and `listenerError` is what the listener threw). Throwing
/// stops the feed, which rethrows the error and keeps the unread bytes for the next call.
public typealias StreamErrorHandler = (SpacesWidgetEventsError) throws -> Void

/// The context of one `feed` or `finish` call (the C callback runs during the call only).
private final class FeedContext {
    let handler: StreamErrorHandler?
    var thrown: Error?
    init(_ handler: StreamErrorHandler?) { self.handler = handler }
}

private let streamErrorThunk: swe_stream_error_fn = { userData, error in
    guard let userData else { return 0 }
    let context = Unmanaged<FeedContext>.fromOpaque(userData).takeUnretainedValue()
    var details = SpacesWidgetEventsError(status: swe_error_code(error), error: error)
    if details.status == .listener {
        // Always taken, handler or not, so that nothing is left behind.
        details.listenerError = Emitter.takeListenerError(details.listenerStatus)
    }
    guard let handler = context.handler else { return 0 }
    do {
        try handler(details)
        return 0
    } catch {
        context.thrown = error
        return 1
    }
}

/// Reads newline-delimited events fed in chunks split anywhere (even inside a UTF-8
/// sequence) and emits each complete line's event to an emitter. Blank lines are skipped and a
/// `\r` before `\n` is dropped. A bad line goes to the error handler and reading goes on.
///
/// Not thread-safe: use one from one thread at a time (it may move between threads).
public final class EventStream {
    /// What a stream has read so far.
    public struct Stats: Hashable, Sendable {
        /// Events delivered to the emitter.
        public let events: Int
        /// Lines that failed (parse errors and refusals).
        public let errors: Int
        /// The number of the next line to be read (1-based).
        public let nextLine: Int
        /// Bytes held for a line not yet complete.
        public let buffered: Int
    }

    private let handle: OpaquePointer

    /// A stream that parses each line with `options` (a line longer than `maxInputBytes` is
    /// reported once and skipped without being kept).
    public init(options: ParseOptions = ParseOptions()) throws {
        try checkABI()
        var out: OpaquePointer? = nil
        try options.withHandle { opts in
            try check { swe_stream_new(opts, &out, $0) }
        }
        handle = out!
    }

    deinit { swe_stream_free(handle) }

    private func run(_ onError: StreamErrorHandler?,
                     _ body: (UnsafeMutableRawPointer, UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws {
        let context = FeedContext(onError)
        try withExtendedLifetime(context) {
            var error: OpaquePointer? = nil
            let status = body(Unmanaged.passUnretained(context).toOpaque(), &error)
            if status == SWE_OK { return }
            defer { swe_error_free(error) }
            if let thrown = context.thrown { throw thrown }
            throw SpacesWidgetEventsError(status: status, error: error)
        }
    }

    /// Feeds bytes; each complete line's event is emitted to `emitter`. Rethrows what
    /// `onError` throws (the unread bytes are kept and read first by the next call).
    public func feed<Bytes: Collection>(_ bytes: Bytes, to emitter: Emitter,
                                        onError: StreamErrorHandler? = nil) throws where Bytes.Element == UInt8 {
        let array = Array(bytes)
        try array.withUnsafeBufferPointer { buf in
            try buf.withMemoryRebound(to: CChar.self) { chars in
                try run(onError) { context, err in
                    swe_stream_feed(handle, chars.baseAddress, chars.count, emitter.handle,
                                    streamErrorThunk, context, err)
                }
            }
        }
    }

    /// Feeds text (see `feed(_:to:onError:)` for bytes).
    public func feed(_ text: String, to emitter: Emitter, onError: StreamErrorHandler? = nil) throws {
        try feed(Array(text.utf8), to: emitter, onError: onError)
    }

    /// Ends the stream: a last line without a newline is read and delivered as by `feed`.
    public func finish(to emitter: Emitter, onError: StreamErrorHandler? = nil) throws {
        try run(onError) { context, err in
            swe_stream_finish(handle, emitter.handle, streamErrorThunk, context, err)
        }
    }

    /// What the stream has read so far.
    public var stats: Stats {
        var s = swe_stream_stats()
        _ = swe_stream_get_stats(handle, &s, nil)
        return Stats(events: s.events, errors: s.errors, nextLine: s.next_line, buffered: s.buffered)
    }
}
