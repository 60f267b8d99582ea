//! [`Response`]: status, headers and the body (buffered).
//!
//! OWNER: transport helper (may add a streamed body).

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use backendai_core::error::ErrorKind;

/// A successful (2xx/3xx) response with its body read.
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status.
    pub status: http::StatusCode,
    /// Response headers.
    pub headers: http::HeaderMap,
    /// Body bytes.
    pub body: Bytes,
}

impl Response {
    /// Decodes the body as JSON.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::new(ErrorKind::Decode, format!("invalid JSON in the server's answer: {e}"))
                .with_status(self.status.as_u16())
        })
    }

    /// The body as UTF-8 text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}
