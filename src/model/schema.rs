//! The fields of each data shape: their JSON keys, value types and whether the widget always
//! sends them. Parsing, validation and the typed views all read these tables.

use super::catalogue::Shape;
use crate::ids::IdType;

/// A key of `data` that some shape knows. The order is the order of the `FIELD_COUNT` slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Field {
    Id,
    RoomId,
    SpaceId,
    RoomType,
    Text,
    Html,
    Files,
    PersonId,
    PersonEmail,
    Created,
    MentionedPeople,
    ToPersonId,
    ToPersonEmail,
    ActorId,
    ActorName,
    Title,
    Type,
    IsLocked,
    TeamId,
    LastActivity,
    Tags,
    Call,
    Username,
    Message,
    Avatar,
    AlertType,
    NotificationId,
    Notification,
    Name,
    DisplayName,
}

pub(crate) const FIELD_COUNT: usize = 30;

impl Field {
    /// Every field, in the order of their numbers.
    pub(crate) const ALL: [Field; FIELD_COUNT] = [
        Field::Id,
        Field::RoomId,
        Field::SpaceId,
        Field::RoomType,
        Field::Text,
        Field::Html,
        Field::Files,
        Field::PersonId,
        Field::PersonEmail,
        Field::Created,
        Field::MentionedPeople,
        Field::ToPersonId,
        Field::ToPersonEmail,
        Field::ActorId,
        Field::ActorName,
        Field::Title,
        Field::Type,
        Field::IsLocked,
        Field::TeamId,
        Field::LastActivity,
        Field::Tags,
        Field::Call,
        Field::Username,
        Field::Message,
        Field::Avatar,
        Field::AlertType,
        Field::NotificationId,
        Field::Notification,
        Field::Name,
        Field::DisplayName,
    ];

    keys! { Field {
        Id => "id",
        RoomId => "roomId",
        SpaceId => "spaceId",
        RoomType => "roomType",
        Text => "text",
        Html => "html",
        Files => "files",
        PersonId => "personId",
        PersonEmail => "personEmail",
        Created => "created",
        MentionedPeople => "mentionedPeople",
        ToPersonId => "toPersonId",
        ToPersonEmail => "toPersonEmail",
        ActorId => "actorId",
        ActorName => "actorName",
        Title => "title",
        Type => "type",
        IsLocked => "isLocked",
        TeamId => "teamId",
        LastActivity => "lastActivity",
        Tags => "tags",
        Call => "call",
        Username => "username",
        Message => "message",
        Avatar => "avatar",
        AlertType => "alertType",
        NotificationId => "notificationId",
        Notification => "notification",
        Name => "name",
        DisplayName => "displayName",
    } }

    /// This field's bit in a set of fields.
    pub(crate) const fn bit(self) -> u32 {
        1 << self as u32
    }

    pub(crate) fn from_key(key: &[u8]) -> Option<Field> {
        Some(match key {
            b"id" => Field::Id,
            b"roomId" => Field::RoomId,
            b"spaceId" => Field::SpaceId,
            b"roomType" => Field::RoomType,
            b"text" => Field::Text,
            b"html" => Field::Html,
            b"files" => Field::Files,
            b"personId" => Field::PersonId,
            b"personEmail" => Field::PersonEmail,
            b"created" => Field::Created,
            b"mentionedPeople" => Field::MentionedPeople,
            b"toPersonId" => Field::ToPersonId,
            b"toPersonEmail" => Field::ToPersonEmail,
            b"actorId" => Field::ActorId,
            b"actorName" => Field::ActorName,
            b"title" => Field::Title,
            b"type" => Field::Type,
            b"isLocked" => Field::IsLocked,
            b"teamId" => Field::TeamId,
            b"lastActivity" => Field::LastActivity,
            b"tags" => Field::Tags,
            b"call" => Field::Call,
            b"username" => Field::Username,
            b"message" => Field::Message,
            b"avatar" => Field::Avatar,
            b"alertType" => Field::AlertType,
            b"notificationId" => Field::NotificationId,
            b"notification" => Field::Notification,
            b"name" => Field::Name,
            b"displayName" => Field::DisplayName,
            _ => return None,
        })
    }
}

/// How a field's value is read and checked. With an explicit tag, so that matching on it is
/// one jump rather than a decoding of the id type's niche first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum FieldType {
    /// Any string.
    Str,
    /// A Webex id expected to name an object of this type.
    Id(IdType),
    /// `"group"` or `"direct"`; another string is kept with a warning.
    RoomType,
    /// An RFC 3339 timestamp; an unreadable one is kept with a warning.
    Time,
    Bool,
    /// A team id, `""` (no team) or the old `TEAM/undefined` id.
    Team,
    /// A list of URL strings or of file objects.
    Files,
    /// A list of `{id}` objects or id strings, or an `{items: [...]}` object.
    Mentions,
    /// The call: absent, a placeholder string, a summary object or any other JSON.
    Call,
    /// Any JSON, kept as it arrived.
    Json,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct FieldSpec {
    pub field: Field,
    pub ty: FieldType,
    /// The widget always sends it: its absence is worth a warning.
    pub required: bool,
}

const fn req(field: Field, ty: FieldType) -> FieldSpec {
    FieldSpec { field, ty, required: true }
}

const fn opt(field: Field, ty: FieldType) -> FieldSpec {
    FieldSpec { field, ty, required: false }
}

use FieldType as T;
use IdType as I;

const MESSAGE: &[FieldSpec] = &[
    req(Field::Id, T::Id(I::Message)),
    req(Field::RoomId, T::Id(I::Room)),
    opt(Field::SpaceId, T::Id(I::Room)),
    req(Field::RoomType, T::RoomType),
    opt(Field::Text, T::Str),
    opt(Field::Html, T::Str),
    opt(Field::Files, T::Files),
    req(Field::PersonId, T::Id(I::People)),
    opt(Field::PersonEmail, T::Str),
    req(Field::Created, T::Time),
    opt(Field::MentionedPeople, T::Mentions),
    opt(Field::ToPersonId, T::Id(I::People)),
    opt(Field::ToPersonEmail, T::Str),
    opt(Field::ActorId, T::Id(I::People)),
    opt(Field::ActorName, T::Str),
];

const ROOM: &[FieldSpec] = &[
    req(Field::Id, T::Id(I::Room)),
    opt(Field::Title, T::Str),
    req(Field::Type, T::RoomType),
    opt(Field::IsLocked, T::Bool),
    opt(Field::TeamId, T::Team),
    req(Field::LastActivity, T::Time),
    opt(Field::Created, T::Time),
    opt(Field::Tags, T::Json),
    opt(Field::ActorId, T::Id(I::People)),
    opt(Field::ActorName, T::Str),
];

const CALL: &[FieldSpec] = &[
    opt(Field::RoomId, T::Id(I::Room)),
    opt(Field::PersonId, T::Id(I::People)),
    opt(Field::PersonEmail, T::Str),
    opt(Field::ActorId, T::Id(I::People)),
    opt(Field::ActorName, T::Str),
    opt(Field::Call, T::Call),
];

const CALL_MEMBERSHIP: &[FieldSpec] = &[
    req(Field::ActorId, T::Id(I::People)),
    req(Field::ActorName, T::Str),
    opt(Field::RoomId, T::Id(I::Room)),
];

const MEMBERSHIP: &[FieldSpec] = &[
    req(Field::ActorId, T::Id(I::People)),
    req(Field::Id, T::Id(I::Membership)),
    req(Field::RoomId, T::Id(I::Room)),
    req(Field::PersonId, T::Id(I::People)),
    req(Field::PersonEmail, T::Str),
    req(Field::Created, T::Time),
    opt(Field::ActorName, T::Str),
];

const NOTIFICATION: &[FieldSpec] = &[
    opt(Field::Username, T::Str),
    opt(Field::Message, T::Str),
    opt(Field::Avatar, T::Str),
    opt(Field::AlertType, T::Str),
    opt(Field::NotificationId, T::Str),
    opt(Field::Notification, T::Json),
    opt(Field::ActorId, T::Id(I::People)),
    opt(Field::ActorName, T::Str),
];

const MENTION: &[FieldSpec] = &[req(Field::Type, T::Str), req(Field::Id, T::Id(I::Any))];

const ACTIVITY: &[FieldSpec] =
    &[opt(Field::Name, T::Str), opt(Field::DisplayName, T::Str), opt(Field::Type, T::Str)];

const USER: &[FieldSpec] = &[
    opt(Field::Id, T::Id(I::People)),
    opt(Field::DisplayName, T::Str),
    opt(Field::ActorId, T::Id(I::People)),
    opt(Field::ActorName, T::Str),
];

impl Shape {
    pub(crate) fn fields(self) -> &'static [FieldSpec] {
        match self {
            Shape::Message => MESSAGE,
            Shape::Room => ROOM,
            Shape::Call => CALL,
            Shape::CallMembership => CALL_MEMBERSHIP,
            Shape::Membership => MEMBERSHIP,
            Shape::Notification => NOTIFICATION,
            Shape::Mention => MENTION,
            Shape::Activity => ACTIVITY,
            Shape::User => USER,
            Shape::Raw => &[],
        }
    }

    /// The fields the widget always sends with this shape, as a set of [`Field::bit`]s.
    pub(crate) fn required_fields(self) -> u32 {
        const REQUIRED: [u32; 10] = [
            required_of(MESSAGE),
            required_of(ROOM),
            required_of(CALL),
            required_of(CALL_MEMBERSHIP),
            required_of(MEMBERSHIP),
            required_of(NOTIFICATION),
            required_of(MENTION),
            required_of(ACTIVITY),
            required_of(USER),
            0,
        ];
        REQUIRED[self as usize]
    }

    /// How this shape reads `field`, if it knows it: one lookup in a table by shape and field.
    #[inline]
    pub(crate) fn spec(self, field: Field) -> Option<&'static FieldSpec> {
        SPECS.get(self as usize)?[field as usize].as_ref()
    }
}

const fn required_of(fields: &[FieldSpec]) -> u32 {
    let mut set = 0;
    let mut i = 0;
    while i < fields.len() {
        if fields[i].required {
            set |= fields[i].field.bit();
        }
        i += 1;
    }
    set
}

/// Per field, how a shape reads it; `None` when the shape lacks it.
type SpecRow = [Option<FieldSpec>; FIELD_COUNT];

const fn row_of(fields: &[FieldSpec]) -> SpecRow {
    let mut row = [None; FIELD_COUNT];
    let mut i = 0;
    while i < fields.len() {
        row[fields[i].field as usize] = Some(fields[i]);
        i += 1;
    }
    row
}

/// Every shape's row but `Shape::Raw`'s, in the order of `Shape`.
static SPECS: [SpecRow; 9] = [
    row_of(MESSAGE),
    row_of(ROOM),
    row_of(CALL),
    row_of(CALL_MEMBERSHIP),
    row_of(MEMBERSHIP),
    row_of(NOTIFICATION),
    row_of(MENTION),
    row_of(ACTIVITY),
    row_of(USER),
];

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPES: [Shape; 10] = [
        Shape::Message,
        Shape::Room,
        Shape::Call,
        Shape::CallMembership,
        Shape::Membership,
        Shape::Notification,
        Shape::Mention,
        Shape::Activity,
        Shape::User,
        Shape::Raw,
    ];

    #[test]
    fn each_quoted_key_is_its_key_quoted_then_a_colon() {
        for field in Field::ALL {
            assert_eq!(field.quoted_key(), format!("\"{}\":", field.key()));
        }
    }

    #[test]
    fn a_shape_reads_by_its_own_table_each_field_it_lists_and_no_other() {
        for shape in SHAPES {
            for field in Field::ALL {
                let listed = shape.fields().iter().find(|spec| spec.field == field);
                let found = shape.spec(field);
                assert_eq!(
                    found.map(|s| (s.field, s.ty, s.required)),
                    listed.map(|s| (s.field, s.ty, s.required)),
                    "{shape:?} {field:?}"
                );
            }
        }
        assert!(Shape::Raw.fields().is_empty());
    }
}
