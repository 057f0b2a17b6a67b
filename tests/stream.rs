//! Streams: any split point, CRLF, blank lines, a last line without newline, bad lines that
//! do not stop the stream, and memory bounded by the longest line.

use spaces_widget_events::{ErrorCode, Flow, Limits, ParseOptions, Stream, read_events};

const INPUT: &str = concat!(
    r#"{"resource":"messages","event":"created","data":{"text":"café 日本語 😀"}}"#,
    "\r\n\n   \n",
    r#"{"resource":"rooms","event":"read","data":{"id":"r"}}"#,
    "\n",
    r#"{"resource":"rooms","event":"read","data":"#,
    "\n",
    r#"{"name":"calls:memberships:connected","detail":{"data":{}}}"#,
);

/// What a stream made of the input: event names, or "line:column CODE" for errors.
fn outcome(stream: &mut Stream, chunks: &[&[u8]]) -> Vec<String> {
    let mut seen = Vec::new();
    let mut record = |item: Result<spaces_widget_events::Event, spaces_widget_events::Error>| {
        seen.push(match item {
            Ok(event) => event.name().to_string(),
            Err(e) => {
                let p = e.position().unwrap();
                format!("{}:{} @{} {}", p.line, p.column, p.offset, e.code().name())
            }
        });
        Flow::Continue
    };
    for chunk in chunks {
        stream.feed(chunk, &mut record);
    }
    stream.finish(&mut record);
    seen
}

fn expected() -> Vec<String> {
    vec![
        "messages:created".to_string(),
        "rooms:read".to_string(),
        "5:43 @183 SWE_ERROR_TRUNCATED".to_string(),
        "calls:memberships:connected".to_string(),
    ]
}

#[test]
fn whole_input_at_once() {
    assert_eq!(outcome(&mut Stream::default(), &[INPUT.as_bytes()]), expected());
}

#[test]
fn every_split_point_gives_the_same_events() {
    let bytes = INPUT.as_bytes();
    for split in 0..=bytes.len() {
        let (a, b) = bytes.split_at(split);
        assert_eq!(outcome(&mut Stream::default(), &[a, b]), expected(), "split at {split}");
    }
}

#[test]
fn byte_by_byte_gives_the_same_events() {
    let chunks: Vec<&[u8]> = INPUT.as_bytes().chunks(1).collect();
    assert_eq!(outcome(&mut Stream::default(), &chunks), expected());
}

#[test]
fn an_over_long_line_is_reported_once_and_skipped_without_being_kept() {
    let limits = Limits { max_input_bytes: 100, ..Limits::default() };
    let mut stream = Stream::new(ParseOptions { limits, ..ParseOptions::default() });
    let mut seen = Vec::new();
    let mut record = |item: Result<spaces_widget_events::Event, spaces_widget_events::Error>| {
        seen.push(
            item.map(|e| e.name().to_string()).map_err(|e| (e.code(), e.position().unwrap().line)),
        );
        Flow::Continue
    };
    let endless = vec![b'x'; 4096];
    for _ in 0..1000 {
        stream.feed(&endless, &mut record);
        assert!(stream.buffered() <= 100);
    }
    stream.feed(b"x\n{\"resource\":\"a\",\"event\":\"b\",\"data\":{}}\n", &mut record);
    stream.finish(&mut record);
    assert_eq!(seen, vec![Err((ErrorCode::InputTooLarge, 1)), Ok("a:b".to_string())]);
}

#[test]
fn a_stop_keeps_the_unread_lines_for_the_next_call() {
    let mut stream = Stream::default();
    let mut names = Vec::new();
    let flow = stream.feed(INPUT.as_bytes(), |item| {
        names.push(item.map(|e| e.name().to_string()).unwrap_or_default());
        Flow::Stop
    });
    assert_eq!(flow, Flow::Stop);
    assert_eq!(names, ["messages:created"]);
    assert_eq!(outcome(&mut stream, &[]), expected()[1..]);
}

#[test]
fn read_events_walks_a_reader() {
    let names: Vec<_> = read_events(INPUT.as_bytes(), ParseOptions::default())
        .map(|item| item.map(|e| e.name().to_string()).map_err(|e| e.code()))
        .collect();
    assert_eq!(
        names,
        vec![
            Ok("messages:created".to_string()),
            Ok("rooms:read".to_string()),
            Err(ErrorCode::Truncated),
            Ok("calls:memberships:connected".to_string())
        ]
    );
}

#[test]
fn a_stop_on_an_over_long_line_takes_effect_whatever_the_chunks() {
    let limits = Limits { max_input_bytes: 40, ..Limits::default() };
    let input =
        format!("{}\n{{\"resource\":\"a\",\"event\":\"b\",\"data\":{{}}}}\n", "x".repeat(60));
    for split in [5, 45, 61] {
        let mut stream = Stream::new(ParseOptions { limits, ..ParseOptions::default() });
        let (a, b) = input.as_bytes().split_at(split);
        let mut seen = Vec::new();
        let mut stop = |item: Result<spaces_widget_events::Event, spaces_widget_events::Error>| {
            seen.push(item.map(|e| e.name().to_string()).map_err(|e| e.code()));
            Flow::Stop
        };
        let mut flow = stream.feed(a, &mut stop);
        // When the first chunk stops the stream, the second has not been fed yet.
        let mut rest = b;
        if flow == Flow::Continue {
            flow = stream.feed(b, &mut stop);
            rest = b"";
        }
        assert_eq!(
            (flow, seen),
            (Flow::Stop, vec![Err(ErrorCode::InputTooLarge)]),
            "split {split}"
        );
        assert_eq!(outcome(&mut stream, &[rest]), vec!["a:b".to_string()], "split at {split}");
    }
}

#[test]
fn a_gigabyte_line_without_end_is_reported_once_and_never_buffered() {
    let mut stream = Stream::default();
    let chunk = vec![b'x'; 1 << 20];
    let mut reports = Vec::new();
    for _ in 0..1024 {
        stream.feed(&chunk, |item| {
            reports.push(item.map(|_| ()).map_err(|e| (e.code(), e.position().unwrap().line)));
            Flow::Continue
        });
        assert!(stream.buffered() <= Limits::default().max_input_bytes + 1);
    }
    stream.feed(b"\n{\"resource\":\"a\",\"event\":\"b\",\"data\":{}}\n", |item| {
        reports.push(item.map(|_| ()).map_err(|e| (e.code(), e.position().unwrap().line)));
        Flow::Continue
    });
    assert_eq!(reports, vec![Err((ErrorCode::InputTooLarge, 1)), Ok(())]);
}
