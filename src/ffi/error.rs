//! Error objects: code, message, position and path of a failure.

use super::boundary::{free_raw, guard_value, opt_ref};
use super::status::swe_status;
use super::strings::swe_str;
use crate::error::Error;

/// Details of a failure: read with the `swe_error_*` accessors, free with `swe_error_free`.
/// Immutable: any thread may read one.
pub struct swe_error {
    _private: [u8; 0],
}

/// The Rust side of `swe_error`: the error plus NUL-terminated copies of its texts.
pub(crate) struct ErrorObject {
    error: Error,
    message: String,
    path: String,
}

pub(crate) fn into_raw(error: Error) -> *mut swe_error {
    let message = format!("{}\0", error.message());
    let path = format!("{}\0", error.path());
    super::boundary::into_raw::<swe_error, ErrorObject>(ErrorObject { error, message, path })
}

fn get(error: *const swe_error) -> Option<&'static ErrorObject> {
    opt_ref::<swe_error, ErrorObject>(error)
}

fn text(s: &str) -> swe_str {
    swe_str { ptr: s.as_ptr().cast(), len: s.len() - 1 }
}

/// The error's status (a negative `SWE_ERROR_*`); 0 for a NULL error. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_error_code(error: *const swe_error) -> swe_status {
    guard_value(0, || get(error).map_or(0, |e| e.error.code().as_i32()))
}

/// A sentence for people, e.g. "expected ',' or '}' after a member, found `data`". Valid
/// until the error is freed; absent (`ptr == NULL`) for a NULL error. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_error_message(error: *const swe_error) -> swe_str {
    guard_value(swe_str::ABSENT, || get(error).map_or(swe_str::ABSENT, |e| text(&e.message)))
}

/// The JSON path of the offending field relative to the event's detail, e.g.
/// `data.roomType`; empty when the error is about the whole text or has no field. Valid until
/// the error is freed; absent for a NULL error. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_error_path(error: *const swe_error) -> swe_str {
    guard_value(swe_str::ABSENT, || get(error).map_or(swe_str::ABSENT, |e| text(&e.path)))
}

/// Byte offset of the error in the text (0-based); 0 when it has no position. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_error_offset(error: *const swe_error) -> usize {
    guard_value(0, || get(error).and_then(|e| e.error.position()).map_or(0, |p| p.offset))
}

/// Line of the error in the text (1-based); 0 when it has no position. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_error_line(error: *const swe_error) -> usize {
    guard_value(0, || get(error).and_then(|e| e.error.position()).map_or(0, |p| p.line))
}

/// Column of the error (1-based, in Unicode scalar values); 0 when it has no position. Any
/// thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_error_column(error: *const swe_error) -> usize {
    guard_value(0, || get(error).and_then(|e| e.error.position()).map_or(0, |p| p.column))
}

/// For `SWE_ERROR_LISTENER`: the non-zero value the listener returned; otherwise 0. Any
/// thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_error_listener_status(error: *const swe_error) -> i32 {
    guard_value(0, || get(error).map_or(0, |e| e.error.listener_status()))
}

/// Frees an error. NULL is ignored. Any thread, once no other thread reads it.
#[unsafe(no_mangle)]
pub extern "C" fn swe_error_free(error: *mut swe_error) {
    guard_value((), || free_raw::<swe_error, ErrorObject>(error))
}
