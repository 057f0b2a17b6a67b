//! Errors: what went wrong, where in the text, and in which field.

use std::fmt;

/// What went wrong, as a stable number.
///
/// The numbers are the C ABI's `swe_status` values: negative, stable, never reused. New codes
/// may be added, so matches need a catch-all arm.
///
/// cbindgen:ignore
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// A required pointer argument was NULL (C ABI only).
    NullArgument = -1,
    /// An argument was out of its domain: an unknown enum value, a bad pattern, a bad limit.
    InvalidArgument = -2,
    /// The library failed internally (a caught panic). Please report it.
    Internal = -3,
    /// The input is not valid UTF-8.
    InvalidUtf8 = -10,
    /// The input is not valid JSON (or, in literal mode, not a valid object literal).
    Syntax = -11,
    /// The input ended before the text was complete.
    Truncated = -12,
    /// The input is larger than the `max_input_bytes` limit.
    InputTooLarge = -13,
    /// Objects and arrays nest deeper than the `max_depth` limit.
    TooDeep = -14,
    /// A string is longer than the `max_string_bytes` limit.
    StringTooLong = -15,
    /// A number has more characters than [`MAX_NUMBER_LEN`](crate::MAX_NUMBER_LEN).
    NumberTooLong = -16,
    /// A string holds an invalid escape, an unpaired surrogate or a raw control character.
    InvalidString = -17,
    /// An object the library models holds the same key twice.
    DuplicateKey = -18,
    /// A known field holds a value of the wrong JSON type (a number where a string belongs).
    WrongType = -20,
    /// A field the envelope cannot do without (`resource`, `event`, `data`) is absent.
    MissingField = -21,
    /// A value has the right type but cannot be used (an empty event name, say).
    InvalidValue = -22,
    /// A warning was raised while the parse options turn warnings into errors.
    Validation = -23,
    /// An accessor was called for another kind of event than the one at hand.
    WrongKind = -30,
    /// No subscription has that id, or `data` has no member with that key.
    NotFound = -31,
    /// An index is past the end of a list.
    OutOfRange = -32,
    /// A listener returned an error; delivery of that event stopped.
    Listener = -40,
}

impl ErrorCode {
    /// Every code, in numeric order from -1 downwards.
    pub const ALL: [ErrorCode; 20] = [
        Self::NullArgument,
        Self::InvalidArgument,
        Self::Internal,
        Self::InvalidUtf8,
        Self::Syntax,
        Self::Truncated,
        Self::InputTooLarge,
        Self::TooDeep,
        Self::StringTooLong,
        Self::NumberTooLong,
        Self::InvalidString,
        Self::DuplicateKey,
        Self::WrongType,
        Self::MissingField,
        Self::InvalidValue,
        Self::Validation,
        Self::WrongKind,
        Self::NotFound,
        Self::OutOfRange,
        Self::Listener,
    ];

    /// The stable number of this code.
    pub fn as_i32(self) -> i32 {
        self as i32
    }

    /// The code with this number, if there is one.
    pub fn from_i32(value: i32) -> Option<ErrorCode> {
        Self::ALL.into_iter().find(|code| code.as_i32() == value)
    }

    /// The C name of this code, e.g. `SWE_ERROR_SYNTAX`.
    pub fn name(self) -> &'static str {
        match self {
            Self::NullArgument => "SWE_ERROR_NULL_ARGUMENT",
            Self::InvalidArgument => "SWE_ERROR_INVALID_ARGUMENT",
            Self::Internal => "SWE_ERROR_INTERNAL",
            Self::InvalidUtf8 => "SWE_ERROR_INVALID_UTF8",
            Self::Syntax => "SWE_ERROR_SYNTAX",
            Self::Truncated => "SWE_ERROR_TRUNCATED",
            Self::InputTooLarge => "SWE_ERROR_INPUT_TOO_LARGE",
            Self::TooDeep => "SWE_ERROR_TOO_DEEP",
            Self::StringTooLong => "SWE_ERROR_STRING_TOO_LONG",
            Self::NumberTooLong => "SWE_ERROR_NUMBER_TOO_LONG",
            Self::InvalidString => "SWE_ERROR_INVALID_STRING",
            Self::DuplicateKey => "SWE_ERROR_DUPLICATE_KEY",
            Self::WrongType => "SWE_ERROR_WRONG_TYPE",
            Self::MissingField => "SWE_ERROR_MISSING_FIELD",
            Self::InvalidValue => "SWE_ERROR_INVALID_VALUE",
            Self::Validation => "SWE_ERROR_VALIDATION",
            Self::WrongKind => "SWE_ERROR_WRONG_KIND",
            Self::NotFound => "SWE_ERROR_NOT_FOUND",
            Self::OutOfRange => "SWE_ERROR_OUT_OF_RANGE",
            Self::Listener => "SWE_ERROR_LISTENER",
        }
    }
}

/// Where an error happened in the text that was parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Byte offset from the start of the text (0-based).
    pub offset: usize,
    /// Line number (1-based); lines end at `\n`.
    pub line: usize,
    /// Column (1-based), counted in Unicode scalar values from the start of the line.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    pub fn locate(text: &[u8], offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        // Count scalar values, not bytes: continuation bytes (10xxxxxx) do not start one.
        let column = 1 + before[line_start..].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        Position { offset, line, column }
    }
}

/// An error: a code, a message for people, and where it happened.
///
/// One pointer wide, so that results carrying it stay small on the paths that succeed.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Details>);

impl fmt::Debug for Error {
    /// As a plain struct of its parts: the box is a detail of layout.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        f.debug_struct("Error")
            .field("code", &d.code)
            .field("message", &d.message)
            .field("position", &d.position)
            .field("path", &d.path)
            .field("listener_status", &d.listener_status)
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Details {
    code: ErrorCode,
    message: String,
    position: Option<Position>,
    path: String,
    listener_status: i32,
}

impl Error {
    /// An error with no position and no path.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Error {
        Error(Box::new(Details {
            code,
            message: message.into(),
            position: None,
            path: String::new(),
            listener_status: 0,
        }))
    }

    pub(crate) fn with_position(mut self, position: Position) -> Error {
        self.0.position = Some(position);
        self
    }

    pub(crate) fn with_path(mut self, path: impl Into<String>) -> Error {
        self.0.path = path.into();
        self
    }

    pub(crate) fn listener(status: i32, message: impl Into<String>) -> Error {
        let mut error = Error::new(ErrorCode::Listener, message);
        error.0.listener_status = status;
        error
    }

    /// Places an error found in one line of a stream: `line` is that line's number in the
    /// stream and `line_offset` the stream offset where it starts.
    pub(crate) fn in_stream(mut self, line: usize, line_offset: usize) -> Error {
        let position = self.0.position.unwrap_or(Position { offset: 0, line: 1, column: 1 });
        self.0.position = Some(Position {
            offset: line_offset + position.offset,
            line: line + position.line - 1,
            column: position.column,
        });
        self
    }

    /// What went wrong.
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// A sentence for people, e.g. ``expected ',' or '}' after a member, found `data` ``.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where in the text, when the error is about a text.
    pub fn position(&self) -> Option<Position> {
        self.0.position
    }

    /// The JSON path of the offending field, relative to the event's `detail` object
    /// (e.g. `data.roomType`, `data.files[1].url`); empty for the whole text.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// For [`ErrorCode::Listener`]: the non-zero value the listener returned.
    pub fn listener_status(&self) -> i32 {
        self.0.listener_status
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)?;
        if let Some(p) = self.0.position {
            write!(f, " at line {}, column {}", p.line, p.column)?;
        }
        if !self.0.path.is_empty() {
            write!(f, " ({})", self.0.path)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_one_pointer_wide_so_results_stay_small() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<Result<(), Error>>(), std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<Result<usize, Error>>(), 2 * std::mem::size_of::<usize>());
    }

    #[test]
    fn the_boxed_details_keep_every_part() {
        let error = Error::new(ErrorCode::Syntax, "expected a value")
            .with_position(Position { offset: 7, line: 2, column: 3 })
            .with_path("data.text");
        assert_eq!(error.code(), ErrorCode::Syntax);
        assert_eq!(error.message(), "expected a value");
        assert_eq!(error.position(), Some(Position { offset: 7, line: 2, column: 3 }));
        assert_eq!(error.path(), "data.text");
        assert_eq!(error.to_string(), "expected a value at line 2, column 3 (data.text)");
        let moved = error.in_stream(10, 100);
        assert_eq!(moved.position(), Some(Position { offset: 107, line: 11, column: 3 }));
        assert_eq!(
            format!("{moved:?}"),
            "Error { code: Syntax, message: \"expected a value\", position: Some(Position { \
             offset: 107, line: 11, column: 3 }), path: \"data.text\", listener_status: 0 }"
        );
        let refusal = Error::listener(7, "no");
        assert_eq!(
            (refusal.code(), refusal.listener_status(), refusal.message()),
            (ErrorCode::Listener, 7, "no")
        );
    }
}
