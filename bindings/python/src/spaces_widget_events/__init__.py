"""Parse, validate, emit and dispatch Webex Spaces Widget events.

A ctypes binding of the ``libspaces_widget_events`` C ABI (bundled in this package)::

    import spaces_widget_events as swe

    event = swe.parse('{"resource": "rooms", "event": "read", "data": {...}}')
    emitter = swe.Emitter()

    @emitter.on("messages:created")
    def show(event: swe.MessageCreated) -> None:
        print(event.person_email, event.text, event.created)

    emitter.emit_json(line)
"""

from __future__ import annotations

from ._emitter import Emitter
from ._errors import InvalidArgumentError, ListenerError, ParseError, SweError
from ._events import (
    CallConnected,
    CallCreated,
    CallDisconnected,
    CallEvent,
    Event,
    EventWarning,
    File,
    MessageCreated,
    RoomEvent,
    RoomRead,
    RoomSelected,
    RoomUnread,
    UnknownEvent,
)
from ._family import (
    ActivityChanged,
    AddClicked,
    CallMembershipEvent,
    MembershipCreated,
    MembershipDeleted,
    MembershipEvent,
    MentionClicked,
    NotificationClicked,
    NotificationCreated,
    NotificationEvent,
    ProfileClicked,
    UserEvent,
    UserSignoutClicked,
)
from ._ffi import ABI_VERSION, LIBRARY_PATH, AbiMismatchError, LibraryNotFoundError
from ._ffi import abi_version as library_abi_version
from ._ffi import version as library_version
from ._ids import WebexId
from ._kinds import (
    CallKind,
    EventKind,
    FileForm,
    MentionsKind,
    RoomType,
    TeamKind,
    WarningCode,
    kind_from_name,
)
from ._parse import parse
from ._stream import Stream, StreamStats, iter_events

__version__ = "0.1.0"

__all__ = [
    "ABI_VERSION",
    "LIBRARY_PATH",
    "AbiMismatchError",
    "ActivityChanged",
    "AddClicked",
    "CallConnected",
    "CallCreated",
    "CallDisconnected",
    "CallEvent",
    "CallKind",
    "CallMembershipEvent",
    "Emitter",
    "Event",
    "EventKind",
    "EventWarning",
    "File",
    "FileForm",
    "InvalidArgumentError",
    "LibraryNotFoundError",
    "ListenerError",
    "MembershipCreated",
    "MembershipDeleted",
    "MembershipEvent",
    "MentionClicked",
    "MentionsKind",
    "MessageCreated",
    "NotificationClicked",
    "NotificationCreated",
    "NotificationEvent",
    "ParseError",
    "ProfileClicked",
    "RoomEvent",
    "RoomRead",
    "RoomSelected",
    "RoomType",
    "RoomUnread",
    "Stream",
    "StreamStats",
    "SweError",
    "TeamKind",
    "UnknownEvent",
    "UserEvent",
    "UserSignoutClicked",
    "WarningCode",
    "WebexId",
    "__version__",
    "iter_events",
    "kind_from_name",
    "library_abi_version",
    "library_version",
    "parse",
]
