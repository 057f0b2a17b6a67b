//! Status codes: 0 is success, errors are negative, numbers are stable and never reused.

use std::os::raw::c_char;

use super::boundary::guard_value;
use crate::error::ErrorCode;

/// The result of every fallible function: `SWE_OK` (0) or a negative `SWE_ERROR_*` code.
pub type swe_status = i32;

/// Success.
pub const SWE_OK: swe_status = 0;
/// A required pointer argument was NULL, or a (NULL, n > 0) string was passed.
pub const SWE_ERROR_NULL_ARGUMENT: swe_status = -1;
/// An argument is outside its domain: an unknown enum value or flag, a bad pattern, a bad
/// limit.
pub const SWE_ERROR_INVALID_ARGUMENT: swe_status = -2;
/// The library failed internally (a caught panic). Please report it.
pub const SWE_ERROR_INTERNAL: swe_status = -3;
/// The input is not valid UTF-8.
pub const SWE_ERROR_INVALID_UTF8: swe_status = -10;
/// The input is not valid JSON (or, in literal mode, not a valid object literal).
pub const SWE_ERROR_SYNTAX: swe_status = -11;
/// The input ended before the text was complete.
pub const SWE_ERROR_TRUNCATED: swe_status = -12;
/// The input is larger than the max-input-bytes limit.
pub const SWE_ERROR_INPUT_TOO_LARGE: swe_status = -13;
/// Objects and arrays nest deeper than the max-depth limit.
pub const SWE_ERROR_TOO_DEEP: swe_status = -14;
/// A string is longer than the max-string-bytes limit.
pub const SWE_ERROR_STRING_TOO_LONG: swe_status = -15;
/// A number has more than 100 characters.
pub const SWE_ERROR_NUMBER_TOO_LONG: swe_status = -16;
/// A string holds an invalid escape, an unpaired surrogate or a raw control character.
pub const SWE_ERROR_INVALID_STRING: swe_status = -17;
/// An object the library models (wrapper, envelope, data) holds the same key twice.
pub const SWE_ERROR_DUPLICATE_KEY: swe_status = -18;
/// A known field holds a value of the wrong JSON type.
pub const SWE_ERROR_WRONG_TYPE: swe_status = -20;
/// `resource`, `event` or `data` (or a wrapper's `name` or `detail`) is absent.
pub const SWE_ERROR_MISSING_FIELD: swe_status = -21;
/// A value has the right type but cannot be used (an empty event name).
pub const SWE_ERROR_INVALID_VALUE: swe_status = -22;
/// A warning was raised while the options turn warnings into errors.
pub const SWE_ERROR_VALIDATION: swe_status = -23;
/// An accessor was called for another kind of event than the one at hand.
pub const SWE_ERROR_WRONG_KIND: swe_status = -30;
/// No subscription has that id, or `data` has no member with that key.
pub const SWE_ERROR_NOT_FOUND: swe_status = -31;
/// An index is past the end of a list.
pub const SWE_ERROR_OUT_OF_RANGE: swe_status = -32;
/// A listener returned non-zero; delivery of that event stopped. The error object's
/// `swe_error_listener_status` gives the value it returned.
pub const SWE_ERROR_LISTENER: swe_status = -40;

/// The name of a status, e.g. `"SWE_ERROR_SYNTAX"`; `"SWE_OK"` for 0 and
/// `"SWE_ERROR_UNKNOWN"` for a number that is no status. Never NULL; the string is static.
/// Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_status_str(status: swe_status) -> *const c_char {
    guard_value(c"SWE_ERROR_UNKNOWN".as_ptr(), || {
        if status == SWE_OK {
            return c"SWE_OK".as_ptr();
        }
        match ErrorCode::from_i32(status) {
            Some(code) => name_cstr(code).as_ptr(),
            None => c"SWE_ERROR_UNKNOWN".as_ptr(),
        }
    })
}

fn name_cstr(code: ErrorCode) -> &'static std::ffi::CStr {
    match code {
        ErrorCode::NullArgument => c"SWE_ERROR_NULL_ARGUMENT",
        ErrorCode::InvalidArgument => c"SWE_ERROR_INVALID_ARGUMENT",
        ErrorCode::Internal => c"SWE_ERROR_INTERNAL",
        ErrorCode::InvalidUtf8 => c"SWE_ERROR_INVALID_UTF8",
        ErrorCode::Syntax => c"SWE_ERROR_SYNTAX",
        ErrorCode::Truncated => c"SWE_ERROR_TRUNCATED",
        ErrorCode::InputTooLarge => c"SWE_ERROR_INPUT_TOO_LARGE",
        ErrorCode::TooDeep => c"SWE_ERROR_TOO_DEEP",
        ErrorCode::StringTooLong => c"SWE_ERROR_STRING_TOO_LONG",
        ErrorCode::NumberTooLong => c"SWE_ERROR_NUMBER_TOO_LONG",
        ErrorCode::InvalidString => c"SWE_ERROR_INVALID_STRING",
        ErrorCode::DuplicateKey => c"SWE_ERROR_DUPLICATE_KEY",
        ErrorCode::WrongType => c"SWE_ERROR_WRONG_TYPE",
        ErrorCode::MissingField => c"SWE_ERROR_MISSING_FIELD",
        ErrorCode::InvalidValue => c"SWE_ERROR_INVALID_VALUE",
        ErrorCode::Validation => c"SWE_ERROR_VALIDATION",
        ErrorCode::WrongKind => c"SWE_ERROR_WRONG_KIND",
        ErrorCode::NotFound => c"SWE_ERROR_NOT_FOUND",
        ErrorCode::OutOfRange => c"SWE_ERROR_OUT_OF_RANGE",
        ErrorCode::Listener => c"SWE_ERROR_LISTENER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_match_the_rust_codes_and_names() {
        let table = [
            (SWE_ERROR_NULL_ARGUMENT, ErrorCode::NullArgument),
            (SWE_ERROR_INVALID_ARGUMENT, ErrorCode::InvalidArgument),
            (SWE_ERROR_INTERNAL, ErrorCode::Internal),
            (SWE_ERROR_INVALID_UTF8, ErrorCode::InvalidUtf8),
            (SWE_ERROR_SYNTAX, ErrorCode::Syntax),
            (SWE_ERROR_TRUNCATED, ErrorCode::Truncated),
            (SWE_ERROR_INPUT_TOO_LARGE, ErrorCode::InputTooLarge),
            (SWE_ERROR_TOO_DEEP, ErrorCode::TooDeep),
            (SWE_ERROR_STRING_TOO_LONG, ErrorCode::StringTooLong),
            (SWE_ERROR_NUMBER_TOO_LONG, ErrorCode::NumberTooLong),
            (SWE_ERROR_INVALID_STRING, ErrorCode::InvalidString),
            (SWE_ERROR_DUPLICATE_KEY, ErrorCode::DuplicateKey),
            (SWE_ERROR_WRONG_TYPE, ErrorCode::WrongType),
            (SWE_ERROR_MISSING_FIELD, ErrorCode::MissingField),
            (SWE_ERROR_INVALID_VALUE, ErrorCode::InvalidValue),
            (SWE_ERROR_VALIDATION, ErrorCode::Validation),
            (SWE_ERROR_WRONG_KIND, ErrorCode::WrongKind),
            (SWE_ERROR_NOT_FOUND, ErrorCode::NotFound),
            (SWE_ERROR_OUT_OF_RANGE, ErrorCode::OutOfRange),
            (SWE_ERROR_LISTENER, ErrorCode::Listener),
        ];
        assert_eq!(table.len(), ErrorCode::ALL.len());
        for (number, code) in table {
            assert_eq!(number, code.as_i32());
            assert_eq!(name_cstr(code).to_str().unwrap(), code.name());
        }
    }
}
