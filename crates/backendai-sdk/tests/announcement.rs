//! The announcement hook (spec/protocol.md §5.5) against an in-process manager: the handler
//! is called once per client with the message of an enabled announcement, never for a
//! disabled one, and a failing or slow announcement request never delays or fails the
//! caller's requests.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backendai_core::config::{AnnouncementHandler, ApiConfig};
use backendai_core::Secret;
use backendai_sdk::{ApiRequest, Client};
use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response};

mod common;

/// What `GET /manager/announcement` answers.
#[derive(Clone, Copy)]
enum Answer {
    Enabled,
    Disabled,
    ServerError,
    /// The enabled announcement after 5 s.
    Slow,
}

const MESSAGE: &str = "Maintenance on Friday 18:00 UTC.\nSave your work.";

#[derive(Clone)]
struct Server {
    answer: Answer,
    announcement_requests: Arc<AtomicUsize>,
}

async fn handle(
    server: Server,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let json = |status: u16, body: serde_json::Value| {
        Response::builder()
            .status(status)
            .header("Content-Type", "application/json")
            .body(Full::new(Bytes::from(body.to_string())))
            .map_err(std::io::Error::other)
    };
    match req.uri().path() {
        "/" => json(
            200,
            serde_json::json!({"version": "v7.20230615", "manager": "23.09.10"}),
        ),
        "/manager/announcement" => {
            server.announcement_requests.fetch_add(1, Ordering::SeqCst);
            assert!(
                req.headers().contains_key("authorization"),
                "the announcement request is signed"
            );
            match server.answer {
                Answer::Enabled => json(
                    200,
                    serde_json::json!({"enabled": true, "message": MESSAGE}),
                ),
                Answer::Disabled => json(
                    200,
                    serde_json::json!({"enabled": false, "message": "old news"}),
                ),
                Answer::ServerError => json(
                    500,
                    serde_json::json!({"type": "https://api.backend.ai/probs/internal-server-error", "title": "boom"}),
                ),
                Answer::Slow => {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    json(
                        200,
                        serde_json::json!({"enabled": true, "message": MESSAGE}),
                    )
                }
            }
        }
        "/echo" => json(200, serde_json::json!({"ok": true})),
        _ => json(404, serde_json::json!({"title": "not found"})),
    }
}

struct Fixture {
    addr: SocketAddr,
    announcement_requests: Arc<AtomicUsize>,
}

async fn start(answer: Answer) -> Fixture {
    let server = Server {
        answer,
        announcement_requests: Arc::new(AtomicUsize::new(0)),
    };
    let announcement_requests = server.announcement_requests.clone();
    let addr = common::serve(move |req| handle(server.clone(), req)).await;
    Fixture {
        addr,
        announcement_requests,
    }
}

type Seen = Arc<Mutex<Vec<String>>>;

fn client(addr: SocketAddr, with_handler: bool) -> (Client, Seen) {
    let seen: Seen = Arc::default();
    let sink = seen.clone();
    let handler = with_handler
        .then(|| AnnouncementHandler::new(move |m: &str| sink.lock().unwrap().push(m.to_owned())));
    let client = Client::new(ApiConfig {
        endpoints: vec![format!("http://{addr}")],
        access_key: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_key: Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        connection_timeout: Duration::from_secs(3),
        read_timeout: Some(Duration::from_secs(10)),
        announcement_handler: handler,
        ..ApiConfig::default()
    })
    .unwrap();
    (client, seen)
}

async fn echo(client: &Client) {
    let v: serde_json::Value = client.json(ApiRequest::get("/echo")).await.unwrap();
    assert_eq!(v["ok"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enabled_announcement_reaches_the_handler_once_per_client() {
    let f = start(Answer::Enabled).await;
    let (c, seen) = client(f.addr, true);
    for _ in 0..3 {
        echo(&c).await;
    }
    // A clone shares the once-per-client state.
    echo(&c.clone()).await;
    assert!(c.wait_for_announcement(Duration::from_secs(5)).await);
    assert_eq!(*seen.lock().unwrap(), [MESSAGE]);
    assert_eq!(f.announcement_requests.load(Ordering::SeqCst), 1);

    // A second client checks again.
    let (c2, seen2) = client(f.addr, true);
    echo(&c2).await;
    assert!(c2.wait_for_announcement(Duration::from_secs(5)).await);
    assert_eq!(*seen2.lock().unwrap(), [MESSAGE]);
    assert_eq!(f.announcement_requests.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn works_on_a_current_thread_runtime() {
    let f = start(Answer::Enabled).await;
    let (c, seen) = client(f.addr, true);
    echo(&c).await;
    assert!(c.wait_for_announcement(Duration::from_secs(5)).await);
    assert_eq!(*seen.lock().unwrap(), [MESSAGE]);
}

#[tokio::test]
async fn disabled_announcement_is_not_shown() {
    let f = start(Answer::Disabled).await;
    let (c, seen) = client(f.addr, true);
    echo(&c).await;
    echo(&c).await;
    assert!(c.wait_for_announcement(Duration::from_secs(5)).await);
    assert!(seen.lock().unwrap().is_empty());
    assert_eq!(f.announcement_requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn failing_announcement_request_is_ignored() {
    let f = start(Answer::ServerError).await;
    let (c, seen) = client(f.addr, true);
    echo(&c).await;
    assert!(c.wait_for_announcement(Duration::from_secs(5)).await);
    echo(&c).await;
    assert!(seen.lock().unwrap().is_empty());
    assert_eq!(f.announcement_requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn slow_announcement_never_delays_requests() {
    let f = start(Answer::Slow).await;
    let (c, seen) = client(f.addr, true);
    let t = Instant::now();
    for _ in 0..3 {
        echo(&c).await;
    }
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "requests waited for the announcement: {:?}",
        t.elapsed()
    );
    let t = Instant::now();
    assert!(!c.wait_for_announcement(Duration::from_millis(50)).await);
    assert!(t.elapsed() < Duration::from_secs(1));
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn without_a_handler_nothing_is_fetched() {
    let f = start(Answer::Enabled).await;
    let (c, _) = client(f.addr, false);
    echo(&c).await;
    assert!(c.wait_for_announcement(Duration::from_millis(10)).await);
    // Give a stray task the chance to run.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(f.announcement_requests.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn unreachable_server_fails_only_the_request() {
    // A closed port: negotiation fails, so no announcement is fetched and the error is the
    // request's own.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let (c, seen) = client(addr, true);
    let err = c.send(ApiRequest::get("/echo")).await.unwrap_err();
    assert_eq!(err.kind(), backendai_core::error::ErrorKind::Connect);
    assert!(c.wait_for_announcement(Duration::from_millis(10)).await);
    assert!(seen.lock().unwrap().is_empty());
}
