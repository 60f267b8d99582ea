//! Opening the WebSocket for one local connection.

use std::future::Future;

use backendai_sdk::ws::WebSocketConfig;
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

/// Bytes tungstenite reads from the socket per call, and the part of its read buffer that is
/// resident from the first frame on. Small, because a relay holds one WebSocket per local
/// connection and most of them idle (1 000 connections × the 128 KiB default = 128 MiB);
/// a bulk transfer still gets whole frames (the buffer grows to the frame size) and measured
/// the same throughput as with the default.
pub const RELAY_WS_READ_BUFFER: usize = 8 * 1024;

/// The WebSocket settings a relay uses (see [`RELAY_WS_READ_BUFFER`]).
pub fn relay_ws_config() -> WebSocketConfig {
    WebSocketConfig::default().read_buffer_size(RELAY_WS_READ_BUFFER)
}

/// Connects through the SDK: a freshly signed upgrade request per connection.
#[derive(Clone, Debug)]
pub struct SdkConnector {
    client: Client,
    request: ApiRequest,
    config: WebSocketConfig,
}

impl SdkConnector {
    /// Uses `client` to open `request` (built by the SDK, e.g. the session app-proxy request),
    /// with [`relay_ws_config`].
    pub fn new(client: Client, request: ApiRequest) -> Self {
        Self {
            client,
            request,
            config: relay_ws_config(),
        }
    }

    /// Other WebSocket settings than [`relay_ws_config`].
    pub fn with_ws_config(mut self, config: WebSocketConfig) -> Self {
        self.config = config;
        self
    }
}

impl Connect for SdkConnector {
    type Stream = backendai_sdk::ws::WsTransport;

    async fn connect(&self) -> Result<WebSocketStream<Self::Stream>, ConnectError> {
        self.client
            .websocket_with_config(self.request.clone(), self.config)
            .await
            .map_err(|e| ConnectError {
                status: e.status(),
                message: e.to_string(),
            })
    }
}
