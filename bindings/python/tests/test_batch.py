"""The batch path (iter_events, Emitter.emit_lines): the same events, attributes, warnings
and errors as the per-event path, the same dispatch as the library's emitter, events that
outlive their batch, and threads."""

from __future__ import annotations

import gc
import io
import json
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import DOC_SAMPLES, EVENTS, NDJSON

import spaces_widget_events as swe
from spaces_widget_events import _batch

SHARED = Path("/work/shared/data")


def _public_attributes(event: swe.Event) -> dict[str, Any]:
    """Every attribute a user can read, by name (annotations and properties of the class)."""
    names: set[str] = set()
    for cls in type(event).__mro__:
        names.update(n for n in getattr(cls, "__annotations__", {}) if not n.startswith("_"))
        names.update(
            n for n, v in vars(cls).items() if isinstance(v, property) and not n.startswith("_")
        )
    return {n: getattr(event, n) for n in sorted(names)}


def _same_event(batch: swe.Event, single: swe.Event) -> None:
    assert type(batch) is type(single)
    assert _public_attributes(batch) == _public_attributes(single)
    for form in ("arrived", "detail", "wrapped"):
        for pretty in (False, True):
            assert batch.to_json(form=form, pretty=pretty) == single.to_json(
                form=form, pretty=pretty
            )
    assert batch.raw == single.raw
    assert batch == single
    for key in [*list(single.raw)[:3], "absent-key"]:
        assert batch.data_json(key) == single.data_json(key)


def _lines() -> list[bytes]:
    """Every sample as one line: the bundled stream, the single-event samples (pretty JSON
    flattened), and the documentation's literal samples (which JSON refuses)."""
    lines = [line for line in NDJSON.read_bytes().split(b"\n") if line.strip()]
    for folder in (EVENTS, DOC_SAMPLES, SHARED / "events", SHARED / "doc-samples"):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                lines.append(path.read_bytes().replace(b"\r", b"").replace(b"\n", b" "))
    return lines


def _compare(data: bytes, **options: Any) -> tuple[int, int]:
    """Reads ``data`` both ways; returns the counts of events and of bad lines."""
    errors: list[swe.ParseError] = []
    events = iter(list(swe.iter_events(io.BytesIO(data), on_error=errors.append, **options)))
    errors_seen = 0
    count = 0
    offset = 0
    for number, line in enumerate(data.split(b"\n"), 1):
        text = line[:-1] if line.endswith(b"\r") else line
        start, offset = offset, offset + len(line) + 1
        if not text.strip(b" \t"):
            continue
        try:
            single = swe.parse(text, **options)
        except swe.ParseError as err:
            got = errors[errors_seen]
            errors_seen += 1
            assert (got.code, got.message, got.path, got.column) == (
                err.code,
                err.message,
                err.path,
                err.column,
            )
            assert (got.line, got.offset) == (number, start + err.offset)
            continue
        _same_event(next(events), single)
        count += 1
    assert next(events, None) is None
    assert errors_seen == len(errors)
    return count, errors_seen


def test_samples_read_the_same_both_ways() -> None:
    lines = _lines()
    assert _compare(b"\n".join(lines) + b"\n") == (61, 13)
    assert _compare(b"\n".join(lines), literal=True) == (65, 9)


def test_warnings_and_typed_fields_read_from_the_batch() -> None:
    text = (EVENTS / "widget-space.rooms-read.docs.json").read_text().replace("\n", " ")
    (event,) = swe.iter_events([text])
    assert isinstance(event, swe.RoomRead)
    assert "title" not in event.__dict__  # decoded on first read only
    assert event.title == "Project Unicorn - Sprint 0"
    assert event.is_locked is True
    assert event.team_kind == swe.TeamKind.ID
    assert event.last_activity_ms == 1461265968920
    assert event.last_activity is not None and event.last_activity.year == 2016
    assert [(w.name, w.path) for w in event.warnings] == [
        ("ID_UNEXPECTED_TYPE", "data.teamId"),
    ]
    with pytest.raises(AttributeError, match="immutable"):
        event.title = "x"


HOSTILE = [
    b"",
    b"\n\n\r\n  \t \n",
    b'{"resource":"rooms"\n{"resource":"x","event":"y","data":{}}',
    b"\xff\xfe\n" + b'{"resource":"x","event":"y","data":{"t":"\xc3\xa9"}}\r\n\xc3\n',
    b'{"resource":"x","event":"y","data":{"t":"' + b"a" * 3000 + b'"}}\nnot json\n',
    b'[1,2]\n"str"\nnull\n{}\n{"resource":"messages","event":"created","data":[]}\n',
    b'{"name":"calls:memberships:connected","detail":{"resource":"calls","event":"memberships",'
    b'"data":{"actorId":"x"}}}\n{"resource":"spaces","event":"read","data":{"id":"q"}}',
]


@pytest.mark.parametrize("data", HOSTILE)
def test_hostile_input_reads_the_same_both_ways(data: bytes) -> None:
    _compare(data)
    _compare(data, max_input_bytes=1000)


def test_a_line_past_the_limit_is_one_error_and_reading_goes_on() -> None:
    good = b'{"resource":"x","event":"y","data":{}}\n'
    data = good + b"[" + b" " * 5000 + b"]\n" + good
    errors: list[swe.ParseError] = []
    events = list(swe.iter_events(io.BytesIO(data), on_error=errors.append, max_input_bytes=100))
    assert [e.name for e in events] == ["x:y", "x:y"]
    assert [(e.code, e.line, e.offset) for e in errors] == [
        ("SWE_ERROR_INPUT_TOO_LARGE", 2, len(good))
    ]


def test_events_outlive_their_batch() -> None:
    events = list(swe.iter_events(NDJSON, on_error=lambda e: None))
    chunk = events[0].__dict__["_c"]
    probe = weakref.ref(chunk)
    del chunk
    gc.collect()
    assert probe() is not None  # the events keep it
    first = events[0]
    del events
    gc.collect()
    assert probe() is not None
    assert isinstance(first, swe.MessageCreated)
    assert first.to_json().startswith('{"resource":"messages"')
    assert first.person_email is not None
    del first
    gc.collect()
    assert probe() is None  # freed with the last event


def test_batch_memory_is_read_in_place_and_never_after_it_is_freed() -> None:
    events = list(swe.iter_events(NDJSON, on_error=lambda e: None))
    chunk: _batch.Chunk = events[0].__dict__["_c"]
    assert chunk.data.readonly and chunk.records.readonly and chunk.aux.readonly
    message = next(e for e in events if isinstance(e, swe.MessageCreated) and e is not events[0])
    # Only collection frees a batch; should a finalizer of the same collection still read an
    # event, it gets an error, not freed memory.
    chunk._free()
    assert chunk.ptr is None
    with pytest.raises(ValueError):
        _ = message.text
    with pytest.raises(ValueError):
        message.to_json()


def test_a_copied_full_event_outlives_the_batch_event() -> None:
    (event,) = swe.iter_events(NDJSON.open("rb").readlines()[:1])
    text = event.to_json()
    owned = event.__dict__["_owned"]
    del event
    gc.collect()
    assert owned.ptr is not None  # still referenced here; freed with this holder
    del owned
    assert text


def test_emit_lines_delivers_typed_events_and_reports_bad_lines() -> None:
    emitter = swe.Emitter()
    seen: list[tuple[str, str | None]] = []

    def on_message(event: swe.Event) -> None:
        assert isinstance(event, swe.MessageCreated)
        seen.append((event.name, event.text))

    emitter.on("messages:created", on_message)
    errors: list[swe.ParseError] = []
    count = emitter.emit_lines(NDJSON.read_bytes(), on_error=errors.append)
    assert count == 25
    assert [(e.line, e.code) for e in errors] == [(25, "SWE_ERROR_TRUNCATED")]
    single = [swe.parse(line) for line in NDJSON.read_bytes().split(b"\n")[:24]]
    assert seen == [(e.name, e.text) for e in single if isinstance(e, swe.MessageCreated)]
    # str input, file objects and the text form give the same.
    again: list[str] = []
    emitter.on("*", lambda e: again.append(e.name))
    emitter.emit_lines(NDJSON.read_text(), on_error=lambda e: None)
    with NDJSON.open("rb") as f:
        emitter.emit_lines(f, on_error=lambda e: None)
    assert len(again) == 50
    emitter.close()


def test_emit_lines_feeds_bytes_in_ranges_split_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    from spaces_widget_events import _emitter

    data = NDJSON.read_bytes()

    def names() -> list[str]:
        with swe.Emitter() as emitter:
            seen: list[str] = []
            emitter.on("*", lambda e: seen.append(f"{e.name} {e.actor_id}"))
            assert emitter.emit_lines(data, on_error=lambda e: None) == 25
            return seen

    whole = names()
    for piece in (1, 7, 100):
        monkeypatch.setattr(_emitter, "PIECE", piece)
        assert names() == whole


def test_emit_lines_listener_exception_stops_and_is_raised() -> None:
    emitter = swe.Emitter()
    seen: list[str] = []

    def refuse(event: swe.Event) -> None:
        seen.append(event.name)
        if len(seen) == 2:
            raise KeyError("stop")

    emitter.on("*", refuse)
    with pytest.raises(KeyError, match="stop"):
        emitter.emit_lines(NDJSON.read_bytes(), on_error=lambda e: None)
    assert len(seen) == 2
    emitter.close()
    with pytest.raises(ValueError, match="closed"):
        emitter.emit_lines(b"")


# -- dispatch conformance with the library's emitter ------------------------------------------

PATTERNS = [
    "*",
    "messages:created",
    "messages:*",
    "*:created",
    "*:*",
    "rooms:read",
    "spaces:read",
    "rooms:*",
    "calls:*",
    "calls:memberships",
    "calls:memberships:*",
    "calls:*:connected",
    "calls:memberships:connected",
    "*:*:connected",
    "widget:*",
    "message.received",
    "notifications:created",
    "notification:*",
]

NAMES = [
    "messages:created",
    "rooms:read",
    "spaces:read",
    "messages:read",
    "rooms:unread",
    "calls:ringing",
    "calls:created",
    "calls:memberships:connected",
    "calls:memberships:notified",
    "calls:memberships",
    "calls:memberships:connected:extra",
    "notification:created",
    "notifications:created",
    "widget:resized",
    "widget:resized:twice",
    "message.received",
    "call.connected",
    "a",
]


def _dispatch_lines() -> list[str]:
    lines = []
    for name in NAMES:
        resource, _, event = name.partition(":")
        event = event.split(":")[0] if event else ""
        detail = {"resource": resource, "event": event, "data": {"actorId": "x"}}
        lines.append(json.dumps({"name": name, "detail": detail}))
        if name.count(":") == 1:
            lines.append(json.dumps(detail))
    return lines


def _record(emitter: swe.Emitter) -> list[tuple[int, str]]:
    calls: list[tuple[int, str]] = []

    def on_event(i: int) -> Callable[[swe.Event], None]:
        return lambda e: calls.append((i, e.name))

    def on_json(i: int) -> Callable[[str, str], None]:
        return lambda n, j: calls.append((100 + i, n + j))

    for i, pattern in enumerate(PATTERNS):
        emitter.on(pattern, on_event(i))
        emitter.on_json(pattern, on_json(i))
    return calls


def test_python_dispatch_matches_the_library_emitter() -> None:
    lines = _dispatch_lines()
    with swe.Emitter() as c_emitter, swe.Emitter() as py_emitter:
        by_library = _record(c_emitter)
        by_python = _record(py_emitter)
        for line in lines:
            c_emitter.emit_json(line)
        py_emitter.emit_lines("\n".join(lines))
    assert by_python == by_library
    assert len(by_library) > 2 * len(lines)


def test_subscribing_and_unsubscribing_inside_a_listener_act_as_in_the_library() -> None:
    lines = [ln for ln in _dispatch_lines() if '"name"' not in ln][:6]

    def run(emit: Any, emitter: swe.Emitter) -> list[str]:
        calls: list[str] = []
        later: list[int] = []

        def first(event: swe.Event) -> None:
            calls.append("first " + event.name)
            if len(calls) == 1:
                emitter.off(second_id)
                later.append(emitter.on("*", lambda e: calls.append("late " + e.name)))

        emitter.on("*", first)
        second_id = emitter.on("*", lambda e: calls.append("second " + e.name))
        emit(emitter)
        return calls

    with swe.Emitter() as a, swe.Emitter() as b:
        by_library = run(lambda e: [e.emit_json(line) for line in lines], a)
        by_python = run(lambda e: e.emit_lines("\n".join(lines)), b)
    assert by_python == by_library
    assert by_library[:3] == ["first messages:created", "first rooms:read", "late rooms:read"]


def test_emit_of_a_batch_event_goes_through_the_library() -> None:
    events = list(swe.iter_events(NDJSON, on_error=lambda e: None))
    with swe.Emitter() as emitter:
        got: list[swe.Event] = []
        emitter.on("*", got.append)
        assert emitter.emit(events[3]) == 1
        assert got[0] == events[3]


# -- threads ------------------------------------------------------------------------------------


def test_threads_emit_lines_on_one_emitter_and_read_shared_events() -> None:
    data = NDJSON.read_bytes()
    shared = list(swe.iter_events(NDJSON, on_error=lambda e: None))
    counts: list[int] = []
    lock = threading.Lock()
    emitter = swe.Emitter()
    emitter.on("*", lambda e: e.actor_id)
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                n = emitter.emit_lines(data, on_error=lambda e: None)
                texts = [getattr(e, "text", None) for e in shared]
                with lock:
                    counts.append(n)
                assert texts == [getattr(e, "text", None) for e in shared]
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    emitter.close()
    assert not failures
    assert counts == [25] * 80


def test_record_layout_fits_the_header() -> None:
    header = (
        Path(__file__).resolve().parents[3] / "include" / "spaces_widget_events.h"
    ).read_text()
    assert f"#define SWE_BATCH_RECORD_WORDS {_batch.RECORD_WORDS}" in header
    assert "#define SWE_BATCH_ABSENT UINT32_MAX" in header or "4294967295" in header


def test_each_event_keeps_its_own_names() -> None:
    # Batches share one envelope entry between events with the same names: names holding a
    # NUL, or a known name split elsewhere than at its `:`, must not share another's entry.
    lines = [
        '{"name":"messages:created","detail":{"resource":"m","event":"ssages:created",'
        '"data":{"text":"x"}}}',
        '{"resource":"messages","event":"created","data":{"text":"y"}}',
        '{"name":"a\\u0000b","detail":{"resource":"c","event":"d","data":1}}',
        '{"name":"a","detail":{"resource":"b\\u0000c","event":"d","data":1}}',
    ]
    names = [(e.name, e.resource, e.event) for e in map(swe.parse, lines)]
    assert names[2:] == [("a\x00b", "c", "d"), ("a", "b\x00c", "d")]
    assert [(e.name, e.resource, e.event) for e in swe.iter_events(lines)] == names
    seen: list[tuple[str, str, str]] = []
    with swe.Emitter() as emitter:
        emitter.on("*", lambda e: seen.append((e.name, e.resource, e.event)))
        emitter.emit_lines("\n".join(lines))
    assert seen == names
