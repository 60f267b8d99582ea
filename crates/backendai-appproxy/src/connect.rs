//! Opening the WebSocket for one local connection.

use std::future::Future;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio_tungstenite::WebSocketStream;

/// Opening the upstream WebSocket failed.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ConnectError {
    /// HTTP status of a refused upgrade, if the server answered.
    pub status: Option<u16>,
    /// One-line description.
    pub message: String,
}

/// Opens one WebSocket to the app for each accepted local connection.
pub trait Connect: Send + Sync + 'static {
    /// The transport under the WebSocket.
    type Stream: AsyncRead + AsyncWrite + Unpin + Send + 'static;

    /// Opens a new WebSocket.
    fn connect(
        &self,
    ) -> impl Future<Output = Result<WebSocketStream<Self::Stream>, ConnectError>> + Send;
}
