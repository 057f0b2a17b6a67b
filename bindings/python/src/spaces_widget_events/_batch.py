"""Batches: many events per call into the library, their fields read lazily in Python.

The library's ``swe_batch_reader`` parses every line a chunk of newline-delimited text
completes and returns one ``swe_batch``: a fixed-size record of 32-bit words per event or bad
line, every string in one byte arena, lists (warnings, files, mentions) and the envelope
names in a second word array (the layout is documented on ``swe_batch_view`` in the header).
A :class:`Chunk` reads those three arrays in place, through read-only memoryviews of the
batch's memory (no copy, whatever the number of events), and keeps the library's batch (which
that memory belongs to, and which ``to_json()`` and the other operations that need the full
event borrow) until the last event made from it is gone: the batch is freed only when the
chunk is collected, never earlier. Those memoryviews stay inside the chunk; what leaves it is
decoded ``str`` and ``int`` values.

An event made from a chunk is an instance of the usual class (:class:`MessageCreated`, ...)
whose instance dictionary starts with its envelope only; every data attribute is a
descriptor on the class that decodes the field from the chunk on first access and stores it
in the instance, so a listener that reads two fields pays for two. Events from
:func:`parse` or a C listener fill the same attributes eagerly, which hides the descriptors.
"""

from __future__ import annotations

import codecs
import ctypes
import json
import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from . import _errors, _ffi, _views
from ._errors import SweError
from ._events import _CLASSES, _EPOCH, Event, EventWarning, File, Owned, UnknownEvent
from ._kinds import (
    CallKind,
    EventKind,
    FileForm,
    MentionsKind,
    RoomType,
    TeamKind,
    WarningCode,
    enum_or_int,
)

#: Words per record, the absent-string offset and the flags, as in the header.
RECORD_WORDS = 56
ABSENT = 0xFFFFFFFF
WRAPPED = 1
TYPED = 2
_DATA = 16  # the first word of a record's typed data


def _u64(words: memoryview, i: int) -> int:
    return int(words[i]) | (int(words[i + 1]) << 32)


def _i64(words: memoryview, i: int) -> int:
    n = _u64(words, i)
    return n - (1 << 64) if n >= 1 << 63 else n


class Chunk:
    """The arrays of one ``swe_batch``, viewed in place, and the batch itself (freed with the
    last reference to the chunk, which every event made from it holds)."""

    __slots__ = (
        "__weakref__",
        "aux",
        "count",
        "data",
        "errors",
        "events",
        "more",
        "ptr",
        "records",
    )

    def __init__(self, ptr: int) -> None:
        self.ptr: int | None = ptr
        self.records = self.aux = self.data = memoryview(b"")
        view = _views.SweBatchView()
        err = ctypes.c_void_p()
        try:
            _errors.check(
                _ffi.lib.swe_batch_get_view(ptr, ctypes.byref(view), ctypes.byref(err)), err
            )
        except BaseException:
            self._free()
            raise
        self.count = int(view.record_count)
        self.events = int(view.event_count)
        self.errors = int(view.error_count)
        self.more = bool(view.more)
        self.records = _memory(view.records, self.count * RECORD_WORDS * 4).cast("I")
        self.aux = _memory(view.aux, int(view.aux_len) * 4).cast("I")
        self.data = _memory(view.bytes, int(view.byte_count))

    def text(self, i: int) -> str | None:
        """The string at words ``i``, ``i + 1`` of the records."""
        words = self.records
        offset = words[i]
        if offset == ABSENT:
            return None
        return _utf8(self.data[offset : offset + words[i + 1]], "replace", True)[0]

    def aux_text(self, i: int) -> str | None:
        words = self.aux
        offset = words[i]
        if offset == ABSENT:
            return None
        return _utf8(self.data[offset : offset + words[i + 1]], "replace", True)[0]

    def error(self, base: int) -> SweError:
        """The exception for the bad line whose record starts at word ``base``."""
        words = self.records
        status = words[base]
        status = status - (1 << 32) if status >= 1 << 31 else status
        message = self.text(base + 4) or _ffi.status_name(status)
        return _errors._error_class(status)(
            status,
            message,
            offset=_u64(words, base + 12),
            line=_u64(words, base + 10),
            column=_u64(words, base + 8),
            path=self.text(base + 6) or None,
        )

    def clone_event(self, index: int) -> int:
        """The whole event of record ``index``, parsed again from its line: an owned
        ``swe_event*``."""
        ptr = self.ptr
        if ptr is None:
            raise ValueError("this event's batch has been released")
        out = ctypes.c_void_p()
        err = ctypes.c_void_p()
        _errors.check(
            _ffi.lib.swe_batch_event(ptr, index, ctypes.byref(out), ctypes.byref(err)), err
        )
        assert out.value is not None
        return out.value

    def envelope(self, at: int) -> tuple[type[Event], dict[str, Any]]:
        """The class and the first attributes of events whose envelope entry is at ``at``."""
        aux = self.aux
        text = self.aux_text
        raw = (int(aux[at]), text(at + 1), text(at + 3), text(at + 5), text(at + 7))
        entry = _envelopes.get(raw)
        if entry is None:
            entry = _envelope(raw)
            if len(_envelopes) >= _ENVELOPES_KEPT:  # names come from the input: stay bounded
                _envelopes.clear()
            _envelopes[raw] = entry
        return entry[0], {"_c": self, **entry[1]}

    def _free(self) -> None:
        """Stops every read of the batch's memory, then frees the batch. Runs once, when the
        chunk is collected (or when making it failed): an event holds its chunk, so no event
        can read the memory afterwards. Should one read anyway (a finalizer run in the same
        garbage collection), it raises ValueError (a released memoryview), never reads freed
        memory; a view that cannot be released leaves the batch allocated."""
        ptr, self.ptr = self.ptr, None
        try:
            for view in (self.records, self.aux, self.data):
                view.release()
        except BufferError:  # pragma: no cover - the views never leave the chunk
            return
        if ptr:
            lib = getattr(_ffi, "lib", None)  # None late in interpreter shutdown
            if lib is not None:
                lib.swe_batch_free(ptr)

    def __del__(self) -> None:
        if getattr(self, "ptr", None):
            self._free()

    def __reduce__(self) -> Any:
        # A copy would hold the same batch and free it a second time.
        raise TypeError("a batch cannot be copied or pickled")

    def iter_items(self) -> Iterator[Event | SweError]:
        """Each record's event, or its bad line's exception, in order."""
        new = object.__new__
        words = self.records
        envelopes: dict[int, tuple[type[Event], dict[str, Any]]] = {}
        end = self.count * RECORD_WORDS
        for base, status, key in zip(
            range(0, end, RECORD_WORDS),
            words[0:end:RECORD_WORDS].tolist(),
            words[2:end:RECORD_WORDS].tolist(),
            strict=True,
        ):
            if status:
                yield self.error(base)
                continue
            entry = envelopes.get(key)
            if entry is None:
                entry = envelopes[key] = self.envelope(key)
            event = new(entry[0])
            attrs = event.__dict__
            attrs.update(entry[1])
            attrs["_b"] = base
            yield event


#: The envelopes met lately (batches repeat a few): the entry of ``aux`` as read (kind, name,
#: canonical name, resource, event) -> the class and the attributes it gives.
_envelopes: dict[tuple[int, str | None, str | None, str | None, str | None], Any] = {}
_ENVELOPES_KEPT = 1024


def _envelope(
    raw: tuple[int, str | None, str | None, str | None, str | None],
) -> tuple[type[Event], dict[str, Any]]:
    kind = enum_or_int(EventKind, raw[0])
    cls = _CLASSES.get(kind, Event if kind != EventKind.UNKNOWN else UnknownEvent)
    name = raw[1] or ""
    attrs: dict[str, Any] = {
        "kind": kind,
        "name": name,
        "canonical_name": raw[2] or name,
        "resource": raw[3] or "",
        "event": raw[4] or "",
    }
    return cls, attrs


_utf8 = codecs.utf_8_decode
_PyBUF_READ = 0x100


def _memory_api() -> Callable[[int, int, int], memoryview] | None:
    """CPython's ``PyMemoryView_FromMemory``: a read-only memoryview of ``n`` bytes at an
    address, owning nothing (None on an interpreter without ``ctypes.pythonapi``)."""
    api = getattr(ctypes, "pythonapi", None)
    fn = getattr(api, "PyMemoryView_FromMemory", None)
    if fn is None:  # pragma: no cover - CPython has it
        return None
    fn.restype = ctypes.py_object
    fn.argtypes = (ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_int)
    return fn  # type: ignore[no-any-return]


_from_memory = _memory_api()


def _memory(ptr: int | None, size: int) -> memoryview:
    """``size`` bytes of a batch at ``ptr``, read in place: valid while the batch lives, so
    only a :class:`Chunk` holds one (and releases it before freeing the batch)."""
    if not size or not ptr:
        return memoryview(b"")
    if _from_memory is None:  # pragma: no cover - other interpreters copy
        return memoryview(ctypes.string_at(ptr, size))
    return _from_memory(ptr, size, _PyBUF_READ)


# ---------------------------------------------------------------------------------------------
# The lazy attributes
# ---------------------------------------------------------------------------------------------


class _Lazy:
    """A non-data descriptor: decodes one attribute of a batch event on first access and
    stores it in the instance (so later reads are plain attribute reads). ``decode`` receives
    the chunk and the index of the attribute's first word in the chunk's records."""

    __slots__ = ("decode", "name", "word")

    def __init__(self, name: str, word: int, decode: Callable[[Chunk, int], Any]) -> None:
        self.name = name
        self.word = word
        self.decode = decode

    def __get__(self, event: Event | None, owner: type | None = None) -> Any:
        if event is None:
            return self
        attrs = event.__dict__
        chunk = attrs.get("_c")
        if chunk is None:  # a per-event event lacks nothing; this is a plain missing attribute
            raise AttributeError(self.name)
        value = self.decode(chunk, attrs["_b"] + self.word)
        attrs[self.name] = value
        return value


class _Text(_Lazy):
    """A string attribute: the same as ``_Lazy(name, word, Chunk.text)``, decoded inline
    (strings are what listeners read most)."""

    __slots__ = ()

    def __get__(self, event: Event | None, owner: type | None = None) -> Any:
        if event is None:
            return self
        attrs = event.__dict__
        chunk = attrs.get("_c")
        if chunk is None:
            raise AttributeError(self.name)
        words = chunk.records
        i = attrs["_b"] + self.word
        offset = words[i]
        value = (
            None
            if offset == ABSENT
            else _utf8(chunk.data[offset : offset + words[i + 1]], "replace", True)[0]
        )
        attrs[self.name] = value
        return value


_text = Chunk.text


def _enum(cls: type[IntEnum]) -> Callable[[Chunk, int], int]:
    return lambda chunk, i: enum_or_int(cls, int(chunk.records[i]))


def _json(chunk: Chunk, i: int) -> Any:
    raw = chunk.text(i)
    return None if raw is None else json.loads(raw)


def _instant(chunk: Chunk, i: int) -> tuple[str | None, datetime | None, int | None]:
    raw = chunk.text(i)
    words = chunk.records
    if raw is None or not words[i + 4]:
        return raw, None, None
    ms = _i64(words, i + 2)
    try:
        when: datetime | None = _EPOCH + timedelta(milliseconds=ms)
    except OverflowError:
        when = None
    return raw, when, ms


def _is_locked(chunk: Chunk, i: int) -> bool | None:
    words = chunk.records
    return bool(words[i + 1]) if words[i] else None


def _files(chunk: Chunk, i: int) -> list[File]:
    words = chunk.records
    aux = chunk.aux
    files = []
    for at in range(words[i], words[i] + 11 * words[i + 1], 11):
        size = _i64(aux, at + 9)
        files.append(
            File(
                form=enum_or_int(FileForm, int(aux[at])),
                url=chunk.aux_text(at + 1),
                display_name=chunk.aux_text(at + 3),
                object_type=chunk.aux_text(at + 5),
                mime_type=chunk.aux_text(at + 7),
                size=size if size >= 0 else None,
            )
        )
    return files


def _mentions(chunk: Chunk, i: int) -> list[str | None]:
    words = chunk.records
    return [chunk.aux_text(at) for at in range(words[i], words[i] + 2 * words[i + 1], 2)]


def _warnings(chunk: Chunk, i: int) -> list[EventWarning]:
    words = chunk.records
    aux = chunk.aux
    return [
        EventWarning(
            code=enum_or_int(WarningCode, int(aux[at])),
            path=chunk.aux_text(at + 1) or "",
            message=chunk.aux_text(at + 3) or "",
            offset=_u64(aux, at + 5),
        )
        for at in range(words[i], words[i] + 7 * words[i + 1], 7)
    ]


def _wrapped(chunk: Chunk, i: int) -> bool:
    return bool(chunk.records[i] & WRAPPED)


class _Time:
    """Installs the three attributes of a timestamp (``x_text``, ``x``, ``x_ms``)."""

    def __init__(self, name: str) -> None:
        self.name = name


# One entry per field of the view struct, in the header's order: (attribute or None, words,
# decoder). None skips a field the Python event does not expose (``data.actorId``: the
# envelope's ``actor_id`` already reads it; the raw JSON of lists).
Layout = list[tuple[str | None, int, Any]]
_SKIP_STR: tuple[None, int, None] = (None, 2, None)

_LAYOUTS: dict[str, Layout] = {
    "message": [
        ("id", 2, _text),
        ("room_id", 2, _text),
        ("room_type_kind", 1, _enum(RoomType)),
        ("room_type", 2, _text),
        ("text", 2, _text),
        ("html", 2, _text),
        ("person_id", 2, _text),
        ("person_email", 2, _text),
        ("created", 5, _Time("created")),
        ("to_person_id", 2, _text),
        ("to_person_email", 2, _text),
        _SKIP_STR,
        ("actor_name", 2, _text),
        ("files", 2, _files),
        _SKIP_STR,
        ("mentions_kind", 1, _enum(MentionsKind)),
        ("mentioned_ids", 2, _mentions),
        _SKIP_STR,
    ],
    "room": [
        ("id", 2, _text),
        ("title", 2, _text),
        ("room_type_kind", 1, _enum(RoomType)),
        ("room_type", 2, _text),
        ("is_locked", 2, _is_locked),
        ("team_kind", 1, _enum(TeamKind)),
        ("team_id", 2, _text),
        ("last_activity", 5, _Time("last_activity")),
        ("created", 5, _Time("created")),
        _SKIP_STR,
        ("actor_name", 2, _text),
        ("tags", 2, _json),
    ],
    "call": [
        ("room_id", 2, _text),
        ("person_id", 2, _text),
        ("person_email", 2, _text),
        _SKIP_STR,
        ("actor_name", 2, _text),
        ("call_kind", 1, _enum(CallKind)),
        ("call", 2, _json),
        ("call_id", 2, _text),
        ("call_status", 2, _text),
        ("call_state", 2, _text),
        ("call_direction", 2, _text),
        ("call_locus_url", 2, _text),
        ("call_correlation_id", 2, _text),
    ],
    "membership": [
        ("id", 2, _text),
        ("room_id", 2, _text),
        ("person_id", 2, _text),
        ("person_email", 2, _text),
        ("created", 5, _Time("created")),
        _SKIP_STR,
        ("actor_name", 2, _text),
    ],
    "call_membership": [_SKIP_STR, ("actor_name", 2, _text), ("room_id", 2, _text)],
    "notification": [
        ("username", 2, _text),
        ("message", 2, _text),
        ("avatar", 2, _text),
        ("alert_type", 2, _text),
        ("notification_id", 2, _text),
        ("notification", 2, _json),
    ],
    "mention_clicked": [("id", 2, _text), ("mention_type", 2, _text)],
    "activity": [
        ("activity_name", 2, _text),
        ("display_name", 2, _text),
        ("activity_type", 2, _text),
    ],
    "user": [("id", 2, _text), ("display_name", 2, _text)],
}


def _time_part(part: int) -> Callable[[Chunk, int], Any]:
    return lambda chunk, i: _instant(chunk, i)[part]


def _install(cls: type[Event], layout: Layout) -> None:
    """Puts a lazy descriptor on ``cls`` for every attribute of ``layout``. Fields a kind's
    view does not fill read as they do from a per-event event: a record without typed data
    (``TYPED`` unset) cannot reach here, since only known kinds get these classes."""
    word = _DATA
    for name, size, decode in layout:
        if isinstance(decode, _Time):
            base = decode.name
            setattr(cls, f"{base}_text", _Lazy(f"{base}_text", word, _time_part(0)))
            setattr(cls, base, _Lazy(base, word, _time_part(1)))
            setattr(cls, f"{base}_ms", _Lazy(f"{base}_ms", word, _time_part(2)))
        elif name is not None and decode is _text:
            setattr(cls, name, _Text(name, word, decode))
        elif name is not None:
            setattr(cls, name, _Lazy(name, word, decode))
        word += size
    assert word <= RECORD_WORDS, cls


def _install_all() -> None:
    from . import _events, _family

    Event.actor_id = _Text("actor_id", 4, _text)  # type: ignore[assignment]
    Event.action = _Text("action", 6, _text)  # type: ignore[assignment]
    Event.warnings = _Lazy("warnings", 8, _warnings)  # type: ignore[assignment]
    Event.wrapped = _Lazy("wrapped", 3, _wrapped)  # type: ignore[assignment]
    for cls, layout in (
        (_events.MessageCreated, "message"),
        (_events.RoomEvent, "room"),
        (_events.CallEvent, "call"),
        (_family.MembershipEvent, "membership"),
        (_family.CallMembershipEvent, "call_membership"),
        (_family.NotificationEvent, "notification"),
        (_family.MentionClicked, "mention_clicked"),
        (_family.ActivityChanged, "activity"),
        (_family.UserEvent, "user"),
    ):
        _install(cls, _LAYOUTS[layout])


_install_all()


# ---------------------------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------------------------


class BatchReader:
    """Chunks of newline-delimited text in, one :class:`Chunk` per call out.

    Owns an ``swe_batch_reader`` (and, when given, the parse options it was made with, which
    the library copies). Use from one thread at a time.
    """

    def __init__(self, options: int | None = None) -> None:
        out = ctypes.c_void_p()
        err = ctypes.c_void_p()
        _errors.check(
            _ffi.lib.swe_batch_reader_new(options, ctypes.byref(out), ctypes.byref(err)), err
        )
        self._ptr: int | None = out.value

    def feed(self, data: bytes, start: int = 0, stop: int | None = None) -> Iterator[Chunk]:
        """The chunks of the lines ``data[start:stop]`` completes (usually one), read in
        place (no copy of the range)."""
        size = len(data)
        stop = size if stop is None else max(0, min(stop, size))
        start = max(0, min(start, stop))
        if start or stop != size:
            address = ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value
            assert address is not None
            # ``data`` stays referenced by this generator while the library reads it.
            yield self._call(data, address + start, stop - start)
        else:
            yield self._call(data, data, size)
        while self._last_more:
            yield self._call(b"", b"", 0)

    def finish(self) -> Iterator[Chunk]:
        """The chunks of a last line without a newline (usually one, often empty)."""
        yield self._call(None)
        while self._last_more:
            yield self._call(None)

    _last_more = False

    def _call(self, data: bytes | None, at: bytes | int = b"", size: int = 0) -> Chunk:
        """Feeds ``size`` bytes at ``at`` (bytes, or an address inside ``data``), or finishes
        when ``data`` is None."""
        ptr = self._ptr
        if ptr is None:
            raise ValueError("the reader is closed")
        out = ctypes.c_void_p()
        err = ctypes.c_void_p()
        if data is None:
            status = _ffi.lib.swe_batch_reader_finish(ptr, ctypes.byref(out), ctypes.byref(err))
        else:
            status = _ffi.lib.swe_batch_reader_feed(
                ptr, at, size, ctypes.byref(out), ctypes.byref(err)
            )
        _errors.check(status, err)
        assert out.value is not None
        chunk = Chunk(out.value)
        self._last_more = chunk.more
        return chunk

    def close(self) -> None:
        ptr, self._ptr = self._ptr, None
        if ptr:
            _ffi.lib.swe_batch_reader_free(ptr)

    def __reduce__(self) -> Any:
        # A copy would hold the same reader and free it a second time.
        raise TypeError("a batch reader cannot be copied or pickled")

    def __enter__(self) -> BatchReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        ptr = getattr(self, "_ptr", None)
        if ptr:
            self._ptr = None
            lib = getattr(_ffi, "lib", None)
            if lib is not None:
                lib.swe_batch_reader_free(ptr)


def report(error: SweError, on_error: Callable[[Any], Any] | None) -> None:
    """A bad line: to ``on_error``, else logged as the stream logs it."""
    if on_error is None:
        logging.getLogger("spaces_widget_events").warning("line %d: %s", error.line, error)
    else:
        on_error(error)


def materialize(event: Event) -> Owned | None:
    """For an event made from a chunk: an owned copy of its full library event."""
    attrs = event.__dict__
    chunk: Chunk | None = attrs.get("_c")
    if chunk is None:
        return None
    owned = Owned(chunk.clone_event(attrs["_b"] // RECORD_WORDS))
    # Two threads may race here: the first copy stored wins, the other is freed with its owner.
    kept: Owned = attrs.setdefault("_owned", owned)
    return kept
