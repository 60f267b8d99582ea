//! One storage-proxy request's failure, and the retry rule uploads and downloads share.

use std::future::Future;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use backendai_core::error::{ErrorKind, ProblemDetails};
use bytes::Bytes;
use http::StatusCode;
use http_body_util::{BodyExt, Empty};

use super::{ReqBody, TransferOptions};
use crate::error::{Error, Result};

/// Why a single request failed: whether trying again could help.
pub(super) struct Attempt {
    pub(super) error: Error,
    pub(super) retryable: bool,
}

impl From<Error> for Attempt {
    fn from(error: Error) -> Self {
        Attempt {
            error,
            retryable: false,
        }
    }
}

/// When a request last moved (a body chunk sent or received, an answer's head): what the stall
/// timeout measures. Clones share the clock.
#[derive(Clone)]
pub(super) struct Activity {
    start: Instant,
    last_ms: Arc<AtomicU64>,
}

impl Activity {
    pub(super) fn new() -> Self {
        Activity {
            start: Instant::now(),
            last_ms: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Progress was made now.
    pub(super) fn touch(&self) {
        let now = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(now, Ordering::Relaxed);
    }

    fn idle(&self) -> Duration {
        let last = Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
        self.start.elapsed().saturating_sub(last)
    }

    /// Runs `fut` to its end unless nothing moves for `limit`: then a retryable
    /// [`ErrorKind::Timeout`] naming `what`.
    pub(super) async fn guard<F: Future>(
        &self,
        limit: Duration,
        what: &str,
        fut: F,
    ) -> Result<F::Output, Attempt> {
        tokio::pin!(fut);
        loop {
            let left = limit.saturating_sub(self.idle());
            if left.is_zero() {
                return Err(Attempt {
                    error: Error::new(
                        ErrorKind::Timeout,
                        format!(
                            "storage-proxy {what} stalled: nothing moved for {} s",
                            limit.as_secs_f64()
                        ),
                    ),
                    retryable: true,
                });
            }
            tokio::select! {
                out = &mut fut => return Ok(out),
                _ = tokio::time::sleep(left) => {}
            }
        }
    }
}

/// Before retry `attempt + 1` after the failed `last`: gives up with its error when it is not
/// retryable or the retries are used up, else waits the backoff (an [`ErrorKind::Aborted`]
/// error naming `what` of `path` when cancelled meanwhile).
pub(super) async fn wait_to_retry(
    opts: &TransferOptions,
    attempt: &mut u32,
    last: Attempt,
    what: &str,
    path: &str,
) -> Result<()> {
    if !last.retryable || *attempt >= opts.max_retries {
        return Err(last.error);
    }
    let delay = opts.backoff(*attempt);
    *attempt += 1;
    tokio::select! {
        _ = tokio::time::sleep(delay) => Ok(()),
        _ = opts.cancel.cancelled() => {
            Err(Error::new(ErrorKind::Aborted, format!("{what} of {path} cancelled")))
        }
    }
}

pub(super) fn io_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::Unknown,
        format!("{what} {}: {e}", path.display()),
    )
    .with_source(e)
}

/// The size of a local file.
pub(super) async fn file_len(local: &Path) -> Result<u64> {
    tokio::fs::metadata(local)
        .await
        .map(|m| m.len())
        .map_err(|e| io_error("cannot read", local, e))
}

pub(super) fn empty_body() -> ReqBody {
    Empty::<Bytes>::new()
        .map_err(|never| match never {})
        .boxed_unsync()
}

pub(super) async fn status_error(
    resp: hyper::Response<hyper::body::Incoming>,
    what: &str,
) -> Attempt {
    let status = resp.status();
    // Only the start is shown; a hostile endless answer is not read further. A stalled
    // one is cut after 30 s: the status is already known.
    let body = crate::client::read_error_body(resp.into_body(), Some(ERROR_BODY_WAIT))
        .await
        .unwrap_or_default();
    let problem: Option<ProblemDetails> = serde_json::from_slice(&body).ok();
    let detail = problem
        .as_ref()
        .and_then(|p| p.title.clone().or_else(|| p.msg.clone()))
        .unwrap_or_else(|| String::from_utf8_lossy(&body).chars().take(200).collect());
    let kind = match status.as_u16() {
        401 => ErrorKind::AuthFailed,
        403 => ErrorKind::PermissionDenied,
        404 => ErrorKind::NotFound,
        400 | 416 => ErrorKind::InvalidArgument,
        409 => ErrorKind::Conflict,
        413 => ErrorKind::QuotaExceeded,
        503 => ErrorKind::Unavailable,
        s if s >= 500 => ErrorKind::ServerError,
        _ => ErrorKind::Unknown,
    };
    let mut error = Error::new(
        kind,
        format!(
            "storage-proxy {what} failed with HTTP {}: {}",
            status.as_u16(),
            detail.trim()
        ),
    )
    .with_status(status.as_u16());
    if let Some(p) = problem {
        error = error.with_problem(p);
    }
    Attempt {
        error,
        retryable: status.is_server_error() || status == StatusCode::REQUEST_TIMEOUT,
    }
}

/// How long an error answer's body is waited for, chunk by chunk.
const ERROR_BODY_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Reads and drops a small answer body so its connection can be reused; a long (or stalled)
/// one is dropped with its connection instead of being read.
pub(super) async fn drain(body: hyper::body::Incoming) {
    use hyper::body::Body as _;
    if body.size_hint().upper().is_some_and(|n| n <= 64 << 10) {
        let _ = tokio::time::timeout(ERROR_BODY_WAIT, body.collect()).await;
    }
}

pub(super) fn header_u64(headers: &http::HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// One line from an error and its causes.
pub(super) fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let cs = c.to_string();
        if !s.contains(&cs) {
            s.push_str(": ");
            s.push_str(&cs);
        }
        cur = c.source();
    }
    s
}

/// Opens a transfer session with `open` (the manager's `request-upload`/`request-download`),
/// again after a failure that [`storage_proxy_failed_to_open`] recognises, with the retry
/// rule and backoff of the transfers themselves. Nothing has moved yet, so asking again is
/// safe.
pub(crate) async fn open_with_retries<T, F, Fut>(
    opts: &TransferOptions,
    what: &str,
    path: &str,
    mut open: F,
) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut attempt = 0;
    loop {
        match open().await {
            Ok(t) => return Ok(t),
            Err(error) => {
                let retryable = storage_proxy_failed_to_open(&error);
                wait_to_retry(opts, &mut attempt, Attempt { error, retryable }, what, path).await?;
            }
        }
    }
}

/// The manager's answer when the storage proxy failed with a bare 5xx while creating a
/// transfer session. The 23.09 storage proxy does so under concurrent uploads to one folder:
/// finishing an upload removes the folder's `.upload` directory while the next session is
/// being created in it (`FileExistsError`/`FileNotFoundError`, HTTP 500; the manager turns
/// that into 400 `vfolder-operation-failed`). An error the storage proxy explained (a JSON
/// body) arrives as another problem type and is final.
pub(crate) fn storage_proxy_failed_to_open(e: &Error) -> bool {
    let Some(p) = e.problem() else { return false };
    p.type_
        .as_deref()
        .is_some_and(|t| t.ends_with("/vfolder-operation-failed"))
        && p.msg
            .as_deref()
            .is_some_and(|m| m.starts_with("Storage proxy responded with 5"))
}
