//! # backendai-appproxy
//!
//! Relays local TCP connections (or stdin/stdout) to a session's service port over the
//! manager's signed WebSocket (`/stream/session/<name>/tcpproxy?app=<app>`), one WebSocket per
//! local connection, bytes as binary frames both ways.
//!
//! ```no_run
//! # async fn demo(connector: impl backendai_appproxy::Connect) -> std::io::Result<()> {
//! use backendai_appproxy::{Relay, RelayOptions};
//! use tokio_util::sync::CancellationToken;
//!
//! let relay = Relay::bind("127.0.0.1:8080", connector, RelayOptions::default()).await?;
//! println!("listening on {}", relay.local_addr());
//! let shutdown = CancellationToken::new();
//! relay.run(shutdown).await;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod connect;
mod listener;
mod relay;
mod stdio;

pub use connect::{relay_ws_config, Connect, ConnectError, SdkConnector, RELAY_WS_READ_BUFFER};
pub use listener::{Relay, RelayStats, DEFAULT_MAX_HANDSHAKES};
pub use relay::{relay, RelayError, RelayOptions, Transferred};
pub use stdio::run_stdio;
