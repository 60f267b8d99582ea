//! The in-process 26.9 manager shared by the offline 26.9 CLI tests (`cli_26_9*.rs`,
//! `live_26_9_ops.rs`): no 26.9 manager exists here (the live stack is 23.09.10), so this
//! server answers `GET /` with a chosen API version and every other request with a canned
//! answer, and records what it was sent (the version probe and the background announcement
//! fetch excluded). Needs `mod common;` next to `mod common_v26;` in the test crate.
#![allow(dead_code)]

use std::io::{BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

pub use crate::common::Seen;
use crate::common::{read_request, run, Out, Sandbox};

/// The API version a 26.9 manager reports.
pub const V9: &str = "v9.20250722";

/// Canned JSON answers: (method, path, status, body). A string body starting with `event:`
/// is an SSE stream, sent as is.
pub type Routes = Vec<(&'static str, String, u16, Value)>;

/// Canned raw answers, all status 200: (method, path, content type, body text).
pub type RawRoutes = Vec<(&'static str, &'static str, &'static str, String)>;

/// One canned answer as sent: status, content type, body text.
struct Canned {
    method: String,
    path: String,
    status: u16,
    ctype: &'static str,
    text: String,
}

pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts a server reporting `api_version` on `GET /` and answering `routes`; anything
    /// else gets a 404 problem.
    pub fn start(api_version: &str, routes: Routes) -> Server {
        let canned = routes
            .into_iter()
            .map(|(method, path, status, body)| {
                let (ctype, text) = match body {
                    Value::String(s) if s.starts_with("event:") => ("text/event-stream", s),
                    other => ("application/json", other.to_string()),
                };
                Canned {
                    method: method.to_owned(),
                    path,
                    status,
                    ctype,
                    text,
                }
            })
            .collect();
        Self::serve(api_version, canned, "application/json")
    }

    /// Starts a server reporting API v9 and answering one route (`method`, `path`) with 200
    /// and `body`.
    pub fn one(method: &'static str, path: &str, body: Value) -> Server {
        Self::start(V9, vec![(method, path.to_owned(), 200, body)])
    }

    /// Starts a server reporting API v9 on `GET /` and answering `routes` (200, their own
    /// content types); anything else gets a 404 `application/problem+json`.
    pub fn start_raw(routes: RawRoutes) -> Server {
        let canned = routes
            .into_iter()
            .map(|(method, path, ctype, text)| Canned {
                method: method.to_owned(),
                path: path.to_owned(),
                status: 200,
                ctype,
                text,
            })
            .collect();
        Self::serve(V9, canned, "application/problem+json")
    }

    fn serve(api_version: &str, routes: Vec<Canned>, not_found_ctype: &'static str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let seen2 = seen.clone();
        let version = json!({"version": api_version, "manager": "26.9.6"}).to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let Ok(clone) = stream.try_clone() else {
                    continue;
                };
                let Some(req) = read_request(&mut BufReader::new(clone)) else {
                    continue;
                };
                let (code, ctype, text) = if req.path == "/" {
                    (200, "application/json", version.clone())
                } else if req.path == "/manager/announcement" {
                    // `bai` checks it in the background after negotiating: not recorded.
                    let t = json!({"enabled": false, "message": ""}).to_string();
                    (200, "application/json", t)
                } else {
                    seen2.lock().unwrap().push(req.clone());
                    routes
                        .iter()
                        .find(|r| r.method == req.method && r.path == req.path)
                        .map(|r| (r.status, r.ctype, r.text.clone()))
                        .unwrap_or_else(|| {
                            let problem = json!({"type": "https://api.backend.ai/probs/not-found",
                                                 "title": "no such route"});
                            (404, not_found_ctype, problem.to_string())
                        })
                };
                let resp = format!(
                    "HTTP/1.1 {code} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                );
                let _ = stream.write_all(resp.as_bytes());
            }
        });
        Server { url, seen }
    }

    /// The requests seen so far (the version probe and announcement check excluded).
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// A sandbox whose `bai` offers API v9 (config file `api_version`).
pub fn sandbox_v9() -> Sandbox {
    let sb = Sandbox::new();
    write_v9_config(&sb);
    sb
}

fn write_v9_config(sb: &Sandbox) {
    let dir = sb.home.path().join(".config/backend.ai");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), format!("api_version = \"{V9}\"\n")).unwrap();
}

/// `bai` at `server`, speaking API v9 (config file), with `args`.
pub fn bai(sb: &Sandbox, server: &Server, args: &[&str]) -> Out {
    write_v9_config(sb);
    let mut c = sb.bai_at(&server.url, "AKIAIOSFODNN7EXAMPLE", "secret");
    c.args(args).timeout(std::time::Duration::from_secs(30));
    run(c)
}

/// Asserts `out` exited 0 (showing both streams when not).
pub fn ok(out: &Out) {
    assert_eq!(
        out.code, 0,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
}

/// Asserts `out` exited 0 and parses its stdout as JSON.
pub fn json_out(out: &Out) -> Value {
    ok(out);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", out.stdout))
}
