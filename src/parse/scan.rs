//! Finding where a run of plain string content ends: at the closing quote, a backslash or a
//! control character. Most of an event's bytes are string content, so this is the parser's
//! inner loop: sixteen bytes a step with SSE2 (part of every x86-64), eight a step elsewhere.

/// Index of the first byte from `from` that is `quote`, a backslash or below U+0020; the
/// length of `bytes` when there is none.
#[inline]
pub(crate) fn plain_end(bytes: &[u8], from: usize, quote: u8) -> usize {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        sse2::plain_end(bytes, from, quote)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        portable_plain_end(bytes, from, quote)
    }
}

/// [`plain_end`] eight bytes at a time, in plain integer arithmetic.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn portable_plain_end(bytes: &[u8], from: usize, quote: u8) -> usize {
    let mut i = from;
    while let Some(word) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let found = special_bytes(word, quote);
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .position(|&b| is_special(b, quote))
        .map_or(bytes.len(), |at| i + at)
}

fn is_special(b: u8, quote: u8) -> bool {
    b == quote || b == b'\\' || b < 0x20
}

/// A word with the high bit set in each byte of `word` that is `quote`, a backslash or a
/// control character; bytes past the first such one may be flagged wrongly, so only the
/// lowest flag counts.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn special_bytes(word: u64, quote: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    zero_byte(word ^ (ONES * u64::from(quote)))
        | zero_byte(word ^ (ONES * u64::from(b'\\')))
        | control
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    #[inline]
    pub(super) fn plain_end(bytes: &[u8], from: usize, quote: u8) -> usize {
        let mut i = from;
        while let Some(block) = bytes.get(i..i + 16) {
            let mask = special_mask(block.try_into().expect("sixteen bytes"), quote);
            if mask != 0 {
                return i + mask.trailing_zeros() as usize;
            }
            i += 16;
        }
        // The last bytes, padded with quotes: a quote found in the padding means none.
        let rest = &bytes[i.min(bytes.len())..];
        let mut block = [quote; 16];
        block[..rest.len()].copy_from_slice(rest);
        let at = special_mask(&block, quote).trailing_zeros() as usize;
        (i + at).min(bytes.len())
    }

    /// Bit `k` set when byte `k` of `block` is `quote`, a backslash or below 0x20.
    #[inline]
    fn special_mask(block: &[u8; 16], quote: u8) -> u32 {
        // SAFETY: SSE2 is enabled for this target (the module's cfg); the load reads the
        // sixteen bytes of `block`, unaligned loads being allowed.
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            let quotes = _mm_cmpeq_epi8(v, _mm_set1_epi8(quote as i8));
            let backslashes = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
            // Unsigned v <= 0x1F exactly when min(v, 0x1F) == v.
            let controls = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quotes, backslashes), controls)) as u32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(bytes: &[u8], from: usize, quote: u8) -> usize {
        bytes[from..].iter().position(|&b| is_special(b, quote)).map_or(bytes.len(), |i| from + i)
    }

    proptest! {
        #[test]
        fn every_scan_finds_the_first_special_byte(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'"'), Just(b'\'',), Just(b'\\'), 0u8..0x20, 0x20u8..=0xFF],
                0..80,
            ),
            from in 0usize..80,
            single in any::<bool>(),
        ) {
            let from = from.min(bytes.len());
            let quote = if single { b'\'' } else { b'"' };
            let expected = naive(&bytes, from, quote);
            prop_assert_eq!(plain_end(&bytes, from, quote), expected);
            prop_assert_eq!(portable_plain_end(&bytes, from, quote), expected);
        }
    }

    #[test]
    fn a_lone_special_byte_is_found_wherever_it_stands() {
        for len in 0..80 {
            let plain: Vec<u8> = "aé€".bytes().cycle().take(len).collect();
            for special in [b'"', b'\\', 0x00, 0x1F] {
                for at in 0..=len {
                    let mut bytes = plain.clone();
                    if at < len {
                        bytes[at] = special;
                    }
                    for from in [0, 1, 15, 17, 33].into_iter().filter(|&f| f <= at) {
                        let expected = if at < len { at } else { len };
                        assert_eq!(plain_end(&bytes, from, b'"'), expected, "{len} {at} {from}");
                        assert_eq!(portable_plain_end(&bytes, from, b'"'), expected);
                    }
                }
            }
        }
    }

    #[test]
    fn plain_text_runs_to_the_end() {
        let text = "plain text of more than sixteen bytes, ünïcödé too".as_bytes();
        assert_eq!(plain_end(text, 3, b'"'), text.len());
        assert_eq!(plain_end(b"", 0, b'"'), 0);
        assert_eq!(plain_end(b"abc\x7f\x1fd", 0, b'"'), 4);
    }
}
