//! The events the widget family sends: their kinds, names, old names and data shapes.

/// What an event is. Old and dot-separated names map to the kind they mean; any other name is
/// [`Kind::Unknown`].
///
/// The discriminants are the C ABI's `SWE_EVENT_KIND_*` values: stable, never reused.
///
/// cbindgen:ignore
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A name the library does not know; the data is kept as it arrived.
    Unknown = 0,
    /// `messages:created`: a message was posted in the space (the user's own included).
    MessagesCreated = 1,
    /// `rooms:unread`: someone else's activity made a space unread.
    RoomsUnread = 2,
    /// `rooms:read`: a space was read.
    RoomsRead = 3,
    /// `calls:created`: a call was placed or is ringing.
    CallsCreated = 4,
    /// `calls:connected`: a call connected.
    CallsConnected = 5,
    /// `calls:disconnected`: a call ended.
    CallsDisconnected = 6,
    /// `rooms:selected`: a space was chosen in the Recents widget.
    RoomsSelected = 7,
    /// `memberships:created`: someone was added to a space.
    MembershipsCreated = 8,
    /// `memberships:deleted`: someone left or was removed from a space.
    MembershipsDeleted = 9,
    /// `notification:created`: the widget raised a notification.
    NotificationCreated = 10,
    /// `notification:clicked`: the user clicked a notification.
    NotificationClicked = 11,
    /// `mention:clicked`: the user clicked a mention.
    MentionClicked = 12,
    /// `activity:changed`: the user switched activity tab (messages, meet, files, ...).
    ActivityChanged = 13,
    /// `add:clicked`: the Recents widget's add button was used.
    AddClicked = 14,
    /// `profile:clicked`: the user's avatar was clicked.
    ProfileClicked = 15,
    /// `user_signout:clicked`: sign-out was chosen.
    UserSignoutClicked = 16,
    /// `calls:memberships:notified`: a call participant was notified (2017 to 2020).
    CallMembershipsNotified = 17,
    /// `calls:memberships:connected`: a call participant joined (2017 to 2020).
    CallMembershipsConnected = 18,
    /// `calls:memberships:declined`: a call participant declined (2017 to 2020).
    CallMembershipsDeclined = 19,
    /// `calls:memberships:disconnected`: a call participant left (2017 to 2020).
    CallMembershipsDisconnected = 20,
    /// `calls:memberships`: a call membership changed, but the bridge forwarded the two-part
    /// envelope only, so which change is lost.
    CallMemberships = 21,
}

/// The shape of an event's `data`: which typed view reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    Message,
    Room,
    Call,
    CallMembership,
    Membership,
    Notification,
    Mention,
    Activity,
    User,
    Raw,
}

impl Kind {
    /// Every kind, in numeric order.
    pub const ALL: [Kind; 22] = [
        Kind::Unknown,
        Kind::MessagesCreated,
        Kind::RoomsUnread,
        Kind::RoomsRead,
        Kind::CallsCreated,
        Kind::CallsConnected,
        Kind::CallsDisconnected,
        Kind::RoomsSelected,
        Kind::MembershipsCreated,
        Kind::MembershipsDeleted,
        Kind::NotificationCreated,
        Kind::NotificationClicked,
        Kind::MentionClicked,
        Kind::ActivityChanged,
        Kind::AddClicked,
        Kind::ProfileClicked,
        Kind::UserSignoutClicked,
        Kind::CallMembershipsNotified,
        Kind::CallMembershipsConnected,
        Kind::CallMembershipsDeclined,
        Kind::CallMembershipsDisconnected,
        Kind::CallMemberships,
    ];

    /// The kind an event name means: current names, the old names and the dot-separated names
    /// of earlier builds. Unknown names give [`Kind::Unknown`].
    pub fn from_name(name: &str) -> Kind {
        match name {
            "messages:created" | "message.received" | "message.created" => Kind::MessagesCreated,
            "rooms:unread" | "spaces:unread" | "messages:unread" | "space.unread"
            | "room.unread" => Kind::RoomsUnread,
            "rooms:read" | "spaces:read" | "messages:read" | "space.read" | "room.read" => {
                Kind::RoomsRead
            }
            "calls:created" | "calls:ringing" | "call.created" | "call.ringing"
            | "call.incoming" => Kind::CallsCreated,
            "calls:connected" | "call.connected" => Kind::CallsConnected,
            "calls:disconnected" | "call.disconnected" => Kind::CallsDisconnected,
            "rooms:selected" => Kind::RoomsSelected,
            "memberships:created" => Kind::MembershipsCreated,
            "memberships:deleted" => Kind::MembershipsDeleted,
            "notification:created" | "notifications:created" => Kind::NotificationCreated,
            "notification:clicked" | "notifications:clicked" => Kind::NotificationClicked,
            "mention:clicked" => Kind::MentionClicked,
            "activity:changed" => Kind::ActivityChanged,
            "add:clicked" => Kind::AddClicked,
            "profile:clicked" => Kind::ProfileClicked,
            "user_signout:clicked" => Kind::UserSignoutClicked,
            "calls:memberships:notified" | "memberships:notified" => Kind::CallMembershipsNotified,
            "calls:memberships:connected" | "memberships:connected" => {
                Kind::CallMembershipsConnected
            }
            "calls:memberships:declined" | "memberships:declined" => Kind::CallMembershipsDeclined,
            "calls:memberships:disconnected" | "memberships:disconnected" => {
                Kind::CallMembershipsDisconnected
            }
            "calls:memberships" => Kind::CallMemberships,
            _ => Kind::Unknown,
        }
    }

    /// The current name of this kind, e.g. `rooms:read` for an event that arrived as
    /// `spaces:read`; `None` for [`Kind::Unknown`].
    pub fn canonical_name(self) -> Option<&'static str> {
        let terminated = self.canonical_name_terminated()?;
        Some(&terminated[..terminated.len() - 1])
    }

    /// [`Kind::canonical_name`] with the NUL that follows it in memory, which lets C take the
    /// name without a copy.
    pub(crate) fn canonical_name_terminated(self) -> Option<&'static str> {
        Some(match self {
            Kind::Unknown => return None,
            Kind::MessagesCreated => "messages:created\0",
            Kind::RoomsUnread => "rooms:unread\0",
            Kind::RoomsRead => "rooms:read\0",
            Kind::CallsCreated => "calls:created\0",
            Kind::CallsConnected => "calls:connected\0",
            Kind::CallsDisconnected => "calls:disconnected\0",
            Kind::RoomsSelected => "rooms:selected\0",
            Kind::MembershipsCreated => "memberships:created\0",
            Kind::MembershipsDeleted => "memberships:deleted\0",
            Kind::NotificationCreated => "notification:created\0",
            Kind::NotificationClicked => "notification:clicked\0",
            Kind::MentionClicked => "mention:clicked\0",
            Kind::ActivityChanged => "activity:changed\0",
            Kind::AddClicked => "add:clicked\0",
            Kind::ProfileClicked => "profile:clicked\0",
            Kind::UserSignoutClicked => "user_signout:clicked\0",
            Kind::CallMembershipsNotified => "calls:memberships:notified\0",
            Kind::CallMembershipsConnected => "calls:memberships:connected\0",
            Kind::CallMembershipsDeclined => "calls:memberships:declined\0",
            Kind::CallMembershipsDisconnected => "calls:memberships:disconnected\0",
            Kind::CallMemberships => "calls:memberships\0",
        })
    }

    /// The stable number of this kind (the C ABI's `swe_event_kind`).
    pub fn as_u32(self) -> u32 {
        self as u32
    }

    /// The kind with this number, if there is one.
    pub fn from_u32(value: u32) -> Option<Kind> {
        Kind::ALL.get(value as usize).copied()
    }

    pub(crate) fn shape(self) -> Shape {
        match self {
            Kind::Unknown => Shape::Raw,
            Kind::MessagesCreated => Shape::Message,
            Kind::RoomsUnread | Kind::RoomsRead | Kind::RoomsSelected => Shape::Room,
            Kind::CallsCreated | Kind::CallsConnected | Kind::CallsDisconnected => Shape::Call,
            Kind::MembershipsCreated | Kind::MembershipsDeleted => Shape::Membership,
            Kind::NotificationCreated | Kind::NotificationClicked => Shape::Notification,
            Kind::MentionClicked => Shape::Mention,
            Kind::ActivityChanged => Shape::Activity,
            Kind::AddClicked | Kind::ProfileClicked | Kind::UserSignoutClicked => Shape::User,
            Kind::CallMembershipsNotified
            | Kind::CallMembershipsConnected
            | Kind::CallMembershipsDeclined
            | Kind::CallMembershipsDisconnected
            | Kind::CallMemberships => Shape::CallMembership,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names_are_followed_by_a_nul() {
        for kind in Kind::ALL.into_iter().filter(|&k| k != Kind::Unknown) {
            let name = kind.canonical_name().unwrap();
            let terminated = kind.canonical_name_terminated().unwrap();
            assert_eq!(terminated.as_bytes(), [name.as_bytes(), b"\0"].concat());
            assert_eq!(name.as_ptr(), terminated.as_ptr());
            assert_eq!(Kind::from_name(name), kind);
        }
    }
}
