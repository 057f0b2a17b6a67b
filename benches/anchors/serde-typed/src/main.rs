//! Anchor: serde_json into derived, typed structs.
//!
//! Written the way a Rust host would model the widget's events without this library: an
//! envelope whose `data` stays a borrowed `RawValue` until `resource` and `event` (two sibling
//! keys, which serde's enum tagging cannot combine) pick the struct, then a second
//! `from_str` into that struct. Ids, timestamps and enum-like values are borrowed `&str` (they
//! never need unescaping); free text is `Cow<str>` with `#[serde(borrow)]`, which borrows
//! unless the JSON string holds an escape. The structs carry every field DOMAIN.md lists for
//! the kind, so the parse does as much as a full model would; unknown keys are skipped.
//!
//! Contract (same as the C anchors, see ../common/bench_common.h): `serde-typed-anchor
//! <corpus.ndjson> [repeats]`, whole corpus in memory first, each repeat of the loop timed on
//! a monotonic clock, one `key=value` line on stdout, same checksum definition. Callgrind
//! counts the loop alone with `--toggle-collect=process_events`.

// The structs model every field, as a host's would; the checksum reads only a few of them.
#![allow(dead_code)]

use std::borrow::Cow;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    resource: &'a str,
    event: &'a str,
    actor_id: Option<&'a str>,
    #[serde(borrow)]
    data: &'a RawValue,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum RoomType {
    Group,
    Direct,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File<'a> {
    object_type: Option<&'a str>,
    #[serde(borrow)]
    display_name: Option<Cow<'a, str>>,
    file_size: Option<u64>,
    mime_type: Option<&'a str>,
    #[serde(borrow)]
    url: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Mention<'a> {
    id: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MessageData<'a> {
    id: &'a str,
    room_id: &'a str,
    room_type: RoomType,
    #[serde(borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow)]
    html: Option<Cow<'a, str>>,
    #[serde(borrow)]
    files: Option<Vec<File<'a>>>,
    person_id: &'a str,
    person_email: Option<&'a str>,
    created: &'a str,
    #[serde(borrow)]
    mentioned_people: Option<Vec<Mention<'a>>>,
    to_person_id: Option<&'a str>,
    to_person_email: Option<&'a str>,
    actor_id: Option<&'a str>,
    #[serde(borrow)]
    actor_name: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoomData<'a> {
    id: &'a str,
    #[serde(borrow)]
    title: Option<Cow<'a, str>>,
    #[serde(rename = "type")]
    room_type: RoomType,
    is_locked: Option<bool>,
    team_id: Option<&'a str>,
    last_activity: &'a str,
    created: Option<&'a str>,
    actor_id: Option<&'a str>,
    #[serde(borrow)]
    actor_name: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Call<'a> {
    id: Option<&'a str>,
    status: Option<&'a str>,
    state: Option<&'a str>,
    direction: Option<&'a str>,
    #[serde(borrow)]
    locus_url: Option<Cow<'a, str>>,
    correlation_id: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CallData<'a> {
    room_id: Option<&'a str>,
    person_id: Option<&'a str>,
    person_email: Option<&'a str>,
    actor_id: Option<&'a str>,
    #[serde(borrow)]
    actor_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    call: Call<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MembershipData<'a> {
    actor_id: Option<&'a str>,
    id: &'a str,
    room_id: &'a str,
    person_id: &'a str,
    person_email: Option<&'a str>,
    created: &'a str,
}

#[derive(Deserialize)]
struct MentionData<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    id: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActivityData<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow)]
    display_name: Option<Cow<'a, str>>,
    #[serde(rename = "type")]
    kind: Option<&'a str>,
}

/// The typed event a host would match on; unknown names keep their raw data.
enum Event<'a> {
    MessageCreated(MessageData<'a>),
    RoomUnread(RoomData<'a>),
    RoomRead(RoomData<'a>),
    RoomSelected(RoomData<'a>),
    CallCreated(CallData<'a>),
    CallConnected(CallData<'a>),
    CallDisconnected(CallData<'a>),
    MembershipCreated(MembershipData<'a>),
    MentionClicked(MentionData<'a>),
    ActivityChanged(ActivityData<'a>),
    Unknown(&'a RawValue),
}

fn parse_event(line: &[u8]) -> serde_json::Result<(Envelope<'_>, Event<'_>)> {
    let envelope: Envelope = serde_json::from_slice(line)?;
    let raw = envelope.data.get();
    let event = match (envelope.resource, envelope.event) {
        ("messages", "created") => Event::MessageCreated(serde_json::from_str(raw)?),
        ("rooms", "unread") => Event::RoomUnread(serde_json::from_str(raw)?),
        ("rooms", "read") => Event::RoomRead(serde_json::from_str(raw)?),
        ("rooms", "selected") => Event::RoomSelected(serde_json::from_str(raw)?),
        ("calls", "created") => Event::CallCreated(serde_json::from_str(raw)?),
        ("calls", "connected") => Event::CallConnected(serde_json::from_str(raw)?),
        ("calls", "disconnected") => Event::CallDisconnected(serde_json::from_str(raw)?),
        ("memberships", "created") => Event::MembershipCreated(serde_json::from_str(raw)?),
        ("mention", "clicked") => Event::MentionClicked(serde_json::from_str(raw)?),
        ("activity", "changed") => Event::ActivityChanged(serde_json::from_str(raw)?),
        _ => Event::Unknown(envelope.data),
    };
    Ok((envelope, event))
}

fn len(value: Option<&str>) -> u64 {
    value.map_or(0, |s| s.len() as u64)
}

/// The checksum of one event; the kind numbers match `enum widget_kind` in bench_common.h.
fn event_sum(envelope: &Envelope, event: &Event) -> u64 {
    let fields = match event {
        Event::MessageCreated(m) => {
            1 + (m.id.len() + m.room_id.len() + m.created.len()) as u64 + len(m.text.as_deref())
        }
        Event::RoomUnread(r) | Event::RoomRead(r) | Event::RoomSelected(r) => {
            let kind = match event {
                Event::RoomUnread(_) => 2,
                Event::RoomRead(_) => 3,
                _ => 4,
            };
            kind + (r.id.len() + r.last_activity.len()) as u64 + len(r.title.as_deref())
        }
        Event::CallCreated(c) | Event::CallConnected(c) | Event::CallDisconnected(c) => {
            let kind = match event {
                Event::CallCreated(_) => 5,
                Event::CallConnected(_) => 6,
                _ => 7,
            };
            kind + len(c.room_id) + len(c.call.state)
        }
        Event::MembershipCreated(m) => 8 + (m.id.len() + m.room_id.len() + m.created.len()) as u64,
        Event::MentionClicked(m) => 9 + m.id.len() as u64,
        Event::ActivityChanged(a) => 10 + a.name.len() as u64,
        Event::Unknown(_) => 0,
    };
    fields + len(envelope.actor_id)
}

/// The measured loop: everything callgrind counts happens inside this call (the symbol name is
/// what `--toggle-collect` looks for, so it stays unmangled and out of line).
#[unsafe(no_mangle)]
#[inline(never)]
pub fn process_events(lines: &[&[u8]], errors: &mut u64) -> u64 {
    let mut sum = 0u64;
    for line in lines {
        match parse_event(line) {
            // black_box: the fields the checksum skips must still look used.
            Ok((envelope, event)) => sum += event_sum(&envelope, black_box(&event)),
            Err(_) => *errors += 1,
        }
    }
    sum
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (path, repeats) = match args.as_slice() {
        [_, path] => (path, 5),
        [_, path, repeats] => match repeats.parse::<usize>() {
            Ok(n) if n >= 1 => (path, n),
            _ => return usage(&args[0]),
        },
        _ => return usage(args.first().map_or("serde-typed-anchor", String::as_str)),
    };
    let corpus = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("error: {path}: {err}");
            return ExitCode::from(2);
        }
    };
    let lines: Vec<&[u8]> = corpus
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();

    let mut durations = Vec::with_capacity(repeats);
    let (mut checksum, mut errors) = (0, 0);
    for _ in 0..repeats {
        let mut errs = 0;
        let start = Instant::now();
        checksum = process_events(black_box(&lines), &mut errs);
        durations.push(start.elapsed());
        errors = errs;
    }

    durations.sort();
    let rate = |d: std::time::Duration| lines.len() as f64 / d.as_secs_f64();
    println!(
        "events={} repeats={repeats} median_events_per_sec={:.0} best_events_per_sec={:.0} \
         checksum={checksum} errors={errors}",
        lines.len(),
        rate(durations[(repeats - 1) / 2]),
        rate(durations[0]),
    );
    ExitCode::SUCCESS
}

fn usage(program: &str) -> ExitCode {
    eprintln!("usage: {program} <corpus.ndjson> [repeats]");
    ExitCode::from(2)
}
