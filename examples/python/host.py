"""A host that receives Spaces Widget events, as a Python app embedding the widget would.

    python examples/python/host.py [FILE | -]

Reads one JSON event per line (from FILE, standard input with "-", or by default the bundled
examples/data/events.ndjson) through a stream fed in chunks, hands each event to an emitter,
and prints one line per event from the typed event objects, with its warnings. A listener on
"*" receives every event as JSON text and prints the ones the library does not know. A bad
line is reported with its line number and position, and reading goes on. The same host as
examples/c/host.c, through the Python binding (pip install bindings/python).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import spaces_widget_events as swe

DEFAULT_EVENTS = Path(__file__).resolve().parents[1] / "data" / "events.ndjson"

BRIEF_EVENTS = (
    "messages:created",
    "rooms:unread",
    "rooms:read",
    "calls:created",
    "calls:connected",
    "calls:disconnected",
)

OTHER_EVENTS = (
    "rooms:selected",
    "memberships:*",
    "calls:memberships:*",
    "notification:*",
    "mention:clicked",
    "activity:changed",
    "add:clicked",
    "profile:clicked",
    "user_signout:clicked",
)


@dataclass
class Tally:
    """What the listeners count; the emitter calls them on this thread."""

    events: int = 0
    json_bytes: int = 0
    warnings: int = 0
    bad_lines: int = 0


def put(label: str, value: str | None) -> str:
    """A value; nothing when absent."""
    return f" {label}={value}" if value is not None else ""


def put_id(label: str, value: str | None) -> str:
    """A Webex id as TYPE/local-id, which people can read, or as it is when it is none."""
    if value is None:
        return ""
    try:
        webex_id = swe.WebexId.parse(value)
    except ValueError:
        return put(label, value)
    return f" {label}={webex_id.type}/{webex_id.local_id}"


def put_short(label: str, value: str | None, width: int = 40) -> str:
    """A value shortened to a readable width."""
    if value is None:
        return ""
    more = "..." if len(value) > width else ""
    return f' {label}="{value[:width]}{more}"'


def put_time(label: str, text: str | None, when: datetime | None, ms: int | None) -> str:
    if text is None:
        return ""
    if when is None or ms is None:
        return f" {label}={text} (unreadable)"
    return f" {label}={text} ({ms} ms)"


def describe_message(m: swe.MessageCreated) -> str:
    out = put_id("room", m.room_id) + put("type", m.room_type) + put("from", m.person_email)
    out += put_short("text", m.text)
    out += put_time("created", m.created_text, m.created, m.created_ms)
    for f in m.files:
        out += put_short("file", f.display_name if f.display_name is not None else f.url)
    if m.mentioned_ids:
        out += f" mentions={len(m.mentioned_ids)}"
    return out


def describe_room(r: swe.RoomEvent) -> str:
    out = put_id("room", r.id) + put_short("title", r.title) + put("type", r.room_type)
    if r.is_locked is not None:
        out += f" locked={'yes' if r.is_locked else 'no'}"
    if r.team_kind in (swe.TeamKind.NONE, swe.TeamKind.UNDEFINED):
        out += " team=none"
    else:
        out += put_id("team", r.team_id)
    out += put_time("last_activity", r.last_activity_text, r.last_activity, r.last_activity_ms)
    return out


def describe_call(c: swe.CallEvent) -> str:
    out = put_id("room", c.room_id) + put("person", c.person_email) + put("actor", c.actor_name)
    if c.call_kind == swe.CallKind.OBJECT:
        out += put("call", c.call_id) + put("state", c.call_state)
        out += put("status", c.call_status) + put("direction", c.call_direction)
    elif c.call_kind == swe.CallKind.PLACEHOLDER:
        out += put("call", c.data_json("call"))
    else:
        out += " call=none"
    return out


def describe_other(e: swe.Event) -> str:
    """The other events of the widget family."""
    if isinstance(e, swe.MembershipEvent):
        return (
            put_id("room", e.room_id)
            + put("person", e.person_email)
            + put_time("created", e.created_text, e.created, e.created_ms)
        )
    if isinstance(e, swe.CallMembershipEvent):
        return put_id("room", e.room_id) + put("actor", e.actor_name)
    if isinstance(e, swe.MentionClicked):
        return put("type", e.mention_type) + put_id("id", e.id)
    if isinstance(e, swe.ActivityChanged):
        return put("activity", e.activity_name) + put("display_name", e.display_name)
    if isinstance(e, swe.NotificationEvent):
        return (
            put("from", e.username)
            + put_short("message", e.message)
            + put("notification", e.data_json("notification"))
        )
    if isinstance(e, swe.RoomEvent):
        return put_id("room", e.id) + put_short("title", e.title) + put("action", e.action)
    return ""


def main(argv: list[str]) -> int:
    source = argv[1] if len(argv) > 1 else str(DEFAULT_EVENTS)
    tally = Tally()

    def put_warnings(event: swe.Event) -> None:
        for w in event.warnings:
            print(f"{'':20} warning {w.path}: {w.message}")
            tally.warnings += 1

    def on_event(event: swe.Event) -> None:
        """The typed listener for the six events of the brief."""
        line = f"{event.name:<20}"
        if isinstance(event, swe.MessageCreated):
            line += describe_message(event)
        elif isinstance(event, swe.RoomEvent):
            line += describe_room(event)
        elif isinstance(event, swe.CallEvent):
            line += describe_call(event)
        print(line)
        put_warnings(event)

    def on_other_event(event: swe.Event) -> None:
        """The typed listener for the other events of the widget family."""
        print(f"{event.name:<20}{describe_other(event)}")
        put_warnings(event)

    def on_json(name: str, json: str) -> None:
        """The JSON listener on "*": sees every event, known or not, as compact JSON."""
        tally.events += 1
        tally.json_bytes += len(json.encode("utf-8"))
        if swe.kind_from_name(name) == swe.EventKind.UNKNOWN:
            print(f"{name:<20} (unknown) {json[:60]}")

    def on_bad_line(error: swe.SweError) -> None:
        """Reports a bad line; the stream goes on."""
        tally.bad_lines += 1
        field = f" ({error.path})" if error.path else ""
        print(f"line {error.line}: {error.code} at column {error.column}{field}: {error.message}")

    try:
        stdin = source == "-"
        reader: BinaryIO = sys.stdin.buffer if stdin else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        print(f"{source}: {exc.strerror}", file=sys.stderr)
        return 2

    with swe.Emitter() as emitter, swe.Stream() as stream, reader:
        for name in BRIEF_EVENTS:
            emitter.on(name, on_event)
        for name in OTHER_EVENTS:
            emitter.on(name, on_other_event)
        emitter.on_json("*", on_json)
        # Chunks of any size work: a line may span several reads.
        while chunk := reader.read(4096):
            stream.feed(chunk, emitter, on_bad_line)
        stream.finish(emitter, on_bad_line)

    print(
        f"\n{tally.events} events ({tally.json_bytes} bytes of JSON delivered), "
        f"{tally.warnings} warnings, {tally.bad_lines} bad lines, library {swe.library_version()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
