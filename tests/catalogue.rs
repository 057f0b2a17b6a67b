//! Every event name the widget family has used, and what each one means.

use spaces_widget_events::{Data, Event, Kind};

fn detail(name: &str) -> String {
    let (resource, event) = name.split_once(':').unwrap_or((name, ""));
    format!(r#"{{"resource":"{resource}","event":"{event}","data":{{}}}}"#)
}

fn wrapped(name: &str) -> String {
    format!(r#"{{"name":"{name}","detail":{{"data":{{}}}}}}"#)
}

#[test]
fn names_resolve_to_their_kind_and_keep_the_name_that_arrived() {
    let table = [
        ("messages:created", Kind::MessagesCreated, "messages:created"),
        ("rooms:unread", Kind::RoomsUnread, "rooms:unread"),
        ("rooms:read", Kind::RoomsRead, "rooms:read"),
        ("calls:created", Kind::CallsCreated, "calls:created"),
        ("calls:connected", Kind::CallsConnected, "calls:connected"),
        ("calls:disconnected", Kind::CallsDisconnected, "calls:disconnected"),
        ("rooms:selected", Kind::RoomsSelected, "rooms:selected"),
        ("memberships:created", Kind::MembershipsCreated, "memberships:created"),
        ("memberships:deleted", Kind::MembershipsDeleted, "memberships:deleted"),
        ("notification:created", Kind::NotificationCreated, "notification:created"),
        ("notifications:created", Kind::NotificationCreated, "notification:created"),
        ("notification:clicked", Kind::NotificationClicked, "notification:clicked"),
        ("mention:clicked", Kind::MentionClicked, "mention:clicked"),
        ("activity:changed", Kind::ActivityChanged, "activity:changed"),
        ("add:clicked", Kind::AddClicked, "add:clicked"),
        ("profile:clicked", Kind::ProfileClicked, "profile:clicked"),
        ("user_signout:clicked", Kind::UserSignoutClicked, "user_signout:clicked"),
        ("memberships:connected", Kind::CallMembershipsConnected, "calls:memberships:connected"),
        ("memberships:declined", Kind::CallMembershipsDeclined, "calls:memberships:declined"),
        (
            "memberships:disconnected",
            Kind::CallMembershipsDisconnected,
            "calls:memberships:disconnected",
        ),
        ("calls:memberships", Kind::CallMemberships, "calls:memberships"),
        ("spaces:read", Kind::RoomsRead, "rooms:read"),
        ("spaces:unread", Kind::RoomsUnread, "rooms:unread"),
        ("messages:read", Kind::RoomsRead, "rooms:read"),
        ("messages:unread", Kind::RoomsUnread, "rooms:unread"),
        ("calls:ringing", Kind::CallsCreated, "calls:created"),
        ("widget:resized", Kind::Unknown, "widget:resized"),
    ];
    for (name, kind, canonical) in table {
        for text in [detail(name), wrapped(name)] {
            let event = Event::parse(&text).unwrap();
            assert_eq!(
                (event.kind(), event.name(), event.canonical_name()),
                (kind, name, canonical),
                "{text}"
            );
        }
    }
}

#[test]
fn three_part_and_dot_names_need_the_wrapper() {
    let table = [
        ("calls:memberships:notified", Kind::CallMembershipsNotified),
        ("calls:memberships:connected", Kind::CallMembershipsConnected),
        ("calls:memberships:declined", Kind::CallMembershipsDeclined),
        ("calls:memberships:disconnected", Kind::CallMembershipsDisconnected),
        ("message.received", Kind::MessagesCreated),
        ("message.created", Kind::MessagesCreated),
        ("call.created", Kind::CallsCreated),
        ("call.ringing", Kind::CallsCreated),
        ("call.connected", Kind::CallsConnected),
        ("call.disconnected", Kind::CallsDisconnected),
        ("space.read", Kind::RoomsRead),
        ("space.unread", Kind::RoomsUnread),
    ];
    for (name, kind) in table {
        let event = Event::parse(wrapped(name)).unwrap();
        assert_eq!((event.kind(), event.name()), (kind, name));
        assert_eq!(Kind::from_name(name), kind);
    }
    let split = Event::parse(r#"{"name":"calls:memberships:declined","detail":{"resource":"calls","event":"memberships","data":{"actorId":"a","actorName":"A"}}}"#).unwrap();
    assert_eq!((split.resource(), split.event_type()), ("calls", "memberships"));
    assert_eq!(split.warnings().len(), 1, "{:?}", split.warnings().collect::<Vec<_>>());
    let Data::CallMembership(m) = split.data() else { panic!("a call membership") };
    assert_eq!(m.actor_name(), Some("A"));
}

#[test]
fn unknown_events_keep_their_data_as_it_arrived() {
    let text = r#"{"resource":"widget","event":"resized","actorId":"a","data":{"width":640,"nested":{"z":[1,"two"]}},"extra":true}"#;
    let event = Event::parse(text).unwrap();
    assert_eq!(event.kind(), Kind::Unknown);
    let Data::Raw(raw) = event.data() else { panic!("raw data") };
    assert_eq!(raw, r#"{"width":640,"nested":{"z":[1,"two"]}}"#);
    assert_eq!(event.to_json(), text);
    assert_eq!(event.data_json("width").as_deref(), Some("640"));
    assert_eq!(event.actor_id(), Some("a"));
}

#[test]
fn a_wrapper_whose_name_contradicts_its_detail_is_flagged() {
    let text =
        r#"{"name":"rooms:read","detail":{"resource":"messages","event":"created","data":{}}}"#;
    let event = Event::parse(text).unwrap();
    assert_eq!(event.kind(), Kind::RoomsRead);
    let found: Vec<_> =
        event.warnings().map(|w| (w.code, w.path.to_string(), w.message.to_string())).collect();
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(
        found[3],
        (
            spaces_widget_events::WarningCode::NameMismatch,
            "name".to_string(),
            "name `rooms:read` does not match resource `messages` and event `created`".to_string()
        )
    );
}

#[test]
fn an_unknown_event_may_come_without_data_but_a_known_one_may_not() {
    let unknown = Event::parse(r#"{"resource":"widget","event":"ready"}"#).unwrap();
    assert_eq!(unknown.to_json(), r#"{"resource":"widget","event":"ready"}"#);
    let null = Event::parse(r#"{"resource":"widget","event":"ready","data":null}"#).unwrap();
    assert_eq!(null.to_json(), r#"{"resource":"widget","event":"ready","data":null}"#);
    for text in [
        r#"{"resource":"rooms","event":"read"}"#,
        r#"{"resource":"rooms","event":"read","data":null}"#,
    ] {
        let error = Event::parse(text).unwrap_err();
        assert_eq!(
            (error.code(), error.path()),
            (spaces_widget_events::ErrorCode::MissingField, "data")
        );
    }
}
