//! Borrowed views of an event: plain structs filled by the `swe_event_*` accessors, whose
//! strings point into the event and stay valid as long as it does.

use super::strings::swe_str;
use crate::model::event::{
    CallKind, EnvelopeKey, Event, FileForm, FileItem, Item, MentionsKind, Span, TeamKind, Value,
};
use crate::model::schema::Field;

/// A kind of event, as an integer: one of the `SWE_KIND_*` values. New kinds may be
/// added; treat values you do not know as `SWE_KIND_UNKNOWN`.
pub type swe_kind = u32;
/// A name the library does not know.
pub const SWE_KIND_UNKNOWN: swe_kind = 0;
/// `messages:created` (read with `swe_event_message`).
pub const SWE_KIND_MESSAGES_CREATED: swe_kind = 1;
/// `rooms:unread`, or the old `spaces:unread` / `messages:unread` (read with `swe_event_room`).
pub const SWE_KIND_ROOMS_UNREAD: swe_kind = 2;
/// `rooms:read`, or the old `spaces:read` / `messages:read` (read with `swe_event_room`).
pub const SWE_KIND_ROOMS_READ: swe_kind = 3;
/// `calls:created`, or the old `calls:ringing` (read with `swe_event_call`).
pub const SWE_KIND_CALLS_CREATED: swe_kind = 4;
/// `calls:connected` (read with `swe_event_call`).
pub const SWE_KIND_CALLS_CONNECTED: swe_kind = 5;
/// `calls:disconnected` (read with `swe_event_call`).
pub const SWE_KIND_CALLS_DISCONNECTED: swe_kind = 6;
/// `rooms:selected` (read with `swe_event_room`).
pub const SWE_KIND_ROOMS_SELECTED: swe_kind = 7;
/// `memberships:created`.
pub const SWE_KIND_MEMBERSHIPS_CREATED: swe_kind = 8;
/// `memberships:deleted`.
pub const SWE_KIND_MEMBERSHIPS_DELETED: swe_kind = 9;
/// `notification:created`.
pub const SWE_KIND_NOTIFICATION_CREATED: swe_kind = 10;
/// `notification:clicked`.
pub const SWE_KIND_NOTIFICATION_CLICKED: swe_kind = 11;
/// `mention:clicked`.
pub const SWE_KIND_MENTION_CLICKED: swe_kind = 12;
/// `activity:changed`.
pub const SWE_KIND_ACTIVITY_CHANGED: swe_kind = 13;
/// `add:clicked`.
pub const SWE_KIND_ADD_CLICKED: swe_kind = 14;
/// `profile:clicked`.
pub const SWE_KIND_PROFILE_CLICKED: swe_kind = 15;
/// `user_signout:clicked`.
pub const SWE_KIND_USER_SIGNOUT_CLICKED: swe_kind = 16;
/// `calls:memberships:notified`.
pub const SWE_KIND_CALL_MEMBERSHIPS_NOTIFIED: swe_kind = 17;
/// `calls:memberships:connected`.
pub const SWE_KIND_CALL_MEMBERSHIPS_CONNECTED: swe_kind = 18;
/// `calls:memberships:declined`.
pub const SWE_KIND_CALL_MEMBERSHIPS_DECLINED: swe_kind = 19;
/// `calls:memberships:disconnected`.
pub const SWE_KIND_CALL_MEMBERSHIPS_DISCONNECTED: swe_kind = 20;
/// `calls:memberships`: a call membership changed, but which change was lost with the third
/// part of the name.
pub const SWE_KIND_CALL_MEMBERSHIPS: swe_kind = 21;

/// A room type: `SWE_ROOM_TYPE_*`.
pub type swe_room_type = u32;
/// The field is absent or null.
pub const SWE_ROOM_TYPE_ABSENT: swe_room_type = 0;
/// `"group"`.
pub const SWE_ROOM_TYPE_GROUP: swe_room_type = 1;
/// `"direct"`.
pub const SWE_ROOM_TYPE_DIRECT: swe_room_type = 2;
/// Another string (the event carries a warning); read the text.
pub const SWE_ROOM_TYPE_OTHER: swe_room_type = 3;

/// The shape `teamId` arrived in: `SWE_TEAM_*`.
pub type swe_team_kind = u32;
/// Absent or null.
pub const SWE_TEAM_ABSENT: swe_team_kind = 0;
/// A team id.
pub const SWE_TEAM_ID: swe_team_kind = 1;
/// `""`: the space is in no team.
pub const SWE_TEAM_NONE: swe_team_kind = 2;
/// The pre-2021 id of `ciscospark://us/TEAM/undefined`: also no team.
pub const SWE_TEAM_UNDEFINED: swe_team_kind = 3;

/// The shape `mentionedPeople` arrived in: `SWE_MENTIONS_*`.
pub type swe_mentions_kind = u32;
/// Absent or null.
pub const SWE_MENTIONS_ABSENT: swe_mentions_kind = 0;
/// A list of `{"id": ...}` objects or of id strings (possibly empty).
pub const SWE_MENTIONS_LIST: swe_mentions_kind = 1;
/// An object `{"items": [...]}`.
pub const SWE_MENTIONS_ITEMS: swe_mentions_kind = 2;
/// Any other JSON; no ids can be read.
pub const SWE_MENTIONS_OTHER: swe_mentions_kind = 3;

/// How one entry of `files` arrived: `SWE_FILE_*`.
pub type swe_file_form = u32;
/// A URL string.
pub const SWE_FILE_URL: swe_file_form = 1;
/// A file object.
pub const SWE_FILE_OBJECT: swe_file_form = 2;
/// Any other JSON value.
pub const SWE_FILE_OTHER: swe_file_form = 3;

/// The shape `call` arrived in: `SWE_CALL_*`.
pub type swe_call_kind = u32;
/// Absent or null (bridges often strip the live call object).
pub const SWE_CALL_ABSENT: swe_call_kind = 0;
/// A placeholder string such as `"[Call Object]"`.
pub const SWE_CALL_PLACEHOLDER: swe_call_kind = 1;
/// An object: the typed call fields are read from it.
pub const SWE_CALL_OBJECT: swe_call_kind = 2;
/// Any other JSON value.
pub const SWE_CALL_OTHER: swe_call_kind = 3;

/// A warning code: `SWE_WARNING_*`. New codes may be added.
pub type swe_warning_code = u32;
/// An id field holds something that is not a Webex id.
pub const SWE_WARNING_ID_MALFORMED: swe_warning_code = 1;
/// An id is padded, in standard base64, or has non-zero trailing bits.
pub const SWE_WARNING_ID_NOT_CANONICAL: swe_warning_code = 2;
/// An id names another type of object than its field expects.
pub const SWE_WARNING_ID_UNEXPECTED_TYPE: swe_warning_code = 3;
/// The envelope's `actorId` and `data.actorId` differ.
pub const SWE_WARNING_ACTOR_MISMATCH: swe_warning_code = 4;
/// A timestamp is not RFC 3339.
pub const SWE_WARNING_TIMESTAMP_INVALID: swe_warning_code = 5;
/// A value is outside its known set (e.g. a `roomType` other than group or direct).
pub const SWE_WARNING_UNKNOWN_VALUE: swe_warning_code = 6;
/// A field the widget always sends is absent.
pub const SWE_WARNING_MISSING_FIELD: swe_warning_code = 7;
/// The wrapper's `name` does not start with the envelope's `resource:event`.
pub const SWE_WARNING_NAME_MISMATCH: swe_warning_code = 8;

/// A timestamp: the original text and, when it is RFC 3339, its instant.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_timestamp {
    /// The text as it arrived; absent when the field is absent or null.
    pub text: swe_str,
    /// Unix milliseconds (rounded down); 0 when not `valid`.
    pub unix_ms: i64,
    /// Whether `text` is present and RFC 3339.
    pub valid: bool,
}

/// The envelope of any event.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_envelope_view {
    /// The kind, resolved from the name (old names included).
    pub kind: swe_kind,
    /// The full name as it arrived (a wrapper's name keeps a third part).
    pub name: swe_str,
    /// The kind's current name (`rooms:read` for `spaces:read`), or `name` when unknown.
    pub canonical_name: swe_str,
    /// `resource`, derived from the name when the detail lacks it.
    pub resource: swe_str,
    /// `event`, derived from the name when the detail lacks it.
    pub event: swe_str,
    /// The envelope's `actorId`, or else `data.actorId`; absent when neither is set.
    pub actor_id: swe_str,
    /// `action` (e.g. `call` on `rooms:selected`); absent when not set.
    pub action: swe_str,
    /// Whether the event arrived as a `{"name", "detail"}` wrapper.
    pub wrapped: bool,
    /// How many warnings the event carries (read with `swe_event_warning`).
    pub warning_count: usize,
}

/// `messages:created` data. Absent fields have `ptr == NULL`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_message_view {
    /// `id`: the message.
    pub id: swe_str,
    /// `roomId` (or the 2017 `spaceId`): the space.
    pub room_id: swe_str,
    /// `roomType` as an enum.
    pub room_type: swe_room_type,
    /// `roomType` as it arrived.
    pub room_type_text: swe_str,
    /// `text`: the message as plain text.
    pub text: swe_str,
    /// `html`: the message as HTML.
    pub html: swe_str,
    /// `personId`: the author.
    pub person_id: swe_str,
    /// `personEmail`.
    pub person_email: swe_str,
    /// `created`.
    pub created: swe_timestamp,
    /// `toPersonId`: the other person of a direct space.
    pub to_person_id: swe_str,
    /// `toPersonEmail`.
    pub to_person_email: swe_str,
    /// `actorId`.
    pub actor_id: swe_str,
    /// `actorName`.
    pub actor_name: swe_str,
    /// Entries of `files` (read each with `swe_event_file`); 0 when absent.
    pub file_count: usize,
    /// `files` as compact JSON, exactly as it re-emits; absent when absent.
    pub files_json: swe_str,
    /// The shape of `mentionedPeople`.
    pub mentions_kind: swe_mentions_kind,
    /// Entries of the mention list (read each with `swe_event_mention`).
    pub mention_count: usize,
    /// `mentionedPeople` as compact JSON; absent when absent.
    pub mentions_json: swe_str,
}

/// One entry of a message's `files`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_file_view {
    /// How the entry arrived.
    pub form: swe_file_form,
    /// The URL: the string itself, or a file object's `url`.
    pub url: swe_str,
    /// A file object's `displayName`.
    pub display_name: swe_str,
    /// A file object's `objectType`.
    pub object_type: swe_str,
    /// A file object's `mimeType`.
    pub mime_type: swe_str,
    /// A file object's `fileSize` in bytes; -1 when absent or not a non-negative integer.
    pub size: i64,
}

/// `rooms:unread`, `rooms:read` and `rooms:selected` data.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_room_view {
    /// `id`: the space.
    pub id: swe_str,
    /// `title`.
    pub title: swe_str,
    /// `type` as an enum.
    pub room_type: swe_room_type,
    /// `type` as it arrived.
    pub room_type_text: swe_str,
    /// Whether `isLocked` is present.
    pub has_is_locked: bool,
    /// `isLocked`; false when absent.
    pub is_locked: bool,
    /// The shape of `teamId`.
    pub team_kind: swe_team_kind,
    /// `teamId` as it arrived.
    pub team_id: swe_str,
    /// `lastActivity`.
    pub last_activity: swe_timestamp,
    /// `created`.
    pub created: swe_timestamp,
    /// `actorId`.
    pub actor_id: swe_str,
    /// `actorName`.
    pub actor_name: swe_str,
    /// `tags` (rooms:selected) as compact JSON.
    pub tags_json: swe_str,
}

/// `calls:created`, `calls:connected` and `calls:disconnected` data.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_call_view {
    /// `roomId`.
    pub room_id: swe_str,
    /// `personId`.
    pub person_id: swe_str,
    /// `personEmail`.
    pub person_email: swe_str,
    /// `actorId`.
    pub actor_id: swe_str,
    /// `actorName`.
    pub actor_name: swe_str,
    /// The shape of `call`.
    pub call_kind: swe_call_kind,
    /// `call` as compact JSON; absent when absent.
    pub call_json: swe_str,
    /// `call.id` when `call` is an object holding it as a string.
    pub call_id: swe_str,
    /// `call.status` (phone calls: `initiated`, `ringing`, `connected`, ...).
    pub call_status: swe_str,
    /// `call.state` (meetings: `IDLE`, `JOINED`, `LEFT`, ...).
    pub call_state: swe_str,
    /// `call.direction` (`in` or `out`).
    pub call_direction: swe_str,
    /// `call.locusUrl`.
    pub call_locus_url: swe_str,
    /// `call.correlationId`.
    pub call_correlation_id: swe_str,
}

/// `memberships:created` and `memberships:deleted` data.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_membership_view {
    /// `id`: the membership.
    pub id: swe_str,
    /// `roomId`.
    pub room_id: swe_str,
    /// `personId`: the member.
    pub person_id: swe_str,
    /// `personEmail`.
    pub person_email: swe_str,
    /// `created`.
    pub created: swe_timestamp,
    /// `actorId`, or else the envelope's copy.
    pub actor_id: swe_str,
    /// `actorName`.
    pub actor_name: swe_str,
}

/// `calls:memberships:*` data (2017 to 2020).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_call_membership_view {
    /// `actorId`, or else the envelope's copy.
    pub actor_id: swe_str,
    /// `actorName`.
    pub actor_name: swe_str,
    /// `roomId`.
    pub room_id: swe_str,
}

/// `notification:created` and `notification:clicked` data.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_notification_view {
    /// `username`.
    pub username: swe_str,
    /// `message`.
    pub message: swe_str,
    /// `avatar`.
    pub avatar: swe_str,
    /// `alertType`.
    pub alert_type: swe_str,
    /// `notificationId`.
    pub notification_id: swe_str,
    /// `notification` as compact JSON (often a placeholder string).
    pub notification_json: swe_str,
}

/// `mention:clicked` data.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_mention_clicked_view {
    /// `id`: the mentioned person or group.
    pub id: swe_str,
    /// `type`, e.g. `person`.
    pub mention_type: swe_str,
}

/// `activity:changed` data.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_activity_view {
    /// `name`, e.g. `meet`.
    pub name: swe_str,
    /// `displayName`.
    pub display_name: swe_str,
    /// `type`.
    pub activity_type: swe_str,
}

/// `add:clicked`, `profile:clicked` and `user_signout:clicked` data.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_user_view {
    /// `id`: the current user, when sent.
    pub id: swe_str,
    /// `displayName`.
    pub display_name: swe_str,
}

/// One warning on an event.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_warning_view {
    /// What is doubtful.
    pub code: swe_warning_code,
    /// The JSON path of the value, relative to the event's detail (e.g. `data.teamId`).
    pub path: swe_str,
    /// A sentence for people.
    pub message: swe_str,
    /// Byte offset of the value in the parsed text.
    pub offset: usize,
}

/// Views of an event's strings. Every span of the arena is followed by a NUL.
pub(crate) struct Viewer<'a>(pub &'a Event);

impl Viewer<'_> {
    pub(crate) fn span(&self, span: Span) -> swe_str {
        // Bytes for C: the span's bounds alone are checked, not that they fall between
        // characters (the parser made them so).
        let bytes = &self.0.text.as_bytes()[span.range()];
        swe_str { ptr: bytes.as_ptr().cast(), len: bytes.len() }
    }

    pub(crate) fn opt(&self, span: Option<Span>) -> swe_str {
        span.map_or(swe_str::ABSENT, |s| self.span(s))
    }

    pub(crate) fn text(&self, s: Option<&str>) -> swe_str {
        // Only strings borrowed from the arena reach here.
        s.map_or(swe_str::ABSENT, swe_str::of_terminated)
    }

    pub(crate) fn field(&self, field: Field) -> swe_str {
        self.opt(self.0.field_span(field))
    }

    fn raw(&self, field: Field) -> swe_str {
        match self.0.field(field) {
            Some(
                Value::Files { raw, .. }
                | Value::Mentions { raw, .. }
                | Value::Call { raw, .. }
                | Value::Json(raw),
            ) => self.span(*raw),
            _ => swe_str::ABSENT,
        }
    }

    fn timestamp(&self, field: Field) -> swe_timestamp {
        match self.0.field(field) {
            Some(&Value::Time { text, millis }) => swe_timestamp {
                text: self.span(text),
                unix_ms: millis.get().unwrap_or(0),
                valid: millis.get().is_some(),
            },
            _ => swe_timestamp { text: swe_str::ABSENT, unix_ms: 0, valid: false },
        }
    }

    fn room_type(&self, field: Field) -> (swe_room_type, swe_str) {
        let Some(span) = self.0.field_span(field) else {
            return (SWE_ROOM_TYPE_ABSENT, swe_str::ABSENT);
        };
        let kind = match &self.0.text.as_bytes()[span.range()] {
            b"group" => SWE_ROOM_TYPE_GROUP,
            b"direct" => SWE_ROOM_TYPE_DIRECT,
            _ => SWE_ROOM_TYPE_OTHER,
        };
        (kind, self.span(span))
    }

    pub(crate) fn envelope(&self) -> swe_envelope_view {
        let e = self.0;
        // The catalogue's names are followed by a NUL, which C takes as the end.
        let canonical = e.kind.canonical_name_terminated().map(|terminated| swe_str {
            ptr: terminated.as_ptr().cast(),
            len: terminated.len() - 1,
        });
        let name = match (e.name, canonical) {
            (Some(span), _) => self.span(span),
            (None, Some(canonical)) => canonical,
            (None, None) => self.text(Some(e.name())),
        };
        swe_envelope_view {
            kind: e.kind().as_u32(),
            name,
            canonical_name: canonical.unwrap_or(name),
            resource: self.span(e.resource),
            event: self.span(e.event),
            actor_id: self.opt(e.actor_id_span()),
            action: self.opt(e.envelope_span(EnvelopeKey::Action)),
            wrapped: e.is_wrapped(),
            warning_count: e.warnings.len(),
        }
    }

    pub(crate) fn message(&self) -> swe_message_view {
        let (room_type, room_type_text) = self.room_type(Field::RoomType);
        let (file_count, _) = self.list(Field::Files);
        let (mention_count, mentions_kind) = self.list(Field::MentionedPeople);
        let room_id = self.field(Field::RoomId);
        swe_message_view {
            id: self.field(Field::Id),
            room_id: if room_id.ptr.is_null() { self.field(Field::SpaceId) } else { room_id },
            room_type,
            room_type_text,
            text: self.field(Field::Text),
            html: self.field(Field::Html),
            person_id: self.field(Field::PersonId),
            person_email: self.field(Field::PersonEmail),
            created: self.timestamp(Field::Created),
            to_person_id: self.field(Field::ToPersonId),
            to_person_email: self.field(Field::ToPersonEmail),
            actor_id: self.field(Field::ActorId),
            actor_name: self.field(Field::ActorName),
            file_count,
            files_json: self.raw(Field::Files),
            mentions_kind,
            mention_count,
            mentions_json: self.raw(Field::MentionedPeople),
        }
    }

    /// Entry count and (for mentions) shape of a list field.
    fn list(&self, field: Field) -> (usize, swe_mentions_kind) {
        match self.0.field(field) {
            Some(Value::Files { items, .. }) => (items.len as usize, SWE_MENTIONS_ABSENT),
            Some(Value::Mentions { items, kind, .. }) => (
                items.len as usize,
                match kind {
                    MentionsKind::List => SWE_MENTIONS_LIST,
                    MentionsKind::Items => SWE_MENTIONS_ITEMS,
                    MentionsKind::Other => SWE_MENTIONS_OTHER,
                },
            ),
            _ => (0, SWE_MENTIONS_ABSENT),
        }
    }

    /// The items of a list field, if the event's data has it.
    pub(crate) fn items(&self, field: Field) -> Option<&[Item]> {
        match self.0.field(field)? {
            Value::Files { items, .. } | Value::Mentions { items, .. } => {
                Some(self.0.items(*items))
            }
            _ => None,
        }
    }

    pub(crate) fn file(&self, item: &FileItem) -> swe_file_view {
        swe_file_view {
            form: match item.form {
                FileForm::Url => SWE_FILE_URL,
                FileForm::Object => SWE_FILE_OBJECT,
                FileForm::Other => SWE_FILE_OTHER,
            },
            url: self.opt(item.url),
            display_name: self.opt(item.display_name),
            object_type: self.opt(item.object_type),
            mime_type: self.opt(item.mime_type),
            size: item.size.and_then(|s| i64::try_from(s).ok()).unwrap_or(-1),
        }
    }

    pub(crate) fn room(&self) -> swe_room_view {
        let (room_type, room_type_text) = self.room_type(Field::Type);
        let is_locked = match self.0.field(Field::IsLocked) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        };
        let team_kind = match self.0.field(Field::TeamId) {
            Some(Value::Team { kind: TeamKind::Id, .. }) => SWE_TEAM_ID,
            Some(Value::Team { kind: TeamKind::NoTeam, .. }) => SWE_TEAM_NONE,
            Some(Value::Team { kind: TeamKind::Undefined, .. }) => SWE_TEAM_UNDEFINED,
            _ => SWE_TEAM_ABSENT,
        };
        swe_room_view {
            id: self.field(Field::Id),
            title: self.field(Field::Title),
            room_type,
            room_type_text,
            has_is_locked: is_locked.is_some(),
            is_locked: is_locked.unwrap_or(false),
            team_kind,
            team_id: self.field(Field::TeamId),
            last_activity: self.timestamp(Field::LastActivity),
            created: self.timestamp(Field::Created),
            actor_id: self.field(Field::ActorId),
            actor_name: self.field(Field::ActorName),
            tags_json: self.raw(Field::Tags),
        }
    }

    pub(crate) fn membership(&self) -> swe_membership_view {
        swe_membership_view {
            id: self.field(Field::Id),
            room_id: self.field(Field::RoomId),
            person_id: self.field(Field::PersonId),
            person_email: self.field(Field::PersonEmail),
            created: self.timestamp(Field::Created),
            actor_id: self.text(self.0.actor_id()),
            actor_name: self.field(Field::ActorName),
        }
    }

    pub(crate) fn call_membership(&self) -> swe_call_membership_view {
        swe_call_membership_view {
            actor_id: self.text(self.0.actor_id()),
            actor_name: self.field(Field::ActorName),
            room_id: self.field(Field::RoomId),
        }
    }

    pub(crate) fn notification(&self) -> swe_notification_view {
        swe_notification_view {
            username: self.field(Field::Username),
            message: self.field(Field::Message),
            avatar: self.field(Field::Avatar),
            alert_type: self.field(Field::AlertType),
            notification_id: self.field(Field::NotificationId),
            notification_json: self.raw(Field::Notification),
        }
    }

    pub(crate) fn mention_clicked(&self) -> swe_mention_clicked_view {
        swe_mention_clicked_view {
            id: self.field(Field::Id),
            mention_type: self.field(Field::Type),
        }
    }

    pub(crate) fn activity(&self) -> swe_activity_view {
        swe_activity_view {
            name: self.field(Field::Name),
            display_name: self.field(Field::DisplayName),
            activity_type: self.field(Field::Type),
        }
    }

    pub(crate) fn user(&self) -> swe_user_view {
        swe_user_view { id: self.field(Field::Id), display_name: self.field(Field::DisplayName) }
    }

    pub(crate) fn call(&self) -> swe_call_view {
        let e = self.0;
        let (call_kind, summary) = match e.field(Field::Call) {
            Some(Value::Call { kind, summary, .. }) => {
                let summary = summary.and_then(|i| match &e.items[i as usize] {
                    Item::Call(s) => Some(*s),
                    _ => None,
                });
                let kind = match kind {
                    CallKind::Placeholder => SWE_CALL_PLACEHOLDER,
                    CallKind::Object => SWE_CALL_OBJECT,
                    CallKind::Other => SWE_CALL_OTHER,
                };
                (kind, summary.unwrap_or_default())
            }
            _ => (SWE_CALL_ABSENT, Default::default()),
        };
        swe_call_view {
            room_id: self.field(Field::RoomId),
            person_id: self.field(Field::PersonId),
            person_email: self.field(Field::PersonEmail),
            actor_id: self.field(Field::ActorId),
            actor_name: self.field(Field::ActorName),
            call_kind,
            call_json: self.raw(Field::Call),
            call_id: self.opt(summary.id),
            call_status: self.opt(summary.status),
            call_state: self.opt(summary.state),
            call_direction: self.opt(summary.direction),
            call_locus_url: self.opt(summary.locus_url),
            call_correlation_id: self.opt(summary.correlation_id),
        }
    }

    pub(crate) fn warning(&self, index: usize) -> Option<swe_warning_view> {
        let record = self.0.warnings.get(index)?;
        Some(swe_warning_view {
            code: record.code.as_u32(),
            path: self.span(record.path),
            message: self.span(record.message),
            offset: record.offset as usize,
        })
    }
}

pub(crate) fn kind_cstr(kind: crate::model::catalogue::Kind) -> &'static std::ffi::CStr {
    use crate::model::catalogue::Kind as K;
    match kind {
        K::Unknown => c"",
        K::MessagesCreated => c"messages:created",
        K::RoomsUnread => c"rooms:unread",
        K::RoomsRead => c"rooms:read",
        K::CallsCreated => c"calls:created",
        K::CallsConnected => c"calls:connected",
        K::CallsDisconnected => c"calls:disconnected",
        K::RoomsSelected => c"rooms:selected",
        K::MembershipsCreated => c"memberships:created",
        K::MembershipsDeleted => c"memberships:deleted",
        K::NotificationCreated => c"notification:created",
        K::NotificationClicked => c"notification:clicked",
        K::MentionClicked => c"mention:clicked",
        K::ActivityChanged => c"activity:changed",
        K::AddClicked => c"add:clicked",
        K::ProfileClicked => c"profile:clicked",
        K::UserSignoutClicked => c"user_signout:clicked",
        K::CallMembershipsNotified => c"calls:memberships:notified",
        K::CallMembershipsConnected => c"calls:memberships:connected",
        K::CallMembershipsDeclined => c"calls:memberships:declined",
        K::CallMembershipsDisconnected => c"calls:memberships:disconnected",
        K::CallMemberships => c"calls:memberships",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::catalogue::Kind;
    use crate::warning::WarningCode;

    #[test]
    fn kind_constants_and_c_names_match_the_catalogue() {
        assert_eq!(SWE_KIND_CALL_MEMBERSHIPS as usize + 1, Kind::ALL.len());
        for kind in Kind::ALL {
            let c = kind_cstr(kind).to_str().unwrap();
            assert_eq!(kind.canonical_name().unwrap_or(""), c);
        }
        assert_eq!(SWE_WARNING_NAME_MISMATCH, WarningCode::NameMismatch.as_u32());
    }
}
