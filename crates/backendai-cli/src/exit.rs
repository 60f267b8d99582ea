//! Exit statuses and the mapping from errors to them.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success; also `--help`, `--version`, and a closed stdout (broken pipe) |
//! | 1 | failure: the server refused or failed (4xx other than 400/401/403, 5xx), the network is down, the object was not found (unknown session, vfolder …), a timeout, an interrupted wait |
//! | 2 | invalid argument, detected before or by the server: a bad flag or missing argument (clap usage error), a bad range expression, a bad `-r` resource spec / `-e` env / `-m` mount, a bad byte size, a server answer `400 invalid-api-params` |
//! | 3 | permission denied: wrong or missing credentials (`401 auth-failed`), forbidden (`403`), login refused |
//!
//! "Unknown session" is 1 (as in the Python CLI, where it is a server-side 404), not 2: the
//! argument is well-formed, the object just does not exist.

use std::fmt;

use backendai_core::error::ErrorKind;

/// The process exit status of `bai`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success.
    Ok,
    /// 1: the operation failed.
    Failure,
    /// 2: the command line (or a value in it) is invalid.
    InvalidArgument,
    /// 3: authentication failed or permission denied.
    PermissionDenied,
    /// The exit status of a child program we ran in the foreground (`ssh`, `scp`), passed on.
    Passthrough(u8),
}

impl ExitStatus {
    /// The numeric code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Ok => 0,
            ExitStatus::Failure => 1,
            ExitStatus::InvalidArgument => 2,
            ExitStatus::PermissionDenied => 3,
            ExitStatus::Passthrough(code) => code,
        }
    }
}

impl From<ErrorKind> for ExitStatus {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::AuthFailed | ErrorKind::PermissionDenied => ExitStatus::PermissionDenied,
            ErrorKind::InvalidArgument => ExitStatus::InvalidArgument,
            _ => ExitStatus::Failure,
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status.code())
    }
}

/// An error found in the command line after clap accepted it (bad range expression, bad
/// resource spec, ...). Maps to exit status 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Builds an `anyhow::Error` that exits with status 2.
pub fn usage(msg: impl fmt::Display) -> anyhow::Error {
    anyhow::Error::new(UsageError(msg.to_string()))
}

/// A failure with an explicit exit status (for example "permission denied" decided locally).
#[derive(Debug)]
pub struct StatusError {
    /// The status to exit with.
    pub status: ExitStatus,
    /// The one-line message.
    pub message: String,
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StatusError {}

/// Builds an `anyhow::Error` that exits with `status`.
pub fn with_status(status: ExitStatus, msg: impl fmt::Display) -> anyhow::Error {
    anyhow::Error::new(StatusError {
        status,
        message: msg.to_string(),
    })
}

/// What to do with an error that reached `main`.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit quietly with 0 (the reader of our stdout went away).
    QuietSuccess,
    /// Print `error: <message>` on stderr and exit with the status.
    Fail(ExitStatus),
}

/// Classifies an error by walking its cause chain.
pub fn classify(err: &anyhow::Error) -> Outcome {
    for cause in err.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::BrokenPipe {
                return Outcome::QuietSuccess;
            }
        }
        if let Some(e) = cause.downcast_ref::<backendai_sdk::Error>() {
            return Outcome::Fail(e.kind().into());
        }
        if cause.downcast_ref::<UsageError>().is_some() {
            return Outcome::Fail(ExitStatus::InvalidArgument);
        }
        if let Some(e) = cause.downcast_ref::<StatusError>() {
            return Outcome::Fail(e.status);
        }
        if cause.downcast_ref::<clap::Error>().is_some() {
            return Outcome::Fail(ExitStatus::InvalidArgument);
        }
    }
    Outcome::Fail(ExitStatus::Failure)
}

/// The one-line message for an error: the cause chain joined with `: `, newlines folded.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let s = cause.to_string();
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() || parts.iter().any(|p| p.contains(&s)) {
            continue;
        }
        parts.push(s);
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map_to_statuses() {
        assert_eq!(ExitStatus::from(ErrorKind::AuthFailed).code(), 3);
        assert_eq!(ExitStatus::from(ErrorKind::PermissionDenied).code(), 3);
        assert_eq!(ExitStatus::from(ErrorKind::InvalidArgument).code(), 2);
        assert_eq!(ExitStatus::from(ErrorKind::NotFound).code(), 1);
        assert_eq!(ExitStatus::from(ErrorKind::ServerError).code(), 1);
        assert_eq!(ExitStatus::from(ErrorKind::Connect).code(), 1);
    }

    #[test]
    fn classify_walks_the_chain() {
        let sdk = backendai_sdk::Error::new(ErrorKind::AuthFailed, "Signature mismatch");
        let err = anyhow::Error::new(sdk).context("listing sessions");
        assert_eq!(classify(&err), Outcome::Fail(ExitStatus::PermissionDenied));
        assert_eq!(one_line(&err), "listing sessions: Signature mismatch");

        let err = usage("bad range expression");
        assert_eq!(classify(&err), Outcome::Fail(ExitStatus::InvalidArgument));

        let pipe = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe");
        assert_eq!(classify(&anyhow::Error::new(pipe)), Outcome::QuietSuccess);

        assert_eq!(
            classify(&anyhow::anyhow!("boom")),
            Outcome::Fail(ExitStatus::Failure)
        );
    }

    #[test]
    fn one_line_folds_newlines() {
        let err = anyhow::anyhow!("first\nsecond  line");
        assert_eq!(one_line(&err), "first second line");
    }
}
