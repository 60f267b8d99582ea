//! Server announcements in `bai` against an in-process manager: shown once per message (the
//! hash kept in `<state_dir>/announcement.json`), never with `--quiet`, `-o json` or local
//! commands, and a slow announcement never keeps a command alive.

mod common;

use std::io::{BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{run, Sandbox};

/// What the mock answers for `GET /manager/announcement`.
#[derive(Clone)]
struct Announce {
    enabled: bool,
    message: String,
    delay: Duration,
}

struct Mock {
    url: String,
    announce: Arc<Mutex<Announce>>,
    seen: Arc<Mutex<Vec<String>>>,
}

/// A manager: `GET /` (version), `GET /manager/announcement`, and an empty session list for
/// everything else. One thread per connection.
fn start() -> Mock {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let announce = Arc::new(Mutex::new(Announce {
        enabled: true,
        message: "Maintenance on Friday.".into(),
        delay: Duration::ZERO,
    }));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (a2, s2) = (announce.clone(), seen.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let (a, s) = (a2.clone(), s2.clone());
            std::thread::spawn(move || serve(stream, &a, &s));
        }
    });
    Mock {
        url,
        announce,
        seen,
    }
}

fn serve(mut stream: std::net::TcpStream, announce: &Mutex<Announce>, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let Some(req) = common::read_request(&mut reader) else {
            return;
        };
        let path = req.path;
        seen.lock().unwrap().push(path.clone());
        let text = match path.as_str() {
            "/" => r#"{"version": "v7.20230615", "manager": "23.09.10"}"#.to_owned(),
            "/manager/announcement" => {
                let a = announce.lock().unwrap().clone();
                std::thread::sleep(a.delay);
                serde_json::json!({"enabled": a.enabled, "message": a.message}).to_string()
            }
            _ => serde_json::json!({"data": {"compute_session_list": {"total_count": 0, "items": []}}})
                .to_string(),
        };
        let resp = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{text}",
            text.len()
        );
        if stream.write_all(resp.as_bytes()).is_err() {
            return;
        }
    }
}

fn bai(sb: &Sandbox, mock: &Mock, args: &[&str]) -> common::Out {
    let mut c = sb.bai_at(
        &mock.url,
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    );
    c.args(args).timeout(Duration::from_secs(30));
    let out = run(c);
    assert_eq!(out.code, 0, "bai {args:?}: {}", out.stderr);
    out
}

fn announcement_requests(mock: &Mock) -> usize {
    mock.seen
        .lock()
        .unwrap()
        .iter()
        .filter(|p| *p == "/manager/announcement")
        .count()
}

fn state_file(sb: &Sandbox) -> std::path::PathBuf {
    sb.home
        .path()
        .join(".local/state/backend.ai/announcement.json")
}

/// Runs `bai ps` until the announcement shows. bai waits only a few milliseconds for the
/// background fetch at exit (it never delays a command), so on a loaded machine a run may end
/// before the fetch did; the message then shows on a later run, still exactly once.
fn ps_until_shown(sb: &Sandbox, mock: &Mock, message: &str) -> common::Out {
    for _ in 0..20 {
        let out = bai(sb, mock, &["ps"]);
        if out.stderr.contains(message) {
            return out;
        }
    }
    panic!("{message:?} never shown in 20 runs");
}

#[test]
fn shown_once_per_message() {
    let sb = Sandbox::new();
    let mock = start();
    let out = ps_until_shown(&sb, &mock, "Maintenance");
    assert!(
        out.stderr
            .contains("----------\nMaintenance on Friday.\n----------\n"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("Maintenance").count(), 1);
    let state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(state_file(&sb)).unwrap()).unwrap();
    // sha256("Maintenance on Friday.")
    assert_eq!(state["dismissed"], false);
    assert_eq!(state["hash"].as_str().unwrap().len(), 64);

    let fetched = announcement_requests(&mock);
    let out = bai(&sb, &mock, &["ps"]);
    assert!(!out.stderr.contains("Maintenance"), "{}", out.stderr);
    // At most once per run (under load the run may end before its fetch is sent).
    assert!(
        announcement_requests(&mock) <= fetched + 1,
        "fetched once per run"
    );

    mock.announce.lock().unwrap().message = "New release!".into();
    ps_until_shown(&sb, &mock, "New release!");
    let out = bai(&sb, &mock, &["ps"]);
    assert!(!out.stderr.contains("New release!"), "{}", out.stderr);
}

#[test]
fn disabled_quiet_json_and_local_commands_show_nothing() {
    let sb = Sandbox::new();
    let mock = start();
    for args in [&["-q", "ps"][..], &["-o", "json", "ps"], &["ps", "-q"]] {
        let out = bai(&sb, &mock, args);
        assert!(
            !out.stderr.contains("Maintenance"),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert_eq!(
        announcement_requests(&mock),
        0,
        "no fetch in quiet/json mode"
    );
    assert!(!state_file(&sb).exists());
    for args in [
        &["config"][..],
        &["config", "show"],
        &["completion", "bash"],
    ] {
        let out = bai(&sb, &mock, args);
        assert!(!out.stderr.contains("Maintenance"), "{args:?}");
    }
    assert_eq!(announcement_requests(&mock), 0);

    mock.announce.lock().unwrap().enabled = false;
    let out = bai(&sb, &mock, &["ps"]);
    assert!(!out.stderr.contains("Maintenance"), "{}", out.stderr);
    assert_eq!(announcement_requests(&mock), 1);
    assert!(!state_file(&sb).exists());
}

#[test]
fn slow_announcement_does_not_keep_the_command_alive() {
    let sb = Sandbox::new();
    let mock = start();
    mock.announce.lock().unwrap().delay = Duration::from_secs(5);
    let t = Instant::now();
    let out = bai(&sb, &mock, &["ps"]);
    let took = t.elapsed();
    assert!(took < Duration::from_secs(3), "bai ps took {took:?}");
    assert!(!out.stderr.contains("Maintenance"), "{}", out.stderr);
    assert_eq!(announcement_requests(&mock), 1);
    assert!(!state_file(&sb).exists(), "not shown, so not stored");
}
