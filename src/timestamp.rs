//! RFC 3339 timestamps, as the widget writes `created` and `lastActivity`.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The instant of an RFC 3339 timestamp in Unix milliseconds (rounded down), or `None` when
/// the text is not RFC 3339. Fractions and offsets (`Z`, `+00:00`, `-05:30`) are accepted.
pub fn unix_millis(text: &str) -> Option<i64> {
    match widget_form(text.as_bytes()) {
        Some(millis) => Some(millis),
        None => general(text),
    }
}

/// Every RFC 3339 form, read by the `time` crate.
fn general(text: &str) -> Option<i64> {
    let instant = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    i64::try_from(instant.unix_timestamp_nanos().div_euclid(1_000_000)).ok()
}

/// The form the widget writes, `YYYY-MM-DDTHH:MM:SS.mmmZ` (or without the fraction), read
/// directly; `None` for every other text, valid or not, which the general path then reads.
fn widget_form(b: &[u8]) -> Option<i64> {
    if !(b.len() == 24 || b.len() == 20) || b[b.len() - 1] != b'Z' {
        return None;
    }
    let separators = b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && (b.len() == 20 || b[19] == b'.');
    if !separators {
        return None;
    }
    // Every digit at once: a byte that is no digit gives a value of 10 or more.
    let mut not_digit = false;
    let mut digit = |i: usize| {
        let d = b[i].wrapping_sub(b'0');
        not_digit |= d > 9;
        i64::from(d)
    };
    let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    let month = digit(5) * 10 + digit(6);
    let day = digit(8) * 10 + digit(9);
    let hour = digit(11) * 10 + digit(12);
    let minute = digit(14) * 10 + digit(15);
    let second = digit(17) * 10 + digit(18);
    let millis = if b.len() == 24 { digit(20) * 100 + digit(21) * 10 + digit(22) } else { 0 };
    if not_digit {
        return None;
    }
    // A leap second (60) is left to the general path.
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (years 0 to 9999 here),
/// counting eras of 400 years from March, when the leap day falls last.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_widget_form_reads_as_the_time_crate_reads_it(
            year in 0u32..=9999, month in 0u32..=13, day in 0u32..=32,
            hour in 0u32..=24, minute in 0u32..=60, second in 0u32..=61,
            millis in proptest::option::of(0u32..1000),
        ) {
            let mut text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}");
            if let Some(ms) = millis {
                text.push_str(&format!(".{ms:03}"));
            }
            text.push('Z');
            let fast = widget_form(text.as_bytes());
            if fast.is_some() {
                prop_assert_eq!(fast, general(&text), "{}", text);
            } else {
                prop_assert!(general(&text).is_none() || second == 60, "{}", text);
            }
        }
    }

    #[test]
    fn other_forms_take_the_general_path() {
        assert_eq!(unix_millis("2021-03-04T17:33:56.767Z"), Some(1_614_879_236_767));
        assert_eq!(unix_millis("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_millis("1969-12-31T23:59:59.999Z"), Some(-1));
        assert_eq!(unix_millis("2021-03-04T18:33:56.767+01:00"), Some(1_614_879_236_767));
        assert_eq!(unix_millis("2021-03-04T17:33:56.7671Z"), Some(1_614_879_236_767));
        assert_eq!(unix_millis("2021-02-29T17:33:56.767Z"), None);
        assert_eq!(unix_millis("2021-03-04 17:33:56.767Z"), Some(1_614_879_236_767));
        assert_eq!(unix_millis("2021-03-04T17:33:56.76xZ"), None);
    }
}
