"""The borrowed views and callback types of the C ABI, as ctypes declares them.

Each struct mirrors one ``typedef struct`` of include/spaces_widget_events.h, field for field.
Borrowed strings (``swe_str``) keep their pointer as ``c_void_p`` so that absent (NULL) and
empty stay apart; ``_ffi.text`` copies them out.
"""

from __future__ import annotations

from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_bool,
    c_int32,
    c_int64,
    c_size_t,
    c_uint32,
    c_void_p,
)


class SweStr(Structure):
    """``swe_str``: a borrowed UTF-8 view; ``ptr`` NULL means absent."""

    _fields_ = (("ptr", c_void_p), ("len", c_size_t))


class SweTimestamp(Structure):
    _fields_ = (("text", SweStr), ("unix_ms", c_int64), ("valid", c_bool))


class SweEnvelopeView(Structure):
    _fields_ = (
        ("kind", c_uint32),
        ("name", SweStr),
        ("canonical_name", SweStr),
        ("resource", SweStr),
        ("event", SweStr),
        ("actor_id", SweStr),
        ("action", SweStr),
        ("wrapped", c_bool),
        ("warning_count", c_size_t),
    )


class SweMessageView(Structure):
    _fields_ = (
        ("id", SweStr),
        ("room_id", SweStr),
        ("room_type", c_uint32),
        ("room_type_text", SweStr),
        ("text", SweStr),
        ("html", SweStr),
        ("person_id", SweStr),
        ("person_email", SweStr),
        ("created", SweTimestamp),
        ("to_person_id", SweStr),
        ("to_person_email", SweStr),
        ("actor_id", SweStr),
        ("actor_name", SweStr),
        ("file_count", c_size_t),
        ("files_json", SweStr),
        ("mentions_kind", c_uint32),
        ("mention_count", c_size_t),
        ("mentions_json", SweStr),
    )


class SweFileView(Structure):
    _fields_ = (
        ("form", c_uint32),
        ("url", SweStr),
        ("display_name", SweStr),
        ("object_type", SweStr),
        ("mime_type", SweStr),
        ("size", c_int64),
    )


class SweRoomView(Structure):
    _fields_ = (
        ("id", SweStr),
        ("title", SweStr),
        ("room_type", c_uint32),
        ("room_type_text", SweStr),
        ("has_is_locked", c_bool),
        ("is_locked", c_bool),
        ("team_kind", c_uint32),
        ("team_id", SweStr),
        ("last_activity", SweTimestamp),
        ("created", SweTimestamp),
        ("actor_id", SweStr),
        ("actor_name", SweStr),
        ("tags_json", SweStr),
    )


class SweCallView(Structure):
    _fields_ = (
        ("room_id", SweStr),
        ("person_id", SweStr),
        ("person_email", SweStr),
        ("actor_id", SweStr),
        ("actor_name", SweStr),
        ("call_kind", c_uint32),
        ("call_json", SweStr),
        ("call_id", SweStr),
        ("call_status", SweStr),
        ("call_state", SweStr),
        ("call_direction", SweStr),
        ("call_locus_url", SweStr),
        ("call_correlation_id", SweStr),
    )


class SweMembershipView(Structure):
    _fields_ = (
        ("id", SweStr),
        ("room_id", SweStr),
        ("person_id", SweStr),
        ("person_email", SweStr),
        ("created", SweTimestamp),
        ("actor_id", SweStr),
        ("actor_name", SweStr),
    )


class SweCallMembershipView(Structure):
    _fields_ = (("actor_id", SweStr), ("actor_name", SweStr), ("room_id", SweStr))


class SweNotificationView(Structure):
    _fields_ = (
        ("username", SweStr),
        ("message", SweStr),
        ("avatar", SweStr),
        ("alert_type", SweStr),
        ("notification_id", SweStr),
        ("notification_json", SweStr),
    )


class SweMentionClickedView(Structure):
    _fields_ = (("id", SweStr), ("mention_type", SweStr))


class SweActivityView(Structure):
    _fields_ = (("name", SweStr), ("display_name", SweStr), ("activity_type", SweStr))


class SweUserView(Structure):
    _fields_ = (("id", SweStr), ("display_name", SweStr))


class SweStreamStats(Structure):
    _fields_ = (
        ("events", c_size_t),
        ("errors", c_size_t),
        ("next_line", c_size_t),
        ("buffered", c_size_t),
    )


class SweBatchView(Structure):
    """``swe_batch_view``: where a batch's records, aux words and string bytes are."""

    _fields_ = (
        ("records", c_void_p),
        ("record_count", c_size_t),
        ("aux", c_void_p),
        ("aux_len", c_size_t),
        ("bytes", c_void_p),
        ("byte_count", c_size_t),
        ("event_count", c_size_t),
        ("error_count", c_size_t),
        ("more", c_bool),
    )


class SweWarningView(Structure):
    _fields_ = (
        ("code", c_uint32),
        ("path", SweStr),
        ("message", SweStr),
        ("offset", c_size_t),
    )


# Opaque objects are plain pointers.
EventPtr = c_void_p
ErrorPtr = c_void_p
EmitterPtr = c_void_p
OptionsPtr = c_void_p
IdPtr = c_void_p
StreamPtr = c_void_p
BatchReaderPtr = c_void_p
BatchPtr = c_void_p
ErrorOut = POINTER(c_void_p)

# Callback types. The listener trampolines and the release trampoline are module-level objects
# (see _emitter.py): never created per call, so the garbage collector cannot take one while the
# library holds it.
EVENT_LISTENER = CFUNCTYPE(c_int32, c_void_p, c_void_p)
JSON_LISTENER = CFUNCTYPE(c_int32, c_void_p, SweStr, SweStr)
RELEASE_FN = CFUNCTYPE(None, c_void_p)
STREAM_ERROR_FN = CFUNCTYPE(c_int32, c_void_p, c_void_p)
