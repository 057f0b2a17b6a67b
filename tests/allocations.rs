//! Parsing and emitting a warm event allocates nothing: a dropped event hands its allocations
//! to the next parse on the thread. (A warning's message is written when it is raised: only
//! events without warnings are held to this.) Counted with a global allocator that counts
//! every allocation this test binary makes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use spaces_widget_events::{Emitter, Event};

struct Counting;

thread_local! {
    /// Allocations made by this thread while counting.
    static COUNT: Cell<Option<usize>> = const { Cell::new(None) };
}

fn note() {
    let _ = COUNT.try_with(|count| {
        if let Some(n) = count.get() {
            count.set(Some(n + 1));
        }
    });
}

// SAFETY: every call is forwarded to the system allocator unchanged; only a count is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// How many allocations `work` makes on this thread.
fn allocations(work: impl FnOnce()) -> usize {
    COUNT.with(|count| count.set(Some(0)));
    work();
    COUNT.with(|count| count.replace(None)).unwrap()
}

/// The bundled events compacted (as a host receives them), and variants with their keys in
/// other orders and their last member near the end of the text.
fn events() -> Vec<String> {
    let dir = format!("{}/tests/data/events", env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        texts.push(serde_json::to_string(&value).unwrap());
    }
    let room = "Y2lzY29zcGFyazovL3VzL1JPT00vOWVmZDU1ZDItMzhkOS00OWFiLTliNDktNTI0NGM5MmJkZDVh";
    for data in [
        format!(
            r#"{{"id":"{room}","type":"group","lastActivity":"2021-03-19T20:05:50.041Z","isLocked":true}}"#
        ),
        format!(
            r#"{{"isLocked":true,"type":"group","lastActivity":"2021-03-19T20:05:50.041Z","id":"{room}"}}"#
        ),
    ] {
        texts.push(format!(r#"{{"resource":"rooms","event":"read","data":{data}}}"#));
    }
    texts.push(r#"{"data":{"a":1},"event":"y","resource":"x"}"#.into());
    texts.retain(|text| Event::parse(text).unwrap().warnings().len() == 0);
    assert!(texts.len() >= 10, "{}", texts.len());
    texts
}

#[test]
fn parsing_a_warm_event_allocates_nothing() {
    for text in events() {
        // The first parse of the thread, or of a bigger event, may grow what is kept.
        drop(Event::parse(&text).unwrap());
        let n = allocations(|| {
            for _ in 0..3 {
                drop(Event::parse(&text).unwrap());
            }
        });
        assert_eq!(n, 0, "{text}");
    }
}

#[test]
fn emitting_a_warm_event_allocates_nothing() {
    let emitter = Emitter::new();
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = seen.clone();
    emitter
        .on("*", move |event: &Event| {
            counter.fetch_add(event.name().len(), std::sync::atomic::Ordering::Relaxed);
            Ok(())
        })
        .unwrap();
    for text in events() {
        emitter.emit_json(&text).unwrap();
        let n = allocations(|| {
            for _ in 0..3 {
                emitter.emit_json(&text).unwrap();
            }
        });
        assert_eq!(n, 0, "{text}");
    }
    assert!(seen.load(std::sync::atomic::Ordering::Relaxed) > 0);
}
