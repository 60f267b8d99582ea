//! [`Response`] (body read into memory) and [`StreamingResponse`] (body read as it arrives).

use std::time::Duration;

use bytes::Bytes;
use hyper::body::Incoming;
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
            Error::new(
                ErrorKind::Decode,
                format!("invalid JSON in the server's answer: {e}"),
            )
            .with_status(self.status.as_u16())
        })
    }

    /// The body as UTF-8 text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header value as text, if present and valid.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A successful (2xx/3xx) response whose body is read chunk by chunk.
#[derive(Debug)]
pub struct StreamingResponse {
    /// HTTP status.
    pub status: http::StatusCode,
    /// Response headers.
    pub headers: http::HeaderMap,
    body: Incoming,
    read_timeout: Option<Duration>,
}

impl StreamingResponse {
    pub(crate) fn new(
        status: http::StatusCode,
        headers: http::HeaderMap,
        body: Incoming,
        read_timeout: Option<Duration>,
    ) -> Self {
        Self {
            status,
            headers,
            body,
            read_timeout,
        }
    }

    /// The next chunk of the body; `None` at the end. Each wait is limited by the
    /// configured read timeout.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>> {
        crate::client::next_frame(&mut self.body, self.read_timeout).await
    }

    /// Reads the rest of the body into a buffered [`Response`].
    pub async fn collect(self) -> Result<Response> {
        let body = crate::client::read_all(self.body, self.read_timeout).await?;
        Ok(Response {
            status: self.status,
            headers: self.headers,
            body,
        })
    }

    /// The body as a stream of chunks.
    pub fn into_stream(self) -> impl futures_util::Stream<Item = Result<Bytes>> + Send + 'static {
        futures_util::stream::unfold(Some(self), |state| async move {
            let mut resp = state?;
            match resp.chunk().await {
                Ok(Some(b)) => Some((Ok(b), Some(resp))),
                Ok(None) => None,
                Err(e) => Some((Err(e), None)),
            }
        })
    }
}
