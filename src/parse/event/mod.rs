//! Reads one event: the wrapper or envelope, then `data` by the shape its kind gives,
//! validating as it goes.

mod checks;
mod data;
mod order;

use std::borrow::Cow;
use std::cell::Cell;

use smallvec::SmallVec;

use super::arena;
use super::reader::{Discard, Fail, Parsed, Reader, fail};
use crate::error::{Error, ErrorCode};
use crate::ids::{self, IdType};
use crate::model::catalogue::Kind;
use crate::model::event::{
    EnvelopeKey, Event, Item, Key, Member, NO_SLOT, Span, Value, WarningRecord,
};
use crate::model::schema::FIELD_COUNT;
use crate::options::ParseOptions;

/// The pre-2021 teamId of a space in no team: base64url of `ciscospark://us/TEAM/undefined`.
pub(super) const UNDEFINED_TEAM: &str = "Y2lzY29zcGFyazovL3VzL1RFQU0vdW5kZWZpbmVk";

/// Entries of `files` or `mentionedPeople` read into typed views; the rest stay in the list's
/// JSON. Real lists are short, and a hostile one must not cost memory per tiny entry.
pub(crate) const MAX_LIST_ENTRIES: u32 = 1000;

/// Warnings an event keeps; later ones are dropped, so that an event of many doubtful ids costs
/// bounded memory. With warnings as errors the first one still fails the parse.
pub(crate) const MAX_WARNINGS: usize = 100;

/// An event under construction.
pub(crate) struct Draft<'a> {
    r: Reader<'a>,
    warnings_as_errors: bool,
    text: String,
    data: Vec<Member>,
    /// The envelope's and the wrapper's members: a few, kept on the stack until `finish`.
    envelope: SmallVec<[Member; 8]>,
    wrapper: SmallVec<[Member; 8]>,
    data_slots: [u32; FIELD_COUNT],
    envelope_slots: [u32; 7],
    items: Vec<Item>,
    warnings: Vec<WarningRecord>,
    data_raw: Option<Span>,
    wrapper_name: Option<Span>,
    resource: Option<Span>,
    event: Option<Span>,
    /// Offset of a `data` (or `detail`) value met before the kind was known.
    deferred: Option<usize>,
    /// Offsets of the values cross-field checks point at: the wrapper's name, data.actorId.
    name_at: usize,
    data_actor_at: usize,
    /// Set when `data` was `null`.
    data_null: bool,
    /// The kind, once the name is known.
    kind: std::cell::Cell<Option<Kind>>,
    /// Set when the kind was found from `resource` and `event` that join to its canonical
    /// name, so that the event needs no name of its own.
    named_as_kind: std::cell::Cell<bool>,
    /// The data fields read with a value other than null, one bit each ([`Field::bit`]).
    present: u32,
    /// How many keys no schema knows each object has: their duplicates are looked for only
    /// where there are two or more.
    other_keys: OtherKeys,
    /// Per expected id type, the last id that passed its check.
    passed_ids: [Option<Span>; IdType::COUNT],
}

/// Counts of the keys no schema knows, per object of the event.
#[derive(Default)]
struct OtherKeys {
    wrapper: u32,
    envelope: u32,
    data: u32,
}

/// The arena of an event read from `text`: a copy of it, where strings without escapes stay as
/// spans (see [`arena`]), and room after it for what parsing adds (the name, raw JSON,
/// warnings).
fn arena_for(text: &str, mut arena: String) -> String {
    arena.clear();
    arena.reserve(text.len() + 64);
    arena.push_str(text);
    arena
}

thread_local! {
    /// Where a string with escapes is decoded before it replaces its text in the arena; kept
    /// from string to string and from parse to parse on the thread.
    static SCRATCH: Cell<String> = const { Cell::new(String::new()) };
}

/// Frees the decoding space this thread keeps.
#[cfg_attr(not(feature = "alloc-counter"), allow(dead_code))]
pub(crate) fn release_scratch() {
    let _ = SCRATCH.try_with(Cell::take);
}

/// Allocations an event no longer needs, for the next parse on the same thread to fill.
#[derive(Default)]
pub(crate) struct Spare {
    pub text: String,
    pub members: Vec<Member>,
    pub items: Vec<Item>,
    pub warnings: Vec<WarningRecord>,
}

impl Spare {
    /// Above this many bytes, an event's allocations are freed rather than kept for the next.
    pub(crate) const MAX_KEPT: usize = 64 * 1024;

    /// The allocations of a dropped event, when they are worth keeping and small enough to.
    #[inline]
    pub(crate) fn of(spare: Spare) -> Option<Spare> {
        let kept = spare.text.capacity()
            + spare.members.capacity() * std::mem::size_of::<Member>()
            + spare.items.capacity() * std::mem::size_of::<Item>()
            + spare.warnings.capacity() * std::mem::size_of::<WarningRecord>();
        (spare.text.capacity() > 0 && kept <= Spare::MAX_KEPT).then_some(spare)
    }
}

pub(crate) fn parse_event(
    text: &str,
    start: usize,
    options: &ParseOptions,
    spare: Spare,
) -> Result<Event, Error> {
    let literal = options.syntax == crate::options::Syntax::Literal;
    let mut reader = Reader::new(text, literal, options.limits);
    reader.pos = start;
    let mut draft = Draft {
        r: reader,
        warnings_as_errors: options.warnings_as_errors,
        text: arena_for(text, spare.text),
        data: {
            let mut members = spare.members;
            members.clear();
            members.reserve(24);
            members
        },
        envelope: SmallVec::new(),
        wrapper: SmallVec::new(),
        data_slots: [NO_SLOT; FIELD_COUNT],
        envelope_slots: [NO_SLOT; 7],
        items: {
            let mut items = spare.items;
            items.clear();
            items
        },
        warnings: {
            let mut warnings = spare.warnings;
            warnings.clear();
            warnings
        },
        data_raw: None,
        wrapper_name: None,
        resource: None,
        event: None,
        deferred: None,
        name_at: 0,
        data_actor_at: 0,
        data_null: false,
        kind: std::cell::Cell::new(None),
        named_as_kind: std::cell::Cell::new(false),
        passed_ids: [None; IdType::COUNT],
        other_keys: OtherKeys::default(),
        present: 0,
    };
    // The event is made in the result the caller gets: at three hundred bytes, it is worth
    // not moving from one kind of result to another.
    match draft.top().and_then(|()| draft.finish()) {
        Ok(parts) => Ok(draft.take_event(parts)),
        Err(fail) => Err(super::locate(fail, text, options.syntax)),
    }
}

/// What [`Draft::finish`] settles of an event, for [`Draft::take_event`] to make it of.
struct Parts {
    kind: Kind,
    name: Option<Span>,
    resource: Span,
    event: Span,
}

impl<'a> Draft<'a> {
    fn top(&mut self) -> Parsed<()> {
        self.r.skip_ws()?;
        if self.r.peek() != Some(b'{') {
            return Err(self.r.unexpected(self.r.pos, "'{' at the start of the event"));
        }
        self.r.enter(1)?;
        if !self.r.first_member()? {
            return Err(missing(self.r.pos - 1, "resource", "the event has no `resource`"));
        }
        let key_at = self.r.pos;
        let key = self.r.key()?;
        let wrapped = match &*key {
            "detail" => true,
            "name" => !self.envelope_keys_follow()?,
            _ => false,
        };
        if wrapped {
            self.wrapper_members(key, key_at)?;
        } else {
            self.envelope_members(key, key_at)?;
        }
        self.r.skip_ws()?;
        if !self.r.at_end() {
            let found = self.r.describe(self.r.pos);
            return Err(fail(
                ErrorCode::Syntax,
                self.r.pos,
                format!("unexpected {found} after the event"),
            ));
        }
        Ok(())
    }

    /// Whether the object whose first key (`name`) the reader has just read also holds an
    /// envelope key: then it is a bare detail with a `name` member of its own, not a wrapper.
    /// Reads ahead and comes back, so the answer does not depend on the order of the keys.
    fn envelope_keys_follow(&mut self) -> Parsed<bool> {
        let start = self.r.pos;
        let mut found = false;
        // Depth 1: a wrapper's detail counts from itself; the real parse enforces the rest.
        self.r.copy_value(&mut Discard::default(), 1)?;
        while self.r.next_member()? {
            let key = self.r.key()?;
            if matches!(&*key, "resource" | "event" | "data" | "actorId" | "action") {
                found = true;
                break;
            }
            self.r.copy_value(&mut Discard::default(), 1)?;
        }
        self.r.pos = start;
        Ok(found)
    }

    /// The `{"name": ..., "detail": {...}}` form, from its first key on.
    fn wrapper_members(&mut self, first: Cow<'a, str>, first_at: usize) -> Parsed<()> {
        let object_at = first_at;
        let mut key = first;
        let mut key_at = first_at;
        let mut detail_at = None;
        loop {
            match &*key {
                "name" if self.r.take_null() => {
                    // Null reads as absent: the wrapper then has no name.
                    self.check_duplicate_envelope(EnvelopeKey::Name, key_at)?;
                    self.push_envelope(EnvelopeKey::Name, Value::Null, true);
                }
                "name" => {
                    self.check_duplicate_envelope(EnvelopeKey::Name, key_at)?;
                    let value_at = self.r.pos;
                    let span = self.required_string(value_at, || "name".to_string())?;
                    let name = self.str(span);
                    if name.is_empty() || (name.contains(':') && name.split(':').any(str::is_empty))
                    {
                        let message = format!("the event name `{name}` has an empty part");
                        return Err(invalid(value_at, "name", &message));
                    }
                    self.wrapper_name = Some(span);
                    self.name_at = value_at;
                    self.push_envelope(EnvelopeKey::Name, Value::Str(span), true);
                }
                "detail" => {
                    self.check_duplicate_envelope(EnvelopeKey::Detail, key_at)?;
                    self.push_envelope(EnvelopeKey::Detail, Value::Null, true);
                    if self.r.peek() != Some(b'{') {
                        let what = "`detail` must be an object";
                        return Err(self.wrong_type(self.r.pos, "detail", what));
                    }
                    if self.wrapper_name.is_some() {
                        self.detail_object()?;
                    } else {
                        // The name decides how data reads: come back once it is known.
                        detail_at = Some(self.r.pos);
                        self.r.copy_value(&mut Discard::default(), 1)?;
                    }
                }
                _ => self.other_member(key, 2, true)?,
            }
            if !self.r.next_member()? {
                break;
            }
            key_at = self.r.pos;
            key = self.r.key()?;
        }
        if self.other_keys.wrapper > 1 {
            self.check_other_duplicates(&self.wrapper, object_at, "")?;
        }
        if self.wrapper_name.is_none() {
            return Err(missing(object_at, "name", "the wrapper has no `name`"));
        }
        match detail_at {
            Some(at) => {
                let end = self.r.pos;
                self.r.pos = at;
                self.detail_object()?;
                self.r.pos = end;
            }
            None if self.envelope_slots[EnvelopeKey::Detail as usize] == NO_SLOT => {
                return Err(missing(object_at, "detail", "the wrapper has no `detail`"));
            }
            None => {}
        }
        Ok(())
    }

    /// The detail object of a wrapper; the reader sits on its `{`.
    fn detail_object(&mut self) -> Parsed<()> {
        let at = self.r.pos;
        // The wrapper does not count as a level: depth is measured from the detail.
        self.r.enter(1)?;
        if !self.r.first_member()? {
            return self.check_envelope(at);
        }
        let key_at = self.r.pos;
        let key = self.r.key()?;
        self.envelope_members(key, key_at)
    }

    /// The envelope's members, from the first key on, up to and including its `}`.
    fn envelope_members(&mut self, first: Cow<'a, str>, first_at: usize) -> Parsed<()> {
        let object_at = first_at;
        let depth = 1;
        let mut key = first;
        let mut key_at = first_at;
        loop {
            let value_at = self.r.pos;
            let envelope_key = match &*key {
                "resource" => Some(EnvelopeKey::Resource),
                "event" => Some(EnvelopeKey::Event),
                "actorId" => Some(EnvelopeKey::ActorId),
                "action" => Some(EnvelopeKey::Action),
                "data" => Some(EnvelopeKey::Data),
                _ => None,
            };
            match envelope_key {
                None => self.other_member(key, depth + 1, false)?,
                Some(k) => {
                    self.check_duplicate_envelope(k, key_at)?;
                    if k == EnvelopeKey::Data && self.r.take_undefined() {
                        // Left out, as JSON.stringify leaves it out.
                    } else if k == EnvelopeKey::Data && self.r.take_null() {
                        // Null reads as absent: a known kind then lacks its data, and an unknown
                        // one keeps it as it arrived.
                        self.push_envelope(k, Value::Null, false);
                        self.data_null = true;
                        self.data_raw = Some(self.push_str("null"));
                    } else if k == EnvelopeKey::Data {
                        self.push_envelope(k, Value::Null, false);
                        if self.kind_known() {
                            self.data_value(depth + 1)?;
                        } else {
                            self.deferred = Some(value_at);
                            self.r.copy_value(&mut Discard::default(), depth + 1)?;
                        }
                    } else if self.r.take_undefined() {
                        // Left out, as JSON.stringify leaves it out.
                    } else if self.r.take_null() {
                        self.push_envelope(k, Value::Null, false);
                    } else {
                        let path = || k.key().to_string();
                        let span = match k {
                            EnvelopeKey::ActorId => self.id_span(value_at, IdType::People, path)?,
                            _ => self.required_string(value_at, path)?,
                        };
                        match k {
                            EnvelopeKey::Resource => self.resource = Some(span),
                            EnvelopeKey::Event => self.event = Some(span),
                            _ => {}
                        }
                        self.push_envelope(k, Value::Str(span), false);
                    }
                }
            }
            if !self.r.next_member()? {
                break;
            }
            key_at = self.r.pos;
            key = self.r.key()?;
        }
        if self.other_keys.envelope > 1 {
            self.check_other_duplicates(&self.envelope, object_at, "")?;
        }
        self.check_envelope(object_at)?;
        if let Some(at) = self.deferred.take() {
            let end = self.r.pos;
            self.r.pos = at;
            self.data_value(depth + 1)?;
            self.r.pos = end;
        }
        Ok(())
    }

    fn kind_known(&self) -> bool {
        self.wrapper_name.is_some() || (self.resource.is_some() && self.event.is_some())
    }

    fn check_envelope(&self, object_at: usize) -> Parsed<()> {
        if self.wrapper_name.is_none() {
            for (span, key) in [(self.resource, "resource"), (self.event, "event")] {
                match span {
                    None => {
                        return Err(missing(object_at, key, &format!("the event has no `{key}`")));
                    }
                    Some(s) if s.len == 0 => {
                        let message = format!("`{key}` is empty");
                        return Err(invalid(object_at, key, &message));
                    }
                    Some(_) => {}
                }
            }
        }
        // Events the library does not know may come without data; known ones never do.
        let no_data = self.envelope_slots[EnvelopeKey::Data as usize] == NO_SLOT || self.data_null;
        if no_data && self.kind() != Kind::Unknown {
            let message = format!("{} has no `data`", self.name_text());
            return Err(missing(object_at, "data", &message));
        }
        Ok(())
    }

    /// A value of the wrong type for a known field; or, when no value of any type starts there,
    /// the syntax or truncation error the text really has.
    fn wrong_type(&self, at: usize, path: &str, message: &str) -> Fail {
        if !self.r.value_starts_at(at) {
            return self.r.unexpected(at, "a value");
        }
        with_path(fail(ErrorCode::WrongType, at, message), path)
    }

    fn check_duplicate_envelope(&self, key: EnvelopeKey, at: usize) -> Parsed<()> {
        if self.envelope_slots[key as usize] != NO_SLOT {
            return Err(duplicate(at, key.key()));
        }
        Ok(())
    }

    fn push_envelope(&mut self, key: EnvelopeKey, value: Value, wrapper: bool) {
        let list = if wrapper { &mut self.wrapper } else { &mut self.envelope };
        // Slots of envelope members are made absolute in `finish`; wrapper ones are marked
        // with the high bit until then.
        let index = list.len() as u32 | if wrapper { 1 << 31 } else { 0 };
        self.envelope_slots[key as usize] = index;
        list.push(Member { key: Key::Envelope(key), value });
    }

    /// A member no schema knows: its key and raw JSON are kept.
    fn other_member(&mut self, key: Cow<'a, str>, depth: usize, wrapper: bool) -> Parsed<()> {
        if self.r.take_undefined() {
            return Ok(());
        }
        let key = self.push_str(&key);
        let raw = self.raw_value(depth)?;
        let member = Member { key: Key::Other(key), value: Value::Json(raw) };
        if wrapper {
            self.wrapper.push(member);
            self.other_keys.wrapper += 1;
        } else {
            self.envelope.push(member);
            self.other_keys.envelope += 1;
        }
        Ok(())
    }

    /// The full name: the wrapper's, or `resource:event`.
    fn name_text(&self) -> String {
        match self.wrapper_name {
            Some(span) => self.str(span).to_string(),
            None => format!(
                "{}:{}",
                self.resource.map_or("", |s| self.str(s)),
                self.event.map_or("", |s| self.str(s))
            ),
        }
    }

    /// The kind the name means. Looked up once: the name cannot change once known, since
    /// repeated keys are refused.
    #[inline]
    fn kind(&self) -> Kind {
        match self.kind.get() {
            Some(kind) => kind,
            None => self.settle_kind(),
        }
    }

    /// [`Draft::kind`] the first time it is known.
    #[inline(never)]
    fn settle_kind(&self) -> Kind {
        if !self.kind_known() {
            return Kind::Unknown;
        }
        let kind = self.lookup_kind();
        self.kind.set(Some(kind));
        kind
    }

    fn lookup_kind(&self) -> Kind {
        match self.wrapper_name {
            Some(span) => Kind::from_name(self.str(span)),
            None => {
                let (Some(resource), Some(event)) = (self.resource, self.event) else {
                    return Kind::Unknown;
                };
                let (resource, event) = (self.bytes(resource), self.bytes(event));
                match common_kind(resource, event) {
                    Some(kind) => {
                        self.named_as_kind.set(true);
                        kind
                    }
                    None => kind_of_parts(resource, event),
                }
            }
        }
    }

    /// Copies the value that starts at `at` (already read once) into the arena as canonical
    /// JSON, leaving the reader where it was.
    fn raw_copy_of(&mut self, at: usize, depth: usize) -> Parsed<Span> {
        let end = self.r.pos;
        self.r.pos = at;
        let raw = self.raw_value(depth);
        self.r.pos = end;
        raw
    }

    /// Copies the value the reader sits on into the arena as canonical JSON.
    fn raw_value(&mut self, depth: usize) -> Parsed<Span> {
        let start = self.text.len();
        self.r.copy_value(&mut self.text, depth)?;
        Ok(self.seal(start))
    }

    /// A string value, or a wrong-type failure naming `path`.
    #[inline(always)]
    fn required_string(&mut self, at: usize, path: impl FnOnce() -> String) -> Parsed<Span> {
        if self.r.peek() != Some(b'"') && !self.r.is_string_start() {
            return Err(self.not_a_string(at, path()));
        }
        self.string_span()
    }

    /// The failure for a value at `at` (where the reader sits) that should be a string.
    #[cold]
    fn not_a_string(&self, at: usize, path: String) -> Fail {
        if self.r.at_end() {
            return self.r.unexpected(at, "a string");
        }
        let what = format!("expected a string, found {}", self.r.describe(at));
        self.wrong_type(at, &path, &what)
    }

    /// A string value that holds an id of the `expected` type, checked: a warning (or, as
    /// asked, a failure) when it is not one, a wrong-type failure naming `path` when the value
    /// is no string.
    fn id_span(&mut self, at: usize, expected: IdType, path: impl Fn() -> String) -> Parsed<Span> {
        // A canonical id of a known head, found and checked in one pass over its characters:
        // none of them needs escaping, so the string is plain and ends at the quote after them.
        let start = self.r.pos;
        let content = start + 1;
        if self.r.peek() == Some(b'"') {
            let end = match self.passed_ids[expected as usize] {
                // The id that passed for this type just before, again (the actor's id comes
                // up to three times): the same characters, then the quote.
                Some(known)
                    if self.r.bytes.get(content + known.len as usize) == Some(&b'"')
                        && self.r.bytes[content..content + known.len as usize]
                            == self.text.as_bytes()[known.range()] =>
                {
                    Some(content + known.len as usize)
                }
                _ => ids::known_id_end(self.r.bytes, content, expected),
            };
            if let Some(end) = end {
                self.r.check_string_len(start, end - content)?;
                self.r.pos = end + 1;
                arena::terminate(&mut self.text, end);
                let span = Span { start: content as u32, len: (end - content) as u32 };
                self.passed_ids[expected as usize] = Some(span);
                return Ok(span);
            }
        }
        let span = self.required_string(at, &path)?;
        self.check_id(span, expected, at, path)?;
        Ok(span)
    }

    /// Reads the string the reader sits on into the arena, where it already stands.
    #[inline(always)]
    fn string_span(&mut self) -> Parsed<Span> {
        let content = self.r.pos + 1;
        if let Some(end) = self.r.plain_string()? {
            arena::terminate(&mut self.text, end);
            return Ok(Span { start: content as u32, len: (end - content) as u32 });
        }
        self.escaped_string_span(content)
    }

    /// [`Draft::string_span`] of a string with escapes (or a broken one): decoded, then
    /// written over its text. Apart, so that plain strings pay nothing for it.
    #[cold]
    #[inline(never)]
    fn escaped_string_span(&mut self, content: usize) -> Parsed<Span> {
        let mut decoded = SCRATCH.try_with(Cell::take).unwrap_or_default();
        decoded.clear();
        let read = self.r.string_into(&mut decoded);
        if read.is_ok() {
            // The reader has passed the closing quote.
            arena::rewrite(&mut self.text, content..self.r.pos, &decoded);
        }
        let span = Span { start: content as u32, len: decoded.len() as u32 };
        if decoded.capacity() <= Spare::MAX_KEPT {
            let _ = SCRATCH.try_with(|cell| cell.set(decoded));
        }
        read.map(|()| span)
    }

    fn push_str(&mut self, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        self.seal(start)
    }

    /// Ends the arena entry that began at `start` with a NUL and returns its span.
    fn seal(&mut self, start: usize) -> Span {
        let len = self.text.len() - start;
        self.text.push('\0');
        Span { start: start as u32, len: len as u32 }
    }

    fn str(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    /// The bytes of `span`: for comparisons, which need no character boundaries checked.
    fn bytes(&self, span: Span) -> &[u8] {
        &self.text.as_bytes()[span.range()]
    }

    /// The checks once the whole event is read, and what they settle: its kind, name,
    /// resource and event.
    fn finish(&mut self) -> Parsed<Parts> {
        let kind = self.kind();
        let name = match (self.wrapper_name, self.resource, self.event) {
            (Some(span), _, _) => Some(span),
            (None, Some(_), Some(_)) if self.named_as_kind.get() => None,
            (None, Some(resource), Some(event)) => {
                let (resource_text, event_text) = (self.str(resource), self.str(event));
                match kind.canonical_name() {
                    Some(canonical) if is_joined(canonical, resource_text, event_text) => None,
                    _ => {
                        let start = self.text.len();
                        self.text.extend_from_within(resource.range());
                        self.text.push(':');
                        self.text.extend_from_within(event.range());
                        Some(self.seal(start))
                    }
                }
            }
            _ => unreachable!("check_envelope requires resource and event without a wrapper"),
        };
        let (resource, event) = match (self.resource, self.event) {
            (Some(r), Some(e)) => {
                self.check_name_matches(r, e)?;
                (r, e)
            }
            _ => {
                // Only a wrapper may lack them: derive both from its name, or for an old
                // dot-separated name from the current name of its kind.
                let arrived = name.map_or("", |name| self.str(name));
                let full = match kind.canonical_name() {
                    Some(current) if !arrived.contains(':') => current,
                    _ => arrived,
                }
                .to_string();
                let mut parts = full.splitn(3, ':');
                let resource = parts.next().unwrap_or("").to_string();
                let event = parts.next().unwrap_or("").to_string();
                (
                    self.resource.unwrap_or_else(|| self.push_str(&resource)),
                    self.event.unwrap_or_else(|| self.push_str(&event)),
                )
            }
        };
        self.check_actor()?;
        Ok(Parts { kind, name, resource, event })
    }

    /// The event, its members in one list: data, then the envelope, then the wrapper.
    fn take_event(&mut self, parts: Parts) -> Event {
        let Parts { kind, name, resource, event } = parts;
        let data_len = self.data.len() as u32;
        let envelope_len = self.envelope.len() as u32;
        // Without branches: a wrapper member's slot (high bit set) counts from after the
        // envelope's members, an envelope member's from after data's.
        for slot in &mut self.envelope_slots {
            let wrapper = *slot >> 31;
            let absolute =
                data_len + (envelope_len & wrapper.wrapping_neg()) + (*slot & !(1 << 31));
            *slot = if *slot == NO_SLOT { NO_SLOT } else { absolute };
        }
        let mut members = std::mem::take(&mut self.data);
        members.extend_from_slice(&self.envelope);
        members.extend_from_slice(&self.wrapper);
        Event {
            text: std::mem::take(&mut self.text),
            kind,
            name,
            resource,
            event,
            wrapped: self.wrapper_name.is_some(),
            members,
            data_start: 0,
            envelope_start: data_len,
            wrapper_start: data_len + envelope_len,
            data_raw: self.data_raw,
            envelope_slots: self.envelope_slots,
            data_slots: self.data_slots,
            items: std::mem::take(&mut self.items),
            warnings: std::mem::take(&mut self.warnings),
        }
    }
}

/// Whether `name` is `resource:event`.
fn is_joined(name: &str, resource: &str, event: &str) -> bool {
    name.len() == resource.len() + 1 + event.len()
        && name.as_bytes()[resource.len()] == b':'
        && name.starts_with(resource)
        && name.ends_with(event)
}

fn kind_of_parts(resource: &[u8], event: &[u8]) -> Kind {
    if let Some(kind) = common_kind(resource, event) {
        return kind;
    }
    // Known names are short: join them on the stack.
    let mut buf = [0u8; 40];
    let len = resource.len() + 1 + event.len();
    if len > buf.len() {
        return Kind::Unknown;
    }
    buf[..resource.len()].copy_from_slice(resource);
    buf[resource.len()] = b':';
    buf[resource.len() + 1..len].copy_from_slice(event);
    std::str::from_utf8(&buf[..len]).map_or(Kind::Unknown, Kind::from_name)
}

/// The kinds of nearly every event, looked up without joining their names' parts; each is
/// named `resource:event`, as [`Kind::canonical_name`] gives it.
fn common_kind(resource: &[u8], event: &[u8]) -> Option<Kind> {
    // By the parts' lengths, which tell these names apart, then one comparison of each part
    // with a text of known length.
    let (kind, names) = match (resource.len(), event.len()) {
        (8, 7) => (Kind::MessagesCreated, resource == b"messages" && event == b"created"),
        (5, 6) => (Kind::RoomsUnread, resource == b"rooms" && event == b"unread"),
        (5, 4) => (Kind::RoomsRead, resource == b"rooms" && event == b"read"),
        (5, 8) => (Kind::RoomsSelected, resource == b"rooms" && event == b"selected"),
        (5, 7) => (Kind::CallsCreated, resource == b"calls" && event == b"created"),
        (5, 9) => (Kind::CallsConnected, resource == b"calls" && event == b"connected"),
        (5, 12) => (Kind::CallsDisconnected, resource == b"calls" && event == b"disconnected"),
        (11, 7) => (Kind::MembershipsCreated, resource == b"memberships" && event == b"created"),
        _ => return None,
    };
    names.then_some(kind)
}

fn with_path(mut f: Fail, path: &str) -> Fail {
    f.path = Some(path.to_string());
    f
}

fn missing(at: usize, path: &str, message: &str) -> Fail {
    with_path(fail(ErrorCode::MissingField, at, message), path)
}

fn invalid(at: usize, path: &str, message: &str) -> Fail {
    with_path(fail(ErrorCode::InvalidValue, at, message), path)
}

fn duplicate(at: usize, path: &str) -> Fail {
    let message = format!("duplicate key `{}`", path.rsplit('.').next().unwrap_or(path));
    with_path(fail(ErrorCode::DuplicateKey, at, message), path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_common_names_mean_what_their_joined_names_mean() {
        for kind in Kind::ALL {
            let Some(name) = kind.canonical_name() else { continue };
            let (resource, event) = name.split_once(':').unwrap();
            assert_eq!(
                kind_of_parts(resource.as_bytes(), event.as_bytes()),
                Kind::from_name(name),
                "{name}"
            );
        }
        // A common kind is named by its parts joined, which events named so need not keep.
        for kind in Kind::ALL {
            let Some(name) = kind.canonical_name() else { continue };
            let (resource, event) = name.split_once(':').unwrap();
            if let Some(common) = common_kind(resource.as_bytes(), event.as_bytes()) {
                assert_eq!(common, kind, "{name}");
            }
        }
        assert_eq!(common_kind(b"spaces", b"read"), None);
    }

    proptest! {
        #[test]
        fn any_parts_mean_what_their_joined_name_means(
            resource in "(messages|rooms|calls|memberships|[a-z]{0,8})",
            event in "(created|unread|read|selected|connected|disconnected|[a-z:]{0,8})",
        ) {
            prop_assert_eq!(
                kind_of_parts(resource.as_bytes(), event.as_bytes()),
                Kind::from_name(&format!("{resource}:{event}"))
            );
        }
    }
}
