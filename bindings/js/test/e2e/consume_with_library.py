#!/usr/bin/env python3
"""The native leg of the bridge's end-to-end test: the library's Python binding reads the
NDJSON file the bridge posted and must find every event of the stand-in widget, in order,
typed, without a warning, and re-emitting each line byte for byte.

Usage: consume_with_library.py FILE (run with an interpreter where spaces_widget_events is
installed; scripts/test-python.sh makes one in build/python-venv).
"""

import json
import sys

import spaces_widget_events as swe

# (class, name, field, value) for each event the stand-in widget fires, in order.
EXPECTED = [
    ("MessageCreated", "messages:created", "text", "Order: café 日本語 😀 👩\u200d💻"),
    ("MessageCreated", "messages:created", "room_type", "direct"),
    ("RoomUnread", "rooms:unread", "title", "Project Unicorn – Sprint 0 éè"),
    ("RoomRead", "rooms:read", "actor_name", "Example User A"),
    ("RoomSelected", "rooms:selected", "room_type", "group"),
    ("CallCreated", "calls:created", "call_status", "initiated"),
    ("CallConnected", "calls:connected", "call_status", "connected"),
    ("CallMembershipEvent", "calls:memberships:notified", "actor_name", "Example User C"),
    ("CallDisconnected", "calls:disconnected", "call_state", "LEFT"),
    ("MembershipCreated", "memberships:created", "person_email", "user-c@example.com"),
    ("MembershipDeleted", "memberships:deleted", "person_email", "user-c@example.com"),
    ("CallMembershipEvent", "memberships:connected", "actor_name", "Example User B"),
    ("CallMembershipEvent", "memberships:declined", "actor_name", "Example User C"),
    ("CallMembershipEvent", "memberships:disconnected", "actor_name", "Example User B"),
    ("NotificationCreated", "notification:created", "username", "Example User B"),
    ("NotificationClicked", "notification:clicked", "message", "hello"),
    ("MentionClicked", "mention:clicked", "mention_type", "person"),
    ("ActivityChanged", "activity:changed", "activity_name", "meet"),
    ("ActivityChanged", "activity:changed", "activity_name", "message"),
    ("ActivityChanged", "activity:changed", "activity_name", "meet"),
    ("AddClicked", "add:clicked", None, None),
    ("ProfileClicked", "profile:clicked", None, None),
    ("UserSignoutClicked", "user_signout:clicked", None, None),
    ("UnknownEvent", "spaces:pinned", None, None),
    ("RoomUnread", "rooms:unread", "room_type", "direct"),
    ("MessageCreated", "messages:created", "person_email", "user-c@example.com"),
]


def main(path: str) -> int:
    errors: list[str] = []
    events = list(swe.iter_events(path, on_error=lambda e: errors.append(str(e))))
    lines = [line for line in open(path, encoding="utf-8").read().splitlines() if line]
    failures = [f"bad line: {e}" for e in errors]
    if len(events) != len(EXPECTED):
        failures.append(f"expected {len(EXPECTED)} events, got {len(events)}")
    for number, (event, line, expected) in enumerate(zip(events, lines, EXPECTED), 1):
        cls, name, field, value = expected
        got = (type(event).__name__, event.name)
        if got != (cls, name):
            failures.append(f"event {number}: expected {(cls, name)}, got {got}")
        if field is not None and getattr(event, field, None) != value:
            failures.append(f"event {number}: {field} is {getattr(event, field, None)!r}")
        if event.warnings:
            failures.append(f"event {number}: warnings {[w.message for w in event.warnings]}")
        if event.to_json() != json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")):
            failures.append(f"event {number}: re-emitted JSON differs from the bridge's")
    for failure in failures:
        print(f"consume_with_library.py: {failure}")
    print(f"consume_with_library.py: {len(events)} events parsed by the library, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
