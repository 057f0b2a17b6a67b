//! Reads one event: the wrapper or envelope, then `data` by the shape its kind gives,
//! validating as it goes.

use std::borrow::Cow;

use super::reader::{Discard, Fail, Parsed, Reader, Word, fail};
use crate::error::ErrorCode;
use crate::ids::{self, IdProblem, IdType};
use crate::model::catalogue::{Kind, Shape};
use crate::model::event::{
    CallKind, CallSummary, EnvelopeKey, Event, FileForm, FileItem, Item, ItemRange, Key, Member,
    MentionsKind, NO_SLOT, Span, TeamKind, Value, WarningRecord,
};
use crate::model::schema::{FIELD_COUNT, Field, FieldSpec, FieldType};
use crate::options::ParseOptions;
use crate::timestamp;
use crate::warning::WarningCode;

/// The pre-2021 teamId of a space in no team: base64url of `ciscospark://us/TEAM/undefined`.
const UNDEFINED_TEAM: &str = "Y2lzY29zcGFyazovL3VzL1RFQU0vdW5kZWZpbmVk";

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
    envelope: Vec<Member>,
    wrapper: Vec<Member>,
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
}

pub(crate) fn parse_event(text: &str, start: usize, options: &ParseOptions) -> Parsed<Event> {
    let literal = options.syntax == crate::options::Syntax::Literal;
    let mut reader = Reader::new(text, literal, options.limits);
    reader.pos = start;
    let mut draft = Draft {
        r: reader,
        warnings_as_errors: options.warnings_as_errors,
        text: String::with_capacity(text.len() + 64),
        data: Vec::with_capacity(24),
        envelope: Vec::new(),
        wrapper: Vec::new(),
        data_slots: [NO_SLOT; FIELD_COUNT],
        envelope_slots: [NO_SLOT; 7],
        items: Vec::new(),
        warnings: Vec::new(),
        data_raw: None,
        wrapper_name: None,
        resource: None,
        event: None,
        deferred: None,
        name_at: 0,
        data_actor_at: 0,
        data_null: false,
    };
    draft.top()?;
    draft.finish()
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
                        let span = self.required_string(value_at, || k.key().to_string())?;
                        match k {
                            EnvelopeKey::Resource => self.resource = Some(span),
                            EnvelopeKey::Event => self.event = Some(span),
                            EnvelopeKey::ActorId => {
                                self.check_id(span, IdType::People, value_at, || "actorId".into())?
                            }
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
            self.wrapper.push(member)
        } else {
            self.envelope.push(member)
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

    fn kind(&self) -> Kind {
        match self.wrapper_name {
            Some(span) => Kind::from_name(self.str(span)),
            None => {
                let (Some(resource), Some(event)) = (self.resource, self.event) else {
                    return Kind::Unknown;
                };
                kind_of_parts(self.str(resource), self.str(event))
            }
        }
    }

    /// `data`, read by the shape of the event's kind.
    fn data_value(&mut self, depth: usize) -> Parsed<()> {
        let at = self.r.pos;
        let shape = self.kind().shape();
        if shape == Shape::Raw {
            self.data_raw = Some(self.raw_value(depth)?);
            return Ok(());
        }
        if self.r.at_end() {
            return Err(self.r.unexpected(at, "the data object"));
        }
        if self.r.peek() != Some(b'{') {
            let what = format!("`data` of {} must be an object", self.name_text());
            return Err(self.wrong_type(at, "data", &what));
        }
        self.r.enter(depth)?;
        if self.r.first_member()? {
            loop {
                let key_at = self.r.pos;
                let key = self.r.key()?;
                let spec = Field::from_key(key.as_bytes()).and_then(|f| shape.spec(f));
                match spec {
                    Some(spec) => self.data_field(spec, key_at, depth)?,
                    None => self.data_other(key, depth)?,
                }
                if !self.r.next_member()? {
                    break;
                }
            }
        }
        self.check_other_duplicates(at)?;
        self.validate_data(shape, at)
    }

    fn data_other(&mut self, key: Cow<'a, str>, depth: usize) -> Parsed<()> {
        if self.r.take_undefined() {
            return Ok(());
        }
        let key = self.push_str(&key);
        let raw = self.raw_value(depth + 1)?;
        self.data.push(Member { key: Key::Other(key), value: Value::Json(raw) });
        Ok(())
    }

    fn data_field(&mut self, spec: &FieldSpec, key_at: usize, depth: usize) -> Parsed<()> {
        let field = spec.field;
        if self.data_slots[field as usize] != NO_SLOT {
            return Err(duplicate(key_at, &format!("data.{}", field.key())));
        }
        if self.r.take_undefined() {
            return Ok(());
        }
        let at = self.r.pos;
        if field == Field::ActorId {
            self.data_actor_at = at;
        }
        let value =
            if self.r.take_null() { Value::Null } else { self.typed_value(spec, at, depth + 1)? };
        self.data_slots[field as usize] = self.data.len() as u32;
        self.data.push(Member { key: Key::Field(field), value });
        Ok(())
    }

    fn typed_value(&mut self, spec: &FieldSpec, at: usize, depth: usize) -> Parsed<Value> {
        let key = spec.field.key();
        let path = || format!("data.{key}");
        Ok(match spec.ty {
            FieldType::Str => Value::Str(self.required_string(at, path)?),
            FieldType::Id(expected) => {
                let span = self.required_string(at, path)?;
                self.check_id(span, expected, at, path)?;
                Value::Str(span)
            }
            FieldType::RoomType => {
                let span = self.required_string(at, path)?;
                if !matches!(self.str(span), "group" | "direct") {
                    let message = format!(
                        "unknown room type `{}` (expected `group` or `direct`)",
                        self.str(span)
                    );
                    self.warn(WarningCode::UnknownValue, path(), message, at)?;
                }
                Value::Str(span)
            }
            FieldType::Time => {
                let span = self.required_string(at, path)?;
                let millis = timestamp::unix_millis(self.str(span));
                if millis.is_none() {
                    let message = format!("`{}` is not an RFC 3339 timestamp", self.str(span));
                    self.warn(WarningCode::TimestampInvalid, path(), message, at)?;
                }
                Value::Time { text: span, millis }
            }
            FieldType::Bool => match self.r.word() {
                Some(Word::True) => Value::Bool(true),
                Some(Word::False) => Value::Bool(false),
                _ => return Err(self.wrong_type(at, &path(), "expected true or false")),
            },
            FieldType::Team => {
                let span = self.required_string(at, path)?;
                let kind = match self.str(span) {
                    "" => TeamKind::NoTeam,
                    UNDEFINED_TEAM => TeamKind::Undefined,
                    _ => {
                        self.check_id(span, IdType::Team, at, path)?;
                        TeamKind::Id
                    }
                };
                Value::Team { text: span, kind }
            }
            FieldType::Files => self.files(at, depth)?,
            FieldType::Mentions => self.mentions(at, depth)?,
            FieldType::Call => self.call(at, depth)?,
            FieldType::Json => Value::Json(self.raw_value(depth)?),
        })
    }

    fn files(&mut self, at: usize, depth: usize) -> Parsed<Value> {
        if self.r.peek() != Some(b'[') {
            return Err(self.wrong_type(at, "data.files", "expected a list of files"));
        }
        let start = self.items.len() as u32;
        self.r.enter(depth)?;
        if self.r.first_element()? {
            loop {
                if self.items.len() as u32 - start < MAX_LIST_ENTRIES {
                    let item = self.file_item(depth + 1)?;
                    self.items.push(Item::File(item));
                } else {
                    self.r.copy_value(&mut Discard::default(), depth + 1)?;
                }
                if !self.r.next_element()? {
                    break;
                }
            }
        }
        let items = ItemRange { start, len: self.items.len() as u32 - start };
        Ok(Value::Files { raw: self.raw_copy_of(at, depth)?, items })
    }

    fn file_item(&mut self, depth: usize) -> Parsed<FileItem> {
        let mut item = FileItem {
            form: FileForm::Other,
            url: None,
            display_name: None,
            object_type: None,
            mime_type: None,
            size: None,
        };
        if self.r.is_string_start() {
            item.form = FileForm::Url;
            item.url = Some(self.string_span()?);
            return Ok(item);
        }
        if self.r.peek() != Some(b'{') {
            self.r.copy_value(&mut Discard::default(), depth)?;
            return Ok(item);
        }
        item.form = FileForm::Object;
        self.object_members(depth, |draft, key| {
            let slot = match key {
                "url" => &mut item.url,
                "displayName" => &mut item.display_name,
                "objectType" => &mut item.object_type,
                "mimeType" => &mut item.mime_type,
                "fileSize" => {
                    item.size = draft.optional_u64()?;
                    return Ok(true);
                }
                _ => return Ok(false),
            };
            *slot = draft.optional_string()?;
            Ok(true)
        })?;
        Ok(item)
    }

    fn mentions(&mut self, at: usize, depth: usize) -> Parsed<Value> {
        let start = self.items.len() as u32;
        let kind = match self.r.peek() {
            Some(b'[') => {
                self.mention_list(depth, "data.mentionedPeople")?;
                MentionsKind::List
            }
            Some(b'{') => {
                let mut found = false;
                self.object_members(depth, |draft, key| {
                    if key != "items" || found || draft.r.peek() != Some(b'[') {
                        return Ok(false);
                    }
                    found = true;
                    draft.mention_list(depth + 1, "data.mentionedPeople.items")?;
                    Ok(true)
                })?;
                if found { MentionsKind::Items } else { MentionsKind::Other }
            }
            _ => {
                self.r.copy_value(&mut Discard::default(), depth)?;
                MentionsKind::Other
            }
        };
        let items = ItemRange { start, len: self.items.len() as u32 - start };
        Ok(Value::Mentions { raw: self.raw_copy_of(at, depth)?, kind, items })
    }

    fn mention_list(&mut self, depth: usize, path: &str) -> Parsed<()> {
        self.r.enter(depth)?;
        if !self.r.first_element()? {
            return Ok(());
        }
        let mut index = 0;
        loop {
            let at = self.r.pos;
            if index >= MAX_LIST_ENTRIES as usize {
                self.r.copy_value(&mut Discard::default(), depth + 1)?;
                if !self.r.next_element()? {
                    return Ok(());
                }
                continue;
            }
            let id = if self.r.is_string_start() {
                let span = self.string_span()?;
                self.check_id(span, IdType::People, at, || format!("{path}[{index}]"))?;
                Some(span)
            } else if self.r.peek() == Some(b'{') {
                let mut id = None;
                self.object_members(depth + 1, |draft, key| {
                    if key != "id" {
                        return Ok(false);
                    }
                    // A repeated `id` replaces the earlier one, as JSON.parse does.
                    let value_at = draft.r.pos;
                    id = draft.optional_string()?;
                    if let Some(span) = id {
                        let path = || format!("{path}[{index}].id");
                        draft.check_id(span, IdType::People, value_at, path)?;
                    }
                    Ok(true)
                })?;
                id
            } else {
                self.r.copy_value(&mut Discard::default(), depth + 1)?;
                None
            };
            self.items.push(Item::Mention(id));
            index += 1;
            if !self.r.next_element()? {
                return Ok(());
            }
        }
    }

    fn call(&mut self, at: usize, depth: usize) -> Parsed<Value> {
        let (kind, summary) = if self.r.is_string_start() {
            self.r.copy_value(&mut Discard::default(), depth)?;
            (CallKind::Placeholder, None)
        } else if self.r.peek() == Some(b'{') {
            let mut s = CallSummary::default();
            self.object_members(depth, |draft, key| {
                let slot = match key {
                    "id" => &mut s.id,
                    "status" => &mut s.status,
                    "state" => &mut s.state,
                    "direction" => &mut s.direction,
                    "locusUrl" => &mut s.locus_url,
                    "correlationId" => &mut s.correlation_id,
                    _ => return Ok(false),
                };
                // A repeated key replaces the earlier value, as JSON.parse does.
                *slot = draft.optional_string()?;
                Ok(true)
            })?;
            self.items.push(Item::Call(s));
            (CallKind::Object, Some(self.items.len() as u32 - 1))
        } else {
            self.r.copy_value(&mut Discard::default(), depth)?;
            (CallKind::Other, None)
        };
        Ok(Value::Call { raw: self.raw_copy_of(at, depth)?, kind, summary })
    }

    /// Walks an object's members (the reader sits on `{`), handing each key to `member`,
    /// which reads the value and returns true, or returns false to have it skipped.
    fn object_members(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, &str) -> Parsed<bool>,
    ) -> Parsed<()> {
        self.r.enter(depth)?;
        if !self.r.first_member()? {
            return Ok(());
        }
        loop {
            let key = self.r.key()?;
            if !member(self, &key)? {
                self.r.copy_value(&mut Discard::default(), depth + 1)?;
            }
            if !self.r.next_member()? {
                return Ok(());
            }
        }
    }

    fn optional_string(&mut self) -> Parsed<Option<Span>> {
        if self.r.is_string_start() {
            return Ok(Some(self.string_span()?));
        }
        self.r.copy_value(&mut Discard::default(), 1)?;
        Ok(None)
    }

    fn optional_u64(&mut self) -> Parsed<Option<u64>> {
        if matches!(self.r.peek(), Some(b'-' | b'0'..=b'9')) {
            let range = self.r.number()?;
            return Ok(self.r.text[range].parse().ok());
        }
        self.r.copy_value(&mut Discard::default(), 1)?;
        Ok(None)
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
    fn required_string(&mut self, at: usize, path: impl FnOnce() -> String) -> Parsed<Span> {
        if self.r.at_end() {
            return Err(self.r.unexpected(at, "a string"));
        }
        if !self.r.is_string_start() {
            let what = format!("expected a string, found {}", self.r.describe(at));
            return Err(self.wrong_type(at, &path(), &what));
        }
        self.string_span()
    }

    fn string_span(&mut self) -> Parsed<Span> {
        let start = self.text.len();
        self.r.string_into(&mut self.text)?;
        Ok(self.seal(start))
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
        &self.text[span.range()]
    }

    fn check_id(
        &mut self,
        span: Span,
        expected: IdType,
        at: usize,
        path: impl FnOnce() -> String,
    ) -> Parsed<()> {
        let Some(problem) = ids::check(self.str(span), expected) else {
            return Ok(());
        };
        let (code, message) = match problem {
            IdProblem::Malformed(reason) => {
                (WarningCode::IdMalformed, format!("not a Webex id: {reason}"))
            }
            IdProblem::NotCanonical => (
                WarningCode::IdNotCanonical,
                "id is not in canonical form (unpadded base64url with zero trailing bits)"
                    .to_string(),
            ),
            IdProblem::UnexpectedType(found) => (
                WarningCode::IdUnexpectedType,
                format!("expected a {} id, found a {found} id", expected.name()),
            ),
        };
        self.warn(code, path(), message, at)
    }

    fn warn(&mut self, code: WarningCode, path: String, message: String, at: usize) -> Parsed<()> {
        if self.warnings_as_errors {
            return Err(crate::parse::reader::Fail {
                code: ErrorCode::Validation,
                offset: at,
                message,
                path: Some(path),
            });
        }
        if self.warnings.len() < MAX_WARNINGS {
            let path = self.push_str(&path);
            let message = self.push_str(&message);
            self.warnings.push(WarningRecord { code, path, message, offset: at as u32 });
        }
        Ok(())
    }

    fn check_other_duplicates(&self, data_at: usize) -> Parsed<()> {
        let mut keys: Vec<&str> = self
            .data
            .iter()
            .filter_map(|m| match m.key {
                Key::Other(span) => Some(self.str(span)),
                _ => None,
            })
            .collect();
        if keys.len() < 2 {
            return Ok(());
        }
        keys.sort_unstable();
        match keys.windows(2).find(|w| w[0] == w[1]) {
            Some(w) => Err(duplicate(data_at, &format!("data.{}", w[0]))),
            None => Ok(()),
        }
    }

    /// Checks across fields, once `data` is read: required fields and the actorId copy.
    fn validate_data(&mut self, shape: Shape, at: usize) -> Parsed<()> {
        for spec in shape.fields().iter().filter(|s| s.required) {
            let present = self.data_slots[spec.field as usize] != NO_SLOT
                && !matches!(
                    self.data[self.data_slots[spec.field as usize] as usize].value,
                    Value::Null
                );
            // The 2017 widget named roomId spaceId; the envelope holds a copy of actorId.
            let alias = match spec.field {
                Field::RoomId => self.data_slots[Field::SpaceId as usize] != NO_SLOT,
                Field::ActorId => self.envelope_slots[EnvelopeKey::ActorId as usize] != NO_SLOT,
                _ => false,
            };
            if !present && !alias {
                let key = spec.field.key();
                let message = format!("`{key}` is absent; {} always carries it", self.name_text());
                self.warn(WarningCode::MissingField, format!("data.{key}"), message, at)?;
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Parsed<Event> {
        let kind = self.kind();
        let name = match (self.wrapper_name, self.resource, self.event) {
            (Some(span), _, _) => span,
            (None, Some(resource), Some(event)) => {
                let start = self.text.len();
                self.text.extend_from_within(resource.range());
                self.text.push(':');
                self.text.extend_from_within(event.range());
                self.seal(start)
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
                let arrived = self.str(name);
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
        let data_len = self.data.len() as u32;
        let envelope_len = self.envelope.len() as u32;
        for slot in self.envelope_slots.iter_mut().filter(|s| **s != NO_SLOT) {
            *slot = if *slot & (1 << 31) != 0 {
                data_len + envelope_len + (*slot & !(1 << 31))
            } else {
                data_len + *slot
            };
        }
        let mut members = self.data;
        members.append(&mut self.envelope);
        members.append(&mut self.wrapper);
        Ok(Event {
            text: self.text,
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
            items: self.items,
            warnings: self.warnings,
        })
    }

    fn check_name_matches(&mut self, resource: Span, event: Span) -> Parsed<()> {
        let Some(name) = self.wrapper_name else {
            return Ok(());
        };
        let full = self.str(name);
        let prefix_len = resource.len as usize + 1 + event.len as usize;
        let matches = full.starts_with(self.str(resource))
            && full[resource.len as usize..].starts_with(':')
            && full[resource.len as usize + 1..].starts_with(self.str(event))
            && (full.len() == prefix_len || full[prefix_len..].starts_with(':'));
        // An old dot-separated name has no parts to compare: compare what the two mean.
        let agrees = if full.contains(':') {
            matches
        } else {
            Kind::from_name(full) == kind_of_parts(self.str(resource), self.str(event))
        };
        if agrees {
            return Ok(());
        }
        let message = format!(
            "name `{full}` does not match resource `{}` and event `{}`",
            self.str(resource),
            self.str(event)
        );
        let at = self.name_at;
        self.warn(WarningCode::NameMismatch, "name".to_string(), message, at)
    }

    fn check_actor(&mut self) -> Parsed<()> {
        let envelope = self.envelope_slots[EnvelopeKey::ActorId as usize];
        let data = self.data_slots[Field::ActorId as usize];
        if envelope == NO_SLOT || envelope & (1 << 31) != 0 || data == NO_SLOT {
            return Ok(());
        }
        let (Value::Str(a), Value::Str(b)) =
            (self.envelope[envelope as usize].value, self.data[data as usize].value)
        else {
            return Ok(());
        };
        // The same id may be written twice in different encodings (padded, say).
        let same = self.str(a) == self.str(b)
            || matches!(
                (crate::ids::WebexId::parse(self.str(a)), crate::ids::WebexId::parse(self.str(b))),
                (Ok(x), Ok(y)) if x == y
            );
        if !same {
            let message = "the envelope's actorId differs from data.actorId".to_string();
            let at = self.data_actor_at;
            self.warn(WarningCode::ActorMismatch, "data.actorId".to_string(), message, at)?;
        }
        Ok(())
    }
}

fn kind_of_parts(resource: &str, event: &str) -> Kind {
    // Known names are short: join them on the stack.
    let mut buf = [0u8; 40];
    let len = resource.len() + 1 + event.len();
    if len > buf.len() {
        return Kind::Unknown;
    }
    buf[..resource.len()].copy_from_slice(resource.as_bytes());
    buf[resource.len()] = b':';
    buf[resource.len() + 1..len].copy_from_slice(event.as_bytes());
    std::str::from_utf8(&buf[..len]).map_or(Kind::Unknown, Kind::from_name)
}

fn with_path(mut f: crate::parse::reader::Fail, path: &str) -> crate::parse::reader::Fail {
    f.path = Some(path.to_string());
    f
}

fn missing(at: usize, path: &str, message: &str) -> crate::parse::reader::Fail {
    with_path(fail(ErrorCode::MissingField, at, message), path)
}

fn invalid(at: usize, path: &str, message: &str) -> crate::parse::reader::Fail {
    with_path(fail(ErrorCode::InvalidValue, at, message), path)
}

fn duplicate(at: usize, path: &str) -> crate::parse::reader::Fail {
    let message = format!("duplicate key `{}`", path.rsplit('.').next().unwrap_or(path));
    with_path(fail(ErrorCode::DuplicateKey, at, message), path)
}
