//! Writing events back: parse then emit keeps every key, emit then parse gives the same event.

use proptest::prelude::*;
use spaces_widget_events::{EmitOptions, Event, Form, ParseOptions};

fn compact(pretty: &str) -> String {
    serde_json::to_string(&serde_json::from_str::<serde_json::Value>(pretty).unwrap()).unwrap()
}

#[test]
fn every_sample_re_emits_byte_for_byte_once_minified() {
    let dir = format!("{}/tests/data/events", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let event = Event::parse(&text).unwrap();
        // serde_json's writer keeps key order (preserve_order is off, so sort both sides).
        let ours: serde_json::Value = serde_json::from_str(&event.to_json()).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(ours, theirs, "{}", path.display());
        assert_eq!(Event::parse(event.to_json()).unwrap(), event, "{}", path.display());
    }
}

#[test]
fn compact_input_in_widget_order_re_emits_identically() {
    let text = r#"{"resource":"messages","event":"created","actorId":"a","data":{"zeta":{"b":[1,2.5e3,null,true]},"id":"m","text":"tab\there \"q\" \u0001 é 😀","roomId":"r","roomType":"group","personId":"p","created":"2021-03-04T17:33:56.767Z","alpha":"x"}}"#;
    let event = Event::parse(text).unwrap();
    assert_eq!(event.to_json(), text);
}

#[test]
fn escapes_are_written_as_json_stringify_writes_them() {
    let text =
        r#"{"resource":"x","event":"y","data":{"s":"\u0041\/\b\f\n\r\t\u001f\u007f\u2028"}}"#;
    let event = Event::parse(text).unwrap();
    assert_eq!(event.data_json("s").as_deref(), Some("\"A/\\b\\f\\n\\r\\t\\u001f\u{7f}\u{2028}\""));
}

#[test]
fn pretty_output_indents_two_spaces() {
    let event = Event::parse(r#"{"resource":"a","event":"b","data":{"k":[1,{}],"e":[]}}"#).unwrap();
    assert_eq!(
        event.to_json_pretty(),
        "{\n  \"resource\": \"a\",\n  \"event\": \"b\",\n  \"data\": {\n    \"k\": [\n      1,\n      {}\n    ],\n    \"e\": []\n  }\n}"
    );
}

#[test]
fn forms_convert_between_detail_and_wrapper() {
    let bare = Event::parse(r#"{"resource":"rooms","event":"read","data":{"id":"r"}}"#).unwrap();
    let wrapped = bare.to_json_with(EmitOptions { pretty: false, form: Form::Wrapped });
    assert_eq!(
        wrapped,
        r#"{"name":"rooms:read","detail":{"resource":"rooms","event":"read","data":{"id":"r"}}}"#
    );
    let back = Event::parse(&wrapped).unwrap();
    assert!(back.is_wrapped());
    let text =
        r#"{"name":"calls:memberships:connected","detail":{"data":{"actorId":"a"}},"seq":7}"#;
    let named = Event::parse(text).unwrap();
    assert_eq!(named.to_json(), text);
    assert_eq!(
        named.to_json_with(EmitOptions { pretty: false, form: Form::Detail }),
        r#"{"resource":"calls","event":"memberships","data":{"actorId":"a"}}"#
    );
}

#[test]
fn literal_input_emits_strict_json() {
    let text = "{resource: 'messages', event: 'created', // note\n data: {text: 'it\\'s', extra: {a: [1, 'two',], b: undefined}, gone: undefined,},}";
    let event = Event::parse_with(text, &ParseOptions::literal()).unwrap();
    assert_eq!(
        event.to_json(),
        r#"{"resource":"messages","event":"created","data":{"text":"it's","extra":{"a":[1,"two"]}}}"#
    );
}

#[test]
fn generated_corpus_re_emits_byte_for_byte() {
    let script = format!("{}/../shared/bench/gen_widget_corpus.py", env!("CARGO_MANIFEST_DIR"));
    if !std::path::Path::new(&script).exists() {
        // The generator lives beside the repository; the property test below covers the same
        // ground when it is absent.
        return;
    }
    let out = std::env::temp_dir().join(format!("swe-corpus-{}.ndjson", std::process::id()));
    let status = std::process::Command::new("python3")
        .args([&script, "3000", out.to_str().unwrap(), "11"])
        .status()
        .expect("python3 runs");
    assert!(status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();
    let mut count = 0;
    for line in text.lines() {
        let event = Event::parse(line).unwrap();
        assert_eq!(event.to_json(), line);
        assert_eq!(event.warnings().len(), 0, "{line}");
        count += 1;
    }
    assert_eq!(count, 3000);
}

fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
        Just("tab\t\"q\"\\ \u{1} é 😀".to_string()),
    ]
}

fn value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i32>().prop_map(|n| serde_json::json!(n)),
        json_string().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

const NAMES: &[&str] = &[
    "messages:created",
    "rooms:unread",
    "rooms:read",
    "rooms:selected",
    "calls:created",
    "calls:connected",
    "calls:disconnected",
    "memberships:created",
    "mention:clicked",
    "activity:changed",
    "widget:resized",
];

fn data_for(name: &'static str) -> BoxedStrategy<serde_json::Value> {
    let id = prop_oneof![
        Just(
            "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ"
                .to_string()
        ),
        json_string(),
    ];
    let files = prop_oneof![
        prop::collection::vec(json_string().prop_map(serde_json::Value::String), 0..3),
        prop::collection::vec(
            (json_string(), 0u64..10_000_000).prop_map(
                |(n, s)| serde_json::json!({"displayName": n, "fileSize": s, "url": "u"})
            ),
            0..3
        ),
    ];
    let mentions = prop_oneof![
        prop::collection::vec(id.clone().prop_map(|i| serde_json::json!({ "id": i })), 0..3)
            .prop_map(serde_json::Value::Array),
        prop::collection::vec(id.clone().prop_map(serde_json::Value::String), 0..3)
            .prop_map(serde_json::Value::Array),
        Just(serde_json::json!({"items": []})),
    ];
    let call = prop_oneof![
        Just(serde_json::json!("[Call Object]")),
        (json_string(), json_string()).prop_map(|(i, s)| serde_json::json!({"id": i, "state": s})),
        value(),
    ];
    let team =
        prop_oneof![Just(serde_json::json!("")), id.clone().prop_map(serde_json::Value::String)];
    let extra = prop::collection::btree_map("x[a-z]{1,5}", value(), 0..3);
    match name {
        "messages:created" => (id.clone(), json_string(), files, mentions, extra)
            .prop_map(|(i, text, files, mentions, extra)| {
                let mut data = serde_json::json!({"id": i, "roomId": i, "roomType": "group",
                    "text": text, "files": files, "mentionedPeople": mentions, "personId": i,
                    "created": "2021-03-04T17:33:56.767Z"});
                data.as_object_mut().unwrap().extend(extra);
                data
            })
            .boxed(),
        "calls:created" | "calls:connected" | "calls:disconnected" => (id, call, extra)
            .prop_map(|(i, call, extra)| {
                let mut data = serde_json::json!({"roomId": i, "call": call});
                data.as_object_mut().unwrap().extend(extra);
                data
            })
            .boxed(),
        n if n.starts_with("rooms:") => (id, team, any::<bool>(), extra)
            .prop_map(|(i, team, locked, extra)| {
                let mut data = serde_json::json!({"id": i, "type": "direct", "isLocked": locked,
                    "teamId": team, "lastActivity": "2016-04-21T19:12:48.920Z"});
                data.as_object_mut().unwrap().extend(extra);
                data
            })
            .boxed(),
        // Keys outside every shape's fields, which would have to hold values of their types.
        _ => prop::collection::btree_map("x[a-z]{1,5}", value(), 0..4)
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect()))
            .boxed(),
    }
}

fn event_text() -> impl Strategy<Value = String> {
    (prop::sample::select(NAMES), any::<bool>()).prop_flat_map(|(name, wrapped)| {
        data_for(name).prop_map(move |data| {
            let (resource, event) = name.split_once(':').unwrap();
            let detail = serde_json::json!({"resource": resource, "event": event, "data": data});
            let value =
                if wrapped { serde_json::json!({"name": name, "detail": detail}) } else { detail };
            serde_json::to_string(&value).unwrap()
        })
    })
}

proptest! {
    #[test]
    fn parse_then_emit_keeps_every_key_and_value(text in event_text()) {
        let event = Event::parse(&text).unwrap();
        let ours: serde_json::Value = serde_json::from_str(&event.to_json()).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn emit_then_parse_gives_the_same_event(text in event_text()) {
        let event = Event::parse(&text).unwrap();
        let again = Event::parse(event.to_json()).unwrap();
        prop_assert_eq!(&again, &event);
        prop_assert_eq!(again.to_json(), event.to_json());
        let pretty = Event::parse(event.to_json_pretty()).unwrap();
        prop_assert_eq!(pretty.to_json(), compact(&event.to_json_pretty()));
    }
}
