//! A cursor over validated UTF-8 text that reads JSON tokens, or JavaScript object-literal
//! tokens in literal mode, and copies values out as canonical minified JSON.

use std::borrow::Cow;
use std::ops::Range;

use crate::error::ErrorCode;
use crate::options::{Limits, MAX_NUMBER_LEN};

/// A parse failure before it is given a line, column and path (which are computed only
/// when a parse fails, keeping the hot path free of that bookkeeping). Boxed, so that the
/// parser's results stay two words wide on the path where nothing fails.
#[derive(Debug)]
pub(crate) struct Fail(Box<FailInfo>);

#[derive(Debug)]
pub(crate) struct FailInfo {
    pub code: ErrorCode,
    pub offset: usize,
    pub message: String,
    /// Set when the parser knows the path better than a rescan of the text would.
    pub path: Option<String>,
}

impl Fail {
    pub(crate) fn new(
        code: ErrorCode,
        offset: usize,
        message: String,
        path: Option<String>,
    ) -> Fail {
        Fail(Box::new(FailInfo { code, offset, message, path }))
    }

    pub(crate) fn into_info(self) -> FailInfo {
        *self.0
    }
}

impl std::ops::Deref for Fail {
    type Target = FailInfo;
    fn deref(&self) -> &FailInfo {
        &self.0
    }
}

impl std::ops::DerefMut for Fail {
    fn deref_mut(&mut self) -> &mut FailInfo {
        &mut self.0
    }
}

pub(crate) type Parsed<T> = Result<T, Fail>;

#[cold]
pub(crate) fn fail(code: ErrorCode, offset: usize, message: impl Into<String>) -> Fail {
    Fail::new(code, offset, message.into(), None)
}

/// The scalar words JSON and object literals know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    True,
    False,
    Null,
    /// Literal mode only.
    Undefined,
}

/// Where JSON text goes: a string, or nowhere when a value is only checked.
pub(crate) trait Sink {
    fn push_str(&mut self, s: &str);
    fn push_byte(&mut self, b: u8);
    /// The last byte pushed, to know whether a member or element precedes.
    fn last(&self) -> Option<u8>;
}

impl Sink for String {
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }
    fn push_byte(&mut self, b: u8) {
        debug_assert!(b.is_ascii());
        self.push(b as char);
    }
    fn last(&self) -> Option<u8> {
        self.as_bytes().last().copied()
    }
}

/// A sink that keeps only its last byte.
#[derive(Default)]
pub(crate) struct Discard(Option<u8>);

impl Sink for Discard {
    fn push_str(&mut self, s: &str) {
        if let Some(&b) = s.as_bytes().last() {
            self.0 = Some(b);
        }
    }
    fn push_byte(&mut self, b: u8) {
        self.0 = Some(b);
    }
    fn last(&self) -> Option<u8> {
        self.0
    }
}

pub(crate) struct Reader<'a> {
    pub text: &'a str,
    pub bytes: &'a [u8],
    pub pos: usize,
    pub literal: bool,
    pub limits: Limits,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str, literal: bool, limits: Limits) -> Reader<'a> {
        Reader { text, bytes: text.as_bytes(), pos: 0, literal, limits }
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Skips white space, and in literal mode comments.
    #[inline]
    pub(crate) fn skip_ws(&mut self) -> Parsed<()> {
        // Compact JSON, the common case, has no white space between tokens.
        if self.peek().is_some_and(|b| b > b' ' && b != b'/') {
            return Ok(());
        }
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') if self.literal => self.skip_comment()?,
                _ => return Ok(()),
            }
        }
    }

    fn skip_comment(&mut self) -> Parsed<()> {
        let start = self.pos;
        match self.bytes.get(self.pos + 1) {
            Some(b'/') => {
                let end = memchr::memchr(b'\n', &self.bytes[self.pos..])
                    .map_or(self.bytes.len(), |i| self.pos + i);
                self.pos = end;
                Ok(())
            }
            Some(b'*') => match memchr::memmem::find(&self.bytes[self.pos + 2..], b"*/") {
                Some(i) => {
                    self.pos += 2 + i + 2;
                    Ok(())
                }
                None => Err(fail(ErrorCode::Truncated, start, "unterminated comment")),
            },
            _ => Err(self.unexpected(start, "a value or a comment")),
        }
    }

    /// Describes the token at `at` for an error message.
    pub(crate) fn describe(&self, at: usize) -> String {
        let Some(&b) = self.bytes.get(at) else {
            return "the end of the input".to_string();
        };
        if is_ident_start(b) || b.is_ascii_digit() {
            let end = self.bytes[at..]
                .iter()
                .position(|&c| !is_ident_part(c))
                .map_or(self.bytes.len(), |i| at + i);
            let end = end.min(at + 40);
            return format!("`{}`", &self.text[at..end]);
        }
        let c = self.text[at..].chars().next().unwrap_or('?');
        if c.is_control() { format!("U+{:04X}", c as u32) } else { format!("'{c}'") }
    }

    /// Whether the input ends at `at`, or inside a word that would be valid once complete
    /// (`tr` of `true`).
    pub(crate) fn ends_at(&self, at: usize) -> bool {
        let rest = self.bytes.get(at..).unwrap_or_default();
        let words: &[&[u8]] = &[b"true", b"false", b"null", b"undefined"];
        rest.is_empty() || words.iter().any(|w| w.len() > rest.len() && w.starts_with(rest))
    }

    /// "expected X, found Y", as a truncation error when the input ran out.
    pub(crate) fn unexpected(&self, at: usize, expected: &str) -> Fail {
        let code = if self.ends_at(at) { ErrorCode::Truncated } else { ErrorCode::Syntax };
        fail(code, at, format!("expected {expected}, found {}", self.describe(at)))
    }

    /// Reads an object key (the reader sits on its first character) and the `:` after it.
    #[inline]
    pub(crate) fn key(&mut self) -> Parsed<Cow<'a, str>> {
        // Compact JSON, the common case: `"key":` then a value, with no escape in the key.
        let start = self.pos;
        if self.bytes.get(start) == Some(&b'"') {
            let content = start + 1;
            let end = self.scan_plain(content, b'"');
            if self.bytes.get(end) == Some(&b'"')
                && self.bytes.get(end + 1) == Some(&b':')
                && self.bytes.get(end + 2).is_some_and(|&b| b > b' ' && b != b'/')
                && end - content <= self.limits.max_string_bytes
            {
                self.pos = end + 2;
                return Ok(Cow::Borrowed(crate::model::event::substr(self.text, content, end)));
            }
        }
        self.key_in_full()
    }

    /// [`Reader::key`] for every form: quoted or, in literal mode, a bare name; with escapes,
    /// white space or comments around the `:`.
    fn key_in_full(&mut self) -> Parsed<Cow<'a, str>> {
        let start = self.pos;
        let key = match self.peek() {
            Some(b'"') => self.string_cow()?,
            Some(b'\'') if self.literal => self.string_cow()?,
            Some(b) if self.literal && is_ident_start(b) => {
                let end = self.bytes[start..]
                    .iter()
                    .position(|&c| !is_ident_part(c))
                    .map_or(self.bytes.len(), |i| start + i);
                self.pos = end;
                Cow::Borrowed(&self.text[start..end])
            }
            _ => return Err(self.unexpected(start, "a key in quotes")),
        };
        self.skip_ws()?;
        if self.peek() != Some(b':') {
            return Err(self.unexpected(self.pos, "':' after the key"));
        }
        self.pos += 1;
        self.skip_ws()?;
        if self.at_end() {
            return Err(self.unexpected(self.pos, "a value"));
        }
        Ok(key)
    }

    /// After a member's value: consumes `,` and returns true when another member follows,
    /// consumes the closing `}` and returns false when the object ends. A trailing comma is
    /// accepted in literal mode.
    #[inline]
    pub(crate) fn next_member(&mut self) -> Parsed<bool> {
        // Compact JSON: a `,` and straight on to the next key.
        if self.peek() == Some(b',')
            && self.bytes.get(self.pos + 1).is_some_and(|&b| b > b' ' && b != b'/' && b != b'}')
        {
            self.pos += 1;
            return Ok(true);
        }
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(false);
        }
        self.next_member_in_full()
    }

    /// [`Reader::next_member`] for every form: white space or comments about the `,`, a
    /// trailing comma, or neither `,` nor `}`.
    #[inline(never)]
    fn next_member_in_full(&mut self) -> Parsed<bool> {
        self.skip_ws()?;
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_ws()?;
                if self.literal && self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(false);
                }
                Ok(true)
            }
            Some(b'}') => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.unexpected(self.pos, "',' or '}' after a member")),
        }
    }

    /// After `{`: returns true when a member follows, false (consuming `}`) when empty.
    pub(crate) fn first_member(&mut self) -> Parsed<bool> {
        self.skip_ws()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// Like [`Reader::next_member`], for arrays.
    pub(crate) fn next_element(&mut self) -> Parsed<bool> {
        self.skip_ws()?;
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_ws()?;
                if self.literal && self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(false);
                }
                Ok(true)
            }
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.unexpected(self.pos, "',' or ']' after an element")),
        }
    }

    /// After `[`: returns true when an element follows, false (consuming `]`) when empty.
    pub(crate) fn first_element(&mut self) -> Parsed<bool> {
        self.skip_ws()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// Enters an object or array at nesting `depth`, failing past the limit.
    pub(crate) fn enter(&mut self, depth: usize) -> Parsed<()> {
        if depth > self.limits.max_depth {
            return Err(fail(
                ErrorCode::TooDeep,
                self.pos,
                format!("nesting deeper than {} levels", self.limits.max_depth),
            ));
        }
        self.pos += 1;
        Ok(())
    }

    pub(crate) fn is_string_start(&self) -> bool {
        matches!(self.peek(), Some(b'"')) || (self.literal && self.peek() == Some(b'\''))
    }

    /// Reads a string, borrowing it from the text when it holds no escapes.
    pub(crate) fn string_cow(&mut self) -> Parsed<Cow<'a, str>> {
        let content = self.pos + 1;
        if let Some(end) = self.plain_string()? {
            return Ok(Cow::Borrowed(crate::model::event::substr(self.text, content, end)));
        }
        let mut out = String::new();
        self.string_into(&mut out)?;
        Ok(Cow::Owned(out))
    }

    /// When the string the reader sits on holds no escape, passes it and returns the index of
    /// its closing quote; otherwise stays and returns `None`.
    #[inline]
    pub(crate) fn plain_string(&mut self) -> Parsed<Option<usize>> {
        let start = self.pos;
        let quote = self.bytes[start];
        let content = start + 1;
        let end = self.scan_plain(content, quote);
        if self.bytes.get(end) == Some(&quote) {
            self.check_string_len(start, end - content)?;
            self.pos = end + 1;
            return Ok(Some(end));
        }
        Ok(None)
    }

    /// Index of the first byte from `from` that ends a plain run of string content.
    #[inline]
    fn scan_plain(&self, from: usize, quote: u8) -> usize {
        super::scan::plain_end(self.bytes, from, quote)
    }

    #[inline]
    pub(crate) fn check_string_len(&self, start: usize, len: usize) -> Parsed<()> {
        if len > self.limits.max_string_bytes {
            return Err(self.string_too_long(start));
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn string_too_long(&self, start: usize) -> Fail {
        fail(
            ErrorCode::StringTooLong,
            start,
            format!("string longer than {} bytes", self.limits.max_string_bytes),
        )
    }

    /// Decodes the string the reader sits on and appends it to `out`.
    pub(crate) fn string_into(&mut self, out: &mut String) -> Parsed<()> {
        let start = self.pos;
        let quote = self.bytes[start];
        let out_start = out.len();
        let mut i = start + 1;
        loop {
            let end = self.scan_plain(i, quote);
            out.push_str(&self.text[i..end]);
            match self.bytes.get(end) {
                None => return Err(fail(ErrorCode::Truncated, start, "unterminated string")),
                Some(&b) if b == quote => {
                    self.pos = end + 1;
                    return self.check_string_len(start, out.len() - out_start);
                }
                Some(b'\\') => i = self.escape(end, out)?,
                Some(&b) => {
                    return Err(fail(
                        ErrorCode::InvalidString,
                        end,
                        format!("raw control character U+{b:04X} in a string (it must be escaped)"),
                    ));
                }
            }
        }
    }

    /// Decodes the escape at `at` (a backslash) into `out`; returns the index after it.
    fn escape(&self, at: usize, out: &mut String) -> Parsed<usize> {
        let Some(&c) = self.bytes.get(at + 1) else {
            return Err(fail(ErrorCode::Truncated, at, "unterminated escape"));
        };
        let simple = match c {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            b'\'' if self.literal => Some('\''),
            b'v' if self.literal => Some('\u{b}'),
            b'0' if self.literal && !self.bytes.get(at + 2).is_some_and(u8::is_ascii_digit) => {
                Some('\0')
            }
            _ => None,
        };
        if let Some(ch) = simple {
            out.push(ch);
            return Ok(at + 2);
        }
        match c {
            b'u' if self.literal && self.bytes.get(at + 2) == Some(&b'{') => {
                self.code_point_escape(at, out)
            }
            b'u' => {
                let (unit, next) = self.hex_unit(at)?;
                let ch = match unit {
                    0xD800..=0xDBFF => {
                        let low = (self.bytes.get(next) == Some(&b'\\')
                            && self.bytes.get(next + 1) == Some(&b'u'))
                        .then(|| self.hex_unit(next))
                        .transpose()?;
                        match low {
                            Some((low @ 0xDC00..=0xDFFF, after)) => {
                                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                                return Ok(after);
                            }
                            _ => None,
                        }
                    }
                    0xDC00..=0xDFFF => None,
                    _ => char::from_u32(unit),
                };
                match ch {
                    Some(ch) => {
                        out.push(ch);
                        Ok(next)
                    }
                    None => Err(fail(
                        ErrorCode::InvalidString,
                        at,
                        format!("unpaired surrogate \\u{unit:04x} in a string"),
                    )),
                }
            }
            b'x' if self.literal => {
                let hex = self.bytes.get(at + 2..at + 4).and_then(parse_hex);
                match hex.and_then(char::from_u32) {
                    Some(ch) => {
                        out.push(ch);
                        Ok(at + 4)
                    }
                    None => Err(fail(ErrorCode::InvalidString, at, "invalid \\x escape")),
                }
            }
            b'0'..=b'9' if self.literal => {
                // `\0` before a digit, `\1` to `\7` (octal) and `\8`, `\9`: what sloppy
                // JavaScript reads as legacy escapes, strict code refuses.
                let escape = &self.text[at..at + 2 + usize::from(c == b'0')];
                Err(fail(
                    ErrorCode::InvalidString,
                    at,
                    format!("legacy escape `{escape}` in a string (write \\u00XX instead)"),
                ))
            }
            b'\n' if self.literal => Ok(at + 2),
            b'\r' if self.literal => {
                // A line continuation: the escaped line end is no part of the string.
                Ok(at + 2 + usize::from(self.bytes.get(at + 2) == Some(&b'\n')))
            }
            _ if self.literal && c >= 0x20 => {
                // JavaScript reads any other escaped character as itself, but for the line
                // separators, which continue the line.
                let ch = self.text[at + 1..].chars().next().unwrap_or('\u{FFFD}');
                if ch != '\u{2028}' && ch != '\u{2029}' {
                    out.push(ch);
                }
                Ok(at + 1 + ch.len_utf8())
            }
            _ => Err(fail(
                ErrorCode::InvalidString,
                at,
                format!("invalid escape {} in a string", self.describe_escape(at)),
            )),
        }
    }

    /// A literal's `\u{X}` escape at `at`: one to six hex digits naming a scalar value.
    fn code_point_escape(&self, at: usize, out: &mut String) -> Parsed<usize> {
        let digits_at = at + 3;
        let rest = &self.bytes[digits_at.min(self.bytes.len())..];
        let Some(close) = rest.iter().take(7).position(|&b| b == b'}') else {
            if rest.len() < 7 && rest.iter().all(u8::is_ascii_hexdigit) {
                return Err(fail(ErrorCode::Truncated, at, "unterminated \\u{...} escape"));
            }
            return Err(fail(ErrorCode::InvalidString, at, "invalid \\u{...} escape"));
        };
        let ch = (1..=6)
            .contains(&close)
            .then(|| parse_hex(&rest[..close]))
            .flatten()
            .and_then(char::from_u32);
        match ch {
            Some(ch) => {
                out.push(ch);
                Ok(digits_at + close + 1)
            }
            None => Err(fail(
                ErrorCode::InvalidString,
                at,
                "invalid \\u{...} escape (expected 1 to 6 hex digits naming a Unicode scalar value)",
            )),
        }
    }

    fn describe_escape(&self, at: usize) -> String {
        match self.text[at + 1..].chars().next() {
            Some(c) if !c.is_control() => format!("`\\{c}`"),
            Some(c) => format!("\\ followed by U+{:04X}", c as u32),
            None => "at the end of the input".to_string(),
        }
    }

    fn hex_unit(&self, at: usize) -> Parsed<(u32, usize)> {
        match self.bytes.get(at + 2..at + 6).and_then(parse_hex) {
            Some(unit) => Ok((unit, at + 6)),
            None if self.bytes.len() < at + 6 => {
                Err(fail(ErrorCode::Truncated, at, "unterminated \\u escape"))
            }
            None => Err(fail(
                ErrorCode::InvalidString,
                at,
                "invalid \\u escape (expected 4 hex digits)",
            )),
        }
    }

    /// Reads a number and returns its range in the text.
    pub(crate) fn number(&mut self) -> Parsed<Range<usize>> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let digits = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let int = digits(i);
        if int == 0 || (int > 1 && b[i] == b'0') {
            return Err(self.bad_number(start));
        }
        i += int;
        if b.get(i) == Some(&b'.') {
            let frac = digits(i + 1);
            if frac == 0 {
                return Err(self.bad_number(start));
            }
            i += 1 + frac;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let exp = digits(i);
            if exp == 0 {
                return Err(self.bad_number(start));
            }
            i += exp;
        }
        if i - start > MAX_NUMBER_LEN {
            return Err(fail(
                ErrorCode::NumberTooLong,
                start,
                format!("number longer than {MAX_NUMBER_LEN} characters"),
            ));
        }
        if b.get(i).is_some_and(|&c| is_ident_part(c) || c == b'.') {
            return Err(self.bad_number(start));
        }
        self.pos = i;
        Ok(start..i)
    }

    fn bad_number(&self, start: usize) -> Fail {
        let end = self.bytes[start..]
            .iter()
            .position(|&c| !(is_ident_part(c) || matches!(c, b'.' | b'-' | b'+')))
            .map_or(self.bytes.len(), |i| start + i);
        // `1.`, `1e`, `1e+` and `-` are numbers cut short when the input ends there.
        let last = self.bytes[end - 1];
        if end == self.bytes.len() && matches!(last, b'.' | b'e' | b'E' | b'+' | b'-') {
            return fail(ErrorCode::Truncated, start, "unterminated number");
        }
        let token = &self.text[start..end.min(start + 40)];
        fail(ErrorCode::Syntax, start, format!("invalid number `{token}`"))
    }

    /// Reads `true`, `false`, `null`, or in literal mode `undefined`, if the reader sits on one.
    pub(crate) fn word(&mut self) -> Option<Word> {
        let (word, len) = self.word_at(self.pos)?;
        self.pos += len;
        Some(word)
    }

    /// The word at `at` and its length, when a whole one stands there.
    fn word_at(&self, at: usize) -> Option<(Word, usize)> {
        let rest = self.bytes.get(at..)?;
        let (word, len) = if rest.starts_with(b"true") {
            (Word::True, 4)
        } else if rest.starts_with(b"false") {
            (Word::False, 5)
        } else if rest.starts_with(b"null") {
            (Word::Null, 4)
        } else if self.literal && rest.starts_with(b"undefined") {
            (Word::Undefined, 9)
        } else {
            return None;
        };
        if rest.get(len).is_some_and(|&c| is_ident_part(c)) {
            return None;
        }
        Some((word, len))
    }

    /// Whether a value of some type starts at `at`: a string, an object, an array, a number
    /// or a whole word. When none does, the text is broken there, whatever type was wanted.
    pub(crate) fn value_starts_at(&self, at: usize) -> bool {
        match self.bytes.get(at) {
            Some(b'"' | b'{' | b'[' | b'-' | b'0'..=b'9') => true,
            Some(b'\'') => self.literal,
            Some(_) => self.word_at(at).is_some(),
            None => false,
        }
    }

    /// Reads one value of any type and writes it to `out` as canonical minified JSON: no white
    /// space, strings escaped as `JSON.stringify` escapes them. `depth` is the nesting level
    /// the value would have if it is an object or array. Iterative, so hostile nesting costs
    /// no stack.
    pub(crate) fn copy_value(&mut self, out: &mut impl Sink, depth: usize) -> Parsed<()> {
        let start = self.pos;
        if let Some(end) = self.canonical_end(depth) {
            out.push_str(&self.text[start..end]);
            return Ok(());
        }
        // One bit per open container: set for an object, clear for an array.
        let mut stack = BitStack::default();
        'value: loop {
            self.skip_ws()?;
            let at = self.pos;
            match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    self.enter(depth + stack.len())?;
                    out.push_byte(open);
                    stack.push(open == b'{');
                    let more =
                        if open == b'{' { self.first_member()? } else { self.first_element()? };
                    if more {
                        // An array's first element, or an object's first member unless its
                        // value was `undefined` (then go on as after a value).
                        if open == b'[' || self.copy_key(out)? {
                            continue 'value;
                        }
                    } else {
                        out.push_byte(if open == b'{' { b'}' } else { b']' });
                        stack.pop();
                    }
                }
                Some(b'"') => self.copy_string(out)?,
                Some(b'\'') if self.literal => self.copy_string(out)?,
                Some(b'-' | b'0'..=b'9') => {
                    let range = self.number()?;
                    out.push_str(&self.text[range]);
                }
                _ => match self.word() {
                    Some(Word::True) => out.push_str("true"),
                    Some(Word::False) => out.push_str("false"),
                    Some(Word::Null | Word::Undefined) => out.push_str("null"),
                    None => return Err(self.unexpected(at, "a value")),
                },
            }
            // After a value: close every container that ends here, then go on with the next
            // member or element.
            loop {
                let Some(in_object) = stack.top() else {
                    return Ok(());
                };
                if in_object {
                    if self.next_member()? {
                        if self.copy_key(out)? {
                            continue 'value;
                        }
                        continue;
                    }
                    out.push_byte(b'}');
                } else {
                    if self.next_element()? {
                        out.push_byte(b',');
                        continue 'value;
                    }
                    out.push_byte(b']');
                }
                stack.pop();
            }
        }
    }

    /// When the value the reader sits on is written as [`Reader::copy_value`] would write it
    /// (strict JSON, no white space, only the escapes `JSON.stringify` writes), passes it and
    /// returns where it ends. Otherwise, or when it is broken in any way, stays and returns
    /// `None`, leaving the full path to copy it or to say what is wrong.
    fn canonical_end(&mut self, depth: usize) -> Option<usize> {
        if self.literal {
            return None;
        }
        let start = self.pos;
        let end = self.canonical_end_from(start, depth);
        self.pos = end.unwrap_or(start);
        end
    }

    fn canonical_end_from(&mut self, start: usize, depth: usize) -> Option<usize> {
        let b = self.bytes;
        let mut stack = BitStack::default();
        let mut i = start;
        'value: loop {
            match *b.get(i)? {
                open @ (b'{' | b'[') => {
                    if depth + stack.len() > self.limits.max_depth {
                        return None;
                    }
                    let object = open == b'{';
                    i += 1;
                    if b.get(i) == Some(if object { &b'}' } else { &b']' }) {
                        i += 1;
                    } else {
                        stack.push(object);
                        if object {
                            i = self.canonical_key_end(i)?;
                        }
                        continue 'value;
                    }
                }
                b'"' => i = self.canonical_string_end(i)?,
                b'-' | b'0'..=b'9' => {
                    self.pos = i;
                    i = self.number().ok()?.end;
                }
                _ => {
                    let (word, len) = self.word_at(i)?;
                    if word == Word::Undefined {
                        return None;
                    }
                    i += len;
                }
            }
            // After a value: close what ends here, then on to the next member or element.
            loop {
                let Some(object) = stack.top() else {
                    return Some(i);
                };
                match (*b.get(i)?, object) {
                    (b',', true) => {
                        i = self.canonical_key_end(i + 1)?;
                        continue 'value;
                    }
                    (b',', false) => {
                        i += 1;
                        continue 'value;
                    }
                    (b'}', true) | (b']', false) => {
                        i += 1;
                        stack.pop();
                    }
                    _ => return None,
                }
            }
        }
    }

    /// After a canonical key at `at` and its `:`, where the value starts.
    fn canonical_key_end(&self, at: usize) -> Option<usize> {
        let end = self.canonical_string_end(at)?;
        (self.bytes.get(end) == Some(&b':')).then_some(end + 1)
    }

    /// After a double-quoted string at `at` written as `JSON.stringify` writes it, within the
    /// length limit.
    fn canonical_string_end(&self, at: usize) -> Option<usize> {
        let b = self.bytes;
        if b.get(at) != Some(&b'"') {
            return None;
        }
        let mut i = at + 1;
        loop {
            i = self.scan_plain(i, b'"');
            match *b.get(i)? {
                b'"' => break,
                b'\\'
                    if matches!(
                        b.get(i + 1),
                        Some(b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't')
                    ) =>
                {
                    i += 2
                }
                _ => return None,
            }
        }
        (i - at - 1 <= self.limits.max_string_bytes).then_some(i + 1)
    }

    /// Copies a member's key and `:`; returns false (having consumed the value) when the value
    /// is `undefined`, which leaves the member out.
    fn copy_key(&mut self, out: &mut impl Sink) -> Parsed<bool> {
        let key = self.key()?;
        if self.literal && self.word_is_undefined() {
            return Ok(false);
        }
        if !matches!(out.last(), Some(b'{')) {
            out.push_byte(b',');
        }
        write_json_string(out, &key);
        out.push_byte(b':');
        Ok(true)
    }

    fn word_is_undefined(&mut self) -> bool {
        let save = self.pos;
        if self.word() == Some(Word::Undefined) {
            return true;
        }
        self.pos = save;
        false
    }

    /// If the reader sits on `null`, consumes it and returns true.
    #[inline]
    pub(crate) fn take_null(&mut self) -> bool {
        if self.peek() != Some(b'n') {
            return false;
        }
        let save = self.pos;
        if self.word() == Some(Word::Null) {
            return true;
        }
        self.pos = save;
        false
    }

    /// If the reader sits on `undefined` (literal mode), consumes it and returns true.
    pub(crate) fn take_undefined(&mut self) -> bool {
        self.literal && self.word_is_undefined()
    }

    fn copy_string(&mut self, out: &mut impl Sink) -> Parsed<()> {
        let double_quoted = self.peek() == Some(b'"');
        match self.string_cow()? {
            // Without escapes, a double-quoted JSON string holds no quote, backslash or
            // control character: it is already written as JSON.stringify writes it.
            Cow::Borrowed(plain) if double_quoted => {
                out.push_byte(b'"');
                out.push_str(plain);
                out.push_byte(b'"');
            }
            value => write_json_string(out, &value),
        }
        Ok(())
    }
}

/// Writes `s` as a JSON string the way `JSON.stringify` does: `"` and `\` escaped, control
/// characters as `\b \f \n \r \t` or `\u00XX`, everything else as it is.
pub(crate) fn write_json_string(out: &mut impl Sink, s: &str) {
    out.push_byte(b'"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    loop {
        // The bytes JSON.stringify escapes are those that end a plain run of a string.
        let at = super::scan::plain_end(bytes, plain, b'"');
        out.push_str(&s[plain..at]);
        let Some(&b) = bytes.get(at) else { break };
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push_byte(HEX[(b >> 4) as usize]);
                out.push_byte(HEX[(b & 0xF) as usize]);
            }
        }
        plain = at + 1;
    }
    out.push_byte(b'"');
}

pub(crate) fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

pub(crate) fn is_ident_part(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

fn parse_hex(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| Some(acc * 16 + (d as char).to_digit(16)?))
}

/// A stack of bits, inline up to 64 levels.
#[derive(Default)]
struct BitStack {
    low: u64,
    high: Vec<bool>,
    len: usize,
}

impl BitStack {
    fn len(&self) -> usize {
        self.len
    }

    fn push(&mut self, bit: bool) {
        if self.len < 64 {
            self.low = (self.low & !(1 << self.len)) | (u64::from(bit) << self.len);
        } else {
            self.high.push(bit);
        }
        self.len += 1;
    }

    fn pop(&mut self) {
        self.len -= 1;
        if self.len >= 64 {
            self.high.pop();
        }
    }

    fn top(&self) -> Option<bool> {
        match self.len {
            0 => None,
            n if n <= 64 => Some(self.low & (1 << (n - 1)) != 0),
            _ => self.high.last().copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            (-1e6f64..1e6).prop_map(|n| serde_json::json!(n)),
            "(\\PC|[\"\\\\/\u{0}-\u{1f}\u{7f}\u{2028}]){0,12}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
                prop::collection::btree_map("(\\PC|[\"\\\\\u{1}]){0,6}", inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn copy(text: &str) -> String {
        let mut reader = Reader::new(text, false, Limits::default());
        let mut out = String::new();
        reader.copy_value(&mut out, 1).unwrap();
        assert_eq!(reader.pos, text.len());
        out
    }

    proptest! {
        /// The copy that takes compact JSON as it stands writes what the full copy writes.
        #[test]
        fn compact_and_spaced_text_copy_alike(value in json()) {
            let compact = serde_json::to_string(&value).unwrap();
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            let from_pretty = copy(&pretty);
            prop_assert_eq!(copy(&compact), from_pretty.clone());
            // And what it writes is canonical: copying it again changes nothing.
            prop_assert_eq!(copy(&from_pretty), from_pretty);
        }
    }

    proptest! {
        /// Strings are written with the escapes JSON.stringify (and serde_json) writes.
        #[test]
        fn strings_are_written_as_json_stringify_writes_them(
            text in "(\\PC|[\"\\\\\u{0}-\u{1f}\u{7f}]){0,40}",
        ) {
            let mut out = String::new();
            write_json_string(&mut out, &text);
            prop_assert_eq!(out, serde_json::to_string(&text).unwrap());
        }
    }

    #[test]
    fn escapes_json_stringify_would_not_write_are_rewritten() {
        assert_eq!(copy(r#"["a\/b","\u0041","\u001F","\n"]"#), r#"["a/b","A","\u001f","\n"]"#);
        assert_eq!(copy(r#"{"k":[1,{"x":true}],"n":null}"#), r#"{"k":[1,{"x":true}],"n":null}"#);
    }
}
