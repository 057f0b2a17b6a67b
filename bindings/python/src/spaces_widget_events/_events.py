"""Events: the base class, and the typed events of the six kinds the brief names (messages,
rooms, calls), read from the library's borrowed views."""

from __future__ import annotations

import ctypes
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar, Literal

from . import _errors, _ffi, _views
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

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class EventWarning:
    """A doubtful value the event was kept with.

    ``code`` is a :class:`WarningCode` (a plain int for codes newer than this binding),
    ``path`` the JSON path relative to the detail (``"data.teamId"``), ``message`` a sentence
    for people, ``offset`` the byte offset of the value in the parsed text.
    """

    code: int
    path: str
    message: str
    offset: int

    @property
    def name(self) -> str:
        """The code's name, e.g. ``"ID_NOT_CANONICAL"``."""
        return self.code.name if isinstance(self.code, WarningCode) else f"WARNING_{self.code}"


@dataclass(frozen=True)
class File:
    """One entry of a message's ``files``: a URL string or a file object.

    ``size`` is ``fileSize`` in bytes, or None when absent or not a non-negative integer.
    """

    form: int
    url: str | None
    display_name: str | None
    object_type: str | None
    mime_type: str | None
    size: int | None


def _instant(ts: _views.SweTimestamp) -> tuple[str | None, datetime | None, int | None]:
    raw = _ffi.text(ts.text)
    if raw is None or not ts.valid:
        return raw, None, None
    ms = int(ts.unix_ms)
    try:
        when: datetime | None = _EPOCH + timedelta(milliseconds=ms)
    except OverflowError:
        when = None
    return raw, when, ms


def _loads(view: _views.SweStr) -> Any:
    raw = _ffi.text(view)
    if raw is None:
        return None
    return json.loads(raw)


def _call(status: int, error: ctypes.c_void_p) -> None:
    _errors.check(status, error)


EmitForm = Literal["arrived", "detail", "wrapped"]
_FORM_FLAGS = {"arrived": 0, "detail": _ffi.SWE_EMIT_DETAIL, "wrapped": _ffi.SWE_EMIT_WRAPPED}


class Owned:
    """An owned ``swe_event*``, freed when this object goes (events themselves have no
    finalizer, which keeps events made from a batch cheap to create and to drop)."""

    __slots__ = ("ptr",)

    def __init__(self, ptr: int) -> None:
        self.ptr: int | None = ptr

    def __del__(self) -> None:
        ptr, self.ptr = self.ptr, None
        if ptr:
            lib = getattr(_ffi, "lib", None)  # None late in interpreter shutdown
            if lib is not None:
                lib.swe_event_free(ptr)

    def __reduce__(self) -> Any:
        # A copy would hold the same pointer and free it a second time.
        raise TypeError("a library event cannot be copied or pickled")


class Event:
    """One event. Immutable; any thread may read it.

    Common attributes: ``kind`` (:class:`EventKind`, or a plain int for kinds newer than this
    binding), ``name`` (the full name as it arrived, e.g. ``"messages:created"``),
    ``canonical_name`` (the kind's current name: ``"rooms:read"`` for ``"spaces:read"``),
    ``resource``, ``event``, ``actor_id`` (the envelope's ``actorId``, else
    ``data.actorId``), ``action`` (``"call"`` on ``rooms:selected``), ``wrapped`` (arrived as a
    ``{"name", "detail"}`` wrapper), ``warnings``; ``raw`` is the event's ``data`` as a dict,
    ``detail`` the whole detail object as a dict, ``to_json()`` the event written back.

    Each known kind has a subclass with its typed data fields; a kind newer than this binding
    is a plain :class:`Event`; names the library does not know are :class:`UnknownEvent`.
    """

    kind: int
    name: str
    canonical_name: str
    resource: str
    event: str
    actor_id: str | None
    action: str | None
    wrapped: bool
    warnings: list[EventWarning]

    #: The library event this one reads (None for an event made from a batch until an
    #: operation needs the full event: ``to_json()``, ``detail``, ``data_json()``, ``emit``).
    _owned: Owned | None = None

    def __init__(self) -> None:  # pragma: no cover - events come from parse() and listeners
        raise TypeError("events come from spaces_widget_events.parse() or an Emitter listener")

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def _from_handle(cls, handle: int) -> Event:
        """Wraps an owned ``swe_event*``; the new object frees it."""
        lib = _ffi.lib
        env = _views.SweEnvelopeView()
        err = ctypes.c_void_p()
        try:
            _call(lib.swe_event_envelope(handle, ctypes.byref(env), ctypes.byref(err)), err)
        except BaseException:
            lib.swe_event_free(handle)
            raise
        kind = enum_or_int(EventKind, int(env.kind))
        target = _CLASSES.get(kind, Event if kind != EventKind.UNKNOWN else UnknownEvent)
        self = object.__new__(target)
        self.__dict__["_frozen"] = False
        self._owned = Owned(handle)
        self.kind = kind
        self.name = _ffi.text(env.name) or ""
        self.canonical_name = _ffi.text(env.canonical_name) or self.name
        self.resource = _ffi.text(env.resource) or ""
        self.event = _ffi.text(env.event) or ""
        self.actor_id = _ffi.text(env.actor_id)
        self.action = _ffi.text(env.action)
        self.wrapped = bool(env.wrapped)
        self.warnings = _read_warnings(handle, int(env.warning_count))
        self._load(handle)
        self._frozen = True
        return self

    def __setattr__(self, name: str, value: object) -> None:
        # Events are shared between listeners and threads: once read, nothing changes them.
        # Only an event being read from a library event (``_frozen`` False) takes attributes.
        if self.__dict__.get("_frozen", True):
            raise AttributeError(f"{type(self).__name__} is immutable")
        object.__setattr__(self, name, value)

    @classmethod
    def _from_borrowed(cls, borrowed: int) -> Event:
        """Copies a borrowed ``const swe_event*`` (a listener's) into an owned event."""
        out = ctypes.c_void_p()
        err = ctypes.c_void_p()
        _call(_ffi.lib.swe_event_clone(borrowed, ctypes.byref(out), ctypes.byref(err)), err)
        assert out.value is not None
        return cls._from_handle(out.value)

    def _load(self, handle: int) -> None:
        """Reads the kind's typed fields (none for a plain event)."""

    # -- data --------------------------------------------------------------------------------

    @property
    def detail(self) -> dict[str, Any]:
        """The detail object (``resource``, ``event``, ``data``, ...) as a new dict."""
        value = json.loads(self.to_json(form="detail"))
        return value if isinstance(value, dict) else {}

    @property
    def raw(self) -> dict[str, Any]:
        """The event's ``data`` as a new dict (every key, known or not)."""
        data = self.detail.get("data")
        return data if isinstance(data, dict) else {}

    def data_json(self, key: str) -> str | None:
        """The compact JSON of one member of ``data`` (known or not), or None when absent."""
        handle = self._require_handle()
        encoded = key.encode("utf-8", "surrogatepass")
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        err = ctypes.c_void_p()
        status = _ffi.lib.swe_event_data_json(
            handle,
            encoded,
            len(encoded),
            ctypes.byref(out),
            ctypes.byref(length),
            ctypes.byref(err),
        )
        if status == _ffi.SWE_ERROR_NOT_FOUND:
            _ffi.lib.swe_error_free(err)
            return None
        _call(status, err)
        return _ffi.take_owned(out.value, length.value)

    def to_json(self, *, pretty: bool = False, form: EmitForm = "arrived") -> str:
        """The event as JSON text: compact unless ``pretty``; in the form it arrived in, or
        ``form="detail"`` (the detail alone) or ``form="wrapped"`` (a ``{"name", "detail"}``
        wrapper). A parsed event re-emits to the same data."""
        try:
            flags = _FORM_FLAGS[form]
        except KeyError:
            raise ValueError(
                f"form must be 'arrived', 'detail' or 'wrapped', not {form!r}"
            ) from None
        if pretty:
            flags |= _ffi.SWE_EMIT_PRETTY
        handle = self._require_handle()
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        err = ctypes.c_void_p()
        _call(
            _ffi.lib.swe_event_to_json(
                handle, flags, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err)
            ),
            err,
        )
        return _ffi.take_owned(out.value, length.value)

    def _require_handle(self) -> int:
        owned = self.__dict__.get("_owned")
        if owned is None:
            from . import _batch  # an event made from a batch: copy its full event once

            owned = _batch.materialize(self)
        if owned is None or not owned.ptr:
            raise ValueError("this event has been released")
        return owned.ptr

    def __copy__(self) -> Event:
        return self  # immutable: a copy would be the same event

    def __deepcopy__(self, memo: dict[int, Any]) -> Event:
        return self

    def __reduce__(self) -> Any:
        raise TypeError(
            f"{type(self).__name__} cannot be pickled; pickle to_json() and parse() it back"
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return self.name == other.name and self.detail == other.detail

    __hash__: ClassVar[None]  # type: ignore[assignment]


class UnknownEvent(Event):
    """An event whose name the library does not know; ``raw`` holds its data as it arrived."""


def _read_warnings(handle: int, count: int) -> list[EventWarning]:
    warnings: list[EventWarning] = []
    lib = _ffi.lib
    for index in range(count):
        view = _views.SweWarningView()
        err = ctypes.c_void_p()
        _call(lib.swe_event_warning(handle, index, ctypes.byref(view), ctypes.byref(err)), err)
        warnings.append(
            EventWarning(
                code=enum_or_int(WarningCode, int(view.code)),
                path=_ffi.text(view.path) or "",
                message=_ffi.text(view.message) or "",
                offset=int(view.offset),
            )
        )
    return warnings


class MessageCreated(Event):
    """``messages:created``: a message was posted (the user's own included).

    ``created`` is an aware UTC :class:`~datetime.datetime` (millisecond precision) or None
    when absent or not RFC 3339; ``created_text`` is the text as it arrived and
    ``created_ms`` the Unix milliseconds. ``room_id`` also reads the 2017 ``spaceId``.
    ``mentioned_ids`` has one item per ``mentionedPeople`` entry: its id, or None for an entry
    without one (so positions match the list as it arrived).
    """

    id: str | None
    room_id: str | None
    room_type: str | None
    room_type_kind: int
    text: str | None
    html: str | None
    person_id: str | None
    person_email: str | None
    created: datetime | None
    created_text: str | None
    created_ms: int | None
    to_person_id: str | None
    to_person_email: str | None
    actor_name: str | None
    files: list[File]
    mentions_kind: int
    mentioned_ids: list[str | None]

    def _load(self, handle: int) -> None:
        lib = _ffi.lib
        m = _views.SweMessageView()
        err = ctypes.c_void_p()
        _call(lib.swe_event_message(handle, ctypes.byref(m), ctypes.byref(err)), err)
        t = _ffi.text
        self.id = t(m.id)
        self.room_id = t(m.room_id)
        self.room_type = t(m.room_type_text)
        self.room_type_kind = enum_or_int(RoomType, int(m.room_type))
        self.text = t(m.text)
        self.html = t(m.html)
        self.person_id = t(m.person_id)
        self.person_email = t(m.person_email)
        self.created_text, self.created, self.created_ms = _instant(m.created)
        self.to_person_id = t(m.to_person_id)
        self.to_person_email = t(m.to_person_email)
        self.actor_name = t(m.actor_name)
        self.files = []
        for index in range(int(m.file_count)):
            f = _views.SweFileView()
            _call(lib.swe_event_file(handle, index, ctypes.byref(f), ctypes.byref(err)), err)
            size = int(f.size)
            self.files.append(
                File(
                    form=enum_or_int(FileForm, int(f.form)),
                    url=t(f.url),
                    display_name=t(f.display_name),
                    object_type=t(f.object_type),
                    mime_type=t(f.mime_type),
                    size=size if size >= 0 else None,
                )
            )
        self.mentions_kind = enum_or_int(MentionsKind, int(m.mentions_kind))
        self.mentioned_ids = []
        for index in range(int(m.mention_count)):
            view = _views.SweStr()
            _call(lib.swe_event_mention(handle, index, ctypes.byref(view), ctypes.byref(err)), err)
            self.mentioned_ids.append(t(view))


class RoomEvent(Event):
    """Base of the space events: ``rooms:unread``, ``rooms:read``, ``rooms:selected``.

    ``id`` (also ``room_id``) is the space. ``team_id`` is ``teamId`` as it arrived and
    ``team_kind`` its shape (:class:`TeamKind`): ``NONE`` for ``""`` and ``UNDEFINED`` for the
    pre-2021 "no team" id both mean the space is in no team (``has_team`` is False).
    ``is_locked`` is None when absent. ``last_activity``/``created`` are aware UTC datetimes
    (None when absent or unreadable), with ``*_text`` and ``*_ms`` beside them.
    """

    id: str | None
    title: str | None
    room_type: str | None
    room_type_kind: int
    is_locked: bool | None
    team_id: str | None
    team_kind: int
    last_activity: datetime | None
    last_activity_text: str | None
    last_activity_ms: int | None
    created: datetime | None
    created_text: str | None
    created_ms: int | None
    actor_name: str | None
    tags: Any

    def _load(self, handle: int) -> None:
        r = _views.SweRoomView()
        err = ctypes.c_void_p()
        _call(_ffi.lib.swe_event_room(handle, ctypes.byref(r), ctypes.byref(err)), err)
        t = _ffi.text
        self.id = t(r.id)
        self.title = t(r.title)
        self.room_type = t(r.room_type_text)
        self.room_type_kind = enum_or_int(RoomType, int(r.room_type))
        self.is_locked = bool(r.is_locked) if r.has_is_locked else None
        self.team_id = t(r.team_id)
        self.team_kind = enum_or_int(TeamKind, int(r.team_kind))
        self.last_activity_text, self.last_activity, self.last_activity_ms = _instant(
            r.last_activity
        )
        self.created_text, self.created, self.created_ms = _instant(r.created)
        self.actor_name = t(r.actor_name)
        self.tags = _loads(r.tags_json)

    @property
    def room_id(self) -> str | None:
        """The space's id (``data.id``)."""
        return self.id

    @property
    def has_team(self) -> bool:
        """Whether ``teamId`` names a team."""
        return self.team_kind == TeamKind.ID


class RoomUnread(RoomEvent):
    """``rooms:unread`` (and the old ``spaces:unread``/``messages:unread``)."""


class RoomRead(RoomEvent):
    """``rooms:read`` (and the old ``spaces:read``/``messages:read``)."""


class RoomSelected(RoomEvent):
    """``rooms:selected`` (Recents widget); ``action`` is ``"call"`` when the call button was
    used."""


class CallEvent(Event):
    """Base of ``calls:created``, ``calls:connected`` and ``calls:disconnected``.

    ``call`` is the ``call`` value as JSON (None when absent or null; often a placeholder
    string such as ``"[Call Object]"``), ``call_kind`` its shape (:class:`CallKind`); the typed
    ``call_*`` fields are read when it is an object.
    """

    room_id: str | None
    person_id: str | None
    person_email: str | None
    actor_name: str | None
    call_kind: int
    call: Any
    call_id: str | None
    call_status: str | None
    call_state: str | None
    call_direction: str | None
    call_locus_url: str | None
    call_correlation_id: str | None

    def _load(self, handle: int) -> None:
        c = _views.SweCallView()
        err = ctypes.c_void_p()
        _call(_ffi.lib.swe_event_call(handle, ctypes.byref(c), ctypes.byref(err)), err)
        t = _ffi.text
        self.room_id = t(c.room_id)
        self.person_id = t(c.person_id)
        self.person_email = t(c.person_email)
        self.actor_name = t(c.actor_name)
        self.call_kind = enum_or_int(CallKind, int(c.call_kind))
        self.call = _loads(c.call_json)
        self.call_id = t(c.call_id)
        self.call_status = t(c.call_status)
        self.call_state = t(c.call_state)
        self.call_direction = t(c.call_direction)
        self.call_locus_url = t(c.call_locus_url)
        self.call_correlation_id = t(c.call_correlation_id)


class CallCreated(CallEvent):
    """``calls:created`` (and the old ``calls:ringing``)."""


class CallConnected(CallEvent):
    """``calls:connected``."""


class CallDisconnected(CallEvent):
    """``calls:disconnected``."""


#: kind -> the class of its events; _family.py adds the rest of the widget family.
_CLASSES: dict[int, type[Event]] = {
    EventKind.UNKNOWN: UnknownEvent,
    EventKind.MESSAGES_CREATED: MessageCreated,
    EventKind.ROOMS_UNREAD: RoomUnread,
    EventKind.ROOMS_READ: RoomRead,
    EventKind.ROOMS_SELECTED: RoomSelected,
    EventKind.CALLS_CREATED: CallCreated,
    EventKind.CALLS_CONNECTED: CallConnected,
    EventKind.CALLS_DISCONNECTED: CallDisconnected,
}


def register(classes: dict[int, type[Event]]) -> None:
    """Adds the classes of more kinds."""
    _CLASSES.update(classes)
