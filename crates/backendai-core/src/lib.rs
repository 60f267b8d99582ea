//! # backendai-core
//!
//! What a Backend.AI request and its data *are*, with no I/O: the configuration model,
//! HMAC request signing, API versions, error kinds, DTOs and the parsers the CLI uses.
//!
//! Invariant: this crate never performs I/O and never depends on tokio or hyper.
//! Every `Authorization` header in the workspace is produced by [`auth::sign`].
#![deny(missing_docs)]

pub mod auth;
pub mod config;
pub mod dto;
pub mod env_vars;
pub mod error;
pub mod parse;
pub mod secret;
pub mod sse;
pub mod urls;
pub mod version;

pub use auth::{sign, HashType, SignDate, SignInput, SignedHeaders};
pub use secret::Secret;
pub use version::ApiVersion;
