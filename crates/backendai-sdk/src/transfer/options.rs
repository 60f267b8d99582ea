//! What a caller sets and sees: transfer options, progress reports, and the storage-proxy
//! target of one file.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use tokio_util::sync::CancellationToken;

use crate::error::{Error, Result};

/// Default bytes per tus `PATCH` (the Python client's `--chunk-size` default, 16 MiB).
pub const DEFAULT_CHUNK_SIZE: u64 = 16 * 1024 * 1024;
/// Default size of one disk read / network frame.
pub const DEFAULT_READ_BUFFER: usize = 256 * 1024;

/// What happened to a file (see [`Progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressKind {
    /// The transfer of this file starts (`done` = where it starts, e.g. a resume offset).
    Started,
    /// More bytes were sent or received.
    Advanced,
    /// The transfer was interrupted and continues from `done` (the server's offset).
    Resumed,
    /// The file is complete and its size verified.
    Finished,
}

/// One progress report: bytes done and total for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Index of the file in the batch (0 for single transfers).
    pub index: usize,
    /// The file's path inside the folder.
    pub path: String,
    /// Bytes transferred so far (upload: handed to the connection; download: written).
    pub done: u64,
    /// Total bytes, when known.
    pub total: Option<u64>,
    /// What happened.
    pub kind: ProgressKind,
}

/// A progress callback. Called often (every read buffer); keep it cheap.
pub type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync>;

/// A progress callback that forwards every report into an unbounded channel, e.g. for a
/// task that drives progress bars.
pub fn progress_channel() -> (ProgressFn, tokio::sync::mpsc::UnboundedReceiver<Progress>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let f: ProgressFn = Arc::new(move |p: &Progress| {
        let _ = tx.send(p.clone());
    });
    (f, rx)
}

/// Settings of a transfer.
#[derive(Clone)]
pub struct TransferOptions {
    /// Bytes per tus `PATCH` request.
    pub chunk_size: u64,
    /// Bytes per disk read / body frame.
    pub read_buffer: usize,
    /// Files transferred at the same time.
    pub parallel: usize,
    /// Resume attempts per file after a failure (0 = fail at the first error).
    pub max_retries: u32,
    /// First back-off delay; doubled per attempt up to 5 s.
    pub retry_delay: Duration,
    /// Progress reports.
    pub progress: Option<ProgressFn>,
    /// Stops every transfer using these options; the connection is dropped mid-body and the
    /// transfer fails with [`ErrorKind::Aborted`] (uploads can be resumed later).
    pub cancel: CancellationToken,
    /// Downloads: replace an existing local file instead of refusing.
    pub overwrite: bool,
}

impl Default for TransferOptions {
    fn default() -> Self {
        Self {
            chunk_size: DEFAULT_CHUNK_SIZE,
            read_buffer: DEFAULT_READ_BUFFER,
            parallel: 4,
            max_retries: 5,
            retry_delay: Duration::from_millis(100),
            progress: None,
            cancel: CancellationToken::new(),
            overwrite: false,
        }
    }
}

impl std::fmt::Debug for TransferOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransferOptions")
            .field("chunk_size", &self.chunk_size)
            .field("read_buffer", &self.read_buffer)
            .field("parallel", &self.parallel)
            .field("max_retries", &self.max_retries)
            .field("retry_delay", &self.retry_delay)
            .field("progress", &self.progress.is_some())
            .field("overwrite", &self.overwrite)
            .finish()
    }
}

impl TransferOptions {
    pub(super) fn report(
        &self,
        index: usize,
        path: &str,
        done: u64,
        total: Option<u64>,
        kind: ProgressKind,
    ) {
        if let Some(f) = &self.progress {
            f(&Progress {
                index,
                path: path.to_owned(),
                done,
                total,
                kind,
            });
        }
    }

    pub(super) fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.min(16);
        self.retry_delay
            .saturating_mul(factor)
            .min(Duration::from_secs(5))
    }
}

/// A storage-proxy session handed out by the manager (`request-upload`/`request-download`).
#[derive(Debug, Clone)]
pub struct TransferTarget {
    /// Storage-proxy URL (after the address map was applied).
    pub url: String,
    /// The session token (the only credential of the request).
    pub token: Secret,
    /// Optional `dst_dir` query parameter.
    pub dst_dir: Option<String>,
    /// The file's path inside the folder (for progress reports and messages).
    pub path: String,
    /// Upload: announced size. Download: unknown until the server answers.
    pub size: Option<u64>,
}

impl TransferTarget {
    /// The request URL: `url` with its query replaced by `token` (and `dst_dir`).
    pub fn request_url(&self) -> Result<http::Uri> {
        let mut url = url::Url::parse(&self.url).map_err(|e| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("invalid storage-proxy URL {:?}: {e}", self.url),
            )
        })?;
        {
            let mut q = url.query_pairs_mut();
            q.clear();
            q.append_pair("token", self.token.expose());
            if let Some(d) = &self.dst_dir {
                q.append_pair("dst_dir", d);
            }
        }
        url.as_str().parse().map_err(|e| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("invalid storage-proxy URL: {e}"),
            )
        })
    }
}

/// Applies the storage-proxy address map to a URL the manager returned.
///
/// An empty map keeps the URL. Otherwise an exact match wins (the Python client's rule);
/// failing that, the longest key that is a prefix of the URL is replaced (so a map entry for
/// the proxy's base address covers `/upload` and `/download`). No match is an error.
pub fn apply_address_map(map: &BTreeMap<String, String>, url: &str) -> Result<String> {
    if map.is_empty() {
        return Ok(url.to_owned());
    }
    if let Some(to) = map.get(url) {
        return Ok(to.clone());
    }
    let best = map
        .iter()
        .filter(|(from, _)| !from.is_empty() && url.starts_with(from.as_str()))
        .max_by_key(|(from, _)| from.len());
    match best {
        Some((from, to)) => Ok(format!("{}{}", to, &url[from.len()..])),
        None => Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("storage-proxy address overrides are set, but none matches {url}"),
        )),
    }
}
