//! Transport behaviour against small in-process servers: which requests are retried on the
//! next endpoint, read timeouts, SSE reconnects (fresh signature, `Last-Event-ID`).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backendai_core::config::ApiConfig;
use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use backendai_sdk::{ApiRequest, Client};
use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const VERSION_BODY: &str = r#"{"version": "v7.20230615", "manager": "23.09.10"}"#;

/// What a test server does with one request (after it was read completely).
enum Action {
    Answer(String),
    /// Close the connection without answering (the request reached the server).
    Drop,
    /// Never answer.
    Hang,
}

fn answer(status: &str, content_type: &str, body: &str) -> Action {
    Action::Answer(format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ))
}

type Log = Arc<Mutex<Vec<String>>>;

/// Starts a server; `handler(request_head, index)` decides; every request head is logged.
async fn server(handler: impl Fn(&str, usize) -> Action + Send + Sync + 'static) -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let log: Log = Arc::default();
    let handler = Arc::new(handler);
    let log2 = log.clone();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let (handler, log) = (handler.clone(), log2.clone());
            tokio::spawn(async move { serve(sock, &*handler, &log).await });
        }
    });
    (url, log)
}

async fn serve(
    mut sock: TcpStream,
    handler: &(dyn Fn(&str, usize) -> Action + Send + Sync),
    log: &Log,
) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        match sock.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let len: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0);
    while buf.len() < head_end + len {
        match sock.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let index = {
        let mut l = log.lock().unwrap();
        l.push(format!(
            "{head}{}",
            String::from_utf8_lossy(&buf[head_end..])
        ));
        l.len() - 1
    };
    match handler(&head, index) {
        Action::Answer(text) => {
            let _ = sock.write_all(text.as_bytes()).await;
            let _ = sock.shutdown().await;
        }
        Action::Drop => drop(sock),
        Action::Hang => tokio::time::sleep(Duration::from_secs(3600)).await,
    }
}

fn is_probe(head: &str) -> bool {
    head.starts_with("GET / HTTP/1.1")
}

fn config(endpoints: Vec<String>) -> ApiConfig {
    ApiConfig {
        endpoints,
        access_key: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_key: Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        connection_timeout: Duration::from_millis(500),
        ..ApiConfig::default()
    }
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// Answers the version probe, drops every other request after reading it.
async fn breaking_server() -> (String, Log) {
    server(|head, _| {
        if is_probe(head) {
            answer("200 OK", "application/json", VERSION_BODY)
        } else {
            Action::Drop
        }
    })
    .await
}

async fn good_server() -> (String, Log) {
    server(|head, _| {
        if is_probe(head) {
            answer("200 OK", "application/json", VERSION_BODY)
        } else {
            answer("200 OK", "application/json", r#"{"ok": true}"#)
        }
    })
    .await
}

#[tokio::test]
async fn a_post_that_reached_the_server_is_not_resent() {
    let (broken, broken_log) = breaking_server().await;
    let (good, good_log) = good_server().await;
    let client = Client::new(config(vec![broken.clone(), good.clone()])).unwrap();
    let err = client
        .send(ApiRequest::post("/session").json(serde_json::json!({"name": "x"})))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Aborted, "{err}");
    assert!(!err.to_string().contains('\n'));
    assert!(
        good_log.lock().unwrap().is_empty(),
        "the POST must not be repeated elsewhere"
    );
    assert_eq!(
        broken_log
            .lock()
            .unwrap()
            .iter()
            .filter(|h| h.starts_with("POST"))
            .count(),
        1
    );

    // An idempotent request is retried on the next endpoint, which then comes first.
    let v: serde_json::Value = client.json(ApiRequest::get("/auth/role")).await.unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(client.endpoints(), vec![good, broken]);
}

#[tokio::test]
async fn a_dead_endpoint_is_skipped_for_any_method() {
    // Bind and drop a listener to get a port that refuses connections.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let (good, good_log) = good_server().await;
    let client = Client::new(config(vec![dead.clone(), good.clone()])).unwrap();
    let resp = client
        .send(ApiRequest::post("/session").json(serde_json::json!({})))
        .await
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(
        good_log
            .lock()
            .unwrap()
            .iter()
            .filter(|h| h.starts_with("POST /session"))
            .count(),
        1
    );
    assert_eq!(client.endpoints()[0], good);
    let info = client.server_info().await.unwrap();
    assert_eq!(info.endpoint, good);
    assert_eq!(info.manager_version.as_deref(), Some("23.09.10"));
}

#[tokio::test]
async fn read_timeout_is_a_timeout_error() {
    let (hang, _) = server(|head, _| {
        if is_probe(head) {
            answer("200 OK", "application/json", VERSION_BODY)
        } else {
            Action::Hang
        }
    })
    .await;
    let mut cfg = config(vec![hang]);
    cfg.read_timeout = Some(Duration::from_millis(300));
    let client = Client::new(cfg).unwrap();
    let t = Instant::now();
    let err = client.send(ApiRequest::get("/x")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
}

#[tokio::test]
async fn version_is_negotiated_down_and_cached() {
    let (url, log) = server(|head, _| {
        if is_probe(head) {
            answer(
                "200 OK",
                "application/json",
                r#"{"version": "v6.20220615", "manager": "22.09"}"#,
            )
        } else {
            answer("200 OK", "application/json", "{}")
        }
    })
    .await;
    let client = Client::new(config(vec![url])).unwrap();
    assert_eq!(
        client.api_version().await.unwrap().to_string(),
        "v6.20220615"
    );
    client.send(ApiRequest::get("/a")).await.unwrap();
    client.send(ApiRequest::get("/b")).await.unwrap();
    let log = log.lock().unwrap();
    assert_eq!(
        log.iter().filter(|h| is_probe(h)).count(),
        1,
        "one probe per endpoint"
    );
    let a = log.iter().find(|h| h.starts_with("GET /a ")).unwrap();
    assert_eq!(header(a, "X-BackendAI-Version"), Some("v6.20220615"));
    assert_eq!(header(a, "Content-Type"), Some("text/plain"));
    assert!(header(a, "Authorization")
        .unwrap()
        .starts_with("BackendAI signMethod=HMAC-SHA256, credential=AKIAIOSFODNN7EXAMPLE:"));
}

#[tokio::test]
async fn error_answers_are_typed() {
    let (url, _) = server(|head, _| {
        if is_probe(head) {
            answer("200 OK", "application/json", VERSION_BODY)
        } else if head.starts_with("GET /denied") {
            answer(
                "401 Unauthorized",
                "application/problem+json",
                r#"{"type": "https://api.backend.ai/probs/auth-failed", "title": "Credential/signature mismatch."}"#,
            )
        } else {
            answer("502 Bad Gateway", "text/html", "<html>\nbad\n</html>")
        }
    })
    .await;
    let client = Client::new(config(vec![url])).unwrap();
    let e = client.send(ApiRequest::get("/denied")).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::AuthFailed, Some(401)));
    assert_eq!(
        e.to_string(),
        "401 Unauthorized: Credential/signature mismatch."
    );
    let e = client.send(ApiRequest::get("/other")).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Unavailable, Some(502)));
    assert!(!e.to_string().contains('\n'), "{e}");
}

#[tokio::test]
async fn sse_reconnects_with_a_fresh_signature_and_last_event_id() {
    let (url, log) = server(|head, _| {
        if is_probe(head) {
            return answer("200 OK", "application/json", VERSION_BODY);
        }
        if header(head, "Last-Event-ID").is_none() {
            answer("200 OK", "text/event-stream", "retry: 50\nid: 7\nevent: first\ndata: 1\n\nevent: cut\ndata: unterminated\n")
        } else {
            answer("200 OK", "text/event-stream", ": hi\nevent: second\ndata: 2\n\nevent: server_close\ndata: {}\n\nevent: after\ndata: x\n\n")
        }
    })
    .await;
    let client = Client::new(config(vec![url])).unwrap();
    let req = ApiRequest::get("/events/background-task").query("task_id", "t1");
    let events: Vec<_> =
        tokio::time::timeout(Duration::from_secs(10), client.sse(req).collect::<Vec<_>>())
            .await
            .unwrap();
    let names: Vec<_> = events.into_iter().map(|e| e.unwrap().event).collect();
    assert_eq!(names, ["first", "second", "server_close"]);
    let log = log.lock().unwrap();
    let subs: Vec<_> = log
        .iter()
        .filter(|h| h.starts_with("GET /events/background-task?task_id=t1 "))
        .collect();
    assert_eq!(subs.len(), 2);
    assert_eq!(header(subs[1], "Last-Event-ID"), Some("7"));
    // SSE requests carry no Content-Type (signed as application/octet-stream)...
    assert_eq!(header(subs[0], "Content-Type"), None);
    // ...and each attempt is signed afresh.
    assert_ne!(header(subs[0], "Date"), header(subs[1], "Date"));
    assert_ne!(
        header(subs[0], "Authorization"),
        header(subs[1], "Authorization")
    );
}

#[tokio::test]
async fn sse_error_answer_ends_the_stream_with_an_error() {
    let (url, _) = server(|head, _| {
        if is_probe(head) {
            answer("200 OK", "application/json", VERSION_BODY)
        } else {
            answer("404 Not Found", "application/problem+json", r#"{"type": "https://api.backend.ai/probs/session-not-found", "title": "No such session."}"#)
        }
    })
    .await;
    let client = Client::new(config(vec![url])).unwrap();
    let items: Vec<_> = client
        .sse(ApiRequest::get("/events/session").query("sessionName", "x"))
        .collect()
        .await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap_err().kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn streaming_bodies_are_sent_once_with_their_length() {
    let (url, log) = good_server().await;
    let client = Client::new(config(vec![url])).unwrap();
    let chunks = vec![
        Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"hello ")),
        Ok(bytes::Bytes::from_static(b"world")),
    ];
    let body =
        backendai_sdk::StreamingBody::new(futures_util::stream::iter(chunks), "").with_length(11);
    let req = ApiRequest::post("/upload").stream(body);
    assert!(!req.idempotent);
    client.send(req.clone()).await.unwrap();
    {
        let log = log.lock().unwrap();
        let up = log.iter().find(|h| h.starts_with("POST /upload ")).unwrap();
        assert_eq!(header(up, "Content-Type"), Some("application/octet-stream"));
        assert_eq!(header(up, "Content-Length"), Some("11"));
        assert!(up.ends_with("\r\n\r\nhello world"), "{up}");
    }
    // The clone shares the consumed stream: a second send is refused, not silently empty.
    let err = client.send(req).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}
