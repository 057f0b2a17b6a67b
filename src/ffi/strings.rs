//! Strings across the boundary: borrowed views out, owned JSON text out.

use std::ffi::CString;
use std::os::raw::c_char;

use super::boundary::guard_value;

/// A borrowed UTF-8 string: `len` bytes at `ptr`, followed by a NUL for convenience (`len` is
/// the truth when the text holds a NUL). `ptr == NULL` means absent. Valid as long as the
/// object it came from.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_str {
    /// The first byte, or NULL when the value is absent.
    pub ptr: *const c_char,
    /// The length in bytes, without the trailing NUL.
    pub len: usize,
}

impl swe_str {
    pub(crate) const ABSENT: swe_str = swe_str { ptr: std::ptr::null(), len: 0 };

    /// A view of `s`, which must be followed in memory by a NUL byte.
    pub(crate) fn of_terminated(s: &str) -> swe_str {
        swe_str { ptr: s.as_ptr().cast(), len: s.len() }
    }
}

/// Frees a string the library returned as owned (e.g. by `swe_event_to_json`). NULL is
/// ignored. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_string_free(string: *mut c_char) {
    guard_value((), || {
        if !string.is_null() {
            // SAFETY: the library made this pointer with `CString::into_raw`, and the caller
            // gives it back once.
            drop(unsafe { CString::from_raw(string) });
        }
    })
}

/// Moves text to C as an owned NUL-terminated string. JSON written by the library never holds
/// a raw NUL (it is escaped), so the conversion cannot fail there.
pub(crate) fn owned(text: String) -> (*mut c_char, usize) {
    let len = text.len();
    let c = CString::new(text).unwrap_or_else(|e| {
        let mut bytes = e.into_vec();
        bytes.retain(|&b| b != 0);
        CString::new(bytes).expect("NULs removed")
    });
    (c.into_raw(), len)
}
