"""The other events of the widget family: memberships, call memberships (2017 to 2020),
notifications, mention clicks, activity changes and the Recents widget's user events."""

from __future__ import annotations

import ctypes
from datetime import datetime
from typing import Any

from . import _ffi, _views
from ._events import Event, _call, _instant, _loads, register
from ._kinds import EventKind


class MembershipEvent(Event):
    """Base of ``memberships:created`` and ``memberships:deleted`` (Recents widget).

    ``id`` is the membership, ``room_id`` the space, ``person_id``/``person_email`` the
    member; ``created`` an aware UTC datetime (with ``created_text`` and ``created_ms``).
    """

    id: str | None
    room_id: str | None
    person_id: str | None
    person_email: str | None
    created: datetime | None
    created_text: str | None
    created_ms: int | None
    actor_name: str | None

    def _load(self, handle: int) -> None:
        v = _views.SweMembershipView()
        err = ctypes.c_void_p()
        _call(_ffi.lib.swe_event_membership(handle, ctypes.byref(v), ctypes.byref(err)), err)
        t = _ffi.text
        self.id = t(v.id)
        self.room_id = t(v.room_id)
        self.person_id = t(v.person_id)
        self.person_email = t(v.person_email)
        self.created_text, self.created, self.created_ms = _instant(v.created)
        self.actor_name = t(v.actor_name)


class MembershipCreated(MembershipEvent):
    """``memberships:created``: someone was added to a space."""


class MembershipDeleted(MembershipEvent):
    """``memberships:deleted``: someone left or was removed from a space."""


class CallMembershipEvent(Event):
    """``calls:memberships:notified``, ``...:connected``, ``...:declined``,
    ``...:disconnected`` and the two-part ``calls:memberships`` (2017 to 2020); ``kind`` says
    which."""

    actor_name: str | None
    room_id: str | None

    def _load(self, handle: int) -> None:
        v = _views.SweCallMembershipView()
        err = ctypes.c_void_p()
        _call(_ffi.lib.swe_event_call_membership(handle, ctypes.byref(v), ctypes.byref(err)), err)
        self.actor_name = _ffi.text(v.actor_name)
        self.room_id = _ffi.text(v.room_id)


class NotificationEvent(Event):
    """Base of ``notification:created`` and ``notification:clicked`` (the documentation's
    ``notifications:*`` included). ``notification`` is the ``notification`` value as JSON
    (often a placeholder string), or None."""

    username: str | None
    message: str | None
    avatar: str | None
    alert_type: str | None
    notification_id: str | None
    notification: Any

    def _load(self, handle: int) -> None:
        v = _views.SweNotificationView()
        err = ctypes.c_void_p()
        _call(_ffi.lib.swe_event_notification(handle, ctypes.byref(v), ctypes.byref(err)), err)
        t = _ffi.text
        self.username = t(v.username)
        self.message = t(v.message)
        self.avatar = t(v.avatar)
        self.alert_type = t(v.alert_type)
        self.notification_id = t(v.notification_id)
        self.notification = _loads(v.notification_json)


class NotificationCreated(NotificationEvent):
    """``notification:created``: the widget raised a notification."""


class NotificationClicked(NotificationEvent):
    """``notification:clicked``: the user clicked a notification."""


class MentionClicked(Event):
    """``mention:clicked``: ``id`` is the mentioned person or group, ``mention_type`` its
    ``type`` (e.g. ``"person"``)."""

    id: str | None
    mention_type: str | None

    def _load(self, handle: int) -> None:
        v = _views.SweMentionClickedView()
        err = ctypes.c_void_p()
        _call(_ffi.lib.swe_event_mention_clicked(handle, ctypes.byref(v), ctypes.byref(err)), err)
        self.id = _ffi.text(v.id)
        self.mention_type = _ffi.text(v.mention_type)


class ActivityChanged(Event):
    """``activity:changed``: the activity tab chosen. Its data's ``name`` is
    ``activity_name`` here (``name`` is the event's name), ``type`` is ``activity_type``."""

    activity_name: str | None
    display_name: str | None
    activity_type: str | None

    def _load(self, handle: int) -> None:
        v = _views.SweActivityView()
        err = ctypes.c_void_p()
        _call(_ffi.lib.swe_event_activity(handle, ctypes.byref(v), ctypes.byref(err)), err)
        self.activity_name = _ffi.text(v.name)
        self.display_name = _ffi.text(v.display_name)
        self.activity_type = _ffi.text(v.activity_type)


class UserEvent(Event):
    """Base of ``add:clicked``, ``profile:clicked`` and ``user_signout:clicked``: ``id`` and
    ``display_name`` of the current user, when sent."""

    id: str | None
    display_name: str | None

    def _load(self, handle: int) -> None:
        v = _views.SweUserView()
        err = ctypes.c_void_p()
        _call(_ffi.lib.swe_event_user(handle, ctypes.byref(v), ctypes.byref(err)), err)
        self.id = _ffi.text(v.id)
        self.display_name = _ffi.text(v.display_name)


class AddClicked(UserEvent):
    """``add:clicked``."""


class ProfileClicked(UserEvent):
    """``profile:clicked``."""


class UserSignoutClicked(UserEvent):
    """``user_signout:clicked``."""


register(
    {
        EventKind.MEMBERSHIPS_CREATED: MembershipCreated,
        EventKind.MEMBERSHIPS_DELETED: MembershipDeleted,
        EventKind.NOTIFICATION_CREATED: NotificationCreated,
        EventKind.NOTIFICATION_CLICKED: NotificationClicked,
        EventKind.MENTION_CLICKED: MentionClicked,
        EventKind.ACTIVITY_CHANGED: ActivityChanged,
        EventKind.ADD_CLICKED: AddClicked,
        EventKind.PROFILE_CLICKED: ProfileClicked,
        EventKind.USER_SIGNOUT_CLICKED: UserSignoutClicked,
        EventKind.CALL_MEMBERSHIPS_NOTIFIED: CallMembershipEvent,
        EventKind.CALL_MEMBERSHIPS_CONNECTED: CallMembershipEvent,
        EventKind.CALL_MEMBERSHIPS_DECLINED: CallMembershipEvent,
        EventKind.CALL_MEMBERSHIPS_DISCONNECTED: CallMembershipEvent,
        EventKind.CALL_MEMBERSHIPS: CallMembershipEvent,
    }
)
