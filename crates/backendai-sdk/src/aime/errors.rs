//! The AIME server's answers: [`Reply`], and the mapping of an error answer to an [`Error`]
//! with a stable kind (spec §8), shared by the client and the job poller.

use serde_json::Value;

use backendai_core::error::{ErrorKind, ProblemDetails};

use super::types::error_text;
use crate::error::Error;

/// One HTTP answer: status and body (JSON when it parses).
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) json: Option<Value>,
    pub(crate) text: String,
}

/// What was being done when the server answered with an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Login,
    Submit,
    SubmitBlocking,
    Progress,
    Discovery,
}

/// The server's error text: `error` (string or list), else sanic's `message`, else the body.
pub(crate) fn reply_error(reply: &Reply) -> String {
    if let Some(j) = &reply.json {
        if let Some(e) = j.get("error").filter(|e| !e.is_null()) {
            let t = error_text(e);
            if !t.is_empty() {
                return t;
            }
        }
        if let Some(m) = j.get("message").and_then(Value::as_str) {
            return m.to_owned();
        }
    }
    let line = reply
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut line: String = line.chars().take(200).collect();
    if line.is_empty() {
        line = format!("HTTP {}", reply.status);
    }
    line
}

/// Maps an error answer to an [`Error`] (spec §8), keeping the server's error text and body.
pub(crate) fn server_error(reply: &Reply, endpoint: Option<&str>, op: Op) -> Error {
    let text = reply_error(reply);
    let lower = text.to_ascii_lowercase();
    let kind = match reply.status {
        200 | 401
            if lower.contains("key not valid")
                || lower.contains("not registered")
                || lower.contains("key missing") =>
        {
            ErrorKind::AuthFailed
        }
        401 => ErrorKind::AuthFailed,
        402 if lower.contains("not authorized") => ErrorKind::PermissionDenied,
        402 if op == Op::Progress || lower.contains("job id") || lower.contains("job_id") => {
            ErrorKind::NotFound
        }
        402 | 403 => ErrorKind::PermissionDenied,
        400 if lower.contains("max length") => ErrorKind::QuotaExceeded,
        400 if lower.contains("disabled") => ErrorKind::Unavailable,
        400 if lower.contains("lapsed") => ErrorKind::Timeout,
        400 | 405 | 413 | 422 => ErrorKind::InvalidArgument,
        404 => ErrorKind::NotFound,
        503 if op == Op::SubmitBlocking || lower.contains("timeout") => ErrorKind::Timeout,
        502..=504 => ErrorKind::Unavailable,
        500..=599 => ErrorKind::ServerError,
        _ => ErrorKind::Unknown,
    };
    let what = match op {
        Op::Login => "login",
        Op::Submit | Op::SubmitBlocking => "job request",
        Op::Progress => "progress poll",
        Op::Discovery => "request",
    };
    let message = match (kind, endpoint) {
        (ErrorKind::NotFound, Some(ep)) if reply.status == 404 => {
            format!("AIME endpoint `{ep}` not found: {text} (HTTP 404)")
        }
        (_, Some(ep)) => format!(
            "AIME {what} on `{ep}` failed: {text} (HTTP {})",
            reply.status
        ),
        (_, None) => format!("AIME {what} failed: {text} (HTTP {})", reply.status),
    };
    let problem = ProblemDetails {
        msg: Some(text),
        data: reply.json.clone(),
        ..ProblemDetails::default()
    };
    Error::new(kind, message)
        .with_status(reply.status)
        .with_problem(problem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reply(status: u16, body: Value) -> Reply {
        Reply {
            status,
            text: body.to_string(),
            json: Some(body),
        }
    }

    fn kind(status: u16, body: Value, op: Op) -> (ErrorKind, String) {
        let e = server_error(&reply(status, body), Some("echo"), op);
        (e.kind(), e.to_string())
    }

    // Every row of spec §8.
    #[test]
    fn error_shapes_map_to_kinds() {
        let (k, m) = kind(
            200,
            json!({"success": false, "error": "Key not valid"}),
            Op::Login,
        );
        assert_eq!(k, ErrorKind::AuthFailed);
        assert!(m.contains("Key not valid") && m.contains("HTTP 200"), "{m}");
        let (k, m) = kind(
            401,
            json!({"success": false, "error": ["API Key missing and client session authentication key not registered in API Server"], "ep_version": 1}),
            Op::Submit,
        );
        assert_eq!(k, ErrorKind::AuthFailed);
        assert!(m.contains("not registered in API Server"), "{m}");
        assert_eq!(
            kind(
                401,
                json!({"success": false, "error": ["Key not valid"]}),
                Op::Submit
            )
            .0,
            ErrorKind::AuthFailed
        );
        let (k, m) = kind(
            402,
            json!({"success": false, "error": ["Client not authorized for endpoint echo!"]}),
            Op::Submit,
        );
        assert_eq!(k, ErrorKind::PermissionDenied);
        assert!(
            m.contains("Client not authorized for endpoint echo!"),
            "{m}"
        );
        let (k, m) = kind(
            400,
            json!({"success": false, "error": ["Invalid input parameter(s): prompt", "Invalid input parameter(s): foo"]}),
            Op::Submit,
        );
        assert_eq!(k, ErrorKind::InvalidArgument);
        assert!(m.contains("prompt; Invalid input parameter(s): foo"), "{m}");
        assert_eq!(
            kind(
                400,
                json!({"success": false, "error": "Job queue reached max length 100!"}),
                Op::Submit
            )
            .0,
            ErrorKind::QuotaExceeded
        );
        assert_eq!(
            kind(
                400,
                json!({"success": false, "error": "Endpoint disabled!"}),
                Op::Submit
            )
            .0,
            ErrorKind::Unavailable
        );
        assert_eq!(
            kind(
                402,
                json!({"success": false, "error": ["No job_id given"]}),
                Op::Progress
            )
            .0,
            ErrorKind::NotFound
        );
        assert_eq!(kind(402, json!({"success": false, "error": ["Client has no active request with this job id x#1"]}), Op::Progress).0, ErrorKind::NotFound);
        let (k, m) = kind(
            400,
            json!({"description": "Bad Request", "status": 400, "message": "Failed when parsing body as json"}),
            Op::Submit,
        );
        assert_eq!(k, ErrorKind::InvalidArgument);
        assert!(m.contains("Failed when parsing body as json"), "{m}");
        let (k, m) = kind(
            404,
            json!({"description": "Not Found", "status": 404, "message": "Requested URL /x not found"}),
            Op::Submit,
        );
        assert_eq!(k, ErrorKind::NotFound);
        assert!(m.contains("`echo` not found"), "{m}");
        assert_eq!(
            kind(
                405,
                json!({"description": "Method Not Allowed", "status": 405, "message": "no"}),
                Op::Submit
            )
            .0,
            ErrorKind::InvalidArgument
        );
        assert_eq!(kind(503, json!({"description": "Service Unavailable", "status": 503, "message": "Response Timeout"}), Op::SubmitBlocking).0, ErrorKind::Timeout);
        assert_eq!(
            kind(500, json!({"message": "boom"}), Op::Discovery).0,
            ErrorKind::ServerError
        );
    }

    #[test]
    fn text_error_pages_give_one_line() {
        let r = Reply {
            status: 404,
            json: None,
            text: "\n<!DOCTYPE html>\n<h1>Not Found</h1>\n".into(),
        };
        let e = server_error(&r, None, Op::Discovery);
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert!(!e.to_string().contains('\n'));
        let r = Reply {
            status: 502,
            json: None,
            text: String::new(),
        };
        assert!(server_error(&r, None, Op::Discovery)
            .to_string()
            .contains("HTTP 502"));
    }
}
