//! The emitter: listeners subscribe with a pattern, and each event emitted reaches every
//! matching listener, in subscription order, on the emitting thread.
//!
//! Emitting takes a snapshot of the listeners under a short lock and calls them with no lock
//! held, so listeners may subscribe, unsubscribe and emit themselves. A listener is dropped
//! (its captures freed, its C `release` run) once it is unsubscribed and no emit still holds it.

use std::cell::Cell;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::emit::EmitOptions;
use crate::error::{Error, ErrorCode};
use crate::model::catalogue::Kind;
use crate::model::event::Event;
use crate::options::ParseOptions;

/// A subscription's id: unique within its emitter, never reused.
pub type SubscriptionId = u64;

/// A listener's refusal of an event: delivery of that event stops and [`Emitter::emit`] fails
/// with [`ErrorCode::Listener`] carrying `status` and `message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListenerError {
    /// A non-zero value for the emitting caller (C hosts return it from their callback).
    pub status: i32,
    /// What went wrong, for people.
    pub message: String,
}

impl ListenerError {
    /// A refusal with a status and a message.
    pub fn new(status: i32, message: impl Into<String>) -> ListenerError {
        ListenerError { status, message: message.into() }
    }
}

impl fmt::Display for ListenerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (status {})", self.message, self.status)
    }
}

impl std::error::Error for ListenerError {}

/// What a listener returns.
pub type ListenerResult = Result<(), ListenerError>;

type EventListener = Box<dyn Fn(&Event) -> ListenerResult + Send + Sync>;
type JsonListener = Box<dyn Fn(&str, &str) -> ListenerResult + Send + Sync>;

enum Listener {
    Event(EventListener),
    Json(JsonListener),
}

/// Which events a listener wants, e.g. `messages:created`, `messages:*`, `*:created`, `*`.
///
/// Names are split on `:`. A `*` segment matches any one segment; a `*` at the end also
/// matches any further segments (`calls:*` matches `calls:memberships:connected`); `*` alone
/// matches every event. A pattern matches an event when it matches the name that arrived or
/// the kind's current name, so `rooms:read` also receives events that arrived as
/// `spaces:read`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    text: Box<str>,
    matcher: Matcher,
}

/// How a pattern is matched, settled when it is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Matcher {
    /// `*`: every event.
    Every,
    /// Exactly a known name: a comparison of kinds.
    Kind(Kind),
    /// Segment by segment, against the name that arrived and the kind's current name.
    Segments,
}

impl Pattern {
    /// Checks and compiles a pattern. Fails with [`ErrorCode::InvalidArgument`] when it is
    /// empty, has an empty segment, or a segment that mixes `*` with other characters.
    pub fn new(text: &str) -> Result<Pattern, Error> {
        let bad = |why: &str| {
            Err(Error::new(ErrorCode::InvalidArgument, format!("invalid pattern `{text}`: {why}")))
        };
        if text.is_empty() {
            return bad("it is empty");
        }
        for segment in text.split(':') {
            if segment.is_empty() {
                return bad("a segment is empty");
            }
            if segment != "*" && segment.contains('*') {
                return bad("`*` must stand alone in its segment");
            }
        }
        let matcher = match Kind::from_name(text) {
            _ if text == "*" => Matcher::Every,
            Kind::Unknown => Matcher::Segments,
            kind => Matcher::Kind(kind),
        };
        Ok(Pattern { text: text.into(), matcher })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether an event with this kind and name matches.
    pub fn matches(&self, event: &Event) -> bool {
        match self.matcher {
            Matcher::Every => true,
            Matcher::Kind(kind) => kind == event.kind(),
            Matcher::Segments => {
                segments_match(&self.text, event.name())
                    || event
                        .kind()
                        .canonical_name()
                        .is_some_and(|name| segments_match(&self.text, name))
            }
        }
    }
}

fn segments_match(pattern: &str, name: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let mut names = name.split(':');
    let mut patterns = pattern.split(':').peekable();
    while let Some(p) = patterns.next() {
        let last = patterns.peek().is_none();
        match names.next() {
            None => return false,
            Some(_) if p == "*" && last => return true,
            Some(n) if p == "*" || p == n => {}
            Some(_) => return false,
        }
    }
    names.next().is_none()
}

struct Subscription {
    id: SubscriptionId,
    pattern: Pattern,
    listener: Listener,
    active: AtomicBool,
}

/// Dispatches events to listeners. `Send + Sync`: share it (e.g. in an `Arc`) and subscribe,
/// unsubscribe and emit from any thread at once, and from inside a listener.
pub struct Emitter {
    subscriptions: Mutex<Arc<Vec<Arc<Subscription>>>>,
    next_id: AtomicU64,
    options: ParseOptions,
}

impl Default for Emitter {
    fn default() -> Emitter {
        Emitter::new()
    }
}

impl fmt::Debug for Emitter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emitter").field("listeners", &self.snapshot().len()).finish()
    }
}

thread_local! {
    /// The text an emit on this thread wrote for JSON listeners, kept for the next emit.
    static JSON_BUFFER: Cell<String> = const { Cell::new(String::new()) };
}

/// Keeps `text`'s allocation for the next emit on this thread, unless it is large.
fn keep_json_buffer(text: String) {
    if text.capacity() <= 64 * 1024 {
        let _ = JSON_BUFFER.try_with(|cell| cell.set(text));
    }
}

/// Frees the text buffer this thread keeps for JSON listeners.
#[cfg_attr(not(feature = "alloc-counter"), allow(dead_code))]
pub(crate) fn release_json_buffer() {
    let _ = JSON_BUFFER.try_with(Cell::take);
}

impl Emitter {
    /// An emitter with no listeners, parsing JSON text with default options.
    pub fn new() -> Emitter {
        Emitter::with_options(ParseOptions::default())
    }

    /// An emitter whose [`Emitter::emit_json`] parses with `options`.
    pub fn with_options(options: ParseOptions) -> Emitter {
        Emitter {
            subscriptions: Mutex::new(Arc::new(Vec::new())),
            next_id: AtomicU64::new(1),
            options,
        }
    }

    /// Subscribes a listener that receives each matching event.
    pub fn on(
        &self,
        pattern: &str,
        listener: impl Fn(&Event) -> ListenerResult + Send + Sync + 'static,
    ) -> Result<SubscriptionId, Error> {
        self.subscribe(Pattern::new(pattern)?, Listener::Event(Box::new(listener)))
    }

    /// Subscribes a listener that receives each matching event as its full name and its
    /// compact JSON text (in the form it arrived in).
    pub fn on_json(
        &self,
        pattern: &str,
        listener: impl Fn(&str, &str) -> ListenerResult + Send + Sync + 'static,
    ) -> Result<SubscriptionId, Error> {
        self.subscribe(Pattern::new(pattern)?, Listener::Json(Box::new(listener)))
    }

    fn subscribe(&self, pattern: Pattern, listener: Listener) -> Result<SubscriptionId, Error> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let subscription =
            Arc::new(Subscription { id, pattern, listener, active: AtomicBool::new(true) });
        let mut guard = self.lock();
        let mut list = Vec::with_capacity(guard.len() + 1);
        list.extend(guard.iter().cloned());
        list.push(subscription);
        let old = std::mem::replace(&mut *guard, Arc::new(list));
        drop(guard);
        // The old list may hold the last reference to nothing here, but drop it unlocked anyway.
        drop(old);
        Ok(id)
    }

    /// Unsubscribes. Emits that start after this returns do not call the listener; an emit
    /// already under way on another thread may still call it once (no lock is held while
    /// listeners run), and the listener is dropped after that last call. Fails with
    /// [`ErrorCode::NotFound`] for an id that is not subscribed.
    pub fn off(&self, id: SubscriptionId) -> Result<(), Error> {
        let mut guard = self.lock();
        let Some(position) = guard.iter().position(|s| s.id == id) else {
            return Err(Error::new(ErrorCode::NotFound, format!("no subscription with id {id}")));
        };
        guard[position].active.store(false, Ordering::Release);
        let list: Vec<_> = guard
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != position)
            .map(|(_, s)| s.clone())
            .collect();
        let old = std::mem::replace(&mut *guard, Arc::new(list));
        drop(guard);
        // Dropping the last reference runs the listener's destructor: never under the lock,
        // since it may call back into this emitter.
        drop(old);
        Ok(())
    }

    /// How many listeners are subscribed.
    pub fn listener_count(&self) -> usize {
        self.snapshot().len()
    }

    /// Delivers `event` to every matching listener, in subscription order, and returns how
    /// many ran. A listener's error stops the delivery and comes back as
    /// [`ErrorCode::Listener`].
    pub fn emit(&self, event: &Event) -> Result<usize, Error> {
        let mut json: Option<String> = None;
        let result = self.deliver(event, &mut json);
        if let Some(text) = json {
            keep_json_buffer(text);
        }
        result
    }

    fn deliver(&self, event: &Event, json: &mut Option<String>) -> Result<usize, Error> {
        let snapshot = self.snapshot();
        let mut delivered = 0;
        for subscription in snapshot.iter() {
            if !subscription.active.load(Ordering::Acquire) || !subscription.pattern.matches(event)
            {
                continue;
            }
            delivered += 1;
            let result = match &subscription.listener {
                Listener::Event(listener) => listener(event),
                Listener::Json(listener) => {
                    // Written once per emit, with a NUL after the text that C listeners rely on.
                    let text = json.get_or_insert_with(|| {
                        let mut text = JSON_BUFFER.try_with(Cell::take).unwrap_or_default();
                        text.clear();
                        event.write_json(&mut text, EmitOptions::default());
                        text.push('\0');
                        text
                    });
                    listener(event.name(), &text[..text.len() - 1])
                }
            };
            if let Err(refusal) = result {
                let message = format!(
                    "listener {} refused {}: {}",
                    subscription.id,
                    event.name(),
                    refusal.message
                );
                return Err(Error::listener(refusal.status, message));
            }
        }
        Ok(delivered)
    }

    /// Parses `text` with the emitter's options and emits the event.
    pub fn emit_json(&self, text: impl AsRef<[u8]>) -> Result<usize, Error> {
        self.emit_json_with(text, &self.options)
    }

    /// Parses `text` with `options` and emits the event.
    pub fn emit_json_with(
        &self,
        text: impl AsRef<[u8]>,
        options: &ParseOptions,
    ) -> Result<usize, Error> {
        // Borrowed where it lies, rather than moved out of the result by `?`.
        match Event::parse_with(text, options) {
            Ok(ref event) => self.emit(event),
            Err(error) => Err(error),
        }
    }

    fn snapshot(&self) -> Arc<Vec<Arc<Subscription>>> {
        self.lock().clone()
    }

    fn lock(&self) -> MutexGuard<'_, Arc<Vec<Arc<Subscription>>>> {
        // A panic while the lock was held cannot leave the list half-changed: every change
        // is a single replace. So a poisoned lock is still good.
        self.subscriptions.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
