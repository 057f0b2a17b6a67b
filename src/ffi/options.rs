//! Parse options: syntax, limits and warning policy.

use super::boundary::{Out, free_raw, guard, into_raw};
use super::error::swe_error;
use super::status::swe_status;
use crate::error::{Error, ErrorCode};
use crate::options::{ParseOptions, Syntax};

/// How text is parsed. Made with `swe_parse_options_new`, freed with `swe_parse_options_free`.
/// Set it up on one thread; once set up, any number of threads may parse with it at once
/// (parsing only reads it). Changing it while another thread parses with it is not allowed.
pub struct swe_parse_options {
    _private: [u8; 0],
}

/// A syntax, passed as an integer: `SWE_SYNTAX_JSON` or `SWE_SYNTAX_LITERAL`.
pub type swe_syntax = u32;
/// Strict JSON (RFC 8259), as a bridge's `JSON.stringify` writes it. The default.
pub const SWE_SYNTAX_JSON: swe_syntax = 0;
/// JavaScript object-literal syntax, as the widget's documentation writes its samples: JSON
/// plus single-quoted strings, unquoted keys, trailing commas, comments, `undefined` and
/// JavaScript's string escapes (but the legacy `\1` to `\9`, which strict code refuses too).
pub const SWE_SYNTAX_LITERAL: swe_syntax = 1;

/// A limit, passed as an integer to `swe_parse_options_set_limit`.
pub type swe_limit = u32;
/// Longest input text in bytes. Default 8 MiB (8388608); at most 1 GiB.
pub const SWE_LIMIT_MAX_INPUT_BYTES: swe_limit = 1;
/// Deepest nesting of objects and arrays; the event's detail is depth 1 (a wrapper around it
/// does not count). Default 64; at most 100000.
pub const SWE_LIMIT_MAX_DEPTH: swe_limit = 2;
/// Longest string in bytes once decoded. Default 1 MiB (1048576); at most 1 GiB.
pub const SWE_LIMIT_MAX_STRING_BYTES: swe_limit = 3;

fn options_mut<'a>(options: *mut swe_parse_options) -> Result<&'a mut ParseOptions, Error> {
    if options.is_null() {
        return Err(super::boundary::null("options"));
    }
    // SAFETY: made by `swe_parse_options_new`; the caller has exclusive use while setting up.
    Ok(unsafe { &mut *options.cast::<ParseOptions>() })
}

/// Makes options with the defaults: strict JSON, default limits, warnings kept as warnings.
/// On success `*options_out` owns them (free with `swe_parse_options_free`).
/// Errors: `SWE_ERROR_NULL_ARGUMENT` when `options_out` is NULL. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_parse_options_new(
    options_out: *mut *mut swe_parse_options,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(options_out, "options_out")?;
        out.write(into_raw::<swe_parse_options, ParseOptions>(ParseOptions::default()));
        Ok(())
    })
}

/// Frees options. NULL is ignored.
#[unsafe(no_mangle)]
pub extern "C" fn swe_parse_options_free(options: *mut swe_parse_options) {
    super::boundary::guard_value((), || free_raw::<swe_parse_options, ParseOptions>(options))
}

/// Sets the syntax. Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_INVALID_ARGUMENT` for a value
/// that is not a `SWE_SYNTAX_*`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_parse_options_set_syntax(
    options: *mut swe_parse_options,
    syntax: swe_syntax,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let options = options_mut(options)?;
        options.syntax = match syntax {
            SWE_SYNTAX_JSON => Syntax::Json,
            SWE_SYNTAX_LITERAL => Syntax::Literal,
            other => return Err(invalid(format!("unknown syntax {other}"))),
        };
        Ok(())
    })
}

/// Sets one limit. Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_INVALID_ARGUMENT` for an
/// unknown `SWE_LIMIT_*` or a value out of range (0, or past the ceiling); the options are then
/// unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn swe_parse_options_set_limit(
    options: *mut swe_parse_options,
    limit: swe_limit,
    value: usize,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let options = options_mut(options)?;
        let mut limits = options.limits;
        match limit {
            SWE_LIMIT_MAX_INPUT_BYTES => limits.max_input_bytes = value,
            SWE_LIMIT_MAX_DEPTH => limits.max_depth = value,
            SWE_LIMIT_MAX_STRING_BYTES => limits.max_string_bytes = value,
            other => return Err(invalid(format!("unknown limit {other}"))),
        }
        limits.validate()?;
        options.limits = limits;
        Ok(())
    })
}

/// When `enabled`, the first warning fails a parse with `SWE_ERROR_VALIDATION` (its message,
/// path and position are the warning's). Errors: `SWE_ERROR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_parse_options_set_warnings_as_errors(
    options: *mut swe_parse_options,
    enabled: bool,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        options_mut(options)?.warnings_as_errors = enabled;
        Ok(())
    })
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidArgument, message)
}

/// The options behind a C pointer, or the defaults for NULL.
pub(crate) fn options_or_default(options: *const swe_parse_options) -> ParseOptions {
    super::boundary::opt_ref::<swe_parse_options, ParseOptions>(options)
        .copied()
        .unwrap_or_default()
}
