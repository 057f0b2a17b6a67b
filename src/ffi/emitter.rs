//! Emitters: subscribe C callbacks by pattern, emit events or JSON text to them.

use std::os::raw::{c_char, c_void};

use super::boundary::{Out, bytes_in, free_raw, guard, guard_value, into_raw, ref_in, str_in};
use super::error::swe_error;
use super::event::{as_c, swe_event};
use super::options::{options_or_default, swe_parse_options};
use super::status::swe_status;
use super::strings::swe_str;
use crate::dispatch::{Emitter, ListenerError};
use crate::model::event::Event;

/// Dispatches events to listeners. Thread-safe: any thread may subscribe, unsubscribe and
/// emit at once, including from inside a listener (no lock is held while a listener runs).
/// Listeners run on the emitting thread. `swe_emitter_free` must not run while another
/// thread or a listener still uses the emitter.
pub struct swe_emitter {
    _private: [u8; 0],
}

/// A listener that receives each matching event as a borrowed event, valid during the call.
/// Returns 0 when handled; non-zero stops delivery of that event and makes the emitting call
/// fail with `SWE_ERROR_LISTENER`. Must not unwind (no C++ exception may leave it).
pub type swe_event_listener =
    Option<unsafe extern "C" fn(user_data: *mut c_void, event: *const swe_event) -> i32>;

/// A listener that receives each matching event as its full name and its compact JSON text
/// (in the form it arrived in), both valid during the call. Returns as `swe_event_listener`.
pub type swe_json_listener =
    Option<unsafe extern "C" fn(user_data: *mut c_void, name: swe_str, json: swe_str) -> i32>;

/// Runs exactly once per successful subscription with its `user_data`, after the last call of
/// that listener: once it is unsubscribed and any emit already under way has finished with it,
/// or when the emitter is freed. May run on any thread.
pub type swe_release_fn = Option<unsafe extern "C" fn(user_data: *mut c_void)>;

/// A host's context and its release hook; dropping it runs the hook.
struct HostContext {
    user_data: *mut c_void,
    release: swe_release_fn,
}

// SAFETY: the host promises, by subscribing, that its callbacks and user data may be used
// from whichever thread emits (documented on every subscribing function).
unsafe impl Send for HostContext {}
unsafe impl Sync for HostContext {}

impl HostContext {
    // A method, so that closures capture the whole context (Send + Sync), not the raw field.
    fn user_data(&self) -> *mut c_void {
        self.user_data
    }
}

impl Drop for HostContext {
    fn drop(&mut self) {
        if let Some(release) = self.release {
            // SAFETY: the host gave this hook for this user data; it runs exactly once, here.
            unsafe { release(self.user_data) }
        }
    }
}

fn emitter<'a>(ptr: *const swe_emitter) -> Result<&'a Emitter, crate::error::Error> {
    ref_in::<swe_emitter, Emitter>(ptr, "emitter")
}

fn refusal(status: i32) -> Result<(), ListenerError> {
    if status == 0 {
        Ok(())
    } else {
        Err(ListenerError::new(status, format!("the listener returned {status}")))
    }
}

/// Makes an emitter with no listeners. On success `*emitter_out` owns it (free with
/// `swe_emitter_free`). Errors: `SWE_ERROR_NULL_ARGUMENT`. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_emitter_new(
    emitter_out: *mut *mut swe_emitter,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(emitter_out, "emitter_out")?;
        out.write(into_raw::<swe_emitter, Emitter>(Emitter::new()));
        Ok(())
    })
}

/// Frees an emitter; each remaining listener's `release` runs here. No other thread may be
/// using the emitter, and no listener may call this on the emitter that is calling it. NULL is
/// ignored.
#[unsafe(no_mangle)]
pub extern "C" fn swe_emitter_free(emitter: *mut swe_emitter) {
    guard_value((), || free_raw::<swe_emitter, Emitter>(emitter))
}

/// Subscribes `listener` to events matching `pattern` (`pattern_len` bytes of UTF-8:
/// `messages:created`, `messages:*`, `*:created`, `*`; a final `*` also matches further
/// segments; a known name also matches its old names). `user_data` is passed to every call
/// and to `release` (may be NULL). On success `*id_out` gets the subscription's id and
/// `release` will run exactly once; on failure `release` never runs and `user_data` stays the
/// caller's. The listener may be called from any thread that emits.
///
/// Errors: `SWE_ERROR_NULL_ARGUMENT` (emitter, listener or `id_out` NULL),
/// `SWE_ERROR_INVALID_UTF8`, `SWE_ERROR_INVALID_ARGUMENT` for a bad pattern.
#[unsafe(no_mangle)]
pub extern "C" fn swe_emitter_on_event(
    emitter: *const swe_emitter,
    pattern: *const c_char,
    pattern_len: usize,
    listener: swe_event_listener,
    user_data: *mut c_void,
    release: swe_release_fn,
    id_out: *mut u64,
    error_out: *mut *mut swe_error,
) -> swe_status {
    let host = (listener, user_data, release);
    subscribe(emitter, pattern, pattern_len, id_out, error_out, host, |e, p, f, c| {
        e.on(p, move |event: &Event| {
            // SAFETY: the host registered this callback for this user data.
            refusal(unsafe { f(c.user_data(), as_c(event)) })
        })
    })
}

/// Like `swe_emitter_on_event`, with JSON delivery: the listener receives the event's full
/// name and compact JSON. The JSON is written once per emit, however many listeners take it.
#[unsafe(no_mangle)]
pub extern "C" fn swe_emitter_on_json(
    emitter: *const swe_emitter,
    pattern: *const c_char,
    pattern_len: usize,
    listener: swe_json_listener,
    user_data: *mut c_void,
    release: swe_release_fn,
    id_out: *mut u64,
    error_out: *mut *mut swe_error,
) -> swe_status {
    let host = (listener, user_data, release);
    subscribe(emitter, pattern, pattern_len, id_out, error_out, host, |e, p, f, c| {
        e.on_json(p, move |name: &str, json: &str| {
            // Both texts are followed by a NUL: the name lives in the event's arena, and the
            // emitter writes the JSON with one after it.
            let (name, json) = (swe_str::of_terminated(name), swe_str::of_terminated(json));
            // SAFETY: the host registered this callback for this user data.
            refusal(unsafe { f(c.user_data(), name, json) })
        })
    })
}

/// The checks both subscribing exports share. The host's context (whose drop runs `release`)
/// is made only once every check has passed, so a failed subscription never releases what the
/// caller still owns.
fn subscribe<F>(
    emitter: *const swe_emitter,
    pattern: *const c_char,
    pattern_len: usize,
    id_out: *mut u64,
    error_out: *mut *mut swe_error,
    (listener, user_data, release): (Option<F>, *mut c_void, swe_release_fn),
    on: impl FnOnce(&Emitter, &str, F, HostContext) -> Result<u64, crate::error::Error>,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(id_out, "id_out")?;
        let emitter = self::emitter(emitter)?;
        let pattern = str_in(pattern, pattern_len, "pattern")?;
        let callback = listener.ok_or_else(|| super::boundary::null("listener"))?;
        crate::dispatch::Pattern::new(pattern)?;
        out.write(on(emitter, pattern, callback, HostContext { user_data, release })?);
        Ok(())
    })
}

/// Unsubscribes. Emits that start after this returns do not call the listener; an emit already
/// under way on another thread may still call it once (no lock is held while listeners run).
/// Its `release` runs after that last call: free `user_data` there, not after this returns.
/// May be called from inside any listener, that one included. Errors: `SWE_ERROR_NULL_ARGUMENT`,
/// `SWE_ERROR_NOT_FOUND` for an id that is not subscribed.
#[unsafe(no_mangle)]
pub extern "C" fn swe_emitter_off(
    emitter: *const swe_emitter,
    id: u64,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || self::emitter(emitter)?.off(id))
}

/// Delivers a borrowed event to every matching listener in subscription order, on this
/// thread. `*delivered_out`, when not NULL, gets how many listeners ran (written on success
/// only). Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_LISTENER` when a listener returned
/// non-zero (delivery of the event stopped there; the error carries the returned value).
#[unsafe(no_mangle)]
pub extern "C" fn swe_emitter_emit(
    emitter: *const swe_emitter,
    event: *const swe_event,
    delivered_out: *mut usize,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let emitter = self::emitter(emitter)?;
        let event = ref_in::<swe_event, Event>(event, "event")?;
        let delivered = emitter.emit(event)?;
        if let Some(out) = Out::optional(delivered_out) {
            out.write(delivered);
        }
        Ok(())
    })
}

/// Parses `len` bytes of text (as `swe_event_parse` does, with `options` or the defaults for
/// NULL) and delivers the event as `swe_emitter_emit` does. Errors: every error of
/// `swe_event_parse` (no listener runs then) and of `swe_emitter_emit`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_emitter_emit_json(
    emitter: *const swe_emitter,
    options: *const swe_parse_options,
    text: *const c_char,
    len: usize,
    delivered_out: *mut usize,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let emitter = self::emitter(emitter)?;
        let text = bytes_in(text, len, "text")?;
        let delivered = emitter.emit_json_with(text, &options_or_default(options))?;
        if let Some(out) = Out::optional(delivered_out) {
            out.write(delivered);
        }
        Ok(())
    })
}
