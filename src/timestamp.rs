//! RFC 3339 timestamps, as the widget writes `created` and `lastActivity`.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The instant of an RFC 3339 timestamp in Unix milliseconds (rounded down), or `None` when
/// the text is not RFC 3339. Fractions and offsets (`Z`, `+00:00`, `-05:30`) are accepted.
pub fn unix_millis(text: &str) -> Option<i64> {
    let instant = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    i64::try_from(instant.unix_timestamp_nanos().div_euclid(1_000_000)).ok()
}
