//! WebSocket streams of a session: streaming execution and PTY (protocol.md §7.2, §7.3).
//!
//! Both are generic over the socket under the WebSocket so they work on any upgraded
//! connection (TLS or not) and in tests.

use backendai_core::error::ErrorKind;
use base64::Engine as _;
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::requests::stream_execute_first_frame;
use super::types::{ExecMode, ExecResult, ExecStatus};
use crate::error::{Error, Result};
use crate::transport::pyjson::dumps_string;
pub use backendai_core::dto::PtyRequest;

fn ws_err(e: tokio_tungstenite::tungstenite::Error) -> Error {
    Error::new(ErrorKind::Aborted, format!("WebSocket error: {e}")).with_source(e)
}

/// A streaming execution over `GET /stream/session/<name>/execute`.
///
/// [`ExecStream::start`] sends the code; [`ExecStream::next`] yields each result frame until
/// `finished`; on `waiting-input` answer with [`ExecStream::send_input`].
#[derive(Debug)]
pub struct ExecStream<S> {
    ws: WebSocketStream<S>,
    done: bool,
}

impl<S: AsyncRead + AsyncWrite + Unpin> ExecStream<S> {
    /// Sends `{"code","mode","options"}` as the first text frame on an open WebSocket.
    pub async fn start(mut ws: WebSocketStream<S>, code: &str, mode: &ExecMode) -> Result<Self> {
        ws.send(Message::text(stream_execute_first_frame(code, mode)))
            .await
            .map_err(ws_err)?;
        Ok(Self { ws, done: false })
    }

    /// Sends a line of user input (plain text frame).
    pub async fn send_input(&mut self, line: &str) -> Result<()> {
        self.ws
            .send(Message::text(line.to_owned()))
            .await
            .map_err(ws_err)
    }

    /// The next result; `Ok(None)` after `finished` or when the server closed the socket.
    pub async fn next(&mut self) -> Result<Option<ExecResult>> {
        if self.done {
            return Ok(None);
        }
        while let Some(msg) = self.ws.next().await {
            let text = match msg.map_err(ws_err)? {
                Message::Text(t) => t.to_string(),
                Message::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
                Message::Close(_) => break,
                _ => continue,
            };
            let result: ExecResult = serde_json::from_str(&text).map_err(|e| {
                Error::new(
                    ErrorKind::Decode,
                    format!("invalid execution result frame: {e}"),
                )
            })?;
            if result.status == ExecStatus::Finished {
                self.done = true;
            }
            return Ok(Some(result));
        }
        self.done = true;
        Ok(None)
    }

    /// Runs to the end: `on_result` for each result, `input` when the run waits for input.
    /// Returns the last result (the loop is shared with
    /// [`ExecRun::run_to_end`](super::ExecRun::run_to_end)).
    pub async fn run_to_end(
        self,
        on_result: impl FnMut(&ExecResult),
        input: impl FnMut(&ExecResult) -> String,
    ) -> Result<ExecResult> {
        super::exec::run_to_end(self, on_result, input).await
    }

    /// Closes the WebSocket.
    pub async fn close(mut self) -> Result<()> {
        match self.ws.close(None).await {
            Ok(()) => Ok(()),
            Err(tokio_tungstenite::tungstenite::Error::ConnectionClosed)
            | Err(tokio_tungstenite::tungstenite::Error::AlreadyClosed) => Ok(()),
            Err(e) => Err(ws_err(e)),
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> super::exec::ExecSteps for ExecStream<S> {
    async fn step(&mut self) -> Result<Option<ExecResult>> {
        self.next().await
    }

    async fn reply(&mut self, line: String) -> Result<()> {
        self.send_input(&line).await
    }

    async fn end(self) -> Result<()> {
        self.close().await
    }

    fn no_result() -> Error {
        Error::new(
            ErrorKind::Aborted,
            "the server closed the execution without a result",
        )
    }
}

/// What the PTY sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PtyEvent {
    /// Terminal output bytes (decoded from `{"type":"out","data":"<base64>"}`).
    Output(Vec<u8>),
    /// Any other JSON frame, as received.
    Other(serde_json::Value),
}

/// A PTY over `GET /stream/session/<name>/pty`: JSON text frames, base64 payloads.
#[derive(Debug)]
pub struct Pty<S> {
    ws: WebSocketStream<S>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Pty<S> {
    /// Wraps an open WebSocket.
    pub fn new(ws: WebSocketStream<S>) -> Self {
        Self { ws }
    }

    async fn send_frame(&mut self, frame: &PtyRequest) -> Result<()> {
        let value = serde_json::to_value(frame)
            .map_err(|e| Error::new(ErrorKind::Unknown, format!("PTY frame: {e}")))?;
        self.ws
            .send(Message::text(dumps_string(&value)))
            .await
            .map_err(ws_err)
    }

    /// Sends keyboard input.
    pub async fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let chars = base64::engine::general_purpose::STANDARD.encode(bytes);
        self.send_frame(&PtyRequest::Stdin { chars }).await
    }

    /// Tells the server the terminal size.
    pub async fn resize(&mut self, rows: u16, cols: u16) -> Result<()> {
        self.send_frame(&PtyRequest::Resize { rows, cols }).await
    }

    /// Sends a keep-alive.
    pub async fn ping(&mut self) -> Result<()> {
        self.send_frame(&PtyRequest::Ping).await
    }

    /// Restarts the terminal process.
    pub async fn restart(&mut self) -> Result<()> {
        self.send_frame(&PtyRequest::Restart).await
    }

    /// The next event; `Ok(None)` when the server closed the terminal.
    pub async fn next(&mut self) -> Result<Option<PtyEvent>> {
        while let Some(msg) = self.ws.next().await {
            let text = match msg.map_err(ws_err)? {
                Message::Text(t) => t.to_string(),
                Message::Close(_) => return Ok(None),
                // The manager ignores binary frames; so do we on the way back.
                _ => continue,
            };
            let value: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Error::new(ErrorKind::Decode, format!("invalid PTY frame: {e}")))?;
            if value.get("type").and_then(|t| t.as_str()) == Some("out") {
                let data = value.get("data").and_then(|d| d.as_str()).unwrap_or("");
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .map_err(|e| {
                        Error::new(
                            ErrorKind::Decode,
                            format!("invalid PTY output payload: {e}"),
                        )
                    })?;
                return Ok(Some(PtyEvent::Output(bytes)));
            }
            return Ok(Some(PtyEvent::Other(value)));
        }
        Ok(None)
    }

    /// Closes the WebSocket.
    pub async fn close(mut self) -> Result<()> {
        match self.ws.close(None).await {
            Ok(()) => Ok(()),
            Err(tokio_tungstenite::tungstenite::Error::ConnectionClosed)
            | Err(tokio_tungstenite::tungstenite::Error::AlreadyClosed) => Ok(()),
            Err(e) => Err(ws_err(e)),
        }
    }

    /// The underlying WebSocket.
    pub fn into_inner(self) -> WebSocketStream<S> {
        self.ws
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pty_frames_serialise_like_the_manager_expects() {
        let v = serde_json::to_value(PtyRequest::Resize { rows: 24, cols: 80 }).unwrap();
        assert_eq!(
            dumps_string(&v),
            r#"{"type": "resize", "rows": 24, "cols": 80}"#
        );
        let v = serde_json::to_value(PtyRequest::Stdin {
            chars: "bHMK".into(),
        })
        .unwrap();
        assert_eq!(dumps_string(&v), r#"{"type": "stdin", "chars": "bHMK"}"#);
        let v = serde_json::to_value(PtyRequest::Ping).unwrap();
        assert_eq!(dumps_string(&v), r#"{"type": "ping"}"#);
    }
}
