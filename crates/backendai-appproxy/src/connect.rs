//! Opening the WebSocket for one local connection.

use std::future::Future;

use backendai_sdk::{ApiRequest, Client};
use bytes::BytesMut;
use tokio::io::{AsyncRead, AsyncWrite};

/// Opening the upstream WebSocket failed.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ConnectError {
    /// HTTP status of a refused upgrade, if the server answered.
    pub status: Option<u16>,
    /// One-line description.
    pub message: String,
}

/// An open client WebSocket, as the byte stream after the server's `101` answer (the relay
/// does its own framing on it, see the `frame` module).
#[derive(Debug)]
pub struct WsConn<S> {
    io: S,
    read_ahead: BytesMut,
}

impl<S> WsConn<S> {
    /// `io` right after a successful upgrade handshake, nothing of the frame stream read yet.
    pub fn new(io: S) -> Self {
        Self {
            io,
            read_ahead: BytesMut::new(),
        }
    }

    /// `io` after a handshake that already read `read_ahead`, the start of the frame stream
    /// (a server may send frames right behind its `101` answer).
    pub fn with_read_ahead(io: S, read_ahead: &[u8]) -> Self {
        Self {
            io,
            read_ahead: BytesMut::from(read_ahead),
        }
    }

    /// The transport.
    pub fn get_ref(&self) -> &S {
        &self.io
    }

    pub(crate) fn into_parts(self) -> (S, BytesMut) {
        (self.io, self.read_ahead)
    }
}

/// Opens one WebSocket to the app for each accepted local connection.
pub trait Connect: Send + Sync + 'static {
    /// The transport under the WebSocket.
    type Stream: AsyncRead + AsyncWrite + Unpin + Send + 'static;

    /// Opens a new WebSocket.
    fn connect(&self) -> impl Future<Output = Result<WsConn<Self::Stream>, ConnectError>> + Send;
}

/// Connects through the SDK: a freshly signed upgrade request per connection.
#[derive(Clone, Debug)]
pub struct SdkConnector {
    client: Client,
    request: ApiRequest,
}

impl SdkConnector {
    /// Uses `client` to open `request` (built by the SDK, e.g. the session app-proxy request).
    pub fn new(client: Client, request: ApiRequest) -> Self {
        Self { client, request }
    }
}

impl Connect for SdkConnector {
    type Stream = backendai_sdk::ws::WsTransport;

    async fn connect(&self) -> Result<WsConn<Self::Stream>, ConnectError> {
        self.client
            .websocket_upgrade(self.request.clone())
            .await
            .map(WsConn::new)
            .map_err(|e| ConnectError {
                status: e.status(),
                message: e.to_string(),
            })
    }
}
