//! Live: the relay against the **real** Backend.AI 23.09 manager (realstack, dummy agent).
//! A dummy session's app `echo` is pointed at a local echo server with `expose-app.sh`; the
//! manager's `/stream/session/<name>/tcpproxy?app=echo` WebSocket carries the bytes.
//! Skipped (and says so) when BACKEND_ENDPOINT is not set.

mod support_live;

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use backendai_appproxy::{Relay, RelayOptions, SdkConnector};
use backendai_sdk::app_proxy::{tcpproxy_request, AppProxyTarget};
use backendai_sdk::Client;
use support_live::{live_env, LiveSession};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

const MIB: usize = 1024 * 1024;
const BULK: usize = 100 * MIB;
const CONNECTIONS: usize = 200;

/// A local echo server on a free 127.0.0.1 port; counts the connections it accepted.
async fn echo_server() -> (u16, std::sync::Arc<std::sync::atomic::AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::Relaxed);
            tokio::spawn(async move {
                let _ = socket.set_nodelay(true);
                let (mut r, mut w) = socket.into_split();
                let _ = tokio::io::copy(&mut r, &mut w).await;
                let _ = w.shutdown().await;
            });
        }
    });
    (port, accepted)
}

/// Deterministic, non-repeating-looking test data (xorshift).
fn data(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// Sends `payload` through `addr` while reading the echo at the same time; returns the time.
async fn bulk_echo(addr: SocketAddr, payload: std::sync::Arc<Vec<u8>>) -> Duration {
    let t0 = Instant::now();
    let stream = TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (mut r, mut w) = stream.into_split();
    let sent = payload.clone();
    let writer = tokio::spawn(async move {
        for chunk in sent.chunks(MIB) {
            w.write_all(chunk).await.unwrap();
        }
        w // keep the write side open until the echo is complete
    });
    let mut buf = vec![0u8; 256 * 1024];
    let mut got = 0usize;
    while got < payload.len() {
        let n = r.read(&mut buf).await.unwrap();
        assert!(n > 0, "EOF after {got} of {} echoed bytes", payload.len());
        assert!(got + n <= payload.len(), "more bytes echoed than sent");
        if buf[..n] != payload[got..got + n] {
            let at = (0..n).find(|&i| buf[i] != payload[got + i]).unwrap_or(0);
            panic!("echoed data differs at byte {}", got + at);
        }
        got += n;
    }
    let elapsed = t0.elapsed();
    let mut w = writer.await.unwrap();
    // Half-close: the relay closes the WebSocket and the socket reaches EOF without more data.
    w.shutdown().await.unwrap();
    let extra = tokio::time::timeout(Duration::from_secs(30), r.read(&mut buf))
        .await
        .expect("EOF after the half-close");
    assert_eq!(extra.unwrap(), 0, "no bytes after the echo");
    elapsed
}

/// Echoes `msg` over `stream` and checks the answer.
async fn echo_once(stream: &mut TcpStream, msg: &[u8]) {
    stream.write_all(msg).await.unwrap();
    let mut back = vec![0u8; msg.len()];
    stream.read_exact(&mut back).await.unwrap();
    assert_eq!(back, msg);
}

/// The first message of connection `i`.
fn first_message(i: usize) -> Vec<u8> {
    format!("hello #{i} ").into_bytes().repeat(1 + i % 7)
}

/// The second message of connection `i` (sent once all connections are open).
fn second_message(i: usize) -> Vec<u8> {
    format!("still here #{i}\n").into_bytes()
}

/// One of the concurrent connections: connect and echo a first message (at most `opening`
/// upgrades in flight: the manager's DB pool does not survive 200 upgrades at once on a
/// 2-core machine), then wait until all connections are open, echo a second message on the
/// still-open tunnel, close. Returns the relay's active count seen by the last one to arrive.
async fn concurrent_echo(
    addr: SocketAddr,
    i: usize,
    opening: std::sync::Arc<tokio::sync::Semaphore>,
    all_open: std::sync::Arc<tokio::sync::Barrier>,
    stats: std::sync::Arc<backendai_appproxy::RelayStats>,
) -> Option<usize> {
    let permit = opening.acquire_owned().await.unwrap();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    echo_once(&mut stream, &first_message(i)).await;
    drop(permit);
    let wait = all_open.wait().await;
    let active = wait
        .is_leader()
        .then(|| stats.active.load(Ordering::Relaxed));
    echo_once(&mut stream, &second_message(i)).await;
    active
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_relay_bulk_and_many_connections_through_the_real_manager() {
    let Some(env) = live_env() else { return };
    let session = LiveSession::create(&env, "rs-appproxy").await;
    let (echo_port, echo_accepted) = echo_server().await;
    session.expose(&env, &[("echo", echo_port, "tcp")]);

    let client = Client::new(env.config.clone()).unwrap();
    let version = client.api_version().await.unwrap();
    // The manager lists the exposed app.
    let apps = client
        .sessions()
        .session(session.name.as_str())
        .apps()
        .await
        .unwrap();
    assert!(
        apps.iter().any(|a| a.name == "echo"),
        "apps of {}: {apps:?}",
        session.name
    );

    let target = AppProxyTarget {
        session: session.name.clone(),
        app: "echo".into(),
        ..Default::default()
    };
    let connector = SdkConnector::new(client.clone(), tcpproxy_request(&target, &version));
    let relay = Relay::bind("127.0.0.1:0", connector, RelayOptions::default())
        .await
        .unwrap()
        .with_grace_period(Duration::from_secs(5));
    let addr = relay.local_addr();
    let stats = relay.stats();
    let shutdown = CancellationToken::new();
    let running = tokio::spawn(relay.run(shutdown.clone()));

    // 1. 100 MiB both ways at once, byte for byte.
    let payload = std::sync::Arc::new(data(BULK, 0x9e37_79b9_7f4a_7c15));
    let elapsed = tokio::time::timeout(Duration::from_secs(300), bulk_echo(addr, payload))
        .await
        .expect("100 MiB echo within 300 s");
    let mib_s = BULK as f64 / MIB as f64 / elapsed.as_secs_f64();
    println!(
        "live: 100 MiB echoed through the real manager in {:.2} s ({mib_s:.1} MiB/s each way)",
        elapsed.as_secs_f64()
    );

    // 2. 200 concurrent connections, all open at the same time, each with its own messages.
    let t0 = Instant::now();
    let opening = std::sync::Arc::new(tokio::sync::Semaphore::new(16));
    let all_open = std::sync::Arc::new(tokio::sync::Barrier::new(CONNECTIONS));
    let mut set = tokio::task::JoinSet::new();
    for i in 0..CONNECTIONS {
        set.spawn(concurrent_echo(
            addr,
            i,
            opening.clone(),
            all_open.clone(),
            stats.clone(),
        ));
    }
    let mut peak_active = None;
    let collect = async {
        while let Some(result) = set.join_next().await {
            match result {
                Ok(active) => peak_active = peak_active.or(active),
                // The first failure ends the test (the other tasks are aborted with the set).
                Err(e) => std::panic::resume_unwind(e.into_panic()),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(600), collect)
        .await
        .expect("200 concurrent connections within 600 s");
    let peak_active = peak_active.expect("one task saw all connections open");
    println!(
        "live: {CONNECTIONS} concurrent connections (all open at once: relay active={peak_active}) echoed in {:.2} s",
        t0.elapsed().as_secs_f64()
    );
    assert_eq!(peak_active, CONNECTIONS, "all connections relayed at once");
    let small: u64 = (0..CONNECTIONS)
        .map(|i| (first_message(i).len() + second_message(i).len()) as u64)
        .sum();

    // 3. Shut down; every connection task has ended afterwards.
    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(30), running)
        .await
        .expect("relay stops within 30 s")
        .unwrap();
    let expected = BULK as u64 + small;
    let accepted = stats.accepted.load(Ordering::Relaxed);
    let refused = stats.refused.load(Ordering::Relaxed);
    let up = stats.bytes_up.load(Ordering::Relaxed);
    let down = stats.bytes_down.load(Ordering::Relaxed);
    println!(
        "live: relay stats accepted={accepted} refused={refused} up={up} down={down} echo-server connections={}",
        echo_accepted.load(Ordering::Relaxed)
    );
    assert_eq!(accepted, 1 + CONNECTIONS as u64);
    assert_eq!(refused, 0, "no WebSocket was refused by the manager");
    assert_eq!(up, expected, "bytes local → app");
    assert_eq!(down, expected, "bytes app → local");
    assert_eq!(
        stats.active.load(Ordering::Relaxed),
        0,
        "no open connection left"
    );
    assert_eq!(
        echo_accepted.load(Ordering::Relaxed),
        1 + CONNECTIONS as u64,
        "the manager opened one app connection per local connection"
    );
    drop(session);
}

/// Regression test for a bug the live ssh test found (runs without the stack): bytes from the
/// app must reach a *buffered* local writer (tokio's stdout in `--stdio` mode) without waiting
/// for more data — before the fix, ssh's binary key exchange sat in stdout's buffer forever.
#[tokio::test]
async fn downstream_bytes_are_flushed_to_a_buffered_local_side() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::protocol::Role;
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::WebSocketStream;

    let (client_io, server_io) = tokio::io::duplex(64 * 1024);
    let ws_client = backendai_appproxy::WsConn::new(client_io);
    let mut ws_server = WebSocketStream::from_raw_socket(server_io, Role::Server, None).await;
    // Local side: reads stay pending (we keep the other end), writes go through an 8 KiB buffer.
    let (_local_in_peer, local_in) = tokio::io::duplex(1024);
    let (out_w, mut out_r) = tokio::io::duplex(1024 * 1024);
    let local = tokio::io::join(local_in, tokio::io::BufWriter::new(out_w));
    let relay = tokio::spawn(async move {
        backendai_appproxy::relay(local, ws_client, &RelayOptions::default()).await
    });

    let kex = b"\x00\x00\x05\xdc\x0a\x14binary, no newline".to_vec();
    ws_server
        .send(Message::Binary(kex.clone().into()))
        .await
        .unwrap();
    let mut got = vec![0u8; kex.len()];
    tokio::time::timeout(Duration::from_secs(5), out_r.read_exact(&mut got))
        .await
        .expect("the frame reaches the buffered local side without more traffic")
        .unwrap();
    assert_eq!(got, kex);

    ws_server.send(Message::Close(None)).await.unwrap();
    let transferred = tokio::time::timeout(Duration::from_secs(10), relay)
        .await
        .expect("relay ends after the server's close")
        .unwrap()
        .unwrap();
    assert_eq!(transferred.down, kex.len() as u64);
}
