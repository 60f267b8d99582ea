//! Incremental Server-Sent Events parser (bytes in, events out), as the Python client parses
//! (spec/protocol.md §7.1).
//!
//! Rules, matching `SSEResponse.fetch_events` of the 23.09 client:
//! * input is split into lines at `\n`; `\r` and `\n` characters at both ends of a line are
//!   stripped (so `\r\n` works; a lone `\r` is *not* a line break);
//! * a line starting with `:` is a comment;
//! * a blank line ends a message (ignored when nothing is pending);
//! * each line is split at the first `:`, and all leading spaces are stripped from the value;
//!   `data` lines are joined with `\n`, `event` defaults to `message`, `id` and `retry`
//!   (an integer) are kept, other fields are ignored;
//! * a line without `:` (or a non-integer `retry`) makes the pending message unparsable. As in
//!   the Python client the bad lines are **not** cleared, so every later message of the stream
//!   is dropped too (the SDK starts a fresh parser when it reconnects);
//! * after an `event: server_close` message the parser emits nothing more;
//! * a message not terminated by a blank line when the stream ends is dropped;
//! * unlike the Python client, the bytes held for one message (its unfinished line and its
//!   pending lines) are capped at [`MAX_MESSAGE_BYTES`]: past that the parser stops
//!   ([`SseParser::is_overflowed`]) instead of growing without bound on a hostile or
//!   poisoned stream.
//!
//! Bytes may be split anywhere between [`SseParser::feed`] calls; invalid UTF-8 is replaced
//! with `U+FFFD` (the parser never panics).
//!
//! ```
//! use backendai_core::sse::SseParser;
//!
//! let mut p = SseParser::new();
//! assert!(p.feed(b"event: session_started\nda").is_empty());
//! let events = p.feed(b"ta: {\"sessionName\": \"s1\"}\n\n");
//! assert_eq!(events[0].event, "session_started");
//! assert_eq!(events[0].data, "{\"sessionName\": \"s1\"}");
//! ```

/// One parsed event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// Event name (`message` when the message had no `event` field).
    pub event: String,
    /// The `data` lines joined with `\n`.
    pub data: String,
    /// The `id` field, if present.
    pub id: Option<String>,
    /// The `retry` field (milliseconds), if present. A negative value is clamped to 0.
    pub retry: Option<u64>,
}

impl SseEvent {
    /// True for the `server_close` event that ends a background-task stream.
    pub fn is_server_close(&self) -> bool {
        self.event == SERVER_CLOSE
    }
}

/// The event name that tells the client the server is done with the stream.
pub const SERVER_CLOSE: &str = "server_close";

/// The most bytes held for one message (unfinished line + pending lines): 1 MiB. Backend.AI
/// events are a few hundred bytes; aiohttp, under the Python client, refuses lines past 128 KiB.
pub const MAX_MESSAGE_BYTES: usize = 1 << 20;

/// The incremental parser. Feed it bytes as they arrive; it returns complete events.
#[derive(Debug, Default, Clone)]
pub struct SseParser {
    /// Bytes of the current, not yet terminated line.
    line: Vec<u8>,
    /// Lines of the pending message.
    pending: Vec<String>,
    /// `server_close` was seen: ignore everything after it.
    closed: bool,
    /// Bytes of `pending`.
    held: usize,
    /// More than [`MAX_MESSAGE_BYTES`] for one message: ignore everything after it.
    overflowed: bool,
}

impl SseParser {
    /// A parser with nothing pending.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds a chunk of the response body and returns the events it completed.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        let mut events = Vec::new();
        let mut rest = bytes;
        while !self.closed && !self.overflowed {
            let nl = rest.iter().position(|&b| b == b'\n');
            if self.held + self.line.len() + nl.unwrap_or(rest.len()) > MAX_MESSAGE_BYTES {
                self.overflowed = true;
                self.line = Vec::new();
                self.pending = Vec::new();
                self.held = 0;
                break;
            }
            match nl {
                Some(nl) => {
                    self.line.extend_from_slice(&rest[..nl]);
                    rest = &rest[nl + 1..];
                    let line = std::mem::take(&mut self.line);
                    if let Some(ev) = self.process_line(&line) {
                        if ev.is_server_close() {
                            self.closed = true;
                            self.pending.clear();
                            self.held = 0;
                        }
                        events.push(ev);
                    }
                }
                None => {
                    self.line.extend_from_slice(rest);
                    break;
                }
            }
        }
        events
    }

    /// Ends the stream: an unterminated last message is dropped. Returns the events still
    /// completed by the input (always none: only a blank line completes a message), and
    /// resets the buffers so the parser could be reused.
    pub fn finish(&mut self) -> Vec<SseEvent> {
        self.line.clear();
        self.pending.clear();
        self.held = 0;
        Vec::new()
    }

    /// True once a `server_close` event was emitted; later input is ignored.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// True once a message grew past [`MAX_MESSAGE_BYTES`]; later input is ignored.
    pub fn is_overflowed(&self) -> bool {
        self.overflowed
    }

    fn process_line(&mut self, raw: &[u8]) -> Option<SseEvent> {
        let is_crlf = |b: &u8| *b == b'\r' || *b == b'\n';
        let start = raw.iter().position(|b| !is_crlf(b)).unwrap_or(raw.len());
        let end = raw
            .iter()
            .rposition(|b| !is_crlf(b))
            .map_or(start, |i| i + 1);
        let line = &raw[start..end];
        if line.first() == Some(&b':') {
            return None;
        }
        if line.is_empty() {
            if self.pending.is_empty() {
                return None;
            }
            return match parse_message(&self.pending) {
                Some(ev) => {
                    self.pending.clear();
                    self.held = 0;
                    Some(ev)
                }
                // Python keeps the unparsable lines: the stream stays poisoned.
                None => None,
            };
        }
        self.held += line.len();
        self.pending
            .push(String::from_utf8_lossy(line).into_owned());
        None
    }
}

fn parse_message(lines: &[String]) -> Option<SseEvent> {
    let mut event = "message".to_owned();
    let mut id = None;
    let mut retry = None;
    let mut data: Vec<&str> = Vec::new();
    for line in lines {
        let (field, value) = line.split_once(':')?;
        let value = value.trim_start_matches(' ');
        match field {
            "data" => data.push(value),
            "event" => event = value.to_owned(),
            "id" => id = Some(value.to_owned()),
            "retry" => retry = Some(parse_py_int(value)?),
            _ => {}
        }
    }
    Some(SseEvent {
        event,
        data: data.join("\n"),
        id,
        retry,
    })
}

/// Python `int(text)` for the forms a server might send: surrounding whitespace, an
/// optional sign, digits with single `_` separators. Negative values become 0.
fn parse_py_int(text: &str) -> Option<u64> {
    let t = text.trim();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let cleaned: String = digits.chars().filter(|c| *c != '_').collect();
    if neg {
        return Some(0);
    }
    // Python ints are unbounded; saturate instead of failing.
    Some(cleaned.parse::<u64>().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_parsing() {
        assert_eq!(parse_py_int(" 1500 "), Some(1500));
        assert_eq!(parse_py_int("+1_000"), Some(1000));
        assert_eq!(parse_py_int("-5"), Some(0));
        assert_eq!(parse_py_int("99999999999999999999999"), Some(u64::MAX));
        for bad in ["", "x", "1.5", "_1", "1__0", "-"] {
            assert_eq!(parse_py_int(bad), None, "{bad}");
        }
    }

    #[test]
    fn bad_retry_poisons_the_stream() {
        let mut p = SseParser::new();
        assert!(p.feed(b"retry: soon\ndata: a\n\ndata: b\n\n").is_empty());
    }

    #[test]
    fn lone_cr_is_not_a_line_break_and_leading_cr_is_stripped() {
        let mut p = SseParser::new();
        let ev = p.feed(b"\rdata: a\rb\n\n");
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].data, "a\rb");
    }

    #[test]
    fn unterminated_message_is_dropped_and_parser_reusable() {
        let mut p = SseParser::new();
        assert!(p.feed(b"event: a\ndata: 1").is_empty());
        assert!(p.finish().is_empty());
        assert!(p.feed(b"\n\n").is_empty());
        let ev = p.feed(b"data: x\n\n");
        assert_eq!(ev[0].event, "message");
        assert_eq!(ev[0].data, "x");
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let mut p = SseParser::new();
        let ev = p.feed(b"data: \xff\xfe\n\n");
        assert_eq!(ev[0].data, "\u{fffd}\u{fffd}");
    }

    #[test]
    fn a_message_past_the_cap_stops_the_parser() {
        let mut p = SseParser::new();
        let chunk = vec![b'x'; 64 << 10];
        assert!(p.feed(b"data: ").is_empty());
        for _ in 0..(MAX_MESSAGE_BYTES / chunk.len()) {
            assert!(p.feed(&chunk).is_empty());
        }
        assert!(p.is_overflowed());
        assert!(p.line.capacity() == 0 && p.pending.is_empty());
        assert!(p.feed(b"\n\ndata: later\n\n").is_empty());

        // A poisoned stream (Python keeps the bad lines) is capped the same way.
        let mut p = SseParser::new();
        p.feed(b"bad line\n");
        let line = format!("data: {}\n", "y".repeat(1000));
        for _ in 0..2000 {
            p.feed(line.as_bytes());
        }
        assert!(p.is_overflowed());
    }

    #[test]
    fn server_close_stops_the_parser() {
        let mut p = SseParser::new();
        let ev = p.feed(b"event: server_close\ndata:\n\n");
        assert!(ev[0].is_server_close());
        assert!(p.is_closed());
        assert!(p.feed(b"data: later\n\n").is_empty());
    }
}
