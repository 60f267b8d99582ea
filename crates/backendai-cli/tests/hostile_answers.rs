//! `bai` against servers that misbehave, each an in-process server so the fault is exact and
//! repeatable (a real manager cannot be made to stall, truncate or lie on cue): what the user
//! sees is one line on stderr, exit 1, within the time the user allowed, never a panic.

mod common;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{run, Out, Sandbox};

/// Accepts connections and never answers (a SIGSTOPped manager: the kernel still completes
/// the TCP handshake). Keeps every connection open until the test ends.
fn stalled_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let held: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            held.lock().unwrap().push(s);
        }
    });
    url
}

/// Answers `GET /` (the version probe) with `probe`, every other request with `answer`.
fn server(probe: Vec<u8>, answer: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let (probe, answer) = (probe.clone(), answer.clone());
            std::thread::spawn(move || {
                let Some(head) = read_head(&mut s) else {
                    return;
                };
                let out = if head.starts_with("GET / ") {
                    probe
                } else {
                    answer
                };
                let _ = s.write_all(&out);
            });
        }
    });
    url
}

/// Reads a request head (and a Content-Length body) and returns the head.
fn read_head(s: &mut TcpStream) -> Option<String> {
    common::read_raw_request(s).map(|(head, _)| head)
}

fn http(status: &str, ctype: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

const VERSION: &str = r#"{"version": "v7.20230615", "manager": "23.09.10"}"#;

/// One line on stderr, exit 1, no panic or backtrace.
fn assert_one_line_failure(out: &Out, what: &str) {
    assert_eq!(out.code, 1, "{what}: exit {}\n{}", out.code, out.stderr);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: stderr not one line:\n{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{what}: {}", out.stderr);
    assert!(!out.stderr.contains("backtrace"), "{what}: {}", out.stderr);
}

#[test]
fn a_stalled_manager_fails_within_the_read_timeout() {
    let url = stalled_server();
    let sb = Sandbox::new();
    for args in [&["ps"][..], &["admin", "session", "list"][..]] {
        let mut cmd = sb.bai_at(&url, "AKIAIOSFODNN7EXAMPLE", "secret");
        cmd.env("BACKEND_READ_TIMEOUT", "2")
            .env("BACKEND_CONNECTION_TIMEOUT", "10")
            .args(args)
            .timeout(Duration::from_secs(60));
        let t = Instant::now();
        let out = run(cmd);
        let took = t.elapsed();
        assert_one_line_failure(&out, &format!("{args:?}"));
        assert!(out.stderr.contains("read timeout"), "{}", out.stderr);
        // The probe and the request share the 2 s budget; the margin is for process start.
        assert!(took < Duration::from_millis(3500), "{args:?} took {took:?}");
        assert!(took >= Duration::from_secs(2), "{args:?} took {took:?}");
    }
}

#[test]
fn a_manager_that_stalls_after_the_probe_fails_within_the_read_timeout() {
    let url = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        std::thread::spawn(move || {
            for mut s in listener.incoming().flatten() {
                std::thread::spawn(move || {
                    while let Some(head) = read_head(&mut s) {
                        if head.starts_with("GET / ") {
                            // Slow probe: 1.2 s of the 2 s budget.
                            std::thread::sleep(Duration::from_millis(1200));
                            let mut a = http("200 OK", "application/json", VERSION);
                            // keep-alive: drop "Connection: close" so the request reuses it
                            a = String::from_utf8(a)
                                .unwrap()
                                .replace("Connection: close\r\n", "")
                                .into_bytes();
                            let _ = s.write_all(&a);
                        } else {
                            std::thread::sleep(Duration::from_secs(60));
                        }
                    }
                });
            }
        });
        url
    };
    let sb = Sandbox::new();
    let mut cmd = sb.bai_at(&url, "AKIAIOSFODNN7EXAMPLE", "secret");
    cmd.env("BACKEND_READ_TIMEOUT", "2")
        .arg("ps")
        .timeout(Duration::from_secs(60));
    let t = Instant::now();
    let out = run(cmd);
    let took = t.elapsed();
    assert_one_line_failure(&out, "ps");
    assert!(took < Duration::from_millis(3500), "took {took:?}");
}

#[test]
fn broken_answers_are_one_line_errors() {
    let big_html = format!(
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n{}</body>\n</html>\n",
        "<p>nginx</p>\n".repeat(20_000)
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "truncated JSON",
            http("200 OK", "application/json", r#"{"compute_session_list": {"items": [{"#),
        ),
        (
            "an HTML 502 page from a proxy",
            http("502 Bad Gateway", "text/html", &big_html),
        ),
        (
            "200 with a non-JSON body",
            http("200 OK", "application/json", "<html>hello</html>"),
        ),
        (
            "a body shorter than its Content-Length",
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n{\"data\": ".to_vec(),
        ),
    ];
    let sb = Sandbox::new();
    for (what, answer) in cases {
        let url = server(http("200 OK", "application/json", VERSION), answer);
        let mut cmd = sb.bai_at(&url, "AKIAIOSFODNN7EXAMPLE", "secret");
        cmd.env("BACKEND_READ_TIMEOUT", "5")
            .arg("ps")
            .timeout(Duration::from_secs(60));
        let out = run(cmd);
        assert_one_line_failure(&out, what);
        assert!(out.stderr.len() < 600, "{what}: {}", out.stderr);
    }
}
