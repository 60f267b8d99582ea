//! An in-process stand-in for the manager's app proxy: verifies the request signature of the
//! WebSocket upgrade exactly like the real manager, then relays binary frames to a local TCP
//! target. Half-close is emulated properly (a client close frame shuts the target's write
//! side and the target's answer still flows back), so tests can pin the client's behaviour.
#![allow(dead_code)]

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use backendai_core::auth::{sign, HashType, SignDate, SignInput};
use bytes::BytesMut;
use futures_util::{SinkExt, StreamExt};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// How the manager treats requests.
#[derive(Clone, Default)]
pub struct ManagerConfig {
    /// access key → secret key.
    pub keys: HashMap<String, String>,
    /// app name → local TCP target.
    pub apps: HashMap<String, SocketAddr>,
    /// Answer every upgrade with this status instead (403/404/500 tests).
    pub refuse_with: Option<u16>,
}

/// A running test manager.
pub struct TestManager {
    pub addr: SocketAddr,
    pub upgrades: Arc<AtomicUsize>,
    pub active: Arc<AtomicUsize>,
    pub rejected_signatures: Arc<AtomicUsize>,
}

pub const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
pub const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

impl ManagerConfig {
    pub fn with_default_key() -> Self {
        let mut c = Self::default();
        c.keys.insert(ACCESS_KEY.into(), SECRET_KEY.into());
        c
    }

    pub fn app(mut self, name: &str, target: SocketAddr) -> Self {
        self.apps.insert(name.into(), target);
        self
    }
}

pub async fn start(config: ManagerConfig) -> TestManager {
    start_on("127.0.0.1:0", config).await
}

pub async fn start_on(bind: &str, config: ManagerConfig) -> TestManager {
    let listener = TcpListener::bind(bind).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = Arc::new(State {
        config,
        upgrades: Arc::default(),
        active: Arc::default(),
        rejected: Arc::default(),
    });
    let manager = TestManager {
        addr,
        upgrades: state.upgrades.clone(),
        active: state.active.clone(),
        rejected_signatures: state.rejected.clone(),
    };
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                continue;
            };
            let _ = socket.set_nodelay(true);
            let state = state.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| handle(state.clone(), req));
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(socket), service)
                    .with_upgrades()
                    .await;
            });
        }
    });
    manager
}

struct State {
    config: ManagerConfig,
    upgrades: Arc<AtomicUsize>,
    active: Arc<AtomicUsize>,
    rejected: Arc<AtomicUsize>,
}

fn json(status: StatusCode, body: serde_json::Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap()
}

/// Re-computes the signature the way manager 23.09 does (raw path, raw Date, Host as received,
/// media type without parameters defaulting to application/octet-stream).
fn verify(state: &State, req: &Request<Incoming>) -> Result<(), String> {
    let h = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let auth = h("authorization").ok_or("missing Authorization")?;
    let rest = auth
        .strip_prefix("BackendAI signMethod=HMAC-")
        .ok_or("bad Authorization")?;
    let (hash, cred) = rest
        .split_once(", credential=")
        .ok_or("bad Authorization")?;
    let (ak, sig) = cred.split_once(':').ok_or("bad credential")?;
    let secret = state.config.keys.get(ak).ok_or("unknown access key")?;
    let hash_type: HashType = hash.to_ascii_lowercase().parse().map_err(|_| "bad hash")?;
    let date_raw = h("date").ok_or("missing Date")?;
    let date = SignDate::parse_isoformat(date_raw).map_err(|e| e.to_string())?;
    let version = h("x-backendai-version").ok_or("missing version")?;
    let host = h("host").ok_or("missing Host")?;
    let content_type = h("content-type")
        .map(|c| c.split(';').next().unwrap_or("").trim().to_owned())
        .unwrap_or_else(|| "application/octet-stream".into());
    let rel = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let signed = sign(&SignInput {
        method: req.method().as_str(),
        rel_url: rel,
        host,
        date: &date,
        content_type: &content_type,
        api_version: version,
        access_key: ak,
        secret_key: secret,
        hash_type,
        body: b"",
    });
    if signed.date != date_raw || !signed.authorization.ends_with(&format!(":{sig}")) {
        return Err("Signature mismatch".into());
    }
    Ok(())
}

async fn handle(
    state: Arc<State>,
    mut req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    if req.uri().path() == "/" || req.uri().path() == "/func/" {
        // Version negotiation is unsigned, as on the real manager.
        return Ok(json(
            StatusCode::OK,
            serde_json::json!({"version": "v7.20230615", "manager": "23.09.10"}),
        ));
    }
    if let Err(msg) = verify(&state, &req) {
        state.rejected.fetch_add(1, Ordering::Relaxed);
        return Ok(json(
            StatusCode::UNAUTHORIZED,
            serde_json::json!({"type": "https://api.backend.ai/probs/auth-failed", "title": msg}),
        ));
    }
    let path = req.uri().path().to_owned();
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let query: HashMap<String, String> = req.uri().query().map(url_pairs).unwrap_or_default();
    match parts.as_slice() {
        ["stream", "session", _name, "apps"] => {
            let apps: Vec<serde_json::Value> = state
                .config
                .apps
                .keys()
                .map(|name| serde_json::json!({"name": name, "protocol": if name == "jupyter" { "http" } else { "tcp" }, "ports": [8080]}))
                .collect();
            Ok(json(StatusCode::OK, serde_json::Value::Array(apps)))
        }
        ["stream", "session", _name, "tcpproxy" | "httpproxy"] => {
            if let Some(code) = state.config.refuse_with {
                return Ok(json(
                    StatusCode::from_u16(code).unwrap(),
                    serde_json::json!({"type": "https://api.backend.ai/probs/generic-error", "title": "refused by test"}),
                ));
            }
            let app = query.get("app").cloned().unwrap_or_default();
            let Some(target) = state.config.apps.get(&app).copied() else {
                return Ok(json(
                    StatusCode::NOT_FOUND,
                    serde_json::json!({"type": "https://api.backend.ai/probs/object-not-found", "title": "no such app"}),
                ));
            };
            let Some(key) = req.headers().get("sec-websocket-key").cloned() else {
                return Ok(json(
                    StatusCode::BAD_REQUEST,
                    serde_json::json!({"title": "not a websocket"}),
                ));
            };
            let accept = derive_accept_key(key.as_bytes());
            let upgrade = hyper::upgrade::on(&mut req);
            state.upgrades.fetch_add(1, Ordering::Relaxed);
            let active = state.active.clone();
            tokio::spawn(async move {
                let Ok(upgraded) = upgrade.await else { return };
                let ws =
                    WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None)
                        .await;
                active.fetch_add(1, Ordering::Relaxed);
                if let Ok(tcp) = TcpStream::connect(target).await {
                    let _ = tcp.set_nodelay(true);
                    pipe(ws, tcp).await;
                }
                active.fetch_sub(1, Ordering::Relaxed);
            });
            Ok(Response::builder()
                .status(StatusCode::SWITCHING_PROTOCOLS)
                .header("upgrade", "websocket")
                .header("connection", "Upgrade")
                .header("sec-websocket-accept", accept)
                .body(Full::new(Bytes::new()))
                .unwrap())
        }
        _ => Ok(json(
            StatusCode::NOT_FOUND,
            serde_json::json!({"type": "https://api.backend.ai/probs/object-not-found", "title": "Not Found"}),
        )),
    }
}

fn url_pairs(q: &str) -> HashMap<String, String> {
    q.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.replace('+', " ")))
        .collect()
}

async fn pipe(ws: WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>, tcp: TcpStream) {
    let (mut sink, mut stream) = ws.split();
    let (mut tr, mut tw) = tcp.into_split();
    let to_target = async move {
        while let Some(Ok(msg)) = stream.next().await {
            match msg {
                Message::Binary(b) if tw.write_all(&b).await.is_err() => break,
                Message::Binary(_) => {}
                Message::Close(_) => break,
                _ => {}
            }
        }
        // Client closed: the target sees EOF on its read side, and may still answer.
        let _ = tw.shutdown().await;
    };
    let from_target = async move {
        // Read straight into the frame's buffer (no copy); the allocation is reused once the
        // previous frame has been written out.
        let mut buf = BytesMut::new();
        loop {
            buf.reserve(256 * 1024);
            match tr.read_buf(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if sink
                        .send(Message::Binary(buf.split().freeze()))
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
            }
        }
        // close() also flushes the automatic reply to a client's close frame.
        let _ = sink.close().await;
    };
    tokio::join!(to_target, from_target);
}

/// A TCP echo server; returns its address. Its listen queue is 1024 deep (std's default of
/// 128 drops SYNs in the bench's 1 000-connection burst, which would measure the kernel's 1 s
/// retransmit instead of the relays). The manager's own listener keeps 128, like aiohttp's.
pub async fn echo_server() -> SocketAddr {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_reuseaddr(true).unwrap();
    socket.bind(([127, 0, 0, 1], 0).into()).unwrap();
    let listener = socket.listen(1024).unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                continue;
            };
            let _ = s.set_nodelay(true);
            tokio::spawn(async move {
                let (mut r, mut w) = s.split();
                let _ = tokio::io::copy(&mut r, &mut w).await;
                let _ = w.shutdown().await;
            });
        }
    });
    addr
}
