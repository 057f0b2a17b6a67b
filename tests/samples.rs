//! Every sample the project carries parses to exactly what DOMAIN.md says hosts should get.

use spaces_widget_events::{
    CallKind, Data, ErrorCode, Event, FileForm, Kind, MentionsKind, ParseOptions, RoomType,
    TeamKind, WarningCode,
};

fn sample(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn event(name: &str) -> Event {
    Event::parse(sample(&format!("events/{name}"))).expect("sample parses")
}

fn literal(name: &str) -> Result<Event, spaces_widget_events::Error> {
    Event::parse_with(sample(&format!("doc-samples/{name}")), &ParseOptions::literal())
}

fn warnings(event: &Event) -> Vec<(WarningCode, String)> {
    event.warnings().map(|w| (w.code, w.path.to_string())).collect()
}

const ACTOR: &str =
    "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ";
const ROOM: &str = "Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0";
const MESSAGE: &str =
    "Y2lzY29zcGFyazovL3VzL01FU1NBR0UvOTJkYjNiZTAtNDNiZC0xMWU2LThhZTktZGQ1YjNkZmM1NjVk";
const ROOM_AS_TEAM: &str =
    "Y2lzY29zcGFyazovL3VzL1JPT00vNjRlNDVhZTAtYzQ2Yi0xMWU1LTlkZjktMGQ0MWUzNDIxOTcz";

#[test]
fn messages_created_with_file_objects_and_mentions() {
    let e = event("space.messages-created.direct-mentions-files.json");
    assert_eq!(e.kind(), Kind::MessagesCreated);
    assert_eq!(e.name(), "messages:created");
    assert_eq!(e.actor_id(), Some(ACTOR));
    let Data::Message(m) = e.data() else { panic!("a message") };
    assert_eq!(m.id(), Some(MESSAGE));
    assert_eq!(m.room_id(), Some(ROOM));
    assert_eq!(m.room_type(), Some(RoomType::Direct));
    assert_eq!(m.text(), Some("hi Example User B"));
    assert_eq!(m.person_email(), Some("user-a@example.com"));
    assert_eq!(m.to_person_email(), Some("user-b@example.com"));
    assert_eq!(m.actor_name(), Some("Example User A"));
    let created = m.created().unwrap();
    assert_eq!(created.text, "2021-03-04T17:33:56.767Z");
    assert_eq!(created.unix_millis, Some(1_614_879_236_767));
    let files: Vec<_> = m.files().unwrap().collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].form(), FileForm::Object);
    assert_eq!(files[0].display_name(), Some("report.pdf"));
    assert_eq!(files[0].mime_type(), Some("application/pdf"));
    assert_eq!(files[0].object_type(), Some("file"));
    assert_eq!(files[0].size(), Some(48213));
    assert_eq!(
        files[0].url(),
        Some("https://files.example.com/v1/spaces/0000/contents/0000/versions/0000/bytes")
    );
    let (kind, ids) = m.mentioned_people().unwrap();
    assert_eq!(kind, MentionsKind::List);
    assert_eq!(
        ids,
        vec![Some(
            "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmU"
        )]
    );
    assert_eq!(warnings(&e), vec![]);
}

#[test]
fn documented_message_keeps_url_strings_and_flags_the_non_canonical_id() {
    let e = event("widget-space.messages-created.docs.json");
    let Data::Message(m) = e.data() else { panic!("a message") };
    let files: Vec<_> = m.files().unwrap().map(|f| (f.form(), f.url())).collect();
    assert_eq!(files, vec![(FileForm::Url, Some("http://www.example.com/images/media.png"))]);
    assert_eq!(m.mentioned_people(), Some((MentionsKind::List, vec![])));
    assert_eq!(m.created().unwrap().unix_millis, Some(1_445_178_376_000));
    assert_eq!(warnings(&e), vec![(WarningCode::IdNotCanonical, "data.toPersonId".to_string())]);
}

#[test]
fn message_of_2017_reads_space_id_as_the_room_and_misses_room_type() {
    let e = event("widget-message-meet.messages-created.docs-2017-02.json");
    let Data::Message(m) = e.data() else { panic!("a message") };
    assert_eq!(
        m.room_id(),
        Some("Y2lzY29zcGFyazovL3VzL1JPT00vY2RlMWRkNDAtMmYwZC0xMWU1LWJhOWMtN2I2NTU2ZDIyMDdi")
    );
    assert_eq!(m.room_type(), None);
    assert_eq!(warnings(&e), vec![(WarningCode::MissingField, "data.roomType".to_string())]);
}

#[test]
fn wrapper_name_is_kept_and_wins() {
    let e = event("bridge.name-and-detail.json");
    assert!(e.is_wrapped());
    assert_eq!(e.name(), "messages:created");
    assert_eq!(e.resource(), "messages");
    assert_eq!(e.event_type(), "created");
    let Data::Message(m) = e.data() else { panic!("a message") };
    assert_eq!(m.text(), Some("x"));
}

#[test]
fn rooms_events_read_team_shapes() {
    let e = event("space.rooms-unread.no-team.json");
    assert_eq!(e.kind(), Kind::RoomsUnread);
    let Data::Room(r) = e.data() else { panic!("a room") };
    assert_eq!(r.id(), Some(ROOM));
    assert_eq!(r.title(), Some("Project Unicorn - Sprint 0"));
    assert_eq!(r.room_type(), Some(RoomType::Group));
    assert_eq!(r.is_locked(), Some(false));
    assert_eq!(r.team().map(|t| (t.kind, t.text)), Some((TeamKind::NoTeam, "")));
    assert_eq!(r.last_activity().unwrap().unix_millis, Some(1_614_879_236_767));
    assert_eq!(r.created().unwrap().unix_millis, Some(1_461_265_315_966));
    assert_eq!(warnings(&e), vec![]);

    for (file, kind) in [
        ("widget-space.rooms-read.docs.json", Kind::RoomsRead),
        ("widget-space.rooms-unread.docs.json", Kind::RoomsUnread),
        ("widget-recents.rooms-selected.docs.json", Kind::RoomsSelected),
        ("widget-recents.rooms-selected-call.docs.json", Kind::RoomsSelected),
    ] {
        let e = event(file);
        assert_eq!(e.kind(), kind, "{file}");
        let Data::Room(r) = e.data() else { panic!("a room") };
        assert_eq!(r.team().map(|t| (t.kind, t.text)), Some((TeamKind::Id, ROOM_AS_TEAM)));
        assert_eq!(
            warnings(&e),
            vec![(WarningCode::IdUnexpectedType, "data.teamId".to_string())],
            "{file}"
        );
    }
    assert_eq!(event("widget-recents.rooms-selected-call.docs.json").action(), Some("call"));
}

#[test]
fn calls_keep_the_placeholder() {
    for (file, kind) in [
        ("widget-space.calls-created.docs-2017.json", Kind::CallsCreated),
        ("widget-space.calls-connected.docs-2017.json", Kind::CallsConnected),
        ("widget-space.calls-disconnected.docs-2017.json", Kind::CallsDisconnected),
        ("widget-recents.calls-created.docs.json", Kind::CallsCreated),
    ] {
        let e = event(file);
        assert_eq!(e.kind(), kind, "{file}");
        let Data::Call(c) = e.data() else { panic!("a call") };
        assert_eq!(c.room_id(), Some(ROOM));
        let call = c.call().unwrap();
        assert_eq!(call.kind(), CallKind::Placeholder);
        assert_eq!(call.json(), "\"[Call Object]\"");
        assert_eq!(call.id(), None);
        assert_eq!(warnings(&e), vec![], "{file}");
    }
}

#[test]
fn call_summary_fields_are_typed() {
    let text = r#"{"resource":"calls","event":"connected","data":{"call":{"id":"c-1",
        "state":"JOINED","status":"connected","direction":"out","locusUrl":"https://l/1",
        "correlationId":"k-9","members":[1,2]}}}"#;
    let e = Event::parse(text).unwrap();
    let Data::Call(c) = e.data() else { panic!("a call") };
    let call = c.call().unwrap();
    assert_eq!(call.kind(), CallKind::Object);
    assert_eq!(
        (call.id(), call.state(), call.status(), call.direction()),
        (Some("c-1"), Some("JOINED"), Some("connected"), Some("out"))
    );
    assert_eq!((call.locus_url(), call.correlation_id()), (Some("https://l/1"), Some("k-9")));
    assert_eq!(
        call.json(),
        r#"{"id":"c-1","state":"JOINED","status":"connected","direction":"out","locusUrl":"https://l/1","correlationId":"k-9","members":[1,2]}"#
    );
}

#[test]
fn other_widget_events_parse() {
    let e = event("widget-space.mention-clicked.docs.json");
    assert_eq!(e.kind(), Kind::MentionClicked);
    let Data::Mention(m) = e.data() else { panic!("a mention") };
    assert_eq!((m.mention_type(), m.id()), (Some("person"), Some(ROOM)));

    let e = event("widget-recents.memberships-created.docs.json");
    assert_eq!(e.kind(), Kind::MembershipsCreated);
    let Data::Membership(m) = e.data() else { panic!("a membership") };
    assert_eq!(m.person_email(), Some("user-c@example.com"));
    assert_eq!(m.created().unwrap().unix_millis, Some(1_445_178_376_000));
    assert_eq!(warnings(&e), vec![]);

    let e = event("widget-space.notifications-created.docs.json");
    assert_eq!(e.kind(), Kind::NotificationCreated);
    assert_eq!(e.name(), "notifications:created");
    assert_eq!(e.canonical_name(), "notification:created");
    assert_eq!(e.data_json("notification").as_deref(), Some("\"[Notification Object]\""));
}

#[test]
fn valid_doc_samples_parse_in_literal_mode() {
    let e = literal("messages-created.js").unwrap();
    assert_eq!(e.kind(), Kind::MessagesCreated);
    let Data::Message(m) = e.data() else { panic!("a message") };
    assert_eq!(m.text(), Some("This is a test"));
    assert_eq!(m.html(), Some("This is a <b>test</b>"));
    assert_eq!(m.created().unwrap().unix_millis, Some(1_445_178_376_000));
    assert_eq!(warnings(&e), vec![(WarningCode::IdNotCanonical, "data.toPersonId".to_string())]);

    let e = literal("rooms-unread.js").unwrap();
    assert_eq!(e.kind(), Kind::RoomsUnread);
    assert_eq!(warnings(&e), vec![(WarningCode::IdUnexpectedType, "data.teamId".to_string())]);
}

#[test]
fn broken_doc_samples_fail_where_they_break() {
    let cases = [
        (
            "rooms-read.js",
            ErrorCode::Syntax,
            1,
            3,
            "",
            "expected '{' at the start of the event, found `resource`",
        ),
        (
            "calls-created.js",
            ErrorCode::Syntax,
            5,
            3,
            "actorId",
            "expected ',' or '}' after a member, found `data`",
        ),
        (
            "calls-connected.js",
            ErrorCode::Syntax,
            5,
            3,
            "actorId",
            "expected ',' or '}' after a member, found `data`",
        ),
        (
            "calls-disconnected.js",
            ErrorCode::Syntax,
            5,
            3,
            "actorId",
            "expected ',' or '}' after a member, found `data`",
        ),
    ];
    for (file, code, line, column, path, message) in cases {
        let error = literal(file).unwrap_err();
        let position = error.position().unwrap();
        assert_eq!(
            (error.code(), position.line, position.column, error.path(), error.message()),
            (code, line, column, path, message),
            "{file}"
        );
    }
}

#[test]
fn call_object_placeholder_is_reported_once_the_comma_is_fixed() {
    let text = String::from_utf8(sample("doc-samples/calls-connected.js")).unwrap();
    let fixed = text.replace("MmQ'\n", "MmQ',\n");
    let error = Event::parse_with(&fixed, &ParseOptions::literal()).unwrap_err();
    let position = error.position().unwrap();
    assert_eq!(error.code(), ErrorCode::Syntax);
    assert_eq!((position.line, position.column), (7, 12));
    assert_eq!(error.path(), "data.call[0]");
    assert_eq!(error.message(), "expected a value, found `Call`");
}

#[test]
fn strict_mode_rejects_literal_syntax_precisely() {
    let error = Event::parse(sample("doc-samples/messages-created.js")).unwrap_err();
    let position = error.position().unwrap();
    assert_eq!(error.code(), ErrorCode::Syntax);
    assert_eq!((position.line, position.column), (2, 3));
    assert_eq!(error.message(), "expected a key in quotes, found `resource`");
}

fn message_with(field: &str, value: &str) -> Event {
    Event::parse(format!(
        r#"{{"resource":"messages","event":"created","data":{{"id":"{MESSAGE}","roomId":"{ROOM}","roomType":"group","personId":"{ACTOR}","created":"2021-03-04T17:33:56.767Z","{field}":{value}}}}}"#
    ))
    .unwrap()
}

#[test]
fn every_shape_of_mentioned_people_reads_and_re_emits_as_it_arrived() {
    type Case = (&'static str, Option<MentionsKind>, Vec<Option<&'static str>>);
    let cases: [Case; 6] = [
        ("null", None, vec![]),
        ("[]", Some(MentionsKind::List), vec![]),
        (r#"[{"id":"a"},{"x":1}]"#, Some(MentionsKind::List), vec![Some("a"), None]),
        (r#"["a","b"]"#, Some(MentionsKind::List), vec![Some("a"), Some("b")]),
        (r#"{"items":[{"id":"a"}]}"#, Some(MentionsKind::Items), vec![Some("a")]),
        (r#"{"count":2}"#, Some(MentionsKind::Other), vec![]),
    ];
    for (value, kind, ids) in cases {
        let e = message_with("mentionedPeople", value);
        let Data::Message(m) = e.data() else { panic!("a message") };
        let got = m.mentioned_people();
        assert_eq!(got.as_ref().map(|(k, _)| *k), kind, "{value}");
        assert_eq!(got.map(|(_, ids)| ids).unwrap_or_default(), ids, "{value}");
        assert_eq!(e.data_json("mentionedPeople").as_deref(), Some(value));
    }
}

#[test]
fn every_shape_of_files_reads_and_re_emits_as_it_arrived() {
    let value = r#"["http://a/1",{"url":"http://a/2","displayName":"b.pdf","fileSize":-3},7]"#;
    let e = message_with("files", value);
    let Data::Message(m) = e.data() else { panic!("a message") };
    let files: Vec<_> = m.files().unwrap().map(|f| (f.form(), f.url(), f.size())).collect();
    assert_eq!(
        files,
        vec![
            (FileForm::Url, Some("http://a/1"), None),
            (FileForm::Object, Some("http://a/2"), None),
            (FileForm::Other, None, None),
        ]
    );
    assert_eq!(e.data_json("files").as_deref(), Some(value));
}

#[test]
fn every_shape_of_team_id_and_call() {
    let room = |team: &str| {
        Event::parse(format!(
            r#"{{"resource":"rooms","event":"read","data":{{"id":"{ROOM}","type":"group","lastActivity":"2016-04-21T19:12:48.920Z","teamId":{team}}}}}"#
        ))
        .unwrap()
    };
    let team = "Y2lzY29zcGFyazovL3VzL1RFQU0vNjRlNDVhZTAtYzQ2Yi0xMWU1LTlkZjktMGQ0MWUzNDIxOTcz";
    for (value, kind, warned) in [
        (format!("\"{team}\""), Some(TeamKind::Id), false),
        ("\"\"".to_string(), Some(TeamKind::NoTeam), false),
        (
            "\"Y2lzY29zcGFyazovL3VzL1RFQU0vdW5kZWZpbmVk\"".to_string(),
            Some(TeamKind::Undefined),
            false,
        ),
        (format!("\"{ROOM}\""), Some(TeamKind::Id), true),
        ("null".to_string(), None, false),
    ] {
        let e = room(&value);
        let Data::Room(r) = e.data() else { panic!("a room") };
        assert_eq!(r.team().map(|t| t.kind), kind, "{value}");
        assert_eq!(e.warnings().len(), usize::from(warned), "{value}");
    }
    let call = |value: &str| {
        let e = Event::parse(format!(
            r#"{{"resource":"calls","event":"created","data":{{"call":{value}}}}}"#
        ))
        .unwrap();
        let Data::Call(c) = e.data() else { panic!("a call") };
        c.call().map(|info| (info.kind(), info.json().to_string()))
    };
    assert_eq!(call("null"), None);
    assert_eq!(call("[1,{}]"), Some((CallKind::Other, "[1,{}]".to_string())));
    assert_eq!(
        call(r#""[Call Object]""#),
        Some((CallKind::Placeholder, r#""[Call Object]""#.to_string()))
    );
}
