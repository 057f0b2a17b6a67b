//! This library through its Rust API, as a Rust host uses it: each line goes to
//! `Event::parse` (parse and validate), then to an `Emitter` (dispatch) whose one listener, on
//! `*`, reads the checksum's fields through the typed views (`event.data()`).
//!
//! Contract (same as the other programs, see ../../anchors/common/bench_common.h):
//! `swe-rust-bench <corpus.ndjson> [repeats]`, whole corpus in memory first, each repeat of the
//! loop timed on a monotonic clock, one `key=value` line on stdout, same checksum. Callgrind
//! counts the loop alone with `--toggle-collect=process_events`.

use std::hint::black_box;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use spaces_widget_events::{Data, Emitter, Event, Kind};

fn len(value: Option<&str>) -> u64 {
    value.map_or(0, |s| s.len() as u64)
}

/// The checksum of one event; the kind numbers are `enum widget_kind` in bench_common.h (not
/// the library's `Kind` discriminants).
fn event_sum(event: &Event) -> u64 {
    let fields = match (event.kind(), event.data()) {
        (Kind::MessagesCreated, Data::Message(m)) => {
            1 + len(m.id()) + len(m.room_id()) + len(m.text()) + len(m.created().map(|t| t.text))
        }
        (kind @ (Kind::RoomsUnread | Kind::RoomsRead | Kind::RoomsSelected), Data::Room(r)) => {
            let number = match kind {
                Kind::RoomsUnread => 2,
                Kind::RoomsRead => 3,
                _ => 4,
            };
            number + len(r.id()) + len(r.title()) + len(r.last_activity().map(|t| t.text))
        }
        (
            kind @ (Kind::CallsCreated | Kind::CallsConnected | Kind::CallsDisconnected),
            Data::Call(c),
        ) => {
            let number = match kind {
                Kind::CallsCreated => 5,
                Kind::CallsConnected => 6,
                _ => 7,
            };
            number + len(c.room_id()) + len(c.call().and_then(|c| c.state()))
        }
        (Kind::MembershipsCreated, Data::Membership(m)) => {
            8 + len(m.id()) + len(m.room_id()) + len(m.created().map(|t| t.text))
        }
        (Kind::MentionClicked, Data::Mention(m)) => 9 + len(m.id()),
        (Kind::ActivityChanged, Data::Activity(a)) => 10 + len(a.name()),
        _ => 0,
    };
    fields + len(event.actor_id())
}

/// One line of the corpus, as a C-compatible (pointer, length) pair.
#[repr(C)]
pub struct Line {
    ptr: *const u8,
    len: usize,
}

/// The measured loop: everything callgrind counts happens inside this call (the symbol name is
/// what `--toggle-collect` looks for, so it stays unmangled and out of line). Parses each line,
/// emits it, and returns the listener's sum.
///
/// # Safety
/// `lines` points to `count` lines, each `len` readable bytes.
#[unsafe(no_mangle)]
#[inline(never)]
pub unsafe extern "C" fn process_events(
    lines: *const Line,
    count: usize,
    emitter: &Emitter,
    sum: &AtomicU64,
    errors: &mut u64,
) -> u64 {
    sum.store(0, Ordering::Relaxed);
    // SAFETY: the caller's promise.
    let lines = unsafe { std::slice::from_raw_parts(lines, count) };
    for line in lines {
        // SAFETY: the caller's promise.
        let bytes = unsafe { std::slice::from_raw_parts(line.ptr, line.len) };
        if Event::parse(bytes).and_then(|event| emitter.emit(&event)).is_err() {
            *errors += 1;
        }
    }
    sum.load(Ordering::Relaxed)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (path, repeats) = match args.as_slice() {
        [_, path] => (path, 5),
        [_, path, repeats] => match repeats.parse::<usize>() {
            Ok(n) if n >= 1 => (path, n),
            _ => return usage(&args[0]),
        },
        _ => return usage(args.first().map_or("swe-rust-bench", String::as_str)),
    };
    let corpus = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("error: {path}: {err}");
            return ExitCode::from(2);
        }
    };
    // Sized up front, so the setup allocates the same whatever the corpus' length (the
    // allocation count per event is a difference of two runs).
    let mut lines = Vec::with_capacity(corpus.iter().filter(|&&b| b == b'\n').count() + 1);
    lines.extend(
        corpus
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| Line { ptr: l.as_ptr(), len: l.len() }),
    );

    let sum = Arc::new(AtomicU64::new(0));
    let emitter = Emitter::new();
    let listener_sum = Arc::clone(&sum);
    let subscribed = emitter.on("*", move |event| {
        // One thread emits: a relaxed load and store is a plain add, as the C listener's.
        let total = listener_sum.load(Ordering::Relaxed) + event_sum(event);
        listener_sum.store(total, Ordering::Relaxed);
        Ok(())
    });
    if let Err(err) = subscribed {
        eprintln!("error: subscribing: {err}");
        return ExitCode::from(2);
    }

    let mut durations = Vec::with_capacity(repeats);
    let (mut checksum, mut errors) = (0, 0);
    for _ in 0..repeats {
        let mut errs = 0;
        let start = Instant::now();
        // SAFETY: every line points into `corpus`, alive for the call.
        checksum = unsafe {
            process_events(black_box(lines.as_ptr()), lines.len(), &emitter, &sum, &mut errs)
        };
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
