//! Hostile and broken input: each gets its exact error, never a panic or a hang.

use spaces_widget_events::{Data, ErrorCode, Event, Limits, ParseOptions};

fn code(text: impl AsRef<[u8]>) -> ErrorCode {
    Event::parse(text).map(|_| panic!("accepted")).unwrap_err().code()
}

const EVENT: &str = r#"{"resource":"rooms","event":"read","data":{"id":"r"}}"#;

#[test]
fn hostile_inputs_get_their_exact_status() {
    let deep = format!(
        r#"{{"resource":"a","event":"b","data":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let long_number =
        format!(r#"{{"resource":"a","event":"b","data":{{"n":{}}}}}"#, "9".repeat(10_000));
    let big_string =
        format!(r#"{{"resource":"a","event":"b","data":{{"s":"{}"}}}}"#, "x".repeat(10 << 20));
    let cases: Vec<(&str, Vec<u8>, ErrorCode)> = vec![
        ("empty", b"".to_vec(), ErrorCode::Truncated),
        ("white space only", b" \n\t ".to_vec(), ErrorCode::Truncated),
        ("truncated", EVENT.as_bytes()[..30].to_vec(), ErrorCode::Truncated),
        ("not an object", b"[1]".to_vec(), ErrorCode::Syntax),
        ("trailing garbage", format!("{EVENT} x").into_bytes(), ErrorCode::Syntax),
        ("invalid byte", b"{\"resource\":\"\xff\"}".to_vec(), ErrorCode::InvalidUtf8),
        ("overlong", b"{\"resource\":\"\xc0\xaf\"}".to_vec(), ErrorCode::InvalidUtf8),
        ("surrogate encoded", b"{\"resource\":\"\xed\xa0\x80\"}".to_vec(), ErrorCode::InvalidUtf8),
        ("truncated sequence", b"{\"resource\":\"\xe2\x82".to_vec(), ErrorCode::InvalidUtf8),
        (
            "unpaired surrogate",
            br#"{"resource":"a\ud800","event":"b","data":{}}"#.to_vec(),
            ErrorCode::InvalidString,
        ),
        (
            "lone low surrogate",
            br#"{"resource":"a\udc00","event":"b","data":{}}"#.to_vec(),
            ErrorCode::InvalidString,
        ),
        (
            "bad escape",
            br#"{"resource":"a\q","event":"b","data":{}}"#.to_vec(),
            ErrorCode::InvalidString,
        ),
        (
            "raw control",
            b"{\"resource\":\"a\x01\",\"event\":\"b\",\"data\":{}}".to_vec(),
            ErrorCode::InvalidString,
        ),
        (
            "raw NUL",
            b"{\"resource\":\"a\x00\",\"event\":\"b\",\"data\":{}}".to_vec(),
            ErrorCode::InvalidString,
        ),
        ("nesting", deep.into_bytes(), ErrorCode::TooDeep),
        ("long number", long_number.into_bytes(), ErrorCode::NumberTooLong),
        ("10 MB string", big_string.into_bytes(), ErrorCode::InputTooLarge),
        (
            "duplicate envelope key",
            br#"{"resource":"a","resource":"b","event":"c","data":{}}"#.to_vec(),
            ErrorCode::DuplicateKey,
        ),
        (
            "duplicate data key",
            br#"{"resource":"rooms","event":"read","data":{"id":"a","id":"b"}}"#.to_vec(),
            ErrorCode::DuplicateKey,
        ),
        (
            "duplicate unknown key",
            br#"{"resource":"rooms","event":"read","data":{"z":1,"z":2}}"#.to_vec(),
            ErrorCode::DuplicateKey,
        ),
        ("missing resource", br#"{"event":"read","data":{}}"#.to_vec(), ErrorCode::MissingField),
        (
            "missing data",
            br#"{"resource":"rooms","event":"read"}"#.to_vec(),
            ErrorCode::MissingField,
        ),
        ("empty name", br#"{"name":"","detail":{"data":{}}}"#.to_vec(), ErrorCode::InvalidValue),
        ("wrapper without detail", br#"{"name":"a:b"}"#.to_vec(), ErrorCode::MissingField),
        (
            "wrong type",
            br#"{"resource":"messages","event":"created","data":{"roomType":5}}"#.to_vec(),
            ErrorCode::WrongType,
        ),
        (
            "data not an object",
            br#"{"resource":"rooms","event":"read","data":"x"}"#.to_vec(),
            ErrorCode::WrongType,
        ),
        (
            "leading zero",
            br#"{"resource":"a","event":"b","data":{"n":01}}"#.to_vec(),
            ErrorCode::Syntax,
        ),
    ];
    for (name, text, expected) in cases {
        assert_eq!(code(&text), expected, "{name}");
    }
}

#[test]
fn accepted_oddities() {
    let with_bom = format!("\u{FEFF}{EVENT}");
    assert_eq!(Event::parse(with_bom).unwrap().name(), "rooms:read");
    let nul =
        Event::parse(r#"{"resource":"rooms","event":"read","data":{"id":"a\u0000b"}}"#).unwrap();
    let spaces_widget_events::Data::Room(room) = nul.data() else { panic!("a room") };
    assert_eq!(room.id(), Some("a\0b"));
    assert_eq!(nul.to_json(), r#"{"resource":"rooms","event":"read","data":{"id":"a\u0000b"}}"#);
}

#[test]
fn limits_are_enforced_and_adjustable() {
    let limits = Limits { max_input_bytes: 64, max_depth: 3, max_string_bytes: 10 };
    let options = ParseOptions { limits, ..ParseOptions::default() };
    let long = format!(r#"{{"resource":"a","event":"b","data":{{"s":"{}"}}}}"#, "x".repeat(40));
    let error = Event::parse_with(&long, &options).unwrap_err();
    assert_eq!(error.code(), ErrorCode::InputTooLarge);
    let string = r#"{"resource":"a","event":"b","data":{"s":"12345678901"}}"#;
    let error = Event::parse_with(string, &options).unwrap_err();
    assert_eq!((error.code(), error.path()), (ErrorCode::StringTooLong, "data.s"));
    let deep = r#"{"resource":"a","event":"b","data":{"s":[[1]]}}"#;
    let error = Event::parse_with(deep, &options).unwrap_err();
    assert_eq!((error.code(), error.position().unwrap().column), (ErrorCode::TooDeep, 42));
    let bad = ParseOptions { limits: Limits { max_depth: 0, ..Limits::default() }, ..options };
    assert_eq!(Event::parse_with(EVENT, &bad).unwrap_err().code(), ErrorCode::InvalidArgument);
}

#[test]
fn errors_name_the_field_and_position() {
    let text = "{\n  \"resource\": \"messages\",\n  \"event\": \"created\",\n  \"data\": {\"roomType\": 7}\n}";
    let error = Event::parse(text).unwrap_err();
    let p = error.position().unwrap();
    assert_eq!((error.code(), p.line, p.column, p.offset), (ErrorCode::WrongType, 4, 24, 73));
    assert_eq!(error.path(), "data.roomType");
    assert_eq!(error.message(), "expected a string, found `7`");
    let wrapped = r#"{"name":"x:y","detail":{"resource":"x","event":"y","data":{"a":[1,2,}]}}}"#;
    let error = Event::parse(wrapped).unwrap_err();
    assert_eq!((error.code(), error.path()), (ErrorCode::Syntax, "data.a[2]"));
}

#[test]
fn warnings_can_be_errors() {
    let text = r#"{"resource":"rooms","event":"read","data":{"id":"not-an-id","type":"group","lastActivity":"2016-04-21T19:12:48.920Z"}}"#;
    let event = Event::parse(text).unwrap();
    let found: Vec<_> = event.warnings().map(|w| (w.code, w.path, w.message)).collect();
    assert_eq!(
        found,
        vec![(
            spaces_widget_events::WarningCode::IdMalformed,
            "data.id",
            "not a Webex id: not base64"
        )]
    );
    let strict = ParseOptions { warnings_as_errors: true, ..ParseOptions::default() };
    let error = Event::parse_with(text, &strict).unwrap_err();
    assert_eq!((error.code(), error.path()), (ErrorCode::Validation, "data.id"));
}

#[test]
fn every_prefix_of_an_event_is_truncated() {
    let texts = [
        r#"{"name":"messages:created","detail":{"resource":"messages","event":"created","actorId":"a","data":{"id":"m","roomId":"r","roomType":"group","text":"caf\u00e9 😀","files":[{"url":"u","fileSize":12},"v"],"mentionedPeople":[{"id":"p"}],"isLocked":true,"personId":"p","created":"2021-03-04T17:33:56.767Z","x":[1,-2.5e3,null,false,{}]}}}"#,
        r#"{"resource":"rooms","event":"unread","data":{"id":"r","type":"direct","isLocked":false,"teamId":"","lastActivity":"2016-04-21T19:12:48.920Z"}}"#,
        r#"{"resource":"calls","event":"created","data":{"call":{"id":"c","state":"JOINED"},"roomId":"r"}}"#,
    ];
    for text in texts {
        assert!(Event::parse(text).is_ok());
        for end in 0..text.len() {
            let Some(prefix) = text.get(..end) else {
                continue;
            };
            let error = Event::parse(prefix).unwrap_err();
            assert_eq!(error.code(), ErrorCode::Truncated, "{prefix}");
        }
    }
}

#[test]
fn a_key_no_schema_knows_is_refused_twice_in_every_modelled_object() {
    for (text, path) in [
        (r#"{"resource":"x","event":"y","foo":1,"foo":2}"#, "foo"),
        (r#"{"name":"n","name":"m","resource":"x","event":"y"}"#, "name"),
        (r#"{"name":"x:y","detail":{"resource":"x","event":"y"},"foo":1,"foo":2}"#, "foo"),
        (r#"{"resource":"rooms","event":"read","data":{"z":1,"id":"a","z":2}}"#, "data.z"),
    ] {
        let error = Event::parse(text).unwrap_err();
        assert_eq!((error.code(), error.path()), (ErrorCode::DuplicateKey, path), "{text}");
    }
    // Different keys, and the same key in different objects, are fine.
    let text = r#"{"name":"x:y","foo":1,"detail":{"resource":"x","event":"y","foo":2,"bar":3}}"#;
    assert_eq!(Event::parse(text).unwrap().to_json(), text);
}

fn literal_text(escaped: &str) -> Result<String, spaces_widget_events::Error> {
    let text = format!("{{resource:'messages',event:'created',data:{{text:'{escaped}'}}}}");
    let event = Event::parse_with(&text, &ParseOptions::literal())?;
    let spaces_widget_events::Data::Message(m) = event.data() else { panic!("not a message") };
    Ok(m.text().unwrap().to_string())
}

#[test]
fn literal_escapes_read_as_javascript_reads_them() {
    for (escaped, value) in [
        (r"a\0b", "a\0b"),
        (r"\x41\u0042\u{43}\u{1F600}\u{000044}", "ABC\u{1F600}D"),
        ("line\\\ncontinued\\\r\nand\\\ragain\\\u{2028}!", "linecontinuedandagain!"),
        (r"\q\'\v", "q'\u{b}"),
    ] {
        assert_eq!(literal_text(escaped).unwrap(), value, "{escaped}");
    }
}

const INVALID_CODE_POINT: &str =
    r"invalid \u{...} escape (expected 1 to 6 hex digits naming a Unicode scalar value)";

#[test]
fn literal_escapes_strict_javascript_refuses_are_refused() {
    for (escaped, message) in [
        (r"a\1", r"legacy escape `\1` in a string (write \u00XX instead)"),
        (r"a\01", r"legacy escape `\01` in a string (write \u00XX instead)"),
        (r"\8", r"legacy escape `\8` in a string (write \u00XX instead)"),
        (r"\u{}", INVALID_CODE_POINT),
        (r"\u{110000}", INVALID_CODE_POINT),
        (r"\u{D800}", INVALID_CODE_POINT),
        (r"\u{1234567}", r"invalid \u{...} escape"),
    ] {
        let error = literal_text(escaped).unwrap_err();
        assert_eq!(
            (error.code(), error.message()),
            (ErrorCode::InvalidString, message),
            "{escaped}"
        );
    }
    let text = r"{resource:'a',event:'b',data:'\u{12";
    let error = Event::parse_with(text, &ParseOptions::literal()).unwrap_err();
    assert_eq!(
        (error.code(), error.message()),
        (ErrorCode::Truncated, r"unterminated \u{...} escape")
    );
}

#[test]
fn literal_comments_are_skipped_and_an_unterminated_one_is_truncated() {
    let options = ParseOptions::literal();
    let text = "/* a */{resource: 'a', /* b\n */ event: 'b', data: {} // c\n}";
    assert_eq!(Event::parse_with(text, &options).unwrap().name(), "a:b");
    let error = Event::parse_with("{resource: 'a' /* never closed", &options).unwrap_err();
    assert_eq!((error.code(), error.message()), (ErrorCode::Truncated, "unterminated comment"));
}

#[test]
fn a_wrapper_is_known_by_its_keys_not_their_order_and_does_not_count_as_a_level() {
    let wrapped = [
        r#"{"name":"rooms:read","detail":{"resource":"rooms","event":"read","data":{}}}"#,
        r#"{"detail":{"resource":"rooms","event":"read","data":{}},"name":"rooms:read"}"#,
    ];
    for text in wrapped {
        assert!(Event::parse(text).unwrap().is_wrapped(), "{text}");
    }
    let bare = r#"{"name":"x","resource":"rooms","event":"read","data":{}}"#;
    let event = Event::parse(bare).unwrap();
    assert!(!event.is_wrapped());
    assert_eq!(event.to_json(), bare);
    // 63 levels of data inside the detail (depth 64 with the detail) parse bare and wrapped.
    let nested = format!("{}{}", "[".repeat(63), "]".repeat(63));
    let detail = format!(r#"{{"resource":"a","event":"b","data":{nested}}}"#);
    assert!(Event::parse(&detail).is_ok());
    assert!(Event::parse(format!(r#"{{"name":"a:b","detail":{detail}}}"#)).is_ok());
    let deeper =
        format!(r#"{{"name":"a:b","detail":{{"resource":"a","event":"b","data":[{nested}]}}}}"#);
    assert_eq!(Event::parse(deeper).unwrap_err().code(), ErrorCode::TooDeep);
}

#[test]
fn a_dot_name_that_means_another_event_than_its_detail_is_flagged() {
    let text =
        r#"{"name":"room.read","detail":{"resource":"messages","event":"created","data":{}}}"#;
    let event = Event::parse(text).unwrap();
    assert!(event.has_warning(spaces_widget_events::WarningCode::NameMismatch));
    let agreeing = r#"{"name":"message.received","detail":{"resource":"messages","event":"created","data":{}}}"#;
    assert!(
        !Event::parse(agreeing)
            .unwrap()
            .has_warning(spaces_widget_events::WarningCode::NameMismatch)
    );
}

#[test]
fn hostile_lists_and_warnings_cost_bounded_memory() {
    let entries = vec![r#""x""#; 200_000].join(",");
    let text = format!(
        r#"{{"resource":"messages","event":"created","data":{{"files":[{entries}],"mentionedPeople":[{entries}]}}}}"#
    );
    let event = Event::parse(&text).unwrap();
    let Data::Message(m) = event.data() else { panic!("a message") };
    assert_eq!(m.files().unwrap().len(), 1000);
    assert_eq!(m.mentioned_people().unwrap().1.len(), 1000);
    assert_eq!(event.warnings().len(), 100);
    // Everything is kept for re-emission.
    assert_eq!(event.to_json(), text);
}

#[test]
fn null_name_is_absent_and_repeated_keys_inside_values_keep_the_last_as_json_parse_does() {
    let error = Event::parse(r#"{"name":null,"detail":{"data":{}}}"#).unwrap_err();
    assert_eq!((error.code(), error.path()), (ErrorCode::MissingField, "name"));
    let text = r#"{"resource":"calls","event":"created","data":{"call":{"id":"a","id":"b"},"roomId":"r"}}"#;
    let event = Event::parse(text).unwrap();
    let Data::Call(call) = event.data() else { panic!("a call") };
    assert_eq!(call.call().unwrap().id(), Some("b"));
    let text = r#"{"resource":"messages","event":"created","data":{"mentionedPeople":[{"id":"a","id":"b"}],"files":[{"url":"u","url":"v"}]}}"#;
    let event = Event::parse(text).unwrap();
    let Data::Message(m) = event.data() else { panic!("a message") };
    assert_eq!(m.mentioned_people().unwrap().1, vec![Some("b")]);
    assert_eq!(m.files().unwrap().next().unwrap().url(), Some("v"));
}
