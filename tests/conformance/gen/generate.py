#!/usr/bin/env python3
"""Writes tests/conformance/cases/*.json from the recipes below.

The inputs are written here by hand; the expected outcomes come from running the library
through the C ABI (tests/conformance/runner.c --generate). Re-running it rewrites the case files:
review the diff before committing, since a case that encodes a bug is worse than none.

    python3 tests/conformance/gen/generate.py build/conformance/runner-c

Standard library only.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "tests", "conformance", "cases")


def wid(ty: str, local: str, cluster: str = "us", pad: bool = False, std: bool = False) -> str:
    raw = base64.b64encode(f"ciscospark://{cluster}/{ty}/{local}".encode())
    text = raw.decode()
    if std:
        return text if pad else text.rstrip("=")
    text = text.replace("+", "-").replace("/", "_")
    return text if pad else text.rstrip("=")


U1 = "1f7de5cb-8561-4671-bc03-bc974314442d"
U2 = "f06d71a5-0833-4fa5-a72a-cc89b25eee2e"
U3 = "bbceb1ad-43f1-3b58-9147-f14bb0c4d154"
U4 = "92db3be0-43bd-11e6-8ae9-dd5b3dfc565d"
U5 = "64e45ae0-c46b-11e5-9df9-0d41e3421973"
PERSON = wid("PEOPLE", U1)
PERSON2 = wid("PEOPLE", U2)
ROOM = wid("ROOM", U3)
MSG = wid("MESSAGE", U4)
TEAM = wid("TEAM", U5)
TEAM_UNDEFINED = wid("TEAM", "undefined")
MEMBERSHIP = wid("MEMBERSHIP", f"{U1}:{U3}")
T1 = "2021-03-04T17:33:56.767Z"


def j(obj: object) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def detail(resource: str, event: str, data: object, **env: object) -> dict:
    d: dict = {"resource": resource, "event": event}
    d.update(env)
    d["data"] = data
    return d


def message(**over: object) -> dict:
    data = {
        "id": MSG,
        "roomId": ROOM,
        "roomType": "group",
        "text": "hello",
        "personId": PERSON,
        "personEmail": "a@example.com",
        "created": T1,
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not OMIT}


def room(**over: object) -> dict:
    data = {"id": ROOM, "title": "Project", "type": "group", "lastActivity": T1}
    data.update(over)
    return {k: v for k, v in data.items() if v is not OMIT}


def call(**over: object) -> dict:
    data = {"roomId": ROOM, "call": {"id": "c1", "status": "connected"}}
    data.update(over)
    return {k: v for k, v in data.items() if v is not OMIT}


OMIT = object()
themes: dict[str, list[dict]] = {}


def case(theme: str, name: str, text: str | None = None, **rest: object) -> None:
    c: dict = {"name": name}
    if text is not None:
        c["input"] = text
    c.update(rest)
    themes.setdefault(theme, []).append(c)


# ---- kinds: every kind, bare and wrapped, old and dot names, unknown, three-part names ----

KIND_DATA = {
    "messages:created": message(),
    "rooms:unread": room(),
    "rooms:read": room(),
    "rooms:selected": room(tags=["FAVORITE"]),
    "calls:created": call(),
    "calls:connected": call(),
    "calls:disconnected": call(),
    "memberships:created": {
        "actorId": PERSON,
        "id": MEMBERSHIP,
        "roomId": ROOM,
        "personId": PERSON,
        "personEmail": "a@example.com",
        "created": T1,
    },
    "memberships:deleted": {
        "actorId": PERSON,
        "id": MEMBERSHIP,
        "roomId": ROOM,
        "personId": PERSON2,
        "personEmail": "b@example.com",
        "created": T1,
    },
    "notification:created": {
        "username": "Ann",
        "message": "hi",
        "avatar": "https://example.com/a.png",
        "alertType": "full",
        "notificationId": "n1",
        "notification": "[Notification Object]",
    },
    "notification:clicked": {
        "username": "Ann",
        "message": "hi",
        "avatar": "https://example.com/a.png",
        "alertType": "none",
        "notificationId": "n2",
        "notification": {"tag": "x"},
    },
    "mention:clicked": {"type": "person", "id": PERSON},
    "activity:changed": {"name": "meet", "displayName": "Meet", "type": "ACTIVITY"},
    "add:clicked": {},
    "profile:clicked": {"id": PERSON, "displayName": "Ann"},
    "user_signout:clicked": {"id": PERSON, "displayName": "Ann"},
    "calls:memberships:notified": {"actorId": PERSON, "actorName": "Ann", "roomId": ROOM},
    "calls:memberships:connected": {"actorId": PERSON, "actorName": "Ann", "roomId": ROOM},
    "calls:memberships:declined": {"actorId": PERSON, "actorName": "Ann"},
    "calls:memberships:disconnected": {"actorId": PERSON, "actorName": "Ann", "roomId": ROOM},
}

for name, data in KIND_DATA.items():
    resource, event = name.split(":")[:2]
    d = detail(resource, event, data)
    slug = name.replace(":", "-")
    if len(name.split(":")) == 2:
        case("kinds", f"kind.{slug}.bare", j(d))
    case("kinds", f"kind.{slug}.wrapped", j({"name": name, "detail": d}))
    case("kinds", f"kind.{slug}.wrapped-pretty", json.dumps({"name": name, "detail": d}, indent=2))

# A three-part name sent as a bare detail keeps only two parts.
case("kinds", "kind.calls-memberships.bare-loses-third-part",
     j(detail("calls", "memberships", {"actorId": PERSON, "actorName": "Ann", "roomId": ROOM})))
case("kinds", "kind.calls-memberships.wrapped-two-parts",
     j({"name": "calls:memberships", "detail": detail("calls", "memberships", {"actorId": PERSON})}))
for old, data in [
    ("spaces:read", room()),
    ("spaces:unread", room()),
    ("messages:read", room()),
    ("messages:unread", room()),
    ("calls:ringing", call()),
    ("notifications:created", KIND_DATA["notification:created"]),
    ("notifications:clicked", KIND_DATA["notification:clicked"]),
    ("memberships:connected", {"actorId": PERSON, "actorName": "Ann"}),
    ("memberships:declined", {"actorId": PERSON, "actorName": "Ann"}),
    ("memberships:disconnected", {"actorId": PERSON, "actorName": "Ann"}),
    ("memberships:notified", {"actorId": PERSON, "actorName": "Ann"}),
]:
    r, e = old.split(":")
    case("kinds", f"old-name.{old.replace(':', '-')}.bare", j(detail(r, e, data)))
    case("kinds", f"old-name.{old.replace(':', '-')}.wrapped", j({"name": old, "detail": detail(r, e, data)}))
for dotted, data in [
    ("message.received", message()),
    ("message.created", message()),
    ("space.unread", room()),
    ("room.unread", room()),
    ("space.read", room()),
    ("room.read", room()),
    ("call.created", call()),
    ("call.ringing", call()),
    ("call.incoming", call()),
    ("call.connected", call()),
    ("call.disconnected", call()),
]:
    case("kinds", f"dot-name.{dotted}.wrapped",
         j({"name": dotted, "detail": {"data": data}}))
for unknown, data in [
    ("space:shared", {"x": 1}),
    ("meetings:started", {"id": "m1", "nested": {"a": [1, 2, {"b": None}]}}),
    ("foo:bar:baz", []),
    ("rooms:archived", room()),
    ("messages:deleted", {"id": MSG}),
    ("a:b", "just a string"),
    ("x:y", None),
    ("x:z", 12.5e3),
]:
    r, e = unknown.split(":")[:2]
    case("kinds", f"unknown.{unknown.replace(':', '-')}.bare", j(detail(r, e, data)))
    case("kinds", f"unknown.{unknown.replace(':', '-')}.wrapped", j({"name": unknown, "detail": detail(r, e, data)}))
case("kinds", "unknown.wrapped-name-only-detail-empty-data",
     j({"name": "custom:thing", "detail": {"data": {}}}))
case("kinds", "wrapper.name-after-detail",
     j({"detail": detail("rooms", "read", room()), "name": "rooms:read"}))
case("kinds", "wrapper.extra-keys-kept",
     j({"name": "rooms:read", "detail": detail("rooms", "read", room()), "ts": 5, "source": "bridge"}))
case("kinds", "wrapper.detail-without-resource-event",
     j({"name": "messages:created", "detail": {"data": message()}}))
case("kinds", "wrapper.name-mismatch",
     j({"name": "rooms:read", "detail": detail("rooms", "unread", room())}))
case("kinds", "wrapper.three-part-name-matches-two-part-detail",
     j({"name": "calls:memberships:declined", "detail": detail("calls", "memberships", {"actorId": PERSON})}))
case("kinds", "envelope.action-call",
     j(detail("rooms", "selected", room(), action="call")))
case("kinds", "envelope.actor-copied",
     j(detail("messages", "created", message(actorId=PERSON), actorId=PERSON)))
case("kinds", "envelope.actor-only-in-data",
     j(detail("messages", "created", message(actorId=PERSON))))
case("kinds", "envelope.actor-only-in-envelope",
     j(detail("messages", "created", message(), actorId=PERSON)))
case("kinds", "envelope.unknown-keys-kept",
     j({"resource": "rooms", "event": "read", "extra": {"k": [1, True, None]}, "data": room(zzz=1)}))
case("kinds", "envelope.key-order-kept",
     j({"data": room(), "event": "read", "resource": "rooms"}))
case("kinds", "envelope.bom-skipped", "\ufeff" + j(detail("rooms", "read", room())))
case("kinds", "envelope.whitespace-around", "  \n\t" + j(detail("rooms", "read", room())) + " \r\n ")
case("kinds", "envelope.null-action-absent",
     j(detail("rooms", "selected", room(), action=None)))
case("kinds", "envelope.null-actor-absent",
     j(detail("rooms", "read", room(actorId=None), actorId=None)))

# ---- shapes: files, mentions, teamId, call, timestamps, room types, nulls ----

FILE_OBJ = {
    "objectType": "file",
    "displayName": "plan.pdf",
    "fileSize": 1024,
    "mimeType": "application/pdf",
    "url": "https://files.example.com/plan.pdf",
}
for label, files in [
    ("urls", ["http://www.example.com/images/media.png", "https://e.com/b"]),
    ("objects", [FILE_OBJ, dict(FILE_OBJ, displayName="b.png", mimeType="image/png", fileSize=0)]),
    ("mixed", ["https://e.com/a", FILE_OBJ, 5, None, [1]]),
    ("empty", []),
    ("object-no-url", [{"objectType": "file", "displayName": "x"}]),
    ("size-negative", [dict(FILE_OBJ, fileSize=-1)]),
    ("size-float", [dict(FILE_OBJ, fileSize=1.5)]),
    ("size-string", [dict(FILE_OBJ, fileSize="10")]),
    ("size-large", [dict(FILE_OBJ, fileSize=1099511627776)]),
    ("extra-keys", [dict(FILE_OBJ, scr={"loc": "x"}, width=10)]),
    ("null", None),
]:
    case("shapes", f"files.{label}", j(detail("messages", "created", message(files=files))))
for label, mentions in [
    ("list-of-objects", [{"id": PERSON}, {"id": PERSON2}]),
    ("list-of-strings", [PERSON, PERSON2]),
    ("empty-list", []),
    ("items-object", {"items": []}),
    ("items-object-with-ids", {"items": [{"id": PERSON}]}),
    ("object-without-id", [{"name": "x"}, {"id": PERSON}]),
    ("mixed", [PERSON, {"id": PERSON2}, 3]),
    ("other-string", "everyone"),
    ("other-number", 7),
    ("null", None),
    ("group-mention", [{"id": wid("GROUPMENTION", "all")}]),
]:
    case("shapes", f"mentions.{label}", j(detail("messages", "created", message(mentionedPeople=mentions))))
for label, team in [
    ("id", TEAM),
    ("empty-string", ""),
    ("undefined-id", TEAM_UNDEFINED),
    ("room-id-as-in-docs", wid("ROOM", U5)),
    ("null", None),
    ("malformed", "not an id"),
    ("padded", wid("TEAM", "x" + U5, pad=True)),
]:
    case("shapes", f"team.{label}", j(detail("rooms", "unread", room(teamId=team))))
case("shapes", "team.absent", j(detail("rooms", "unread", room())))
for label, c in [
    ("placeholder", "[Call Object]"),
    ("other-placeholder", "[object Object]"),
    ("object-phone", {"id": "callhalf-1:0", "status": "ringing", "direction": "in",
                      "locusUrl": "https://locus.example.com/l/1", "correlationId": "corr-1"}),
    ("object-meeting", {"id": "m-1", "state": "JOINED", "locusUrl": "https://l/2", "extra": {"deep": [1]}}),
    ("object-empty", {}),
    ("object-non-string-fields", {"id": 5, "status": True, "state": None}),
    ("null", None),
    ("number", 42),
    ("array", [1, 2]),
    ("bool", False),
]:
    case("shapes", f"call.{label}", j(detail("calls", "connected", call(call=c))))
case("shapes", "call.absent", j(detail("calls", "disconnected", call(call=OMIT))))
case("shapes", "call.person-fields",
     j(detail("calls", "created", call(personId=PERSON, personEmail="a@example.com", actorName="Ann", actorId=PERSON), actorId=PERSON)))
for label, ts in [
    ("z-millis", "2016-04-21T19:12:48.920Z"),
    ("offset", "2015-10-18T14:26:16+00:00"),
    ("offset-nonzero", "2015-10-18T14:26:16+02:00"),
    ("no-fraction", "2021-03-04T17:33:56Z"),
    ("micros", "2021-03-04T17:33:56.123456Z"),
    ("lowercase-t-z", "2021-03-04t17:33:56.767z"),
    ("before-epoch", "1969-12-31T23:59:59.999Z"),
    ("leap-day", "2020-02-29T00:00:00Z"),
    ("invalid-date", "2021-02-30T00:00:00Z"),
    ("no-zone", "2021-03-04T17:33:56"),
    ("date-only", "2021-03-04"),
    ("garbage", "yesterday"),
    ("empty", ""),
    ("null", None),
]:
    case("shapes", f"timestamp.{label}", j(detail("messages", "created", message(created=ts))))
case("shapes", "timestamp.room-last-activity-and-created",
     j(detail("rooms", "read", room(created="2016-04-21T19:00:00.000Z"))))
for label, rt in [("direct", "direct"), ("other", "team"), ("uppercase", "GROUP"), ("null", None), ("empty", "")]:
    case("shapes", f"room-type.message.{label}", j(detail("messages", "created", message(roomType=rt))))
    case("shapes", f"room-type.room.{label}", j(detail("rooms", "read", room(type=rt))))
case("shapes", "room.is-locked-true", j(detail("rooms", "read", room(isLocked=True))))
case("shapes", "room.is-locked-false", j(detail("rooms", "read", room(isLocked=False))))
case("shapes", "room.is-locked-null", j(detail("rooms", "read", room(isLocked=None))))
case("shapes", "room.tags", j(detail("rooms", "selected", room(tags=["FAVORITE", "MUTED"], isFavorite=True))))
case("shapes", "message.direct-to-person",
     j(detail("messages", "created", message(roomType="direct", toPersonId=PERSON2, toPersonEmail="b@example.com"))))
case("shapes", "message.html-and-text", j(detail("messages", "created", message(html="<b>hi</b> &amp;"))))
case("shapes", "message.space-id-2017", j(detail("messages", "created", message(roomId=OMIT, spaceId=ROOM))))
case("shapes", "message.unicode-text", j(detail("messages", "created", message(text="héllo 😀 日本 \u2028"))))
case("shapes", "message.escapes-in-text",
     '{"resource":"messages","event":"created","data":{"id":"%s","roomId":"%s","roomType":"group","text":"a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\\u0001","personId":"%s","created":"%s"}}'
     % (MSG, ROOM, PERSON, T1))
case("shapes", "message.null-fields-absent",
     j(detail("messages", "created", message(text=None, html=None, personEmail=None, toPersonId=None))))
case("shapes", "message.unknown-data-keys-kept",
     j(detail("messages", "created", message(custom={"a": [1, 2.5, -0.0, 1e300]}, flag=False))))
case("shapes", "message.numbers-kept-verbatim",
     '{"resource":"messages","event":"created","data":{"id":"%s","roomId":"%s","roomType":"group","personId":"%s","created":"%s","n":[1.0,1E+2,-0,0.000001,123456789012345678901234567890]}}'
     % (MSG, ROOM, PERSON, T1))
case("shapes", "membership.fields",
     j(detail("memberships", "created", dict(KIND_DATA["memberships:created"], actorName="Ann"), actorId=PERSON)))
case("shapes", "membership.actor-from-envelope",
     j(detail("memberships", "deleted", {k: v for k, v in KIND_DATA["memberships:deleted"].items() if k != "actorId"}, actorId=PERSON)))
case("shapes", "call-membership.actor-from-envelope",
     j({"name": "calls:memberships:connected", "detail": detail("calls", "memberships", {"actorName": "Ann"}, actorId=PERSON)}))
case("shapes", "user.add-clicked-empty", j(detail("add", "clicked", {})))
case("shapes", "user.profile-with-extra",
     j(detail("profile", "clicked", {"id": PERSON, "displayName": "Ann", "emails": ["a@example.com"]})))
case("shapes", "activity.partial", j(detail("activity", "changed", {"name": "message"})))
case("shapes", "mention-clicked.group", j(detail("mention", "clicked", {"type": "groupMention", "id": wid("GROUPMENTION", "all")})))
case("shapes", "notification.object", j(detail("notification", "created", {"notification": {"title": "t", "body": "b"}})))
case("shapes", "data.not-an-object-known-kind-array",
     j({"resource": "add", "event": "clicked", "data": []}))

# ---- warnings: every code, and warnings as errors ----

W = "warnings"
case(W, "warn.id-malformed.person", j(detail("messages", "created", message(personId="not-an-id"))))
case(W, "warn.id-malformed.base64-not-uri", j(detail("messages", "created", message(personId=base64.urlsafe_b64encode(b"hello world").decode().rstrip("=")))))
case(W, "warn.id-malformed.comma-joined", j(detail("messages", "created", message(roomId=ROOM + "," + ROOM))))
case(W, "warn.id-not-canonical.padded", j(detail("messages", "created", message(personId=wid("PEOPLE", U1, pad=True)))))
case(W, "warn.id-not-canonical.standard-base64", j(detail("messages", "created", message(id=wid("MESSAGE", "a?b>c~~~", std=True)))))
case(W, "warn.id-not-canonical.trailing-bits-brief-sample",
     j(detail("messages", "created", message(toPersonId="Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmX"))))
case(W, "warn.id-canonical.brief-sample-fixed",
     j(detail("messages", "created", message(toPersonId="Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmU"))))
case(W, "warn.id-unexpected-type.room-as-person", j(detail("messages", "created", message(personId=ROOM))))
case(W, "warn.id-unexpected-type.person-as-room", j(detail("rooms", "read", room(id=PERSON))))
case(W, "warn.id-unexpected-type.team-is-room-id", j(detail("rooms", "read", room(teamId=wid("ROOM", U5)))))
case(W, "warn.id-ok.person-type-accepted", j(detail("messages", "created", message(personId=wid("PERSON", U1)))))
case(W, "warn.id-ok.regional-cluster", j(detail("messages", "created", message(personId=wid("PEOPLE", U1, cluster="urn:TEAM:eu-central-1_k")))))
case(W, "warn.id-ok.bare-uuid-person", j(detail("messages", "created", message(personId=U1))))
case(W, "warn.actor-mismatch", j(detail("messages", "created", message(actorId=PERSON2), actorId=PERSON)))
# Left out until decided (see README.md, "Open questions"): data.actorId a padded copy of the
# envelope's actorId raises ACTOR_MISMATCH although both name the same person.
case(W, "warn.timestamp-invalid", j(detail("messages", "created", message(created="last tuesday"))))
case(W, "warn.timestamp-invalid.room", j(detail("rooms", "read", room(lastActivity="2021-13-01T00:00:00Z"))))
case(W, "warn.unknown-value.room-type", j(detail("messages", "created", message(roomType="team"))))
case(W, "warn.unknown-value.room-type-room", j(detail("rooms", "unread", room(type="channel"))))
case(W, "warn.missing-field.message-id", j(detail("messages", "created", message(id=OMIT))))
case(W, "warn.missing-field.message-many", j(detail("messages", "created", {"text": "hi"})))
case(W, "warn.missing-field.room-last-activity", j(detail("rooms", "unread", room(lastActivity=OMIT))))
case(W, "warn.none.call-absent-is-not-missing", j(detail("calls", "created", call(call=OMIT))))
case(W, "warn.missing-field.membership", j(detail("memberships", "created", {})))
case(W, "warn.name-mismatch", j({"name": "messages:created", "detail": detail("rooms", "read", room())}))
case(W, "warn.name-mismatch.three-part-other-resource",
     j({"name": "calls:memberships:connected", "detail": detail("rooms", "memberships", {})}))
case(W, "warn.several-in-order",
     j(detail("messages", "created", message(personId="x", roomType="team", created="nope", actorId=PERSON2), actorId=PERSON)))
for label, text in [
    ("id-malformed", j(detail("messages", "created", message(personId="not-an-id")))),
    ("actor-mismatch", j(detail("messages", "created", message(actorId=PERSON2), actorId=PERSON))),
    ("unknown-value", j(detail("rooms", "unread", room(type="channel")))),
    ("timestamp", j(detail("rooms", "read", room(lastActivity="x")))),
    ("missing-field", j(detail("messages", "created", message(id=OMIT)))),
    ("name-mismatch", j({"name": "messages:created", "detail": detail("rooms", "read", room())})),
    ("not-canonical", j(detail("messages", "created", message(personId=wid("PEOPLE", U1, pad=True))))),
]:
    case(W, f"warnings-as-errors.{label}", text, options={"warnings_as_errors": True})
case(W, "warnings-as-errors.clean-event-passes", j(detail("rooms", "read", room())), options={"warnings_as_errors": True})
case(W, "warnings-as-errors.unknown-kind-passes", j(detail("x", "y", {"personId": "bad"})), options={"warnings_as_errors": True})

# ---- errors: every status reachable from input, with positions ----

E = "errors"
ok_room = j(detail("rooms", "read", room()))
case(E, "error.empty-input", "")
case(E, "error.only-whitespace", "   \n  ")
case(E, "error.truncated-object", ok_room[:-5])
case(E, "error.truncated-string", '{"resource":"rooms","event":"re')
case(E, "error.truncated-after-key", '{"resource"')
case(E, "error.syntax-missing-comma", '{"resource":"rooms" "event":"read","data":{}}')
case(E, "error.syntax-trailing-comma-json", '{"resource":"rooms","event":"read","data":{},}')
case(E, "error.syntax-single-quotes-json", "{'resource':'rooms','event':'read','data':{}}")
case(E, "error.syntax-unquoted-key-json", '{resource:"rooms","event":"read","data":{}}')
case(E, "error.syntax-trailing-garbage", ok_room + " x")
case(E, "error.syntax-two-objects", ok_room + ok_room)
case(E, "error.syntax-not-an-object", '["rooms","read"]')
case(E, "error.syntax-bare-string", '"rooms:read"')
case(E, "error.syntax-leading-zero", '{"resource":"rooms","event":"read","data":{"n":012}}')
case(E, "error.syntax-nan", '{"resource":"rooms","event":"read","data":{"n":NaN}}')
case(E, "error.syntax-comment-json", '{"resource":"rooms", // c\n"event":"read","data":{}}')
case(E, "error.syntax-position-line-3",
     '{\n  "resource": "rooms",\n  "event": "read" x,\n  "data": {}\n}')
case(E, "error.syntax-position-after-unicode",
     '{"resource":"rooms","event":"read","data":{"title":"日本語😀", x}}')
case(E, "error.invalid-utf8.lone-continuation", None,
     input_hex=("{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"".encode().hex() + "80" + "\"}}".encode().hex()))
case(E, "error.invalid-utf8.overlong", None,
     input_hex=("{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"".encode().hex() + "c0af" + "\"}}".encode().hex()))
case(E, "error.invalid-utf8.surrogate-encoded", None,
     input_hex=("{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"".encode().hex() + "eda080" + "\"}}".encode().hex()))
case(E, "error.invalid-utf8.truncated-sequence-at-end", None, input_hex=ok_room.encode().hex() + "e2")
case(E, "error.invalid-string.bad-escape", '{"resource":"rooms","event":"read","data":{"title":"a\\qb"}}')
case(E, "error.invalid-string.lone-high-surrogate", '{"resource":"rooms","event":"read","data":{"title":"\\ud83d"}}')
case(E, "error.invalid-string.lone-low-surrogate", '{"resource":"rooms","event":"read","data":{"title":"\\ude00x"}}')
case(E, "error.invalid-string.raw-control", '{"resource":"rooms","event":"read","data":{"title":"a\tb"}}')
case(E, "error.invalid-string.raw-newline", '{"resource":"rooms","event":"read","data":{"title":"a\nb"}}')
case(E, "error.invalid-string.short-unicode-escape", '{"resource":"rooms","event":"read","data":{"title":"\\u12"}}')
case(E, "error.duplicate-key.envelope", '{"resource":"rooms","resource":"rooms","event":"read","data":{}}')
case(E, "error.duplicate-key.data", '{"resource":"rooms","event":"read","data":{"id":"a","id":"b"}}')
case(E, "error.duplicate-key.wrapper", '{"name":"a:b","name":"a:b","detail":{"data":{}}}')
case(E, "error.duplicate-key.unknown-data-key", '{"resource":"rooms","event":"read","data":{"zz":1,"zz":2}}')
case(E, "duplicate-key.nested-object-allowed", '{"resource":"rooms","event":"read","data":{"zz":{"a":1,"a":2}}}')
case(E, "error.wrong-type.resource-number", '{"resource":5,"event":"read","data":{}}')
case(E, "error.wrong-type.text-number", j(detail("messages", "created", message(text=5))))
case(E, "error.wrong-type.room-id-object", j(detail("messages", "created", message(roomId={"id": ROOM}))))
case(E, "error.wrong-type.is-locked-string", j(detail("rooms", "read", room(isLocked="yes"))))
case(E, "error.wrong-type.team-id-number", j(detail("rooms", "read", room(teamId=1))))
case(E, "error.wrong-type.created-number", j(detail("messages", "created", message(created=1614879236767))))
case(E, "error.wrong-type.actor-envelope-number", j(detail("rooms", "read", room(), actorId=5)))
case(E, "error.wrong-type.name-array", '{"name":["a"],"detail":{"data":{}}}')
case(E, "error.wrong-type.detail-string", '{"name":"rooms:read","detail":"x"}')
case(E, "error.wrong-type.action-bool", j(detail("rooms", "selected", room(), action=True)))
case(E, "error.missing-field.data", '{"resource":"rooms","event":"read"}')
case(E, "error.missing-field.resource", '{"event":"read","data":{}}')
case(E, "error.missing-field.event", '{"resource":"rooms","data":{}}')
case(E, "error.missing-field.wrapper-detail", '{"name":"rooms:read"}')
case(E, "error.missing-field.empty-object", "{}")
case(E, "error.invalid-value.empty-event", '{"resource":"rooms","event":"","data":{}}')
case(E, "error.invalid-value.empty-resource", '{"resource":"","event":"read","data":{}}')
case(E, "error.invalid-value.empty-wrapper-name", '{"name":"","detail":{"data":{}}}')
case(E, "error.number-too-long", '{"resource":"x","event":"y","data":{"n":' + "1" * 101 + "}}")
case(E, "number-100-chars-ok", '{"resource":"x","event":"y","data":{"n":' + "1" * 100 + "}}")
case(E, "error.too-deep.default", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":', "repeat": "[", "count": 64, "suffix": "]" * 64 + "}"})
case(E, "depth-63-ok", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":', "repeat": "[", "count": 63, "suffix": "]" * 63 + "}"})
case(E, "error.too-deep.limit-2", '{"resource":"x","event":"y","data":{"a":{"b":1}}}', options={"max_depth": 2})
case(E, "error.input-too-large.limit", ok_room, options={"max_input_bytes": 50})
case(E, "input-exactly-at-limit", ok_room, options={"max_input_bytes": len(ok_room.encode())})
case(E, "error.input-too-large.by-one", ok_room, options={"max_input_bytes": len(ok_room.encode()) - 1})
case(E, "error.string-too-long.limit", j(detail("x", "y", {"t": "x" * 20})), options={"max_string_bytes": 10})
case(E, "string-at-limit-ok", j(detail("x", "y", {"t": "x" * 10})), options={"max_string_bytes": 10})
case(E, "error.string-too-long.decoded-escapes", '{"resource":"x","event":"y","data":{"t":"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"}}', options={"max_string_bytes": 11})
case(E, "string-escapes-decoded-at-limit-ok", '{"resource":"x","event":"y","data":{"t":"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"}}', options={"max_string_bytes": 12})
case(E, "error.validation.first-warning", j(detail("messages", "created", message(personId="x", roomType="team"))),
     options={"warnings_as_errors": True})

# ---- doc samples (tests/data/doc-samples): literal syntax, and broken ones ----

D = "doc_samples"
for fname in sorted(os.listdir(os.path.join(ROOT, "tests", "data", "doc-samples"))):
    stem = fname[:-3]
    path = f"tests/data/doc-samples/{fname}"
    case(D, f"doc-sample.{stem}.literal", None, input_file=path, syntax="literal")
    case(D, f"doc-sample.{stem}.json", None, input_file=path, syntax="json")

# ---- real-shaped events (tests/data/events) ----

R = "real_events"
for fname in sorted(os.listdir(os.path.join(ROOT, "tests", "data", "events"))):
    path = f"tests/data/events/{fname}"
    case(R, f"event.{fname[:-5]}", None, input_file=path)
    case(R, f"event.{fname[:-5]}.literal-mode", None, input_file=path, syntax="literal")
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        compact = j(json.load(f))
    case(R, f"event.{fname[:-5]}.compact", compact)
with open(os.path.join(ROOT, "examples", "data", "events.ndjson"), encoding="utf-8") as f:
    for number, line in enumerate(f.read().split("\n"), 1):
        if line.strip():
            case(R, f"examples-ndjson.line-{number:02d}", line)

# ---- literal mode ----

L = "literal"
for label, text in [
    ("single-quotes", "{'resource':'rooms','event':'read','data':{'id':'%s','type':'group','lastActivity':'%s'}}" % (ROOM, T1)),
    ("unquoted-keys", "{resource:'rooms',event:'read',data:{id:'%s',type:'group',lastActivity:'%s'}}" % (ROOM, T1)),
    ("trailing-commas", "{resource:'rooms',event:'read',data:{id:'%s',type:'group',lastActivity:'%s',tags:['a',],},}" % (ROOM, T1)),
    ("line-comment", "{ // the event\nresource:'rooms',event:'read',data:{}}"),
    ("block-comment", "{/* a */resource:'rooms',/* b\n c */event:'read',data:{}}"),
    ("undefined-value", "{resource:'rooms',event:'read',data:{title:undefined,type:'group'}}"),
    ("double-quotes-too", '{resource:"rooms",event:"read",data:{"title":"t"}}'),
    ("escaped-single-quote", "{resource:'messages',event:'created',data:{text:'it\\'s'}}"),
    ("double-quote-inside-single", "{resource:'messages',event:'created',data:{text:'say \"hi\"'}}"),
    ("dollar-underscore-keys", "{resource:'x',event:'y',data:{$a:1,_b:2,c3:3}}"),
    ("wrapped", "{name:'calls:memberships:connected',detail:{resource:'calls',event:'memberships',data:{actorName:'Ann'}}}"),
    ("unicode-escape", "{resource:'messages',event:'created',data:{text:'\\u00e9'}}"),
    ("null-value", "{resource:'rooms',event:'read',data:{title:null}}"),
    ("nested-unknown", "{resource:'x',event:'y',data:{a:{b:[1,'two',{c:undefined}]}}}"),
    ("json-is-literal", ok_room),
    ("keyword-as-key", "{resource:'x',event:'y',data:{true:1,null:2}}"),
]:
    case(L, f"literal.{label}", text, syntax="literal")
for label, text in [
    ("missing-open-brace", "resource: 'rooms',\n  event: 'read',\n  data: {}\n}"),
    ("missing-comma", "{\n  resource: 'rooms'\n  event: 'read',\n  data: {}\n}"),
    ("call-object-placeholder", "{\n  resource: 'calls',\n  event: 'created',\n  data: {\n    call: [Call Object]\n  }\n}"),
    ("unterminated-comment", "{resource:'x',event:'y',data:{}} /* open"),
    ("unterminated-single-quote", "{resource:'x,event:'y',data:{}}"),
    ("number-key", "{resource:'x',event:'y',data:{1:2}}"),
    ("hex-number", "{resource:'x',event:'y',data:{n:0x10}}"),
    ("raw-newline-in-single-quotes", "{resource:'x',event:'y',data:{t:'a\nb'}}"),
    ("duplicate-unquoted-key", "{resource:'x',resource:'x',event:'y',data:{}}"),
]:
    case(L, f"literal-error.{label}", text, syntax="literal")

# ---- hostile inputs (large ones from small recipes) ----

H = "hostile"
case(H, "hostile.open-brackets-100000", None, input_recipe={"repeat": "[", "count": 100000})
case(H, "hostile.open-braces-100000", None, input_recipe={"repeat": "{\"a\":", "count": 100000})
case(H, "hostile.deep-data-100000", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":', "repeat": "[", "count": 100000})
case(H, "hostile.deep-data-closed-1000", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":', "repeat": "[", "count": 1000, "suffix": "]" * 1000 + "}"})
case(H, "hostile.deep-literal-100000", None, syntax="literal",
     input_recipe={"prefix": "{resource:'x',event:'y',data:", "repeat": "{a:", "count": 100000})
case(H, "hostile.long-string-2MiB", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":{"t":"', "repeat": "a" * 1024, "count": 2048, "suffix": '"}}'})
case(H, "hostile.long-string-under-limit", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":{"t":"', "repeat": "ab", "count": 1000, "suffix": '"}}'})
case(H, "hostile.input-over-8MiB", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":[', "repeat": "0,", "count": 4300000, "suffix": "0]}"})
case(H, "hostile.many-keys", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":{', "repeat": '"k":1,', "count": 1, "suffix": '"z":2}}'})
case(H, "hostile.wide-array-100000", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":[', "repeat": "1,", "count": 100000, "suffix": "1]}"})
case(H, "hostile.escapes-100000", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":{"t":"', "repeat": "\\u0041", "count": 100000, "suffix": '"}}'})
case(H, "hostile.number-10000-digits", None,
     input_recipe={"prefix": '{"resource":"x","event":"y","data":{"n":', "repeat": "9", "count": 10000, "suffix": "}}"})
case(H, "hostile.exponent-huge", '{"resource":"x","event":"y","data":{"n":1e999999999}}')
case(H, "hostile.nul-byte-in-text", None,
     input_hex=j(detail("rooms", "read", room())).encode().hex()[:-4] + "00" + "7d7d")
case(H, "hostile.escaped-nul-in-string", '{"resource":"x","event":"y","data":{"t":"a\\u0000b"}}')
case(H, "hostile.bom-twice", "\ufeff\ufeff" + ok_room)
case(H, "hostile.utf16-bom", None, input_hex="fffe" + ok_room.encode("utf-16-le").hex())
case(H, "hostile.only-bom", "\ufeff")
case(H, "hostile.long-name", j({"name": "a:" + "b" * 5000, "detail": {"data": {}}}))
case(H, "hostile.many-colons-name", j({"name": ":".join(["a"] * 50), "detail": {"data": {}}}))
case(H, "hostile.name-with-spaces", j({"name": " rooms:read ", "detail": detail("rooms", "read", room())}))
case(H, "hostile.event-key-proto", j(detail("x", "y", {"__proto__": {"a": 1}, "constructor": 1})))
case(H, "hostile.unicode-keys", j(detail("x", "y", {"ключ": "значение", "😀": 1})))
case(H, "hostile.invalid-utf8-in-key", None,
     input_hex='{"resource":"x","event":"y","data":{"'.encode().hex() + "ff" + '":1}}'.encode().hex())
case(H, "hostile.noncharacter-ok", j(detail("x", "y", {"t": "\uffff\ufdd0"})))
case(H, "hostile.max-codepoint", j(detail("x", "y", {"t": "\U0010ffff"})))
case(H, "hostile.depth-limit-1000-allows-1000", None, options={"max_depth": 1000},
     input_recipe={"prefix": '{"resource":"x","event":"y","data":', "repeat": "[", "count": 998, "suffix": "]" * 998 + "}"})
case(H, "hostile.id-huge", j(detail("messages", "created", message(personId="Y2lz" * 5000))))
case(H, "hostile.id-empty", j(detail("messages", "created", message(personId=""))))
case(H, "hostile.id-unknown-type", j(detail("messages", "created", message(id=wid("WIDGET", "x")))))
case(H, "hostile.id-not-ciscospark", j(detail("messages", "created", message(id=base64.urlsafe_b64encode(b"https://us/MESSAGE/x").decode().rstrip("=")))))
case(H, "hostile.id-missing-local-part", j(detail("messages", "created", message(id=wid("MESSAGE", "")))))

# ---- streams: chunks split anywhere, bad lines, CR LF, last line without newline ----

S = "streams"
line_a = j(detail("rooms", "read", room()))
line_b = j(detail("messages", "created", message(text="héllo 😀")))
line_c = j({"name": "calls:memberships:connected", "detail": detail("calls", "memberships", {"actorName": "Ann"})})
bad = '{"resource":"rooms","event":'
nl = "\n"


def stream(name: str, text: str, chunks: list[int], **rest: object) -> None:
    case(S, name, None, stream={"input": text, "chunks": chunks}, **rest)


three = line_a + nl + line_b + nl + line_c + nl
stream("stream.three-lines-one-chunk", three, [])
stream("stream.three-lines-byte-by-byte-prefix", three, list(range(1, 60)))
utf8_at = len((line_a + nl + line_b[: line_b.index("😀")]).encode())
stream("stream.split-inside-utf8", three, [utf8_at + 1, utf8_at + 2, utf8_at + 3])
stream("stream.split-inside-newline-crlf", line_a + "\r\n" + line_b + "\r\n", [len(line_a) + 1])
stream("stream.crlf-lines", line_a + "\r\n" + line_c + "\r\n", [])
stream("stream.blank-lines-skipped", nl + nl + line_a + nl + "   " + nl + nl + line_c + nl, [3])
stream("stream.bad-line-in-middle", line_a + nl + bad + nl + line_c + nl, [10, 200])
stream("stream.last-line-without-newline", line_a + nl + line_c, [])
stream("stream.last-line-bad-without-newline", line_a + nl + bad, [])
stream("stream.empty", "", [])
stream("stream.only-newlines", "\n\n\r\n", [])
stream("stream.warnings-kept", j(detail("messages", "created", message(personId="x"))) + nl, [])
stream("stream.warnings-as-errors", j(detail("messages", "created", message(personId="x"))) + nl + line_a + nl, [],
       options={"warnings_as_errors": True})
stream("stream.line-over-limit-skipped", line_a + nl + ("x" * 300) + nl + line_c + nl, [50, 150, 250],
       options={"max_input_bytes": 250})
stream("stream.literal-lines", "{resource:'rooms',event:'read',data:{}}\n{name:'a:b',detail:{data:[]}}\n", [5], syntax="literal")
stream("stream.invalid-utf8-line", None or "", [])
themes[S][-1]["stream"] = {
    "input_hex": (line_a + nl).encode().hex() + "ff0a" + (line_c + nl).encode().hex(),
    "chunks": [],
}
stream("stream.error-positions-multiline", line_a + nl + line_a + nl + '{"resource": "rooms", x}' + nl, [])
stream("stream.bom-first-line", "\ufeff" + line_a + nl + line_a + nl, [1, 2])
stream("stream.bom-second-line", line_a + nl + "\ufeff" + line_a + nl, [])
stream("stream.unknown-kind", j({"name": "space:shared", "detail": {"data": {"x": 1}}}) + nl, [])
with open(os.path.join(ROOT, "examples", "data", "events.ndjson"), encoding="utf-8") as f:
    ndjson = f.read()
case(S, "stream.examples-ndjson", None, stream={"input_file": "examples/data/events.ndjson", "chunks": [4096, 8192, 8193]})
case(S, "stream.examples-ndjson-small-chunks", None,
     stream={"input_file": "examples/data/events.ndjson", "chunks": list(range(7, len(ndjson.encode()), 97))})


# ---- settled: outcomes written by hand (per DOMAIN.md and the header), not generated, for
# behaviours that were once wrong or open and are now decided ----

SETTLED = [
    {
        "name": "settled.misspelled-true-in-typed-field-is-syntax",
        "description": "`tru` is not a JSON token: SYNTAX, as in an untyped field",
        "input": '{"resource":"rooms","event":"read","data":{"isLocked":tru}}',
        "error": {"status": "SYNTAX", "line": 1, "column": 55, "offset": 54, "path": "data.isLocked"},
    },
    {
        "name": "settled.misspelled-null-in-typed-field-is-syntax",
        "description": "`nul` is not a JSON token: SYNTAX",
        "input": '{"resource":"rooms","event":"read","data":{"title":nul}}',
        "error": {"status": "SYNTAX", "line": 1, "column": 52, "offset": 51, "path": "data.title"},
    },
    {
        "name": "settled.misspelled-false-in-typed-field-is-syntax",
        "description": "`fals` is not a JSON token: SYNTAX",
        "input": '{"resource":"rooms","event":"read","data":{"isLocked":fals}}',
        "error": {"status": "SYNTAX", "line": 1, "column": 55, "offset": 54, "path": "data.isLocked"},
    },
    {
        "name": "settled.data-null-is-absent-for-a-known-kind",
        "description": "null reads as absent, and a known kind cannot do without data",
        "input": '{"resource":"rooms","event":"read","data":null}',
        "error": {"status": "MISSING_FIELD", "line": 1, "column": 2, "offset": 1, "path": "data"},
    },
    {
        "name": "settled.wrapper-name-with-an-empty-part",
        "description": "`rooms:` has an empty event part, as `\"event\": \"\"` would",
        "input": '{"name":"rooms:","detail":{"data":{}}}',
        "error": {"status": "INVALID_VALUE", "line": 1, "column": 9, "offset": 8, "path": "name"},
    },
    {
        "name": "settled.dot-name-derives-resource-and-event-from-its-kind",
        "input": '{"name":"message.received","detail":{"data":{"text":"x"}}}',
        "event": {
            "name": "message.received",
            "kind": "MESSAGES_CREATED",
            "fields": {"envelope.resource": "messages", "envelope.event": "created"},
        },
    },
    {
        "name": "settled.padded-copy-of-the-actor-id-agrees",
        "description": "ids are equal by type and local id: a padded copy is the same actor",
        "input": '{"resource":"calls","event":"created","actorId":"%s","data":{"actorId":"%s="}}'
        % (wid("PEOPLE", "1f7de5cb-8561-4671-bc03-bc974314442d"), wid("PEOPLE", "1f7de5cb-8561-4671-bc03-bc974314442d")),
        "event": {"name": "calls:created", "kind": "CALLS_CREATED", "warnings": [
            {"code": "ID_NOT_CANONICAL", "path": "data.actorId"}]},
    },]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    runner = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        for theme, cases in themes.items():
            draft = os.path.join(tmp, f"{theme}.draft.json")
            done = os.path.join(tmp, f"{theme}.json")
            with open(draft, "w", encoding="utf-8") as f:
                json.dump({"cases": cases}, f, ensure_ascii=False)
            subprocess.run([runner, "--root", ROOT, "--generate", draft, done], check=True)
            with open(done, encoding="utf-8") as f:
                filled = json.load(f)["cases"]
            for c in filled:
                # Re-emitted JSON of huge hostile inputs would bloat the files: leave it out.
                if len(c.get("event", {}).get("json", "")) > 4096:
                    del c["event"]["json"]
            with open(os.path.join(OUT, f"{theme}.json"), "w", encoding="utf-8") as f:
                json.dump({"format": 1, "theme": theme, "cases": filled}, f, indent=1, ensure_ascii=False)
                f.write("\n")
            print(f"{theme}: {len(filled)} cases")
    with open(os.path.join(OUT, "settled.json"), "w", encoding="utf-8") as f:
        json.dump({"format": 1, "theme": "settled", "cases": SETTLED}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"settled: {len(SETTLED)} cases (hand-written)")
    print(f"{sum(len(c) for c in themes.values()) + len(SETTLED)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
