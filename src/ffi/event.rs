//! Events: parse, read through views, write back as JSON, free.

use std::os::raw::c_char;

use super::boundary::{Out, bytes_in, free_raw, guard, guard_value, into_raw, opt_ref, ref_in};
use super::error::swe_error;
use super::options::{options_or_default, swe_parse_options};
use super::status::swe_status;
use super::strings::{owned, swe_str};
use super::views::{
    SWE_KIND_UNKNOWN, Viewer, kind_cstr, swe_activity_view, swe_call_membership_view,
    swe_call_view, swe_envelope_view, swe_file_view, swe_kind, swe_membership_view,
    swe_mention_clicked_view, swe_message_view, swe_notification_view, swe_room_view,
    swe_user_view, swe_warning_view,
};
use crate::emit::{EmitOptions, Form};
use crate::error::{Error, ErrorCode};
use crate::model::catalogue::{Kind, Shape};
use crate::model::event::{Event, Item};
use crate::model::schema::Field;

/// One parsed event. Immutable: any number of threads may read one at once. Owned events
/// come from `swe_event_parse` or `swe_event_clone` and go back through `swe_event_free`;
/// events handed to listeners are borrowed for the call only.
pub struct swe_event {
    _private: [u8; 0],
}

/// Flags for `swe_event_to_json`, or-ed together.
pub type swe_emit_flags = u32;
/// Indent with two spaces, one member per line, as `JSON.stringify(v, null, 2)`.
pub const SWE_EMIT_PRETTY: swe_emit_flags = 1;
/// Write the detail object alone, even for an event that arrived wrapped.
pub const SWE_EMIT_DETAIL: swe_emit_flags = 2;
/// Write a `{"name", "detail"}` wrapper, even for an event that arrived as a bare detail.
pub const SWE_EMIT_WRAPPED: swe_emit_flags = 4;

fn event<'a>(ptr: *const swe_event) -> Result<&'a Event, Error> {
    ref_in::<swe_event, Event>(ptr, "event")
}

/// Borrows a Rust event as a C event, for listeners.
pub(crate) fn as_c(event: &Event) -> *const swe_event {
    (event as *const Event).cast()
}

fn wrong_kind(event: &Event, wanted: &str) -> Error {
    Error::new(ErrorCode::WrongKind, format!("{} is not {wanted}", event.name()))
}

/// Parses one event from `len` bytes of UTF-8 at `text` (no NUL needed; (NULL, 0) is the
/// empty text). The text is a bare detail (`{"resource", "event", "data", ...}`) or a
/// `{"name", "detail"}` wrapper; `options` may be NULL for strict JSON and default limits.
///
/// On success `*event_out` owns the event (free with `swe_event_free`); on failure it is left
/// untouched and `*error_out`, when `error_out` is not NULL, receives the details (free with
/// `swe_error_free`).
///
/// Errors: `SWE_ERROR_NULL_ARGUMENT` (`event_out` NULL, or text NULL with `len > 0`),
/// `SWE_ERROR_INVALID_UTF8`, `SWE_ERROR_SYNTAX`, `SWE_ERROR_TRUNCATED`,
/// `SWE_ERROR_INPUT_TOO_LARGE`, `SWE_ERROR_TOO_DEEP`, `SWE_ERROR_STRING_TOO_LONG`,
/// `SWE_ERROR_NUMBER_TOO_LONG`, `SWE_ERROR_INVALID_STRING`, `SWE_ERROR_DUPLICATE_KEY`,
/// `SWE_ERROR_WRONG_TYPE`, `SWE_ERROR_MISSING_FIELD`, `SWE_ERROR_INVALID_VALUE`,
/// `SWE_ERROR_VALIDATION`. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_parse(
    text: *const c_char,
    len: usize,
    options: *const swe_parse_options,
    event_out: *mut *mut swe_event,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(event_out, "event_out")?;
        let text = bytes_in(text, len, "text")?;
        let event = Event::parse_with(text, &options_or_default(options))?;
        out.write(into_raw::<swe_event, Event>(event));
        Ok(())
    })
}

/// Copies an event (for instance to keep one a listener received). On success `*event_out`
/// owns the copy. Errors: `SWE_ERROR_NULL_ARGUMENT`. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_clone(
    event: *const swe_event,
    event_out: *mut *mut swe_event,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(event_out, "event_out")?;
        let copy = self::event(event)?.clone();
        out.write(into_raw::<swe_event, Event>(copy));
        Ok(())
    })
}

/// Frees an event the caller owns. NULL is ignored. Never free an event a listener received.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_free(event: *mut swe_event) {
    guard_value((), || free_raw::<swe_event, Event>(event))
}

/// The event's kind; `SWE_KIND_UNKNOWN` for an unknown name or a NULL event.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_kind(event: *const swe_event) -> swe_kind {
    guard_value(SWE_KIND_UNKNOWN, || {
        opt_ref::<swe_event, Event>(event).map_or(SWE_KIND_UNKNOWN, |e| e.kind().as_u32())
    })
}

/// The event's full name as it arrived (e.g. `calls:memberships:connected`); absent for a
/// NULL event. Valid as long as the event.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_name(event: *const swe_event) -> swe_str {
    guard_value(swe_str::ABSENT, || {
        opt_ref::<swe_event, Event>(event)
            .map_or(swe_str::ABSENT, |e| Viewer(e).text(Some(e.name())))
    })
}

/// The current name of a kind, e.g. `"rooms:read"`: a static NUL-terminated string; NULL for
/// `SWE_KIND_UNKNOWN` and for numbers that are no kind.
#[unsafe(no_mangle)]
pub extern "C" fn swe_kind_name(kind: swe_kind) -> *const c_char {
    guard_value(std::ptr::null(), || match Kind::from_u32(kind) {
        None | Some(Kind::Unknown) => std::ptr::null(),
        Some(kind) => kind_cstr(kind).as_ptr(),
    })
}

/// The kind an event name means (`len` bytes of UTF-8; old and dot-separated names included),
/// e.g. for a JSON listener to dispatch on the name it receives; `SWE_KIND_UNKNOWN` for any
/// other name, invalid UTF-8 or (NULL, n > 0).
#[unsafe(no_mangle)]
pub extern "C" fn swe_kind_from_name(name: *const c_char, len: usize) -> swe_kind {
    guard_value(SWE_KIND_UNKNOWN, || match super::boundary::str_in(name, len, "name") {
        Ok(name) => Kind::from_name(name).as_u32(),
        Err(_) => SWE_KIND_UNKNOWN,
    })
}

/// Fills `*view_out` with the event's envelope: kind, names, resource, event, actor, action,
/// warning count. Errors: `SWE_ERROR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_envelope(
    event: *const swe_event,
    view_out: *mut swe_envelope_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(view_out, "view_out")?;
        out.write(Viewer(self::event(event)?).envelope());
        Ok(())
    })
}

/// Fills `*view_out` with the data of a `messages:created` event. Errors:
/// `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND` for any other kind.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_message(
    event: *const swe_event,
    view_out: *mut swe_message_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    shape_view(event, view_out, error_out, Shape::Message, "messages:created", |v| v.message())
}

/// Fills `*view_out` with entry `index` of a message's `files`. Errors:
/// `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND` for an event that is not a message,
/// `SWE_ERROR_OUT_OF_RANGE` when `index >= file_count`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_file(
    event: *const swe_event,
    index: usize,
    view_out: *mut swe_file_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(view_out, "view_out")?;
        let event = self::event(event)?;
        if event.shape() != Shape::Message {
            return Err(wrong_kind(event, "messages:created"));
        }
        let viewer = Viewer(event);
        match viewer.items(Field::Files).and_then(|items| items.get(index)) {
            Some(Item::File(file)) => out.write(viewer.file(file)),
            _ => return Err(out_of_range(index, "files")),
        }
        Ok(())
    })
}

/// Writes to `*id_out` the id of entry `index` of a message's mention list (absent when that
/// entry has no id). Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND`,
/// `SWE_ERROR_OUT_OF_RANGE` when `index >= mention_count`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_mention(
    event: *const swe_event,
    index: usize,
    id_out: *mut swe_str,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(id_out, "id_out")?;
        let event = self::event(event)?;
        if event.shape() != Shape::Message {
            return Err(wrong_kind(event, "messages:created"));
        }
        let viewer = Viewer(event);
        match viewer.items(Field::MentionedPeople).and_then(|items| items.get(index)) {
            Some(Item::Mention(id)) => out.write(viewer.opt(*id)),
            _ => return Err(out_of_range(index, "mentionedPeople")),
        }
        Ok(())
    })
}

fn out_of_range(index: usize, list: &str) -> Error {
    Error::new(ErrorCode::OutOfRange, format!("no entry {index} in {list}"))
}

/// Fills `*view_out` with the data of a `rooms:unread`, `rooms:read` or `rooms:selected` event
/// (old names included). Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_room(
    event: *const swe_event,
    view_out: *mut swe_room_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    shape_view(event, view_out, error_out, Shape::Room, "a rooms event", |v| v.room())
}

/// Fills `*view_out` with the data of a `calls:created`, `calls:connected` or
/// `calls:disconnected` event. Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_call(
    event: *const swe_event,
    view_out: *mut swe_call_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    shape_view(event, view_out, error_out, Shape::Call, "a calls event", |v| v.call())
}

/// Fills a view of one data shape, or fails with `SWE_ERROR_WRONG_KIND`.
fn shape_view<V>(
    event: *const swe_event,
    view_out: *mut V,
    error_out: *mut *mut swe_error,
    shape: Shape,
    what: &str,
    fill: impl FnOnce(&Viewer<'_>) -> V,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(view_out, "view_out")?;
        let event = self::event(event)?;
        if event.shape() != shape {
            return Err(wrong_kind(event, what));
        }
        out.write(fill(&Viewer(event)));
        Ok(())
    })
}

/// Fills `*view_out` with the data of a `memberships:created` or `memberships:deleted` event.
/// Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_membership(
    event: *const swe_event,
    view_out: *mut swe_membership_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    shape_view(event, view_out, error_out, Shape::Membership, "a memberships event", |v| {
        v.membership()
    })
}

/// Fills `*view_out` with the data of a `calls:memberships:*` event. Errors:
/// `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_call_membership(
    event: *const swe_event,
    view_out: *mut swe_call_membership_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    shape_view(event, view_out, error_out, Shape::CallMembership, "a call membership event", |v| {
        v.call_membership()
    })
}

/// Fills `*view_out` with the data of a `notification:created` or `notification:clicked`
/// event. Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_notification(
    event: *const swe_event,
    view_out: *mut swe_notification_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    shape_view(event, view_out, error_out, Shape::Notification, "a notification event", |v| {
        v.notification()
    })
}

/// Fills `*view_out` with the data of a `mention:clicked` event. Errors:
/// `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_mention_clicked(
    event: *const swe_event,
    view_out: *mut swe_mention_clicked_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    shape_view(event, view_out, error_out, Shape::Mention, "mention:clicked", |v| {
        v.mention_clicked()
    })
}

/// Fills `*view_out` with the data of an `activity:changed` event. Errors:
/// `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_activity(
    event: *const swe_event,
    view_out: *mut swe_activity_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    shape_view(event, view_out, error_out, Shape::Activity, "activity:changed", |v| v.activity())
}

/// Fills `*view_out` with the data of an `add:clicked`, `profile:clicked` or
/// `user_signout:clicked` event. Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_WRONG_KIND`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_user(
    event: *const swe_event,
    view_out: *mut swe_user_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    shape_view(event, view_out, error_out, Shape::User, "a user event", |v| v.user())
}

/// How many warnings the event carries; 0 for a NULL event.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_warning_count(event: *const swe_event) -> usize {
    guard_value(0, || opt_ref::<swe_event, Event>(event).map_or(0, |e| e.warnings.len()))
}

/// Fills `*view_out` with warning `index`. Errors: `SWE_ERROR_NULL_ARGUMENT`,
/// `SWE_ERROR_OUT_OF_RANGE`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_warning(
    event: *const swe_event,
    index: usize,
    view_out: *mut swe_warning_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(view_out, "view_out")?;
        let view = Viewer(self::event(event)?).warning(index);
        out.write(view.ok_or_else(|| out_of_range(index, "the warnings"))?);
        Ok(())
    })
}

/// Writes the event as JSON: compact unless `SWE_EMIT_PRETTY`; in the form it arrived in
/// unless `SWE_EMIT_DETAIL` or `SWE_EMIT_WRAPPED`. On success `*json_out` owns a
/// NUL-terminated string (free with `swe_string_free`) and `*len_out`, when not NULL, gets its
/// length. Errors: `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_INVALID_ARGUMENT` for unknown flags or
/// both forms at once.
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_to_json(
    event: *const swe_event,
    flags: u32,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(json_out, "json_out")?;
        let event = self::event(event)?;
        let options = emit_options(flags)?;
        let (json, len) = owned(event.to_json_with(options));
        out.write(json);
        if let Some(len_out) = Out::optional(len_out) {
            len_out.write(len);
        }
        Ok(())
    })
}

fn emit_options(flags: u32) -> Result<EmitOptions, Error> {
    use super::event::{SWE_EMIT_DETAIL as D, SWE_EMIT_PRETTY as P, SWE_EMIT_WRAPPED as W};
    if flags & !(P | D | W) != 0 || flags & (D | W) == (D | W) {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            format!("invalid emit flags {flags:#x}"),
        ));
    }
    let form = if flags & D != 0 {
        Form::Detail
    } else if flags & W != 0 {
        Form::Wrapped
    } else {
        Form::AsArrived
    };
    Ok(EmitOptions { pretty: flags & P != 0, form })
}

/// Writes the compact JSON of one member of `data`, known or not, found by its key (`key_len`
/// bytes, no NUL needed): e.g. key `"text"` gives `"\"hello\""`. On success `*json_out` owns
/// the text (free with `swe_string_free`) and `*len_out`, when not NULL, its length. Errors:
/// `SWE_ERROR_NULL_ARGUMENT`, `SWE_ERROR_NOT_FOUND` when data has no such member (or is not
/// an object).
#[unsafe(no_mangle)]
pub extern "C" fn swe_event_data_json(
    event: *const swe_event,
    key: *const c_char,
    key_len: usize,
    json_out: *mut *mut c_char,
    len_out: *mut usize,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(json_out, "json_out")?;
        let event = self::event(event)?;
        let key = bytes_in(key, key_len, "key")?;
        let key = std::str::from_utf8(key).unwrap_or("\u{FFFD}");
        let Some(json) = event.data_json(key) else {
            return Err(Error::new(ErrorCode::NotFound, format!("data has no member `{key}`")));
        };
        let (json, len) = owned(json);
        out.write(json);
        if let Some(len_out) = Out::optional(len_out) {
            len_out.write(len);
        }
        Ok(())
    })
}
