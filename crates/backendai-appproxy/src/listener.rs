//! The listening side: accept local TCP connections and relay each over its own WebSocket.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpSocket, TcpStream, ToSocketAddrs};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::{debug, info, info_span, warn, Instrument};

use crate::connect::Connect;
use crate::relay::{http_503, relay_counted, RelayOptions};

/// Counters of a running relay, shared with whoever holds a clone.
#[derive(Debug, Default)]
pub struct RelayStats {
    /// Connections currently relayed.
    pub active: AtomicUsize,
    /// Connections accepted since start.
    pub accepted: AtomicU64,
    /// Connections whose WebSocket could not be opened.
    pub refused: AtomicU64,
    /// Bytes local → app.
    pub bytes_up: AtomicU64,
    /// Bytes app → local.
    pub bytes_down: AtomicU64,
}

/// Pending local connections the kernel queues before we accept them. std's default (128)
/// drops SYNs when a browser or load test opens a few hundred connections at once, and a
/// dropped SYN costs the client a 1 s retransmit.
const LISTEN_BACKLOG: u32 = 1024;

/// WebSocket handshakes in flight towards the manager at once, by default. Each accepted
/// connection opens its own upstream TCP connection; opening hundreds at once overflows the
/// manager's listen queue (aiohttp's default is 128) and stalls them all for a second, so
/// the rest wait here for a moment instead.
pub const DEFAULT_MAX_HANDSHAKES: usize = 64;

/// A local listener that forwards every accepted connection to the app.
pub struct Relay<C: Connect> {
    listener: TcpListener,
    connector: Arc<C>,
    options: Arc<RelayOptions>,
    stats: Arc<RelayStats>,
    grace: Duration,
    handshakes: Arc<Semaphore>,
}

/// Binds the first address of `addr` that works, with [`LISTEN_BACKLOG`].
async fn listen(addr: impl ToSocketAddrs) -> std::io::Result<TcpListener> {
    let mut last = None;
    for addr in tokio::net::lookup_host(addr).await? {
        let socket = if addr.is_ipv4() {
            TcpSocket::new_v4()
        } else {
            TcpSocket::new_v6()
        };
        let bound = socket.and_then(|s| {
            // As std and tokio do for listeners: a restarted proxy can rebind its port
            // while old connections are in TIME_WAIT.
            s.set_reuseaddr(true)?;
            s.bind(addr)?;
            s.listen(LISTEN_BACKLOG)
        });
        match bound {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the address resolved to nothing",
        )
    }))
}

impl<C: Connect> Relay<C> {
    /// Binds the local address (`127.0.0.1:8080`, `[::1]:0`, ...).
    pub async fn bind(
        addr: impl ToSocketAddrs,
        connector: C,
        options: RelayOptions,
    ) -> std::io::Result<Self> {
        Ok(Self {
            listener: listen(addr).await?,
            connector: Arc::new(connector),
            options: Arc::new(options),
            stats: Arc::default(),
            grace: Duration::from_secs(5),
            handshakes: Arc::new(Semaphore::new(DEFAULT_MAX_HANDSHAKES)),
        })
    }

    /// At most `n` WebSocket handshakes in flight at once (default
    /// [`DEFAULT_MAX_HANDSHAKES`]; at least 1). Established connections are not limited.
    pub fn with_max_handshakes(mut self, n: usize) -> Self {
        self.handshakes = Arc::new(Semaphore::new(n.max(1)));
        self
    }

    /// How long open connections may keep going after shutdown is requested (default 5 s).
    pub fn with_grace_period(mut self, grace: Duration) -> Self {
        self.grace = grace;
        self
    }

    /// The bound address (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound TCP listener has a local address")
    }

    /// Live counters.
    pub fn stats(&self) -> Arc<RelayStats> {
        self.stats.clone()
    }

    /// Accepts and relays until `shutdown` is cancelled, then lets open connections finish
    /// for the grace period and cancels the rest. Returns when every connection task ended.
    pub async fn run(self, shutdown: CancellationToken) {
        let tracker = TaskTracker::new();
        let connections = CancellationToken::new();
        loop {
            let accepted = tokio::select! {
                accepted = self.listener.accept() => accepted,
                _ = shutdown.cancelled() => break,
            };
            let (socket, peer) = match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and similar: back off instead of spinning.
                    warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let id = self.stats.accepted.fetch_add(1, Ordering::Relaxed);
            let connector = self.connector.clone();
            let options = self.options.clone();
            let stats = self.stats.clone();
            let handshakes = self.handshakes.clone();
            let cancel = connections.child_token();
            tracker.spawn(
                async move {
                    tokio::select! {
                        _ = serve(socket, &*connector, &handshakes, &options, &stats) => {}
                        _ = cancel.cancelled() => debug!("cancelled at shutdown"),
                    }
                }
                .instrument(info_span!("conn", id, %peer)),
            );
        }
        drop(self.listener);
        tracker.close();
        if tokio::time::timeout(self.grace, tracker.wait())
            .await
            .is_err()
        {
            info!(
                "grace period over; closing {} open connection(s)",
                tracker.len()
            );
            connections.cancel();
            tracker.wait().await;
        }
    }
}

async fn serve<C: Connect>(
    mut socket: TcpStream,
    connector: &C,
    handshakes: &Semaphore,
    options: &RelayOptions,
    stats: &RelayStats,
) {
    let _ = socket.set_nodelay(true);
    let opened = {
        // Never closed, so acquiring cannot fail; the permit is held for the handshake only.
        let _permit = handshakes.acquire().await;
        connector.connect().await
    };
    let ws = match opened {
        Ok(ws) => ws,
        Err(e) => {
            stats.refused.fetch_add(1, Ordering::Relaxed);
            warn!("cannot open the app's websocket: {e}");
            if options.http_app {
                let _ = socket.write_all(&http_503(&e.message)).await;
            }
            let _ = socket.shutdown().await;
            return;
        }
    };
    let _active = ActiveGuard::enter(&stats.active);
    match relay_counted(socket, ws, options, &stats.bytes_up, &stats.bytes_down).await {
        Ok(t) => debug!(up = t.up, down = t.down, "connection closed"),
        Err(e) => warn!("connection ended: {e}"),
    }
}

/// Counts a connection as active until dropped (also when its task is cancelled).
struct ActiveGuard<'a>(&'a AtomicUsize);

impl<'a> ActiveGuard<'a> {
    fn enter(counter: &'a AtomicUsize) -> Self {
        counter.fetch_add(1, Ordering::Relaxed);
        Self(counter)
    }
}

impl Drop for ActiveGuard<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}
