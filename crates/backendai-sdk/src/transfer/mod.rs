//! Storage-proxy file transfers (spec/protocol.md §9.2): tus `PATCH` uploads and ranged `GET`
//! downloads, streamed from and to disk, resumable, with progress reports.
//!
//! The manager hands out a `{"token","url"}` pair (`request-upload` / `request-download`); the
//! requests here go straight to the storage-proxy with the token in the query string and
//! **no** Backend.AI signature.
//!
//! * Upload: the session already exists on the storage-proxy (no tus creation step). Each
//!   `PATCH` carries `Tus-Resumable: 1.0.0`, `Upload-Offset` and
//!   `Content-Type: application/offset+octet-stream`; the body is one chunk of the file,
//!   streamed in small reads. The server appends whatever it receives and answers `204` with
//!   the new `Upload-Offset`. After a failure the client asks for the real offset with
//!   `HEAD` and continues from there (the server appends blindly, so the offset must be
//!   re-read before every resumed chunk).
//! * Download: `GET`; after an interruption `Range: bytes=<received>-` with `If-Range:
//!   <Last-Modified>`; a `200` to a ranged request means the file changed, so the local copy
//!   is restarted.
//! * At the end the transferred size is checked against the announced size.
//!
//! Files: `options` (what a caller sets and sees: options, progress, targets), `upload`,
//! `download`, and `attempt` (one request's failure and the retry rule shared by both).

mod attempt;
mod download;
mod options;
mod upload;

use std::collections::BTreeMap;
use std::time::Duration;

use backendai_core::config::ApiConfig;
use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use bytes::Bytes;
use http::{header, Method, Request};
use http_body_util::combinators::UnsyncBoxBody;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::error::{Error, Result};
pub(crate) use attempt::open_with_retries;
use attempt::{describe, Activity, Attempt};
pub use options::{
    apply_address_map, progress_channel, Progress, ProgressFn, ProgressKind, TransferOptions,
    TransferTarget, DEFAULT_CHUNK_SIZE, DEFAULT_READ_BUFFER,
};

pub(super) type ReqBody = UnsyncBoxBody<Bytes, std::io::Error>;
pub(super) type HttpClient =
    hyper_util::client::legacy::Client<HttpsConnector<HttpConnector>, ReqBody>;

/// How long a storage-proxy request may go without progress when the configuration sets no
/// read timeout; see [`TransferClient::with_stall_timeout`].
pub const DEFAULT_STALL_TIMEOUT: Duration = Duration::from_secs(60);

/// A plain HTTP(S) client for storage-proxy requests (no Backend.AI signing).
#[derive(Clone, Debug)]
pub struct TransferClient {
    http: HttpClient,
    address_map: BTreeMap<String, String>,
    user_agent: String,
    stall_timeout: Duration,
}

impl TransferClient {
    /// A client with its own connection pool.
    pub fn new(
        skip_verification: bool,
        connect_timeout: Option<Duration>,
        address_map: BTreeMap<String, String>,
        user_agent: impl Into<String>,
    ) -> Self {
        let connector = crate::tls::https_connector(skip_verification, connect_timeout);
        let http = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(connector);
        Self {
            http,
            address_map,
            user_agent: user_agent.into(),
            stall_timeout: DEFAULT_STALL_TIMEOUT,
        }
    }

    /// Cuts a request that sends and receives nothing for `timeout` (no answer, no body byte
    /// either way) and lets the retry rule try again: a stalled storage proxy (stopped, wedged,
    /// or behind a dead link that never resets) would otherwise hang the transfer for ever.
    /// A transfer that keeps moving is never cut, however long it takes.
    pub fn with_stall_timeout(mut self, timeout: Duration) -> Self {
        self.stall_timeout = timeout;
        self
    }

    /// A client using the TLS, timeout, address-map and user-agent settings of `config`; its
    /// read timeout, when set, is also the stall timeout of transfers.
    pub fn from_config(config: &ApiConfig) -> Self {
        Self::new(
            config.skip_sslcert_validation,
            Some(config.connection_timeout),
            config.storage_proxy_address_map.clone(),
            config.user_agent.clone(),
        )
        .with_stall_timeout(config.read_timeout.unwrap_or(DEFAULT_STALL_TIMEOUT))
    }

    /// Builds a target from a manager answer, applying the address map.
    pub fn target(
        &self,
        url: &str,
        token: Secret,
        path: &str,
        size: Option<u64>,
    ) -> Result<TransferTarget> {
        Ok(TransferTarget {
            url: apply_address_map(&self.address_map, url)?,
            token,
            dst_dir: None,
            path: path.to_owned(),
            size,
        })
    }

    fn request(&self, method: Method, target: &TransferTarget) -> Result<http::request::Builder> {
        Ok(Request::builder()
            .method(method)
            .uri(target.request_url()?)
            .header(header::USER_AGENT, &self.user_agent))
    }

    /// Sends `req` and waits for the answer's head while `activity` (touched by the request
    /// body as it is sent) moves; see [`TransferClient::with_stall_timeout`].
    async fn execute(
        &self,
        req: Request<ReqBody>,
        what: &str,
        activity: &Activity,
    ) -> Result<hyper::Response<hyper::body::Incoming>, Attempt> {
        activity.touch();
        let answer = activity
            .guard(self.stall_timeout, what, self.http.request(req))
            .await?;
        activity.touch();
        answer.map_err(|e| Attempt {
            error: Error::new(
                ErrorKind::Connect,
                format!("storage-proxy {what} failed: {}", describe(&e)),
            )
            .with_source(e),
            retryable: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_map_exact_then_prefix() {
        let mut m = BTreeMap::new();
        assert_eq!(
            apply_address_map(&m, "http://a:6021/upload").unwrap(),
            "http://a:6021/upload"
        );
        m.insert("http://a:6021/upload".to_owned(), "http://x/up".to_owned());
        m.insert(
            "http://a:6021".to_owned(),
            "https://proxy.example".to_owned(),
        );
        assert_eq!(
            apply_address_map(&m, "http://a:6021/upload").unwrap(),
            "http://x/up"
        );
        assert_eq!(
            apply_address_map(&m, "http://a:6021/download").unwrap(),
            "https://proxy.example/download"
        );
        assert!(apply_address_map(&m, "http://b:6021/upload").is_err());
    }

    #[test]
    fn request_url_replaces_the_query_and_hides_the_token() {
        let t = TransferTarget {
            url: "http://127.0.0.1:6021/upload?old=1".to_owned(),
            token: Secret::new("a.b-c_d"),
            dst_dir: Some("sub dir".to_owned()),
            path: "f".to_owned(),
            size: None,
        };
        assert_eq!(
            t.request_url().unwrap().to_string(),
            "http://127.0.0.1:6021/upload?token=a.b-c_d&dst_dir=sub+dir"
        );
        assert!(!format!("{t:?}").contains("a.b-c_d"));
    }
}
