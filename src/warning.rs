//! Warnings: values an event keeps although they are doubtful, so that the host decides.

use std::fmt;

/// What is doubtful about a value. The numbers are the C ABI's `SWE_WARNING_*` values.
///
/// cbindgen:ignore
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WarningCode {
    /// An id field holds something that is not a Webex id (not base64, not a
    /// `ciscospark://` URI, a bare UUID).
    IdMalformed = 1,
    /// An id decodes but is not in canonical form: padded, standard base64, or with non-zero
    /// trailing bits (the brief's `...ZWVlMmX`).
    IdNotCanonical = 2,
    /// An id names another type of object than its field expects (a ROOM id in `teamId`).
    IdUnexpectedType = 3,
    /// The envelope's `actorId` and `data.actorId` differ; the widget copies one to the other.
    ActorMismatch = 4,
    /// A timestamp field holds a string that is not RFC 3339.
    TimestampInvalid = 5,
    /// A field holds a value outside its known set (a `roomType` other than group or direct).
    UnknownValue = 6,
    /// A field the widget always sends is absent.
    MissingField = 7,
    /// The wrapper's `name` does not start with the envelope's `resource:event`.
    NameMismatch = 8,
}

impl WarningCode {
    /// Every code, in numeric order.
    pub const ALL: [WarningCode; 8] = [
        Self::IdMalformed,
        Self::IdNotCanonical,
        Self::IdUnexpectedType,
        Self::ActorMismatch,
        Self::TimestampInvalid,
        Self::UnknownValue,
        Self::MissingField,
        Self::NameMismatch,
    ];

    /// The stable number of this code.
    pub fn as_u32(self) -> u32 {
        self as u32
    }

    /// The C name of this code, e.g. `SWE_WARNING_ID_NOT_CANONICAL`.
    pub fn name(self) -> &'static str {
        match self {
            Self::IdMalformed => "SWE_WARNING_ID_MALFORMED",
            Self::IdNotCanonical => "SWE_WARNING_ID_NOT_CANONICAL",
            Self::IdUnexpectedType => "SWE_WARNING_ID_UNEXPECTED_TYPE",
            Self::ActorMismatch => "SWE_WARNING_ACTOR_MISMATCH",
            Self::TimestampInvalid => "SWE_WARNING_TIMESTAMP_INVALID",
            Self::UnknownValue => "SWE_WARNING_UNKNOWN_VALUE",
            Self::MissingField => "SWE_WARNING_MISSING_FIELD",
            Self::NameMismatch => "SWE_WARNING_NAME_MISMATCH",
        }
    }
}

/// One warning on an event, borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Warning<'a> {
    /// What is doubtful.
    pub code: WarningCode,
    /// The JSON path of the value, relative to the event's `detail` (e.g. `data.teamId`).
    pub path: &'a str,
    /// A sentence for people.
    pub message: &'a str,
    /// Byte offset of the value in the text it was parsed from.
    pub offset: usize,
}

impl fmt::Display for Warning<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}
