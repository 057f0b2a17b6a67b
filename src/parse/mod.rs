//! Parsing: text in, [`Event`] out, or an [`Error`] that says what, where and in which field.

mod arena;
mod event;
pub(crate) mod reader;
pub(crate) mod scan;

use crate::error::{Error, ErrorCode, Position};
use crate::model::event::Event;
use crate::options::{Limits, ParseOptions, Syntax};
use std::cell::Cell;

pub(crate) use event::Spare;
use reader::{Fail, Reader};

const BOM: &str = "\u{FEFF}";

impl Event {
    /// Parses one event from strict JSON text with default limits.
    ///
    /// The text is either the event's `detail` (`{"resource": ..., "event": ..., "data": ...}`)
    /// or a `{"name": ..., "detail": ...}` wrapper. A leading UTF-8 byte order mark is skipped.
    pub fn parse(text: impl AsRef<[u8]>) -> Result<Event, Error> {
        Event::parse_with(text, &ParseOptions::default())
    }

    /// Parses one event with the given syntax, limits and warning policy.
    pub fn parse_with(text: impl AsRef<[u8]>, options: &ParseOptions) -> Result<Event, Error> {
        parse_bytes(text.as_ref(), options)
    }
}

thread_local! {
    /// What the last event dropped on this thread left for the next parse to reuse.
    static SPARE: Cell<Option<Spare>> = const { Cell::new(None) };
}

/// Keeps a dropped event's allocations for the next parse on this thread: a host that
/// parses, dispatches and drops each event in turn then allocates nothing per event once
/// warm. Each thread keeps at most one event's worth, and none of a large event.
pub(crate) fn recycle(spare: Spare) {
    if let Some(spare) = Spare::of(spare) {
        // During the thread's teardown the slot may be gone: the allocations are then freed.
        let _ = SPARE.try_with(|cell| cell.set(Some(spare)));
    }
}

/// Frees the allocations this thread keeps for its next parse.
#[cfg_attr(not(feature = "alloc-counter"), allow(dead_code))]
pub(crate) fn release_spare() {
    let _ = SPARE.try_with(Cell::take);
    event::release_scratch();
}

fn parse_bytes(bytes: &[u8], options: &ParseOptions) -> Result<Event, Error> {
    let spare = SPARE.try_with(Cell::take).ok().flatten().unwrap_or_default();
    parse_bytes_into(bytes, options, spare)
}

fn parse_bytes_into(bytes: &[u8], options: &ParseOptions, spare: Spare) -> Result<Event, Error> {
    options.limits.validate()?;
    if bytes.len() > options.limits.max_input_bytes {
        return Err(input_too_large(options.limits.max_input_bytes));
    }
    let text = match validate_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.valid_up_to();
            let message = match e.error_len() {
                Some(_) => format!("invalid UTF-8 (byte 0x{:02X})", bytes[at]),
                None => "invalid UTF-8 (a truncated multi-byte sequence at the end)".to_string(),
            };
            return Err(Error::new(ErrorCode::InvalidUtf8, message)
                .with_position(Position::locate(bytes, at)));
        }
    };
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    event::parse_event(text, start, options, spare)
}

/// `bytes` as text, checked with SIMD where the machine has it; a failure is checked again by
/// the standard library, whose error says where.
fn validate_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// The error for a text past the input limit, placed at its start: a stream skips such a line
/// without keeping it, so neither knows more than that it is too long.
pub(crate) fn input_too_large(limit: usize) -> Error {
    let message = format!("input longer than the limit of {limit} bytes");
    Error::new(ErrorCode::InputTooLarge, message).with_position(Position {
        offset: 0,
        line: 1,
        column: 1,
    })
}

/// Gives a failure its line, column and path.
pub(super) fn locate(fail: Fail, text: &str, syntax: Syntax) -> Error {
    let fail = fail.into_info();
    let position = Position::locate(text.as_bytes(), fail.offset);
    let path = fail.path.unwrap_or_else(|| path_at(text, fail.offset, syntax == Syntax::Literal));
    Error::new(fail.code, fail.message).with_position(position).with_path(path)
}

/// The JSON path of the value at byte `offset`, found by rescanning the text up to it. Paths
/// are relative to the event's `detail`, so a wrapper's leading `detail` is dropped.
fn path_at(text: &str, offset: usize, literal: bool) -> String {
    struct Level {
        object: bool,
        key: Option<String>,
        index: usize,
    }
    let generous = Limits {
        max_input_bytes: Limits::MAX_INPUT_BYTES,
        max_depth: usize::MAX,
        max_string_bytes: usize::MAX,
    };
    let mut r = Reader::new(text, literal, generous);
    let mut stack: Vec<Level> = Vec::new();
    while r.skip_ws().is_ok() && r.pos < offset && !r.at_end() {
        let in_object_without_key = stack.last().is_some_and(|l| l.object && l.key.is_none());
        match r.peek() {
            Some(b'{') | Some(b'[') => {
                stack.push(Level { object: r.peek() == Some(b'{'), key: None, index: 0 });
                r.pos += 1;
            }
            Some(b'}') | Some(b']') => {
                stack.pop();
                r.pos += 1;
            }
            Some(b',') => {
                if let Some(level) = stack.last_mut() {
                    level.index += 1;
                    level.key = None;
                }
                r.pos += 1;
            }
            Some(b':') => r.pos += 1,
            _ if in_object_without_key => match r.key() {
                Ok(key) => stack.last_mut().expect("in an object").key = Some(key.into_owned()),
                Err(_) => break,
            },
            _ => {
                let ok = if r.is_string_start() {
                    r.string_cow().is_ok()
                } else if matches!(r.peek(), Some(b'-' | b'0'..=b'9')) {
                    r.number().is_ok()
                } else {
                    r.word().is_some()
                };
                if !ok {
                    break;
                }
            }
        }
    }
    let mut path = String::new();
    for level in &stack {
        if level.object {
            if let Some(key) = &level.key {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
        } else {
            path.push_str(&format!("[{}]", level.index));
        }
    }
    match path.strip_prefix("detail") {
        Some(rest)
            if stack.first().is_some_and(|l| l.object)
                && (rest.is_empty() || rest.starts_with('.')) =>
        {
            rest.trim_start_matches('.').to_string()
        }
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: &str = r#"{"resource":"rooms","event":"read","data":{"id":"x","type":"group","lastActivity":"2021-03-04T17:33:56.767Z"}}"#;

    #[test]
    fn a_dropped_event_leaves_its_allocations_to_the_next_parse() {
        let first = Event::parse(ROOM).unwrap();
        let (arena, members) = (first.text.as_ptr(), first.members.as_ptr());
        drop(first);
        let second = Event::parse(ROOM).unwrap();
        assert_eq!((second.text.as_ptr(), second.members.as_ptr()), (arena, members));
        // One kept at a time: the event parsed while another is alive gets its own.
        let third = Event::parse(ROOM).unwrap();
        assert_ne!(third.text.as_ptr(), second.text.as_ptr());
        assert_eq!(third.to_json(), ROOM);
    }

    #[test]
    fn a_large_event_is_not_kept() {
        let big = ROOM.replace(r#""x""#, &format!("\"{}\"", "y".repeat(Spare::MAX_KEPT)));
        let event = Event::parse(&big).unwrap();
        drop(event);
        assert!(SPARE.with(Cell::take).is_none());
    }
}
