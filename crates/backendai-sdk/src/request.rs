//! [`ApiRequest`]: a request as plain data. API groups build it; the transport signs and sends it.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::Method;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::BodyExt;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A request body produced by a stream of chunks (large uploads), sent with chunked
/// transfer encoding unless a length is given. It can be sent **once**: requests with a
/// streaming body are never retried on another endpoint.
#[derive(Clone)]
pub struct StreamingBody {
    inner: Arc<Mutex<Option<UnsyncBoxBody<Bytes, BoxError>>>>,
    content_type: String,
    length: Option<u64>,
}

impl std::fmt::Debug for StreamingBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamingBody")
            .field("content_type", &self.content_type)
            .field("length", &self.length)
            .finish_non_exhaustive()
    }
}

impl StreamingBody {
    /// Wraps a stream of chunks; `content_type` empty means `application/octet-stream`.
    pub fn new<S, E>(stream: S, content_type: impl Into<String>) -> Self
    where
        S: futures_util::Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError> + 'static,
    {
        use futures_util::TryStreamExt;
        let frames = stream.map_ok(http_body::Frame::data).map_err(Into::into);
        let body = http_body_util::StreamBody::new(frames).boxed_unsync();
        let content_type = content_type.into();
        Self {
            inner: Arc::new(Mutex::new(Some(body))),
            content_type: if content_type.is_empty() {
                "application/octet-stream".to_owned()
            } else {
                content_type
            },
            length: None,
        }
    }

    /// Declares the total length (sent as `Content-Length` instead of chunked encoding).
    pub fn with_length(mut self, length: u64) -> Self {
        self.length = Some(length);
        self
    }

    /// The declared length, if any.
    pub fn length(&self) -> Option<u64> {
        self.length
    }

    /// Takes the body out (the first caller gets it, later callers `None`).
    pub(crate) fn take(&self) -> Option<UnsyncBoxBody<Bytes, BoxError>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// One file part of a multipart upload (field name `src`).
#[derive(Debug, Clone)]
pub struct MultipartFile {
    /// `filename` of the part (path relative to the upload base dir).
    pub filename: String,
    /// Contents.
    pub data: Bytes,
}

/// A request body.
#[derive(Debug, Clone, Default)]
pub enum Body {
    /// No body (`Content-Type: text/plain`, as the Python client sends).
    #[default]
    Empty,
    /// A JSON body (`application/json`).
    Json(serde_json::Value),
    /// Raw bytes with their media type.
    Bytes {
        /// The bytes.
        data: Bytes,
        /// Media type (defaults to `application/octet-stream` when empty).
        content_type: String,
    },
    /// `multipart/form-data` with one `src` part per file.
    Multipart(Vec<MultipartFile>),
    /// A streamed body (large uploads); see [`StreamingBody`].
    Stream(StreamingBody),
    /// No body and **no `Content-Type` header**, signed as `application/octet-stream` (what
    /// the manager assumes when the header is absent). Used for SSE subscriptions and
    /// WebSocket upgrades, as the Python client sends them.
    None,
}

impl Body {
    /// The media type signed and sent for this body (without parameters).
    pub fn content_type(&self) -> &str {
        match self {
            Body::Empty => "text/plain",
            Body::Json(_) => "application/json",
            Body::Bytes { content_type, .. } if content_type.is_empty() => {
                "application/octet-stream"
            }
            Body::Bytes { content_type, .. } => content_type,
            Body::Multipart(_) => "multipart/form-data",
            Body::None => "application/octet-stream",
            Body::Stream(s) => &s.content_type,
        }
    }
}

/// A Backend.AI API request as plain data: method, API path, query pairs, body.
///
/// The path is the API path (`/session/s1/logs`); the transport prepends the endpoint's base
/// path and, in session mode, `/func`. Query pairs keep their order.
#[derive(Debug, Clone)]
pub struct ApiRequest {
    /// HTTP method.
    pub method: Method,
    /// API path, starting with `/`.
    pub path: String,
    /// Query parameters in order (encoded like yarl when sent).
    pub query: Vec<(String, String)>,
    /// Body.
    pub body: Body,
    /// Send without `Authorization` even when keys are configured (login, public endpoints).
    pub anonymous: bool,
    /// Safe to resend on another endpoint after a connection failure. Defaults to true for
    /// GET/HEAD/OPTIONS only; set explicitly for idempotent writes.
    pub idempotent: bool,
    /// The oldest API version that has this call; on an older server the transport refuses it
    /// with [`ErrorKind::Unsupported`](backendai_core::error::ErrorKind::Unsupported) before
    /// anything is sent. See [`ApiRequest::requires`].
    pub requires: Option<Requirement>,
}

/// A call that only newer servers have: see [`ApiRequest::requires`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The oldest API version that has the call.
    pub since: backendai_core::ApiVersion,
    /// What the call does, for the error ("committing a session").
    pub what: String,
}

impl ApiRequest {
    /// A request with no query and no body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        let idempotent = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: Body::Empty,
            anonymous: false,
            idempotent,
            requires: None,
        }
    }

    /// `GET path`.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// `POST path`.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }

    /// `PUT path`.
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }

    /// `PATCH path`.
    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::PATCH, path)
    }

    /// `DELETE path`.
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }

    /// Appends a query parameter.
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Sets a JSON body.
    pub fn json(mut self, value: serde_json::Value) -> Self {
        self.body = Body::Json(value);
        self
    }

    /// Sets a raw body.
    pub fn bytes(mut self, data: impl Into<Bytes>, content_type: impl Into<String>) -> Self {
        self.body = Body::Bytes {
            data: data.into(),
            content_type: content_type.into(),
        };
        self
    }

    /// Sets a multipart body.
    pub fn multipart(mut self, files: Vec<MultipartFile>) -> Self {
        self.body = Body::Multipart(files);
        self
    }

    /// Sets a streamed body; the request is then never retried (it cannot be replayed).
    pub fn stream(mut self, body: StreamingBody) -> Self {
        self.body = Body::Stream(body);
        self.idempotent = false;
        self
    }

    /// Sends no body and no `Content-Type` header (SSE, WebSocket upgrade); see [`Body::None`].
    pub fn no_content_type(mut self) -> Self {
        self.body = Body::None;
        self
    }

    /// Marks the request as unsigned.
    pub fn anonymous(mut self) -> Self {
        self.anonymous = true;
        self
    }

    /// Declares that only servers of API `since` or newer have this call (`what` names it in
    /// the error): the builder stays a pure function of the negotiated version, and an older
    /// server gets the typed "not supported by this server" error instead of a 404.
    pub fn requires(mut self, since: backendai_core::ApiVersion, what: impl Into<String>) -> Self {
        self.requires = Some(Requirement {
            since,
            what: what.into(),
        });
        self
    }

    /// Marks the request as safe to resend on another endpoint.
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }
}
