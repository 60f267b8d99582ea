//! Ranged `GET` downloads that resume with `Range`/`If-Range` after an interruption.

use std::io::SeekFrom;
use std::path::{Path, PathBuf};

use backendai_core::error::ErrorKind;
use http::{header, HeaderValue, Method, StatusCode};
use http_body_util::BodyExt;
use tokio::io::{AsyncSeekExt, AsyncWriteExt};

use super::attempt::*;
use super::{ProgressKind, TransferClient, TransferOptions, TransferTarget};
use crate::error::{Error, Result};

impl TransferClient {
    /// Downloads `target` into `local`, resuming with `Range` after interruptions. Refuses to
    /// replace an existing file unless [`TransferOptions::overwrite`] is set. Returns the size.
    ///
    /// The bytes go to `<local>.bai-partial` first and the file is renamed to `local` only
    /// once complete, so an interrupted download never looks finished. When a run fails or is
    /// stopped, the partial file stays, and running the same download again continues from
    /// its end (`If-Range` with the validator kept beside it: a file that changed on the
    /// server meanwhile is downloaded again from the start).
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
        let partial = Partial::of(local);
        let mut state = partial.open(target.size).await?;
        let kind = if state.received > 0 {
            ProgressKind::Resumed
        } else {
            ProgressKind::Started
        };
        opts.report(index, &target.path, state.received, state.total, kind);
        let fetched = self
            .fetch_with_retries(target, &partial, &mut state, opts, index)
            .await;
        // Also after a failure: what arrived is kept for the next run to resume from.
        let flushed = state
            .file
            .flush()
            .await
            .map_err(|e| io_error("cannot write", &partial.data, e));
        fetched?;
        flushed?;
        let on_disk = file_len(&partial.data).await?;
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
        drop(state);
        partial.finish(local).await?;
        opts.report(
            index,
            &target.path,
            on_disk,
            Some(on_disk),
            ProgressKind::Finished,
        );
        Ok(on_disk)
    }

    /// `get_once` until the download is complete, retrying by the rule of `opts`; the error
    /// that ends it says where the bytes so far are kept.
    async fn fetch_with_retries(
        &self,
        target: &TransferTarget,
        partial: &Partial,
        state: &mut DownloadState,
        opts: &TransferOptions,
        index: usize,
    ) -> Result<()> {
        let mut attempt = 0u32;
        loop {
            let Err(a) = self.get_once(target, partial, state, opts, index).await else {
                return Ok(());
            };
            if opts.cancel.is_cancelled() {
                return Err(Error::new(
                    ErrorKind::Aborted,
                    format!(
                        "download of {} cancelled at {} bytes{}",
                        target.path,
                        state.received,
                        partial.hint()
                    ),
                ));
            }
            if let Err(e) = wait_to_retry(opts, &mut attempt, a, "download", &target.path).await {
                let hint = if state.received > 0 {
                    partial.hint()
                } else {
                    String::new()
                };
                return Err(e.with_note(&hint));
            }
            opts.report(
                index,
                &target.path,
                state.received,
                state.total,
                ProgressKind::Resumed,
            );
        }
    }

    async fn get_once(
        &self,
        target: &TransferTarget,
        partial: &Partial,
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
        let activity = Activity::new();
        let resp = self.execute(req, "download", &activity).await?;
        let status = resp.status();
        match status {
            StatusCode::OK => {
                if ranged {
                    // The file changed (or ranges are unsupported): start over.
                    st.restart(&partial.data).await?;
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
                partial.keep_validator(st.validator.as_ref()).await;
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
        while let Some(frame) = activity
            .guard(self.stall_timeout, "download", body.frame())
            .await?
        {
            activity.touch();
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
                    .map_err(|e| Attempt::from(io_error("cannot write", &partial.data, e)))?;
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

/// Where an unfinished download lives: `<local>.bai-partial` (the bytes so far) and
/// `<local>.bai-partial.validator` (the server's `Last-Modified` or `ETag` for them).
struct Partial {
    data: PathBuf,
    validator: PathBuf,
}

impl Partial {
    fn of(local: &Path) -> Self {
        let with = |suffix: &str| {
            let mut name = local.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        Partial {
            data: with(".bai-partial"),
            validator: with(".bai-partial.validator"),
        }
    }

    /// Continues the bytes of an earlier run when their validator was kept (without it a
    /// changed file could not be told apart), else starts empty.
    async fn open(&self, total: Option<u64>) -> Result<DownloadState> {
        let validator = tokio::fs::read(&self.validator)
            .await
            .ok()
            .and_then(|v| HeaderValue::from_bytes(v.trim_ascii()).ok());
        let kept = match &validator {
            Some(_) => tokio::fs::metadata(&self.data).await.map(|m| m.len()).ok(),
            None => None,
        };
        let file = match kept {
            Some(_) => tokio::fs::OpenOptions::new()
                .append(true)
                .open(&self.data)
                .await
                .map_err(|e| io_error("cannot open", &self.data, e))?,
            None => tokio::fs::File::create(&self.data)
                .await
                .map_err(|e| io_error("cannot create", &self.data, e))?,
        };
        Ok(DownloadState {
            file: tokio::io::BufWriter::with_capacity(1024 * 1024, file),
            received: kept.unwrap_or(0),
            total,
            validator: kept.and(validator),
        })
    }

    /// Remembers the validator of the bytes being written (best effort: without it the next
    /// run starts over instead of resuming).
    async fn keep_validator(&self, v: Option<&HeaderValue>) {
        match v {
            Some(v) => {
                let _ = tokio::fs::write(&self.validator, v.as_bytes()).await;
            }
            None => {
                let _ = tokio::fs::remove_file(&self.validator).await;
            }
        }
    }

    /// Moves the complete download to `local` (replacing it: `overwrite` was checked).
    async fn finish(&self, local: &Path) -> Result<()> {
        tokio::fs::rename(&self.data, local)
            .await
            .map_err(|e| io_error("cannot rename into", local, e))?;
        let _ = tokio::fs::remove_file(&self.validator).await;
        Ok(())
    }

    /// How the user gets the rest, for the error that ends a download.
    fn hint(&self) -> String {
        format!(
            " (the bytes so far are kept in {}; run the same download again to resume)",
            self.data.display()
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_parses() {
        assert_eq!(parse_content_range("bytes 10-19/20"), Some((10, Some(20))));
        assert_eq!(parse_content_range("bytes 10-19/*"), Some((10, None)));
        assert_eq!(parse_content_range("items 1-2/3"), None);
    }
}
