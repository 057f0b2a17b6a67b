//! Dispatch: patterns, order, re-entrancy, refusals and threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use spaces_widget_events::{Emitter, ErrorCode, Event, ListenerError};

fn event(name: &str) -> Event {
    let (resource, kind) = name.split_once(':').unwrap();
    Event::parse(format!(r#"{{"resource":"{resource}","event":"{kind}","data":{{}}}}"#)).unwrap()
}

/// Subscribes a listener per pattern that records "pattern" for each event it receives.
fn recording(emitter: &Emitter, patterns: &[&'static str]) -> Arc<Mutex<Vec<String>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    for &pattern in patterns {
        let seen = seen.clone();
        emitter
            .on(pattern, move |e| {
                seen.lock().unwrap().push(format!("{pattern} <- {}", e.name()));
                Ok(())
            })
            .unwrap();
    }
    seen
}

#[test]
fn patterns_select_events_in_subscription_order() {
    let emitter = Emitter::new();
    let seen = recording(
        &emitter,
        &["*", "messages:created", "messages:*", "*:created", "rooms:read", "calls:*"],
    );
    assert_eq!(emitter.emit(&event("messages:created")).unwrap(), 4);
    assert_eq!(emitter.emit(&event("spaces:read")).unwrap(), 2);
    assert_eq!(emitter.emit(&event("widget:resized")).unwrap(), 1);
    let wrapped = Event::parse(r#"{"name":"calls:memberships:connected","detail":{"data":{}}}"#);
    assert_eq!(emitter.emit(&wrapped.unwrap()).unwrap(), 2);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "* <- messages:created",
            "messages:created <- messages:created",
            "messages:* <- messages:created",
            "*:created <- messages:created",
            "* <- spaces:read",
            "rooms:read <- spaces:read",
            "* <- widget:resized",
            "* <- calls:memberships:connected",
            "calls:* <- calls:memberships:connected",
        ]
    );
}

#[test]
fn bad_patterns_are_refused() {
    let emitter = Emitter::new();
    for pattern in ["", "a::b", "mess*ages", ":", "a:"] {
        let error = emitter.on(pattern, |_| Ok(())).unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidArgument, "{pattern:?}");
    }
    assert_eq!(emitter.listener_count(), 0);
}

#[test]
fn json_listeners_get_the_compact_text() {
    let emitter = Emitter::new();
    let got = Arc::new(Mutex::new(Vec::new()));
    let sink = got.clone();
    emitter
        .on_json("*", move |name, json| {
            sink.lock().unwrap().push((name.to_string(), json.to_string()));
            Ok(())
        })
        .unwrap();
    emitter
        .emit_json("{ \"resource\" : \"rooms\", \"event\": \"read\", \"data\": {\"id\": \"r\"} }")
        .unwrap();
    assert_eq!(
        *got.lock().unwrap(),
        [(
            "rooms:read".to_string(),
            r#"{"resource":"rooms","event":"read","data":{"id":"r"}}"#.to_string()
        )]
    );
}

#[test]
fn a_refusal_stops_delivery_and_reaches_the_caller() {
    let emitter = Emitter::new();
    let later = Arc::new(AtomicUsize::new(0));
    emitter.on("*", |_| Err(ListenerError::new(42, "no thanks"))).unwrap();
    let counter = later.clone();
    emitter
        .on("*", move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            Ok(())
        })
        .unwrap();
    let error = emitter.emit(&event("rooms:read")).unwrap_err();
    assert_eq!((error.code(), error.listener_status()), (ErrorCode::Listener, 42));
    assert_eq!(error.message(), "listener 1 refused rooms:read: no thanks");
    assert_eq!(later.load(Ordering::SeqCst), 0);
}

#[test]
fn listeners_may_unsubscribe_themselves_and_others_while_delivering() {
    let emitter = Arc::new(Emitter::new());
    let calls = Arc::new(Mutex::new(Vec::new()));
    let (e, c) = (Arc::downgrade(&emitter), calls.clone());
    // Ids are given in order from 1: the first listener removes itself and the third.
    emitter
        .on("*", move |_| {
            c.lock().unwrap().push(1);
            let emitter = e.upgrade().unwrap();
            emitter.off(1).unwrap();
            emitter.off(3).unwrap();
            Ok(())
        })
        .unwrap();
    for n in [2, 3] {
        let c = calls.clone();
        emitter
            .on("*", move |_| {
                c.lock().unwrap().push(n);
                Ok(())
            })
            .unwrap();
    }
    assert_eq!(emitter.emit(&event("rooms:read")).unwrap(), 2);
    assert_eq!(emitter.emit(&event("rooms:read")).unwrap(), 1);
    assert_eq!(*calls.lock().unwrap(), [1, 2, 2]);
    assert_eq!(emitter.off(1).unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn listeners_are_dropped_once_unsubscribed() {
    struct Token(Arc<AtomicUsize>);
    impl Drop for Token {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    let drops = Arc::new(AtomicUsize::new(0));
    let emitter = Emitter::new();
    let token = Token(drops.clone());
    let id = emitter
        .on("*", move |_| {
            let _keep = &token;
            Ok(())
        })
        .unwrap();
    let token = Token(drops.clone());
    emitter
        .on("*", move |_| {
            let _keep = &token;
            Ok(())
        })
        .unwrap();
    emitter.off(id).unwrap();
    assert_eq!(drops.load(Ordering::SeqCst), 1);
    drop(emitter);
    assert_eq!(drops.load(Ordering::SeqCst), 2);
}

#[test]
fn many_threads_emit_subscribe_and_unsubscribe_at_once() {
    let emitter = Arc::new(Emitter::new());
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    emitter
        .on("rooms:*", move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            Ok(())
        })
        .unwrap();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let emitter = emitter.clone();
            std::thread::spawn(move || {
                for _ in 0..500 {
                    if t % 2 == 0 {
                        emitter.emit(&event("rooms:read")).unwrap();
                    } else {
                        let id = emitter.on("*", |_| Ok(())).unwrap();
                        emitter.off(id).unwrap();
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(count.load(Ordering::SeqCst), 4 * 500);
    assert_eq!(emitter.listener_count(), 1);
}
