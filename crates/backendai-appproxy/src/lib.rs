//! # backendai-appproxy
//!
//! Relays local TCP connections (or stdin/stdout) to a session's service port over the
//! manager's signed WebSocket (`/stream/session/<name>/tcpproxy?app=<app>`), one WebSocket per
//! local connection, bytes as binary frames both ways (framed by the relay itself, without
//! copying payloads).
//!
//! ```no_run
//! use backendai_appproxy::{Relay, RelayOptions, SdkConnector};
//! use backendai_sdk::app_proxy::{tcpproxy_request, AppProxyTarget};
//! use backendai_sdk::Client;
//! use tokio_util::sync::CancellationToken;
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! // Forward 127.0.0.1:8080 to the `jupyter` app of session `mysess`.
//! let client = Client::try_default()?;
//! let target = AppProxyTarget {
//!     session: "mysess".into(),
//!     app: "jupyter".into(),
//!     ..AppProxyTarget::default()
//! };
//! let request = tcpproxy_request(&target, &client.api_version().await?);
//! let connector = SdkConnector::new(client, request);
//! let relay = Relay::bind("127.0.0.1:8080", connector, RelayOptions::default()).await?;
//! println!("listening on {}", relay.local_addr());
//! let shutdown = CancellationToken::new(); // cancel it (e.g. on Ctrl-C) to stop
//! relay.run(shutdown).await;
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod connect;
mod frame;
mod listener;
mod relay;
mod stdio;

pub use connect::{Connect, ConnectError, SdkConnector, WsConn};
pub use listener::{Relay, RelayStats, DEFAULT_MAX_HANDSHAKES};
pub use relay::{relay, RelayError, RelayOptions, Transferred};
pub use stdio::run_stdio;
