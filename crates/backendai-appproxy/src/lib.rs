//! # backendai-appproxy
//!
//! Relays local TCP connections (or stdin/stdout) to a session's service port over the
//! manager's signed WebSocket (`/stream/session/<name>/tcpproxy?app=<app>`).
#![deny(missing_docs)]
