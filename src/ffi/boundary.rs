//! The edge between C and Rust: panics stop here, pointers are checked here, and the few
//! unsafe dereferences live here.

use std::os::raw::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::error::swe_error;
use super::status::{SWE_OK, swe_status};
use crate::error::{Error, ErrorCode};

/// Runs `body`, turning its error or panic into a status and, when the caller wants it, an
/// error object.
pub(crate) fn guard(
    error_out: *mut *mut swe_error,
    body: impl FnOnce() -> Result<(), Error>,
) -> swe_status {
    let error = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return SWE_OK,
        Ok(Err(error)) => error,
        Err(_) => Error::new(ErrorCode::Internal, "internal error (a panic was caught)"),
    };
    let status = error.code().as_i32();
    if !error_out.is_null() {
        // SAFETY: the caller passes either NULL or a pointer to writable storage for one
        // pointer, as every export's documentation requires.
        unsafe { *error_out = super::error::into_raw(error) };
    }
    status
}

/// Runs `body` for an export that cannot report errors; a panic gives `fallback`.
pub(crate) fn guard_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

pub(crate) fn null(what: &str) -> Error {
    Error::new(ErrorCode::NullArgument, format!("`{what}` is NULL"))
}

/// The bytes of a (pointer, length) string: (NULL, 0) is empty, (NULL, n > 0) an error.
pub(crate) fn bytes_in<'a>(ptr: *const c_char, len: usize, what: &str) -> Result<&'a [u8], Error> {
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(null(what)) };
    }
    if len > isize::MAX as usize {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            format!("`{what}` length is too large"),
        ));
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr` for the call's duration.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// A UTF-8 (pointer, length) string.
pub(crate) fn str_in<'a>(ptr: *const c_char, len: usize, what: &str) -> Result<&'a str, Error> {
    std::str::from_utf8(bytes_in(ptr, len, what)?)
        .map_err(|_| Error::new(ErrorCode::InvalidUtf8, format!("`{what}` is not valid UTF-8")))
}

/// A borrowed object behind a C pointer.
pub(crate) fn ref_in<'a, C, R>(ptr: *const C, what: &str) -> Result<&'a R, Error> {
    if ptr.is_null() {
        return Err(null(what));
    }
    // SAFETY: `C` is the opaque C name of `R`; the pointer came from this library as an `R`
    // and the caller keeps it alive for the call.
    Ok(unsafe { &*ptr.cast::<R>() })
}

/// Like [`ref_in`], or `None` for NULL, for exports that answer NULL with a default.
pub(crate) fn opt_ref<'a, C, R>(ptr: *const C) -> Option<&'a R> {
    // SAFETY: as for `ref_in`.
    (!ptr.is_null()).then(|| unsafe { &*ptr.cast::<R>() })
}

/// An output pointer, checked before any work so that nothing is done for a call that could
/// not deliver its result.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    pub(crate) fn new(ptr: *mut T, what: &str) -> Result<Out<T>, Error> {
        if ptr.is_null() { Err(null(what)) } else { Ok(Out(ptr)) }
    }

    /// An optional output: NULL means the caller does not want it.
    pub(crate) fn optional(ptr: *mut T) -> Option<Out<T>> {
        (!ptr.is_null()).then_some(Out(ptr))
    }

    pub(crate) fn write(self, value: T) {
        // SAFETY: checked non-NULL at construction; the caller provides writable storage.
        unsafe { self.0.write(value) }
    }
}

/// Moves a Rust value to C as an owned opaque pointer.
pub(crate) fn into_raw<C, R>(value: R) -> *mut C {
    Box::into_raw(Box::new(value)).cast::<C>()
}

/// Takes back and drops an owned opaque pointer; NULL is ignored.
pub(crate) fn free_raw<C, R>(ptr: *mut C) {
    if !ptr.is_null() {
        // SAFETY: the pointer came from `into_raw::<C, R>` and the caller gives it up.
        drop(unsafe { Box::from_raw(ptr.cast::<R>()) });
    }
}
