//! The properties the fuzz targets check, shared by `fuzz/fuzz_targets/*.rs` (nightly,
//! libFuzzer) and `tests/regressions.rs` (stable, `cargo test`), which includes this file with
//! `#[path]` and replays every saved input in `tests/regressions/` through the same function.
//!
//! Every check panics (assert) when a property does not hold.

#![allow(dead_code)]

use spaces_widget_events::{Error, Event, Flow, ParseOptions, Stream, WebexId};

/// Touches every read-only accessor of a parsed event, so that a panic in one shows up.
fn touch(event: &Event) {
    let _ = (event.kind(), event.name(), event.canonical_name(), event.resource());
    let _ = (event.event_type(), event.actor_id(), event.action(), event.is_wrapped());
    for warning in event.warnings() {
        let _ = format!("{warning:?}");
    }
    let keys: Vec<String> = event.data_keys().map(str::to_string).collect();
    for key in &keys {
        let _ = event.data_json(key);
    }
    let _ = event.data_to_json();
    let _ = format!("{:?}", event.data());
}

/// An error's position, when it has one, lies inside the input and agrees with its line and
/// column.
fn check_error_position(input: &[u8], error: &Error) {
    if let Some(position) = error.position() {
        assert!(
            position.offset <= input.len(),
            "error offset {} past the end of a {}-byte input: {error:?}",
            position.offset,
            input.len()
        );
        assert!(position.line >= 1 && position.column >= 1, "bad position {position:?}");
    }
}

/// Whether serde_json accepts `text` as one JSON text (syntax only: numbers of any range).
fn serde_accepts(text: &[u8]) -> Result<(), serde_json::Error> {
    serde_json::from_slice::<serde::de::IgnoredAny>(text).map(|_| ())
}

/// `parse_json`: `Event::parse` on arbitrary bytes never panics; a parsed event's accessors
/// never panic; an error's position lies within the input; and what the strict parser accepts
/// is JSON (serde_json accepts it too, after the byte order mark the parser skips).
pub fn parse_json(input: &[u8]) {
    match Event::parse(input) {
        Ok(event) => {
            touch(&event);
            let text = input.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(input);
            if let Err(e) = serde_accepts(text) {
                panic!(
                    "strict parse accepted text that is not JSON ({e}): {:?}",
                    String::from_utf8_lossy(text)
                );
            }
        }
        Err(error) => check_error_position(input, &error),
    }
}

/// `parse_literal`: the same with `ParseOptions::literal()`; in addition, an event parsed
/// from JavaScript-literal text writes strict JSON (listeners and hosts receive `to_json`):
/// `Event::parse(event.to_json())` succeeds and gives an equal event.
pub fn parse_literal(input: &[u8]) {
    match Event::parse_with(input, &ParseOptions::literal()) {
        Ok(event) => {
            touch(&event);
            let json = event.to_json();
            if let Err(e) = serde_accepts(json.as_bytes()) {
                panic!("to_json of a literal-parsed event is not JSON ({e}): {json}");
            }
            let again = Event::parse(&json).unwrap_or_else(|e| {
                panic!("to_json of a literal-parsed event is not accepted as JSON: {e}\n{json}")
            });
            assert_eq!(again, event, "JSON re-parse differs from the literal event\n{json}");
            assert_eq!(again.to_json(), json);
        }
        Err(error) => check_error_position(input, &error),
    }
}

/// The `stream_chunks` input format: byte 0 chooses the line limit (high bit clear: the
/// default 8 MiB; set: `(byte & 0x3F) + 1` bytes); byte 1 is a mask of the first 8 deliveries
/// that answer `Flow::Stop` while chunked; byte 2 (mod 16) is the number `k` of split points,
/// then `k` little-endian u16 split offsets (taken modulo the data length); the rest is the
/// stream's data.
pub struct StreamCase<'a> {
    pub options: ParseOptions,
    pub stops: u8,
    pub splits: Vec<usize>,
    pub data: &'a [u8],
}

pub fn stream_case(input: &[u8]) -> Option<StreamCase<'_>> {
    let (&limit, rest) = input.split_first()?;
    let (&stops, rest) = rest.split_first()?;
    let (&count, rest) = rest.split_first()?;
    let count = (count % 16) as usize;
    if rest.len() < 2 * count {
        return None;
    }
    let (raw_splits, data) = rest.split_at(2 * count);
    let mut options = ParseOptions::default();
    if limit & 0x80 != 0 {
        options.limits.max_input_bytes = (limit & 0x3F) as usize + 1;
    }
    let mut splits: Vec<usize> = raw_splits
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]) as usize % (data.len() + 1))
        .collect();
    splits.sort_unstable();
    Some(StreamCase { options, stops, splits, data })
}

/// What a stream delivered: each line's event (as its JSON) or error.
fn collect(items: &mut Vec<Result<Event, Error>>, item: Result<Event, Error>) {
    items.push(item);
}

/// A delivered item for people: an event as its JSON, an error as its code, position and
/// message.
fn show(item: &Result<Event, Error>) -> String {
    match item {
        Ok(event) => format!("event {}", event.to_json()),
        Err(e) => format!("error {:?} at {:?}: {}", e.code(), e.position(), e.message()),
    }
}

/// `stream_chunks`: a stream fed its data split at arbitrary points (and stopped by its
/// listener now and then, then resumed with empty chunks) delivers exactly the events and
/// errors, in the same order, that it delivers when fed the data whole.
pub fn stream_chunks(input: &[u8]) {
    let Some(case) = stream_case(input) else {
        return;
    };
    let mut whole = Vec::new();
    let mut stream = Stream::new(case.options);
    assert_eq!(
        stream.feed(case.data, |item| {
            collect(&mut whole, item);
            Flow::Continue
        }),
        Flow::Continue
    );
    assert_eq!(
        stream.finish(|item| {
            collect(&mut whole, item);
            Flow::Continue
        }),
        Flow::Continue
    );
    assert_eq!(stream.buffered(), 0, "bytes left buffered after finish (whole)");

    let mut chunked = Vec::new();
    let mut deliveries = 0u32;
    let mut stream = Stream::new(case.options);
    let mut deliver = |item| {
        collect(&mut chunked, item);
        let stop = deliveries < 8 && case.stops & (1 << deliveries) != 0;
        deliveries += 1;
        if stop { Flow::Stop } else { Flow::Continue }
    };
    let mut start = 0;
    let ends = case.splits.iter().copied().chain(std::iter::once(case.data.len()));
    for end in ends {
        let mut flow = stream.feed(&case.data[start..end], &mut deliver);
        // A stop keeps the unread bytes; empty feeds read them.
        let mut guard = 0;
        while flow == Flow::Stop {
            flow = stream.feed(&[], &mut deliver);
            guard += 1;
            assert!(guard <= case.data.len() + 2, "a stopped stream never resumes");
        }
        start = end;
    }
    let mut guard = 0;
    while stream.finish(&mut deliver) == Flow::Stop {
        guard += 1;
        assert!(guard <= case.data.len() + 2, "finish never completes");
    }
    assert_eq!(stream.buffered(), 0, "bytes left buffered after finish (chunked)");

    let same = chunked.len() == whole.len()
        && chunked.iter().zip(&whole).all(|pair| match pair {
            (Ok(c), Ok(w)) => c == w,
            (Err(c), Err(w)) => c == w,
            _ => false,
        });
    if !same {
        let list = |items: &[Result<Event, Error>]| {
            items.iter().map(|item| format!("\n    {}", show(item))).collect::<String>()
        };
        panic!(
            "chunked feeding (splits {:?}, stops {:#010b}, line limit {}) delivered:{}\n\
             feeding whole delivered:{}",
            case.splits,
            case.stops,
            case.options.limits.max_input_bytes,
            list(&chunked),
            list(&whole)
        );
    }
}

/// `webex_id`: `WebexId::parse` never panics; when it succeeds, the canonical encoding
/// parses back to an equal id with the same URI, and that parse is canonical and encodes to
/// the same text.
pub fn webex_id(input: &[u8]) {
    let Ok(text) = std::str::from_utf8(input) else {
        return;
    };
    let Ok(id) = WebexId::parse(text) else {
        return;
    };
    let _ = (id.cluster(), id.id_type(), id.local_id(), id.was_canonical());
    let encoded = id.encode();
    let again = WebexId::parse(&encoded)
        .unwrap_or_else(|e| panic!("encode() of {text:?} does not parse: {e} ({encoded})"));
    assert_eq!(again, id, "{text:?} -> {encoded}");
    assert_eq!(again.uri(), id.uri(), "{text:?} -> {encoded}");
    assert!(again.was_canonical(), "encode() of {text:?} is not canonical: {encoded}");
    assert_eq!(again.encode(), encoded);
    if id.was_canonical() {
        assert_eq!(encoded, text, "a canonical id encodes to other text");
    }
}

/// `roundtrip`: when `Event::parse` accepts the input, it accepts `to_json()` and
/// `to_json_pretty()` of the event, the events are equal, and writing them again gives the
/// same text.
pub fn roundtrip(input: &[u8]) {
    let Ok(event) = Event::parse(input) else {
        return;
    };
    let json = event.to_json();
    if let Err(e) = serde_accepts(json.as_bytes()) {
        panic!("to_json wrote text that is not JSON ({e}): {json}");
    }
    let again =
        Event::parse(&json).unwrap_or_else(|e| panic!("to_json does not parse back: {e}\n{json}"));
    assert_eq!(again, event, "to_json re-parse differs\n{json}");
    assert_eq!(again.name(), event.name());
    assert_eq!(again.kind(), event.kind());
    assert_eq!(again.is_wrapped(), event.is_wrapped());
    assert_eq!(again.to_json(), json, "to_json not stable");

    let pretty = event.to_json_pretty();
    if let Err(e) = serde_accepts(pretty.as_bytes()) {
        panic!("to_json_pretty wrote text that is not JSON ({e}): {pretty}");
    }
    let again = Event::parse(&pretty)
        .unwrap_or_else(|e| panic!("to_json_pretty does not parse back: {e}\n{pretty}"));
    assert_eq!(again, event, "to_json_pretty re-parse differs\n{pretty}");
    assert_eq!(again.to_json_pretty(), pretty, "to_json_pretty not stable");
    assert_eq!(again.to_json(), json, "compact JSON of the pretty re-parse differs");
}

/// A target's checks.
pub type Check = fn(&[u8]);

/// Every target by name, for the replay test.
pub const TARGETS: &[(&str, Check)] = &[
    ("parse_json", parse_json),
    ("parse_literal", parse_literal),
    ("stream_chunks", stream_chunks),
    ("webex_id", webex_id),
    ("roundtrip", roundtrip),
];
