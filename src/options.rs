//! How text is read: its syntax and the limits that keep hostile input cheap.

use crate::error::{Error, ErrorCode};

/// The longest number, in characters, the parser accepts. Widget events carry small numbers;
/// a longer one is hostile or broken, and some hosts (Python's `int`) refuse such numbers.
pub const MAX_NUMBER_LEN: usize = 100;

/// The syntax of the text to parse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Syntax {
    /// Strict JSON (RFC 8259), as a bridge's `JSON.stringify` writes it.
    #[default]
    Json,
    /// JavaScript object-literal syntax, as the widget's documentation writes its samples:
    /// JSON plus single-quoted strings, unquoted identifier keys, trailing commas, `//` and
    /// `/* */` comments, and `undefined` (a member whose value is `undefined` is left out, as
    /// `JSON.stringify` does; in an array it reads as `null`). Strings take JavaScript's
    /// escapes (`\'`, `\v`, `\0`, `\xHH`, `\u{H...}`, line continuations, any other
    /// character escaping itself) except those strict code refuses: `\1` to `\9` and `\0`
    /// before a digit are errors.
    Literal,
}

/// Bounds on what one parse may consume.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest input text, in bytes. Default 8 MiB; at most [`Limits::MAX_INPUT_BYTES`].
    pub max_input_bytes: usize,
    /// Deepest nesting of objects and arrays; the event's detail is depth 1 (a wrapper around
    /// it does not count). Default 64; at most 100,000.
    pub max_depth: usize,
    /// Longest string, in bytes once decoded. Default 1 MiB; at most 1 GiB.
    pub max_string_bytes: usize,
}

impl Limits {
    /// The largest `max_input_bytes` a host may set (1 GiB): offsets inside an event are
    /// 32-bit.
    ///
    /// cbindgen:ignore
    pub const MAX_INPUT_BYTES: usize = 1 << 30;

    /// Checks that every limit is positive and within its ceiling.
    #[inline]
    pub fn validate(&self) -> Result<(), Error> {
        // A limit minus one is below its ceiling exactly when it is from 1 to the ceiling.
        let within = |limit: usize, ceiling: usize| limit.wrapping_sub(1) < ceiling;
        if within(self.max_input_bytes, Self::MAX_INPUT_BYTES)
            && within(self.max_depth, 100_000)
            && within(self.max_string_bytes, Self::MAX_INPUT_BYTES)
        {
            return Ok(());
        }
        self.refusal()
    }

    /// What [`Limits::validate`] says of limits it does not pass.
    #[cold]
    #[inline(never)]
    fn refusal(&self) -> Result<(), Error> {
        let bad = |what: &str| Err(Error::new(ErrorCode::InvalidArgument, what.to_string()));
        if self.max_input_bytes == 0 || self.max_input_bytes > Self::MAX_INPUT_BYTES {
            return bad("max_input_bytes must be between 1 and 1 GiB");
        }
        if self.max_depth == 0 || self.max_depth > 100_000 {
            return bad("max_depth must be between 1 and 100000");
        }
        if self.max_string_bytes == 0 || self.max_string_bytes > Self::MAX_INPUT_BYTES {
            return bad("max_string_bytes must be between 1 and 1 GiB");
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_input_bytes: 8 << 20, max_depth: 64, max_string_bytes: 1 << 20 }
    }
}

/// Everything a parse can be told.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Strict JSON (the default) or JavaScript object-literal syntax.
    pub syntax: Syntax,
    /// Size and depth bounds.
    pub limits: Limits,
    /// When set, the first warning fails the parse with [`ErrorCode::Validation`].
    pub warnings_as_errors: bool,
}

impl ParseOptions {
    /// Default options with literal syntax.
    pub fn literal() -> ParseOptions {
        ParseOptions { syntax: Syntax::Literal, ..ParseOptions::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_is_taken_from_one_to_its_ceiling_and_refused_outside() {
        let ceilings = [
            (Limits::MAX_INPUT_BYTES, "max_input_bytes must be between 1 and 1 GiB"),
            (100_000, "max_depth must be between 1 and 100000"),
            (Limits::MAX_INPUT_BYTES, "max_string_bytes must be between 1 and 1 GiB"),
        ];
        for (which, (ceiling, message)) in ceilings.into_iter().enumerate() {
            let with = |value: usize| {
                let mut limits = Limits::default();
                *[
                    &mut limits.max_input_bytes,
                    &mut limits.max_depth,
                    &mut limits.max_string_bytes,
                ]
                .into_iter()
                .nth(which)
                .unwrap() = value;
                limits.validate()
            };
            for good in [1, 2, ceiling - 1, ceiling] {
                assert_eq!(with(good), Ok(()), "limit {which} = {good}");
            }
            for bad in [0, ceiling + 1, usize::MAX] {
                let error = with(bad).unwrap_err();
                assert_eq!(error.code(), ErrorCode::InvalidArgument, "limit {which} = {bad}");
                assert_eq!(error.message(), message, "limit {which} = {bad}");
            }
        }
        assert_eq!(Limits::default().validate(), Ok(()));
    }
}
