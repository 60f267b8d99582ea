//! # backendai-sdk
//!
//! Talks to a Backend.AI manager: a cheap-to-clone [`Client`] over hyper 1 + rustls (ring),
//! endpoint fail-over, API version negotiation, cookie (session) mode, SSE and WebSocket
//! streams, one module per API group, and an AIME API client.
//!
//! ```no_run
//! use backendai_sdk::groups::session::ListParams;
//! use backendai_sdk::Client;
//!
//! # async fn demo() -> backendai_sdk::Result<()> {
//! // Configured like `bai`: config file, then BACKEND_ENDPOINT, BACKEND_ACCESS_KEY, ...
//! let client = Client::try_default()?;
//! let page = client.sessions().list(&ListParams::default()).await?;
//! for session in &page.items {
//!     println!("{} {}", session["name"], session["status"]);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Each API group is a method on [`Client`] returning a borrowable handle
//! (`client.sessions()`, `client.vfolders()`, `client.users()`, ...); its pure request builders
//! live beside it (`groups::<group>::requests`). The data types the server sends and
//! receives are in [`backendai_core::dto`] (re-exported as [`core`]).
#![deny(missing_docs)]

#[cfg(feature = "aime")]
pub mod aime;
pub mod app_proxy;
pub mod client;
pub mod error;
pub mod from_env;
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
pub use request::{ApiRequest, Body, MultipartFile, Requirement, StreamingBody};
pub use response::{Response, StreamingResponse};
