//! [`Client`]: one connection pool, endpoint fail-over, version negotiation, signing.
//!
//! # Which requests are retried on another endpoint
//!
//! The endpoints of the configuration are tried in order; the first one that cannot be
//! reached is moved to the end of the list (the rotation persists for later requests).
//!
//! * **Connection failures** (DNS, refused, unreachable, connect timeout, TLS handshake):
//!   the request never reached a server, so *every* request is retried on the next endpoint.
//! * **Failures after the request was sent** (connection reset, truncated answer): only
//!   requests marked [`ApiRequest::idempotent`] (GET/HEAD/OPTIONS by default) are retried on
//!   the next endpoint; a POST/PUT/PATCH/DELETE fails with [`ErrorKind::Aborted`] because it
//!   may have taken effect.
//! * **Read timeouts** and **HTTP error answers** are never retried.
//!
//! # What the timeouts bound
//!
//! One call ([`Client::send`] and the like) has one budget: from its start, the version probe
//! (on first use of an endpoint) and the wait for the answer's head together take at most the
//! read timeout. Only while a connection is still being set up (TCP, TLS) may an attempt run
//! on, up to the connect timeout from its start, and it then counts as a connection failure.
//! Reading a body waits at most the read timeout for each chunk.
//!
//! When every endpoint failed to connect, the error ([`ErrorKind::Connect`] or
//! [`ErrorKind::Tls`]) names each endpoint with its cause, on one line.
//!
//! Every attempt is prepared afresh by [`transport::prepare`]: new `Date`, new signature.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backendai_core::auth::SignDate;
use backendai_core::config::{ApiConfig, EndpointType};
use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;
use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::de::DeserializeOwned;

mod body;

pub use body::MAX_ANSWER_BYTES;
pub(crate) use body::{next_frame, read_all, read_error_body};
use body::{read_capped, MAX_ERROR_BYTES};

use crate::error::{Error, Result};
use crate::request::{ApiRequest, Body};
use crate::response::{Response, StreamingResponse};
use crate::session_mode::CookieJar;
use crate::transport::{self, PreparedRequest};

type BoxError = Box<dyn std::error::Error + Send + Sync>;
pub(crate) type ReqBody = UnsyncBoxBody<Bytes, BoxError>;
type Http = hyper_util::client::legacy::Client<HttpsConnector<HttpConnector>, ReqBody>;

/// What the server at one endpoint said about itself, and the version we use with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// The endpoint that answered.
    pub endpoint: String,
    /// The server's API version (`version` of `GET /`), when it reported one.
    pub server_api_version: Option<ApiVersion>,
    /// The manager release (`manager` of `GET /`), when reported (e.g. `23.09.10`).
    pub manager_version: Option<String>,
    /// The version this client uses with it: the lower of ours and the server's.
    pub api_version: ApiVersion,
}

/// A Backend.AI client. Cheap to clone; clones share the connection pool and state.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    config: ApiConfig,
    http: Http,
    /// HTTP/1.1-only pool for WebSocket upgrades.
    http1: Http,
    endpoints: Mutex<Vec<String>>,
    servers: tokio::sync::Mutex<HashMap<String, ServerInfo>>,
    cookies: Option<CookieJar>,
    announcement: AnnouncementCheck,
}

/// The once-per-client announcement fetch (spec/protocol.md §5.5).
struct AnnouncementCheck {
    /// Set when the fetch was started (or skipped for good).
    started: std::sync::atomic::AtomicBool,
    /// `true` once the fetch has finished (handler called or not).
    done: tokio::sync::watch::Sender<bool>,
}

/// Marks the announcement fetch finished when dropped (also when the handler panics or the
/// task is cancelled).
struct AnnouncementDone(Client);

impl Drop for AnnouncementDone {
    fn drop(&mut self) {
        self.0.inner.announcement.done.send_replace(true);
    }
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("endpoints", &self.endpoints)
            .field("cookies", &self.cookies)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`] with options beyond the configuration.
#[derive(Debug)]
pub struct ClientBuilder {
    config: ApiConfig,
    state_dir: Option<std::path::PathBuf>,
}

impl ClientBuilder {
    /// Session mode: keep the webserver's cookies in `<dir>/cookies.json` (mode 0600).
    /// Without it, cookies live only as long as the client.
    pub fn state_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.state_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// Builds the client (no network access yet).
    pub fn build(self) -> Result<Client> {
        let config = self.config;
        if config.endpoints.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "no API endpoint is configured",
            ));
        }
        for ep in &config.endpoints {
            backendai_core::auth::signing_host(ep).map_err(|e| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    format!("invalid endpoint {ep:?}: {e}"),
                )
            })?;
            if !(ep.starts_with("http://") || ep.starts_with("https://")) {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!("invalid endpoint {ep:?}: only http:// and https:// are supported"),
                ));
            }
        }
        let connect_timeout = Some(config.connection_timeout).filter(|d| !d.is_zero());
        let http = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(crate::tls::https_connector(
                config.skip_sslcert_validation,
                connect_timeout,
            ));
        let http1 = hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build(
            http1_connector(config.skip_sslcert_validation, connect_timeout),
        );
        let cookies =
            (config.endpoint_type == EndpointType::Session).then(|| match &self.state_dir {
                Some(dir) => CookieJar::in_dir(dir),
                None => CookieJar::in_memory(),
            });
        Ok(Client {
            inner: Arc::new(Inner {
                endpoints: Mutex::new(config.endpoints.clone()),
                config,
                http,
                http1,
                servers: tokio::sync::Mutex::new(HashMap::new()),
                cookies,
                announcement: AnnouncementCheck {
                    started: std::sync::atomic::AtomicBool::new(false),
                    done: tokio::sync::watch::Sender::new(false),
                },
            }),
        })
    }
}

fn http1_connector(skip: bool, connect_timeout: Option<Duration>) -> HttpsConnector<HttpConnector> {
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_nodelay(true);
    http.set_connect_timeout(connect_timeout);
    let mut tls = crate::tls::client_config(skip);
    tls.alpn_protocols.clear(); // set by enable_http1 below
    hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(http)
}

/// How a request is dispatched.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Plain HTTP on the shared pool.
    Http,
    /// HTTP/1.1 with `Upgrade: websocket`.
    Upgrade,
}

impl Client {
    /// A client configured from the environment and the config file, like `bai` (and like
    /// kube's `Client::try_default()`): the one line a library user needs.
    ///
    /// In session (cookie) mode the client shares `bai login`'s cookie jar in [`crate::from_env::state_dir`].
    /// No network access happens here; the first request negotiates the API version.
    ///
    /// ```no_run
    /// # async fn demo() -> backendai_sdk::Result<()> {
    /// let client = backendai_sdk::Client::try_default()?;
    /// println!("API {}", client.api_version().await?);
    /// # Ok(())
    /// # }
    /// ```
    pub fn try_default() -> Result<Client> {
        Self::from_env_with(&Default::default())
    }

    /// Like [`Client::try_default`], with explicit `overrides` on top of the file and the
    /// environment (as command-line flags would be).
    pub fn from_env_with(overrides: &backendai_core::config::Overrides) -> Result<Client> {
        let config = crate::from_env::resolve_config(overrides)?.config;
        let mut builder = Client::builder(config);
        if let Some(dir) = crate::from_env::state_dir() {
            builder = builder.state_dir(dir);
        }
        builder.build()
    }

    /// Builds a client from a resolved configuration (no network access yet).
    pub fn new(config: ApiConfig) -> Result<Self> {
        Self::builder(config).build()
    }

    /// A builder for options beyond the configuration (cookie state dir).
    pub fn builder(config: ApiConfig) -> ClientBuilder {
        ClientBuilder {
            config,
            state_dir: None,
        }
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &ApiConfig {
        &self.inner.config
    }

    /// The endpoints in their current order (the first one is used next).
    pub fn endpoints(&self) -> Vec<String> {
        self.lock_endpoints().clone()
    }

    pub(crate) fn cookies(&self) -> Option<&CookieJar> {
        self.inner.cookies.as_ref()
    }

    fn lock_endpoints(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.inner
            .endpoints
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    fn current_endpoint(&self) -> String {
        self.lock_endpoints()[0].clone()
    }

    /// Moves a dead endpoint to the end of the list (unless another task already did).
    fn rotate_away_from(&self, dead: &str) {
        let mut eps = self.lock_endpoints();
        if eps.len() > 1 && eps[0] == dead {
            eps.rotate_left(1);
            tracing::info!(endpoint = dead, next = %eps[0], "endpoint unreachable, failing over");
        }
    }

    /// The API version in use: the lower of the configured and the server's (negotiated once
    /// per endpoint with an unsigned `GET /`).
    pub async fn api_version(&self) -> Result<ApiVersion> {
        Ok(self.server_info().await?.api_version)
    }

    /// Which server answers, its versions and the API version in use (fails over like
    /// [`Client::send`]).
    pub async fn server_info(&self) -> Result<ServerInfo> {
        let n = self.lock_endpoints().len();
        let mut failures = Vec::new();
        for _ in 0..n {
            let ep = self.current_endpoint();
            match self.negotiate(&ep, self.answer_deadline()).await {
                Ok(info) => return Ok(info),
                Err(e) if e.kind() == ErrorKind::Connect || e.kind() == ErrorKind::Tls => {
                    self.rotate_away_from(&ep);
                    failures.push((ep, e));
                }
                Err(e) => return Err(e),
            }
        }
        Err(all_failed(failures))
    }

    /// When the answer to a call starting now must have arrived (`None`: no read timeout).
    fn answer_deadline(&self) -> Option<tokio::time::Instant> {
        let limit = self.inner.config.read_timeout.filter(|d| !d.is_zero())?;
        Some(tokio::time::Instant::now() + limit)
    }

    async fn negotiate(
        &self,
        endpoint: &str,
        deadline: Option<tokio::time::Instant>,
    ) -> Result<ServerInfo> {
        let mut servers = self.inner.servers.lock().await;
        if let Some(info) = servers.get(endpoint) {
            return Ok(info.clone());
        }
        let probe = transport::prepare_version_probe(&self.inner.config, endpoint)?;
        let resp = self
            .execute_once(&probe, Mode::Http, None, deadline)
            .await
            .map_err(|f| f.into_error(endpoint))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        // The version answer is a few dozen bytes: a huge one is not read.
        let body = read_capped(
            resp.into_body(),
            self.inner.config.read_timeout,
            MAX_ERROR_BYTES,
        )
        .await?;
        if !status.is_success() {
            return Err(Error::from_answer(status, &headers, &body));
        }
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let server_api_version = json
            .get("version")
            .and_then(|v| v.as_str())
            .and_then(|v| v.parse::<ApiVersion>().ok());
        let manager_version = json
            .get("manager")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        let ours = &self.inner.config.api_version;
        let api_version = match &server_api_version {
            Some(theirs) => ApiVersion::negotiate(ours, theirs),
            None => {
                tracing::warn!(
                    endpoint,
                    "the server did not report its API version; using {ours}"
                );
                ours.clone()
            }
        };
        tracing::debug!(endpoint, %api_version, manager = ?manager_version, "negotiated API version");
        let info = ServerInfo {
            endpoint: endpoint.to_owned(),
            server_api_version,
            manager_version,
            api_version,
        };
        servers.insert(endpoint.to_owned(), info.clone());
        drop(servers);
        self.start_announcement_check();
        Ok(info)
    }

    /// After the first successful version negotiation, when the configuration has an
    /// [`AnnouncementHandler`](backendai_core::config::AnnouncementHandler): fetches
    /// `GET /manager/announcement` in a spawned task and calls the handler with the message
    /// when it is enabled. Runs once per client; never delays or fails the caller's request
    /// (errors are logged at debug level and dropped).
    fn start_announcement_check(&self) {
        use std::sync::atomic::Ordering;
        let Some(handler) = self.inner.config.announcement_handler.clone() else {
            return;
        };
        if self.inner.announcement.started.swap(true, Ordering::AcqRel) {
            return;
        }
        let done = AnnouncementDone(self.clone());
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return; // `done` is dropped: nothing to wait for
        };
        rt.spawn(async move {
            let client = done.0.clone();
            match client.manager().announcement().await {
                Ok(a) if a.enabled == Some(true) => {
                    if let Some(message) = a.message.filter(|m| !m.trim().is_empty()) {
                        handler.call(&message);
                    }
                }
                Ok(_) => {}
                Err(e) => tracing::debug!("announcement check failed (ignored): {e}"),
            }
            drop(done);
        });
    }

    /// Waits up to `limit` for the announcement fetch started by the first request (see
    /// [`ApiConfig::announcement_handler`]) to finish. Returns at once when none was started
    /// or it already finished; `true` when no fetch is pending any more.
    pub async fn wait_for_announcement(&self, limit: Duration) -> bool {
        use std::sync::atomic::Ordering;
        if !self.inner.announcement.started.load(Ordering::Acquire) {
            return true;
        }
        let mut rx = self.inner.announcement.done.subscribe();
        let finished = tokio::time::timeout(limit, rx.wait_for(|d| *d))
            .await
            .is_ok_and(|r| r.is_ok());
        finished
    }

    /// Signs and sends a request; non-2xx/3xx answers become an [`Error`].
    pub async fn send(&self, request: ApiRequest) -> Result<Response> {
        let resp = self.dispatch(&request, Mode::Http, &[]).await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let ok = status.is_success() || status.is_redirection();
        let body = if ok {
            read_all(resp.into_body(), self.inner.config.read_timeout).await?
        } else {
            read_error_body(resp.into_body(), self.inner.config.read_timeout).await?
        };
        if ok {
            Ok(Response {
                status,
                headers,
                body,
            })
        } else {
            Err(Error::from_answer(status, &headers, &body))
        }
    }

    /// Signs and sends a request and returns the answer with its body still streaming
    /// (downloads, large answers). Non-2xx/3xx answers become an [`Error`].
    pub async fn send_streaming(&self, request: ApiRequest) -> Result<StreamingResponse> {
        let resp = self.dispatch(&request, Mode::Http, &[]).await?;
        self.check_streaming(resp).await
    }

    /// Passes a 2xx/3xx answer through; turns any other into an [`Error`].
    pub(crate) async fn check_streaming_raw(
        &self,
        resp: http::Response<Incoming>,
    ) -> Result<http::Response<Incoming>> {
        let status = resp.status();
        if status.is_success() || status.is_redirection() {
            Ok(resp)
        } else {
            let headers = resp.headers().clone();
            let body = read_error_body(resp.into_body(), self.inner.config.read_timeout).await?;
            Err(Error::from_answer(status, &headers, &body))
        }
    }

    async fn check_streaming(&self, resp: http::Response<Incoming>) -> Result<StreamingResponse> {
        let (parts, body) = self.check_streaming_raw(resp).await?.into_parts();
        Ok(StreamingResponse::new(
            parts.status,
            parts.headers,
            body,
            self.inner.config.read_timeout,
        ))
    }

    /// Sends a request and decodes the JSON answer.
    pub async fn json<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T> {
        self.send(request).await?.json()
    }

    /// Sends `request` with fail-over; returns the raw answer (any status).
    pub(crate) async fn dispatch(
        &self,
        request: &ApiRequest,
        mode: Mode,
        extra_headers: &[(String, String)],
    ) -> Result<http::Response<Incoming>> {
        let n = self.lock_endpoints().len();
        let mut failures: Vec<(String, Error)> = Vec::new();
        // One budget for the probe and the answer, on every endpoint tried.
        let deadline = self.answer_deadline();
        for _ in 0..n {
            let endpoint = self.current_endpoint();
            let info = match self.negotiate(&endpoint, deadline).await {
                Ok(info) => info,
                Err(e) if matches!(e.kind(), ErrorKind::Connect | ErrorKind::Tls) => {
                    self.rotate_away_from(&endpoint);
                    failures.push((endpoint, e));
                    continue;
                }
                Err(e) => return Err(e),
            };
            // A fresh Date and signature on every attempt.
            let date = SignDate::from_timestamp_utc(jiff::Timestamp::now());
            let mut prepared = transport::prepare(
                &self.inner.config,
                &endpoint,
                request,
                &info.api_version,
                &date,
            )?;
            prepared.headers.extend(extra_headers.iter().cloned());
            if let Some(jar) = &self.inner.cookies {
                if let Some(cookie) = jar.header_value() {
                    prepared
                        .headers
                        .push(("Cookie".into(), cookie.expose().to_owned()));
                }
            }
            tracing::debug!(method = %prepared.method, path = %path_only(&prepared.rel_url), endpoint = %endpoint, "request");
            let stream_body = match &request.body {
                Body::Stream(s) => Some(s.take().ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidArgument,
                        "a streaming request body can only be sent once",
                    )
                })?),
                _ => None,
            };
            let is_stream = stream_body.is_some();
            match self
                .execute_once(&prepared, mode, stream_body, deadline)
                .await
            {
                Ok(resp) => {
                    if let Some(jar) = &self.inner.cookies {
                        jar.store_from(resp.headers())?;
                    }
                    return Ok(resp);
                }
                Err(Failure::Connect(e)) => {
                    self.rotate_away_from(&endpoint);
                    failures.push((endpoint, e));
                    if is_stream {
                        // The stream was consumed by this attempt; it cannot be replayed.
                        break;
                    }
                }
                Err(Failure::Sent(e)) if request.idempotent && n > 1 => {
                    self.rotate_away_from(&endpoint);
                    failures.push((endpoint, e));
                }
                Err(f) => return Err(f.into_error(&endpoint)),
            }
        }
        Err(all_failed(failures))
    }

    /// One attempt on one endpoint.
    async fn execute_once(
        &self,
        prepared: &PreparedRequest,
        mode: Mode,
        stream_body: Option<ReqBody>,
        deadline: Option<tokio::time::Instant>,
    ) -> std::result::Result<http::Response<Incoming>, Failure> {
        let mut builder = http::Request::builder()
            .method(prepared.method.clone())
            .uri(prepared.url.as_str());
        for (k, v) in &prepared.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let body: ReqBody = match stream_body {
            Some(b) => b,
            None => Full::new(prepared.body.clone())
                .map_err(|never| match never {})
                .boxed_unsync(),
        };
        let mut req = builder.body(body).map_err(|e| {
            Failure::Local(
                Error::new(
                    ErrorKind::InvalidArgument,
                    format!("cannot build the request: {e}"),
                )
                .with_source(e),
            )
        })?;
        // Reports when a connection is ready (new or pooled): connecting has its own limit.
        let mut captured = hyper_util::client::legacy::connect::capture_connection(&mut req);
        let client = match mode {
            Mode::Http => &self.inner.http,
            Mode::Upgrade => &self.inner.http1,
        };
        let fut = client.request(req);
        let Some(deadline) = deadline else {
            return fut.await.map_err(classify_failure);
        };
        tokio::pin!(fut);
        let start = tokio::time::Instant::now();
        let connect_limit = Some(self.inner.config.connection_timeout).filter(|d| !d.is_zero());
        let connecting = async {
            let wait = async { captured.wait_for_connection_metadata().await.is_some() };
            match connect_limit {
                Some(limit) => tokio::time::timeout(limit, wait).await.ok(),
                None => Some(wait.await),
            }
        };
        let answer_by = tokio::select! {
            biased;
            r = &mut fut => return r.map_err(classify_failure),
            ready = connecting => match ready {
                // The time spent connecting does not count against the read timeout.
                Some(true) => deadline + start.elapsed(),
                // The request ended without a connection: its own error follows at once.
                Some(false) => deadline.max(tokio::time::Instant::now()),
                None => {
                    return Err(Failure::Connect(Error::new(
                        ErrorKind::Connect,
                        format!(
                            "no connection within {} s (connect timeout)",
                            self.inner.config.connection_timeout.as_secs_f64()
                        ),
                    )))
                }
            },
        };
        match tokio::time::timeout_at(answer_by, &mut fut).await {
            Ok(r) => r.map_err(classify_failure),
            Err(_) => Err(Failure::Local(Error::new(
                ErrorKind::Timeout,
                format!(
                    "no answer from the server within {} s (read timeout)",
                    self.inner
                        .config
                        .read_timeout
                        .unwrap_or_default()
                        .as_secs_f64()
                ),
            ))),
        }
    }
}

/// Sorts a failed attempt: never connected (any request may go elsewhere) or sent.
fn classify_failure(e: hyper_util::client::legacy::Error) -> Failure {
    if e.is_connect() {
        let kind = if is_tls_error(&e) {
            ErrorKind::Tls
        } else {
            ErrorKind::Connect
        };
        Failure::Connect(Error::new(kind, root_cause(&e)).with_source(e))
    } else {
        Failure::Sent(Error::new(ErrorKind::Aborted, root_cause(&e)).with_source(e))
    }
}

/// Why one attempt failed.
enum Failure {
    /// Never reached the server.
    Connect(Error),
    /// The request was (possibly) sent, then the exchange broke.
    Sent(Error),
    /// Local problem (building the request, timeout): not retried.
    Local(Error),
}

impl Failure {
    fn into_error(self, endpoint: &str) -> Error {
        match self {
            // The caller names the endpoint (see `all_failed`).
            Failure::Connect(e) => e,
            Failure::Sent(e) => Error::new(
                ErrorKind::Aborted,
                // The server may have acted on it: say so, so that nobody blindly re-runs it.
                format!(
                    "the connection to {endpoint} broke during the request, which may have taken effect: {e}"
                ),
            )
            .with_source(e),
            Failure::Local(e) => e,
        }
    }
}

fn all_failed(failures: Vec<(String, Error)>) -> Error {
    let all_tls = !failures.is_empty() && failures.iter().all(|(_, e)| e.kind() == ErrorKind::Tls);
    let any_sent = failures.iter().any(|(_, e)| e.kind() == ErrorKind::Aborted);
    let list = failures
        .iter()
        .map(|(ep, e)| format!("{ep} ({e})"))
        .collect::<Vec<_>>()
        .join(", ");
    let kind = if all_tls {
        ErrorKind::Tls
    } else if any_sent {
        ErrorKind::Aborted
    } else {
        ErrorKind::Connect
    };
    let noun = if failures.len() == 1 {
        "the Backend.AI endpoint"
    } else {
        "any Backend.AI endpoint"
    };
    Error::new(kind, format!("cannot reach {noun}: {list}"))
}

fn path_only(rel_url: &str) -> &str {
    rel_url.split('?').next().unwrap_or(rel_url)
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur: &(dyn std::error::Error + 'static) = e;
    let mut last = cur.to_string();
    while let Some(next) = cur.source() {
        cur = next;
        let s = cur.to_string();
        if !s.is_empty() {
            last = s;
        }
    }
    if last.is_empty() {
        "connection failed".to_owned()
    } else {
        last
    }
}

fn is_tls_error(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if err.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
            {
                return true;
            }
        }
        cur = err.source();
    }
    false
}
