//! RFC 3339 timestamps, as the widget writes `created` and `lastActivity`.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The instant of an RFC 3339 timestamp in Unix milliseconds (rounded down), or `None` when
/// the text is not RFC 3339. Fractions and offsets (`Z`, `+00:00`, `-05:30`) are accepted.
pub fn unix_millis(text: &str) -> Option<i64> {
    unix_millis_of(text.as_bytes())
}

/// [`unix_millis`] of text known only as bytes: not UTF-8 is not a timestamp.
#[inline]
pub(crate) fn unix_millis_of(text: &[u8]) -> Option<i64> {
    match widget_form(text) {
        Some(millis) => Some(millis),
        None => general(std::str::from_utf8(text).ok()?),
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
    let full: [u8; 24] = match b.len() {
        24 => b.try_into().expect("twenty-four bytes"),
        20 => {
            let mut full = *b"0000-00-00T00:00:00.000Z";
            full[..19].copy_from_slice(&b[..19]);
            full[23] = b[19];
            full
        }
        _ => return None,
    };
    // Three words of eight characters: `YYYY-MM-`, `DDTHH:MM`, `:SS.mmmZ`. In each, the
    // places of digits and the separators the others must be.
    let word = |i: usize| u64::from_le_bytes(full[8 * i..8 * i + 8].try_into().expect("eight"));
    let words = [word(0), word(1), word(2)];
    const DIGITS: [u64; 3] = [places(b"dddd-dd-"), places(b"ddTdd:dd"), places(b":dd.dddZ")];
    const SEPARATORS: [u64; 3] = [others(b"dddd-dd-"), others(b"ddTdd:dd"), others(b":dd.dddZ")];
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    const SIXES: u64 = 0x0606_0606_0606_0606;
    const HIGH_NIBBLES: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    let mut values = [0u64; 3];
    for i in 0..3 {
        let digits = (words[i] ^ ZEROS) & DIGITS[i];
        // A digit's byte is 0x30-0x39: no high nibble once 0x30 is taken away, nor once 6 is
        // added to it (which reaches 0x10 from 10 up).
        if digits & HIGH_NIBBLES != 0 || (digits + (SIXES & DIGITS[i])) & HIGH_NIBBLES != 0 {
            return None;
        }
        if words[i] & !DIGITS[i] != SEPARATORS[i] {
            return None;
        }
        values[i] = digits;
    }
    // In each word, byte k becomes ten times digit k plus digit k + 1: two digits read as
    // one number in each byte (at most 99, so nothing carries into the next byte).
    let pairs = values.map(|digits| digits * 10 + (digits >> 8));
    let pair = |i: usize| ((pairs[i / 8] >> (8 * (i % 8))) & 0xFF) as i64;
    let digit = |i: usize| ((values[i / 8] >> (8 * (i % 8))) & 0xFF) as i64;
    let year = pair(0) * 100 + pair(2);
    let month = pair(5);
    let day = pair(8);
    let hour = pair(11);
    let minute = pair(14);
    let second = pair(17);
    let millis = pair(20) * 10 + digit(22);
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

/// 0xFF in each byte of a word whose character in `pattern` is `d`.
const fn places(pattern: &[u8; 8]) -> u64 {
    let mut mask = 0;
    let mut i = 0;
    while i < 8 {
        if pattern[i] == b'd' {
            mask |= 0xFF << (8 * i);
        }
        i += 1;
    }
    mask
}

/// `pattern` as a word, with zero where it has `d`.
const fn others(pattern: &[u8; 8]) -> u64 {
    let mut word = 0;
    let mut i = 0;
    while i < 8 {
        if pattern[i] != b'd' {
            word |= (pattern[i] as u64) << (8 * i);
        }
        i += 1;
    }
    word
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
/// counting eras of 400 years from March, when the leap day falls last. The year is taken
/// one era on, so that every division is of a positive number.
#[inline]
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = (if month <= 2 { year - 1 } else { year } + 400) as u64;
    let era = year / 400;
    let year_of_era = year - era * 400;
    let month_from_march = (month as u64 + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day as u64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era as i64 - 1) * 146_097 + day_of_era as i64 - 719_468
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

    proptest! {
        #[test]
        fn the_widget_form_never_takes_what_the_time_crate_refuses(
            text in "[0-9]{4}[-/0]([0-9]|[:;/]){2}[-/0][0-9]{2}[Tt ][0-9]{2}[:;0][0-9]{2}[:;0][0-9]{2}([.,:][0-9/:]{3})?[Zz0]",
        ) {
            if let Some(millis) = widget_form(text.as_bytes()) {
                prop_assert_eq!(Some(millis), general(&text), "{}", text);
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
