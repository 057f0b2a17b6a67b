//! Batches: every complete line of a newline-delimited feed parsed in one call and laid out
//! in flat arrays, for hosts whose every call into C is costly (Python's ctypes) and that
//! would rather read many events from memory than make many calls.
//!
//! A `swe_batch_reader` reads chunks split anywhere with exactly the rules of `swe_stream`
//! (line numbers, offsets, blank lines, `\r\n`, over-long lines, errors that do not stop the
//! reading). Each feed returns one `swe_batch` holding, for every line that was an event or an
//! error, one fixed-size record of `uint32_t` words; strings live in one byte arena, each
//! NUL-terminated; lists (warnings, files, mentions) and the interned envelope names live in a
//! second `uint32_t` array. Each event's record also holds its line's text, which
//! `swe_batch_event` parses again for whatever the records do not carry (JSON text, unknown
//! keys). Strings are not copied one by one: each event's arena, where parsing left them
//! NUL-terminated, is copied whole and the record points into it.

use std::collections::HashMap;
use std::ops::Range;
use std::os::raw::c_char;

use super::boundary::{Out, bytes_in, free_raw, guard, guard_value, into_raw, ref_in};
use super::error::swe_error;
use super::event::swe_event;
use super::options::{options_or_default, swe_parse_options};
use super::status::swe_status;
use super::strings::swe_str;
use super::views::{Viewer, swe_envelope_view, swe_timestamp};
use crate::error::{Error, ErrorCode};
use crate::model::catalogue::{Kind, Shape};
use crate::model::event::Event;
use crate::model::event::Item;
use crate::model::schema::Field;
use crate::options::ParseOptions;
use crate::stream::{Flow, Line, Stream};

/// Reads newline-delimited events fed in chunks into batches. Not thread-safe: use one from
/// one thread at a time (it may move between threads). Made by `swe_batch_reader_new`, freed
/// with `swe_batch_reader_free`.
pub struct swe_batch_reader {
    _private: [u8; 0],
}

/// The events and errors of the lines one feed completed. Immutable: any thread may read one.
/// Made by `swe_batch_reader_feed` or `swe_batch_reader_finish`, freed with `swe_batch_free`.
pub struct swe_batch {
    _private: [u8; 0],
}

/// The words of one record: `records` holds `record_count * SWE_BATCH_RECORD_WORDS` words.
pub const SWE_BATCH_RECORD_WORDS: usize = 56;
/// The offset word of a string that is absent (its length word is 0).
pub const SWE_BATCH_ABSENT: u32 = u32::MAX;
/// Flag in word 3 of an event record: the event arrived as a `{"name", "detail"}` wrapper.
pub const SWE_BATCH_WRAPPED: u32 = 1;
/// Flag in word 3 of an event record: words 16 and on hold the typed data of the kind's view.
/// Unset for an unknown kind (no view applies).
pub const SWE_BATCH_TYPED: u32 = 2;

/// Where a batch's arrays are. Everything it points to is owned by the batch and valid until
/// `swe_batch_free`.
///
/// A string is two words, the offset of its first byte in `bytes` and its length; the byte
/// after it is a NUL. An absent string has offset `SWE_BATCH_ABSENT` and length 0. A 64-bit
/// number is two words, low word first. A list is two words: the index in `aux` of its first
/// entry, and its entry count.
///
/// Record of an event (word 0 is 0):
/// 1 kind (`SWE_KIND_*`); 2 the index in `aux` of its envelope entry (the same index for every
/// event of the batch with the same kind, name, resource and event); 3 flags
/// (`SWE_BATCH_WRAPPED`, `SWE_BATCH_TYPED`); 4-5 actor id (the envelope's, else `data`'s);
/// 6-7 action; 8-9 the warnings (a list); 10-11 line number (64-bit, 1-based); 12-13 byte
/// offset of the line in the stream (64-bit); 14-15 the line's text (a string, without its
/// line end); 16 and on, when `SWE_BATCH_TYPED`:
/// the fields of the kind's view struct (`swe_message_view`, `swe_room_view`, ...) in order, a
/// `swe_str` as a string, a `swe_timestamp` as five words (text, 64-bit `unix_ms`, `valid`),
/// a `bool` or an enum as one word, and each `*_count` as a list (the entries of
/// `swe_event_file` and `swe_event_mention`).
///
/// Record of a bad line (word 0 is its negative `swe_status` as an unsigned word): 4-5 the
/// message; 6-7 the JSON path (empty when none); 8-9 column; 10-11 line; 12-13 byte offset,
/// all three as `swe_error_*` report them (from the start of the stream, 64-bit).
///
/// Entries of `aux`: an envelope is nine words (kind, name, canonical name, resource, event);
/// a warning seven (code, path, message, 64-bit offset); a file eleven (form, url, display
/// name, object type, MIME type, 64-bit size, -1 when absent); a mention two (its id).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct swe_batch_view {
    /// The records, one per event or bad line, in the order of the lines.
    pub records: *const u32,
    /// How many records.
    pub record_count: usize,
    /// The entries of lists and envelopes.
    pub aux: *const u32,
    /// How many words `aux` holds.
    pub aux_len: usize,
    /// The strings, each followed by a NUL.
    pub bytes: *const c_char,
    /// How many bytes `bytes` holds.
    pub byte_count: usize,
    /// How many records are events.
    pub event_count: usize,
    /// How many records are bad lines.
    pub error_count: usize,
    /// Whether the reader stopped before the end of what it was given because the batch was
    /// full (about 512 MiB of text): call the same function again, with no bytes for a feed,
    /// for the next batch.
    pub more: bool,
}

/// Arena size past which a feed stops and asks to be called again, so that every offset fits
/// in a word whatever the last line holds (a line is at most 1 GiB).
const FULL_BYTES: usize = 512 << 20;
/// Record and aux words past which a feed stops likewise.
const FULL_WORDS: usize = 1 << 28;

struct Reader {
    stream: Stream,
}

struct Batch {
    /// The options lines were parsed with, to parse a record's line again.
    options: ParseOptions,
    records: Vec<u32>,
    aux: Vec<u32>,
    bytes: Vec<u8>,
    record_count: usize,
    errors: usize,
    /// The arena of the event being recorded, and where its copy starts in `bytes`.
    arena: Range<usize>,
    arena_at: usize,
    more: bool,
    /// Interned envelopes: key bytes to their index in `aux`.
    envelopes: HashMap<Vec<u8>, u32>,
    /// Per kind, the entry of its events that arrive under the kind's own name.
    canonical_envelopes: [Option<u32>; Kind::ALL.len()],
    /// Scratch space reused from event to event: an envelope's key, a record's data words.
    key: Vec<u8>,
    data: Vec<u32>,
}

fn reader<'a>(reader: *mut swe_batch_reader) -> Result<&'a mut Reader, Error> {
    if reader.is_null() {
        return Err(super::boundary::null("reader"));
    }
    // SAFETY: made by `swe_batch_reader_new`; the caller uses it from one thread at a time.
    Ok(unsafe { &mut *reader.cast::<Reader>() })
}

fn word(n: usize) -> u32 {
    u32::try_from(n).expect("batch sizes are capped below 4 GiB")
}

fn push64(words: &mut Vec<u32>, n: u64) {
    words.push(n as u32);
    words.push((n >> 32) as u32);
}

impl Batch {
    fn new(options: ParseOptions) -> Batch {
        Batch {
            options,
            records: Vec::new(),
            aux: Vec::new(),
            bytes: Vec::new(),
            record_count: 0,
            errors: 0,
            arena: 0..0,
            arena_at: 0,
            more: false,
            envelopes: HashMap::new(),
            canonical_envelopes: [None; Kind::ALL.len()],
            key: Vec::new(),
            data: Vec::new(),
        }
    }

    /// Room for what `input` bytes of typical events need, so that the arrays grow (and
    /// copy themselves) rarely.
    fn reserve(&mut self, input: usize) {
        let input = input.min(FULL_BYTES);
        // Each event's arena and its line: about twice the input, and what parsing adds.
        self.bytes.reserve(input * 9 / 4 + 64);
        self.records.reserve(input / 512 * SWE_BATCH_RECORD_WORDS);
    }

    fn full(&self) -> bool {
        self.bytes.len() >= FULL_BYTES || self.records.len() + self.aux.len() >= FULL_WORDS
    }

    /// Copies a string into the arena; returns its offset and length.
    fn string(&mut self, s: &[u8]) -> [u32; 2] {
        let at = word(self.bytes.len());
        self.bytes.extend_from_slice(s);
        self.bytes.push(0);
        [at, word(s.len())]
    }

    fn view(&mut self, s: swe_str) -> [u32; 2] {
        if s.ptr.is_null() {
            return [SWE_BATCH_ABSENT, 0];
        }
        // A string of the event's arena is already in the batch, at the same place in its copy.
        let at = s.ptr as usize;
        if self.arena.contains(&at) && at + s.len < self.arena.end {
            return [word(self.arena_at + (at - self.arena.start)), word(s.len)];
        }
        self.copy(s)
    }

    /// Copies a string the library viewed into the arena.
    fn copy(&mut self, s: swe_str) -> [u32; 2] {
        if s.ptr.is_null() {
            return [SWE_BATCH_ABSENT, 0];
        }
        // SAFETY: a view the library made: `len` bytes at `ptr`, owned by an event alive here
        // or static.
        let bytes = unsafe { std::slice::from_raw_parts(s.ptr.cast::<u8>(), s.len) };
        self.string(bytes)
    }

    fn push(&mut self, line: Line, text: &[u8], item: Result<Event, Error>) -> Flow {
        let start = self.records.len();
        self.records.resize(start + SWE_BATCH_RECORD_WORDS, 0);
        self.record_count += 1;
        match item {
            Ok(event) => {
                let arena = event.text.as_bytes();
                self.arena = arena.as_ptr_range().start as usize..arena.as_ptr_range().end as usize;
                self.arena_at = self.bytes.len();
                self.bytes.extend_from_slice(arena);
                self.event(start, line, &event);
                self.arena = 0..0;
                let text = self.string(text);
                self.records[start + 14..start + 16].copy_from_slice(&text);
            }
            Err(error) => self.error(start, &error),
        }
        if self.full() {
            self.more = true;
            return Flow::Stop;
        }
        Flow::Continue
    }

    fn error(&mut self, at: usize, error: &Error) {
        self.errors += 1;
        let (column, line, offset) =
            error.position().map_or((0, 0, 0), |p| (p.column, p.line, p.offset));
        let message = self.string(error.message().as_bytes());
        let path = self.string(error.path().as_bytes());
        let r = &mut self.records[at..at + SWE_BATCH_RECORD_WORDS];
        r[0] = error.code().as_i32() as u32;
        r[4..6].copy_from_slice(&message);
        r[6..8].copy_from_slice(&path);
        for (i, n) in [(8, column), (10, line), (12, offset)] {
            r[i] = n as u32;
            r[i + 1] = (n as u64 >> 32) as u32;
        }
    }

    fn event(&mut self, at: usize, line: Line, event: &Event) {
        let viewer = Viewer(event);
        let env = viewer.envelope();
        let key = self.envelope(event, &env);
        let actor = self.view(env.actor_id);
        let action = self.view(env.action);
        let warnings = self.warnings(&viewer, env.warning_count);
        let mut data = std::mem::take(&mut self.data);
        data.clear();
        let typed = self.data(&viewer, &mut data);
        let r = &mut self.records[at..at + SWE_BATCH_RECORD_WORDS];
        r[1] = env.kind;
        r[2] = key;
        r[3] = u32::from(env.wrapped) * SWE_BATCH_WRAPPED + u32::from(typed) * SWE_BATCH_TYPED;
        r[4..6].copy_from_slice(&actor);
        r[6..8].copy_from_slice(&action);
        r[8..10].copy_from_slice(&warnings);
        for (i, n) in [(10, line.number), (12, line.offset)] {
            r[i] = n as u32;
            r[i + 1] = (n as u64 >> 32) as u32;
        }
        r[16..16 + data.len()].copy_from_slice(&data);
        self.data = data;
    }

    /// The aux index of the envelope entry for this kind, name, resource and event.
    fn envelope(&mut self, event: &Event, env: &swe_envelope_view) -> u32 {
        // Nearly every event of a known kind arrives under the kind's own name: those share
        // one entry per kind, found without hashing.
        // Exactly `resource:event`: a wrapper may split its name's text elsewhere.
        let canonical = event.kind().canonical_name().is_some_and(|name| {
            name == event.name()
                && name.strip_prefix(event.resource()).and_then(|rest| rest.strip_prefix(':'))
                    == Some(event.event_type())
        });
        if canonical && let Some(index) = self.canonical_envelopes[event.kind() as usize] {
            return index;
        }
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        key.extend_from_slice(&env.kind.to_le_bytes());
        for s in [env.name, env.resource, env.event] {
            // Each part after its length: names may hold any character, NUL included.
            key.extend_from_slice(&(s.len as u64).to_le_bytes());
            // SAFETY: views of a live event.
            key.extend_from_slice(unsafe { std::slice::from_raw_parts(s.ptr.cast(), s.len) });
        }
        let found = self.envelopes.get(key.as_slice()).copied();
        let index = found.unwrap_or_else(|| {
            let mut entry = [env.kind, 0, 0, 0, 0, 0, 0, 0, 0];
            let names = [env.name, env.canonical_name, env.resource, env.event];
            for (i, s) in names.into_iter().enumerate() {
                entry[1 + 2 * i..3 + 2 * i].copy_from_slice(&self.copy(s));
            }
            let index = word(self.aux.len());
            self.aux.extend_from_slice(&entry);
            self.envelopes.insert(key.clone(), index);
            index
        });
        self.key = key;
        if canonical {
            self.canonical_envelopes[event.kind() as usize] = Some(index);
        }
        index
    }

    fn warnings(&mut self, viewer: &Viewer<'_>, count: usize) -> [u32; 2] {
        let first = word(self.aux.len());
        for w in (0..count).filter_map(|index| viewer.warning(index)) {
            let path = self.view(w.path);
            let message = self.view(w.message);
            self.aux.push(w.code);
            self.aux.extend_from_slice(&path);
            self.aux.extend_from_slice(&message);
            push64(&mut self.aux, w.offset as u64);
        }
        [first, (word(self.aux.len()) - first) / 7]
    }

    /// Writes the kind's view, flattened, to `out`; false when no view applies.
    fn data(&mut self, v: &Viewer<'_>, out: &mut Vec<u32>) -> bool {
        match v.0.shape() {
            Shape::Raw => return false,
            Shape::Message => self.message(v, out),
            Shape::Room => {
                let v = v.room();
                self.strs(out, [v.id, v.title]);
                out.push(v.room_type);
                self.strs(out, [v.room_type_text]);
                out.extend([u32::from(v.has_is_locked), u32::from(v.is_locked), v.team_kind]);
                self.strs(out, [v.team_id]);
                self.time(out, v.last_activity);
                self.time(out, v.created);
                self.strs(out, [v.actor_id, v.actor_name, v.tags_json]);
            }
            Shape::Call => {
                let v = v.call();
                self.strs(out, [v.room_id, v.person_id, v.person_email, v.actor_id, v.actor_name]);
                out.push(v.call_kind);
                self.strs(out, [v.call_json, v.call_id, v.call_status, v.call_state]);
                self.strs(out, [v.call_direction, v.call_locus_url, v.call_correlation_id]);
            }
            Shape::Membership => {
                let v = v.membership();
                self.strs(out, [v.id, v.room_id, v.person_id, v.person_email]);
                self.time(out, v.created);
                self.strs(out, [v.actor_id, v.actor_name]);
            }
            Shape::Notification => {
                let v = v.notification();
                self.strs(out, [v.username, v.message, v.avatar, v.alert_type]);
                self.strs(out, [v.notification_id, v.notification_json]);
            }
            Shape::Mention => {
                let v = v.mention_clicked();
                self.strs(out, [v.id, v.mention_type]);
            }
            Shape::Activity => {
                let v = v.activity();
                self.strs(out, [v.name, v.display_name, v.activity_type]);
            }
            Shape::User => {
                let v = v.user();
                self.strs(out, [v.id, v.display_name]);
            }
            Shape::CallMembership => {
                let v = v.call_membership();
                self.strs(out, [v.actor_id, v.actor_name, v.room_id]);
            }
        }
        true
    }

    fn strs<const N: usize>(&mut self, out: &mut Vec<u32>, views: [swe_str; N]) {
        for v in views {
            out.extend_from_slice(&self.view(v));
        }
    }

    fn time(&mut self, out: &mut Vec<u32>, t: swe_timestamp) {
        out.extend_from_slice(&self.view(t.text));
        push64(out, t.unix_ms as u64);
        out.push(u32::from(t.valid));
    }

    fn message(&mut self, viewer: &Viewer<'_>, out: &mut Vec<u32>) {
        let v = viewer.message();
        self.strs(out, [v.id, v.room_id]);
        out.push(v.room_type);
        self.strs(out, [v.room_type_text, v.text, v.html, v.person_id, v.person_email]);
        self.time(out, v.created);
        self.strs(out, [v.to_person_id, v.to_person_email, v.actor_id, v.actor_name]);
        let first = word(self.aux.len());
        for item in viewer.items(Field::Files).unwrap_or_default() {
            let Item::File(file) = item else { continue };
            let f = viewer.file(file);
            let mut entry = [f.form, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
            for (i, s) in
                [f.url, f.display_name, f.object_type, f.mime_type].into_iter().enumerate()
            {
                entry[1 + 2 * i..3 + 2 * i].copy_from_slice(&self.view(s));
            }
            entry[9] = f.size as u64 as u32;
            entry[10] = (f.size as u64 >> 32) as u32;
            self.aux.extend_from_slice(&entry);
        }
        out.extend([first, (word(self.aux.len()) - first) / 11]);
        self.strs(out, [v.files_json]);
        out.push(v.mentions_kind);
        let first = word(self.aux.len());
        for item in viewer.items(Field::MentionedPeople).unwrap_or_default() {
            let Item::Mention(id) = item else { continue };
            let id = self.view(viewer.opt(*id));
            self.aux.extend_from_slice(&id);
        }
        out.extend([first, (word(self.aux.len()) - first) / 2]);
        self.strs(out, [v.mentions_json]);
    }
}

/// Makes a reader that parses each line with `options` (NULL: strict JSON, default limits),
/// with the rules of `swe_stream_new`. On success `*reader_out` owns it. Errors:
/// `SWE_ERROR_NULL_ARGUMENT`. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_batch_reader_new(
    options: *const swe_parse_options,
    reader_out: *mut *mut swe_batch_reader,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(reader_out, "reader_out")?;
        let reader = Reader { stream: Stream::new(options_or_default(options)) };
        out.write(into_raw::<swe_batch_reader, Reader>(reader));
        Ok(())
    })
}

/// Frees a reader; bytes of an unfinished line are dropped. NULL is ignored. Batches it made
/// stay valid.
#[unsafe(no_mangle)]
pub extern "C" fn swe_batch_reader_free(reader: *mut swe_batch_reader) {
    guard_value((), || free_raw::<swe_batch_reader, Reader>(reader))
}

/// Feeds `len` bytes (split anywhere, even inside a UTF-8 sequence; (NULL, 0) feeds nothing)
/// and parses every line they complete, as `swe_stream_feed` does: blank lines are skipped, a
/// `\r` before `\n` is dropped, a bad line becomes an error record and the reading goes on.
/// On success `*batch_out` owns a batch (free with `swe_batch_free`) with one record per
/// event or bad line, possibly none; when its view says `more`, call again with no bytes.
/// Errors: `SWE_ERROR_NULL_ARGUMENT`. One thread at a time per reader.
#[unsafe(no_mangle)]
pub extern "C" fn swe_batch_reader_feed(
    reader: *mut swe_batch_reader,
    bytes: *const c_char,
    len: usize,
    batch_out: *mut *mut swe_batch,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(batch_out, "batch_out")?;
        let reader = self::reader(reader)?;
        let bytes = bytes_in(bytes, len, "bytes")?;
        let mut batch = Batch::new(*reader.stream.options());
        batch.reserve(bytes.len());
        reader.stream.feed_texts(bytes, &mut |line, text, item| batch.push(line, text, item));
        out.write(into_raw::<swe_batch, Batch>(batch));
        Ok(())
    })
}

/// Ends the input: a last line without a newline is parsed, into a batch as by
/// `swe_batch_reader_feed` (call again while its view says `more`). Errors:
/// `SWE_ERROR_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn swe_batch_reader_finish(
    reader: *mut swe_batch_reader,
    batch_out: *mut *mut swe_batch,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(batch_out, "batch_out")?;
        let reader = self::reader(reader)?;
        let mut batch = Batch::new(*reader.stream.options());
        reader.stream.finish_texts(&mut |line, text, item| batch.push(line, text, item));
        out.write(into_raw::<swe_batch, Batch>(batch));
        Ok(())
    })
}

/// Fills `*view_out` with where the batch's arrays are (see `swe_batch_view`). Errors:
/// `SWE_ERROR_NULL_ARGUMENT`. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_batch_get_view(
    batch: *const swe_batch,
    view_out: *mut swe_batch_view,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(view_out, "view_out")?;
        let b = ref_in::<swe_batch, Batch>(batch, "batch")?;
        out.write(swe_batch_view {
            records: b.records.as_ptr(),
            record_count: b.record_count,
            aux: b.aux.as_ptr(),
            aux_len: b.aux.len(),
            bytes: b.bytes.as_ptr().cast(),
            byte_count: b.bytes.len(),
            event_count: b.record_count - b.errors,
            error_count: b.errors,
            more: b.more,
        });
        Ok(())
    })
}

/// Parses the line of record `index` again, with the reader's options, and on success
/// writes the event to `*event_out`, owned by the caller (free it with `swe_event_free`): the
/// whole event, for what the record does not carry. Errors: `SWE_ERROR_NULL_ARGUMENT`,
/// `SWE_ERROR_OUT_OF_RANGE` when `index >= record_count`, `SWE_ERROR_NOT_FOUND` when the
/// record is a bad line. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_batch_event(
    batch: *const swe_batch,
    index: usize,
    event_out: *mut *mut swe_event,
    error_out: *mut *mut swe_error,
) -> swe_status {
    guard(error_out, || {
        let out = Out::new(event_out, "event_out")?;
        let b = ref_in::<swe_batch, Batch>(batch, "batch")?;
        if index >= b.record_count {
            return Err(Error::new(ErrorCode::OutOfRange, format!("no record {index}")));
        }
        let record = &b.records[index * SWE_BATCH_RECORD_WORDS..][..SWE_BATCH_RECORD_WORDS];
        if record[0] != 0 {
            let message = format!("record {index} is a bad line");
            return Err(Error::new(ErrorCode::NotFound, message));
        }
        let (at, len) = (record[14] as usize, record[15] as usize);
        let event = Event::parse_with(&b.bytes[at..at + len], &b.options)?;
        out.write(into_raw::<swe_event, Event>(event));
        Ok(())
    })
}

/// Frees a batch. NULL is ignored.
#[unsafe(no_mangle)]
pub extern "C" fn swe_batch_free(batch: *mut swe_batch) {
    guard_value((), || free_raw::<swe_batch, Batch>(batch))
}
