//! # backendai-sdk
//!
//! Talks to a Backend.AI manager: a cheap-to-clone [`Client`] over hyper 1 + rustls (ring),
//! endpoint fail-over, API version negotiation, cookie (session) mode, SSE and WebSocket
//! streams, one module per API group, and an AIME API client.
#![deny(missing_docs)]

#[cfg(feature = "aime")]
pub mod aime;
pub mod app_proxy;
pub mod client;
pub mod error;
pub mod graphql;
pub mod groups;
pub mod paginate;
pub mod request;
pub mod response;
pub mod session_mode;
pub mod sse;
pub mod tls;
pub mod transfer;
pub mod transport;
pub mod ws;

pub use backendai_core as core;
pub use client::{Client, ClientBuilder, ServerInfo};
pub use error::{Error, Result};
pub use request::{ApiRequest, Body, MultipartFile, StreamingBody};
pub use response::{Response, StreamingResponse};
