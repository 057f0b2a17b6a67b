"""Parsing text into events, and the parse options behind it."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from . import _errors, _ffi
from ._events import Event

Text = str | bytes | bytearray | memoryview


def to_bytes(data: object, what: str = "data") -> bytes:
    """UTF-8 bytes of ``data`` (str, bytes, bytearray or memoryview).

    A str holding lone surrogates is passed on as the invalid UTF-8 it encodes to, so that the
    library reports it (``SWE_ERROR_INVALID_UTF8``) like any other bad input.
    """
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"{what} must be str or bytes, not {type(data).__name__}")


_literal_options: int | None = None
_literal_lock = threading.Lock()


def _new_options() -> int:
    out = ctypes.c_void_p()
    err = ctypes.c_void_p()
    _errors.check(_ffi.lib.swe_parse_options_new(ctypes.byref(out), ctypes.byref(err)), err)
    assert out.value is not None
    return out.value


def _configure(
    options: int,
    literal: bool,
    max_input_bytes: int | None,
    max_depth: int | None,
    max_string_bytes: int | None,
    warnings_as_errors: bool,
) -> None:
    lib = _ffi.lib
    err = ctypes.c_void_p()
    if literal:
        status = lib.swe_parse_options_set_syntax(
            options, _ffi.SWE_SYNTAX_LITERAL, ctypes.byref(err)
        )
        _errors.check(status, err)
    for limit, value, name in (
        (_ffi.SWE_LIMIT_MAX_INPUT_BYTES, max_input_bytes, "max_input_bytes"),
        (_ffi.SWE_LIMIT_MAX_DEPTH, max_depth, "max_depth"),
        (_ffi.SWE_LIMIT_MAX_STRING_BYTES, max_string_bytes, "max_string_bytes"),
    ):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        if value <= 0 or value >= 2**63:
            raise ValueError(f"{name} must be a positive int, not {value}")
        status = lib.swe_parse_options_set_limit(options, limit, value, ctypes.byref(err))
        _errors.check(status, err)
    if warnings_as_errors:
        status = lib.swe_parse_options_set_warnings_as_errors(options, True, ctypes.byref(err))
        _errors.check(status, err)


@contextmanager
def options(
    literal: bool = False,
    max_input_bytes: int | None = None,
    max_depth: int | None = None,
    max_string_bytes: int | None = None,
    warnings_as_errors: bool = False,
) -> Iterator[int | None]:
    """Yields a ``swe_parse_options*`` for these settings (None for the defaults).

    The literal-syntax options are made once and shared (the library allows any number of
    threads to parse with one set-up options object); other settings get options of their own,
    freed afterwards.
    """
    global _literal_options
    custom = (
        max_input_bytes is not None
        or max_depth is not None
        or max_string_bytes is not None
        or warnings_as_errors
    )
    if not custom:
        if not literal:
            yield None
            return
        with _literal_lock:
            if _literal_options is None:
                made = _new_options()
                try:
                    _configure(made, True, None, None, None, False)
                except BaseException:
                    _ffi.lib.swe_parse_options_free(made)
                    raise
                _literal_options = made
        yield _literal_options
        return
    made = _new_options()
    try:
        _configure(made, literal, max_input_bytes, max_depth, max_string_bytes, warnings_as_errors)
        yield made
    finally:
        _ffi.lib.swe_parse_options_free(made)


def parse_bytes(raw: bytes, opts: int | None) -> Event:
    out = ctypes.c_void_p()
    err = ctypes.c_void_p()
    status = _ffi.lib.swe_event_parse(raw, len(raw), opts, ctypes.byref(out), ctypes.byref(err))
    _errors.check(status, err)
    assert out.value is not None
    return Event._from_handle(out.value)


def parse(
    data: Text,
    *,
    literal: bool = False,
    max_input_bytes: int | None = None,
    max_depth: int | None = None,
    max_string_bytes: int | None = None,
    warnings_as_errors: bool = False,
) -> Event:
    """Parses one event: a bare detail (``{"resource", "event", "data", ...}``) or a
    ``{"name", "detail"}`` wrapper, as strict JSON, or as a JavaScript object literal with
    ``literal=True`` (single quotes, unquoted keys, trailing commas, comments).

    Returns the typed event (:class:`MessageCreated`, :class:`RoomUnread`, ...,
    :class:`UnknownEvent`). Raises :class:`ParseError` (a :class:`ValueError`) with ``code``,
    ``offset``, ``line``, ``column`` and ``path`` when the text is not an event, and
    :class:`TypeError` when ``data`` is neither str nor bytes. The limits default to the
    library's (8 MiB of input, depth 64, 1 MiB strings); ``warnings_as_errors`` turns the
    first warning into a ``SWE_ERROR_VALIDATION`` error.
    """
    raw = to_bytes(data)
    with options(literal, max_input_bytes, max_depth, max_string_bytes, warnings_as_errors) as o:
        return parse_bytes(raw, o)
