//! The parsed event: one text arena plus spans into it.
//!
//! Every string an event holds (decoded field values, raw JSON of opaque values, the name,
//! warning messages) lives in one arena, each followed by a NUL so that C hosts can read it
//! as a C string too. Fields are spans into the arena: parsing allocates per event, never per
//! field.

use super::catalogue::{Kind, Shape};
use super::schema::{FIELD_COUNT, Field};
use crate::warning::{Warning, WarningCode};

/// A byte range of an event's arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    /// The span's bytes, as a range; in `usize`, where the end cannot overflow.
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }

    /// The span's text in `arena`.
    #[inline]
    pub(crate) fn of(self, arena: &str) -> &str {
        substr(arena, self.start as usize, self.start as usize + self.len as usize)
    }
}

/// `&text[start..end]`, with its bounds checked inline: the parser and the views slice text at
/// every string, and the standard library's check of a slice is a call.
#[inline]
pub(crate) fn substr(text: &str, start: usize, end: usize) -> &str {
    let bytes = text.as_bytes();
    // A character boundary: the end, or a byte that does not continue a character.
    let boundary = |i: usize| i == bytes.len() || bytes.get(i).is_some_and(|&b| b as i8 >= -0x40);
    assert!(start <= end && boundary(start) && boundary(end), "a string's bounds");
    // SAFETY: the assertion above found `start..end` within `text`, from one character
    // boundary to another.
    unsafe { text.get_unchecked(start..end) }
}

pub(crate) const NO_SLOT: u32 = u32::MAX;

/// A key of the wrapper or the envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EnvelopeKey {
    Name,
    Detail,
    Resource,
    Event,
    ActorId,
    Action,
    Data,
}

impl EnvelopeKey {
    keys! { EnvelopeKey {
        Name => "name",
        Detail => "detail",
        Resource => "resource",
        Event => "event",
        ActorId => "actorId",
        Action => "action",
        Data => "data",
    } }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    Envelope(EnvelopeKey),
    Field(Field),
    /// A key the library does not model; the span holds the decoded key.
    Other(Span),
}

/// The shape `teamId` arrived in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamKind {
    /// A team id.
    Id,
    /// `""`: the space is in no team.
    NoTeam,
    /// The pre-2021 encoding of `ciscospark://us/TEAM/undefined`: also no team.
    Undefined,
}

/// The shape `mentionedPeople` arrived in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionsKind {
    /// A list of `{"id": ...}` objects or of id strings (possibly empty).
    List,
    /// An object `{"items": [...]}`, passed through by the widget unchanged.
    Items,
    /// Any other JSON; no ids can be read from it.
    Other,
}

/// The shape `call` arrived in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// A string put in place of the live SDK object, e.g. `"[Call Object]"`.
    Placeholder,
    /// An object: a bridge's summary, whose typed fields can be read.
    Object,
    /// Any other JSON value.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ItemRange {
    pub start: u32,
    pub len: u32,
}

/// A timestamp's instant in Unix milliseconds, or none, in two 32-bit halves: a member then
/// takes 32 bytes rather than 48.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Millis([u32; 2]);

impl Millis {
    /// Never an instant of an RFC 3339 timestamp, whose years end at 9999.
    const NONE: i64 = i64::MIN;

    pub(crate) fn new(millis: Option<i64>) -> Millis {
        let n = millis.unwrap_or(Millis::NONE) as u64;
        Millis([n as u32, (n >> 32) as u32])
    }

    pub(crate) fn get(self) -> Option<i64> {
        let n = (u64::from(self.0[1]) << 32 | u64::from(self.0[0])) as i64;
        (n != Millis::NONE).then_some(n)
    }
}

/// A field's value. Strings are decoded; opaque values are kept as minified JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Str(Span),
    Time { text: Span, millis: Millis },
    Team { text: Span, kind: TeamKind },
    Files { raw: Span, items: ItemRange },
    Mentions { raw: Span, kind: MentionsKind, items: ItemRange },
    Call { raw: Span, kind: CallKind, summary: Option<u32> },
    Json(Span),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Member {
    pub key: Key,
    pub value: Value,
}

/// How one entry of `files` arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileForm {
    /// A URL string, as the documentation shows.
    Url,
    /// A file object, as the widget sends.
    Object,
    /// Any other JSON value; nothing can be read from it.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileItem {
    pub form: FileForm,
    pub url: Option<Span>,
    pub display_name: Option<Span>,
    pub object_type: Option<Span>,
    pub mime_type: Option<Span>,
    pub size: Option<u64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CallSummary {
    pub id: Option<Span>,
    pub status: Option<Span>,
    pub state: Option<Span>,
    pub direction: Option<Span>,
    pub locus_url: Option<Span>,
    pub correlation_id: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    File(FileItem),
    Mention(Option<Span>),
    Call(CallSummary),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WarningRecord {
    pub code: WarningCode,
    pub path: Span,
    pub message: Span,
    pub offset: u32,
}

/// One widget event: its name, envelope and typed data, with the warnings validation raised.
///
/// Events are immutable once made, own all their text, and are `Send + Sync`: any thread may
/// read one while others do.
///
/// A dropped event leaves its allocations to the next event parsed on the same thread, so a
/// loop that parses, dispatches and drops allocates nothing per event once warm; each thread
/// keeps at most one event's worth (none of an event over 64 KiB).
#[derive(Clone, Debug)]
pub struct Event {
    pub(crate) text: String,
    pub(crate) kind: Kind,
    /// `None` when the name is the kind's canonical name, as nearly every event's is.
    pub(crate) name: Option<Span>,
    pub(crate) resource: Span,
    pub(crate) event: Span,
    pub(crate) wrapped: bool,
    /// Data members, then envelope members from `envelope_start`, then wrapper members from
    /// `wrapper_start`, each group in the order it arrived.
    pub(crate) members: Vec<Member>,
    pub(crate) data_start: u32,
    pub(crate) envelope_start: u32,
    pub(crate) wrapper_start: u32,
    /// For the unknown kind, or data that is not an object: the data as raw JSON.
    pub(crate) data_raw: Option<Span>,
    pub(crate) envelope_slots: [u32; 7],
    pub(crate) data_slots: [u32; FIELD_COUNT],
    pub(crate) items: Vec<Item>,
    pub(crate) warnings: Vec<WarningRecord>,
}

impl Drop for Event {
    /// Hands the event's allocations to the next parse on this thread.
    fn drop(&mut self) {
        crate::parse::recycle(crate::parse::Spare {
            text: std::mem::take(&mut self.text),
            members: std::mem::take(&mut self.members),
            items: std::mem::take(&mut self.items),
            warnings: std::mem::take(&mut self.warnings),
        });
    }
}

impl Event {
    pub(crate) fn str(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    pub(crate) fn opt_str(&self, span: Option<Span>) -> Option<&str> {
        span.map(|s| self.str(s))
    }

    /// The kind of event, resolved from its name (old names included).
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The full name as it arrived: the wrapper's `name` when there was one (it keeps a third
    /// part that the envelope drops), else `resource:event`.
    pub fn name(&self) -> &str {
        match self.name {
            Some(span) => self.str(span),
            None => self.kind.canonical_name().unwrap_or_default(),
        }
    }

    /// The current name of the kind (`rooms:read` for `spaces:read`), or [`Event::name`] for
    /// unknown events.
    pub fn canonical_name(&self) -> &str {
        self.kind.canonical_name().unwrap_or_else(|| self.name())
    }

    /// The envelope's `resource`, e.g. `messages`; derived from the name when absent.
    pub fn resource(&self) -> &str {
        self.str(self.resource)
    }

    /// The envelope's `event`, e.g. `created`; derived from the name when absent.
    pub fn event_type(&self) -> &str {
        self.str(self.event)
    }

    /// The envelope's `actorId`, or else `data.actorId`.
    pub fn actor_id(&self) -> Option<&str> {
        self.opt_str(self.actor_id_span())
    }

    /// The envelope's `action` (e.g. `call` on `rooms:selected` when the call button was used).
    pub fn action(&self) -> Option<&str> {
        self.opt_str(self.envelope_span(EnvelopeKey::Action))
    }

    /// Whether the event arrived as a `{"name": ..., "detail": ...}` wrapper.
    pub fn is_wrapped(&self) -> bool {
        self.wrapped
    }

    /// The warnings validation raised, in the order it raised them.
    pub fn warnings(&self) -> impl ExactSizeIterator<Item = Warning<'_>> + '_ {
        self.warnings.iter().map(|w| self.warning_view(w))
    }

    /// Whether validation raised a warning with this code.
    pub fn has_warning(&self, code: WarningCode) -> bool {
        self.warnings.iter().any(|w| w.code == code)
    }

    pub(crate) fn warning_view(&self, w: &WarningRecord) -> Warning<'_> {
        Warning {
            code: w.code,
            path: self.str(w.path),
            message: self.str(w.message),
            offset: w.offset as usize,
        }
    }

    /// The raw JSON of a member of `data`, known or not, by key: e.g. `data_json("text")` is
    /// `"\"hello\""`. `None` when absent, or when `data` is not an object.
    pub fn data_json(&self, key: &str) -> Option<String> {
        if let Some(raw) = self.data_raw {
            // Unknown events keep data as text; look the key up in it.
            let members: std::collections::BTreeMap<String, Box<serde_json::value::RawValue>> =
                serde_json::from_str(self.str(raw)).ok()?;
            return members.get(key).map(|value| value.get().to_string());
        }
        let member = self.data_members().iter().find(|m| self.key_str(m.key) == key)?;
        let mut out = String::new();
        crate::emit::write_value(self, &member.value, &mut out);
        Some(out)
    }

    /// The keys of `data` in the order they arrived.
    pub fn data_keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.data_members().iter().map(|m| self.key_str(m.key))
    }

    /// The whole `data` as minified JSON.
    pub fn data_to_json(&self) -> String {
        let mut out = String::new();
        crate::emit::write_data(self, &mut out);
        out
    }

    pub(crate) fn data_members(&self) -> &[Member] {
        &self.members[self.data_start as usize..self.envelope_start as usize]
    }

    pub(crate) fn envelope_members(&self) -> &[Member] {
        &self.members[self.envelope_start as usize..self.wrapper_start as usize]
    }

    pub(crate) fn wrapper_members(&self) -> &[Member] {
        &self.members[self.wrapper_start as usize..]
    }

    pub(crate) fn key_str(&self, key: Key) -> &str {
        match key {
            Key::Envelope(k) => k.key(),
            Key::Field(f) => f.key(),
            Key::Other(span) => self.str(span),
        }
    }

    pub(crate) fn shape(&self) -> Shape {
        if self.data_raw.is_some() { Shape::Raw } else { self.kind.shape() }
    }

    pub(crate) fn field(&self, field: Field) -> Option<&Value> {
        // `NO_SLOT` is past the end of any list of members: one check says absent.
        self.members.get(self.data_slots[field as usize] as usize).map(|m| &m.value)
    }

    fn envelope_value(&self, key: EnvelopeKey) -> Option<&Value> {
        self.members.get(self.envelope_slots[key as usize] as usize).map(|m| &m.value)
    }

    /// The span of an envelope member that is a string.
    pub(crate) fn envelope_span(&self, key: EnvelopeKey) -> Option<Span> {
        match *self.envelope_value(key)? {
            Value::Str(span) => Some(span),
            _ => None,
        }
    }

    /// The span of [`Event::actor_id`].
    pub(crate) fn actor_id_span(&self) -> Option<Span> {
        self.envelope_span(EnvelopeKey::ActorId).or_else(|| self.field_span(Field::ActorId))
    }

    pub(crate) fn field_str(&self, field: Field) -> Option<&str> {
        match *self.field(field)? {
            Value::Str(span) | Value::Time { text: span, .. } | Value::Team { text: span, .. } => {
                Some(self.str(span))
            }
            _ => None,
        }
    }

    pub(crate) fn field_span(&self, field: Field) -> Option<Span> {
        match *self.field(field)? {
            Value::Str(span) | Value::Time { text: span, .. } | Value::Team { text: span, .. } => {
                Some(span)
            }
            _ => None,
        }
    }

    pub(crate) fn items(&self, range: ItemRange) -> &[Item] {
        &self.items[range.start as usize..range.start as usize + range.len as usize]
    }
}

impl PartialEq for Event {
    /// Two events are equal when they have the same kind and name and write the same JSON:
    /// the same members in the same order with the same values.
    fn eq(&self, other: &Event) -> bool {
        self.kind == other.kind && self.name() == other.name() && self.to_json() == other.to_json()
    }
}

impl Eq for Event {}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_envelope_key_is_read_from_its_quoted_form() {
        let keys = [
            (EnvelopeKey::Name, "name"),
            (EnvelopeKey::Detail, "detail"),
            (EnvelopeKey::Resource, "resource"),
            (EnvelopeKey::Event, "event"),
            (EnvelopeKey::ActorId, "actorId"),
            (EnvelopeKey::Action, "action"),
            (EnvelopeKey::Data, "data"),
        ];
        for (key, text) in keys {
            assert_eq!(key.key(), text);
            assert_eq!(key.quoted_key(), format!("\"{text}\":"));
        }
    }

    #[test]
    fn an_instant_survives_its_halves() {
        for millis in [None, Some(0), Some(-1), Some(1_614_879_236_767), Some(-62_135_596_800_000)]
        {
            assert_eq!(Millis::new(millis).get(), millis);
        }
        assert_eq!(std::mem::size_of::<Member>(), 32);
    }
}
