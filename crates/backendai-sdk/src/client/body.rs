//! Reading answer bodies: per-chunk read timeout, and a cap on what is held in memory.

use std::time::Duration;

use backendai_core::error::ErrorKind;
use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::Incoming;

use super::root_cause;
use crate::error::{Error, Result};

/// The most bytes of one answer read into memory ([`Client::send`](crate::Client::send), [`Client::json`](crate::Client::json),
/// [`StreamingResponse::collect`](crate::StreamingResponse::collect)): 256 MiB. A longer
/// answer (by its `Content-Length`, or once that many bytes arrived) fails with
/// [`ErrorKind::Decode`] and the rest is not read; large data goes through streaming calls.
pub const MAX_ANSWER_BYTES: usize = 256 << 20;

/// The most bytes of an error answer kept: its summary shows only the first 200 characters.
pub(super) const MAX_ERROR_BYTES: usize = 64 << 10;

/// Reads a whole body (at most [`MAX_ANSWER_BYTES`]); `read_timeout` limits the wait for
/// each chunk.
pub(crate) async fn read_all(body: Incoming, read_timeout: Option<Duration>) -> Result<Bytes> {
    read_capped(body, read_timeout, MAX_ANSWER_BYTES).await
}

/// Reads the start of an error answer (at most [`MAX_ERROR_BYTES`]; the rest is dropped).
pub(crate) async fn read_error_body(
    mut body: Incoming,
    read_timeout: Option<Duration>,
) -> Result<Bytes> {
    let mut out = bytes::BytesMut::new();
    while let Some(frame) = next_frame(&mut body, read_timeout).await? {
        let room = MAX_ERROR_BYTES - out.len();
        out.extend_from_slice(&frame[..frame.len().min(room)]);
        if out.len() == MAX_ERROR_BYTES {
            break;
        }
    }
    Ok(out.freeze())
}

/// Reads a whole body of at most `cap` bytes.
pub(crate) async fn read_capped(
    mut body: Incoming,
    read_timeout: Option<Duration>,
    cap: usize,
) -> Result<Bytes> {
    use hyper::body::Body as _;
    let too_long = || {
        Error::new(
            ErrorKind::Decode,
            format!(
                "the answer is longer than {} MiB, more than this client reads into memory",
                cap >> 20
            ),
        )
    };
    if body.size_hint().lower() > cap as u64 {
        return Err(too_long());
    }
    let mut out = bytes::BytesMut::new();
    while let Some(frame) = next_frame(&mut body, read_timeout).await? {
        if out.len() + frame.len() > cap {
            return Err(too_long());
        }
        out.extend_from_slice(&frame);
    }
    Ok(out.freeze())
}

/// The next data chunk of a body (`None` at the end).
pub(crate) async fn next_frame(
    body: &mut Incoming,
    read_timeout: Option<Duration>,
) -> Result<Option<Bytes>> {
    loop {
        let frame = match read_timeout.filter(|d| !d.is_zero()) {
            Some(limit) => tokio::time::timeout(limit, body.frame())
                .await
                .map_err(|_| {
                    Error::new(
                        ErrorKind::Timeout,
                        format!(
                            "the server stopped sending for {} s (read timeout)",
                            limit.as_secs_f64()
                        ),
                    )
                })?,
            None => body.frame().await,
        };
        match frame {
            None => return Ok(None),
            Some(Err(e)) => {
                return Err(Error::new(
                    ErrorKind::Aborted,
                    format!(
                        "the connection broke while reading the answer: {}",
                        root_cause(&e)
                    ),
                )
                .with_source(e))
            }
            Some(Ok(f)) => {
                if let Ok(data) = f.into_data() {
                    return Ok(Some(data));
                }
            }
        }
    }
}
