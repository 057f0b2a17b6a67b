"""Every event kind, read with exact values from the sample events and the doc samples."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import DOC_SAMPLES, EVENTS, read_event

import spaces_widget_events as swe

ACTOR = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ"
ROOM = "Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0"
MESSAGE = "Y2lzY29zcGFyazovL3VzL01FU1NBR0UvOTJkYjNiZTAtNDNiZC0xMWU2LThhZTktZGQ1YjNkZmM1NjVk"
PERSON_B = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY"
TO_PERSON_DOCS = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmX"
TO_PERSON = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmU"
TEAM_AS_ROOM = "Y2lzY29zcGFyazovL3VzL1JPT00vNjRlNDVhZTAtYzQ2Yi0xMWU1LTlkZjktMGQ0MWUzNDIxOTcz"
UTC = timezone.utc


def test_messages_created_docs() -> None:
    e = swe.parse(read_event("widget-space.messages-created.docs.json"))
    assert isinstance(e, swe.MessageCreated)
    assert type(e) is swe.MessageCreated
    assert e.kind is swe.EventKind.MESSAGES_CREATED
    assert (e.name, e.canonical_name, e.resource, e.event) == (
        "messages:created",
        "messages:created",
        "messages",
        "created",
    )
    assert e.actor_id == ACTOR
    assert e.action is None
    assert e.wrapped is False
    assert e.id == MESSAGE
    assert e.room_id == ROOM
    assert e.room_type == "group"
    assert e.room_type_kind is swe.RoomType.GROUP
    assert e.to_person_id == TO_PERSON_DOCS
    assert e.to_person_email == "user-a@example.com"
    assert e.text == "This is a test"
    assert e.html == "This is a <b>test</b>"
    assert e.person_id == PERSON_B
    assert e.person_email == "user-b@example.com"
    assert e.actor_name == "Example User A"
    assert e.created == datetime(2015, 10, 18, 14, 26, 16, tzinfo=UTC)
    assert e.created is not None and e.created.utcoffset() is not None
    assert e.created_text == "2015-10-18T14:26:16+00:00"
    assert e.created_ms == 1445178376000
    assert e.files == [
        swe.File(
            form=swe.FileForm.URL,
            url="http://www.example.com/images/media.png",
            display_name=None,
            object_type=None,
            mime_type=None,
            size=None,
        )
    ]
    assert e.mentions_kind is swe.MentionsKind.LIST
    assert e.mentioned_ids == []
    # The docs' toPersonId has non-zero trailing bits: kept, with a warning.
    assert [(w.code, w.path) for w in e.warnings] == [
        (swe.WarningCode.ID_NOT_CANONICAL, "data.toPersonId")
    ]
    assert e.warnings[0].name == "ID_NOT_CANONICAL"
    assert "canonical" in e.warnings[0].message
    assert e.warnings[0].offset > 0


def test_messages_created_direct_with_files_and_mentions() -> None:
    e = swe.parse(read_event("space.messages-created.direct-mentions-files.json"))
    assert isinstance(e, swe.MessageCreated)
    assert e.room_type == "direct"
    assert e.room_type_kind is swe.RoomType.DIRECT
    assert e.text == "hi Example User B"
    assert e.person_email == "user-a@example.com"
    assert e.to_person_id == TO_PERSON
    assert e.to_person_email == "user-b@example.com"
    assert e.created == datetime(2021, 3, 4, 17, 33, 56, 767000, tzinfo=UTC)
    assert e.created_ms == 1614879236767
    assert e.files == [
        swe.File(
            form=swe.FileForm.OBJECT,
            url="https://files.example.com/v1/spaces/0000/contents/0000/versions/0000/bytes",
            display_name="report.pdf",
            object_type="file",
            mime_type="application/pdf",
            size=48213,
        )
    ]
    assert e.mentions_kind is swe.MentionsKind.LIST
    assert e.mentioned_ids == [TO_PERSON]
    assert e.warnings == []


def test_messages_created_2017_space_id() -> None:
    e = swe.parse(read_event("widget-message-meet.messages-created.docs-2017-02.json"))
    assert isinstance(e, swe.MessageCreated)
    assert e.room_id == (
        "Y2lzY29zcGFyazovL3VzL1JPT00vY2RlMWRkNDAtMmYwZC0xMWU1LWJhOWMtN2I2NTU2ZDIyMDdi"
    )
    assert e.room_type is None
    assert e.room_type_kind is swe.RoomType.ABSENT
    assert e.text is None
    assert [(w.code, w.path) for w in e.warnings] == [
        (swe.WarningCode.MISSING_FIELD, "data.roomType")
    ]


def test_wrapped_message() -> None:
    e = swe.parse(read_event("bridge.name-and-detail.json"))
    assert isinstance(e, swe.MessageCreated)
    assert e.wrapped is True
    assert e.text == "x"
    assert e.actor_id == ACTOR
    assert json.loads(e.to_json()) == json.loads(read_event("bridge.name-and-detail.json"))
    assert (
        json.loads(e.to_json(form="detail"))
        == json.loads(read_event("bridge.name-and-detail.json"))["detail"]
    )


@pytest.mark.parametrize(
    ("file", "cls", "actor", "actor_name"),
    [
        ("widget-space.rooms-unread.docs.json", swe.RoomUnread, None, "Example User A"),
        ("widget-space.rooms-read.docs.json", swe.RoomRead, ACTOR, "Example User A"),
    ],
)
def test_rooms_docs(
    file: str, cls: type[swe.RoomEvent], actor: str | None, actor_name: str
) -> None:
    e = swe.parse(read_event(file))
    assert type(e) is cls
    assert isinstance(e, swe.RoomEvent)
    assert e.actor_id == actor
    assert e.id == ROOM
    assert e.room_id == ROOM
    assert e.title == "Project Unicorn - Sprint 0"
    assert e.room_type == "group"
    assert e.is_locked is True
    assert e.team_id == TEAM_AS_ROOM
    assert e.team_kind is swe.TeamKind.ID
    assert e.has_team
    assert e.last_activity == datetime(2016, 4, 21, 19, 12, 48, 920000, tzinfo=UTC)
    assert e.last_activity_text == "2016-04-21T19:12:48.920Z"
    assert e.last_activity_ms == 1461265968920
    assert e.created == datetime(2016, 4, 21, 19, 1, 55, 966000, tzinfo=UTC)
    assert e.created_text == "2016-04-21T19:01:55.966Z"
    assert e.actor_name == actor_name
    assert e.tags is None
    # The docs' teamId is a ROOM id.
    assert [(w.code, w.path) for w in e.warnings] == [
        (swe.WarningCode.ID_UNEXPECTED_TYPE, "data.teamId")
    ]


def test_rooms_unread_no_team() -> None:
    e = swe.parse(read_event("space.rooms-unread.no-team.json"))
    assert isinstance(e, swe.RoomUnread)
    assert e.team_id == ""
    assert e.team_kind is swe.TeamKind.NONE
    assert not e.has_team
    assert e.is_locked is False
    assert e.last_activity == datetime(2021, 3, 4, 17, 33, 56, 767000, tzinfo=UTC)
    assert e.warnings == []


def test_rooms_unread_undefined_team() -> None:
    undefined = "Y2lzY29zcGFyazovL3VzL1RFQU0vdW5kZWZpbmVk"  # ciscospark://us/TEAM/undefined
    e = swe.parse(
        f'{{"resource":"rooms","event":"unread","data":{{"id":"{ROOM}","type":"direct",'
        f'"teamId":"{undefined}","lastActivity":"2016-04-21T19:12:48.920Z"}}}}'
    )
    assert isinstance(e, swe.RoomUnread)
    assert e.team_kind is swe.TeamKind.UNDEFINED
    assert e.room_type_kind is swe.RoomType.DIRECT
    assert e.is_locked is None
    assert not e.has_team


@pytest.mark.parametrize(
    ("file", "action"),
    [
        ("widget-recents.rooms-selected.docs.json", None),
        ("widget-recents.rooms-selected-call.docs.json", "call"),
    ],
)
def test_rooms_selected(file: str, action: str | None) -> None:
    e = swe.parse(read_event(file))
    assert type(e) is swe.RoomSelected
    assert e.kind is swe.EventKind.ROOMS_SELECTED
    assert e.action == action
    assert e.title == "Project Unicorn - Sprint 0"
    assert e.is_locked is True


def test_rooms_selected_tags() -> None:
    e = swe.parse('{"resource":"rooms","event":"selected","data":{"tags":["FAVORITE"]}}')
    assert isinstance(e, swe.RoomSelected)
    assert e.tags == ["FAVORITE"]


@pytest.mark.parametrize(
    ("file", "cls", "person_id", "person_email"),
    [
        (
            "widget-space.calls-created.docs-2017.json",
            swe.CallCreated,
            PERSON_B,
            "user-c@example.com",
        ),
        ("widget-space.calls-connected.docs-2017.json", swe.CallConnected, None, None),
        ("widget-space.calls-disconnected.docs-2017.json", swe.CallDisconnected, None, None),
    ],
)
def test_calls_docs(
    file: str, cls: type[swe.CallEvent], person_id: str | None, person_email: str | None
) -> None:
    e = swe.parse(read_event(file))
    assert type(e) is cls
    assert e.actor_id == ACTOR
    assert e.room_id == ROOM
    assert e.person_id == person_id
    assert e.person_email == person_email
    assert e.actor_name == "Example User A"
    assert e.call_kind is swe.CallKind.PLACEHOLDER
    assert e.call == "[Call Object]"
    assert e.data_json("call") == '"[Call Object]"'
    assert e.call_id is None and e.call_state is None and e.call_status is None
    assert e.warnings == []


def test_call_object_fields() -> None:
    e = swe.parse(
        '{"resource":"calls","event":"connected","data":{"call":{"id":"c1","status":"connected",'
        '"state":"JOINED","direction":"out","locusUrl":"https://l","correlationId":"cc",'
        '"extra":[1,2]}}}'
    )
    assert isinstance(e, swe.CallConnected)
    assert e.call_kind is swe.CallKind.OBJECT
    assert (
        e.call_id,
        e.call_status,
        e.call_state,
        e.call_direction,
        e.call_locus_url,
        e.call_correlation_id,
    ) == ("c1", "connected", "JOINED", "out", "https://l", "cc")
    assert e.call["extra"] == [1, 2]


def test_call_absent() -> None:
    e = swe.parse('{"resource":"calls","event":"disconnected","data":{"call":null}}')
    assert isinstance(e, swe.CallDisconnected)
    assert e.call_kind is swe.CallKind.ABSENT
    assert e.call is None


def test_memberships() -> None:
    e = swe.parse(read_event("widget-recents.memberships-created.docs.json"))
    assert type(e) is swe.MembershipCreated
    assert isinstance(e, swe.MembershipEvent)
    assert e.kind is swe.EventKind.MEMBERSHIPS_CREATED
    assert e.id == (
        "Y2lzY29zcGFyazovL3VzL01FTUJFUlNISVAvMGQwYzkxYjYtY2U2MC00NzI1LWI2ZDAtMzQ1NWQ1ZDExZWYz"
        "OmNkZTFkZDQwLTJmMGQtMTFlNS1iYTljLTdiNjU1NmQyMjA3Yg"
    )
    assert e.room_id == ROOM
    assert e.person_id == PERSON_B
    assert e.person_email == "user-c@example.com"
    assert e.created == datetime(2015, 10, 18, 14, 26, 16, tzinfo=UTC)
    assert e.created_text == "2015-10-18T14:26:16+00:00"
    assert e.actor_id == ACTOR
    assert e.actor_name is None
    assert e.raw["personEmail"] == "user-c@example.com"
    d = swe.parse('{"resource":"memberships","event":"deleted","data":{"actorName":"A"}}')
    assert type(d) is swe.MembershipDeleted
    assert d.actor_name == "A"
    assert d.created is None


def test_mention_clicked() -> None:
    m = swe.parse(read_event("widget-space.mention-clicked.docs.json"))
    assert type(m) is swe.MentionClicked
    assert m.kind is swe.EventKind.MENTION_CLICKED
    assert (m.id, m.mention_type) == (ROOM, "person")
    assert m.raw == {"id": ROOM, "type": "person"}


def test_notifications() -> None:
    n = swe.parse(read_event("widget-space.notifications-created.docs.json"))
    assert type(n) is swe.NotificationCreated
    assert n.kind is swe.EventKind.NOTIFICATION_CREATED
    assert n.name == "notifications:created"
    assert n.canonical_name == "notification:created"
    assert n.notification == "[Notification Object]"
    assert n.username is None
    c = swe.parse(
        '{"resource":"notification","event":"clicked","data":{"username":"Ann",'
        '"message":"hi","avatar":"https://a/x.png","alertType":"full","notificationId":"n1",'
        '"notification":{"k":1}}}'
    )
    assert type(c) is swe.NotificationClicked
    assert (c.username, c.message, c.avatar, c.alert_type, c.notification_id) == (
        "Ann",
        "hi",
        "https://a/x.png",
        "full",
        "n1",
    )
    assert c.notification == {"k": 1}


def test_activity_and_user_events() -> None:
    a = swe.parse(
        '{"resource":"activity","event":"changed","data":{"name":"meet",'
        '"displayName":"Meet","type":"widget"}}'
    )
    assert type(a) is swe.ActivityChanged
    assert a.name == "activity:changed"
    assert (a.activity_name, a.display_name, a.activity_type) == ("meet", "Meet", "widget")
    for name, cls in (
        ("add:clicked", swe.AddClicked),
        ("profile:clicked", swe.ProfileClicked),
        ("user_signout:clicked", swe.UserSignoutClicked),
    ):
        resource, event = name.split(":")
        u = swe.parse(
            f'{{"resource":"{resource}","event":"{event}",'
            f'"data":{{"id":"{PERSON_B}","displayName":"Bo"}}}}'
        )
        assert type(u) is cls
        assert isinstance(u, swe.UserEvent)
        assert (u.id, u.display_name) == (PERSON_B, "Bo")
    empty = swe.parse('{"resource":"add","event":"clicked","data":{}}')
    assert isinstance(empty, swe.AddClicked)
    assert empty.id is None


def test_kind_from_name() -> None:
    assert swe.kind_from_name("messages:created") is swe.EventKind.MESSAGES_CREATED
    assert swe.kind_from_name("spaces:read") is swe.EventKind.ROOMS_READ
    assert swe.kind_from_name(b"calls:memberships:connected") is (
        swe.EventKind.CALL_MEMBERSHIPS_CONNECTED
    )
    assert swe.kind_from_name("widget:resized") is swe.EventKind.UNKNOWN
    assert swe.kind_from_name(b"\xff") is swe.EventKind.UNKNOWN


def test_old_names_resolve() -> None:
    e = swe.parse(f'{{"resource":"spaces","event":"read","data":{{"id":"{ROOM}","type":"group"}}}}')
    assert isinstance(e, swe.RoomRead)
    assert e.name == "spaces:read"
    assert e.canonical_name == "rooms:read"


def test_three_part_name_and_unknown() -> None:
    e = swe.parse(
        '{"name":"calls:memberships:connected","detail":{"resource":"calls",'
        f'"event":"memberships","data":{{"actorId":"{ACTOR}","actorName":"b"}}}}}}'
    )
    assert type(e) is swe.CallMembershipEvent
    assert e.kind is swe.EventKind.CALL_MEMBERSHIPS_CONNECTED
    assert e.name == "calls:memberships:connected"
    assert e.actor_name == "b"
    assert e.room_id is None
    assert (e.resource, e.event) == ("calls", "memberships")
    u = swe.parse(
        '{"name":"widget:resized","detail":{"resource":"widget","event":"resized",'
        '"data":{"width":640,"height":480}}}'
    )
    assert type(u) is swe.UnknownEvent
    assert u.kind == swe.EventKind.UNKNOWN
    assert u.name == "widget:resized"
    assert u.raw == {"width": 640, "height": 480}
    assert u.detail == {
        "resource": "widget",
        "event": "resized",
        "data": {"width": 640, "height": 480},
    }


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*.json")), ids=lambda p: p.name)
def test_every_sample_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    e = swe.parse(text)
    original = json.loads(text)
    assert json.loads(e.to_json()) == original
    pretty = e.to_json(pretty=True)
    assert "\n  " in pretty and json.loads(pretty) == original
    assert swe.parse(e.to_json()).to_json() == e.to_json()
    detail = original.get("detail", original)
    assert e.raw == detail["data"]
    assert e.detail == detail
    wrapped = json.loads(e.to_json(form="wrapped"))
    assert wrapped["detail"] == detail


def test_unknown_keys_survive_and_null_reads_as_absent() -> None:
    e = swe.parse(
        '{"resource":"messages","event":"created","data":{"id":null,"roomType":"weird",'
        '"created":"nope","files":["u",{"url":"x","fileSize":-3},5],'
        '"mentionedPeople":{"items":[]},"custom":{"a":1}}}'
    )
    assert isinstance(e, swe.MessageCreated)
    assert e.id is None
    assert e.room_type == "weird" and e.room_type_kind is swe.RoomType.OTHER
    assert e.created is None and e.created_text == "nope" and e.created_ms is None
    assert [f.form for f in e.files] == [swe.FileForm.URL, swe.FileForm.OBJECT, swe.FileForm.OTHER]
    assert e.files[1].size is None
    assert e.mentions_kind is swe.MentionsKind.ITEMS
    assert e.raw["custom"] == {"a": 1}
    assert e.data_json("custom") == '{"a":1}'
    assert e.data_json("missing") is None
    codes = {w.code for w in e.warnings}
    assert swe.WarningCode.UNKNOWN_VALUE in codes
    assert swe.WarningCode.TIMESTAMP_INVALID in codes


def test_actor_mismatch_warning() -> None:
    e = swe.parse(
        f'{{"resource":"messages","event":"created","actorId":"{ACTOR}","data":{{"actorId":"{PERSON_B}"}}}}'
    )
    assert e.actor_id == ACTOR
    assert swe.WarningCode.ACTOR_MISMATCH in [w.code for w in e.warnings]


def test_warnings_as_errors() -> None:
    text = read_event("widget-space.messages-created.docs.json")
    with pytest.raises(swe.ParseError) as info:
        swe.parse(text, warnings_as_errors=True)
    assert info.value.code == "SWE_ERROR_VALIDATION"
    assert info.value.path == "data.toPersonId"


def test_doc_samples_that_parse_as_literals() -> None:
    m = swe.parse((DOC_SAMPLES / "messages-created.js").read_text(), literal=True)
    assert isinstance(m, swe.MessageCreated)
    assert m.person_email == "matt@example.com"
    assert m.to_person_email == "julie@example.com"
    assert m.files[0].url == "http://www.example.com/images/media.png"
    assert m.created == datetime(2015, 10, 18, 14, 26, 16, tzinfo=UTC)
    # Literal text re-emits as strict JSON.
    assert json.loads(m.to_json())["data"]["text"] == "This is a test"
    r = swe.parse((DOC_SAMPLES / "rooms-unread.js").read_bytes(), literal=True)
    assert isinstance(r, swe.RoomUnread)
    assert r.title == "Project Unicorn - Sprint 0"
    with pytest.raises(swe.ParseError) as info:
        swe.parse((DOC_SAMPLES / "messages-created.js").read_text())
    assert info.value.code == "SWE_ERROR_SYNTAX"


@pytest.mark.parametrize(
    ("sample", "offset", "line", "column", "path"),
    [
        ("calls-connected.js", 140, 5, 3, "actorId"),
        ("calls-created.js", 138, 5, 3, "actorId"),
        ("calls-disconnected.js", 143, 5, 3, "actorId"),
        ("rooms-read.js", 2, 1, 3, None),
    ],
)
def test_broken_doc_samples_give_precise_errors(
    sample: str, offset: int, line: int, column: int, path: str | None
) -> None:
    with pytest.raises(swe.ParseError) as info:
        swe.parse((DOC_SAMPLES / sample).read_text(), literal=True)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.code == "SWE_ERROR_SYNTAX"
    assert err.status == -11
    assert (err.offset, err.line, err.column, err.path) == (offset, line, column, path)
    assert err.message
    assert f"line {line}, column {column}" in str(err)


def test_literal_syntax_features() -> None:
    e = swe.parse(
        "{resource:'x', event:'y', data:{a:undefined, // comment\n b:[1,],}}", literal=True
    )
    assert type(e) is swe.UnknownEvent
    assert e.raw == {"b": [1]}


def test_events_are_readable_from_other_threads() -> None:
    import threading

    e = swe.parse(read_event("space.messages-created.direct-mentions-files.json"))
    out: list[str] = []

    def read() -> None:
        for _ in range(200):
            out.append(e.to_json())

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(out)) == 1 and len(out) == 800


def test_equality() -> None:
    a = swe.parse(read_event("widget-space.rooms-read.docs.json"))
    b = swe.parse(read_event("widget-space.rooms-read.docs.json"))
    c = swe.parse(read_event("widget-space.rooms-unread.docs.json"))
    assert a == b
    assert a != c
    assert repr(a) == "<RoomRead 'rooms:read'>"


def test_versions() -> None:
    assert swe.library_version() == "0.1.0"
    assert swe.library_abi_version() == swe.ABI_VERSION == 1
    assert Path(swe.LIBRARY_PATH).parent == Path(swe.__file__).parent


def test_events_are_immutable() -> None:
    event = swe.parse('{"resource":"rooms","event":"read","data":{"title":"A"}}')
    with pytest.raises(AttributeError, match="immutable"):
        event.name = "other"
    assert event.name == "rooms:read"
