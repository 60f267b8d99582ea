//! In-process end-to-end tests: local TCP client → Relay → signed WebSocket → test manager →
//! TCP target. No real agent needed.

mod support;

use std::time::Duration;

use backendai_appproxy::{Relay, RelayOptions};
use support::connector::RawConnector;
use support::manager::{self, ManagerConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

struct Running {
    addr: std::net::SocketAddr,
    shutdown: CancellationToken,
    handle: tokio::task::JoinHandle<()>,
    stats: std::sync::Arc<backendai_appproxy::RelayStats>,
}

async fn relay_to(manager: std::net::SocketAddr, app: &str, options: RelayOptions) -> Running {
    let relay = Relay::bind("127.0.0.1:0", RawConnector::new(manager, app), options)
        .await
        .unwrap()
        .with_grace_period(Duration::from_millis(300));
    let addr = relay.local_addr();
    let stats = relay.stats();
    let shutdown = CancellationToken::new();
    let handle = tokio::spawn(relay.run(shutdown.clone()));
    Running {
        addr,
        shutdown,
        handle,
        stats,
    }
}

/// Connects to `addr`, sends `msg` and checks that it comes back.
async fn echo_once(addr: std::net::SocketAddr, msg: String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(msg.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; msg.len()];
    s.read_exact(&mut buf).await.unwrap();
    assert_eq!(buf, msg.as_bytes());
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transfers_100_mib_both_ways_byte_for_byte() {
    let echo = manager::echo_server().await;
    let mgr = manager::start(ManagerConfig::with_default_key().app("echo", echo)).await;
    let relay = relay_to(mgr.addr, "echo", RelayOptions::default()).await;

    let data = pattern(100 * 1024 * 1024);
    let stream = TcpStream::connect(relay.addr).await.unwrap();
    let (mut r, mut w) = stream.into_split();
    let sent = data.clone();
    let writer = tokio::spawn(async move {
        w.write_all(&sent).await.unwrap();
        w.shutdown().await.unwrap();
    });
    let mut received = Vec::with_capacity(data.len());
    r.read_to_end(&mut received).await.unwrap();
    writer.await.unwrap();
    assert_eq!(received.len(), data.len());
    assert!(received == data, "echoed bytes differ");
    assert_eq!(
        mgr.rejected_signatures
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );

    relay.shutdown.cancel();
    relay.handle.await.unwrap();
    let stats = relay.stats;
    assert_eq!(
        stats.bytes_up.load(std::sync::atomic::Ordering::Relaxed),
        data.len() as u64
    );
    assert_eq!(
        stats.bytes_down.load(std::sync::atomic::Ordering::Relaxed),
        data.len() as u64
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relays_1000_concurrent_connections() {
    let echo = manager::echo_server().await;
    let mgr = manager::start(ManagerConfig::with_default_key().app("echo", echo)).await;
    let relay = relay_to(
        mgr.addr,
        "echo",
        RelayOptions {
            linger: Duration::from_millis(50),
            ..RelayOptions::default()
        },
    )
    .await;

    let mut clients = Vec::new();
    for i in 0..1000u32 {
        let addr = relay.addr;
        clients.push(tokio::spawn(echo_once(addr, format!("hello from {i}\n"))));
    }
    for c in clients {
        c.await.unwrap();
    }
    assert_eq!(
        mgr.upgrades.load(std::sync::atomic::Ordering::Relaxed),
        1000
    );
    relay.shutdown.cancel();
    relay.handle.await.unwrap();
    assert_eq!(
        relay
            .stats
            .active
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );
}

#[tokio::test]
async fn half_close_still_reads_the_reply() {
    let echo = manager::echo_server().await;
    let mgr = manager::start(ManagerConfig::with_default_key().app("echo", echo)).await;
    let relay = relay_to(mgr.addr, "echo", RelayOptions::default()).await;

    let mut s = TcpStream::connect(relay.addr).await.unwrap();
    s.write_all(b"request then EOF").await.unwrap();
    s.shutdown().await.unwrap();
    let mut reply = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut reply))
        .await
        .expect("reply and EOF arrive")
        .unwrap();
    assert_eq!(reply, b"request then EOF");
    relay.shutdown.cancel();
    relay.handle.await.unwrap();
}

#[tokio::test]
async fn server_closing_first_ends_the_local_connection() {
    // A target that greets and hangs up without reading.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let target = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            s.write_all(b"bye").await.unwrap();
            drop(s);
        }
    });
    let mgr = manager::start(ManagerConfig::with_default_key().app("greeter", target)).await;
    let relay = relay_to(mgr.addr, "greeter", RelayOptions::default()).await;

    let mut s = TcpStream::connect(relay.addr).await.unwrap();
    let mut got = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut got))
        .await
        .expect("EOF after the server closed")
        .unwrap();
    assert_eq!(got, b"bye");
    relay.shutdown.cancel();
    relay.handle.await.unwrap();
}

async fn refused_answer(status: u16, http_app: bool) -> Vec<u8> {
    let mut config = ManagerConfig::with_default_key();
    config.refuse_with = Some(status);
    let mgr = manager::start(config).await;
    let relay = relay_to(
        mgr.addr,
        "any",
        RelayOptions {
            http_app,
            ..RelayOptions::default()
        },
    )
    .await;
    let mut s = TcpStream::connect(relay.addr).await.unwrap();
    let mut got = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut got))
        .await
        .expect("refused connection is closed")
        .unwrap();
    assert_eq!(
        relay
            .stats
            .refused
            .load(std::sync::atomic::Ordering::Relaxed),
        1
    );
    relay.shutdown.cancel();
    relay.handle.await.unwrap();
    got
}

#[tokio::test]
async fn refused_websocket_answers_503_for_http_apps() {
    for status in [403, 404, 500] {
        let got = String::from_utf8(refused_answer(status, true).await).unwrap();
        assert!(
            got.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{status}: {got}"
        );
        assert!(got.contains(&status.to_string()), "{status}: {got}");
    }
}

#[tokio::test]
async fn refused_websocket_just_closes_tcp_apps() {
    for status in [403, 404, 500] {
        assert!(refused_answer(status, false).await.is_empty(), "{status}");
    }
}

#[tokio::test]
async fn wrong_secret_is_refused_by_the_signature_check() {
    let echo = manager::echo_server().await;
    let mgr = manager::start(ManagerConfig::with_default_key().app("echo", echo)).await;
    let mut connector = RawConnector::new(mgr.addr, "echo");
    connector.secret = "not-the-secret".into();
    let relay = Relay::bind("127.0.0.1:0", connector, RelayOptions::default())
        .await
        .unwrap();
    let addr = relay.local_addr();
    let stats = relay.stats();
    let shutdown = CancellationToken::new();
    let handle = tokio::spawn(relay.run(shutdown.clone()));
    let mut s = TcpStream::connect(addr).await.unwrap();
    let mut got = Vec::new();
    s.read_to_end(&mut got).await.unwrap();
    assert!(got.is_empty());
    assert_eq!(
        mgr.rejected_signatures
            .load(std::sync::atomic::Ordering::Relaxed),
        1
    );
    assert_eq!(stats.refused.load(std::sync::atomic::Ordering::Relaxed), 1);
    shutdown.cancel();
    handle.await.unwrap();
}

#[tokio::test]
async fn shutdown_with_open_connections_leaves_no_tasks_or_sockets() {
    let echo = manager::echo_server().await;
    let mgr = manager::start(ManagerConfig::with_default_key().app("echo", echo)).await;
    let relay = relay_to(mgr.addr, "echo", RelayOptions::default()).await;

    let mut open = Vec::new();
    for _ in 0..10 {
        let mut s = TcpStream::connect(relay.addr).await.unwrap();
        s.write_all(b"x").await.unwrap();
        let mut b = [0u8; 1];
        s.read_exact(&mut b).await.unwrap();
        open.push(s);
    }
    assert_eq!(
        relay
            .stats
            .active
            .load(std::sync::atomic::Ordering::Relaxed),
        10
    );
    relay.shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(5), relay.handle)
        .await
        .expect("run() returns after the grace period")
        .unwrap();
    // Every relay task ended (run waits for its tracker) and every client sees EOF.
    assert_eq!(
        relay
            .stats
            .active
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );
    for mut s in open {
        let mut rest = Vec::new();
        tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut rest))
            .await
            .expect("socket closed by the relay")
            .unwrap();
    }
    // The manager side sees every WebSocket closed, too.
    for _ in 0..50 {
        if mgr.active.load(std::sync::atomic::Ordering::Relaxed) == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(mgr.active.load(std::sync::atomic::Ordering::Relaxed), 0);
    // The listener is gone: new connections are refused.
    assert!(TcpStream::connect(relay.addr).await.is_err());
}

/// The real path: the SDK's signed WebSocket (transport::prepare + core::auth::sign) through
/// the relay, verified by the test manager exactly like the real manager verifies it.
#[tokio::test]
async fn sdk_connector_is_accepted_by_the_signature_checking_manager() {
    use backendai_core::config::ApiConfig;
    use backendai_sdk::app_proxy::{tcpproxy_request, AppProxyTarget};

    let echo = manager::echo_server().await;
    let mgr = manager::start(ManagerConfig::with_default_key().app("echo", echo)).await;
    let config = ApiConfig {
        endpoints: vec![format!("http://{}", mgr.addr)],
        access_key: manager::ACCESS_KEY.into(),
        secret_key: manager::SECRET_KEY.into(),
        ..ApiConfig::default()
    };
    let client = backendai_sdk::Client::new(config).unwrap();
    let version = client.api_version().await.unwrap();
    let target = AppProxyTarget {
        session: "s1".into(),
        app: "echo".into(),
        ..Default::default()
    };
    let connector =
        backendai_appproxy::SdkConnector::new(client, tcpproxy_request(&target, &version));
    let relay = Relay::bind("127.0.0.1:0", connector, RelayOptions::default())
        .await
        .unwrap();
    let addr = relay.local_addr();
    let shutdown = CancellationToken::new();
    let handle = tokio::spawn(relay.run(shutdown.clone()));

    let data = pattern(4 * 1024 * 1024);
    let mut s = TcpStream::connect(addr).await.unwrap();
    let (mut r, mut w) = s.split();
    let (_, received) = tokio::join!(
        async {
            w.write_all(&data).await.unwrap();
            w.shutdown().await.unwrap();
        },
        async {
            let mut got = Vec::new();
            r.read_to_end(&mut got).await.unwrap();
            got
        }
    );
    assert!(received == data, "bytes differ through the SDK connector");
    assert_eq!(
        mgr.rejected_signatures
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );
    assert_eq!(mgr.upgrades.load(std::sync::atomic::Ordering::Relaxed), 1);
    shutdown.cancel();
    handle.await.unwrap();
}

/// Regression: the listener was bound with std's backlog of 128, so a burst of a few hundred
/// connects (a browser, a load test) had SYNs dropped and paid 1 s retransmits.
#[tokio::test]
async fn listener_queues_300_connects_before_accepting_any() {
    let relay = Relay::bind(
        "127.0.0.1:0",
        RawConnector::new("127.0.0.1:9".parse().unwrap(), "echo"),
        RelayOptions::default(),
    )
    .await
    .unwrap();
    let addr = relay.local_addr();
    // The relay is not running: every connection has to wait in the kernel's accept queue.
    let mut connects = tokio::task::JoinSet::new();
    for _ in 0..300 {
        connects.spawn(async move {
            tokio::time::timeout(Duration::from_millis(800), TcpStream::connect(addr)).await
        });
    }
    let mut open = Vec::new();
    while let Some(done) = connects.join_next().await {
        match done.unwrap() {
            Ok(Ok(stream)) => open.push(stream),
            Ok(Err(e)) => panic!("connect failed: {e}"),
            Err(_) => panic!("a connect waited 800 ms: the accept queue overflowed"),
        }
    }
    assert_eq!(open.len(), 300);
    drop(relay);
}

/// Opens the WebSocket slowly and records how many opens ran at once.
struct CountingConnector {
    inner: RawConnector,
    in_flight: std::sync::atomic::AtomicUsize,
    peak: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl backendai_appproxy::Connect for CountingConnector {
    type Stream = TcpStream;

    async fn connect(
        &self,
    ) -> Result<backendai_appproxy::WsConn<TcpStream>, backendai_appproxy::ConnectError> {
        use std::sync::atomic::Ordering::SeqCst;
        let now = self.in_flight.fetch_add(1, SeqCst) + 1;
        self.peak.fetch_max(now, SeqCst);
        tokio::time::sleep(Duration::from_millis(10)).await;
        let ws = self.inner.connect().await;
        self.in_flight.fetch_sub(1, SeqCst);
        ws
    }
}

/// A burst of local connections must not become a burst of handshakes at the manager (its
/// listen queue is 128 deep): at most `max_handshakes` are in flight, and all get through.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handshakes_in_flight_are_bounded_and_all_connections_get_through() {
    let echo = manager::echo_server().await;
    let mgr = manager::start(ManagerConfig::with_default_key().app("echo", echo)).await;
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let connector = CountingConnector {
        inner: RawConnector::new(mgr.addr, "echo"),
        in_flight: Default::default(),
        peak: peak.clone(),
    };
    let relay = Relay::bind("127.0.0.1:0", connector, RelayOptions::default())
        .await
        .unwrap()
        .with_max_handshakes(8);
    let addr = relay.local_addr();
    let shutdown = CancellationToken::new();
    let handle = tokio::spawn(relay.run(shutdown.clone()));

    let mut clients = tokio::task::JoinSet::new();
    for i in 0..200u32 {
        clients.spawn(echo_once(addr, format!("client {i}\n")));
    }
    while let Some(done) = clients.join_next().await {
        done.unwrap();
    }
    assert_eq!(mgr.upgrades.load(std::sync::atomic::Ordering::SeqCst), 200);
    assert_eq!(
        peak.load(std::sync::atomic::Ordering::SeqCst),
        8,
        "handshakes ran up to the limit in parallel, never beyond"
    );
    shutdown.cancel();
    handle.await.unwrap();
}
