//! The SDK error: a stable [`ErrorKind`], the HTTP status and the server's problem body.
//!
//! Server answers that are not 2xx/3xx become an error classified by the problem `type`
//! (`https://api.backend.ai/probs/...`) first and the HTTP status second. Client-side
//! failures have their own kinds: [`ErrorKind::Connect`] (no endpoint reachable),
//! [`ErrorKind::Tls`], [`ErrorKind::Timeout`], [`ErrorKind::Aborted`] (connection dropped
//! mid-request), [`ErrorKind::Decode`] (unreadable answer). `Display` is always one line.

use backendai_core::error::{classify, ErrorKind, ProblemDetails};

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An SDK error. `Display` is one line a user can act on.
///
/// Boxed inside, so `Result<T, Error>` stays one pointer wide.
#[non_exhaustive]
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    status: Option<u16>,
    problem: Option<ProblemDetails>,
    request_id: Option<String>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("status", &self.inner.status)
            .field("message", &self.inner.message)
            .field("problem", &self.inner.problem)
            .field("source", &self.inner.source)
            .finish()
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.inner.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl Error {
    /// A new error of `kind` with a one-line message (line breaks are replaced by spaces).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                status: None,
                problem: None,
                request_id: None,
                message: one_line(&message.into()),
                source: None,
            }),
        }
    }

    /// The typed "this server cannot do that" error: `what` is not part of API version
    /// `version` (a 26.9-only call on a 23.09 manager, a 19.09 server without a 23.09 call).
    pub fn unsupported(what: &str, version: &backendai_core::ApiVersion) -> Self {
        Self::new(
            ErrorKind::Unsupported,
            format!("{what} is not supported by this server (API version {version})"),
        )
    }

    /// The error for a non-success HTTP answer: parses a problem+json (or any JSON object)
    /// body and classifies it; a non-JSON body is summarised like the Python client does
    /// (`Generic Error (could not parse error string)`).
    pub fn from_answer(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> Self {
        let problem = ProblemDetails::parse(body).unwrap_or_else(|| ProblemDetails {
            type_: Some("https://api.backend.ai/probs/generic-error".to_owned()),
            title: Some("Generic Error (could not parse error string)".to_owned()),
            msg: None,
            data: None,
            extra: {
                let mut m = serde_json::Map::new();
                let text = String::from_utf8_lossy(&body[..body.len().min(512)])
                    .trim()
                    .chars()
                    .take(200)
                    .collect::<String>();
                m.insert("content".to_owned(), serde_json::Value::String(text));
                m
            },
        });
        let kind = classify(status.as_u16(), Some(&problem));
        let reason = status.canonical_reason().unwrap_or("");
        let mut message = format!("{} {}: {}", status.as_u16(), reason, problem.summary());
        let request_id = ["x-request-id", "x-backendai-request-id"]
            .iter()
            .find_map(|h| headers.get(*h))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if let Some(id) = &request_id {
            message.push_str(&format!(" [request {id}]"));
        }
        let mut e = Error::new(kind, message)
            .with_status(status.as_u16())
            .with_problem(problem);
        e.inner.request_id = request_id;
        e
    }

    /// Attaches the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.inner.status = Some(status);
        self
    }

    /// Attaches the server's problem body.
    pub fn with_problem(mut self, problem: ProblemDetails) -> Self {
        self.inner.problem = Some(problem);
        self
    }

    /// Attaches the underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.inner.source = Some(Box::new(source));
        self
    }

    /// The same error with `note` appended to its message (what the user can do about it).
    pub fn with_note(mut self, note: &str) -> Self {
        self.inner.message.push_str(&one_line(note));
        self
    }

    /// The stable classification.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The server's problem+json body, when it sent one.
    pub fn problem(&self) -> Option<&ProblemDetails> {
        self.inner.problem.as_ref()
    }

    /// The server's request id (`X-Request-ID`), when it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The one-line message (same as `Display`).
    pub fn message(&self) -> &str {
        &self.inner.message
    }
}

fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_json_is_classified_and_one_line() {
        let body = br#"{"type": "https://api.backend.ai/probs/object-not-found", "title": "No such resource.", "msg": "detail\nmore"}"#;
        let e = Error::from_answer(http::StatusCode::NOT_FOUND, &http::HeaderMap::new(), body);
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(e.status(), Some(404));
        assert_eq!(
            e.to_string(),
            "404 Not Found: No such resource.: detail more"
        );
        let e = Error::from_answer(
            http::StatusCode::INTERNAL_SERVER_ERROR,
            &http::HeaderMap::new(),
            b"<html>oops</html>",
        );
        assert_eq!(e.kind(), ErrorKind::ServerError);
        assert_eq!(
            e.problem().unwrap().type_.as_deref(),
            Some("https://api.backend.ai/probs/generic-error")
        );
        assert_eq!(e.to_string(), "500 Internal Server Error: Generic Error (could not parse error string): <html>oops</html>");
        let e = Error::from_answer(
            http::StatusCode::UNAUTHORIZED,
            &http::HeaderMap::new(),
            br#"{"type": 5, "title": ["x"]}"#,
        );
        assert_eq!(e.kind(), ErrorKind::AuthFailed);
    }
}
