//! The order in which a host's events write the keys of `data`, learned as they arrive.
//!
//! One widget writes its keys in one order, event after event (`actorId`, `actorName`, `id`,
//! `roomId`, ... for a message), though the order differs from widget to widget and version
//! to version. Each thread remembers, per shape, which key last followed which; the parser
//! first compares the text with the key it expects next, `"roomId":` say, and only when that
//! fails reads the key and looks it up. A guess is only ever confirmed by the text, so what an
//! event reads as never depends on what came before it.

use std::cell::Cell;

use crate::model::schema::{FIELD_COUNT, Field};

/// Shapes with a row of guesses; `Shape::Raw` has no keys to guess.
const SHAPES: usize = 9;

/// No guess.
const NONE: u8 = u8::MAX;

/// Per shape, indexed by a [`Place`], the field that followed it last time. Thirty-two wide,
/// so that a place masked to five bits is always in it.
type Row = [u8; ROW];
const ROW: usize = 32;
const _: () = assert!(FIELD_COUNT < ROW);

/// Where the reading of an object stands: at its start, or just after a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Place(u8);

impl Place {
    /// Before the object's first key.
    pub(super) const START: Place = Place(0);

    /// Just after `field`.
    #[inline]
    pub(super) fn after(field: Field) -> Place {
        Place(field as u8 + 1)
    }

    fn index(self) -> usize {
        usize::from(self.0) % ROW
    }
}

thread_local! {
    static LEARNED: [Cell<Row>; SHAPES] = const { [const { Cell::new([NONE; ROW]) }; SHAPES] };
}

/// The guesses for one object of one shape, loaded from the thread and stored back when they
/// changed.
pub(super) struct KeyOrder {
    shape: usize,
    row: Row,
    changed: bool,
}

impl KeyOrder {
    /// The guesses for shape number `shape`; none for a shape past the table.
    pub(super) fn load(shape: usize) -> KeyOrder {
        let row = match LEARNED.try_with(|rows| rows.get(shape).map(Cell::get)) {
            Ok(Some(row)) => row,
            _ => [NONE; ROW],
        };
        KeyOrder { shape, row, changed: false }
    }

    /// The field expected at `place`.
    #[inline]
    pub(super) fn expected(&self, place: Place) -> Option<Field> {
        Field::ALL.get(usize::from(self.row[place.index()])).copied()
    }

    /// Notes that `next` came at `place`, and returns the place after it.
    #[inline]
    pub(super) fn learn(&mut self, place: Place, next: Field) -> Place {
        let slot = &mut self.row[place.index()];
        if *slot != next as u8 {
            *slot = next as u8;
            self.changed = true;
        }
        Place::after(next)
    }

    /// Keeps what was learned for the next object of this shape on this thread.
    pub(super) fn store(self) {
        if self.changed {
            let _ = LEARNED.try_with(|rows| rows.get(self.shape).map(|row| row.set(self.row)));
        }
    }
}

/// A field's key as compact JSON writes it, quotes and colon included (`"roomId":`), padded
/// with NULs to a fixed width, so that the text is compared with it in two words.
#[derive(Clone, Copy)]
pub(super) struct QuotedKey {
    low: u128,
    high: u64,
    low_mask: u128,
    high_mask: u64,
    len: usize,
}

/// Width of [`QuotedKey`]: the longest key, `"mentionedPeople":`, is 18 bytes.
const WIDTH: usize = 24;

impl QuotedKey {
    /// The length of the longest quoted key, quotes and colon included.
    pub(super) const LONGEST: usize = {
        let mut longest = 0;
        let mut i = 0;
        while i < FIELD_COUNT {
            let len = Field::ALL[i].quoted_key().len();
            if len > longest {
                longest = len;
            }
            i += 1;
        }
        longest
    };

    /// The window of `quoted`, a key as [`Field::quoted_key`] writes it.
    const fn new(quoted: &str) -> QuotedKey {
        let quoted = quoted.as_bytes();
        let len = quoted.len();
        assert!(len <= WIDTH);
        let mut bytes = [0u8; WIDTH];
        let mut mask = [0u8; WIDTH];
        let mut i = 0;
        while i < len {
            bytes[i] = quoted[i];
            mask[i] = 0xFF;
            i += 1;
        }
        let (low, high) = split(bytes);
        let (low_mask, high_mask) = split(mask);
        QuotedKey { low, high, low_mask, high_mask, len }
    }

    /// The quoted key of `field`.
    pub(super) fn of(field: Field) -> &'static QuotedKey {
        &QUOTED[field as usize]
    }

    /// How many bytes the key takes, quotes and colon included.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Whether `bytes` hold this key at `at`, followed by the start of a value: a byte that is
    /// neither white space nor `/`, as in compact JSON.
    #[inline]
    pub(super) fn is_at(&self, bytes: &[u8], at: usize) -> bool {
        let value_starts = |b: &u8| *b > b' ' && *b != b'/';
        match bytes.get(at..at + WIDTH) {
            Some(window) => {
                let window: &[u8; WIDTH] = window.try_into().expect("a window");
                let (low, high) = split(*window);
                (low ^ self.low) & self.low_mask == 0
                    && (high ^ self.high) & self.high_mask == 0
                    && window.get(self.len).is_some_and(value_starts)
            }
            None => {
                let rest = bytes.get(at..).unwrap_or_default();
                self.starts(rest) && rest.get(self.len).is_some_and(value_starts)
            }
        }
    }

    /// Whether `text` starts with this key (followed by anything).
    #[inline]
    pub(super) fn starts(&self, text: &[u8]) -> bool {
        match text.first_chunk::<WIDTH>() {
            Some(window) => {
                let (low, high) = split(*window);
                (low ^ self.low) & self.low_mask == 0 && (high ^ self.high) & self.high_mask == 0
            }
            // Near the end of the text: pad what is left with NULs, which no key holds.
            None => {
                let mut window = [0u8; WIDTH];
                let n = text.len().min(self.len);
                window[..n].copy_from_slice(&text[..n]);
                n == self.len && self.starts(&window)
            }
        }
    }
}

const fn split(bytes: [u8; WIDTH]) -> (u128, u64) {
    let mut low = [0u8; 16];
    let mut high = [0u8; 8];
    let mut i = 0;
    while i < 16 {
        low[i] = bytes[i];
        i += 1;
    }
    while i < WIDTH {
        high[i - 16] = bytes[i];
        i += 1;
    }
    (u128::from_le_bytes(low), u64::from_le_bytes(high))
}

static QUOTED: [QuotedKey; FIELD_COUNT] = {
    let mut table = [QuotedKey::new(""); FIELD_COUNT];
    let mut i = 0;
    while i < FIELD_COUNT {
        table[i] = QuotedKey::new(Field::ALL[i].quoted_key());
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_number_and_its_quoted_key() {
        for (i, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field as usize, i);
            let quoted = format!("\"{}\":", field.key());
            let key = QuotedKey::of(field);
            assert_eq!(key.len(), quoted.len());
            // Followed by a value, at the end of the text, or cut short.
            let long = format!("{quoted}\"a value long enough for a whole window\"");
            assert!(key.starts(long.as_bytes()), "{quoted}");
            assert!(key.starts(quoted.as_bytes()), "{quoted}");
            assert!(!key.starts(&quoted.as_bytes()[..quoted.len() - 1]), "{quoted}");
            // One byte different anywhere.
            for at in 0..quoted.len() {
                let mut other = long.clone().into_bytes();
                other[at] ^= 0x20;
                assert!(!key.starts(&other), "{quoted} at {at}");
                assert!(!key.starts(&other[..quoted.len()]), "{quoted} at {at}");
            }
        }
    }

    #[test]
    fn the_longest_key_is_the_longest() {
        assert_eq!(QuotedKey::LONGEST, "\"mentionedPeople\":".len());
        assert!(Field::ALL.iter().all(|f| QuotedKey::of(*f).len() <= QuotedKey::LONGEST));
    }

    #[test]
    fn a_key_is_at_a_place_when_a_value_follows_it_there() {
        for field in Field::ALL {
            let quoted = format!("\"{}\":", field.key());
            let key = QuotedKey::of(field);
            for value in ["\"x\"", "1", "{", "[", "n", "\"a value long enough for a whole window\""]
            {
                for before in ["", ",", "{\"a\":1,"] {
                    let text = format!("{before}{quoted}{value}");
                    assert!(key.is_at(text.as_bytes(), before.len()), "{text}");
                    // Elsewhere in the text, it is not.
                    assert!(!key.is_at(text.as_bytes(), before.len() + 1), "{text}");
                }
                for gap in [" ", "\n", "/"] {
                    let text = format!("{quoted}{gap}{value}");
                    assert!(!key.is_at(text.as_bytes(), 0), "{text}");
                }
            }
            // Nothing after it, or cut short: no value follows.
            assert!(!key.is_at(quoted.as_bytes(), 0), "{quoted}");
            assert!(!key.is_at(&quoted.as_bytes()[..quoted.len() - 1], 0), "{quoted}");
            assert!(!key.is_at(quoted.as_bytes(), quoted.len() + 5), "{quoted}");
        }
    }

    #[test]
    fn what_is_learned_is_kept_per_shape_and_thread() {
        std::thread::spawn(|| {
            let mut order = KeyOrder::load(2);
            assert_eq!(order.expected(Place::START), None);
            let place = order.learn(Place::START, Field::RoomId);
            assert_eq!(place, Place::after(Field::RoomId));
            assert_eq!(order.learn(place, Field::Call), Place::after(Field::Call));
            order.store();
            let order = KeyOrder::load(2);
            assert_eq!(order.expected(Place::START), Some(Field::RoomId));
            assert_eq!(order.expected(Place::after(Field::RoomId)), Some(Field::Call));
            assert_eq!(order.expected(Place::after(Field::Call)), None);
            // The last field's place is in the row too.
            let last = Field::ALL[FIELD_COUNT - 1];
            assert_eq!(order.expected(Place::after(last)), None);
            assert_eq!(KeyOrder::load(3).expected(Place::START), None);
            assert_eq!(KeyOrder::load(SHAPES).expected(Place::START), None);
        })
        .join()
        .unwrap();
    }
}
