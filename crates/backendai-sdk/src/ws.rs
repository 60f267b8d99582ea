//! WebSocket streams (execute, PTY, app proxy): the signed upgrade request is built and sent
//! by the same transport as every HTTP call (TLS, fail-over, fresh `Date` and signature),
//! then tokio-tungstenite runs on the upgraded HTTP/1.1 connection.
//!
//! Like the Python client the upgrade is a `GET` without a `Content-Type` header, signed as
//! `application/octet-stream`. Pings from the server are answered automatically; call
//! [`futures_util::SinkExt::send`] with `Message::Ping` to keep an idle stream alive, and
//! close with a close frame ([`close_code_ok`] tells whether a close code is a normal one).

use backendai_core::error::ErrorKind;
use base64::Engine as _;
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::WebSocketStream;

use crate::client::{read_all, Mode};
use crate::error::{Error, Result};
use crate::request::{ApiRequest, Body};
use crate::Client;

/// The byte stream under an upgraded WebSocket (`Send + 'static`).
pub type WsTransport = TokioIo<Upgraded>;

/// A client WebSocket opened by [`Client::websocket`] (`Send + 'static`, splittable).
pub type WsStream = WebSocketStream<WsTransport>;

pub use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
pub use tokio_tungstenite::tungstenite::Message;

/// True for close codes that mean a normal end (`1000`, `1001`).
pub fn close_code_ok(code: CloseCode) -> bool {
    matches!(code, CloseCode::Normal | CloseCode::Away)
}

fn new_key() -> String {
    base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 16]>())
}

impl Client {
    /// Opens a WebSocket: sends `request` (normally a `GET /stream/...`) as a signed
    /// HTTP/1.1 upgrade, checks the `101 Switching Protocols` answer and its
    /// `Sec-WebSocket-Accept`, and returns the stream. An error answer becomes an [`Error`]
    /// with the server's status and problem.
    pub async fn websocket(&self, request: ApiRequest) -> Result<WsStream> {
        self.websocket_with_config(request, WebSocketConfig::default())
            .await
    }

    /// [`Client::websocket`] with tuned buffers and limits (e.g. a small read buffer for
    /// relays that hold many mostly idle streams: tungstenite zero-fills the whole read
    /// buffer on first use, so its size is resident memory per stream).
    pub async fn websocket_with_config(
        &self,
        request: ApiRequest,
        config: WebSocketConfig,
    ) -> Result<WsStream> {
        let upgraded = self.websocket_upgrade(request).await?;
        Ok(WebSocketStream::from_raw_socket(upgraded, Role::Client, Some(config)).await)
    }

    /// The upgrade handshake of [`Client::websocket`] only: returns the byte stream after the
    /// checked `101` answer, for callers that do their own framing (the app-proxy relay
    /// writes frames from its read buffers). Bytes the server sent right behind its answer
    /// are part of the stream.
    pub async fn websocket_upgrade(&self, mut request: ApiRequest) -> Result<WsTransport> {
        if matches!(request.body, Body::Empty) {
            request.body = Body::None;
        }
        let key = new_key();
        let headers = [
            ("Connection".to_owned(), "Upgrade".to_owned()),
            ("Upgrade".to_owned(), "websocket".to_owned()),
            ("Sec-WebSocket-Version".to_owned(), "13".to_owned()),
            ("Sec-WebSocket-Key".to_owned(), key.clone()),
        ];
        let resp = self.dispatch(&request, Mode::Upgrade, &headers).await?;
        let status = resp.status();
        if status != http::StatusCode::SWITCHING_PROTOCOLS {
            let headers = resp.headers().clone();
            let body = read_all(resp.into_body(), self.config().read_timeout).await?;
            if status.is_success() || status.is_redirection() {
                return Err(Error::new(
                    ErrorKind::Decode,
                    format!("the server answered {status} instead of switching to WebSocket"),
                )
                .with_status(status.as_u16()));
            }
            return Err(Error::from_answer(status, &headers, &body));
        }
        let accept = resp
            .headers()
            .get("sec-websocket-accept")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if accept != derive_accept_key(key.as_bytes()) {
            return Err(Error::new(
                ErrorKind::Decode,
                "the server's WebSocket handshake is invalid (wrong Sec-WebSocket-Accept)",
            ));
        }
        let upgraded = hyper::upgrade::on(resp).await.map_err(|e| {
            Error::new(
                ErrorKind::Aborted,
                format!("the WebSocket upgrade failed: {e}"),
            )
            .with_source(e)
        })?;
        Ok(TokioIo::new(upgraded))
    }
}
