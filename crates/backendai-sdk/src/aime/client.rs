//! [`AimeClient`]: one AIME API server, login per endpoint, job submission, discovery.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Map, Value};
use url::Url;

use backendai_core::error::ErrorKind;
use backendai_core::Secret;

use super::errors::{reply_error, server_error, Op, Reply};
use super::job::JobHandle;
use super::types::{EndpointInfo, JobResult, LoginInfo};
use crate::error::{Error, Result};

/// How `/<ep>/progress` is polled. Both are accepted by the server (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProgressMethod {
    /// `GET /<ep>/progress?job_id=<percent-encoded>` (what the official clients do).
    #[default]
    Get,
    /// `POST /<ep>/progress` with `{"job_id": ...}`.
    Post,
}

/// Settings of an [`AimeClient`].
#[derive(Debug, Clone)]
pub struct AimeConfig {
    /// Base URL of the server, e.g. `http://127.0.0.1:7777` (a path prefix is kept).
    pub server: String,
    /// The API key used to log in (and never sent anywhere else).
    pub api_key: Option<Secret>,
    /// Pause between two progress polls (the official client uses 0.3 s).
    pub poll_interval: Duration,
    /// Upper bound for the whole wait for a job, from submission; `None` = unbounded.
    pub job_timeout: Option<Duration>,
    /// Timeout of one non-blocking HTTP exchange.
    pub request_timeout: Duration,
    /// Timeout of a blocking submit (`wait_for_result: true`).
    pub blocking_timeout: Duration,
    /// TCP connect timeout.
    pub connect_timeout: Duration,
    /// How often a poll is retried after a transient error (connection, 5xx) before failing.
    pub poll_retries: u32,
    /// Pause before such a retry.
    pub retry_pause: Duration,
    /// Skip TLS certificate verification (only when the user asks for it).
    pub skip_sslcert_validation: bool,
    /// The `version` sent at login (informational).
    pub client_version: String,
    /// GET or POST for progress polls.
    pub progress_method: ProgressMethod,
}

impl AimeConfig {
    /// Defaults for `server`: 0.5 s poll interval, 1 h job timeout, 30 s per request,
    /// 3 poll retries 1 s apart.
    pub fn new(server: impl Into<String>) -> Self {
        Self {
            server: server.into(),
            api_key: None,
            poll_interval: Duration::from_millis(500),
            job_timeout: Some(Duration::from_secs(3600)),
            request_timeout: Duration::from_secs(30),
            blocking_timeout: Duration::from_secs(600),
            connect_timeout: Duration::from_secs(10),
            poll_retries: 3,
            retry_pause: Duration::from_secs(1),
            skip_sslcert_validation: false,
            client_version: format!(
                "Rust Backend.AI AIME API Client {}",
                env!("CARGO_PKG_VERSION")
            ),
            progress_method: ProgressMethod::Get,
        }
    }

    /// Sets the API key.
    pub fn with_api_key(mut self, key: impl Into<Secret>) -> Self {
        self.api_key = Some(key.into());
        self
    }
}

type HttpClient = hyper_util::client::legacy::Client<HttpsConnector<HttpConnector>, Full<Bytes>>;

/// A client for one AIME API server. Cheap to clone; clones share connections and sessions.
#[derive(Clone)]
pub struct AimeClient {
    inner: Arc<Inner>,
}

struct Inner {
    config: AimeConfig,
    base: Url,
    http: HttpClient,
    /// Session keys per endpoint (from login or set by the caller).
    sessions: Mutex<HashMap<String, Secret>>,
}

impl std::fmt::Debug for AimeClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AimeClient")
            .field("server", &self.inner.base.as_str())
            .finish_non_exhaustive()
    }
}

impl Reply {
    fn success(&self) -> Option<bool> {
        self.json.as_ref()?.get("success")?.as_bool()
    }
}

impl AimeClient {
    /// Builds a client (no network access yet). Fails on a URL that is not `http(s)://`.
    pub fn new(config: AimeConfig) -> Result<Self> {
        let base = Url::parse(config.server.trim()).map_err(|e| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("invalid AIME API server URL `{}`: {e}", config.server),
            )
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "invalid AIME API server URL `{}`: expected http(s)://host[:port]",
                    config.server
                ),
            ));
        }
        let connector = crate::tls::https_connector(
            config.skip_sslcert_validation,
            Some(config.connect_timeout),
        );
        let http =
            hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build(connector);
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                base,
                http,
                sessions: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &AimeConfig {
        &self.inner.config
    }

    /// Logs in to `endpoint` with the API key (`GET /<ep>/login`, §3) and keeps the session
    /// key for later requests to that endpoint.
    pub async fn login(&self, endpoint: &str) -> Result<LoginInfo> {
        let key = self.api_key()?;
        let mut url = self.endpoint_url(endpoint, &["login"])?;
        url.query_pairs_mut()
            .append_pair("key", key.expose())
            .append_pair("version", &self.inner.config.client_version);
        let reply = self.get(url).await?;
        // Login failure is HTTP 200 with success: false (observed): look at `success` first.
        if !(reply.status == 200 && reply.success() == Some(true)) {
            return Err(server_error(&reply, Some(endpoint), Op::Login));
        }
        let json = reply.json.unwrap_or_default();
        let session = answer_str(&json, "client_session_auth_key", "login answer")?;
        self.set_session_key(endpoint, Secret::new(session));
        Ok(LoginInfo {
            endpoint: endpoint.to_owned(),
            ep_version: json.get("ep_version").and_then(Value::as_i64),
        })
    }

    /// Uses an existing session key for `endpoint` instead of logging in.
    pub fn set_session_key(&self, endpoint: &str, key: Secret) {
        self.sessions().insert(endpoint.to_owned(), key);
    }

    /// The session key held for `endpoint`, if any.
    pub fn session_key(&self, endpoint: &str) -> Option<Secret> {
        self.sessions().get(endpoint).cloned()
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        self.inner
            .sessions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Submits a job (`POST /<ep>` with `wait_for_result: false`, §4a) and returns its handle.
    ///
    /// `params` are the endpoint inputs; control fields (`key`, `client_session_auth_key`,
    /// `wait_for_result`) in it are replaced. Logs in first when no session key is held, and
    /// logs in again once when the server no longer knows the session key (restart).
    pub async fn request(&self, endpoint: &str, params: Map<String, Value>) -> Result<JobHandle> {
        let json = self.submit(endpoint, params, false).await?;
        let job_id = answer_str(&json, "job_id", "answer to a job request")?;
        Ok(JobHandle::new(
            self.clone(),
            endpoint.to_owned(),
            job_id.to_owned(),
            json.get("ep_version").and_then(Value::as_i64),
        ))
    }

    /// Submits a job and waits in the same HTTP call (`wait_for_result: true`, §4b).
    ///
    /// The server caps this at its response timeout (HTTP 503, reported as
    /// [`ErrorKind::Timeout`]); prefer [`AimeClient::request`] for long jobs.
    pub async fn request_blocking(
        &self,
        endpoint: &str,
        params: Map<String, Value>,
    ) -> Result<JobResult> {
        let json = self.submit(endpoint, params, true).await?;
        let result = match json {
            Value::Object(map) => JobResult::from_object(map),
            _ => {
                return Err(Error::new(
                    ErrorKind::Decode,
                    "the AIME server's result is not a JSON object",
                ))
            }
        };
        super::job::check_result(result)
    }

    async fn submit(
        &self,
        endpoint: &str,
        mut params: Map<String, Value>,
        wait: bool,
    ) -> Result<Value> {
        for field in ["key", "client_session_auth_key", "wait_for_result"] {
            params.remove(field);
        }
        params.insert("wait_for_result".into(), Value::Bool(wait));
        let timeout = if wait {
            self.inner.config.blocking_timeout
        } else {
            self.inner.config.request_timeout
        };
        let url = self.endpoint_url(endpoint, &[])?;
        let mut relogged = false;
        loop {
            let (session, fresh) = match self.session_key(endpoint) {
                Some(s) => (s, false),
                None => {
                    self.login(endpoint).await?;
                    let s = self.session_key(endpoint).ok_or_else(|| {
                        Error::new(ErrorKind::AuthFailed, "AIME login returned no session key")
                    })?;
                    (s, true)
                }
            };
            let mut body = params.clone();
            body.insert(
                "client_session_auth_key".into(),
                Value::String(session.expose().to_owned()),
            );
            let reply = self
                .call(
                    http::Method::POST,
                    url.clone(),
                    Some(Value::Object(body)),
                    timeout,
                )
                .await?;
            if reply.status == 200 && reply.success() == Some(true) {
                return Ok(reply.json.unwrap_or_default());
            }
            // 401 "... client session authentication key not registered ..." after a server
            // restart: forget the key, log in again once and retry.
            if reply.status == 401
                && !fresh
                && !relogged
                && self.inner.config.api_key.is_some()
                && reply_error(&reply)
                    .to_ascii_lowercase()
                    .contains("not registered")
            {
                tracing::debug!(
                    endpoint,
                    "AIME session key not registered; logging in again"
                );
                self.sessions().remove(endpoint);
                relogged = true;
                continue;
            }
            return Err(server_error(
                &reply,
                Some(endpoint),
                if wait { Op::SubmitBlocking } else { Op::Submit },
            ));
        }
    }

    /// One progress poll of a job (`/<ep>/progress`, §5): the raw answer.
    pub(crate) async fn poll_progress(&self, endpoint: &str, job_id: &str) -> Result<Reply> {
        let mut url = self.endpoint_url(endpoint, &["progress"])?;
        let session = self.session_key(endpoint);
        match self.inner.config.progress_method {
            ProgressMethod::Get => {
                {
                    let mut q = url.query_pairs_mut();
                    // `#` in the job id must become %23 (observed: else a truncated id → 402).
                    q.append_pair("job_id", job_id);
                    if let Some(s) = &session {
                        q.append_pair("client_session_auth_key", s.expose());
                    }
                }
                self.get(url).await
            }
            ProgressMethod::Post => {
                let mut body = Map::new();
                body.insert("job_id".into(), Value::String(job_id.to_owned()));
                if let Some(s) = &session {
                    body.insert(
                        "client_session_auth_key".into(),
                        Value::String(s.expose().to_owned()),
                    );
                }
                self.call(
                    http::Method::POST,
                    url,
                    Some(Value::Object(body)),
                    self.inner.config.request_timeout,
                )
                .await
            }
        }
    }

    /// Endpoint names (`GET /api/endpoints`, §6). With `only_authorized`, only those the
    /// configured API key may use (an invalid key is [`ErrorKind::AuthFailed`]).
    pub async fn endpoints(&self, only_authorized: bool) -> Result<Vec<String>> {
        let mut url = self.api_url(&["api", "endpoints"])?;
        if only_authorized {
            let key = self.api_key()?;
            url.query_pairs_mut().append_pair("key", key.expose());
        }
        let reply = self.get(url).await?;
        if reply.status != 200 || reply.success() == Some(false) {
            return Err(server_error(&reply, None, Op::Discovery));
        }
        let list = reply
            .json
            .as_ref()
            .and_then(|j| j.get("endpoints"))
            .and_then(Value::as_array)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Decode,
                    "the AIME server's endpoint list has no `endpoints`",
                )
            })?;
        Ok(list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect())
    }

    /// An endpoint's description with inputs and outputs (`GET /api/endpoints/<ep>`, §6).
    pub async fn endpoint_info(&self, endpoint: &str) -> Result<EndpointInfo> {
        check_endpoint_name(endpoint)?;
        let url = self.api_url(&["api", "endpoints", endpoint])?;
        let reply = self.get(url).await?;
        if reply.status != 200 || reply.success() == Some(false) {
            return Err(server_error(&reply, Some(endpoint), Op::Discovery));
        }
        match reply.json {
            Some(v @ Value::Object(_)) => Ok(EndpointInfo::from_value(endpoint, v)),
            _ => Err(Error::new(
                ErrorKind::Decode,
                "the AIME server's endpoint description is not a JSON object",
            )),
        }
    }

    /// Checks the configured API key (`GET /api/validate_key`, §6).
    pub async fn validate_key(&self) -> Result<bool> {
        let key = self.api_key()?;
        let mut url = self.api_url(&["api", "validate_key"])?;
        url.query_pairs_mut().append_pair("key", key.expose());
        let reply = self.get(url).await?;
        match (reply.status, reply.success()) {
            (200, Some(ok)) => Ok(ok),
            _ => Err(server_error(&reply, None, Op::Discovery)),
        }
    }

    /// The configured API key (an [`ErrorKind::AuthFailed`] error when there is none).
    fn api_key(&self) -> Result<Secret> {
        self.inner.config.api_key.clone().ok_or_else(|| {
            Error::new(
                ErrorKind::AuthFailed,
                "no AIME API key configured (set AIME_API_KEY)",
            )
        })
    }

    /// `GET url` with the request timeout.
    async fn get(&self, url: Url) -> Result<Reply> {
        self.call(
            http::Method::GET,
            url,
            None,
            self.inner.config.request_timeout,
        )
        .await
    }

    fn endpoint_url(&self, endpoint: &str, rest: &[&str]) -> Result<Url> {
        check_endpoint_name(endpoint)?;
        let mut segs = vec![endpoint];
        segs.extend_from_slice(rest);
        self.api_url(&segs)
    }

    fn api_url(&self, segments: &[&str]) -> Result<Url> {
        let mut url = self.inner.base.clone();
        url.set_query(None);
        url.set_fragment(None);
        url.path_segments_mut()
            .map_err(|()| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    "the AIME server URL cannot take a path",
                )
            })?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    async fn call(
        &self,
        method: http::Method,
        url: Url,
        body: Option<Value>,
        timeout: Duration,
    ) -> Result<Reply> {
        let mut builder = http::Request::builder()
            .method(method)
            .uri(url.as_str())
            .header(http::header::ACCEPT, "application/json")
            .header(http::header::USER_AGENT, &self.inner.config.client_version);
        let bytes = match body {
            Some(v) => {
                builder = builder.header(http::header::CONTENT_TYPE, "application/json");
                Bytes::from(serde_json::to_vec(&v).map_err(|e| {
                    Error::new(
                        ErrorKind::InvalidArgument,
                        format!("cannot encode the request body: {e}"),
                    )
                })?)
            }
            None => Bytes::new(),
        };
        let request = builder.body(Full::new(bytes)).map_err(|e| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("invalid AIME request: {e}"),
            )
        })?;
        let host = url.host_str().unwrap_or("").to_owned();
        let exchange = async {
            let response = self
                .inner
                .http
                .request(request)
                .await
                .map_err(|e| connect_error(&host, e))?;
            let status = response.status().as_u16();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|e| {
                    Error::new(
                        ErrorKind::Connect,
                        format!("reading the AIME server's answer failed: {e}"),
                    )
                    .with_source(e)
                })?
                .to_bytes();
            Ok::<_, Error>((status, body))
        };
        let (status, body) = tokio::time::timeout(timeout, exchange)
            .await
            .map_err(|_| {
                Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "the AIME server did not answer within {} s",
                        timeout.as_secs_f64()
                    ),
                )
            })??;
        let text = String::from_utf8_lossy(&body).into_owned();
        let json = serde_json::from_slice::<Value>(&body).ok();
        Ok(Reply { status, json, text })
    }
}

/// The non-empty string `field` of a successful answer (else a decode error naming `what`).
fn answer_str<'a>(json: &'a Value, field: &str, what: &str) -> Result<&'a str> {
    json.get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Decode,
                format!("the AIME server's {what} has no {field}"),
            )
            .with_status(200)
        })
}

fn connect_error(host: &str, e: hyper_util::client::legacy::Error) -> Error {
    let mut msg = format!("cannot reach the AIME server {host}");
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    let mut kind = ErrorKind::Connect;
    while let Some(s) = src {
        let text = s.to_string();
        if text.to_ascii_lowercase().contains("certificate") || text.contains("tls") {
            kind = ErrorKind::Tls;
        }
        msg = format!("cannot reach the AIME server {host}: {text}");
        src = s.source();
    }
    Error::new(kind, msg).with_source(e)
}

/// Endpoint names go into a URL path; refuse the empty name and path separators.
fn check_endpoint_name(endpoint: &str) -> Result<()> {
    if endpoint.is_empty()
        || endpoint.contains(['/', '?', '#'])
        || endpoint == "."
        || endpoint == ".."
    {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid AIME endpoint name `{endpoint}`"),
        ));
    }
    Ok(())
}
