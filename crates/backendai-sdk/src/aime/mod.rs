//! AIME API server client (job-queue inference API), see spec/aime-protocol.md.
//!
//! ```no_run
//! # async fn demo() -> backendai_sdk::Result<()> {
//! use backendai_sdk::aime::{AimeClient, AimeConfig, JobUpdate};
//! use futures_util::StreamExt;
//!
//! let client = AimeClient::new(AimeConfig::new("http://127.0.0.1:7777").with_api_key("my-key"))?;
//! let mut params = serde_json::Map::new();
//! params.insert("prompt_input".into(), "hello".into());
//! let job = client.request("echo", params).await?; // logs in on first use
//! let mut updates = job.updates();
//! while let Some(update) = updates.next().await {
//!     match update? {
//!         JobUpdate::Progress(p) => println!("{:?} {:?}", p.state, p.progress),
//!         JobUpdate::Finished(r) => println!("{}", r.text.unwrap_or_default()),
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! Errors carry a [`crate::core::error::ErrorKind`]: invalid API key → `AuthFailed`, unknown
//! endpoint → `NotFound`, key not allowed on the endpoint → `PermissionDenied`, rejected
//! inputs → `InvalidArgument`, full queue → `QuotaExceeded`, lapsed job or client-side
//! timeout → `Timeout`, unknown/expired job → `NotFound`, result already collected →
//! `Conflict`, model error reported in the result → `ServerError`. The server's error text is
//! kept in the message and in `problem().msg`; the server's JSON body in `problem().data`.
//!
//! The protocol has no job cancel route and no usable streaming (§7): progress is polled.

mod client;
mod errors;
mod job;
mod types;

pub use client::{AimeClient, AimeConfig, ProgressMethod};
pub use job::{JobHandle, JobUpdate, JobUpdates};
pub use types::{
    data_url, error_text, BinaryOutput, EndpointInfo, JobProgress, JobResult, JobState, LoginInfo,
};
