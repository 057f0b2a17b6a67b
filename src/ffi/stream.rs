//! Streams: newline-delimited events fed in chunks, delivered to an emitter.

use std::os::raw::{c_char, c_void};

use super::boundary::{Out, bytes_in, free_raw, guard, guard_value, into_raw, ref_in};
use super::emitter::swe_emitter;
use super::error::swe_error;
use super::options::{options_or_default, swe_parse_options};
use super::status::swe_status;
use crate::dispatch::Emitter;
use crate::error::Error;
use crate::stream::{Flow, Line, Stream};

/// A reader of newline-delimited events fed in chunks split anywhere. Not thread-safe: use one
/// from one thread at a time (it may move between threads). Made by `swe_stream_new`, freed
/// with `swe_stream_free`.
pub struct swe_stream {
    _private: [u8; 0],
}

/// Receives a bad line's error (borrowed for the call; its line and offset count from the
/// start of the stream), or a listener's refusal of a line's event. Returns 0 to go on;
/// non-zero stops the feed, which then fails with `SWE_ERROR_LISTENER` and keeps the unread
/// bytes for the next call.
pub type swe_stream_error_fn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, error: *const swe_error) -> i32>;

/// What a stream has read so far.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_stream_stats {
    /// Events delivered to the emitter.
    pub events: usize,
    /// Lines that failed (parse errors and refusals).
    pub errors: usize,
    /// The number of the next line to be read (1-based).
    pub next_line: usize,
    /// Bytes held for a line not yet complete.
    pub buffered: usize,
}

struct StreamObject {
    stream: Stream,
    events: usize,
    errors: usize,
}

fn object<'a>(stream: *mut swe_stream) -> Result<&'a mut StreamObject, Error> {
    if stream.is_null() {
        return Err(super::boundary::null("stream"));
    }
    // SAFETY: made by `swe_stream_new`; the caller uses it from one thread at a time.
    Ok(unsafe { &mut *stream.cast::<StreamObject>() })
}

/// Makes a stream that parses each line with `options` (NULL: strict JSON, default limits; a
/// line longer than max-input-bytes is reported once and skipped without being kept). On
/// success `*stream_out` owns it. Errors: `SWE_ERROR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_stream_new(
    options: *const swe_parse_options,
    stream_out: *mut *mut swe_stream,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(stream_out, "stream_out")?;
        let stream = Stream::new(options_or_default(options));
        out.write(into_raw::<swe_stream, StreamObject>(StreamObject {
            stream,
            events: 0,
            errors: 0,
        }));
        Ok(())
    })
}

/// Frees a stream; bytes of an unfinished line are dropped. NULL is ignored.
#[unsafe(no_mangle)]
pub extern "C" fn swe_stream_free(stream: *mut swe_stream) {
    guard_value((), || free_raw::<swe_stream, StreamObject>(stream))
}

/// Feeds `len` bytes (split anywhere, even inside a UTF-8 sequence). Each complete line's
/// event is emitted to `emitter`; blank lines are skipped and a `\r` before `\n` dropped. A bad
/// line, or a listener's refusal, goes to `on_error` (may be NULL) and the stream goes on.
/// Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_LISTENER` when `on_error` returned non-zero
/// (the unread bytes are kept and read first by the next call).
#[unsafe(no_mangle)]
pub extern "C" fn swe_stream_feed(
    stream: *mut swe_stream,
    bytes: *const c_char,
    len: usize,
    emitter: *const swe_emitter,
    on_error: swe_stream_error_fn,
    user_data: *mut c_void,
    error_out: *mut *mut swe_error,
) -> swe_status {
    let host = Host { emitter, on_error, user_data };
    read(stream, host, error_out, |stream, deliver| {
        let bytes = bytes_in(bytes, len, "bytes")?;
        Ok(stream.feed_lines(bytes, deliver))
    })
}

/// Ends the stream: a last line without a newline is read and delivered as by
/// `swe_stream_feed`, with the same errors.
#[unsafe(no_mangle)]
pub extern "C" fn swe_stream_finish(
    stream: *mut swe_stream,
    emitter: *const swe_emitter,
    on_error: swe_stream_error_fn,
    user_data: *mut c_void,
    error_out: *mut *mut swe_error,
) -> swe_status {
    let host = Host { emitter, on_error, user_data };
    read(stream, host, error_out, |stream, deliver| Ok(stream.finish_lines(deliver)))
}

/// Fills `*stats_out` with what the stream has read so far. Errors: `SWE_ERROR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_stream_get_stats(
    stream: *mut swe_stream,
    stats_out: *mut swe_stream_stats,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(stats_out, "stats_out")?;
        let object = object(stream)?;
        out.write(swe_stream_stats {
            events: object.events,
            errors: object.errors,
            next_line: object.stream.line(),
            buffered: object.stream.buffered(),
        });
        Ok(())
    })
}

/// Where a feed's lines go: the emitter, and the host's error callback.
struct Host {
    emitter: *const swe_emitter,
    on_error: swe_stream_error_fn,
    user_data: *mut c_void,
}

/// Runs one feed or finish: checks the arguments, delivers every line, and turns a stop by the
/// error callback into `SWE_ERROR_LISTENER`.
fn read(
    stream: *mut swe_stream,
    host: Host,
    error_out: *mut *mut swe_error,
    op: impl FnOnce(
        &mut Stream,
        &mut dyn FnMut(Line, Result<crate::Event, Error>) -> Flow,
    ) -> Result<Flow, Error>,
) -> swe_status {
    guard(error_out, || {
        let object = object(stream)?;
        let emitter = ref_in::<swe_emitter, Emitter>(host.emitter, "emitter")?;
        let StreamObject { stream, events, errors } = object;
        let mut stopped = 0;
        let mut deliver = |line: Line, item: Result<crate::Event, Error>| {
            // A listener's refusal is placed at the line of the event it refused.
            let emitted = match item {
                // Borrowed where it lies: an event is too big to move for nothing.
                Ok(ref event) => {
                    emitter.emit(event).map_err(|e| e.in_stream(line.number, line.offset))
                }
                Err(error) => Err(error),
            };
            let error = match emitted {
                Ok(_) => {
                    *events += 1;
                    return Flow::Continue;
                }
                Err(error) => error,
            };
            *errors += 1;
            let Some(callback) = host.on_error else { return Flow::Continue };
            let raw = super::error::into_raw(error);
            // SAFETY: the host registered this callback for this user data; the error is
            // borrowed for the call.
            let status = unsafe { callback(host.user_data, raw) };
            super::error::swe_error_free(raw);
            if status == 0 {
                return Flow::Continue;
            }
            stopped = status;
            Flow::Stop
        };
        let flow = op(stream, &mut deliver)?;
        finish_status(flow, stopped)
    })
}

fn finish_status(flow: Flow, stopped: i32) -> Result<(), Error> {
    match flow {
        Flow::Continue => Ok(()),
        Flow::Stop => {
            Err(Error::listener(stopped, format!("the error callback returned {stopped}")))
        }
    }
}
