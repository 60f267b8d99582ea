//! Server-Sent Events (`/events/session`, `/events/background-task`): a reconnecting stream
//! of [`SseEvent`]s parsed by core's [`SseParser`].
//!
//! Each (re)connection is a new request through the transport: fresh `Date` and signature
//! (the Python client re-sends the original signature, which the server rejects after 15
//! minutes), fail-over, and `Last-Event-ID` once an event carried an `id`. After the server
//! ends the body the stream reconnects after the `retry` delay (default 5 s, updated by
//! `retry:` fields), unless it saw `server_close`: that event is yielded and ends the stream.
//! A reconnect that cannot reach the server (a restart) is retried up to
//! [`MAX_FAILED_RECONNECTS`] times in a row. An error answer, or a reconnect that still fails
//! after that, is yielded as an `Err` and ends the stream, and so
//! does a message longer than [`MAX_MESSAGE_BYTES`](backendai_core::sse::MAX_MESSAGE_BYTES).

use std::collections::VecDeque;
use std::time::Duration;

use backendai_core::error::ErrorKind;
use futures_util::Stream;
use hyper::body::Incoming;

use crate::client::{next_frame, Mode};
use crate::error::Result;
use crate::request::{ApiRequest, Body};
use crate::Client;

pub use backendai_core::sse::{SseEvent, SseParser, SERVER_CLOSE};

/// Default reconnect delay (the Python client's).
pub const DEFAULT_RETRY: Duration = Duration::from_secs(5);

/// Reconnects in a row that may fail to reach the server (refused, cut, timed out) before the
/// stream ends with that error: 12, a minute at the default delay (a manager restart).
pub const MAX_FAILED_RECONNECTS: u32 = 12;

struct State {
    client: Client,
    request: ApiRequest,
    body: Option<Incoming>,
    parser: SseParser,
    pending: VecDeque<SseEvent>,
    last_event_id: Option<String>,
    retry: Duration,
    connected_once: bool,
    done: bool,
    /// The error that ends the stream once the events before it were yielded.
    overflow: Option<crate::Error>,
    /// Reconnects in a row that could not reach the server.
    failed_reconnects: u32,
}

impl Client {
    /// Subscribes to an SSE endpoint; see the [module docs](crate::sse) for reconnects.
    ///
    /// ```no_run
    /// # async fn f(client: backendai_sdk::Client) {
    /// use futures_util::StreamExt;
    /// let req = backendai_sdk::ApiRequest::get("/events/session")
    ///     .query("sessionName", "s1")
    ///     .query("scope", "*");
    /// let mut events = std::pin::pin!(client.sse(req));
    /// while let Some(ev) = events.next().await {
    ///     let ev = ev.unwrap();
    ///     println!("{} {}", ev.event, ev.data);
    /// }
    /// # }
    /// ```
    pub fn sse(
        &self,
        mut request: ApiRequest,
    ) -> impl Stream<Item = Result<SseEvent>> + Send + 'static {
        if matches!(request.body, Body::Empty) {
            request.body = Body::None;
        }
        let state = State {
            client: self.clone(),
            request,
            body: None,
            parser: SseParser::new(),
            pending: VecDeque::new(),
            last_event_id: None,
            retry: DEFAULT_RETRY,
            connected_once: false,
            done: false,
            overflow: None,
            failed_reconnects: 0,
        };
        futures_util::stream::unfold(state, |mut st| async move {
            let item = st.next_event().await?;
            Some((item, st))
        })
    }
}

impl State {
    async fn next_event(&mut self) -> Option<Result<SseEvent>> {
        loop {
            if let Some(ev) = self.pending.pop_front() {
                if let Some(id) = &ev.id {
                    self.last_event_id = Some(id.clone());
                }
                if let Some(ms) = ev.retry {
                    self.retry = Duration::from_millis(ms);
                }
                if ev.is_server_close() {
                    self.done = true;
                    self.pending.clear();
                }
                return Some(Ok(ev));
            }
            if self.done {
                return self.overflow.take().map(Err);
            }
            let Some(body) = self.body.as_mut() else {
                if self.connected_once {
                    tokio::time::sleep(self.retry).await;
                }
                match self.connect().await {
                    Ok(body) => {
                        self.connected_once = true;
                        self.failed_reconnects = 0;
                        self.parser = SseParser::new();
                        self.body = Some(body);
                        continue;
                    }
                    // A server restarting refuses or drops connections for a while: keep
                    // trying (every `retry`) for a bounded number of times.
                    Err(e)
                        if self.connected_once
                            && self.failed_reconnects < MAX_FAILED_RECONNECTS
                            && matches!(
                                e.kind(),
                                ErrorKind::Connect | ErrorKind::Aborted | ErrorKind::Timeout
                            ) =>
                    {
                        self.failed_reconnects += 1;
                        tracing::debug!(
                            "event stream reconnect {} failed: {e}",
                            self.failed_reconnects
                        );
                        continue;
                    }
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e));
                    }
                }
            };
            // No read timeout: event streams are idle for long periods by design.
            match next_frame(body, None).await {
                Ok(Some(bytes)) => {
                    self.pending.extend(self.parser.feed(&bytes));
                    if self.parser.is_overflowed() {
                        // The events parsed before the runaway message are still yielded.
                        self.done = true;
                        self.body = None;
                        self.overflow = Some(crate::Error::new(
                            backendai_core::error::ErrorKind::Decode,
                            format!(
                                "an event of the stream is longer than {} KiB; the stream was closed",
                                backendai_core::sse::MAX_MESSAGE_BYTES >> 10
                            ),
                        ));
                    }
                }
                Ok(None) | Err(_) => {
                    // End of this connection: drop the unterminated message, reconnect.
                    self.pending.extend(self.parser.finish());
                    self.body = None;
                    if self.parser.is_closed() {
                        self.done = true;
                    }
                    tracing::debug!("event stream ended; reconnecting in {:?}", self.retry);
                }
            }
        }
    }

    async fn connect(&self) -> Result<Incoming> {
        let extra: Vec<(String, String)> = self
            .last_event_id
            .iter()
            .map(|id| ("Last-Event-ID".to_owned(), id.clone()))
            .collect();
        let resp = self
            .client
            .dispatch(&self.request, Mode::Http, &extra)
            .await?;
        let resp = self.client.check_streaming_raw(resp).await?;
        Ok(resp.into_body())
    }
}
