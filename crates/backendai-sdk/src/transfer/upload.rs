//! tus uploads: `PATCH` chunks from `Upload-Offset`, re-reading the offset with `HEAD` after
//! a failure.

use std::io::SeekFrom;
use std::path::Path;
use std::time::Duration;

use backendai_core::error::ErrorKind;
use futures_util::StreamExt;
use http::{header, Method, StatusCode};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

use super::attempt::*;
use super::{ProgressKind, TransferClient, TransferOptions, TransferTarget};
use crate::error::{Error, Result};

impl TransferClient {
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
        let resp = self
            .execute(req, "upload status check", &Activity::new())
            .await?;
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
        // The most the server ever confirmed: only going past it resets the retry count, so a
        // server that forgets data it confirmed (lies about its offset) ends the upload.
        let mut high_water = start_offset;
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
                    } else if new_offset > high_water {
                        attempt = 0;
                        high_water = new_offset;
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
        let activity = Activity::new();
        let sent = activity.clone();
        let stream =
            ReaderStream::with_capacity(reader, opts.read_buffer.max(4096)).map(move |chunk| {
                if cancel.is_cancelled() {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::Interrupted,
                        "transfer cancelled",
                    ));
                }
                let chunk = chunk?;
                sent.touch();
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
        let resp = self.execute(req, "upload", &activity).await?;
        if resp.status() != StatusCode::NO_CONTENT && !resp.status().is_success() {
            return Err(status_error(resp, "upload").await);
        }
        let new_offset = header_u64(resp.headers(), "upload-offset");
        // Drain a small body so the connection can be reused (a large one is not read).
        drain(resp.into_body()).await;
        new_offset.ok_or_else(|| Attempt {
            error: Error::new(
                ErrorKind::Decode,
                "storage-proxy upload answer has no valid Upload-Offset header",
            ),
            retryable: true,
        })
    }
}
