//! Relaying one local byte stream over one WebSocket, both directions at once.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::BytesMut;
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// Tuning and behaviour of a relay.
#[derive(Debug, Clone)]
pub struct RelayOptions {
    /// Bytes read from the local side per WebSocket frame, at most (reads start at 8 KiB and
    /// grow while they come back full).
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
/// Local → app: every read becomes one binary frame; app → local: every binary frame is
/// written out (text frames are ignored, as the manager sends none). Backpressure comes from
/// awaiting each send/write: nothing is queued without bound. A local EOF is a half-close:
/// the app's answer keeps flowing until it is quiet for [`RelayOptions::linger`] or the server
/// closes, then the WebSocket is closed. A server close shuts the local write side.
pub async fn relay<L, S>(
    local: L,
    ws: WebSocketStream<S>,
    options: &RelayOptions,
) -> Result<Transferred, RelayError>
where
    L: AsyncRead + AsyncWrite + Unpin,
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (up, down) = (AtomicU64::new(0), AtomicU64::new(0));
    relay_counted(local, ws, options, &up, &down).await
}

/// [`relay`], adding bytes to `up_total`/`down_total` as they move (so totals stay right
/// even when the connection is cancelled half way).
pub(crate) async fn relay_counted<L, S>(
    local: L,
    ws: WebSocketStream<S>,
    options: &RelayOptions,
    up_total: &AtomicU64,
    down_total: &AtomicU64,
) -> Result<Transferred, RelayError>
where
    L: AsyncRead + AsyncWrite + Unpin,
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (mut local_read, mut local_write) = tokio::io::split(local);
    let (mut sink, mut stream) = ws.split();
    let started = Instant::now();
    // Milliseconds since `started` of the last byte from the app (for the half-close linger).
    let last_down = AtomicU64::new(0);
    let down_bytes = AtomicU64::new(0);
    let down_done = tokio::sync::Notify::new();
    // Set once our close frame is out: a peer that then drops TCP instead of answering with
    // its own close frame has still ended the stream normally.
    let close_sent = std::sync::atomic::AtomicBool::new(false);

    let upstream = async {
        let mut up = 0u64;
        let mut want = ReadSize::new(options.read_chunk);
        let mut buf = BytesMut::new();
        let mut ping =
            tokio::time::interval_at(started + options.ping_interval, options.ping_interval);
        loop {
            // The frame of the previous read is gone by now, so this reuses the allocation.
            buf.reserve(want.get());
            let n = tokio::select! {
                read = local_read.read_buf(&mut buf) => read.map_err(RelayError::Local)?,
                _ = ping.tick() => {
                    sink.send(Message::Ping(Default::default())).await.map_err(ws_err)?;
                    continue;
                }
                _ = down_done.notified() => return Ok::<u64, RelayError>(up),
            };
            if n == 0 {
                break;
            }
            want.after_read(n);
            up += n as u64;
            up_total.fetch_add(n as u64, Ordering::Relaxed);
            sink.send(Message::Binary(buf.split().freeze()))
                .await
                .map_err(ws_err)?;
            ping.reset();
        }
        // Half-close: let the app's answer drain, then start the closing handshake.
        loop {
            let last = started + Duration::from_millis(last_down.load(Ordering::Relaxed));
            let deadline = last + options.linger;
            let now = Instant::now();
            if now >= deadline && now >= started + options.linger {
                break;
            }
            tokio::select! {
                _ = tokio::time::sleep_until(deadline.max(now + Duration::from_millis(10))) => {}
                _ = down_done.notified() => return Ok(up),
            }
        }
        close_sent.store(true, Ordering::Relaxed);
        let _ = sink.send(Message::Close(None)).await;
        Ok(up)
    };

    let downstream = async {
        let mut failure = None;
        while let Some(message) = stream.next().await {
            match message {
                Ok(Message::Binary(data)) => {
                    local_write
                        .write_all(&data)
                        .await
                        .map_err(RelayError::Local)?;
                    // Buffered locals (tokio's stdout in `--stdio` mode sits on std's
                    // LineWriter) hold binary data without a newline until flushed: ssh's
                    // key exchange would stall. A no-op for TCP sockets.
                    local_write.flush().await.map_err(RelayError::Local)?;
                    down_bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
                    down_total.fetch_add(data.len() as u64, Ordering::Relaxed);
                    last_down.store(started.elapsed().as_millis() as u64, Ordering::Relaxed);
                }
                Ok(Message::Close(frame)) => {
                    if let Some(frame) =
                        frame.filter(|f| !matches!(f.code, CloseCode::Normal | CloseCode::Away))
                    {
                        failure = Some(format!(
                            "closed with code {}: {}",
                            u16::from(frame.code),
                            frame.reason
                        ));
                    }
                    break;
                }
                Ok(_) => {}
                Err(_) if close_sent.load(Ordering::Relaxed) => break,
                Err(e) => {
                    failure = Some(e.to_string());
                    break;
                }
            }
        }
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

fn ws_err(e: tokio_tungstenite::tungstenite::Error) -> RelayError {
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
