//! In-place edits of an event's arena, which starts as a copy of the input text: a string
//! without escapes becomes a span of that copy, its closing quote overwritten by the NUL that
//! ends it, so reading it costs no copy. Both edits keep the arena valid UTF-8 whatever they
//! are given, so the arena stays a `String`.

use std::ops::Range;

/// Ends a span at `at` by overwriting the ASCII byte there (a closing quote) with a NUL.
#[inline]
pub(crate) fn terminate(arena: &mut str, at: usize) {
    match arena.as_bytes().get(at) {
        // SAFETY: an ASCII byte replaced by another ASCII byte leaves every UTF-8 sequence
        // whole.
        Some(byte) if byte.is_ascii() => unsafe { arena.as_bytes_mut()[at] = 0 },
        byte => cannot_terminate(at, byte.copied(), arena.len()),
    }
}

#[cold]
#[inline(never)]
fn cannot_terminate(at: usize, byte: Option<u8>, len: usize) -> ! {
    match byte {
        None => panic!("terminate at {at}: past the arena's {len} bytes"),
        Some(byte) => panic!("terminate at {at}: byte 0x{byte:02X} is not ASCII"),
    }
}

/// Replaces the text in `region` (a string's content and its closing quote) with `value`
/// followed by NULs up to the region's end: `value`'s span then starts where the region does
/// and ends with a NUL. `value` must be shorter than the region, as a decoded string is
/// shorter than its escaped form.
pub(crate) fn rewrite(arena: &mut str, region: Range<usize>, value: &str) {
    assert!(
        value.len() < region.len()
            && region.end <= arena.len()
            && arena.is_char_boundary(region.start)
            && arena.is_char_boundary(region.end),
        "rewrite of {region:?} with {} bytes in an arena of {}",
        value.len(),
        arena.len()
    );
    // SAFETY: the region starts and ends on character boundaries; it is overwritten with
    // whole characters (`value` is a `str`) and then NULs, so the text stays valid UTF-8.
    let bytes = unsafe { arena.as_bytes_mut() };
    let (head, rest) = bytes[region].split_at_mut(value.len());
    head.copy_from_slice(value.as_bytes());
    rest.fill(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminated_span_ends_where_its_quote_was() {
        let mut arena = String::from(r#"{"a":"héllo"}"#);
        let quote = arena.rfind('"').unwrap();
        terminate(&mut arena, quote);
        assert_eq!(&arena[6..quote], "héllo");
        assert_eq!(arena.as_bytes()[quote], 0);
        assert_eq!(&arena[quote + 1..], "}");
    }

    #[test]
    fn a_rewritten_region_holds_the_value_then_nuls() {
        let mut arena = String::from(r#"["a\u00e9b",1]"#);
        rewrite(&mut arena, 2..11, "aéb");
        assert_eq!(&arena[2..6], "aéb");
        assert_eq!(&arena.as_bytes()[6..11], &[0; 5]);
        assert_eq!(&arena[11..], ",1]");
    }

    #[test]
    #[should_panic(expected = "not ASCII")]
    fn terminating_inside_a_character_is_refused() {
        let mut arena = String::from("é");
        terminate(&mut arena, 1);
    }

    #[test]
    #[should_panic(expected = "rewrite of 1..3")]
    fn rewriting_from_inside_a_character_is_refused() {
        let mut arena = String::from("éab");
        rewrite(&mut arena, 1..3, "");
    }
}
