//! Streams of events, one JSON text a line (newline-delimited JSON), fed in chunks of any
//! size as they arrive.
//!
//! A chunk may end anywhere: inside a line, inside a string, inside a UTF-8 sequence. `\n` ends
//! a line and a `\r` before it is dropped; blank lines are skipped; [`Stream::finish`] takes a
//! last line that has no newline. A bad line is an error for that line only, with its line
//! number, and the stream goes on. Memory stays bounded by the longest line kept, which the
//! `max_input_bytes` limit caps: a longer line is reported once and skipped as it streams by.

use std::io::Read;

use crate::error::{Error, ErrorCode};
use crate::model::event::Event;
use crate::options::ParseOptions;

/// Whether to go on after a line has been delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Read the next line.
    Continue,
    /// Stop here; the bytes not yet read stay buffered for the next call.
    Stop,
}

/// A chunk-fed reader of newline-delimited events.
#[derive(Debug)]
pub struct Stream {
    options: ParseOptions,
    /// The start of a line whose end has not arrived.
    pending: Vec<u8>,
    /// Bytes not yet read when a delivery stopped the stream; read first next time.
    leftover: Vec<u8>,
    /// Number of the line `pending` starts (1-based).
    line: usize,
    /// Stream offset where `pending` starts.
    offset: usize,
    /// Set while the rest of an over-long line streams by.
    skipping: bool,
}

impl Default for Stream {
    fn default() -> Stream {
        Stream::new(ParseOptions::default())
    }
}

/// Where lines go inside the stream: with each, its text (empty for a line too long to keep).
type Deliver<'d> = dyn FnMut(Line, &[u8], Result<Event, Error>) -> Flow + 'd;

/// Where a delivered line starts in the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// Its number (1-based).
    pub number: usize,
    /// The stream offset of its first byte.
    pub offset: usize,
}

impl Stream {
    /// A stream that parses each line with `options`.
    pub fn new(options: ParseOptions) -> Stream {
        Stream {
            options,
            pending: Vec::new(),
            leftover: Vec::new(),
            line: 1,
            offset: 0,
            skipping: false,
        }
    }

    /// Feeds bytes. For each complete line, `deliver` receives its event or its error (whose
    /// position counts lines and bytes from the start of the stream). Returns [`Flow::Stop`]
    /// when `deliver` stopped; the bytes not read yet are kept and read first by the next
    /// call.
    pub fn feed(
        &mut self,
        chunk: &[u8],
        mut deliver: impl FnMut(Result<Event, Error>) -> Flow,
    ) -> Flow {
        self.feed_lines(chunk, |_, item| deliver(item))
    }

    /// Like [`Stream::feed`], telling `deliver` where each line starts, e.g. to place an error
    /// the host raises about an event.
    pub fn feed_lines(
        &mut self,
        chunk: &[u8],
        mut deliver: impl FnMut(Line, Result<Event, Error>) -> Flow,
    ) -> Flow {
        self.feed_texts(chunk, &mut |line, _, item| deliver(line, item))
    }

    /// Like [`Stream::feed_lines`], handing `deliver` each line's text as well.
    pub(crate) fn feed_texts(&mut self, chunk: &[u8], deliver: &mut Deliver<'_>) -> Flow {
        if self.leftover.is_empty() {
            return self.read(chunk, deliver);
        }
        let mut joined = std::mem::take(&mut self.leftover);
        joined.extend_from_slice(chunk);
        self.read(&joined, deliver)
    }

    /// Ends the stream: bytes kept by a stop are read, and a last line without a newline is
    /// delivered.
    pub fn finish(&mut self, mut deliver: impl FnMut(Result<Event, Error>) -> Flow) -> Flow {
        self.finish_lines(|_, item| deliver(item))
    }

    /// Like [`Stream::finish`], telling `deliver` where each line starts.
    pub fn finish_lines(
        &mut self,
        mut deliver: impl FnMut(Line, Result<Event, Error>) -> Flow,
    ) -> Flow {
        self.finish_texts(&mut |line, _, item| deliver(line, item))
    }

    /// Like [`Stream::finish_lines`], handing `deliver` each line's text as well.
    pub(crate) fn finish_texts(&mut self, deliver: &mut Deliver<'_>) -> Flow {
        let leftover = std::mem::take(&mut self.leftover);
        if self.read(&leftover, deliver) == Flow::Stop {
            return Flow::Stop;
        }
        if std::mem::take(&mut self.skipping) {
            return Flow::Continue;
        }
        let line = std::mem::take(&mut self.pending);
        if line.is_empty() {
            return Flow::Continue;
        }
        self.line_done(&line, deliver)
    }

    /// The options each line is parsed with.
    pub fn options(&self) -> &ParseOptions {
        &self.options
    }

    /// The number of the next line to be read (1-based).
    pub fn line(&self) -> usize {
        self.line
    }

    /// Bytes held for a line not yet complete (and any left by a stop).
    pub fn buffered(&self) -> usize {
        self.pending.len() + self.leftover.len()
    }

    fn read(&mut self, mut chunk: &[u8], deliver: &mut Deliver<'_>) -> Flow {
        if !self.pending.is_empty() || self.skipping {
            // Finish the line begun in an earlier chunk first.
            let Some(end) = memchr::memchr(b'\n', chunk) else {
                return self.hold(chunk, deliver);
            };
            let head = &chunk[..end];
            chunk = &chunk[end + 1..];
            if !self.skipping && self.fits(head.len()) {
                let mut line = std::mem::take(&mut self.pending);
                line.extend_from_slice(head);
                let flow = self.line_done(&line, deliver);
                line.clear();
                self.pending = line;
                if flow == Flow::Stop {
                    self.leftover.extend_from_slice(chunk);
                    return Flow::Stop;
                }
            } else {
                let flow = if self.skipping { Flow::Continue } else { self.too_long(deliver) };
                self.offset += self.pending.len() + head.len() + 1;
                self.line += 1;
                self.pending.clear();
                self.skipping = false;
                if flow == Flow::Stop {
                    self.leftover.extend_from_slice(chunk);
                    return Flow::Stop;
                }
            }
        }
        while let Some(end) = memchr::memchr(b'\n', chunk) {
            let line = &chunk[..end];
            chunk = &chunk[end + 1..];
            if self.line_done(line, deliver) == Flow::Stop {
                self.leftover.extend_from_slice(chunk);
                return Flow::Stop;
            }
        }
        self.hold(chunk, deliver)
    }

    /// Whether a line of `more` bytes past those held can still be parsed. One byte more than
    /// the limit is kept, for the `\r` a line may end with; the parse then judges the rest.
    fn fits(&self, more: usize) -> bool {
        self.pending.len() + more <= self.options.limits.max_input_bytes + 1
    }

    /// Keeps the start of an unfinished line, unless it is already too long. Nothing of the
    /// chunk is left to read afterwards, so a stop asked for here takes effect at once.
    fn hold(&mut self, part: &[u8], deliver: &mut Deliver<'_>) -> Flow {
        if self.skipping {
            self.offset += part.len();
            return Flow::Continue;
        }
        if self.fits(part.len()) {
            self.pending.extend_from_slice(part);
            return Flow::Continue;
        }
        let flow = self.too_long(deliver);
        self.offset += self.pending.len() + part.len();
        self.pending = Vec::new();
        self.skipping = true;
        flow
    }

    /// Reports the current line as too long; the rest of it will be skipped as it streams by.
    fn too_long(&mut self, deliver: &mut Deliver<'_>) -> Flow {
        let error = crate::parse::input_too_large(self.options.limits.max_input_bytes);
        let line = Line { number: self.line, offset: self.offset };
        deliver(line, &[], Err(error.in_stream(self.line, self.offset)))
    }

    /// Parses one complete line (without its `\n`) and moves the counters past it.
    fn line_done(&mut self, line: &[u8], deliver: &mut Deliver<'_>) -> Flow {
        let (number, offset) = (self.line, self.offset);
        self.line += 1;
        self.offset += line.len() + 1;
        let text = line.strip_suffix(b"\r").unwrap_or(line);
        // Over the limit is an error even for a blank line: a chunked feed cannot know the
        // line is blank before it is too long to keep, and both must agree.
        if text.len() > self.options.limits.max_input_bytes {
            let error = crate::parse::input_too_large(self.options.limits.max_input_bytes);
            return deliver(Line { number, offset }, &[], Err(error.in_stream(number, offset)));
        }
        if text.iter().all(|b| matches!(b, b' ' | b'\t')) {
            return Flow::Continue;
        }
        let result =
            Event::parse_with(text, &self.options).map_err(|e| e.in_stream(number, offset));
        deliver(Line { number, offset }, text, result)
    }
}

/// Reads every event of a newline-delimited source: each item is a line's event or its error.
pub fn read_events(
    mut source: impl Read,
    options: ParseOptions,
) -> impl Iterator<Item = Result<Event, Error>> {
    let mut stream = Stream::new(options);
    let mut ready = std::collections::VecDeque::new();
    let mut done = false;
    let mut buf = vec![0u8; 64 * 1024];
    std::iter::from_fn(move || {
        loop {
            if let Some(item) = ready.pop_front() {
                return Some(item);
            }
            if done {
                return None;
            }
            let collect = |item| {
                ready.push_back(item);
                Flow::Continue
            };
            match source.read(&mut buf) {
                Ok(0) => {
                    done = true;
                    stream.finish(collect);
                }
                Ok(n) => {
                    stream.feed(&buf[..n], collect);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    done = true;
                    let message = format!("reading the stream failed: {e}");
                    ready.push_back(Err(Error::new(ErrorCode::InvalidArgument, message)));
                }
            }
        }
    })
}
