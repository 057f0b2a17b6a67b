"""Newline-delimited streams of events: :class:`Stream` (chunks in, events to an emitter) and
:func:`iter_events` (a file in, events out)."""

from __future__ import annotations

import ctypes
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Union

from . import _errors, _ffi, _views
from ._batch import BatchReader, Chunk
from ._emitter import Emitter, Frame, finish, frames
from ._errors import ParseError, SweError
from ._events import Event
from ._parse import _configure, _new_options, options

logger = logging.getLogger("spaces_widget_events")
# The library prints nothing by itself: bad lines reach the host's logging configuration only.
logger.addHandler(logging.NullHandler())

ErrorCallback = Callable[[SweError], Any]
Source = Union[str, "os.PathLike[str]", IO[bytes], IO[str], Iterable[str | bytes]]

_CHUNK = 1 << 20


def _log_bad_line(error: SweError) -> None:
    logger.warning("line %d: %s", error.line, error)


def _on_stream_error(user_data: int | None, error: int | None) -> int:
    """The library reports a bad line (or a listener's refusal) of the feed in progress."""
    stack = frames()
    if not stack:
        return 0
    frame = stack[-1]
    try:
        if frame.exc is not None:
            return 1  # a listener raised: stop the feed; feed() re-raises its exception
        report = frame.on_error or _log_bad_line
        report(_errors.read_error(error))  # borrowed: copied into a Python exception object
        return 0
    except BaseException as exc:
        frame.exc = exc
        return 1


_STREAM_ERROR_TRAMPOLINE = _views.STREAM_ERROR_FN(_on_stream_error)


@dataclass(frozen=True)
class StreamStats:
    """What a stream has read: events delivered, lines that failed, the number of the next
    line (1-based) and the bytes held for a line not yet complete."""

    events: int
    errors: int
    next_line: int
    buffered: int


class Stream:
    """Reads newline-delimited events fed in chunks split anywhere (even inside a UTF-8
    sequence) and delivers each line's event to an emitter. Blank lines are skipped and a
    ``\\r`` before ``\\n`` is dropped. A line longer than ``max_input_bytes`` is reported once
    and skipped without being kept in memory.

    A bad line goes to ``on_error`` (a :class:`ParseError` whose ``line`` and ``offset`` count
    from the start of the stream; logged as a warning on the ``spaces_widget_events`` logger
    when ``on_error`` is None) and reading goes on; an exception raised by ``on_error`` or by a
    listener stops the feed and comes out of :meth:`feed` (the unread bytes are kept for the
    next call).

    Use one stream from one thread at a time. Parse keywords are those of :func:`parse`.
    """

    def __init__(
        self,
        *,
        literal: bool = False,
        max_input_bytes: int | None = None,
        max_depth: int | None = None,
        max_string_bytes: int | None = None,
        warnings_as_errors: bool = False,
    ) -> None:
        self._options: int | None = None
        self._ptr: int | None = None
        self._busy = threading.Lock()
        custom = (
            literal
            or warnings_as_errors
            or any(v is not None for v in (max_input_bytes, max_depth, max_string_bytes))
        )
        if custom:
            self._options = _new_options()
            _configure(
                self._options,
                literal,
                max_input_bytes,
                max_depth,
                max_string_bytes,
                warnings_as_errors,
            )
        out = ctypes.c_void_p()
        err = ctypes.c_void_p()
        status = _ffi.lib.swe_stream_new(self._options, ctypes.byref(out), ctypes.byref(err))
        _errors.check(status, err)
        self._ptr = out.value

    def feed(
        self,
        data: bytes | bytearray | memoryview | str,
        emitter: Emitter,
        on_error: ErrorCallback | None = None,
    ) -> None:
        """Feeds a chunk; each complete line's event goes to ``emitter``."""
        if isinstance(data, str):
            raw = data.encode("utf-8", "surrogatepass")
        elif isinstance(data, (bytes, bytearray, memoryview)):
            raw = bytes(data)
        else:
            raise TypeError(f"feed() takes bytes or str, not {type(data).__name__}")
        self._run(emitter, on_error, raw)

    def finish(self, emitter: Emitter, on_error: ErrorCallback | None = None) -> None:
        """Ends the stream: a last line without a newline is read and delivered."""
        self._run(emitter, on_error, None)

    def _run(self, emitter: Emitter, on_error: ErrorCallback | None, raw: bytes | None) -> None:
        if not isinstance(emitter, Emitter):
            raise TypeError(f"expected an Emitter, not {type(emitter).__name__}")
        if on_error is not None and not callable(on_error):
            raise TypeError("on_error must be callable")
        if not self._busy.acquire(blocking=False):
            raise RuntimeError("a stream is used by one thread at a time, and not re-entered")
        try:
            stream = self._ptr
            if stream is None:
                raise ValueError("the stream is closed")
            err = ctypes.c_void_p()
            em = emitter._enter()
            stack = frames()
            frame = Frame(on_error)
            stack.append(frame)
            try:
                if raw is None:
                    status = _ffi.lib.swe_stream_finish(
                        stream, em, _STREAM_ERROR_TRAMPOLINE, None, ctypes.byref(err)
                    )
                else:
                    status = _ffi.lib.swe_stream_feed(
                        stream,
                        raw,
                        len(raw),
                        em,
                        _STREAM_ERROR_TRAMPOLINE,
                        None,
                        ctypes.byref(err),
                    )
            finally:
                stack.pop()
                emitter._leave()
            finish(status, err, frame)
        finally:
            self._busy.release()

    @property
    def stats(self) -> StreamStats:
        """What the stream has read so far."""
        stream = self._ptr
        if stream is None:
            raise ValueError("the stream is closed")
        view = _views.SweStreamStats()
        err = ctypes.c_void_p()
        _errors.check(
            _ffi.lib.swe_stream_get_stats(stream, ctypes.byref(view), ctypes.byref(err)), err
        )
        return StreamStats(
            events=int(view.events),
            errors=int(view.errors),
            next_line=int(view.next_line),
            buffered=int(view.buffered),
        )

    def close(self) -> None:
        """Frees the stream (bytes of an unfinished line are dropped). Closing twice is
        allowed."""
        with self._busy:
            ptr, self._ptr = self._ptr, None
            opts, self._options = self._options, None
        if ptr:
            _ffi.lib.swe_stream_free(ptr)
        if opts:
            _ffi.lib.swe_parse_options_free(opts)

    def __enter__(self) -> Stream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        lib = getattr(_ffi, "lib", None)
        ptr = getattr(self, "_ptr", None)
        opts = getattr(self, "_options", None)
        self._ptr = self._options = None
        if lib is not None:
            if ptr:
                lib.swe_stream_free(ptr)
            if opts:
                lib.swe_parse_options_free(opts)


def iter_events(
    source: Source,
    *,
    on_error: Callable[[ParseError], Any] | None = None,
    literal: bool = False,
    max_input_bytes: int | None = None,
    max_depth: int | None = None,
    max_string_bytes: int | None = None,
    warnings_as_errors: bool = False,
) -> Iterator[Event]:
    """Yields the events of a newline-delimited file, one event a line, read through a
    :class:`Stream` in chunks (so a hostile line longer than ``max_input_bytes`` is never held
    in memory whole).

    ``source`` is a path, a file object opened in binary or text mode, or any iterable of
    lines (str or bytes; a line without a final newline is ended with one). Line endings
    ``\\n`` and ``\\r\\n`` are both handled; empty lines are skipped.

    A line that is not an event is skipped and reported, in order with the events, as a
    :class:`ParseError` whose ``line`` is its line number (1-based), ``column`` the column in
    that line and ``offset`` the byte offset from the start of the input. With ``on_error`` the
    error is passed to it (raise from it to stop reading); without, it is logged as a warning
    on the ``spaces_widget_events`` logger. The other keywords are those of :func:`parse`.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        raise TypeError("iter_events() takes a path, a file or lines; use parse() for one event")
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as stream:
            yield from _iterate(
                _chunks(stream),
                on_error,
                literal,
                max_input_bytes,
                max_depth,
                max_string_bytes,
                warnings_as_errors,
            )
        return
    if not hasattr(source, "read") and not isinstance(source, Iterable):
        raise TypeError(f"iter_events() takes a path, a file or lines, not {type(source).__name__}")
    yield from _iterate(
        _chunks(source),
        on_error,
        literal,
        max_input_bytes,
        max_depth,
        max_string_bytes,
        warnings_as_errors,
    )


def _chunks(source: Any) -> Iterator[bytes]:
    read = getattr(source, "read", None)
    if callable(read):
        while True:
            chunk = read(_CHUNK)
            if not chunk:
                return
            if isinstance(chunk, str):
                yield chunk.encode("utf-8", "surrogatepass")
            elif isinstance(chunk, (bytes, bytearray)):
                yield bytes(chunk)
            else:
                raise TypeError(f"read() returned {type(chunk).__name__}, not bytes or str")
        return
    for number, line in enumerate(source, 1):
        if isinstance(line, str):
            raw = line.encode("utf-8", "surrogatepass")
        elif isinstance(line, (bytes, bytearray)):
            raw = bytes(line)
        else:
            raise TypeError(f"line {number}: expected str or bytes, not {type(line).__name__}")
        yield raw if raw.endswith(b"\n") else raw + b"\n"


def _iterate(
    chunks: Iterator[bytes],
    on_error: Callable[[ParseError], Any] | None,
    literal: bool,
    max_input_bytes: int | None,
    max_depth: int | None,
    max_string_bytes: int | None,
    warnings_as_errors: bool,
) -> Iterator[Event]:
    # Many lines per library call; the events' fields are decoded when first read.
    with (
        options(literal, max_input_bytes, max_depth, max_string_bytes, warnings_as_errors) as o,
        BatchReader(o) as reader,
    ):
        for chunk in _read(reader, chunks):
            for item in chunk.iter_items():
                if isinstance(item, Event):
                    yield item
                else:
                    _bad_line(item, on_error)
            # Let the chunk go before the next is made: once its events are gone too, its
            # batch is freed and the library reuses that memory.
            del chunk


def _read(reader: BatchReader, chunks: Iterator[bytes]) -> Iterator[Chunk]:
    for piece in chunks:
        yield from reader.feed(piece)
    yield from reader.finish()


def _bad_line(item: SweError, on_error: Callable[[ParseError], Any] | None) -> None:
    if on_error is None:
        _log_bad_line(item)
    elif isinstance(item, ParseError):
        on_error(item)
    else:
        raise item
