//! Validation: ids, required fields and the checks across fields, raising warnings (or, when
//! asked, errors).

use super::{Draft, MAX_WARNINGS, duplicate, kind_of_parts};
use crate::error::ErrorCode;
use crate::ids::{self, IdProblem, IdType};
use crate::model::catalogue::{Kind, Shape};
use crate::model::event::{EnvelopeKey, Key, Member, NO_SLOT, Span, Value, WarningRecord};
use crate::model::schema::Field;
use crate::parse::reader::{Fail, Parsed};
use crate::warning::WarningCode;

impl Draft<'_> {
    pub(super) fn check_id(
        &mut self,
        span: Span,
        expected: IdType,
        at: usize,
        path: impl FnOnce() -> String,
    ) -> Parsed<()> {
        // An event often carries one id several times (the actor's, in the envelope, in data
        // and as personId): an id that passed for this type just before passes again.
        let slot = expected as usize;
        if let Some(known) = self.passed_ids[slot]
            && self.bytes(known) == self.bytes(span)
        {
            return Ok(());
        }
        let Some(problem) = ids::check(self.str(span), expected) else {
            self.passed_ids[slot] = Some(span);
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

    pub(super) fn warn(
        &mut self,
        code: WarningCode,
        path: String,
        message: String,
        at: usize,
    ) -> Parsed<()> {
        if self.warnings_as_errors {
            return Err(Fail::new(ErrorCode::Validation, at, message, Some(path)));
        }
        if self.warnings.len() < MAX_WARNINGS {
            let path = self.push_str(&path);
            let message = self.push_str(&message);
            self.warnings.push(WarningRecord { code, path, message, offset: at as u32 });
        }
        Ok(())
    }

    /// Refuses a key no schema knows that `members` (an object's, at `object_at`) hold twice;
    /// `prefix` is the object's path with its dot.
    pub(super) fn check_other_duplicates(
        &self,
        members: &[Member],
        object_at: usize,
        prefix: &str,
    ) -> Parsed<()> {
        let others = || {
            members.iter().filter_map(|m| match m.key {
                Key::Other(span) => Some(self.str(span)),
                _ => None,
            })
        };
        if others().nth(1).is_none() {
            return Ok(());
        }
        let mut keys: Vec<&str> = others().collect();
        keys.sort_unstable();
        match keys.windows(2).find(|w| w[0] == w[1]) {
            Some(w) => Err(duplicate(object_at, &format!("{prefix}{}", w[0]))),
            None => Ok(()),
        }
    }

    /// Checks across fields, once `data` is read: required fields and the actorId copy.
    pub(super) fn validate_data(&mut self, shape: Shape, at: usize) -> Parsed<()> {
        let required = shape.required_fields();
        if self.present & required == required {
            return Ok(());
        }
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

    pub(super) fn check_name_matches(&mut self, resource: Span, event: Span) -> Parsed<()> {
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
            Kind::from_name(full) == kind_of_parts(self.bytes(resource), self.bytes(event))
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

    pub(super) fn check_actor(&mut self) -> Parsed<()> {
        let envelope = self.envelope_slots[EnvelopeKey::ActorId as usize];
        let data = self.data_slots[Field::ActorId as usize];
        if envelope == NO_SLOT || envelope & (1 << 31) != 0 || data == NO_SLOT {
            return Ok(());
        }
        let value = |members: &[Member], slot: u32| members.get(slot as usize).map(|m| m.value);
        let (Some(Value::Str(a)), Some(Value::Str(b))) =
            (value(&self.envelope, envelope), value(&self.data, data))
        else {
            return Ok(());
        };
        // The same id may be written twice in different encodings (padded, say).
        let same = self.bytes(a) == self.bytes(b)
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
