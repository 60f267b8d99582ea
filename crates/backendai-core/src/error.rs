//! Error kinds and the server's problem+json body (spec/protocol.md §6).
//!
//! An error answer is classified by [`classify`]: the problem `type` first (it is the
//! canonical error identity, the `title` may be localised), then the HTTP status.
//!
//! | problem `type` suffix (`https://api.backend.ai/probs/…`) | status | [`ErrorKind`] |
//! |---|---|---|
//! | `auth-failed`, `unauthorized`, `invalid-credentials`, `invalid-auth-params` | 401 | `AuthFailed` |
//! | `generic-forbidden`, `insufficient-privilege`, `forbidden` | 403 | `PermissionDenied` |
//! | `object-not-found`, `url-not-found`, any `*-not-found` | 404 | `NotFound` |
//! | `invalid-api-params`, `generic-bad-request`, `graphql-error`, `rejected-by-hook`, `method-not-allowed`, `vfolder-filter-status-*`, `too-many-sessions-matched`, `too-many-kernels`, `too-many-vfolders` | 400, 405, 413, 422 | `InvalidArgument` |
//! | any `*-already-exists`, `conflict` | 409, 412 | `Conflict` |
//! | `quota-exceeded`, `rate-limit-exceeded`, `too-many-requests` | 429 | `QuotaExceeded` |
//! | `service-unavailable`, `server-frozen`, `instance-not-available`, `not-implemented` | 502, 503, 504 | `Unavailable` |
//! | `internal-server-error`, `server-misconfigured`, `server-error`, `kernel-*-failed`, `agent-*` | other 5xx | `ServerError` |
//! | `request-timeout-error` | 408 | `Timeout` |
//! | `request-abort-error` | – | `Aborted` |
//! | anything else (`generic-error`, `general-error`, `vfolder-operation-failed`, …) | other | by status, else `Unknown` |
//!
//! Note: the manager's `too-many-sessions-matched` / `too-many-kernels` / `too-many-vfolders`
//! mean "the name matched two or more objects" (an ambiguous argument), not a quota.
//!
//! For reference, the Backend.AI JavaScript client (`backend.ai-client-esm.ts` of the web UI)
//! reports these kinds and synthesised problem types:
//!
//! | JS constant | its problem `type` | meaning | kind here |
//! |---|---|---|---|
//! | `ERR_REQUEST` | `client-request-error` | sending failed (network down, DNS, refused) | `Connect` |
//! | `ERR_RESPONSE` | `client-response-error` | reading/decoding the answer failed | `Decode` |
//! | `ERR_SERVER` | `server-error` (or the server's own `type`) | non-2xx answer | by [`classify`] |
//! | `ERR_ABORT` | `request-abort-error` | cancelled by the user (status shown as 408) | `Aborted` |
//! | `ERR_TIMEOUT` | `request-timeout-error` | no answer within the timeout (status 408) | `Timeout` |
//! | `ERR_SOFT_TIMEOUT` | – | slow-answer notification only, not an error | – |
//! | `ERR_UNKNOWN` | – | anything else | `Unknown` |

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
    /// The server's API version has no such call (or no such form of it).
    Unsupported,
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

impl ErrorKind {
    /// The kind named by a problem `type` URI (or its bare last segment), if it names one.
    ///
    /// ```
    /// use backendai_core::error::ErrorKind;
    /// assert_eq!(
    ///     ErrorKind::from_problem_type("https://api.backend.ai/probs/object-not-found"),
    ///     Some(ErrorKind::NotFound)
    /// );
    /// assert_eq!(ErrorKind::from_problem_type("https://api.backend.ai/probs/generic-error"), None);
    /// ```
    pub fn from_problem_type(type_uri: &str) -> Option<ErrorKind> {
        let name = type_uri.trim().trim_end_matches('/');
        let name = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
        let n = name.as_str();
        let kind = match n {
            "auth-failed" | "unauthorized" | "invalid-credentials" | "invalid-auth-params" => {
                ErrorKind::AuthFailed
            }
            "generic-forbidden" | "insufficient-privilege" | "forbidden" => {
                ErrorKind::PermissionDenied
            }
            "invalid-api-params"
            | "generic-bad-request"
            | "graphql-error"
            | "rejected-by-hook"
            | "method-not-allowed"
            | "too-many-sessions-matched"
            | "too-many-kernels"
            | "too-many-vfolders" => ErrorKind::InvalidArgument,
            "conflict" => ErrorKind::Conflict,
            "quota-exceeded" | "rate-limit-exceeded" | "too-many-requests" => {
                ErrorKind::QuotaExceeded
            }
            "service-unavailable"
            | "server-frozen"
            | "instance-not-available"
            | "not-implemented" => ErrorKind::Unavailable,
            "internal-server-error" | "server-misconfigured" | "server-error" => {
                ErrorKind::ServerError
            }
            "request-timeout-error" => ErrorKind::Timeout,
            "request-abort-error" => ErrorKind::Aborted,
            "client-request-error" => ErrorKind::Connect,
            "client-response-error" => ErrorKind::Decode,
            _ if n.ends_with("-not-found") => ErrorKind::NotFound,
            _ if n.ends_with("-already-exists") => ErrorKind::Conflict,
            _ if n.starts_with("vfolder-filter-status-") => ErrorKind::InvalidArgument,
            _ if n.starts_with("kernel-") && n.ends_with("-failed") => ErrorKind::ServerError,
            _ if n.starts_with("agent-") => ErrorKind::ServerError,
            _ if n.ends_with("-quota-exceeded") => ErrorKind::QuotaExceeded,
            _ => return None,
        };
        Some(kind)
    }

    /// The kind of an HTTP error status (2xx/3xx → `Unknown`).
    ///
    /// ```
    /// use backendai_core::error::ErrorKind;
    /// assert_eq!(ErrorKind::from_status(401), ErrorKind::AuthFailed);
    /// assert_eq!(ErrorKind::from_status(500), ErrorKind::ServerError);
    /// ```
    pub fn from_status(status: u16) -> ErrorKind {
        match status {
            400 | 405 | 413 | 414 | 415 | 422 => ErrorKind::InvalidArgument,
            401 => ErrorKind::AuthFailed,
            403 => ErrorKind::PermissionDenied,
            404 | 410 => ErrorKind::NotFound,
            408 => ErrorKind::Timeout,
            409 | 412 => ErrorKind::Conflict,
            429 => ErrorKind::QuotaExceeded,
            502..=504 => ErrorKind::Unavailable,
            500..=599 => ErrorKind::ServerError,
            _ => ErrorKind::Unknown,
        }
    }

    /// A short lower-case name (`auth-failed`, `not-found`, ...) for logs and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::AuthFailed => "auth-failed",
            ErrorKind::PermissionDenied => "permission-denied",
            ErrorKind::NotFound => "not-found",
            ErrorKind::InvalidArgument => "invalid-argument",
            ErrorKind::Conflict => "conflict",
            ErrorKind::QuotaExceeded => "quota-exceeded",
            ErrorKind::ServerError => "server-error",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Connect => "connect",
            ErrorKind::Tls => "tls",
            ErrorKind::Decode => "decode",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Classifies an error answer: the problem `type` when it names a kind, else the status.
///
/// ```
/// use backendai_core::error::{classify, ErrorKind, ProblemDetails};
/// let body = br#"{"type": "https://api.backend.ai/probs/session-already-exists", "title": "x"}"#;
/// let p = ProblemDetails::parse(body).unwrap();
/// assert_eq!(classify(400, Some(&p)), ErrorKind::Conflict);
/// assert_eq!(classify(404, None), ErrorKind::NotFound);
/// ```
pub fn classify(status: u16, problem: Option<&ProblemDetails>) -> ErrorKind {
    problem
        .and_then(|p| p.type_.as_deref())
        .and_then(ErrorKind::from_problem_type)
        .unwrap_or_else(|| ErrorKind::from_status(status))
}

impl ProblemDetails {
    /// Parses an error body. Returns `None` unless it is a JSON object.
    ///
    /// Lenient on purpose: non-string `type`/`title`/`msg` values are rendered as JSON text,
    /// `details` (webserver) is read as `msg`, every other field goes to `extra`.
    ///
    /// ```
    /// use backendai_core::error::ProblemDetails;
    /// let p = ProblemDetails::parse(br#"{"type":"t","title":"No such session.","msg":"s1"}"#).unwrap();
    /// assert_eq!(p.summary(), "No such session.: s1");
    /// assert!(ProblemDetails::parse(b"<html>").is_none());
    /// ```
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
        let serde_json::Value::Object(mut map) = value else {
            return None;
        };
        let text = |v: serde_json::Value| match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        };
        let type_ = map.remove("type").and_then(text);
        let title = map.remove("title").and_then(text);
        let msg = match map.remove("msg").and_then(text) {
            Some(m) => Some(m),
            None => map.remove("details").and_then(text),
        };
        let data = map.remove("data");
        Some(Self {
            type_,
            title,
            msg,
            data,
            extra: map,
        })
    }

    /// One line for users: `<title>: <details>`, or whichever of the two exists.
    ///
    /// Details are `msg`/`details`, else the agent's `{title, exception}`, else the first
    /// GraphQL error message in `data`, else the raw `content` of an unparsable body.
    /// Line breaks are folded into spaces.
    pub fn summary(&self) -> String {
        let title = self
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .or_else(|| {
                self.type_.as_deref().map(|t| {
                    t.trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .unwrap_or(t)
                        .to_owned()
                })
            });
        let details = self.details();
        let line = match (title, details) {
            (Some(t), Some(d)) if t != d => format!("{t}: {d}"),
            (Some(t), _) => t,
            (None, Some(d)) => d,
            (None, None) => "unknown error".to_owned(),
        };
        one_line(&line)
    }

    fn details(&self) -> Option<String> {
        if let Some(m) = self.msg.as_deref().filter(|m| !m.trim().is_empty()) {
            return Some(m.to_owned());
        }
        if let Some(serde_json::Value::Object(agent)) = self.extra.get("agent-details") {
            let title = agent.get("title").and_then(|v| v.as_str());
            let exc = agent
                .get("exception")
                .and_then(|v| v.as_str())
                .filter(|e| !e.is_empty());
            match (title, exc) {
                (Some(t), Some(e)) => return Some(format!("{t} ({e})")),
                (Some(t), None) => return Some(t.to_owned()),
                (None, Some(e)) => return Some(e.to_owned()),
                (None, None) => {}
            }
        }
        if let Some(serde_json::Value::Array(errors)) = &self.data {
            let msgs: Vec<&str> = errors
                .iter()
                .filter_map(|e| e.get("message").and_then(|m| m.as_str()))
                .collect();
            if !msgs.is_empty() {
                return Some(msgs.join("; "));
            }
        }
        self.extra
            .get("content")
            .and_then(|c| c.as_str())
            .filter(|c| !c.trim().is_empty())
            .map(str::to_owned)
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "https://api.backend.ai/probs/";

    #[test]
    fn problem_types_map_to_kinds() {
        let cases = [
            ("auth-failed", ErrorKind::AuthFailed),
            ("unauthorized", ErrorKind::AuthFailed),
            ("invalid-auth-params", ErrorKind::AuthFailed),
            ("generic-forbidden", ErrorKind::PermissionDenied),
            ("insufficient-privilege", ErrorKind::PermissionDenied),
            ("object-not-found", ErrorKind::NotFound),
            ("url-not-found", ErrorKind::NotFound),
            ("vfolder-not-found", ErrorKind::NotFound),
            ("invalid-api-params", ErrorKind::InvalidArgument),
            ("generic-bad-request", ErrorKind::InvalidArgument),
            ("graphql-error", ErrorKind::InvalidArgument),
            ("too-many-sessions-matched", ErrorKind::InvalidArgument),
            ("session-already-exists", ErrorKind::Conflict),
            ("vfolder-already-exists", ErrorKind::Conflict),
            ("quota-exceeded", ErrorKind::QuotaExceeded),
            ("rate-limit-exceeded", ErrorKind::QuotaExceeded),
            ("service-unavailable", ErrorKind::Unavailable),
            ("server-frozen", ErrorKind::Unavailable),
            ("instance-not-available", ErrorKind::Unavailable),
            ("internal-server-error", ErrorKind::ServerError),
            ("kernel-creation-failed", ErrorKind::ServerError),
            ("agent-timeout", ErrorKind::ServerError),
        ];
        for (suffix, kind) in cases {
            assert_eq!(
                ErrorKind::from_problem_type(&format!("{P}{suffix}")),
                Some(kind),
                "{suffix}"
            );
            assert_eq!(ErrorKind::from_problem_type(suffix), Some(kind), "{suffix}");
        }
        for unknown in [
            "generic-error",
            "general-error",
            "vfolder-operation-failed",
            "",
            "/",
        ] {
            assert_eq!(ErrorKind::from_problem_type(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn statuses_map_to_kinds() {
        let cases = [
            (400, ErrorKind::InvalidArgument),
            (401, ErrorKind::AuthFailed),
            (403, ErrorKind::PermissionDenied),
            (404, ErrorKind::NotFound),
            (408, ErrorKind::Timeout),
            (409, ErrorKind::Conflict),
            (429, ErrorKind::QuotaExceeded),
            (500, ErrorKind::ServerError),
            (501, ErrorKind::ServerError),
            (503, ErrorKind::Unavailable),
            (418, ErrorKind::Unknown),
            (200, ErrorKind::Unknown),
        ];
        for (status, kind) in cases {
            assert_eq!(ErrorKind::from_status(status), kind, "{status}");
        }
    }

    #[test]
    fn classify_prefers_type_then_status() {
        let p = ProblemDetails::parse(
            br#"{"type":"https://api.backend.ai/probs/vfolder-operation-failed","title":"x"}"#,
        )
        .unwrap();
        assert_eq!(classify(400, Some(&p)), ErrorKind::InvalidArgument);
        assert_eq!(classify(502, Some(&p)), ErrorKind::Unavailable);
        let q = ProblemDetails::parse(br#"{"type":"https://api.backend.ai/probs/quota-exceeded"}"#)
            .unwrap();
        assert_eq!(classify(412, Some(&q)), ErrorKind::QuotaExceeded);
        assert_eq!(classify(401, None), ErrorKind::AuthFailed);
    }

    #[test]
    fn parse_reads_webserver_details_and_keeps_extra() {
        let p = ProblemDetails::parse(
            br#"{"type":"https://api.backend.ai/probs/auth-failed","title":"Auth failed","details":"OTP not provided","x":1}"#,
        )
        .unwrap();
        assert_eq!(p.msg.as_deref(), Some("OTP not provided"));
        assert_eq!(p.extra.get("x"), Some(&serde_json::json!(1)));
        assert_eq!(p.summary(), "Auth failed: OTP not provided");
        assert!(ProblemDetails::parse(b"[1,2]").is_none());
        assert!(ProblemDetails::parse(b"").is_none());
        let odd = ProblemDetails::parse(br#"{"title": 5, "msg": null}"#).unwrap();
        assert_eq!(odd.title.as_deref(), Some("5"));
        assert_eq!(odd.msg, None);
    }

    #[test]
    fn summary_variants() {
        let agent = ProblemDetails::parse(
            br#"{"type":"t/kernel-creation-failed","title":"Kernel creation has failed.","agent-details":{"type":"x","title":"No image","exception":"ImageNotFound()"}}"#,
        )
        .unwrap();
        assert_eq!(
            agent.summary(),
            "Kernel creation has failed.: No image (ImageNotFound())"
        );
        let gql = ProblemDetails::parse(
            br#"{"type":"https://api.backend.ai/probs/graphql-error","title":"GraphQL-generated error","data":[{"message":"bad field"},{"message":"two"}]}"#,
        )
        .unwrap();
        assert_eq!(gql.summary(), "GraphQL-generated error: bad field; two");
        let raw = ProblemDetails::parse(
            br#"{"type":"https://api.backend.ai/probs/generic-error","title":"Generic Error (could not parse error string)","content":"<html>\n502\n</html>"}"#,
        )
        .unwrap();
        assert_eq!(
            raw.summary(),
            "Generic Error (could not parse error string): <html> 502 </html>"
        );
        let only_type =
            ProblemDetails::parse(br#"{"type":"https://api.backend.ai/probs/server-frozen"}"#)
                .unwrap();
        assert_eq!(only_type.summary(), "server-frozen");
        assert_eq!(ProblemDetails::default().summary(), "unknown error");
    }
}
