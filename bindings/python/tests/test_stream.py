"""iter_events: newline-delimited files."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from conftest import NDJSON, read_event

import spaces_widget_events as swe

ROOM = read_event("widget-space.rooms-read.docs.json").replace("\n", "")
CALL = read_event("widget-space.calls-created.docs-2017.json").replace("\n", "")


def test_bundled_file() -> None:
    errors: list[swe.ParseError] = []
    events = list(swe.iter_events(NDJSON, on_error=errors.append))
    assert len(events) == 25
    assert [len(errors), errors[0].line, errors[0].column] == [1, 25, 128]
    assert errors[0].code == "SWE_ERROR_TRUNCATED"
    assert errors[0].path == "data"
    lines = NDJSON.read_bytes().split(b"\n")
    assert errors[0].offset == sum(len(x) + 1 for x in lines[:24]) + 127
    assert isinstance(events[0], swe.MessageCreated)
    assert events[-1].name == "widget:resized"


def test_crlf_blank_lines_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "events.ndjson"
    path.write_bytes(
        ROOM.encode()
        + b"\r\n\r\n   \n"
        + b"not json\r\n"
        + CALL.encode()
        + b"\r\n"
        + b"\xff\n"
        + b"\n"
        + ROOM.encode()
    )
    errors: list[swe.ParseError] = []
    events = list(swe.iter_events(str(path), on_error=errors.append))
    assert [e.name for e in events] == ["rooms:read", "calls:created", "rooms:read"]
    assert [(e.line, e.column, e.code) for e in errors] == [
        (4, 1, "SWE_ERROR_SYNTAX"),
        (6, 1, "SWE_ERROR_INVALID_UTF8"),
    ]
    data = path.read_bytes()
    assert errors[0].offset == data.index(b"not json")
    assert errors[1].offset == data.index(b"\xff")
    # Path objects and file objects (binary and text) read the same.
    assert [e.name for e in swe.iter_events(path, on_error=lambda e: None)] == [
        e.name for e in events
    ]
    with open(path, "rb") as f:
        assert len(list(swe.iter_events(f, on_error=lambda e: None))) == 3
    text = io.StringIO(ROOM + "\r\n\n" + CALL + "\n")
    assert [e.name for e in swe.iter_events(text)] == ["rooms:read", "calls:created"]
    assert [e.name for e in swe.iter_events([ROOM, b"", CALL.encode()])] == [
        "rooms:read",
        "calls:created",
    ]


def test_bad_lines_are_logged_by_default(caplog: pytest.LogCaptureFixture) -> None:
    stream = io.BytesIO(b"{\n" + ROOM.encode() + b"\n")
    with caplog.at_level(logging.WARNING, logger="spaces_widget_events"):
        events = list(swe.iter_events(stream))
    assert len(events) == 1
    assert len(caplog.records) == 1
    assert "line 1" in caplog.records[0].getMessage()
    assert "SWE_ERROR_TRUNCATED" in caplog.records[0].getMessage()


def test_on_error_can_stop_reading() -> None:
    def stop(error: swe.ParseError) -> None:
        raise error

    with pytest.raises(swe.ParseError) as info:
        list(swe.iter_events(io.BytesIO(ROOM.encode() + b"\n]\n" + ROOM.encode()), on_error=stop))
    assert info.value.line == 2


def test_literal_lines() -> None:
    events = list(swe.iter_events(["{resource:'a', event:'b', data:{}}"], literal=True))
    assert events[0].name == "a:b"


def test_wrong_sources() -> None:
    with pytest.raises(TypeError):
        list(swe.iter_events(b"{}"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        list(swe.iter_events([1, 2]))  # type: ignore[list-item]
    with pytest.raises(FileNotFoundError):
        list(swe.iter_events("/nonexistent/events.ndjson"))


def _lines() -> bytes:
    return NDJSON.read_bytes()


def test_stream_chunks_split_anywhere() -> None:
    data = _lines() + '{"resource":"a","event":"b","data":{"t":"é€𝄞"}}\n'.encode()
    whole: list[str] = []
    split: list[str] = []
    errors: list[tuple[int, int, str]] = []
    for size, out in ((len(data), whole), (1, split)):
        with swe.Emitter() as em, swe.Stream() as stream:
            sink: list[str] = out

            def collect(name: str, text: str, sink: list[str] = sink) -> None:
                sink.append(text)

            em.on_json("*", collect)
            for i in range(0, len(data), size):
                stream.feed(
                    data[i : i + size], em, lambda e: errors.append((e.line, e.column, e.code))
                )
            stream.finish(em)
            stats = stream.stats
            assert (stats.events, stats.errors, stats.buffered) == (26, 1, 0)
            assert stats.next_line == 28
    assert whole == split and len(whole) == 26
    assert whole[-1] == '{"resource":"a","event":"b","data":{"t":"é€𝄞"}}'
    assert errors == [(25, 128, "SWE_ERROR_TRUNCATED")] * 2


def test_stream_last_line_needs_finish() -> None:
    seen: list[str] = []
    with swe.Emitter() as em, swe.Stream() as stream:
        em.on("*", lambda e: seen.append(e.name))
        stream.feed(ROOM + "\n" + CALL, em)
        assert seen == ["rooms:read"]
        assert stream.stats.buffered == len(CALL)
        stream.finish(em)
        assert seen == ["rooms:read", "calls:created"]


def test_stream_listener_exception_stops_feed_and_keeps_the_rest() -> None:
    seen: list[str] = []
    reported: list[swe.SweError] = []

    def listener(event: swe.Event) -> None:
        if event.name == "calls:created" and "raised" not in seen:
            seen.append("raised")
            raise RuntimeError("stop here")
        seen.append(event.name)

    with swe.Emitter() as em, swe.Stream() as stream:
        em.on("*", listener)
        with pytest.raises(RuntimeError, match="stop here"):
            stream.feed(f"{ROOM}\n{CALL}\n{ROOM}\n", em, reported.append)
        assert seen == ["rooms:read", "raised"]
        assert reported == []  # a listener's exception is not a bad line
        stream.feed("", em, reported.append)  # the unread bytes come first
        stream.finish(em)
    assert seen == ["rooms:read", "raised", "rooms:read"]


def test_stream_on_error_exception_stops_feed() -> None:
    seen: list[str] = []

    def fail(error: swe.SweError) -> None:
        raise KeyError(error.line)

    with swe.Emitter() as em, swe.Stream() as stream:
        em.on("*", lambda e: seen.append(e.name))
        with pytest.raises(KeyError) as info:
            stream.feed(f"{ROOM}\nnope\n{CALL}\n", em, fail)
        assert info.value.args == (2,)
        assert seen == ["rooms:read"]
        stream.feed(b"", em)
        assert seen == ["rooms:read", "calls:created"]


def test_stream_long_line_is_reported_once_and_not_kept() -> None:
    errors: list[swe.SweError] = []
    seen: list[str] = []
    with swe.Emitter() as em, swe.Stream(max_input_bytes=1024) as stream:
        em.on("*", lambda e: seen.append(e.name))
        stream.feed(ROOM + "\n", em, errors.append)
        for _ in range(100):
            stream.feed(b"x" * 4096, em, errors.append)
            assert stream.stats.buffered <= 1024
        stream.feed(b"\n" + CALL.encode() + b"\n", em, errors.append)
    assert seen == ["rooms:read", "calls:created"]
    assert [(e.line, e.code) for e in errors] == [(2, "SWE_ERROR_INPUT_TOO_LARGE")]


def test_stream_literal_and_logging(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[str] = []
    with swe.Emitter() as em, swe.Stream(literal=True) as stream:
        em.on("*", lambda e: seen.append(e.name))
        with caplog.at_level(logging.WARNING, logger="spaces_widget_events"):
            stream.feed("{resource:'a', event:'b', data:{}}\n{\n", em)
    assert seen == ["a:b"]
    assert "line 2" in caplog.records[0].getMessage()


def test_stream_misuse() -> None:
    em = swe.Emitter()
    stream = swe.Stream()
    with pytest.raises(TypeError):
        stream.feed(42, em)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        stream.feed(b"", "emitter")  # type: ignore[arg-type]

    def reenter(event: swe.Event) -> None:
        stream.feed(b"", em)

    em.on("*", reenter)
    with pytest.raises(RuntimeError):
        stream.feed(ROOM + "\n", em)
    stream.close()
    stream.close()
    with pytest.raises(ValueError):
        stream.feed(b"", em)
    with pytest.raises(ValueError):
        _ = stream.stats
    em.close()
    with pytest.raises(ValueError):
        swe.Stream().feed(b"", em)  # a closed emitter
    with pytest.raises(ValueError):
        swe.Stream(max_depth=0)


def test_the_library_prints_nothing_by_itself() -> None:
    import subprocess
    import sys

    code = (
        "import spaces_widget_events as swe\n"
        'print(len(list(swe.iter_events([\'{\', \'{"resource":"a","event":"b","data":{}}\']))))'
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert (done.stdout, done.stderr) == ("1\n", "")
