//! The part of the id check that reads every character: whether base64url text is canonical
//! and decodes to ASCII, found without decoding it.

/// Whether `chars` is canonical unpadded base64url (every character in the alphabet, zero
/// trailing bits) of ASCII bytes: what the fast id checks take. Thirty-two characters a step
/// with AVX2 where the processor has it (asked at run time; the answer is cached), sixteen with
/// SSE2 (part of every x86-64), one at a time elsewhere.
pub(super) fn sextets_fit(chars: &[u8]) -> bool {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, as just asked.
            unsafe { avx2::sextets_fit(chars) }
        } else {
            sse2::sextets_fit(chars)
        }
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        portable_sextets_fit(chars)
    }
}

/// The length of the run of base64url characters that `chars` starts with, when every one of
/// them is clear of [`HIGH_BITS`] (what [`sextets_fit`] asks of each character): where a
/// string holding an id ends, found in the pass that checks its characters. Groups of four
/// count from `chars`' start. `None` when a character of the run sets a high bit, when the
/// run does not end within the whole blocks of thirty-two bytes that `chars` holds (near the
/// end of the text), or without AVX2: the caller then reads the id the general way.
pub(super) fn fitting_run(chars: &[u8]) -> Option<usize> {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, as just asked.
            return unsafe { avx2::fitting_run(chars) };
        }
    }
    let _ = chars;
    None
}

/// In a group of four characters, the bits of each one's value that land in a decoded byte's
/// high bit: the first character's 0x20, the second's 0x08, the third's 0x02.
const HIGH_BITS: [u8; 4] = [0x20, 0x08, 0x02, 0x00];

#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn portable_sextets_fit(chars: &[u8]) -> bool {
    // An invalid character's value (0xFF) sets 0x80.
    let (mut invalid, mut high) = (0u8, 0u8);
    for (i, &c) in chars.iter().enumerate() {
        let value = super::URL_SAFE_VALUES[c as usize];
        invalid |= value;
        high |= value & HIGH_BITS[i % 4];
    }
    invalid & 0x80 == 0 && high == 0 && trailing_bits_clear(chars)
}

/// Whether the last character of unpadded base64 leaves no data bits unused, and the length
/// is one base64 can have.
#[inline]
pub(super) fn trailing_bits_clear(chars: &[u8]) -> bool {
    let last = chars.last().map_or(0, |&c| super::URL_SAFE_VALUES[c as usize]);
    match chars.len() % 4 {
        1 => false,
        2 => last & 0x0F == 0,
        3 => last & 0x03 == 0,
        _ => true,
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8,
        _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_setr_epi8,
    };

    pub(super) fn sextets_fit(chars: &[u8]) -> bool {
        let mut blocks = chars.chunks_exact(16);
        for block in &mut blocks {
            if !block_fits(block.try_into().expect("sixteen bytes")) {
                return false;
            }
        }
        // The last characters, padded with `A` (value 0, which decodes to nothing wrong).
        let rest = blocks.remainder();
        let mut block = [b'A'; 16];
        block[..rest.len()].copy_from_slice(rest);
        block_fits(&block) && super::trailing_bits_clear(chars)
    }

    /// Whether sixteen characters, starting a group of four, are all in the base64url
    /// alphabet with values clear of [`super::HIGH_BITS`].
    fn block_fits(block: &[u8; 16]) -> bool {
        // SAFETY: SSE2 is enabled for this target (the module's cfg); the load reads the
        // sixteen bytes of `block`, unaligned loads being allowed.
        unsafe {
            let c = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            // Signed comparisons: bytes from 0x80 are negative and fall in no range.
            let within = |lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(c, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(c, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let upper = within(b'A', b'Z');
            let lower = within(b'a', b'z');
            let digit = within(b'0', b'9');
            let dash = _mm_cmpeq_epi8(c, _mm_set1_epi8(b'-' as i8));
            let underscore = _mm_cmpeq_epi8(c, _mm_set1_epi8(b'_' as i8));
            let valid = _mm_or_si128(
                _mm_or_si128(_mm_or_si128(upper, lower), _mm_or_si128(digit, dash)),
                underscore,
            );
            if _mm_movemask_epi8(valid) != 0xFFFF {
                return false;
            }
            // Each character's value: the character plus the offset of its range.
            let offset = |mask: __m128i, by: i8| _mm_and_si128(mask, _mm_set1_epi8(by));
            let offsets = _mm_or_si128(
                _mm_or_si128(offset(upper, -65), offset(lower, -71)),
                _mm_or_si128(
                    _mm_or_si128(offset(digit, 4), offset(dash, 17)),
                    offset(underscore, -32),
                ),
            );
            let values = _mm_add_epi8(c, offsets);
            let h = super::HIGH_BITS.map(|b| b as i8);
            let high_bits = _mm_setr_epi8(
                h[0], h[1], h[2], h[3], h[0], h[1], h[2], h[3], h[0], h[1], h[2], h[3], h[0], h[1],
                h[2], h[3],
            );
            let high = _mm_and_si128(values, high_bits);
            _mm_movemask_epi8(_mm_cmpeq_epi8(high, _mm_set1_epi8(0))) == 0xFFFF
        }
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod avx2 {
    use std::arch::x86_64::{
        __m256i, _mm_loadu_si128, _mm256_add_epi8, _mm256_and_si256, _mm256_broadcastsi128_si256,
        _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8,
        _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_srli_epi16,
    };

    /// The characters' classes by high nibble: one bit per set of low nibbles that make a
    /// character of the alphabet with it. `-` (0x2D), `0`-`9`, `A`-`O` and `a`-`o` (0x41-0x4F,
    /// 0x61-0x6F), `P`-`Z` and `_` (0x50-0x5A, 0x5F), `p`-`z`; no character has the rest.
    const BY_HIGH: [u8; 16] = [
        0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x08, 0x20, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
        0x01,
    ];

    /// Per low nibble, the classes of the high nibbles it makes no character of the alphabet
    /// with, so that a byte is outside the alphabet exactly when its two lookups share a bit.
    const BY_LOW: [u8; 16] = {
        let mut table = [0u8; 16];
        let mut low = 0;
        while low < 16 {
            let mut high = 0;
            while high < 16 {
                if super::super::URL_SAFE_VALUES[high << 4 | low] == 0xFF {
                    table[low] |= BY_HIGH[high];
                }
                high += 1;
            }
            low += 1;
        }
        // Characters of the alphabet share no bit: a class is only ever a whole set.
        let mut c = 0;
        while c < 256 {
            if super::super::URL_SAFE_VALUES[c] != 0xFF {
                assert!(table[c & 0x0F] & BY_HIGH[c >> 4] == 0);
            }
            c += 1;
        }
        table
    };

    /// What turns a character of the alphabet into its value, by its high nibble (`_` moved
    /// to 13, free, as `P`-`Z` share its nibble): `-` +17, digits +4, upper case -65, lower
    /// case -71, `_` -32.
    const TO_VALUE: [i8; 16] = [0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, -32, 0, 0];

    /// [`super::HIGH_BITS`] repeated, so that thirty-two bytes from offset `k` are the mask of
    /// a block whose first character is `k` into its group.
    const HIGH_BITS: [u8; 36] = {
        let mut table = [0u8; 36];
        let mut i = 0;
        while i < 36 {
            table[i] = super::HIGH_BITS[i % 4];
            i += 1;
        }
        table
    };

    /// # Safety
    ///
    /// The processor must have AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn sextets_fit(chars: &[u8]) -> bool {
        let n = chars.len();
        if n < 32 {
            // Padded with `A` (value 0, which decodes to nothing wrong).
            let mut block = [b'A'; 32];
            block[..n].copy_from_slice(chars);
            return block_fits(&block, 0) && super::trailing_bits_clear(chars);
        }
        let mut blocks = chars.chunks_exact(32);
        for block in &mut blocks {
            if !block_fits(block.try_into().expect("thirty-two bytes"), 0) {
                return false;
            }
        }
        // The last characters, as the last thirty-two, overlapping the blocks before.
        if !blocks.remainder().is_empty() {
            let from = n - 32;
            if !block_fits(chars[from..].try_into().expect("thirty-two bytes"), from % 4) {
                return false;
            }
        }
        super::trailing_bits_clear(chars)
    }

    /// [`super::fitting_run`].
    ///
    /// # Safety
    ///
    /// The processor must have AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn fitting_run(chars: &[u8]) -> Option<usize> {
        let mut at = 0;
        for block in chars.chunks_exact(32) {
            let (outside, high) = block_masks(block.try_into().expect("thirty-two bytes"), 0);
            // The characters before the first one outside the alphabet are the run's.
            let run = outside.trailing_zeros();
            let in_run = if run == 32 { u32::MAX } else { (1u32 << run) - 1 };
            if high & in_run != 0 {
                return None;
            }
            if run < 32 {
                return Some(at + run as usize);
            }
            at += 32;
        }
        None
    }

    /// Whether thirty-two characters, the first `phase` into its group of four, are all in
    /// the base64url alphabet with values clear of [`super::HIGH_BITS`].
    #[target_feature(enable = "avx2")]
    fn block_fits(block: &[u8; 32], phase: usize) -> bool {
        block_masks(block, phase) == (0, 0)
    }

    /// Of thirty-two characters, the first `phase` into its group of four: bit `k` of the
    /// first mask set when character `k` is outside the base64url alphabet, of the second when
    /// it is in the alphabet and its value sets a bit of [`super::HIGH_BITS`].
    #[target_feature(enable = "avx2")]
    fn block_masks(block: &[u8; 32], phase: usize) -> (u32, u32) {
        let lanes = |table: &[u8; 16]| {
            // SAFETY: the load reads the sixteen bytes of `table`, unaligned loads allowed.
            _mm256_broadcastsi128_si256(unsafe { _mm_loadu_si128(table.as_ptr().cast()) })
        };
        // SAFETY: the loads read the thirty-two bytes of `block` and thirty-two of
        // `HIGH_BITS` from `phase` (below 4, so within its thirty-six).
        let (c, high_bits) = unsafe {
            (
                _mm256_loadu_si256(block.as_ptr().cast::<__m256i>()),
                _mm256_loadu_si256(HIGH_BITS[phase..].as_ptr().cast::<__m256i>()),
            )
        };
        let nibble = _mm256_set1_epi8(0x0F);
        let high = _mm256_and_si256(_mm256_srli_epi16::<4>(c), nibble);
        let low = _mm256_and_si256(c, nibble);
        let outside = _mm256_and_si256(
            _mm256_shuffle_epi8(lanes(&BY_LOW), low),
            _mm256_shuffle_epi8(lanes(&BY_HIGH), high),
        );
        let zero = _mm256_setzero_si256();
        let outside = _mm256_movemask_epi8(_mm256_cmpeq_epi8(outside, zero)) as u32 ^ u32::MAX;
        let underscore = _mm256_cmpeq_epi8(c, _mm256_set1_epi8(b'_' as i8));
        let index = _mm256_add_epi8(high, _mm256_and_si256(underscore, _mm256_set1_epi8(8)));
        let values =
            _mm256_add_epi8(c, _mm256_shuffle_epi8(lanes(&TO_VALUE.map(|v| v as u8)), index));
        let set = _mm256_and_si256(values, high_bits);
        let high = _mm256_movemask_epi8(_mm256_cmpeq_epi8(set, zero)) as u32 ^ u32::MAX;
        (outside, high & !outside)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Kernel = fn(&[u8]) -> bool;

    /// Every kernel this machine can run, by name.
    fn kernels() -> Vec<(&'static str, Kernel)> {
        #[allow(unused_mut)]
        let mut kernels: Vec<(&'static str, Kernel)> =
            vec![("portable", portable_sextets_fit), ("chosen", sextets_fit)];
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        {
            kernels.push(("sse2", sse2::sextets_fit));
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2, as just asked.
                kernels.push(("avx2", |chars| unsafe { avx2::sextets_fit(chars) }));
            }
        }
        kernels
    }

    fn naive(chars: &[u8]) -> bool {
        use base64::Engine;
        let strict = base64::engine::GeneralPurpose::new(
            &base64::alphabet::URL_SAFE,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone),
        );
        strict.decode(chars).is_ok_and(|bytes| bytes.is_ascii())
    }

    proptest! {
        #[test]
        fn every_kernel_agrees_with_decoding(chars in "[A-Za-z0-9_+/=.-]{0,100}") {
            for (name, kernel) in kernels() {
                prop_assert_eq!(kernel(chars.as_bytes()), naive(chars.as_bytes()), "{}", name);
            }
        }

        #[test]
        fn every_kernel_agrees_with_decoding_on_any_bytes(
            chars in prop::collection::vec(any::<u8>(), 0..100),
        ) {
            for (name, kernel) in kernels() {
                prop_assert_eq!(kernel(&chars), naive(&chars), "{}", name);
            }
        }
    }

    /// [`fitting_run`] one character at a time: the run's length when it fits and ends within
    /// whole blocks of thirty-two.
    fn naive_run(chars: &[u8]) -> Option<usize> {
        let run = chars.iter().position(|&c| super::super::URL_SAFE_VALUES[c as usize] == 0xFF)?;
        let fits = chars[..run]
            .iter()
            .enumerate()
            .all(|(i, &c)| super::super::URL_SAFE_VALUES[c as usize] & HIGH_BITS[i % 4] == 0);
        (fits && run < chars.len() / 32 * 32).then_some(run)
    }

    proptest! {
        #[test]
        fn a_fitting_run_ends_where_the_alphabet_does(
            chars in "[A-Za-f0-9_-]{0,100}[\"=+/ ]?[A-Za-z0-9_-]{0,40}",
        ) {
            let found = fitting_run(chars.as_bytes());
            if cfg!(target_arch = "x86_64") && std::arch::is_x86_feature_detected!("avx2") {
                prop_assert_eq!(found, naive_run(chars.as_bytes()), "{}", chars);
            } else {
                prop_assert_eq!(found, None);
            }
        }
    }

    #[test]
    fn every_place_in_a_group_is_read_as_such_at_every_length() {
        // `g` (value 32) sets a decoded byte's high bit in the first place of a group only.
        for len in (2..=100).filter(|len| len % 4 != 1) {
            for at in 0..len {
                let mut chars = vec![b'A'; len];
                chars[at] = b'g';
                let fits = at % 4 != 0;
                for (name, kernel) in kernels() {
                    assert_eq!(kernel(&chars), fits, "{name}: len {len}, at {at}");
                }
            }
        }
    }
}
