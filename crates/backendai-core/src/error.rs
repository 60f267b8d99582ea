//! Error kinds and the server's problem+json body (spec/protocol.md §6).
//!
//! OWNER: core-config helper completes the `type` → kind mapping and tests.

use serde::{Deserialize, Serialize};

/// A stable classification of every error the client can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Credentials rejected (401, `auth-failed`).
    AuthFailed,
    /// Authenticated but not allowed (403).
    PermissionDenied,
    /// The object does not exist (404, `object-not-found`).
    NotFound,
    /// The request parameters were rejected (400, `invalid-api-params`).
    InvalidArgument,
    /// The object already exists or conflicts (409).
    Conflict,
    /// A quota or resource limit was exceeded.
    QuotaExceeded,
    /// The server failed (5xx).
    ServerError,
    /// The server is unavailable (503, maintenance, frozen).
    Unavailable,
    /// The request timed out on the client side.
    Timeout,
    /// The request was cancelled.
    Aborted,
    /// No connection could be made to any endpoint.
    Connect,
    /// TLS failed (certificate, handshake).
    Tls,
    /// The answer could not be decoded.
    Decode,
    /// Anything else.
    Unknown,
}

/// The server's RFC 7807-style error body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProblemDetails {
    /// Problem type URI (`https://api.backend.ai/probs/...`).
    #[serde(rename = "type", default)]
    pub type_: Option<String>,
    /// Short title.
    #[serde(default)]
    pub title: Option<String>,
    /// Details (`msg`; the webserver sends `details`).
    #[serde(default, alias = "details")]
    pub msg: Option<String>,
    /// Structured data (GraphQL errors, ...).
    #[serde(default)]
    pub data: Option<serde_json::Value>,
    /// Every other field, kept.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}
