//! The SDK against servers that misbehave: stalled, truncated, proxied (HTML error pages),
//! endless bodies, slow-drip and runaway event streams, WebSockets cut mid-frame, a storage
//! proxy that lies about its upload offset. Each is an in-process raw TCP server because the
//! real manager and storage proxy cannot be made to misbehave exactly and on cue.
//!
//! What must hold every time: one-line error, no panic, bounded time and memory (bytes the
//! server managed to push are counted, and the peak RSS of the test process is read).

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use backendai_core::config::ApiConfig;
use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use backendai_sdk::sse::SseEvent;
use backendai_sdk::transfer::{TransferClient, TransferOptions};
use backendai_sdk::{ApiRequest, Client, Error};
use futures_util::future::BoxFuture;
use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const VERSION: &str = r#"{"version": "v7.20230615", "manager": "23.09.10"}"#;
const MIB: u64 = 1 << 20;

type Handler = Arc<dyn Fn(String, TcpStream) -> BoxFuture<'static, ()> + Send + Sync>;

/// A raw HTTP/1.1 server: answers the version probe itself; every other request head (its
/// body read and dropped) goes to `handler` with the socket, which writes what it likes.
async fn server<F>(handler: F) -> String
where
    F: Fn(String, TcpStream) -> BoxFuture<'static, ()> + Send + Sync + 'static,
{
    let handler: Handler = Arc::new(handler);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let handler = handler.clone();
            tokio::spawn(async move { serve(sock, handler).await });
        }
    });
    url
}

async fn serve(mut sock: TcpStream, handler: Handler) {
    loop {
        let Some(head) = read_request(&mut sock).await else {
            return;
        };
        if head.starts_with("GET / ") {
            let answer = http("200 OK", "application/json", VERSION, true);
            if sock.write_all(answer.as_bytes()).await.is_err() {
                return;
            }
            continue;
        }
        return handler(head, sock).await;
    }
}

/// Reads one request head and its `Content-Length` body (dropped).
async fn read_request(sock: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    let end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        match sock.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let len = header(&head, "content-length").map_or(0, |v| v.parse::<usize>().unwrap_or(0));
    let mut have = buf.len() - end;
    while have < len {
        match sock.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => have += n,
        }
    }
    Some(head)
}

fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_owned())
    })
}

fn http(status: &str, ctype: &str, body: &str, keep_alive: bool) -> String {
    let conn = if keep_alive {
        ""
    } else {
        "Connection: close\r\n"
    };
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{conn}\r\n{body}",
        body.len()
    )
}

/// Writes `head`, then `total` bytes of body in 64 KiB pieces, counting what the socket
/// took, until done or the client goes away.
async fn stream_body(mut sock: TcpStream, head: String, total: u64, sent: Arc<AtomicU64>) {
    if sock.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let piece = vec![b'x'; 64 << 10];
    let mut left = total;
    while left > 0 {
        let n = left.min(piece.len() as u64) as usize;
        if sock.write_all(&piece[..n]).await.is_err() {
            return;
        }
        sent.fetch_add(n as u64, Ordering::Relaxed);
        left -= n as u64;
    }
}

/// Same as [`stream_body`] with HTTP chunked framing (no length known up front).
async fn stream_chunked(mut sock: TcpStream, total: u64, sent: Arc<AtomicU64>) {
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    if sock.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let mut piece = format!("{:x}\r\n", 64 << 10).into_bytes();
    piece.extend(std::iter::repeat_n(b' ', 64 << 10));
    piece.extend_from_slice(b"\r\n");
    let mut left = total;
    while left > 0 {
        if sock.write_all(&piece).await.is_err() {
            return;
        }
        sent.fetch_add(64 << 10, Ordering::Relaxed);
        left = left.saturating_sub(64 << 10);
    }
}

fn config(url: &str, read_timeout: Duration) -> ApiConfig {
    ApiConfig {
        endpoints: vec![url.to_owned()],
        access_key: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_key: Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        connection_timeout: Duration::from_secs(5),
        read_timeout: Some(read_timeout),
        ..ApiConfig::default()
    }
}

fn client(url: &str) -> Client {
    Client::new(config(url, Duration::from_secs(5))).unwrap()
}

fn assert_one_line(e: &Error, what: &str) {
    let text = e.to_string();
    assert!(
        !text.contains('\n') && !text.contains('\r'),
        "{what}: {text:?}"
    );
    assert!(!text.is_empty() && text.len() < 400, "{what}: {text:?}");
}

/// The peak resident memory of this test process (nextest runs each test in its own).
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// A server answering every request with `head` and then `total` filler bytes, and the
/// count of bytes it managed to push.
async fn streaming_server(head: String, total: u64) -> (String, Arc<AtomicU64>) {
    let sent = Arc::new(AtomicU64::new(0));
    let s2 = sent.clone();
    let url =
        server(move |_, sock| Box::pin(stream_body(sock, head.clone(), total, s2.clone()))).await;
    (url, sent)
}

/// A response head with `status`, `ctype` and a 1 GiB `Content-Length`.
fn gib_head(status: &str, ctype: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        1024 * MIB
    )
}

/// `GET /auth/role` at `url`, which must fail.
async fn get_role_err(url: &str) -> Error {
    client(url)
        .send(ApiRequest::get("/auth/role"))
        .await
        .unwrap_err()
}

/// `GET /auth/role` at `url` with `read_timeout`, which must fail, and how long it took.
async fn timed_get_role_err(url: &str, read_timeout: Duration) -> (Error, Duration) {
    let client = Client::new(config(url, read_timeout)).unwrap();
    let t = Instant::now();
    let err = client
        .send(ApiRequest::get("/auth/role"))
        .await
        .unwrap_err();
    (err, t.elapsed())
}

/// Every item of the `/events/session` stream at `url`, or `Err` if it has not ended
/// within `limit`.
async fn session_events(
    url: &str,
    limit: Duration,
) -> Result<Vec<backendai_sdk::Result<SseEvent>>, tokio::time::error::Elapsed> {
    let events = client(url).sse(ApiRequest::get("/events/session"));
    tokio::time::timeout(limit, events.collect::<Vec<_>>()).await
}

/// The bytes the server had pushed once it noticed the client hung up (200 ms later).
async fn pushed_after_hang_up(sent: &AtomicU64) -> u64 {
    tokio::time::sleep(Duration::from_millis(200)).await;
    sent.load(Ordering::Relaxed)
}

// ----- stalls ------------------------------------------------------------------------

#[tokio::test]
async fn a_stalled_server_fails_within_the_read_timeout_probe_included() {
    // Accepts, never answers anything (not even the probe): a SIGSTOPped manager.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s);
        }
    });
    let (err, took) = timed_get_role_err(&url, Duration::from_millis(800)).await;
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert_one_line(&err, "stalled");
    assert!(
        took >= Duration::from_millis(800) && took < Duration::from_millis(1300),
        "took {took:?} (read timeout 0.8 s, connect timeout 5 s)"
    );
}

#[tokio::test]
async fn a_slow_probe_and_a_stalled_answer_share_one_read_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                while let Some(head) = read_request(&mut s).await {
                    if head.starts_with("GET / ") {
                        tokio::time::sleep(Duration::from_millis(600)).await;
                        let a = http("200 OK", "application/json", VERSION, true);
                        let _ = s.write_all(a.as_bytes()).await;
                    } else {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                    }
                }
            });
        }
    });
    let (err, took) = timed_get_role_err(&url, Duration::from_secs(1)).await;
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(took < Duration::from_millis(1400), "took {took:?}");
}

// ----- broken bodies -------------------------------------------------------------------

#[tokio::test]
async fn truncated_html_and_non_json_answers_are_one_line_errors() {
    let page = format!(
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n{}</body></html>\n",
        "<center>nginx/1.25</center>\n".repeat(40_000)
    );
    let cases: Vec<(&str, String, ErrorKind)> = vec![
        (
            "truncated JSON",
            http("200 OK", "application/json", r#"{"items": [{"id": 1}, {"#, false),
            ErrorKind::Decode,
        ),
        (
            "HTML 502 page from a proxy (1 MiB)",
            http("502 Bad Gateway", "text/html", &page, false),
            ErrorKind::Unavailable,
        ),
        (
            "200 with a non-JSON body",
            http("200 OK", "application/json", "<html><body>login</body></html>", false),
            ErrorKind::Decode,
        ),
        (
            "a body cut before its Content-Length",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"a\": "
                .to_owned(),
            ErrorKind::Aborted,
        ),
    ];
    for (what, answer, kind) in cases {
        let url = server(move |_, mut sock| {
            let answer = answer.clone();
            Box::pin(async move {
                let _ = sock.write_all(answer.as_bytes()).await;
                let _ = sock.shutdown().await;
            })
        })
        .await;
        let err = client(&url)
            .json::<serde_json::Value>(ApiRequest::get("/auth/role"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), kind, "{what}: {err}");
        assert_one_line(&err, what);
    }
}

#[tokio::test]
async fn a_1_gib_answer_with_its_length_is_refused_unread() {
    let (url, sent) = streaming_server(gib_head("200 OK", "application/json"), 1024 * MIB).await;
    let t = Instant::now();
    let err = get_role_err(&url).await;
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert_one_line(&err, "1 GiB");
    assert!(t.elapsed() < Duration::from_secs(5));
    let pushed = pushed_after_hang_up(&sent).await;
    // Only what the socket buffers took before the client hung up.
    assert!(pushed < 64 * MIB, "the server pushed {pushed} bytes");
}

#[tokio::test]
async fn a_1_gib_chunked_answer_stops_at_the_cap() {
    let sent = Arc::new(AtomicU64::new(0));
    let s2 = sent.clone();
    let url = server(move |_, sock| Box::pin(stream_chunked(sock, 1024 * MIB, s2.clone()))).await;
    let before = peak_rss();
    let err = get_role_err(&url).await;
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert_one_line(&err, "1 GiB chunked");
    let pushed = pushed_after_hang_up(&sent).await;
    let cap = backendai_sdk::client::MAX_ANSWER_BYTES as u64;
    assert!(
        pushed <= cap + 64 * MIB,
        "the server pushed {pushed} bytes, cap {cap}"
    );
    // Buffer doubling may hold 1.5× the cap at the peak; never the whole 1 GiB.
    let grew = peak_rss().saturating_sub(before);
    assert!(grew < 600 * MIB, "peak RSS grew by {} MiB", grew / MIB);
}

#[tokio::test]
async fn an_endless_error_page_is_read_only_as_far_as_its_summary() {
    let (url, sent) = streaming_server(gib_head("502 Bad Gateway", "text/html"), 1024 * MIB).await;
    let err = get_role_err(&url).await;
    assert_eq!(err.kind(), ErrorKind::Unavailable, "{err}");
    assert_eq!(err.status(), Some(502));
    assert_one_line(&err, "endless 502");
    assert!(pushed_after_hang_up(&sent).await < 64 * MIB);
}

// ----- event streams --------------------------------------------------------------------

const SSE_HEAD: &str =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";

#[tokio::test]
async fn a_slow_drip_event_stream_is_parsed_whole() {
    // One byte every 2 ms: events split at every possible point, still delivered intact.
    let events = "event: session_started\ndata: {\"sessionName\": \"s1\"}\nid: 1\n\n\
                  event: session_terminated\ndata: {\"sessionName\": \"s1\"}\nid: 2\n\n\
                  event: server_close\ndata:\n\n";
    let url = server(move |_, mut sock| {
        Box::pin(async move {
            if sock.write_all(SSE_HEAD.as_bytes()).await.is_err() {
                return;
            }
            for b in events.bytes() {
                if sock.write_all(&[b]).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            tokio::time::sleep(Duration::from_secs(30)).await;
        })
    })
    .await;
    let got = session_events(&url, Duration::from_secs(20))
        .await
        .expect("the stream ends after server_close");
    let names: Vec<String> = got
        .into_iter()
        .map(|r| r.map(|e| e.event).unwrap())
        .collect();
    assert_eq!(
        names,
        ["session_started", "session_terminated", "server_close"]
    );
}

#[tokio::test]
async fn a_runaway_event_ends_the_stream_with_one_error_and_bounded_memory() {
    // A first good event, then one `data:` line that never ends (512 MiB).
    let head = format!("{SSE_HEAD}event: ok\ndata: 1\n\ndata: ");
    let (url, sent) = streaming_server(head, 512 * MIB).await;
    let got = session_events(&url, Duration::from_secs(30))
        .await
        .expect("the stream ends");
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].as_ref().unwrap().event, "ok");
    let err = got[1].as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert_one_line(err, "runaway event");
    assert!(pushed_after_hang_up(&sent).await < 64 * MIB);
}

// ----- WebSockets -----------------------------------------------------------------------

/// Answers the upgrade properly, then writes `after` and closes the connection.
async fn ws_server(after: &'static [u8]) -> String {
    server(move |head, mut sock| {
        Box::pin(async move {
            let key = header(&head, "sec-websocket-key").unwrap_or_default();
            let accept =
                tokio_tungstenite::tungstenite::handshake::derive_accept_key(key.as_bytes());
            let answer = format!(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
            );
            let _ = sock.write_all(answer.as_bytes()).await;
            let _ = sock.write_all(after).await;
            let _ = sock.shutdown().await;
        })
    })
    .await
}

#[tokio::test]
async fn a_websocket_closed_mid_frame_ends_with_an_error_not_a_panic() {
    let cases: [(&str, &'static [u8]); 3] = [
        // A binary frame announcing 4096 bytes (16-bit length) with only 5 of them sent.
        ("cut mid-payload", b"\x82\x7e\x10\x00hello"),
        // The header itself cut after its first byte.
        ("cut mid-header", b"\x82"),
        // A frame announcing 2^62 bytes: refused by the frame-size limit, nothing allocated.
        (
            "a frame announcing 4 EiB",
            b"\x82\x7f\x40\x00\x00\x00\x00\x00\x00\x00abc",
        ),
    ];
    for (what, bytes) in cases {
        let url = ws_server(bytes).await;
        let mut ws = client(&url)
            .websocket(ApiRequest::get("/stream/session/s1/pty"))
            .await
            .unwrap();
        let next = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .unwrap_or_else(|_| panic!("{what}: the stream must end"));
        match next {
            Some(Err(e)) => {
                let text = e.to_string();
                assert!(!text.contains('\n'), "{what}: {text}");
            }
            None => {}
            Some(Ok(m)) => panic!("{what}: a message from a cut frame: {m:?}"),
        }
    }
}

// ----- a storage proxy that lies -------------------------------------------------------

/// A tus endpoint whose PATCH answers say `offset(request_offset, len)`; HEAD answers
/// `head` verbatim.
async fn lying_tus(
    offset: impl Fn(u64, u64) -> String + Send + Sync + 'static,
    head: &'static str,
) -> String {
    let offset = Arc::new(offset);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/upload", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let offset = offset.clone();
            tokio::spawn(async move {
                while let Some(h) = read_request(&mut sock).await {
                    let answer = if h.starts_with("PATCH") {
                        let at = header(&h, "upload-offset").and_then(|v| v.parse().ok());
                        let len = header(&h, "content-length").and_then(|v| v.parse().ok());
                        let said = offset(at.unwrap_or(0), len.unwrap_or(0));
                        format!("HTTP/1.1 204 No Content\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: {said}\r\n\r\n")
                    } else {
                        format!("HTTP/1.1 200 OK\r\nTus-Resumable: 1.0.0\r\n{head}Content-Length: 0\r\n\r\n")
                    };
                    if sock.write_all(answer.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    url
}

fn upload_opts() -> TransferOptions {
    TransferOptions {
        chunk_size: 64 << 10,
        retry_delay: Duration::from_millis(1),
        max_retries: 3,
        ..TransferOptions::default()
    }
}

async fn upload_to(url: &str, file: &Path, size: u64) -> backendai_sdk::Result<u64> {
    let tc = TransferClient::new(
        false,
        Some(Duration::from_secs(5)),
        Default::default(),
        "test",
    );
    let target = tc
        .target(url, Secret::new("tok"), "f.bin", Some(size))
        .unwrap();
    tokio::time::timeout(
        Duration::from_secs(30),
        tc.upload(&target, file, 0, &upload_opts(), 0),
    )
    .await
    .expect("a lying storage proxy never makes the upload hang")
}

#[tokio::test]
async fn a_storage_proxy_that_lies_about_offsets_fails_the_upload_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.bin");
    let size = 1024 * 1024u64;
    std::fs::write(&file, vec![7u8; size as usize]).unwrap();

    type Liar = Box<dyn Fn(u64, u64) -> String + Send + Sync>;
    let liars: Vec<(&str, Liar)> = vec![
        (
            "claims more than the file",
            Box::new(move |_, _| (size + 4096).to_string()),
        ),
        ("never moves", Box::new(|_, _| "0".to_owned())),
        // Confirms a chunk, then forgets it: would loop forever if any progress reset the
        // retries.
        (
            "confirms then forgets",
            Box::new(|at, len| {
                if at % (2 * len) == 0 {
                    at + len
                } else {
                    at - len
                }
                .to_string()
            }),
        ),
        ("a negative offset", Box::new(|_, _| "-5".to_owned())),
        ("not a number", Box::new(|_, _| "lots".to_owned())),
    ];
    for (what, liar) in liars {
        let url = lying_tus(liar, "Upload-Offset: 0\r\n").await;
        let err = upload_to(&url, &file, size).await.unwrap_err();
        assert_one_line(&err, what);
    }
}

#[tokio::test]
async fn an_upload_answer_with_a_huge_body_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.bin");
    let size = 256 * 1024u64;
    std::fs::write(&file, vec![1u8; size as usize]).unwrap();
    let sent = Arc::new(AtomicU64::new(0));
    let s2 = sent.clone();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/upload", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let sent = s2.clone();
            tokio::spawn(async move {
                let Some(h) = read_request(&mut sock).await else {
                    return;
                };
                let at: u64 = header(&h, "upload-offset")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                let len: u64 = header(&h, "content-length")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                let head = format!(
                    "HTTP/1.1 200 OK\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: {}\r\nContent-Length: {}\r\n\r\n",
                    at + len,
                    1024 * MIB
                );
                stream_body(sock, head, 1024 * MIB, sent).await;
            });
        }
    });
    let n = upload_to(&url, &file, size).await.unwrap();
    assert_eq!(n, size);
    let pushed = pushed_after_hang_up(&sent).await;
    assert!(pushed < 64 * MIB, "the server pushed {pushed} bytes");
}
