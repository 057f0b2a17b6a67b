//! Typed views of an event's `data`, borrowed from the event.

use super::catalogue::Shape;
use super::event::{CallKind, Event, FileForm, FileItem, Item, MentionsKind, TeamKind, Value};
use super::schema::Field;

/// An event's `data`, by shape.
#[derive(Clone, Copy, Debug)]
pub enum Data<'a> {
    /// `messages:created`.
    Message(Message<'a>),
    /// `rooms:unread`, `rooms:read`, `rooms:selected`.
    Room(Room<'a>),
    /// `calls:created`, `calls:connected`, `calls:disconnected`.
    Call(Call<'a>),
    /// `calls:memberships:*` (2017 to 2020).
    CallMembership(CallMembership<'a>),
    /// `memberships:created`, `memberships:deleted`.
    Membership(Membership<'a>),
    /// `notification:created`, `notification:clicked`.
    Notification(Notification<'a>),
    /// `mention:clicked`.
    Mention(Mention<'a>),
    /// `activity:changed`.
    Activity(Activity<'a>),
    /// `add:clicked`, `profile:clicked`, `user_signout:clicked`.
    User(User<'a>),
    /// An unknown event's data, as compact JSON.
    Raw(&'a str),
}

impl Event {
    /// The event's data, typed by its kind.
    pub fn data(&self) -> Data<'_> {
        let e = self;
        match self.shape() {
            Shape::Message => Data::Message(Message { e }),
            Shape::Room => Data::Room(Room { e }),
            Shape::Call => Data::Call(Call { e }),
            Shape::CallMembership => Data::CallMembership(CallMembership { e }),
            Shape::Membership => Data::Membership(Membership { e }),
            Shape::Notification => Data::Notification(Notification { e }),
            Shape::Mention => Data::Mention(Mention { e }),
            Shape::Activity => Data::Activity(Activity { e }),
            Shape::User => Data::User(User { e }),
            Shape::Raw => Data::Raw(self.data_raw.map_or("null", |raw| self.str(raw))),
        }
    }
}

macro_rules! strings {
    ($($(#[$doc:meta])* $name:ident => $field:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(&self) -> Option<&'a str> {
                self.e.field_str(Field::$field)
            }
        )*
    };
}

macro_rules! view {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name<'a> {
            e: &'a Event,
        }
    };
}

/// A timestamp as it arrived, with its instant when it is RFC 3339.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp<'a> {
    /// The original text, e.g. `2016-04-21T19:12:48.920Z`.
    pub text: &'a str,
    /// The instant in Unix milliseconds; `None` when the text is not RFC 3339.
    pub unix_millis: Option<i64>,
}

fn timestamp(e: &Event, field: Field) -> Option<Timestamp<'_>> {
    match *e.field(field)? {
        Value::Time { text, millis } => {
            Some(Timestamp { text: e.str(text), unix_millis: millis.get() })
        }
        _ => None,
    }
}

/// A room's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoomType<'a> {
    /// `"group"`: a space with many people.
    Group,
    /// `"direct"`: a one-to-one space.
    Direct,
    /// Any other value (raised as a warning).
    Other(&'a str),
}

fn room_type(e: &Event, field: Field) -> Option<RoomType<'_>> {
    Some(match e.field_str(field)? {
        "group" => RoomType::Group,
        "direct" => RoomType::Direct,
        other => RoomType::Other(other),
    })
}

view!(
    /// `messages:created` data.
    Message
);

impl<'a> Message<'a> {
    strings! {
        /// `id`: the message id.
        id => Id;
        /// `html`: the message as HTML.
        html => Html;
        /// `personId`: the author.
        person_id => PersonId;
        /// `personEmail`: the author's email.
        person_email => PersonEmail;
        /// `toPersonId`: the other person of a direct space.
        to_person_id => ToPersonId;
        /// `toPersonEmail`: the other person's email.
        to_person_email => ToPersonEmail;
        /// `actorId`: who acted.
        actor_id => ActorId;
        /// `actorName`: who acted, by name.
        actor_name => ActorName;
    }

    /// `text`: the message as plain text.
    pub fn text(&self) -> Option<&'a str> {
        self.e.field_str(Field::Text)
    }

    /// `roomId` (or the 2017 `spaceId`): the space.
    pub fn room_id(&self) -> Option<&'a str> {
        self.e.field_str(Field::RoomId).or_else(|| self.e.field_str(Field::SpaceId))
    }

    /// `roomType`.
    pub fn room_type(&self) -> Option<RoomType<'a>> {
        room_type(self.e, Field::RoomType)
    }

    /// `created`.
    pub fn created(&self) -> Option<Timestamp<'a>> {
        timestamp(self.e, Field::Created)
    }

    /// `files`: absent, or the list (URL strings or file objects).
    pub fn files(&self) -> Option<impl ExactSizeIterator<Item = File<'a>> + 'a> {
        let e = self.e;
        match *e.field(Field::Files)? {
            Value::Files { items, .. } => Some(e.items(items).iter().map(move |item| match item {
                Item::File(f) => File { e, f: *f },
                _ => unreachable!("files hold file items"),
            })),
            _ => None,
        }
    }

    /// `mentionedPeople`: the shape it arrived in and the ids it holds (`None` for an entry
    /// with no id).
    pub fn mentioned_people(&self) -> Option<(MentionsKind, Vec<Option<&'a str>>)> {
        let e = self.e;
        match *e.field(Field::MentionedPeople)? {
            Value::Mentions { kind, items, .. } => {
                let ids = e
                    .items(items)
                    .iter()
                    .map(|item| match item {
                        Item::Mention(id) => e.opt_str(*id),
                        _ => None,
                    })
                    .collect();
                Some((kind, ids))
            }
            _ => None,
        }
    }
}

/// One entry of `files`.
#[derive(Clone, Copy, Debug)]
pub struct File<'a> {
    e: &'a Event,
    f: FileItem,
}

impl<'a> File<'a> {
    /// How the entry arrived.
    pub fn form(&self) -> FileForm {
        self.f.form
    }
    /// The URL: the string itself, or a file object's `url`.
    pub fn url(&self) -> Option<&'a str> {
        self.e.opt_str(self.f.url)
    }
    /// A file object's `displayName`.
    pub fn display_name(&self) -> Option<&'a str> {
        self.e.opt_str(self.f.display_name)
    }
    /// A file object's `objectType` (e.g. `file`).
    pub fn object_type(&self) -> Option<&'a str> {
        self.e.opt_str(self.f.object_type)
    }
    /// A file object's `mimeType`.
    pub fn mime_type(&self) -> Option<&'a str> {
        self.e.opt_str(self.f.mime_type)
    }
    /// A file object's `fileSize` in bytes, when it is a non-negative integer.
    pub fn size(&self) -> Option<u64> {
        self.f.size
    }
}

view!(
    /// `rooms:unread`, `rooms:read` and `rooms:selected` data.
    Room
);

/// A room's `teamId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Team<'a> {
    /// The shape it arrived in.
    pub kind: TeamKind,
    /// The value as it arrived.
    pub text: &'a str,
}

impl<'a> Room<'a> {
    strings! {
        /// `id`: the space.
        id => Id;
        /// `title`.
        title => Title;
        /// `actorId`.
        actor_id => ActorId;
        /// `actorName`.
        actor_name => ActorName;
    }

    /// `type`.
    pub fn room_type(&self) -> Option<RoomType<'a>> {
        room_type(self.e, Field::Type)
    }

    /// `isLocked`.
    pub fn is_locked(&self) -> Option<bool> {
        match *self.e.field(Field::IsLocked)? {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// `teamId`.
    pub fn team(&self) -> Option<Team<'a>> {
        match *self.e.field(Field::TeamId)? {
            Value::Team { text, kind } => Some(Team { kind, text: self.e.str(text) }),
            _ => None,
        }
    }

    /// `lastActivity`.
    pub fn last_activity(&self) -> Option<Timestamp<'a>> {
        timestamp(self.e, Field::LastActivity)
    }

    /// `created`.
    pub fn created(&self) -> Option<Timestamp<'a>> {
        timestamp(self.e, Field::Created)
    }
}

view!(
    /// `calls:created`, `calls:connected` and `calls:disconnected` data.
    Call
);

/// The `call` value: opaque JSON with typed fields when it is a summary object.
#[derive(Clone, Copy, Debug)]
pub struct CallInfo<'a> {
    e: &'a Event,
    kind: CallKind,
    raw: &'a str,
    summary: Option<&'a super::event::CallSummary>,
}

impl<'a> CallInfo<'a> {
    /// The shape it arrived in.
    pub fn kind(&self) -> CallKind {
        self.kind
    }
    /// The value as compact JSON.
    pub fn json(&self) -> &'a str {
        self.raw
    }
    fn get(
        &self,
        pick: fn(&super::event::CallSummary) -> Option<super::event::Span>,
    ) -> Option<&'a str> {
        self.summary.and_then(|s| self.e.opt_str(pick(s)))
    }
    /// `call.id`.
    pub fn id(&self) -> Option<&'a str> {
        self.get(|s| s.id)
    }
    /// `call.status` (phone calls: `initiated`, `ringing`, `connected`, `disconnected`, ...).
    pub fn status(&self) -> Option<&'a str> {
        self.get(|s| s.status)
    }
    /// `call.state` (meetings: `IDLE`, `JOINED`, `LEFT`, ...).
    pub fn state(&self) -> Option<&'a str> {
        self.get(|s| s.state)
    }
    /// `call.direction` (`in` or `out`).
    pub fn direction(&self) -> Option<&'a str> {
        self.get(|s| s.direction)
    }
    /// `call.locusUrl`.
    pub fn locus_url(&self) -> Option<&'a str> {
        self.get(|s| s.locus_url)
    }
    /// `call.correlationId`.
    pub fn correlation_id(&self) -> Option<&'a str> {
        self.get(|s| s.correlation_id)
    }
}

impl<'a> Call<'a> {
    strings! {
        /// `roomId`.
        room_id => RoomId;
        /// `personId`.
        person_id => PersonId;
        /// `personEmail`.
        person_email => PersonEmail;
        /// `actorId`.
        actor_id => ActorId;
        /// `actorName`.
        actor_name => ActorName;
    }

    /// `call`, when present and not null.
    pub fn call(&self) -> Option<CallInfo<'a>> {
        let e = self.e;
        match *e.field(Field::Call)? {
            Value::Call { raw, kind, summary } => Some(CallInfo {
                e,
                kind,
                raw: e.str(raw),
                summary: summary.and_then(|i| match &e.items[i as usize] {
                    Item::Call(s) => Some(s),
                    _ => None,
                }),
            }),
            _ => None,
        }
    }
}

view!(
    /// `calls:memberships:*` data.
    CallMembership
);

impl<'a> CallMembership<'a> {
    strings! {
        /// `actorName`.
        actor_name => ActorName;
        /// `roomId`.
        room_id => RoomId;
    }

    /// `actorId`, or else the envelope's copy.
    pub fn actor_id(&self) -> Option<&'a str> {
        self.e.actor_id()
    }
}

view!(
    /// `memberships:created` and `memberships:deleted` data.
    Membership
);

impl<'a> Membership<'a> {
    strings! {
        /// `id`: the membership.
        id => Id;
        /// `roomId`.
        room_id => RoomId;
        /// `personId`: the member.
        person_id => PersonId;
        /// `personEmail`.
        person_email => PersonEmail;
        /// `actorName`.
        actor_name => ActorName;
    }

    /// `actorId`, or else the envelope's copy.
    pub fn actor_id(&self) -> Option<&'a str> {
        self.e.actor_id()
    }

    /// `created`.
    pub fn created(&self) -> Option<Timestamp<'a>> {
        timestamp(self.e, Field::Created)
    }
}

view!(
    /// `notification:created` and `notification:clicked` data.
    Notification
);

impl<'a> Notification<'a> {
    strings! {
        /// `username`.
        username => Username;
        /// `message`.
        message => Message;
        /// `avatar`.
        avatar => Avatar;
        /// `alertType`.
        alert_type => AlertType;
        /// `notificationId`.
        notification_id => NotificationId;
    }
}

view!(
    /// `mention:clicked` data.
    Mention
);

impl<'a> Mention<'a> {
    strings! {
        /// `id`: the mentioned person or group.
        id => Id;
        /// `type`, e.g. `person`.
        mention_type => Type;
    }
}

view!(
    /// `activity:changed` data.
    Activity
);

impl<'a> Activity<'a> {
    strings! {
        /// `name`, e.g. `meet`.
        name => Name;
        /// `displayName`.
        display_name => DisplayName;
        /// `type`.
        activity_type => Type;
    }
}

view!(
    /// `add:clicked`, `profile:clicked` and `user_signout:clicked` data.
    User
);

impl<'a> User<'a> {
    strings! {
        /// `id`: the current user, when sent.
        id => Id;
        /// `displayName`.
        display_name => DisplayName;
    }
}
