//! Reading `data` by the shape of the event's kind: typed fields, lists and the call.

use std::borrow::Cow;

use super::order::{KeyOrder, Place, QuotedKey};
use super::{Draft, MAX_LIST_ENTRIES, UNDEFINED_TEAM, duplicate};
use crate::ids::IdType;
use crate::model::catalogue::Shape;
use crate::model::event::{
    CallKind, CallSummary, FileForm, FileItem, Item, ItemRange, Key, Member, MentionsKind, Millis,
    NO_SLOT, Span, TeamKind, Value,
};
use crate::model::schema::{Field, FieldSpec, FieldType};
use crate::parse::reader::{Discard, Parsed, Word};
use crate::timestamp;
use crate::warning::WarningCode;

impl<'a> Draft<'a> {
    /// `data`, read by the shape of the event's kind.
    pub(super) fn data_value(&mut self, depth: usize) -> Parsed<()> {
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
        let mut order = KeyOrder::load(shape as usize);
        // Whether the limit on strings lets every known key through (it is rarely that low).
        let keys_fit = QuotedKey::LONGEST - 3 <= self.r.limits.max_string_bytes;
        let mut place = Place::START;
        if self.r.first_member()? {
            loop {
                let key_at = self.r.pos;
                let expected =
                    order.expected(place).filter(|&f| self.take_key(QuotedKey::of(f), keys_fit));
                let spec = match expected {
                    Some(field) => shape.spec(field),
                    None => {
                        let key = self.r.key()?;
                        let spec = Field::from_key(key.as_bytes()).and_then(|f| shape.spec(f));
                        if spec.is_none() {
                            self.data_other(key, depth)?;
                        }
                        spec
                    }
                };
                if let Some(spec) = spec {
                    place = order.learn(place, spec.field);
                    self.data_field(spec, key_at, depth)?;
                }
                if !self.r.next_member()? {
                    break;
                }
            }
        }
        order.store();
        if self.other_keys.data > 1 {
            self.check_other_duplicates(&self.data, at, "data.")?;
        }
        self.validate_data(shape, at)
    }

    /// Passes `key` when the text at the reader is that key in the compact form
    /// [`crate::parse::reader::Reader::key`] reads first: quoted, then `:` and a value.
    /// `keys_fit`: no known key is longer than the limit on strings.
    #[inline]
    fn take_key(&mut self, key: &QuotedKey, keys_fit: bool) -> bool {
        let at = self.r.pos;
        let taken = key.is_at(self.r.bytes, at)
            && (keys_fit || key.len() - 3 <= self.r.limits.max_string_bytes);
        if taken {
            self.r.pos = at + key.len();
        }
        taken
    }

    pub(super) fn data_other(&mut self, key: Cow<'a, str>, depth: usize) -> Parsed<()> {
        if self.r.take_undefined() {
            return Ok(());
        }
        let key = self.push_str(&key);
        let raw = self.raw_value(depth + 1)?;
        self.data.push(Member { key: Key::Other(key), value: Value::Json(raw) });
        self.other_keys.data += 1;
        Ok(())
    }

    pub(super) fn data_field(
        &mut self,
        spec: &FieldSpec,
        key_at: usize,
        depth: usize,
    ) -> Parsed<()> {
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
        let value = if self.r.take_null() {
            Value::Null
        } else {
            self.present |= field.bit();
            self.typed_value(spec, at, depth + 1)?
        };
        self.data_slots[field as usize] = self.data.len() as u32;
        self.data.push(Member { key: Key::Field(field), value });
        Ok(())
    }

    pub(super) fn typed_value(
        &mut self,
        spec: &FieldSpec,
        at: usize,
        depth: usize,
    ) -> Parsed<Value> {
        // The key is looked up only for a warning or a failure.
        let path = || format!("data.{}", spec.field.key());
        Ok(match spec.ty {
            FieldType::Str => Value::Str(self.required_string(at, path)?),
            FieldType::Id(expected) => Value::Str(self.id_span(at, expected, path)?),
            FieldType::RoomType => {
                let span = self.required_string(at, path)?;
                if !matches!(self.bytes(span), b"group" | b"direct") {
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
                let millis = timestamp::unix_millis_of(self.bytes(span));
                if millis.is_none() {
                    let message = format!("`{}` is not an RFC 3339 timestamp", self.str(span));
                    self.warn(WarningCode::TimestampInvalid, path(), message, at)?;
                }
                Value::Time { text: span, millis: Millis::new(millis) }
            }
            FieldType::Bool => match self.r.word() {
                Some(Word::True) => Value::Bool(true),
                Some(Word::False) => Value::Bool(false),
                _ => return Err(self.wrong_type(at, &path(), "expected true or false")),
            },
            FieldType::Team => {
                let span = self.required_string(at, path)?;
                let kind = match self.bytes(span) {
                    b"" => TeamKind::NoTeam,
                    text if text == UNDEFINED_TEAM.as_bytes() => TeamKind::Undefined,
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

    pub(super) fn files(&mut self, at: usize, depth: usize) -> Parsed<Value> {
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

    pub(super) fn file_item(&mut self, depth: usize) -> Parsed<FileItem> {
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

    pub(super) fn mentions(&mut self, at: usize, depth: usize) -> Parsed<Value> {
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

    pub(super) fn mention_list(&mut self, depth: usize, path: &str) -> Parsed<()> {
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

    pub(super) fn call(&mut self, at: usize, depth: usize) -> Parsed<Value> {
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
    pub(super) fn object_members(
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

    pub(super) fn optional_string(&mut self) -> Parsed<Option<Span>> {
        if self.r.is_string_start() {
            return Ok(Some(self.string_span()?));
        }
        self.r.copy_value(&mut Discard::default(), 1)?;
        Ok(None)
    }

    pub(super) fn optional_u64(&mut self) -> Parsed<Option<u64>> {
        if matches!(self.r.peek(), Some(b'-' | b'0'..=b'9')) {
            let range = self.r.number()?;
            return Ok(self.r.text[range].parse().ok());
        }
        self.r.copy_value(&mut Discard::default(), 1)?;
        Ok(None)
    }
}
