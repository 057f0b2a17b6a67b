"""The emitter: subscriptions by pattern, and the trampolines the library calls.

Lifetime of a listener. Each subscription gets a token (an int passed to the library as
``user_data``) and an entry in the module-level handle table ``_handles`` that keeps the Python
listener alive. The library calls one of three module-level CFUNCTYPE trampolines
(``_EVENT_TRAMPOLINE``, ``_JSON_TRAMPOLINE``, ``_RELEASE_TRAMPOLINE``), which live as long as
the module, so nothing the library holds can be garbage collected. ``_RELEASE_TRAMPOLINE`` runs
exactly once per subscription, after its last call (``off()``, or the emitter freed), and drops
the table entry. The table is a plain dict used through single operations (atomic under the
GIL), with no lock: a release can run from a garbage-collection finalizer at any point.

Batches. :meth:`Emitter.emit_lines` parses many lines per library call (see ``_batch.py``)
and dispatches their events in Python, with no call into the library per event. For that the
emitter keeps, beside the library's list, its own copy of the subscriptions in subscription
order (``_subs``, replaced whole on every change, with a version number that invalidates the
routes cached per batch), and matches patterns exactly as the library does.

Exceptions. A listener runs on the thread that emits, inside the C call. Its exception cannot
cross C, so the trampoline stores it in the emitting call's :class:`Frame` (a per-thread
stack, so that an emit from inside a listener has a frame of its own) and returns 1, which
stops delivery; ``emit``/``emit_json`` (and ``Stream.feed``) re-raise it once the C call has
returned.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import threading
from collections.abc import Callable, Iterator
from typing import IO, Any, TypeVar, overload

from . import _errors, _ffi, _views
from ._events import Event
from ._kinds import EventKind, kind_from_name
from ._parse import Text, options, to_bytes

EventListener = Callable[[Event], Any]
#: How a batch delivers the events of one envelope (see ``Emitter._route``).
Route = tuple[
    type[Event],
    dict[str, Any],
    tuple["Subscription", ...],
    Any,  # the one Subscription when the listener is set, else None
    "Callable[..., Any] | None",
]
JsonListener = Callable[[str, str], Any]
L = TypeVar("L", bound=Callable[[Event], Any])
J = TypeVar("J", bound=Callable[[str, str], Any])

#: token -> the listener; an entry lives from subscription until the library's release call.
_handles: dict[int, Callable[..., Any]] = {}
_tokens = itertools.count(1)
_local = threading.local()


class Frame:
    """The state of one emitting call on this thread: the first exception a listener raised,
    and (for a stream feed) the callback for bad lines."""

    __slots__ = ("exc", "on_error")

    def __init__(self, on_error: Callable[[Any], Any] | None = None) -> None:
        self.exc: BaseException | None = None
        self.on_error = on_error


def frames() -> list[Frame]:
    """This thread's stack of emitting calls (an emit inside a listener pushes its own)."""
    stack: list[Frame] | None = getattr(_local, "frames", None)
    if stack is None:
        stack = []
        _local.frames = stack
    return stack


def _refuse(exc: BaseException) -> int:
    """Stores a listener's exception for the emitting call on this thread; returns 1."""
    stack = frames()
    if stack and stack[-1].exc is None:
        stack[-1].exc = exc
    return 1


def _on_event(user_data: int | None, event: int | None) -> int:
    try:
        listener = _handles.get(user_data or 0)
        if listener is None or not event:
            return 0
        # The event is borrowed for this call only: copy it into an owned Python event.
        listener(Event._from_borrowed(event))
        return 0
    except BaseException as exc:
        return _refuse(exc)


def _on_json(user_data: int | None, name: _views.SweStr, json: _views.SweStr) -> int:
    try:
        listener = _handles.get(user_data or 0)
        if listener is None:
            return 0
        listener(_ffi.text(name) or "", _ffi.text(json) or "")
        return 0
    except BaseException as exc:
        return _refuse(exc)


def _release(user_data: int | None) -> None:
    with contextlib.suppress(BaseException):
        _handles.pop(user_data or 0, None)


_EVENT_TRAMPOLINE = _views.EVENT_LISTENER(_on_event)
_JSON_TRAMPOLINE = _views.JSON_LISTENER(_on_json)
_RELEASE_TRAMPOLINE = _views.RELEASE_FN(_release)


class Subscription:
    """One subscription as the Python side dispatches it: the library's id, the compiled
    pattern, the listener and how it takes events."""

    __slots__ = ("active", "as_json", "id", "kind", "listener", "segments")

    def __init__(self, sub_id: int, pattern: str, listener: Callable[..., Any], as_json: bool):
        self.id = sub_id
        kind = kind_from_name(pattern)
        #: Set when the pattern is exactly a known name: matching compares kinds then.
        self.kind: int | None = kind if kind != EventKind.UNKNOWN else None
        self.segments = tuple(pattern.split(":"))
        self.listener = listener
        self.as_json = as_json
        self.active = True

    def matches(self, kind: int, name: str, canonical_name: str) -> bool:
        """Whether an event of this kind and name matches, as ``Pattern::matches`` decides:
        the kind for a known name, else the segments against the name as it arrived or the
        kind's current name."""
        if self.kind is not None:
            return self.kind == kind
        return _segments_match(self.segments, name) or (
            kind != EventKind.UNKNOWN and _segments_match(self.segments, canonical_name)
        )


def _segments_match(pattern: tuple[str, ...], name: str) -> bool:
    """``*`` matches one segment, a final ``*`` any further ones, ``*`` alone every name."""
    if pattern == ("*",):
        return True
    names = name.split(":")
    last = len(pattern) - 1
    for i, part in enumerate(pattern):
        if i >= len(names):
            return False
        if part == "*" and i == last:
            return True
        if part != "*" and part != names[i]:
            return False
    return len(names) == len(pattern)


def handle_count() -> int:
    """How many listeners the library still holds (for tests and leak checks)."""
    return len(_handles)


class Emitter:
    """Dispatches events to listeners subscribed by pattern.

    Patterns: ``"messages:created"``, ``"messages:*"``, ``"*:created"``, ``"*"`` (a final
    ``*`` also matches further segments; a known name also matches its old names). Listeners
    run in subscription order on the thread that emits. Any thread may subscribe, unsubscribe
    and emit at once, also from inside a listener.

    Use ``close()`` (or ``with Emitter() as e:``) to free the emitter early; otherwise it is
    freed when garbage collected. Closing releases every listener it still holds.
    """

    def __init__(self) -> None:
        out = ctypes.c_void_p()
        err = ctypes.c_void_p()
        _errors.check(_ffi.lib.swe_emitter_new(ctypes.byref(out), ctypes.byref(err)), err)
        assert out.value is not None
        self._ptr: int | None = out.value
        self._state = threading.Condition(threading.Lock())
        self._active = 0
        #: The subscriptions, in subscription order, for dispatching batches in Python.
        self._subs: tuple[Subscription, ...] = ()
        self._version = 0
        #: For one ``_subs`` tuple: (kind, name, canonical name) -> the subscriptions matching.
        self._matching: tuple[tuple[Subscription, ...], dict[tuple[int, str, str], Any]] = (
            (),
            {},
        )

    # -- lifetime ----------------------------------------------------------------------------

    def _enter(self) -> int:
        with self._state:
            ptr = self._ptr
            if ptr is None:
                raise ValueError("the emitter is closed")
            self._active += 1
            depth: dict[int, int] = _depths()
            depth[id(self)] = depth.get(id(self), 0) + 1
            return ptr

    def _leave(self) -> None:
        with self._state:
            self._active -= 1
            depth = _depths()
            left = depth.get(id(self), 1) - 1
            if left:
                depth[id(self)] = left
            else:
                depth.pop(id(self), None)
            if self._active == 0:
                self._state.notify_all()

    def close(self) -> None:
        """Frees the emitter once no call on another thread uses it; its listeners are
        released. Closing twice is allowed. Raises RuntimeError from inside one of its own
        listeners (the call in progress still uses it)."""
        with self._state:
            if self._ptr is None:
                return
            if _depths().get(id(self)):
                raise RuntimeError("an emitter cannot be closed from inside its own listener")
            while self._active:
                self._state.wait()
            ptr, self._ptr = self._ptr, None
            self._set_subs(())
        _ffi.lib.swe_emitter_free(ptr)

    def _set_subs(self, subs: tuple[Subscription, ...]) -> None:
        """Replaces the Python-side list (callers hold ``_state``)."""
        self._subs = subs
        self._version += 1

    @property
    def closed(self) -> bool:
        return self._ptr is None

    def __enter__(self) -> Emitter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        ptr = getattr(self, "_ptr", None)
        if ptr:
            self._ptr = None
            lib = getattr(_ffi, "lib", None)
            if lib is not None:
                lib.swe_emitter_free(ptr)

    # -- subscriptions -----------------------------------------------------------------------

    def _subscribe(self, pattern: str, listener: Callable[..., Any], as_json: bool) -> int:
        if not isinstance(pattern, str):
            raise TypeError(f"pattern must be str, not {type(pattern).__name__}")
        if not callable(listener):
            raise TypeError(f"listener must be callable, not {type(listener).__name__}")
        encoded = pattern.encode("utf-8", "surrogatepass")
        token = next(_tokens)
        _handles[token] = listener
        sub_id = ctypes.c_uint64()
        err = ctypes.c_void_p()
        try:
            ptr = self._enter()
        except BaseException:
            _handles.pop(token, None)
            raise
        try:
            if as_json:
                status = _ffi.lib.swe_emitter_on_json(
                    ptr,
                    encoded,
                    len(encoded),
                    _JSON_TRAMPOLINE,
                    token,
                    _RELEASE_TRAMPOLINE,
                    ctypes.byref(sub_id),
                    ctypes.byref(err),
                )
            else:
                status = _ffi.lib.swe_emitter_on_event(
                    ptr,
                    encoded,
                    len(encoded),
                    _EVENT_TRAMPOLINE,
                    token,
                    _RELEASE_TRAMPOLINE,
                    ctypes.byref(sub_id),
                    ctypes.byref(err),
                )
        finally:
            self._leave()
        if status != _ffi.SWE_OK:
            _handles.pop(token, None)  # on failure the library never calls release
            raise _errors.from_error(status, err)
        sub = Subscription(int(sub_id.value), pattern, listener, as_json)
        with self._state:
            if self._ptr is not None:
                # Ids grow with subscription order; threads may get here in another order.
                self._set_subs(tuple(sorted((*self._subs, sub), key=lambda s: s.id)))
        return sub.id

    @overload
    def on(self, pattern: str, listener: None = None) -> Callable[[L], L]: ...

    @overload
    def on(self, pattern: str, listener: EventListener) -> int: ...

    def on(self, pattern: str, listener: EventListener | None = None) -> int | Callable[[L], L]:
        """Subscribes ``listener(event)`` to events matching ``pattern``; returns the
        subscription id (for :meth:`off`).

        Without ``listener`` it returns a decorator that subscribes the function, sets its
        ``subscription_id`` attribute when it can, and returns the function unchanged::

            @emitter.on("messages:created")
            def show(event: MessageCreated) -> None: ...

        The event passed is a Python copy, valid after the call. An exception raised by the
        listener stops delivery of that event and comes out of ``emit``/``emit_json``.
        Raises :class:`InvalidArgumentError` (a ValueError) for a bad pattern.
        """
        if listener is not None:
            return self._subscribe(pattern, listener, as_json=False)

        def decorator(fn: L) -> L:
            sub = self._subscribe(pattern, fn, as_json=False)
            _tag(fn, sub)
            return fn

        return decorator

    @overload
    def on_json(self, pattern: str, listener: None = None) -> Callable[[J], J]: ...

    @overload
    def on_json(self, pattern: str, listener: JsonListener) -> int: ...

    def on_json(self, pattern: str, listener: JsonListener | None = None) -> int | Callable[[J], J]:
        """Like :meth:`on`, delivering ``listener(name, json)``: the event's full name and its
        compact JSON text, in the form it arrived in."""
        if listener is not None:
            return self._subscribe(pattern, listener, as_json=True)

        def decorator(fn: J) -> J:
            sub = self._subscribe(pattern, fn, as_json=True)
            _tag(fn, sub)
            return fn

        return decorator

    def off(self, subscription_id: int) -> bool:
        """Unsubscribes; returns False when no subscription has that id. No call of that
        listener starts afterwards; its reference is dropped once none is in flight. Allowed
        from inside any listener."""
        if isinstance(subscription_id, bool) or not isinstance(subscription_id, int):
            raise TypeError(f"subscription id must be int, not {type(subscription_id).__name__}")
        if not 0 <= subscription_id < 2**64:
            return False
        err = ctypes.c_void_p()
        ptr = self._enter()
        try:
            status = _ffi.lib.swe_emitter_off(ptr, subscription_id, ctypes.byref(err))
        finally:
            self._leave()
        if status == _ffi.SWE_ERROR_NOT_FOUND:
            _ffi.lib.swe_error_free(err)
            return False
        _errors.check(status, err)
        with self._state:
            for sub in self._subs:
                if sub.id == subscription_id:
                    sub.active = False
            self._set_subs(tuple(s for s in self._subs if s.id != subscription_id))
        return True

    # -- emitting ----------------------------------------------------------------------------

    def emit(self, event: Event) -> int:
        """Delivers ``event`` to every matching listener, in subscription order, on this
        thread; returns how many listeners ran. Re-raises a listener's exception."""
        if not isinstance(event, Event):
            raise TypeError(f"emit() takes an Event, not {type(event).__name__}")
        handle = event._require_handle()
        delivered = ctypes.c_size_t()
        err = ctypes.c_void_p()
        ptr = self._enter()
        stack = frames()
        frame = Frame()
        stack.append(frame)
        try:
            status = _ffi.lib.swe_emitter_emit(
                ptr, handle, ctypes.byref(delivered), ctypes.byref(err)
            )
        finally:
            stack.pop()
            self._leave()
        finish(status, err, frame)
        return int(delivered.value)

    def emit_json(
        self,
        data: Text,
        *,
        literal: bool = False,
        max_input_bytes: int | None = None,
        max_depth: int | None = None,
        max_string_bytes: int | None = None,
        warnings_as_errors: bool = False,
    ) -> int:
        """Parses ``data`` (as :func:`parse` does) and delivers the event as :meth:`emit`
        does; returns how many listeners ran. Raises :class:`ParseError` when the text is not
        an event (no listener runs then), and re-raises a listener's exception."""
        raw = to_bytes(data)
        delivered = ctypes.c_size_t()
        err = ctypes.c_void_p()
        with options(
            literal, max_input_bytes, max_depth, max_string_bytes, warnings_as_errors
        ) as o:
            ptr = self._enter()
            stack = frames()
            frame = Frame()
            stack.append(frame)
            try:
                status = _ffi.lib.swe_emitter_emit_json(
                    ptr, o, raw, len(raw), ctypes.byref(delivered), ctypes.byref(err)
                )
            finally:
                stack.pop()
                self._leave()
        finish(status, err, frame)
        return int(delivered.value)

    def emit_lines(
        self,
        source: Text | IO[bytes] | IO[str],
        *,
        on_error: Callable[[_errors.ParseError], Any] | None = None,
        literal: bool = False,
        max_input_bytes: int | None = None,
        max_depth: int | None = None,
        max_string_bytes: int | None = None,
        warnings_as_errors: bool = False,
    ) -> int:
        """Delivers every event of newline-delimited text (str or bytes, or a file object
        read in chunks) to the matching listeners, in order, as :meth:`emit` would one by
        one; returns how many events were read. Lines follow the rules of
        :func:`iter_events`: a final line needs no newline, ``\r\n`` and blank lines are
        fine, and a bad line goes to ``on_error`` (or is logged) with its line number while
        reading goes on.

        The library parses many lines per call and the events are dispatched in Python, with
        no call into the library per event: their fields are decoded when first read. A
        listener's exception stops the delivery (later lines are not read) and is re-raised.
        Parse keywords are those of :func:`parse`.
        """
        from ._batch import BatchReader

        if on_error is not None and not callable(on_error):
            raise TypeError("on_error must be callable")
        read = getattr(source, "read", None)
        pieces = (
            ((piece, 0, None) for piece in _file_pieces(read))
            if callable(read)
            else _text_pieces(to_bytes(source, "source"))
        )
        with (
            options(literal, max_input_bytes, max_depth, max_string_bytes, warnings_as_errors) as o,
            BatchReader(o) as reader,
        ):
            count = 0
            # Each chunk is let go before the next is made: unless a listener kept one of its
            # events, its batch is freed and the library reuses that memory for the next.
            for piece, start, stop in pieces:
                for chunk in reader.feed(piece, start, stop):
                    count += self._dispatch(chunk, on_error)
                    del chunk
            for chunk in reader.finish():
                count += self._dispatch(chunk, on_error)
                del chunk
            return count

    def _dispatch(self, chunk: Any, on_error: Callable[[_errors.ParseError], Any] | None) -> int:
        """Delivers the events of one batch; returns how many there were."""
        from ._batch import RECORD_WORDS, report

        self._enter()
        try:
            words = chunk.records
            new = object.__new__
            routes: dict[int, Route] = {}  # envelope entry -> route, as of ``version``
            version = self._version
            end = chunk.count * RECORD_WORDS
            # Each record's first word (0 for an event) and envelope entry, read in one go.
            for base, status, key in zip(
                range(0, end, RECORD_WORDS),
                words[0:end:RECORD_WORDS].tolist(),
                words[2:end:RECORD_WORDS].tolist(),
                strict=True,
            ):
                if status:
                    report(chunk.error(base), on_error)
                    continue
                if self._version != version:  # subscribed or unsubscribed meanwhile
                    routes.clear()
                    version = self._version
                route = routes.get(key)
                if route is None:
                    route = routes[key] = self._route(chunk, key)
                cls, attrs, subs, only, listener = route
                if not subs:
                    continue
                event = new(cls)
                fields = event.__dict__
                fields.update(attrs)
                fields["_b"] = base
                if listener is not None:  # the usual case: one subscription, events
                    if only.active:
                        listener(event)
                    continue
                for sub in subs:
                    if sub.active:
                        if sub.as_json:
                            sub.listener(event.name, event.to_json())
                        else:
                            sub.listener(event)
            # Every event was delivered (a listener's exception leaves before this).
            return int(chunk.events)
        finally:
            self._leave()

    def _route(self, chunk: Any, key: int) -> Route:
        """How to deliver the events whose envelope entry is at ``key`` in ``chunk``: their
        class, first attributes and matching subscriptions, and when that is one subscription
        taking events, it and its listener."""
        cls, attrs = chunk.envelope(key)
        subs = self._subs
        cached, matching = self._matching
        if cached is not subs:
            matching = {}
            self._matching = (subs, matching)
        names = (attrs["kind"], attrs["name"], attrs["canonical_name"])
        found: tuple[Subscription, ...] | None = matching.get(names)
        if found is None:
            found = tuple(s for s in subs if s.matches(*names))
            if len(matching) >= 1024:  # names come from the input: stay bounded
                matching.clear()
            matching[names] = found
        if len(found) == 1 and not found[0].as_json:
            return cls, attrs, found, found[0], found[0].listener
        return cls, attrs, found, None, None

    def __repr__(self) -> str:
        state = "closed" if self._ptr is None else "open"
        return f"<Emitter {state}>"


#: Bytes handed to the library per call: large enough that a call is spread over thousands of
#: events, small enough that a batch's memory stays modest.
PIECE = 1 << 20


def _text_pieces(data: bytes) -> Iterator[tuple[bytes, int, int | None]]:
    """``data`` as ranges of PIECE bytes (fed in place, not sliced)."""
    for start in range(0, len(data), PIECE):
        yield data, start, start + PIECE


def _file_pieces(read: Callable[[int], Any]) -> Iterator[bytes]:
    while True:
        piece = read(PIECE)
        if not piece:
            return
        if isinstance(piece, str):
            yield piece.encode("utf-8", "surrogatepass")
        elif isinstance(piece, (bytes, bytearray)):
            yield bytes(piece)
        else:
            raise TypeError(f"read() returned {type(piece).__name__}, not bytes or str")


def _depths() -> dict[int, int]:
    depths: dict[int, int] | None = getattr(_local, "depths", None)
    if depths is None:
        depths = {}
        _local.depths = depths
    return depths


def _tag(fn: Callable[..., Any], sub: int) -> None:
    with contextlib.suppress(AttributeError, TypeError):
        fn.subscription_id = sub  # type: ignore[attr-defined]


def finish(status: int, err: ctypes.c_void_p, frame: Frame) -> None:
    """Ends an emitting C call: re-raises a listener's exception, or the library's error."""
    raised = frame.exc
    if raised is not None and status == _ffi.SWE_ERROR_LISTENER:
        frame.exc = None
        _ffi.lib.swe_error_free(err)
        try:
            raise raised
        finally:
            raised = None
    _errors.check(status, err)
