//! The one way an error reaches the user: `error: <one line>` on stderr, or with `-o json`
//! one JSON object on stderr, `{"error": {"kind", "message", "status", "request_id"}}`.
//! The exit status is the same either way (see [`crate::exit`]).

use std::io::Write;

use serde::Serialize;

use crate::exit::{ExitStatus, StatusError, UsageError};

/// The fields of a reported error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorReport {
    /// A stable kebab-case name: the SDK's error kind (`auth-failed`, `connect`, ...),
    /// `invalid-argument` for a bad command line, `child-failed` when ssh/scp failed (the
    /// exit status is theirs), `failure` for anything else.
    pub kind: String,
    /// The one-line message (the cause chain joined with `: `).
    pub message: String,
    /// The HTTP status of the server's answer, when there was one.
    pub status: Option<u16>,
    /// The server's request id, when it sent one.
    pub request_id: Option<String>,
}

/// `AuthFailed` → `auth-failed`.
fn kebab(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl ErrorReport {
    /// The report of an error that reached `main`.
    pub fn of(err: &anyhow::Error) -> Self {
        let mut report = Self {
            kind: "failure".to_owned(),
            message: crate::exit::one_line(err),
            status: None,
            request_id: None,
        };
        for cause in err.chain() {
            if let Some(e) = cause.downcast_ref::<backendai_sdk::Error>() {
                report.kind = kebab(&format!("{:?}", e.kind()));
                report.status = e.status();
                report.request_id = e.request_id().map(str::to_owned);
                break;
            }
            if cause.downcast_ref::<UsageError>().is_some()
                || cause.downcast_ref::<clap::Error>().is_some()
            {
                report.kind = "invalid-argument".to_owned();
                break;
            }
            if let Some(e) = cause.downcast_ref::<StatusError>() {
                report.kind = match e.status {
                    ExitStatus::PermissionDenied => "permission-denied",
                    ExitStatus::InvalidArgument => "invalid-argument",
                    // ssh/scp failed; the exit status is theirs.
                    ExitStatus::Passthrough(_) => "child-failed",
                    _ => "failure",
                }
                .to_owned();
                break;
            }
        }
        report
    }

    /// A command-line error found by clap (exit status 2).
    pub fn usage(message: &str) -> Self {
        Self {
            kind: "invalid-argument".to_owned(),
            message: message.split_whitespace().collect::<Vec<_>>().join(" "),
            status: None,
            request_id: None,
        }
    }

    /// Writes the report on stderr: one JSON line, or `error: <message>`.
    pub fn print(&self, json: bool) {
        let mut err = std::io::stderr().lock();
        let _ = if json {
            let body = serde_json::json!({ "error": self });
            writeln!(err, "{body}")
        } else {
            writeln!(err, "error: {}", self.message)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_core::error::ErrorKind;

    #[test]
    fn sdk_errors_keep_kind_and_status() {
        let sdk =
            backendai_sdk::Error::new(ErrorKind::AuthFailed, "Signature mismatch").with_status(401);
        let r = ErrorReport::of(&anyhow::Error::new(sdk).context("listing sessions"));
        assert_eq!(r.kind, "auth-failed");
        assert_eq!(r.status, Some(401));
        assert_eq!(r.message, "listing sessions: Signature mismatch");
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(
            v.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["kind", "message", "status", "request_id"]
        );
    }

    #[test]
    fn local_errors_have_a_kind_too() {
        assert_eq!(
            ErrorReport::of(&crate::exit::usage("bad range")).kind,
            "invalid-argument"
        );
        assert_eq!(ErrorReport::of(&anyhow::anyhow!("boom")).kind, "failure");
        let denied = crate::exit::with_status(ExitStatus::PermissionDenied, "no");
        assert_eq!(ErrorReport::of(&denied).kind, "permission-denied");
        let ssh = crate::exit::with_status(ExitStatus::Passthrough(255), "ssh exited");
        assert_eq!(ErrorReport::of(&ssh).kind, "child-failed");
        assert_eq!(kebab("InvalidArgument"), "invalid-argument");
    }
}
