//! One connection over stdin/stdout, for ssh's `ProxyCommand`.

use crate::connect::Connect;
use crate::relay::{relay, RelayError, RelayOptions, Transferred};

/// Relays this process's stdin/stdout over one WebSocket (no local port is opened).
pub async fn run_stdio<C: Connect>(
    connector: &C,
    options: &RelayOptions,
) -> Result<Transferred, RelayError> {
    let ws = connector
        .connect()
        .await
        .map_err(|e| RelayError::WebSocket(e.message))?;
    let local = tokio::io::join(tokio::io::stdin(), tokio::io::stdout());
    relay(local, ws, options).await
}
