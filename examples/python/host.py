"""A host that receives Spaces Widget events, as a Python app embedding the widget would.

    python examples/python/host.py [FILE | -]

Reads one JSON event per line (from FILE, standard input with "-", or by default the bundled
examples/data/events.ndjson), hands each event to an emitter, and prints one line per event
from the typed event objects. A listener on "*" receives every event as JSON text. A bad line
is reported with its line number and position, and reading goes on. The same host as
examples/c/host.c, through the Python binding (pip install bindings/python).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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


@dataclass
class Tally:
    """What the listeners count; the emitter calls them on this thread."""

    events: int = 0
    json_bytes: int = 0
    warnings: int = 0
    bad: int = 0


def put(label: str, value: str | None) -> str:
    return f" {label}={value}" if value is not None else ""


def put_short(label: str, value: str | None, width: int = 40) -> str:
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
    out = put("room", m.room_id) + put("type", m.room_type) + put("from", m.person_email)
    out += put_short("text", m.text)
    out += put_time("created", m.created_text, m.created, m.created_ms)
    for f in m.files:
        out += put_short("file", f.display_name if f.display_name is not None else f.url)
    if m.mentioned_ids:
        out += f" mentions={len(m.mentioned_ids)}"
    return out


def describe_room(r: swe.RoomEvent) -> str:
    out = put("room", r.id) + put_short("title", r.title) + put("type", r.room_type)
    if r.is_locked is not None:
        out += f" locked={'yes' if r.is_locked else 'no'}"
    if r.team_kind in (swe.TeamKind.NONE, swe.TeamKind.UNDEFINED):
        out += " team=none"
    else:
        out += put("team", r.team_id)
    out += put_time("last_activity", r.last_activity_text, r.last_activity, r.last_activity_ms)
    return out


def describe_call(c: swe.CallEvent) -> str:
    out = put("room", c.room_id) + put("person", c.person_email) + put("actor", c.actor_name)
    if c.call_kind == swe.CallKind.OBJECT:
        out += put("call", c.call_id) + put("state", c.call_state)
        out += put("status", c.call_status) + put("direction", c.call_direction)
    elif c.call_kind == swe.CallKind.PLACEHOLDER:
        out += put("call", c.data_json("call"))
    else:
        out += " call=none"
    return out


def main(argv: list[str]) -> int:
    source = argv[1] if len(argv) > 1 else str(DEFAULT_EVENTS)
    tally = Tally()
    emitter = swe.Emitter()

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
        for w in event.warnings:
            print(f"{'':20} warning {w.path}: {w.message}")
            tally.warnings += 1

    def on_json(name: str, json: str) -> None:
        """The JSON listener on "*": sees every event, known or not, as compact JSON."""
        tally.events += 1
        tally.json_bytes += len(json.encode("utf-8"))
        if name not in BRIEF_EVENTS:
            print(f"{name:<20} (other) {json[:60]}")

    for name in BRIEF_EVENTS:
        emitter.on(name, on_event)
    emitter.on_json("*", on_json)

    def on_error(error: swe.ParseError) -> None:
        tally.bad += 1
        field = f" ({error.path})" if error.path else ""
        print(f"line {error.line}: {error.code} at column {error.column}{field}: {error.message}")

    try:
        if source == "-":
            for event in swe.iter_events(sys.stdin.buffer, on_error=on_error):
                emitter.emit(event)
        else:
            for event in swe.iter_events(source, on_error=on_error):
                emitter.emit(event)
    except OSError as exc:
        print(f"{source}: {exc.strerror}", file=sys.stderr)
        return 2
    finally:
        emitter.close()

    print(
        f"\n{tally.events} events ({tally.json_bytes} bytes of JSON delivered), "
        f"{tally.warnings} warnings, {tally.bad} bad lines, library {swe.library_version()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
