//! Opening the WebSocket for one local connection.

use std::future::Future;

use backendai_sdk::{ApiRequest, Client};
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

    async fn connect(&self) -> Result<WebSocketStream<Self::Stream>, ConnectError> {
        self.client
            .websocket(self.request.clone())
            .await
            .map_err(|e| ConnectError {
                status: e.status(),
                message: e.to_string(),
            })
    }
}
