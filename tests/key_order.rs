//! The parser learns the order in which a host's events write their keys; what an event reads
//! as never depends on the events read before it on the thread.

use proptest::prelude::*;
use spaces_widget_events::Event;

const PERSON: &str =
    "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ";
const ROOM: &str = "Y2lzY29zcGFyazovL3VzL1JPT00vOWVmZDU1ZDItMzhkOS00OWFiLTliNDktNTI0NGM5MmJkZDVh";

/// The members a message's `data` may hold, as compact JSON: known keys, an unknown one, one
/// with an escape in its key, one with white space after its colon, and a repeated key.
fn members() -> Vec<String> {
    [
        format!(r#""actorId":"{PERSON}""#),
        r#""actorName":"Example User""#.to_string(),
        r#""id":"Y2lzY29zcGFyazovL3VzL01FU1NBR0UvNGEwNTllOTI""#.to_string(),
        format!(r#""roomId":"{ROOM}""#),
        r#""roomType":"group""#.to_string(),
        r#""text":"hello""#.to_string(),
        r#""html":"<p>hello</p>""#.to_string(),
        format!(r#""personId":"{PERSON}""#),
        r#""personEmail":"user@example.com""#.to_string(),
        r#""created":"2025-05-28T16:22:13.670Z""#.to_string(),
        r#""extra":[1,{"id":2}]"#.to_string(),
        r#""t\u0065xt":"escaped key""#.to_string(),
        r#""html": "spaced""#.to_string(),
        r#""roomType":"direct""#.to_string(),
    ]
    .to_vec()
}

/// A `messages:created` event whose `data` holds the members at `picks`, in that order.
fn message(picks: &[usize]) -> String {
    let members = members();
    let data: Vec<&str> = picks.iter().map(|&i| members[i].as_str()).collect();
    format!(
        r#"{{"resource":"messages","event":"created","actorId":"{PERSON}","data":{{{}}}}}"#,
        data.join(",")
    )
}

/// What an event reads as: its JSON and warnings, or its error.
fn read(text: &str) -> String {
    match Event::parse(text) {
        Ok(event) => {
            let warnings: Vec<String> = event.warnings().map(|w| w.to_string()).collect();
            format!("{} {warnings:?}", event.to_json())
        }
        Err(error) => format!("error: {error}"),
    }
}

/// What `text` reads as on a thread that has read nothing before.
fn read_fresh(text: &str) -> String {
    let text = text.to_string();
    std::thread::spawn(move || read(&text)).join().unwrap()
}

fn picks() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..members().len(), 0..12)
}

proptest! {
    #[test]
    fn an_event_reads_alike_whatever_was_read_before_it(
        before in prop::collection::vec(picks(), 1..6),
        picks in picks(),
    ) {
        let text = message(&picks);
        let expected = read_fresh(&text);
        let after = std::thread::spawn(move || {
            for earlier in &before {
                read(&message(earlier));
            }
            read(&text)
        });
        prop_assert_eq!(after.join().unwrap(), expected);
    }
}

#[test]
fn a_repeated_key_is_refused_though_the_order_expects_it() {
    let usual = [0, 1, 2, 3, 4, 5];
    let repeated = [0, 1, 2, 3, 4, 13];
    let refused = std::thread::spawn(move || {
        for _ in 0..3 {
            assert!(!read(&message(&usual)).starts_with("error"));
        }
        read(&message(&repeated))
    });
    let refused = refused.join().unwrap();
    assert!(refused.starts_with("error: "), "{refused}");
    assert!(refused.contains("data.roomType"), "{refused}");
    assert_eq!(refused, read_fresh(&message(&repeated)));
}

#[test]
fn a_key_longer_than_the_string_limit_is_refused_though_the_order_expects_it() {
    use spaces_widget_events::{Limits, ParseOptions};
    /// What `text` reads as with strings limited to `max` bytes, after `warm` reads of it with
    /// the default limits on a new thread.
    fn limited(text: &str, max: usize, warm: usize) -> String {
        let text = text.to_string();
        std::thread::spawn(move || {
            for _ in 0..warm {
                assert!(!read(&text).starts_with("error"));
            }
            let limits = Limits { max_string_bytes: max, ..Limits::default() };
            match Event::parse_with(&text, &ParseOptions { limits, ..ParseOptions::default() }) {
                Ok(_) => "accepted".to_string(),
                Err(e) => format!("{:?} at {:?}", e.code(), e.position().map(|p| p.offset)),
            }
        })
        .join()
        .unwrap()
    }
    // Every string here is short but two keys: `personEmail` (11 bytes) is the first string
    // past a limit of 10, `actorName` (9) the first past 8.
    let text = r#"{"resource":"messages","event":"created","data":{"text":"hi","actorName":"x","personEmail":"a@b"}}"#;
    let person_email = text.find(r#""personEmail""#).unwrap();
    let actor_name = text.find(r#""actorName""#).unwrap();
    for (max, expected) in [
        (11, "accepted".to_string()),
        (10, format!("StringTooLong at Some({person_email})")),
        (8, format!("StringTooLong at Some({actor_name})")),
    ] {
        assert_eq!(limited(text, max, 0), expected, "limit {max}, nothing learned");
        assert_eq!(limited(text, max, 3), expected, "limit {max}, the order learned");
    }
}
