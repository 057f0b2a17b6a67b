"""The C ABI of libspaces_widget_events, declared for ctypes.

Everything here mirrors include/spaces_widget_events.h: every function has ``argtypes`` and
``restype``; owned strings are taken as ``c_void_p`` (never ``c_char_p``, which would copy and
lose the pointer) so that they go back through ``swe_string_free``.

The library is the shared library that ``pip install`` built from the Rust crate and copied next
to this file. ``SWE_LIBRARY_PATH`` (optional) names another one to load instead, for development.
``SWE_PYTHON_SIMULATE_ABI`` (optional, for tests) makes the loader believe the library reported
that ABI version, to exercise the refusal of a library this binding does not know.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import (
    POINTER,
    c_bool,
    c_char_p,
    c_int32,
    c_size_t,
    c_uint32,
    c_uint64,
    c_void_p,
)
from pathlib import Path
from typing import Any

from ._views import (
    EVENT_LISTENER,
    JSON_LISTENER,
    RELEASE_FN,
    STREAM_ERROR_FN,
    BatchPtr,
    BatchReaderPtr,
    EmitterPtr,
    ErrorOut,
    ErrorPtr,
    EventPtr,
    IdPtr,
    OptionsPtr,
    StreamPtr,
    SweActivityView,
    SweBatchView,
    SweCallMembershipView,
    SweCallView,
    SweEnvelopeView,
    SweFileView,
    SweMembershipView,
    SweMentionClickedView,
    SweMessageView,
    SweNotificationView,
    SweRoomView,
    SweStr,
    SweStreamStats,
    SweUserView,
    SweWarningView,
)

#: The ABI version this binding is written for (``SWE_ABI_VERSION`` in the header).
ABI_VERSION = 1

_LIBRARY_STEM = "libspaces_widget_events"
_SUFFIXES = (".so", ".dylib", ".dll", ".pyd")


class AbiMismatchError(ImportError):
    """The shared library implements an ABI version this binding does not know."""

    def __init__(self, found: int, expected: int, path: str) -> None:
        super().__init__(
            f"spaces_widget_events: the native library {path} implements ABI version {found}, "
            f"but this Python binding knows ABI version {expected} only; install matching "
            "versions of the library and the binding (pip install bindings/python rebuilds both)"
        )
        self.found = found
        self.expected = expected
        self.path = path


class LibraryNotFoundError(ImportError):
    """No shared library was found inside the package (nor at ``SWE_LIBRARY_PATH``)."""


# Constants of the header.
SWE_OK = 0
SWE_ERROR_NULL_ARGUMENT = -1
SWE_ERROR_INVALID_ARGUMENT = -2
SWE_ERROR_INTERNAL = -3
SWE_ERROR_INVALID_UTF8 = -10
SWE_ERROR_NOT_FOUND = -31
SWE_ERROR_OUT_OF_RANGE = -32
SWE_ERROR_LISTENER = -40

SWE_EMIT_PRETTY = 1
SWE_EMIT_DETAIL = 2
SWE_EMIT_WRAPPED = 4

SWE_SYNTAX_JSON = 0
SWE_SYNTAX_LITERAL = 1

SWE_LIMIT_MAX_INPUT_BYTES = 1
SWE_LIMIT_MAX_DEPTH = 2
SWE_LIMIT_MAX_STRING_BYTES = 3


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def _find_library() -> str:
    override = os.environ.get("SWE_LIBRARY_PATH")
    if override:
        return override
    here = Path(__file__).resolve().parent
    # setuptools-rust names the copy like an extension module, e.g.
    # libspaces_widget_events.cpython-311-x86_64-linux-gnu.so
    for candidate in sorted(here.iterdir()):
        name = candidate.name
        if name.startswith(_LIBRARY_STEM) and any(
            name.endswith(s) or (s + ".") in name for s in _SUFFIXES
        ):
            return str(candidate)
    raise LibraryNotFoundError(
        f"spaces_widget_events: no {_LIBRARY_STEM} shared library in {here}; install the "
        "package with `pip install bindings/python` (it builds the Rust library), or set "
        "SWE_LIBRARY_PATH to a built libspaces_widget_events"
    )


def check_abi(found: int, path: str, expected: int = ABI_VERSION) -> None:
    """Raises :class:`AbiMismatchError` unless ``found`` is the ABI version this binding knows."""
    if found != expected:
        raise AbiMismatchError(found, expected, path)


def _declare(lib: ctypes.CDLL) -> None:
    def fn(name: str, restype: Any, *argtypes: Any) -> None:
        f = getattr(lib, name)
        f.restype = restype
        f.argtypes = list(argtypes)

    # Versions.
    fn("swe_version", c_char_p)
    fn("swe_abi_version", c_uint32)
    fn("swe_status_str", c_char_p, c_int32)
    fn("swe_string_free", None, c_void_p)

    # Errors.
    fn("swe_error_code", c_int32, ErrorPtr)
    fn("swe_error_message", SweStr, ErrorPtr)
    fn("swe_error_path", SweStr, ErrorPtr)
    fn("swe_error_offset", c_size_t, ErrorPtr)
    fn("swe_error_line", c_size_t, ErrorPtr)
    fn("swe_error_column", c_size_t, ErrorPtr)
    fn("swe_error_listener_status", c_int32, ErrorPtr)
    fn("swe_error_free", None, ErrorPtr)

    # Parse options.
    fn("swe_parse_options_new", c_int32, POINTER(OptionsPtr), ErrorOut)
    fn("swe_parse_options_free", None, OptionsPtr)
    fn("swe_parse_options_set_syntax", c_int32, OptionsPtr, c_uint32, ErrorOut)
    fn("swe_parse_options_set_limit", c_int32, OptionsPtr, c_uint32, c_size_t, ErrorOut)
    fn("swe_parse_options_set_warnings_as_errors", c_int32, OptionsPtr, c_bool, ErrorOut)

    # Events.
    fn("swe_event_parse", c_int32, c_char_p, c_size_t, OptionsPtr, POINTER(EventPtr), ErrorOut)
    fn("swe_event_clone", c_int32, EventPtr, POINTER(EventPtr), ErrorOut)
    fn("swe_event_free", None, EventPtr)
    fn("swe_event_kind", c_uint32, EventPtr)
    fn("swe_event_name", SweStr, EventPtr)
    fn("swe_kind_name", c_char_p, c_uint32)
    fn("swe_event_envelope", c_int32, EventPtr, POINTER(SweEnvelopeView), ErrorOut)
    fn("swe_event_message", c_int32, EventPtr, POINTER(SweMessageView), ErrorOut)
    fn("swe_event_file", c_int32, EventPtr, c_size_t, POINTER(SweFileView), ErrorOut)
    fn("swe_event_mention", c_int32, EventPtr, c_size_t, POINTER(SweStr), ErrorOut)
    fn("swe_event_room", c_int32, EventPtr, POINTER(SweRoomView), ErrorOut)
    fn("swe_event_call", c_int32, EventPtr, POINTER(SweCallView), ErrorOut)
    fn("swe_event_membership", c_int32, EventPtr, POINTER(SweMembershipView), ErrorOut)
    fn("swe_event_call_membership", c_int32, EventPtr, POINTER(SweCallMembershipView), ErrorOut)
    fn("swe_event_notification", c_int32, EventPtr, POINTER(SweNotificationView), ErrorOut)
    fn("swe_event_mention_clicked", c_int32, EventPtr, POINTER(SweMentionClickedView), ErrorOut)
    fn("swe_event_activity", c_int32, EventPtr, POINTER(SweActivityView), ErrorOut)
    fn("swe_event_user", c_int32, EventPtr, POINTER(SweUserView), ErrorOut)
    fn("swe_kind_from_name", c_uint32, c_char_p, c_size_t)
    fn("swe_event_warning_count", c_size_t, EventPtr)
    fn("swe_event_warning", c_int32, EventPtr, c_size_t, POINTER(SweWarningView), ErrorOut)
    fn(
        "swe_event_to_json",
        c_int32,
        EventPtr,
        c_uint32,
        POINTER(c_void_p),
        POINTER(c_size_t),
        ErrorOut,
    )
    fn(
        "swe_event_data_json",
        c_int32,
        EventPtr,
        c_char_p,
        c_size_t,
        POINTER(c_void_p),
        POINTER(c_size_t),
        ErrorOut,
    )

    # Webex ids.
    fn("swe_id_parse", c_int32, c_char_p, c_size_t, POINTER(IdPtr), ErrorOut)
    fn("swe_id_free", None, IdPtr)
    fn("swe_id_uri", SweStr, IdPtr)
    fn("swe_id_cluster", SweStr, IdPtr)
    fn("swe_id_type", SweStr, IdPtr)
    fn("swe_id_local_id", SweStr, IdPtr)
    fn("swe_id_was_canonical", c_bool, IdPtr)
    fn("swe_id_equal", c_bool, IdPtr, IdPtr)
    fn("swe_id_encode", c_int32, IdPtr, POINTER(c_void_p), POINTER(c_size_t), ErrorOut)

    # Streams.
    fn("swe_stream_new", c_int32, OptionsPtr, POINTER(StreamPtr), ErrorOut)
    fn("swe_stream_free", None, StreamPtr)
    fn(
        "swe_stream_feed",
        c_int32,
        StreamPtr,
        c_char_p,
        c_size_t,
        EmitterPtr,
        STREAM_ERROR_FN,
        c_void_p,
        ErrorOut,
    )
    fn("swe_stream_finish", c_int32, StreamPtr, EmitterPtr, STREAM_ERROR_FN, c_void_p, ErrorOut)
    fn("swe_stream_get_stats", c_int32, StreamPtr, POINTER(SweStreamStats), ErrorOut)

    # Batches.
    fn("swe_batch_reader_new", c_int32, OptionsPtr, POINTER(BatchReaderPtr), ErrorOut)
    fn("swe_batch_reader_free", None, BatchReaderPtr)
    fn(
        "swe_batch_reader_feed",
        c_int32,
        BatchReaderPtr,
        c_void_p,  # bytes, or the address of bytes inside a bytes object the caller holds
        c_size_t,
        POINTER(BatchPtr),
        ErrorOut,
    )
    fn("swe_batch_reader_finish", c_int32, BatchReaderPtr, POINTER(BatchPtr), ErrorOut)
    fn("swe_batch_get_view", c_int32, BatchPtr, POINTER(SweBatchView), ErrorOut)
    fn("swe_batch_event", c_int32, BatchPtr, c_size_t, POINTER(EventPtr), ErrorOut)
    fn("swe_batch_free", None, BatchPtr)

    # Emitters.
    fn("swe_emitter_new", c_int32, POINTER(EmitterPtr), ErrorOut)
    fn("swe_emitter_free", None, EmitterPtr)
    fn(
        "swe_emitter_on_event",
        c_int32,
        EmitterPtr,
        c_char_p,
        c_size_t,
        EVENT_LISTENER,
        c_void_p,
        RELEASE_FN,
        POINTER(c_uint64),
        ErrorOut,
    )
    fn(
        "swe_emitter_on_json",
        c_int32,
        EmitterPtr,
        c_char_p,
        c_size_t,
        JSON_LISTENER,
        c_void_p,
        RELEASE_FN,
        POINTER(c_uint64),
        ErrorOut,
    )
    fn("swe_emitter_off", c_int32, EmitterPtr, c_uint64, ErrorOut)
    fn("swe_emitter_emit", c_int32, EmitterPtr, EventPtr, POINTER(c_size_t), ErrorOut)
    fn(
        "swe_emitter_emit_json",
        c_int32,
        EmitterPtr,
        OptionsPtr,
        c_char_p,
        c_size_t,
        POINTER(c_size_t),
        ErrorOut,
    )


def _simulated_abi() -> int | None:
    value = os.environ.get("SWE_PYTHON_SIMULATE_ABI")
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return -1


def load() -> tuple[ctypes.CDLL, str]:
    """Loads the library, checks its ABI version and declares every function."""
    path = _find_library()
    try:
        lib = ctypes.CDLL(path)
    except OSError as exc:
        raise ImportError(f"spaces_widget_events: cannot load {path}: {exc}") from exc
    try:
        abi = lib.swe_abi_version
    except AttributeError as exc:
        raise ImportError(
            f"spaces_widget_events: {path} exports no swe_abi_version; it is not "
            "libspaces_widget_events"
        ) from exc
    abi.restype = c_uint32
    abi.argtypes = []
    found = int(abi())
    simulated = _simulated_abi()
    if simulated is not None:
        found = simulated
    check_abi(found, path)
    _declare(lib)
    return lib, path


lib, LIBRARY_PATH = load()


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def text(view: SweStr) -> str | None:
    """The text of a borrowed view (copied), or None when absent."""
    ptr = view.ptr
    if ptr is None:
        return None
    length = view.len
    if length == 0:
        return ""
    return ctypes.string_at(ptr, length).decode("utf-8", "replace")


def take_owned(ptr: int | None, length: int) -> str:
    """Copies an owned library string and frees it with ``swe_string_free``."""
    if ptr is None:
        return ""
    try:
        return ctypes.string_at(ptr, length).decode("utf-8", "replace")
    finally:
        lib.swe_string_free(ptr)


def status_name(status: int) -> str:
    name: bytes = lib.swe_status_str(status)
    return name.decode("ascii")


def version() -> str:
    """The library's version, e.g. ``"0.1.0"``."""
    value: bytes = lib.swe_version()
    return value.decode("ascii")


def abi_version() -> int:
    """The ABI version the loaded library reports."""
    return int(lib.swe_abi_version())
