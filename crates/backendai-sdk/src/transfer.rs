//! Storage-proxy file transfers (spec/protocol.md §9.2): tus `PATCH` uploads and ranged `GET`
//! downloads, streamed from and to disk, resumable, with progress reports.
//!
//! The manager hands out a `{"token","url"}` pair (`request-upload` / `request-download`); the
//! requests here go straight to the storage-proxy with the token in the query string and
//! **no** Backend.AI signature.
//!
//! * Upload: the session already exists on the storage-proxy (no tus creation step). Each
//!   `PATCH` carries `Tus-Resumable: 1.0.0`, `Upload-Offset` and
//!   `Content-Type: application/offset+octet-stream`; the body is one chunk of the file,
//!   streamed in small reads. The server appends whatever it receives and answers `204` with
//!   the new `Upload-Offset`. After a failure the client asks for the real offset with
//!   `HEAD` and continues from there (the server appends blindly, so the offset must be
//!   re-read before every resumed chunk).
//! * Download: `GET`; after an interruption `Range: bytes=<received>-` with `If-Range:
//!   <Last-Modified>`; a `200` to a ranged request means the file changed, so the local copy
//!   is restarted.
//! * At the end the transferred size is checked against the announced size.

use std::collections::BTreeMap;
use std::io::SeekFrom;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use backendai_core::config::ApiConfig;
use backendai_core::error::{ErrorKind, ProblemDetails};
use backendai_core::Secret;
use bytes::Bytes;
use futures_util::StreamExt;
use http::{header, HeaderValue, Method, Request, StatusCode};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Empty, StreamBody};
use hyper::body::Frame;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};
use tokio_util::io::ReaderStream;
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
    fn report(&self, index: usize, path: &str, done: u64, total: Option<u64>, kind: ProgressKind) {
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

    fn backoff(&self, attempt: u32) -> Duration {
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

type ReqBody = UnsyncBoxBody<Bytes, std::io::Error>;
type HttpClient = hyper_util::client::legacy::Client<HttpsConnector<HttpConnector>, ReqBody>;

/// A plain HTTP(S) client for storage-proxy requests (no Backend.AI signing).
#[derive(Clone, Debug)]
pub struct TransferClient {
    http: HttpClient,
    address_map: BTreeMap<String, String>,
    user_agent: String,
}

/// Why a single request failed: whether trying again could help.
struct Attempt {
    error: Error,
    retryable: bool,
}

impl From<Error> for Attempt {
    fn from(error: Error) -> Self {
        Attempt {
            error,
            retryable: false,
        }
    }
}

/// Before retry `attempt + 1` after the failed `last`: gives up with its error when it is not
/// retryable or the retries are used up, else waits the backoff (an [`ErrorKind::Aborted`]
/// error naming `what` of `path` when cancelled meanwhile).
async fn wait_to_retry(
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

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::Unknown,
        format!("{what} {}: {e}", path.display()),
    )
    .with_source(e)
}

/// The size of a local file.
async fn file_len(local: &Path) -> Result<u64> {
    tokio::fs::metadata(local)
        .await
        .map(|m| m.len())
        .map_err(|e| io_error("cannot read", local, e))
}

fn empty_body() -> ReqBody {
    Empty::<Bytes>::new()
        .map_err(|never| match never {})
        .boxed_unsync()
}

async fn status_error(resp: hyper::Response<hyper::body::Incoming>, what: &str) -> Attempt {
    let status = resp.status();
    let body = resp
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
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

fn header_u64(headers: &http::HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

impl TransferClient {
    /// A client with its own connection pool.
    pub fn new(
        skip_verification: bool,
        connect_timeout: Option<Duration>,
        address_map: BTreeMap<String, String>,
        user_agent: impl Into<String>,
    ) -> Self {
        let connector = crate::tls::https_connector(skip_verification, connect_timeout);
        let http = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(connector);
        Self {
            http,
            address_map,
            user_agent: user_agent.into(),
        }
    }

    /// A client using the TLS, timeout, address-map and user-agent settings of `config`.
    pub fn from_config(config: &ApiConfig) -> Self {
        Self::new(
            config.skip_sslcert_validation,
            Some(config.connection_timeout),
            config.storage_proxy_address_map.clone(),
            config.user_agent.clone(),
        )
    }

    /// Builds a target from a manager answer, applying the address map.
    pub fn target(
        &self,
        url: &str,
        token: Secret,
        path: &str,
        size: Option<u64>,
    ) -> Result<TransferTarget> {
        Ok(TransferTarget {
            url: apply_address_map(&self.address_map, url)?,
            token,
            dst_dir: None,
            path: path.to_owned(),
            size,
        })
    }

    fn request(&self, method: Method, target: &TransferTarget) -> Result<http::request::Builder> {
        Ok(Request::builder()
            .method(method)
            .uri(target.request_url()?)
            .header(header::USER_AGENT, &self.user_agent))
    }

    async fn execute(
        &self,
        req: Request<ReqBody>,
        what: &str,
    ) -> Result<hyper::Response<hyper::body::Incoming>, Attempt> {
        self.http.request(req).await.map_err(|e| Attempt {
            error: Error::new(
                ErrorKind::Connect,
                format!("storage-proxy {what} failed: {}", describe(&e)),
            )
            .with_source(e),
            retryable: true,
        })
    }

    /// `HEAD` on an upload session: the number of bytes the server holds.
    pub async fn upload_offset(&self, target: &TransferTarget) -> Result<u64> {
        self.head_offset(target).await.map_err(|a| a.error)
    }

    async fn head_offset(&self, target: &TransferTarget) -> Result<u64, Attempt> {
        let req = self
            .request(Method::HEAD, target)?
            .header("Tus-Resumable", "1.0.0")
            .body(empty_body())
            .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))?;
        let resp = self.execute(req, "upload status check").await?;
        if !resp.status().is_success() {
            return Err(status_error(resp, "upload status check").await);
        }
        header_u64(resp.headers(), "upload-offset").ok_or_else(|| {
            Attempt::from(Error::new(
                ErrorKind::Decode,
                "storage-proxy upload status has no valid Upload-Offset header",
            ))
        })
    }

    /// The server's offset once it stops moving: after a dropped connection the storage-proxy
    /// may still be writing what it buffered, and it appends blindly, so resuming from a
    /// stale offset would corrupt the file. Reads until two answers 100 ms apart agree.
    async fn settled_offset(&self, target: &TransferTarget) -> Result<u64, Attempt> {
        let mut last = self.head_offset(target).await?;
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let now = self.head_offset(target).await?;
            if now == last {
                return Ok(now);
            }
            last = now;
        }
        Ok(last)
    }

    /// Uploads `local` to the tus session `target` from the beginning (`start_offset = 0`,
    /// as after `request-upload`) or from a known offset. Use [`TransferClient::resume_upload`]
    /// to continue an interrupted upload. Returns the final size.
    pub async fn upload(
        &self,
        target: &TransferTarget,
        local: &Path,
        start_offset: u64,
        opts: &TransferOptions,
        index: usize,
    ) -> Result<u64> {
        let size = file_len(local).await?;
        if let Some(announced) = target.size {
            if announced != size {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                        "{} is {size} bytes but the upload session expects {announced}",
                        local.display()
                    ),
                ));
            }
        }
        let mut offset = start_offset;
        let mut attempt = 0u32;
        let mut sent_once = false;
        opts.report(
            index,
            &target.path,
            offset,
            Some(size),
            ProgressKind::Started,
        );
        while offset < size || (size == 0 && !sent_once) {
            let len = opts.chunk_size.max(1).min(size - offset);
            let result = self
                .patch(target, local, offset, len, opts, index, size)
                .await;
            sent_once = true;
            match result {
                Ok(new_offset) => {
                    if new_offset > size {
                        return Err(Error::new(
                            ErrorKind::ServerError,
                            format!(
                                "storage-proxy holds {new_offset} bytes of {}, more than its {size} bytes",
                                target.path
                            ),
                        ));
                    }
                    if new_offset <= offset && len > 0 {
                        // No progress: count it as a failed attempt.
                        attempt += 1;
                        if attempt > opts.max_retries {
                            return Err(Error::new(
                                ErrorKind::ServerError,
                                format!(
                                    "storage-proxy stopped accepting data for {} at {new_offset}",
                                    target.path
                                ),
                            ));
                        }
                    } else {
                        attempt = 0;
                    }
                    offset = new_offset;
                }
                Err(a) => {
                    if opts.cancel.is_cancelled() {
                        return Err(Error::new(
                            ErrorKind::Aborted,
                            format!(
                                "upload of {} cancelled at {offset} of {size} bytes",
                                target.path
                            ),
                        ));
                    }
                    // Gives up with `a` when it is final or the retries are used up.
                    offset = self.resync(target, opts, &mut attempt, a).await?;
                    opts.report(
                        index,
                        &target.path,
                        offset,
                        Some(size),
                        ProgressKind::Resumed,
                    );
                }
            }
        }
        if offset != size {
            return Err(Error::new(
                ErrorKind::ServerError,
                format!(
                    "upload of {} ended at {offset} bytes, expected {size}",
                    target.path
                ),
            ));
        }
        opts.report(
            index,
            &target.path,
            size,
            Some(size),
            ProgressKind::Finished,
        );
        Ok(size)
    }

    /// After a failed chunk: waits, then re-reads the server's offset (retrying the `HEAD`
    /// itself within the same attempt budget).
    async fn resync(
        &self,
        target: &TransferTarget,
        opts: &TransferOptions,
        attempt: &mut u32,
        mut last: Attempt,
    ) -> Result<u64> {
        loop {
            wait_to_retry(opts, attempt, last, "upload", &target.path).await?;
            match self.settled_offset(target).await {
                Ok(o) => return Ok(o),
                Err(a) => last = a,
            }
        }
    }

    /// Continues an interrupted upload: asks the server for its (settled) offset, then sends
    /// the rest.
    pub async fn resume_upload(
        &self,
        target: &TransferTarget,
        local: &Path,
        opts: &TransferOptions,
        index: usize,
    ) -> Result<u64> {
        let offset = self.settled_offset(target).await.map_err(|a| a.error)?;
        opts.report(
            index,
            &target.path,
            offset,
            target.size,
            ProgressKind::Resumed,
        );
        self.upload(target, local, offset, opts, index).await
    }

    #[allow(clippy::too_many_arguments)]
    async fn patch(
        &self,
        target: &TransferTarget,
        local: &Path,
        offset: u64,
        len: u64,
        opts: &TransferOptions,
        index: usize,
        size: u64,
    ) -> Result<u64, Attempt> {
        let mut file = tokio::fs::File::open(local)
            .await
            .map_err(|e| Attempt::from(io_error("cannot open", local, e)))?;
        file.seek(SeekFrom::Start(offset))
            .await
            .map_err(|e| Attempt::from(io_error("cannot read", local, e)))?;
        let reader = file.take(len);
        let opts_c = opts.clone();
        let path = target.path.clone();
        let cancel = opts.cancel.clone();
        let mut done = offset;
        let stream =
            ReaderStream::with_capacity(reader, opts.read_buffer.max(4096)).map(move |chunk| {
                if cancel.is_cancelled() {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::Interrupted,
                        "transfer cancelled",
                    ));
                }
                let chunk = chunk?;
                done += chunk.len() as u64;
                opts_c.report(index, &path, done, Some(size), ProgressKind::Advanced);
                Ok(Frame::data(chunk))
            });
        let body = StreamBody::new(stream).boxed_unsync();
        let req = self
            .request(Method::PATCH, target)?
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Offset", offset.to_string())
            .header(header::CONTENT_TYPE, "application/offset+octet-stream")
            .header(header::CONTENT_LENGTH, len.to_string())
            .body(body)
            .map_err(|e| Attempt::from(Error::new(ErrorKind::InvalidArgument, e.to_string())))?;
        let resp = self.execute(req, "upload").await?;
        if resp.status() != StatusCode::NO_CONTENT && !resp.status().is_success() {
            return Err(status_error(resp, "upload").await);
        }
        let new_offset = header_u64(resp.headers(), "upload-offset");
        // Drain whatever body there is so the connection can be reused.
        let _ = resp.into_body().collect().await;
        new_offset.ok_or_else(|| Attempt {
            error: Error::new(
                ErrorKind::Decode,
                "storage-proxy upload answer has no valid Upload-Offset header",
            ),
            retryable: true,
        })
    }

    /// Downloads `target` into `local`, resuming with `Range` after interruptions. Refuses to
    /// replace an existing file unless [`TransferOptions::overwrite`] is set. Returns the size.
    pub async fn download(
        &self,
        target: &TransferTarget,
        local: &Path,
        opts: &TransferOptions,
        index: usize,
    ) -> Result<u64> {
        if !opts.overwrite && tokio::fs::try_exists(local).await.unwrap_or(false) {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!("{} already exists", local.display()),
            ));
        }
        if let Some(parent) = local.parent().filter(|p| !p.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(parent)
                .await
                .map_err(|e| io_error("cannot create", parent, e))?;
        }
        let file = tokio::fs::File::create(local)
            .await
            .map_err(|e| io_error("cannot create", local, e))?;
        let mut state = DownloadState {
            file: tokio::io::BufWriter::with_capacity(1024 * 1024, file),
            received: 0,
            total: target.size,
            validator: None,
        };
        opts.report(index, &target.path, 0, state.total, ProgressKind::Started);
        let mut attempt = 0u32;
        loop {
            match self.get_once(target, local, &mut state, opts, index).await {
                Ok(()) => break,
                Err(a) => {
                    if opts.cancel.is_cancelled() {
                        return Err(Error::new(
                            ErrorKind::Aborted,
                            format!(
                                "download of {} cancelled at {} bytes",
                                target.path, state.received
                            ),
                        ));
                    }
                    wait_to_retry(opts, &mut attempt, a, "download", &target.path).await?;
                    opts.report(
                        index,
                        &target.path,
                        state.received,
                        state.total,
                        ProgressKind::Resumed,
                    );
                }
            }
        }
        state
            .file
            .flush()
            .await
            .map_err(|e| io_error("cannot write", local, e))?;
        let on_disk = file_len(local).await?;
        if let Some(total) = state.total {
            if on_disk != total {
                return Err(Error::new(
                    ErrorKind::ServerError,
                    format!(
                        "downloaded {on_disk} bytes of {}, expected {total}",
                        target.path
                    ),
                ));
            }
        }
        opts.report(
            index,
            &target.path,
            on_disk,
            Some(on_disk),
            ProgressKind::Finished,
        );
        Ok(on_disk)
    }

    async fn get_once(
        &self,
        target: &TransferTarget,
        local: &Path,
        st: &mut DownloadState,
        opts: &TransferOptions,
        index: usize,
    ) -> Result<(), Attempt> {
        let mut builder = self.request(Method::GET, target)?;
        let ranged = st.received > 0;
        if ranged {
            builder = builder.header(header::RANGE, format!("bytes={}-", st.received));
            if let Some(v) = &st.validator {
                builder = builder.header(header::IF_RANGE, v.clone());
            }
        }
        let req = builder
            .body(empty_body())
            .map_err(|e| Attempt::from(Error::new(ErrorKind::InvalidArgument, e.to_string())))?;
        let resp = self.execute(req, "download").await?;
        let status = resp.status();
        match status {
            StatusCode::OK => {
                if ranged {
                    // The file changed (or ranges are unsupported): start over.
                    st.restart(local).await?;
                    opts.report(index, &target.path, 0, st.total, ProgressKind::Resumed);
                }
                if let Some(len) = header_u64(resp.headers(), "content-length") {
                    st.total = Some(len);
                }
                st.validator = resp
                    .headers()
                    .get(header::LAST_MODIFIED)
                    .or_else(|| resp.headers().get(header::ETAG))
                    .cloned();
            }
            StatusCode::PARTIAL_CONTENT => {
                let range = resp
                    .headers()
                    .get(header::CONTENT_RANGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(parse_content_range);
                match range {
                    Some((start, total)) if start == st.received => {
                        if total.is_some() {
                            st.total = total;
                        }
                    }
                    _ => return Err(Attempt::from(Error::new(
                        ErrorKind::Decode,
                        "storage-proxy answered a ranged download with an unexpected Content-Range",
                    ))),
                }
            }
            StatusCode::RANGE_NOT_SATISFIABLE if ranged && st.total == Some(st.received) => {
                return Ok(());
            }
            _ => return Err(status_error(resp, "download").await),
        }
        let mut body = resp.into_body();
        while let Some(frame) = body.frame().await {
            if opts.cancel.is_cancelled() {
                return Err(Attempt::from(Error::new(
                    ErrorKind::Aborted,
                    "download cancelled",
                )));
            }
            let frame = frame.map_err(|e| Attempt {
                error: Error::new(
                    ErrorKind::Connect,
                    format!(
                        "storage-proxy download of {} broke off: {}",
                        target.path,
                        describe(&e)
                    ),
                )
                .with_source(e),
                retryable: true,
            })?;
            if let Ok(data) = frame.into_data() {
                st.file
                    .write_all(&data)
                    .await
                    .map_err(|e| Attempt::from(io_error("cannot write", local, e)))?;
                st.received += data.len() as u64;
                opts.report(
                    index,
                    &target.path,
                    st.received,
                    st.total,
                    ProgressKind::Advanced,
                );
            }
        }
        match st.total {
            Some(total) if st.received < total => Err(Attempt {
                error: Error::new(
                    ErrorKind::Connect,
                    format!(
                        "storage-proxy download of {} ended at {} of {total} bytes",
                        target.path, st.received
                    ),
                ),
                retryable: true,
            }),
            Some(total) if st.received > total => Err(Attempt::from(Error::new(
                ErrorKind::ServerError,
                format!(
                    "storage-proxy sent {} bytes of {}, more than its {total} bytes",
                    st.received, target.path
                ),
            ))),
            _ => Ok(()),
        }
    }
}

struct DownloadState {
    file: tokio::io::BufWriter<tokio::fs::File>,
    received: u64,
    total: Option<u64>,
    validator: Option<HeaderValue>,
}

impl DownloadState {
    async fn restart(&mut self, local: &Path) -> Result<(), Attempt> {
        self.file
            .flush()
            .await
            .map_err(|e| Attempt::from(io_error("cannot write", local, e)))?;
        let f = self.file.get_mut();
        f.set_len(0)
            .await
            .map_err(|e| Attempt::from(io_error("cannot truncate", local, e)))?;
        f.seek(SeekFrom::Start(0))
            .await
            .map_err(|e| Attempt::from(io_error("cannot write", local, e)))?;
        self.received = 0;
        self.total = None;
        Ok(())
    }
}

/// `bytes <start>-<end>/<total|*>` → (start, total).
fn parse_content_range(v: &str) -> Option<(u64, Option<u64>)> {
    let rest = v.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let (start, _end) = range.split_once('-')?;
    let total = if total.trim() == "*" {
        None
    } else {
        Some(total.trim().parse().ok()?)
    };
    Some((start.trim().parse().ok()?, total))
}

/// One line from an error and its causes.
fn describe(e: &(dyn std::error::Error + 'static)) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_map_exact_then_prefix() {
        let mut m = BTreeMap::new();
        assert_eq!(
            apply_address_map(&m, "http://a:6021/upload").unwrap(),
            "http://a:6021/upload"
        );
        m.insert("http://a:6021/upload".to_owned(), "http://x/up".to_owned());
        m.insert(
            "http://a:6021".to_owned(),
            "https://proxy.example".to_owned(),
        );
        assert_eq!(
            apply_address_map(&m, "http://a:6021/upload").unwrap(),
            "http://x/up"
        );
        assert_eq!(
            apply_address_map(&m, "http://a:6021/download").unwrap(),
            "https://proxy.example/download"
        );
        assert!(apply_address_map(&m, "http://b:6021/upload").is_err());
    }

    #[test]
    fn content_range_parses() {
        assert_eq!(parse_content_range("bytes 10-19/20"), Some((10, Some(20))));
        assert_eq!(parse_content_range("bytes 10-19/*"), Some((10, None)));
        assert_eq!(parse_content_range("items 1-2/3"), None);
    }

    #[test]
    fn request_url_replaces_the_query_and_hides_the_token() {
        let t = TransferTarget {
            url: "http://127.0.0.1:6021/upload?old=1".to_owned(),
            token: Secret::new("a.b-c_d"),
            dst_dir: Some("sub dir".to_owned()),
            path: "f".to_owned(),
            size: None,
        };
        assert_eq!(
            t.request_url().unwrap().to_string(),
            "http://127.0.0.1:6021/upload?token=a.b-c_d&dst_dir=sub+dir"
        );
        assert!(!format!("{t:?}").contains("a.b-c_d"));
    }
}
