//! Writing events back as JSON.
//!
//! Members are written in the order they arrived, unknown ones included, with strings escaped
//! as `JSON.stringify` escapes them; so a widget event re-emits byte for byte as the bridge
//! sent it (once minified).

use crate::model::event::{EnvelopeKey, Event, Key, Member, Span, Value};
use crate::parse::reader::write_json_string;
use crate::parse::scan::plain_end;

/// Which object to write: the event's `detail`, or a `{"name", "detail"}` wrapper.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Form {
    /// The form the event arrived in.
    #[default]
    AsArrived,
    /// The `detail` object alone (a third part of the name is lost).
    Detail,
    /// A `{"name": ..., "detail": ...}` wrapper carrying the full name.
    Wrapped,
}

/// How to write an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// Indent with two spaces and put each member on its own line, as
    /// `JSON.stringify(value, null, 2)` does. Compact when false.
    pub pretty: bool,
    /// Detail or wrapper.
    pub form: Form,
}

impl Event {
    /// The event as compact JSON, in the form it arrived in.
    pub fn to_json(&self) -> String {
        self.to_json_with(EmitOptions::default())
    }

    /// The event as indented JSON, in the form it arrived in.
    pub fn to_json_pretty(&self) -> String {
        self.to_json_with(EmitOptions { pretty: true, ..EmitOptions::default() })
    }

    /// The event as JSON, written as `options` say.
    pub fn to_json_with(&self, options: EmitOptions) -> String {
        let mut out = String::with_capacity(self.text.len() + 64);
        self.write_json(&mut out, options);
        out
    }

    /// Appends the event as JSON to `out`.
    pub fn write_json(&self, out: &mut String, options: EmitOptions) {
        if options.pretty {
            let mut compact = String::with_capacity(self.text.len() + 64);
            self.write_json(&mut compact, EmitOptions { pretty: false, ..options });
            indent(&compact, out);
            return;
        }
        let wrapped = match options.form {
            Form::AsArrived => self.wrapped,
            Form::Detail => false,
            Form::Wrapped => true,
        };
        if !wrapped {
            write_detail(self, out);
        } else if self.wrapped {
            write_members(self, self.wrapper_members(), out);
        } else {
            out.push_str("{\"name\":");
            write_json_string(out, self.name());
            out.push_str(",\"detail\":");
            write_detail(self, out);
            out.push('}');
        }
    }
}

fn write_detail(event: &Event, out: &mut String) {
    let members = event.envelope_members();
    let has = |key: EnvelopeKey| members.iter().any(|m| m.key == Key::Envelope(key));
    if has(EnvelopeKey::Resource) && has(EnvelopeKey::Event) {
        write_members(event, members, out);
        return;
    }
    // A wrapper may leave them to its name; a detail written alone needs them.
    out.push_str("{\"resource\":");
    write_json_string(out, event.resource());
    out.push_str(",\"event\":");
    write_json_string(out, event.event_type());
    for member in members {
        out.push(',');
        write_member(event, member, out);
    }
    out.push('}');
}

fn write_members(event: &Event, members: &[Member], out: &mut String) {
    out.push('{');
    for (i, member) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_member(event, member, out);
    }
    out.push('}');
}

fn write_member(event: &Event, member: &Member, out: &mut String) {
    match member.key {
        // The keys the library knows need no escapes.
        Key::Envelope(key) => out.push_str(key.quoted_key()),
        Key::Field(field) => out.push_str(field.quoted_key()),
        Key::Other(span) => {
            write_string_span(event, span, out);
            out.push(':');
        }
    }
    match member.key {
        // Inside its wrapper, the detail is written as it arrived.
        Key::Envelope(EnvelopeKey::Detail) => write_members(event, event.envelope_members(), out),
        Key::Envelope(EnvelopeKey::Data) => write_data(event, out),
        _ => write_value(event, &member.value, out),
    }
}

/// Writes `data` as compact JSON.
pub(crate) fn write_data(event: &Event, out: &mut String) {
    match event.data_raw {
        Some(raw) => out.push_str(event.str(raw)),
        None => write_members(event, event.data_members(), out),
    }
}

/// Writes one value as compact JSON.
pub(crate) fn write_value(event: &Event, value: &Value, out: &mut String) {
    match *value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Str(s) | Value::Time { text: s, .. } | Value::Team { text: s, .. } => {
            write_string_span(event, s, out)
        }
        Value::Files { raw, .. }
        | Value::Mentions { raw, .. }
        | Value::Call { raw, .. }
        | Value::Json(raw) => out.push_str(event.str(raw)),
    }
}

/// Writes the string of the event's arena at `span` as JSON. The arena holds a NUL after
/// every string, where the scan for bytes to escape stops: most strings are then written in
/// one piece, with no copy made to pad their last bytes for the scan.
fn write_string_span(event: &Event, span: Span, out: &mut String) {
    let (start, end) = (span.start as usize, span.start as usize + span.len as usize);
    if plain_end(event.text.as_bytes(), start, b'"') >= end {
        out.push('"');
        out.push_str(event.str(span));
        out.push('"');
    } else {
        write_json_string(out, event.str(span));
    }
}

/// Re-indents compact, valid JSON with two spaces per level.
fn indent(compact: &str, out: &mut String) {
    let bytes = compact.as_bytes();
    let mut level = 0usize;
    let mut in_string = false;
    let mut plain = 0;
    let newline = |out: &mut String, level: usize| {
        out.push('\n');
        for _ in 0..level {
            out.push_str("  ");
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                out.push_str(&compact[plain..=i]);
                if matches!(bytes.get(i + 1), Some(b'}' | b']')) {
                    out.push(bytes[i + 1] as char);
                    i += 1;
                } else {
                    level += 1;
                    newline(out, level);
                }
                plain = i + 1;
            }
            b'}' | b']' => {
                out.push_str(&compact[plain..i]);
                level -= 1;
                newline(out, level);
                out.push(b as char);
                plain = i + 1;
            }
            b',' => {
                out.push_str(&compact[plain..=i]);
                newline(out, level);
                plain = i + 1;
            }
            b':' => {
                out.push_str(&compact[plain..=i]);
                out.push(' ');
                plain = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&compact[plain..]);
}
