"""The enumerations of the C ABI (``SWE_KIND_*``, ``SWE_ROOM_TYPE_*``, ...) as IntEnums."""

from __future__ import annotations

from enum import IntEnum

from . import _ffi


class EventKind(IntEnum):
    """What an event is (``SWE_KIND_*``); old names resolve to the kind they mean."""

    UNKNOWN = 0
    MESSAGES_CREATED = 1
    ROOMS_UNREAD = 2
    ROOMS_READ = 3
    CALLS_CREATED = 4
    CALLS_CONNECTED = 5
    CALLS_DISCONNECTED = 6
    ROOMS_SELECTED = 7
    MEMBERSHIPS_CREATED = 8
    MEMBERSHIPS_DELETED = 9
    NOTIFICATION_CREATED = 10
    NOTIFICATION_CLICKED = 11
    MENTION_CLICKED = 12
    ACTIVITY_CHANGED = 13
    ADD_CLICKED = 14
    PROFILE_CLICKED = 15
    USER_SIGNOUT_CLICKED = 16
    CALL_MEMBERSHIPS_NOTIFIED = 17
    CALL_MEMBERSHIPS_CONNECTED = 18
    CALL_MEMBERSHIPS_DECLINED = 19
    CALL_MEMBERSHIPS_DISCONNECTED = 20
    CALL_MEMBERSHIPS = 21


class RoomType(IntEnum):
    """``roomType`` / ``type`` of a space (``SWE_ROOM_TYPE_*``)."""

    ABSENT = 0
    GROUP = 1
    DIRECT = 2
    OTHER = 3


class TeamKind(IntEnum):
    """The shape ``teamId`` arrived in (``SWE_TEAM_*``)."""

    ABSENT = 0
    ID = 1
    NONE = 2
    UNDEFINED = 3


class MentionsKind(IntEnum):
    """The shape ``mentionedPeople`` arrived in (``SWE_MENTIONS_*``)."""

    ABSENT = 0
    LIST = 1
    ITEMS = 2
    OTHER = 3


class FileForm(IntEnum):
    """How one entry of ``files`` arrived (``SWE_FILE_*``)."""

    URL = 1
    OBJECT = 2
    OTHER = 3


class CallKind(IntEnum):
    """The shape ``call`` arrived in (``SWE_CALL_*``)."""

    ABSENT = 0
    PLACEHOLDER = 1
    OBJECT = 2
    OTHER = 3


class WarningCode(IntEnum):
    """What a warning is about (``SWE_WARNING_*``); new codes may come as plain ints."""

    ID_MALFORMED = 1
    ID_NOT_CANONICAL = 2
    ID_UNEXPECTED_TYPE = 3
    ACTOR_MISMATCH = 4
    TIMESTAMP_INVALID = 5
    UNKNOWN_VALUE = 6
    MISSING_FIELD = 7
    NAME_MISMATCH = 8


def enum_or_int(cls: type[IntEnum], value: int) -> int:
    """The member of ``cls`` for ``value``, or ``value`` itself when it is newer than this
    binding (the library may add kinds and codes)."""
    try:
        return cls(value)
    except ValueError:
        return value


def kind_from_name(name: str | bytes) -> int:
    """The :class:`EventKind` an event name means (old and dot-separated names included), e.g.
    to dispatch in a JSON listener; ``EventKind.UNKNOWN`` for any other name."""
    raw = name.encode("utf-8", "surrogatepass") if isinstance(name, str) else bytes(name)
    return enum_or_int(EventKind, int(_ffi.lib.swe_kind_from_name(raw, len(raw))))
