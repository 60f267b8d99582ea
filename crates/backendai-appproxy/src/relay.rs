//! Relaying one local byte stream over one WebSocket, both directions at once.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use bytes::{Buf, BufMut, BytesMut};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::Instant;

use crate::connect::WsConn;
use crate::frame::{
    apply_mask, close_payload, frame_in_place, op, parse_header, HEADROOM, MAX_CONTROL,
};

/// Tuning and behaviour of a relay.
#[derive(Debug, Clone)]
pub struct RelayOptions {
    /// Bytes read per call, at most, from the local side (one WebSocket frame each) and from
    /// the WebSocket (reads start at 8 KiB and grow while they come back full).
    pub read_chunk: usize,
    /// Send a WebSocket ping after this long without upstream traffic (keeps idle ssh alive).
    pub ping_interval: Duration,
    /// After the local side stops writing (half-close), keep relaying the app's answer until it
    /// has been quiet this long, then close the WebSocket.
    pub linger: Duration,
    /// How long to wait for the server's close frame once we sent ours.
    pub close_timeout: Duration,
    /// The app speaks HTTP: a failed WebSocket is reported to the local client as an
    /// `HTTP/1.1 503` answer (as the Python CLI does). For other apps (sshd, ...) the socket is
    /// just closed, since stray bytes would corrupt the protocol.
    pub http_app: bool,
}

impl Default for RelayOptions {
    fn default() -> Self {
        Self {
            read_chunk: 256 * 1024,
            ping_interval: Duration::from_secs(30),
            linger: Duration::from_millis(500),
            close_timeout: Duration::from_secs(5),
            http_app: false,
        }
    }
}

/// Bytes moved by one relayed connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Transferred {
    /// Local → app.
    pub up: u64,
    /// App → local.
    pub down: u64,
}

/// Why a relayed connection ended abnormally.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RelayError {
    /// Reading from or writing to the local side failed.
    #[error("local connection: {0}")]
    Local(#[source] std::io::Error),
    /// The WebSocket failed or closed with an error code.
    #[error("websocket: {0}")]
    WebSocket(String),
}

/// The 503 answer the Python CLI writes into an HTTP client's socket when the WebSocket fails.
pub(crate) fn http_503(reason: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 503 Service Unavailable\r\nConnection: Closed\r\n\r\nWebSocket reply: {reason}"
    )
    .into_bytes()
}

/// Relays `local` over `ws` until both directions are done.
///
/// Local → app: every read becomes one binary frame; app → local: the payload of every
/// binary frame (fragmented or not) is written out as it arrives (text frames are ignored, as
/// the manager sends none). Backpressure comes from awaiting each write: nothing is queued
/// without bound. A local EOF is a half-close: the app's answer keeps flowing until it is
/// quiet for [`RelayOptions::linger`] or the server closes, then the WebSocket is closed. A
/// server close shuts the local write side.
pub async fn relay<L, S>(
    local: L,
    ws: WsConn<S>,
    options: &RelayOptions,
) -> Result<Transferred, RelayError>
where
    L: AsyncRead + AsyncWrite + Unpin,
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (up, down) = (AtomicU64::new(0), AtomicU64::new(0));
    relay_counted(local, ws, options, &up, &down).await
}

/// Control frames the downstream half asks the upstream half (the only writer) to send.
#[derive(Default)]
struct Control {
    /// Payload of the last unanswered ping (RFC 6455 allows answering only the latest).
    pong: Option<Vec<u8>>,
    /// The server closed: echo its close code.
    close_reply: Option<Vec<u8>>,
}

/// [`relay`], adding bytes to `up_total`/`down_total` as they move (so totals stay right
/// even when the connection is cancelled half way).
pub(crate) async fn relay_counted<L, S>(
    local: L,
    ws: WsConn<S>,
    options: &RelayOptions,
    up_total: &AtomicU64,
    down_total: &AtomicU64,
) -> Result<Transferred, RelayError>
where
    L: AsyncRead + AsyncWrite + Unpin,
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (mut local_read, mut local_write) = tokio::io::split(local);
    let (io, read_ahead) = ws.into_parts();
    let (mut ws_read, mut ws_write) = tokio::io::split(io);
    let started = Instant::now();
    // Milliseconds since `started` of the last byte from the app (for the half-close linger).
    let last_down = AtomicU64::new(0);
    let down_bytes = AtomicU64::new(0);
    let down_done = tokio::sync::Notify::new();
    let control = Mutex::new(Control::default());
    let control_ready = tokio::sync::Notify::new();
    // Set once our close frame is out: a peer that then drops TCP instead of answering with
    // its own close frame has still ended the stream normally.
    let close_sent = AtomicBool::new(false);

    let upstream = async {
        let mut up = 0u64;
        let mut want = ReadSize::new(options.read_chunk);
        let mut buf = BytesMut::new();
        let mut ping =
            tokio::time::interval_at(started + options.ping_interval, options.ping_interval);
        loop {
            // The previous frame is written out by now, so this reuses the allocation; the
            // read lands after the header's headroom (no zero-filling: read_buf only hands
            // the socket spare capacity).
            buf.clear();
            buf.reserve(HEADROOM + want.get());
            buf.put_bytes(0, HEADROOM);
            let n = tokio::select! {
                read = local_read.read_buf(&mut buf) => read.map_err(RelayError::Local)?,
                _ = ping.tick() => {
                    send_control(&mut ws_write, op::PING, &[]).await?;
                    continue;
                }
                _ = control_ready.notified() => {
                    flush_control(&mut ws_write, &control).await?;
                    continue;
                }
                _ = down_done.notified() => {
                    reply_close(&mut ws_write, &control, options).await;
                    return Ok::<u64, RelayError>(up);
                }
            };
            if n == 0 {
                break;
            }
            want.after_read(n);
            up += n as u64;
            up_total.fetch_add(n as u64, Ordering::Relaxed);
            let range = frame_in_place(&mut buf, op::BINARY, rand::random());
            ws_write.write_all(&buf[range]).await.map_err(ws_io_err)?;
            ping.reset();
        }
        // Half-close: let the app's answer drain, then start the closing handshake.
        drop(buf);
        loop {
            let last = started + Duration::from_millis(last_down.load(Ordering::Relaxed));
            let deadline = last + options.linger;
            let now = Instant::now();
            if now >= deadline && now >= started + options.linger {
                break;
            }
            tokio::select! {
                _ = tokio::time::sleep_until(deadline.max(now + Duration::from_millis(10))) => {}
                _ = control_ready.notified() => flush_control(&mut ws_write, &control).await?,
                _ = down_done.notified() => {
                    reply_close(&mut ws_write, &control, options).await;
                    return Ok(up);
                }
            }
        }
        close_sent.store(true, Ordering::Relaxed);
        let _ = send_control(&mut ws_write, op::CLOSE, &1000u16.to_be_bytes()).await;
        Ok(up)
    };

    let downstream = async {
        let failure = match pump_down(
            &mut ws_read,
            read_ahead,
            &mut local_write,
            options,
            &control,
            &control_ready,
            &close_sent,
            |n| {
                down_bytes.fetch_add(n, Ordering::Relaxed);
                down_total.fetch_add(n, Ordering::Relaxed);
                last_down.store(started.elapsed().as_millis() as u64, Ordering::Relaxed);
            },
        )
        .await
        {
            Ok(failure) => failure,
            Err(local) => {
                down_done.notify_one();
                return Err(local);
            }
        };
        if let Some(reason) = &failure {
            if options.http_app && down_bytes.load(Ordering::Relaxed) == 0 {
                let _ = local_write.write_all(&http_503(reason)).await;
            }
        }
        let _ = local_write.shutdown().await;
        down_done.notify_one();
        match failure {
            Some(reason) => Err(RelayError::WebSocket(reason)),
            None => Ok(()),
        }
    };

    tokio::pin!(upstream, downstream);
    let mut up_result = None;
    let mut down_result = None;
    while up_result.is_none() || down_result.is_none() {
        tokio::select! {
            r = &mut upstream, if up_result.is_none() => up_result = Some(r),
            r = &mut downstream, if down_result.is_none() => down_result = Some(r),
            // Our close frame is out: the server's must follow within close_timeout.
            _ = tokio::time::sleep(options.close_timeout), if up_result.is_some() => {
                down_result = Some(Ok(()));
            }
        }
    }
    let up = up_result.expect("loop ends with both results")?;
    down_result.expect("loop ends with both results")?;
    Ok(Transferred {
        up,
        down: down_bytes.load(Ordering::Relaxed),
    })
}

/// Where the downstream reader is inside the frame stream.
struct DataFrame {
    /// Payload bytes of the current data frame still to come.
    remaining: u64,
    /// Payload bytes of it already seen (the mask phase of a masked frame).
    offset: u64,
    mask: Option<[u8; 4]>,
    /// Part of a text message: dropped.
    ignore: bool,
}

/// App → local until the server closes or the stream ends. Payload bytes are written to
/// `local` straight from the socket read buffer. Returns the reason of an abnormal end
/// (`Ok(None)` for a normal close), or a local write error.
#[allow(clippy::too_many_arguments)]
async fn pump_down<R, W>(
    ws_read: &mut R,
    read_ahead: BytesMut,
    local: &mut W,
    options: &RelayOptions,
    control: &Mutex<Control>,
    control_ready: &tokio::sync::Notify,
    close_sent: &AtomicBool,
    mut moved: impl FnMut(u64),
) -> Result<Option<String>, RelayError>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf = read_ahead;
    let mut want = ReadSize::new(options.read_chunk);
    let mut frame: Option<DataFrame> = None;
    // Whether the message being continued is a text one (its continuations are dropped too).
    let mut in_text = false;
    loop {
        // Everything complete in the buffer first.
        loop {
            if let Some(f) = &mut frame {
                if buf.is_empty() {
                    break;
                }
                let n = (f.remaining.min(buf.len() as u64)) as usize;
                let chunk = &mut buf[..n];
                if let Some(key) = f.mask {
                    apply_mask(chunk, key, f.offset);
                }
                if !f.ignore {
                    local.write_all(chunk).await.map_err(RelayError::Local)?;
                    // Buffered locals (tokio's stdout in `--stdio` mode sits on std's
                    // LineWriter) hold binary data without a newline until flushed: ssh's
                    // key exchange would stall. A no-op for TCP sockets.
                    local.flush().await.map_err(RelayError::Local)?;
                    moved(n as u64);
                }
                buf.advance(n);
                f.remaining -= n as u64;
                f.offset += n as u64;
                if f.remaining == 0 {
                    frame = None;
                }
                continue;
            }
            let header = match parse_header(&buf) {
                Ok(Some(h)) => h,
                Ok(None) => break,
                Err(e) => return Ok(Some(e.to_string())),
            };
            if header.is_control() {
                let total = header.header_len + header.len as usize;
                if buf.len() < total {
                    break;
                }
                let mut payload = buf.split_to(total).split_off(header.header_len);
                if let Some(key) = header.mask {
                    apply_mask(&mut payload, key, 0);
                }
                match header.opcode {
                    op::PING => {
                        lock(control).pong = Some(payload.to_vec());
                        control_ready.notify_one();
                    }
                    op::CLOSE => {
                        lock(control).close_reply = Some(payload.to_vec());
                        return Ok(match close_payload(&payload) {
                            Some((code, reason)) if !matches!(code, 1000 | 1001) => {
                                Some(format!("closed with code {code}: {reason}"))
                            }
                            _ => None,
                        });
                    }
                    _ => {} // pong
                }
                continue;
            }
            let ignore = match header.opcode {
                op::CONTINUATION => in_text,
                op::TEXT => true,
                _ => false,
            };
            if header.opcode != op::CONTINUATION {
                in_text = header.opcode == op::TEXT;
            }
            buf.advance(header.header_len);
            if header.len > 0 {
                frame = Some(DataFrame {
                    remaining: header.len,
                    offset: 0,
                    mask: header.mask,
                    ignore,
                });
            }
        }
        buf.reserve(want.get());
        let n = match ws_read.read_buf(&mut buf).await {
            Ok(n) => n,
            Err(_) if close_sent.load(Ordering::Relaxed) => return Ok(None),
            Err(e) => return Ok(Some(e.to_string())),
        };
        if n == 0 {
            if close_sent.load(Ordering::Relaxed) {
                return Ok(None);
            }
            return Ok(Some(
                "Connection reset without closing handshake".to_owned(),
            ));
        }
        want.after_read(n);
    }
}

fn lock(control: &Mutex<Control>) -> std::sync::MutexGuard<'_, Control> {
    control
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Sends one masked control frame (header and payload in one write).
async fn send_control<W: AsyncWrite + Unpin>(
    ws: &mut W,
    opcode: u8,
    payload: &[u8],
) -> Result<(), RelayError> {
    let mut frame = vec![0u8; HEADROOM];
    frame.extend_from_slice(&payload[..payload.len().min(MAX_CONTROL)]);
    let range = frame_in_place(&mut frame, opcode, rand::random());
    ws.write_all(&frame[range]).await.map_err(ws_io_err)
}

/// Answers the latest ping, if any.
async fn flush_control<W: AsyncWrite + Unpin>(
    ws: &mut W,
    control: &Mutex<Control>,
) -> Result<(), RelayError> {
    let pong = lock(control).pong.take();
    match pong {
        Some(payload) => send_control(ws, op::PONG, &payload).await,
        None => Ok(()),
    }
}

/// The server closed: echo its close frame (best effort, bounded by the close timeout) and
/// end our write side.
async fn reply_close<W: AsyncWrite + Unpin>(
    ws: &mut W,
    control: &Mutex<Control>,
    options: &RelayOptions,
) {
    let reply = lock(control).close_reply.take();
    if let Some(payload) = reply {
        let code = payload.get(..2).unwrap_or(&[]).to_vec();
        let _ = tokio::time::timeout(options.close_timeout, async {
            let _ = send_control(ws, op::CLOSE, &code).await;
            let _ = ws.shutdown().await;
        })
        .await;
    }
}

/// How much to read from the local side next: starts small and doubles while reads fill it,
/// up to the configured chunk, and halves again when reads come back small. An interactive
/// or idle connection then holds a few KiB instead of the full chunk, and a bulk transfer
/// reaches full-size frames after a handful of reads.
#[derive(Debug, Clone, Copy)]
struct ReadSize {
    current: usize,
    max: usize,
}

impl ReadSize {
    const MIN: usize = 8 * 1024;

    fn new(max: usize) -> Self {
        let max = max.max(1);
        Self {
            current: Self::MIN.min(max),
            max,
        }
    }

    fn get(self) -> usize {
        self.current
    }

    fn after_read(&mut self, n: usize) {
        if n >= self.current {
            self.current = (self.current * 2).min(self.max);
        } else if n < self.current / 4 {
            self.current = (self.current / 2).max(Self::MIN.min(self.max));
        }
    }
}

fn ws_io_err(e: std::io::Error) -> RelayError {
    RelayError::WebSocket(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::ReadSize;

    #[test]
    fn read_size_grows_on_full_reads_and_shrinks_on_small_ones() {
        let mut size = ReadSize::new(256 * 1024);
        assert_eq!(size.get(), 8 * 1024);
        for _ in 0..10 {
            let full = size.get();
            size.after_read(full);
        }
        assert_eq!(size.get(), 256 * 1024, "capped at the configured chunk");
        size.after_read(100 * 1024);
        assert_eq!(
            size.get(),
            256 * 1024,
            "a read over a quarter keeps the size"
        );
        for _ in 0..10 {
            size.after_read(64);
        }
        assert_eq!(
            size.get(),
            8 * 1024,
            "small reads bring it back to the minimum"
        );
    }

    #[test]
    fn read_size_respects_a_chunk_below_the_minimum() {
        let mut size = ReadSize::new(1024);
        assert_eq!(size.get(), 1024);
        size.after_read(1024);
        assert_eq!(size.get(), 1024);
        size.after_read(1);
        assert_eq!(size.get(), 1024);
        assert_eq!(ReadSize::new(0).get(), 1, "a zero chunk still reads");
    }
}
