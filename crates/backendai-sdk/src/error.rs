//! The SDK error: a stable [`ErrorKind`], the HTTP status and the server's problem body.
//!
//! OWNER: transport helper (may extend, must keep `kind()`, `status()`, `problem()`).

use backendai_core::error::{ErrorKind, ProblemDetails};

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An SDK error. `Display` is one line a user can act on.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
#[non_exhaustive]
pub struct Error {
    kind: ErrorKind,
    status: Option<u16>,
    problem: Option<ProblemDetails>,
    message: String,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// A new error of `kind` with a one-line message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            status: None,
            problem: None,
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Attaches the server's problem body.
    pub fn with_problem(mut self, problem: ProblemDetails) -> Self {
        self.problem = Some(problem);
        self
    }

    /// Attaches the underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The stable classification.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The server's problem+json body, when it sent one.
    pub fn problem(&self) -> Option<&ProblemDetails> {
        self.problem.as_ref()
    }
}
