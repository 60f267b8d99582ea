//! # backendai-core
//!
//! What a Backend.AI request and its data *are*, with no I/O: the configuration model,
//! HMAC request signing, API versions, error kinds, DTOs and the parsers the CLI uses.
//!
//! Invariant: this crate never performs I/O and never depends on tokio or hyper.
//! Every `Authorization` header in the workspace is produced by [`auth::sign`].
//!
//! The happy path of a request, without the network (the SDK's `transport::prepare` does this
//! for every request it sends):
//!
//! ```
//! use backendai_core::config::{resolve, Overrides};
//! use backendai_core::urls::build_url;
//! use backendai_core::{auth, sign, SignDate, SignInput};
//!
//! // Configuration: defaults < config file < environment < overrides (here: a fake env).
//! let env = |name: &str| match name {
//!     "BACKEND_ENDPOINT" => Some("https://api.example.com".to_owned()),
//!     "BACKEND_ACCESS_KEY" => Some("AKIAIOSFODNN7EXAMPLE".to_owned()),
//!     "BACKEND_SECRET_KEY" => Some("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".to_owned()),
//!     _ => None,
//! };
//! let config = resolve(None, env, &Overrides::default()).unwrap().config;
//!
//! // The URL and the signature of `GET /folders?all=true`.
//! let endpoint = &config.endpoints[0];
//! let url = build_url(endpoint, config.endpoint_type, "/folders", &[("all".into(), "true".into())])
//!     .unwrap();
//! let host = auth::signing_host(endpoint).unwrap(); // also the `Host` header
//! let date = SignDate::parse_isoformat("2023-06-15T12:00:00+00:00").unwrap();
//! let headers = sign(&SignInput {
//!     method: "GET",
//!     rel_url: &url.rel_url,
//!     host: &host,
//!     date: &date,
//!     content_type: "application/json",
//!     api_version: "v7.20230615",
//!     access_key: &config.access_key,
//!     secret_key: config.secret_key.expose(),
//!     hash_type: config.hash_type,
//!     body: b"",
//! });
//! assert_eq!(url.full_url, "https://api.example.com/folders?all=true");
//! assert!(headers.authorization.contains("credential=AKIAIOSFODNN7EXAMPLE:"));
//! ```
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
