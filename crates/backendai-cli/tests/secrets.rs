//! Secrets never leak (issue 17 item 8): with `-vv` and `RUST_LOG=trace`, the secret key,
//! the session cookie, the login password, storage-proxy tokens and the AIME keys appear in no
//! output and in no file under the sandbox's config/state/cache dirs except the credential
//! files, which are mode 0600.
//!
//! The manager side is an in-process server (it must hand out a cookie and a storage token
//! the test knows); against the live stack (BACKEND_ENDPOINT set) the same checks run on real
//! requests, with the real (JWT) upload tokens recognised by their `eyJ` prefix.

#[path = "../../backendai-sdk/tests/support/aime_server.rs"]
mod aime_server;
mod common;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{run, Out, Sandbox};

const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET_KEY: &str = "sEcReT-kEy-5b1e0c8d4f2a9e7b3c6d0a1f";
const PASSWORD: &str = "pAsSwOrD-9f8e7d6c";
const COOKIE: &str = "cOoKiE-a1b2c3d4e5f6a7b8c9d0";
const TOKEN: &str = "tOkEn-0f1e2d3c4b5a69788796";

/// Every file under `dir` with its mode and contents.
fn files(dir: &Path, out: &mut Vec<(String, u32, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            files(&p, out);
        } else if meta.is_file() {
            let data = std::fs::read(&p).unwrap_or_default();
            out.push((
                p.display().to_string(),
                meta.permissions().mode() & 0o777,
                data,
            ));
        }
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// No secret in the outputs; in files only in 0600 files named in `credential_files`.
fn assert_no_leak(
    outs: &[(String, Out)],
    home: &Path,
    secrets: &[&str],
    credential_files: &[&str],
) {
    for (what, out) in outs {
        for s in secrets {
            assert!(
                !out.stdout.contains(s) && !out.stderr.contains(s),
                "{what}: a secret ({}...) was printed\nstdout: {}\nstderr: {}",
                &s[..6],
                out.stdout,
                out.stderr
            );
        }
        assert!(!out.stderr.contains("panicked"), "{what}: {}", out.stderr);
    }
    let mut all = Vec::new();
    files(home, &mut all);
    for (path, mode, data) in &all {
        for s in secrets {
            if contains(data, s) {
                assert!(
                    credential_files.iter().any(|c| path.ends_with(c)),
                    "{path} holds a secret ({}...)",
                    &s[..6]
                );
                assert_eq!(*mode, 0o600, "{path} holds a secret but has mode {mode:o}");
            }
        }
    }
}

fn verbose(sb: &Sandbox, endpoint: &str) -> assert_cmd::Command {
    let mut c = sb.bai_at(endpoint, ACCESS_KEY, SECRET_KEY);
    c.env("RUST_LOG", "trace")
        .env("BACKEND_READ_TIMEOUT", "5")
        .arg("-vv")
        .timeout(Duration::from_secs(60));
    c
}

// ----- an in-process manager + web server + storage proxy --------------------------------

type Heads = Arc<Mutex<Vec<String>>>;

/// Answers like a manager (API and session mode) that also hands out a storage token:
/// `POST /server/login` sets the cookie, `request-upload` returns [`TOKEN`] and an upload URL on
/// this same server, whose tus `PATCH` confirms every byte. Every request head is recorded.
fn manager() -> (String, Heads) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let heads: Heads = Arc::default();
    let (h2, u2) = (heads.clone(), url.clone());
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            let (heads, url) = (h2.clone(), u2.clone());
            std::thread::spawn(move || serve(s, &heads, &url));
        }
    });
    (url, heads)
}

fn serve(mut s: TcpStream, heads: &Heads, url: &str) {
    while let Some((head, body)) = common::read_raw_request(&mut s) {
        heads.lock().unwrap().push(head.clone());
        let line = head.lines().next().unwrap_or("").to_owned();
        let path = line.split_whitespace().nth(1).unwrap_or("");
        let json = |b: &str| (200, "application/json", b.to_owned(), String::new());
        let (status, ctype, text, extra) = if path == "/" || path == "/func/" {
            json(r#"{"version": "v7.20230615", "manager": "23.09.10"}"#)
        } else if path.starts_with("/server/login") {
            (
                200,
                "application/json",
                r#"{"authenticated": true, "data": {"full_name": "u"}}"#.to_owned(),
                format!("Set-Cookie: AIOHTTP_SESSION={COOKIE}; Path=/; HttpOnly\r\n"),
            )
        } else if path.contains("request-upload") {
            json(&format!(r#"{{"token": "{TOKEN}", "url": "{url}/upload"}}"#))
        } else if line.starts_with("PATCH /upload") {
            let at: u64 = header(&head, "upload-offset").unwrap_or(0);
            (
                204,
                "text/plain",
                String::new(),
                format!(
                    "Tus-Resumable: 1.0.0\r\nUpload-Offset: {}\r\n",
                    at + body as u64
                ),
            )
        } else if path.contains("gql") {
            json(r#"{"data": {"compute_session_list": {"items": [], "total_count": 0}}}"#)
        } else {
            // Anything else fails, so error paths (which echo more) are exercised too.
            (
                500,
                "application/json",
                r#"{"type": "https://api.backend.ai/probs/internal-server-error", "title": "boom"}"#.to_owned(),
                String::new(),
            )
        };
        let answer = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{extra}\r\n{text}",
            text.len()
        );
        if s.write_all(answer.as_bytes()).is_err() {
            return;
        }
    }
}

fn header(head: &str, name: &str) -> Option<u64> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        if k.trim().eq_ignore_ascii_case(name) {
            v.trim().parse().ok()
        } else {
            None
        }
    })
}

#[test]
fn no_secret_in_any_output_or_file_api_and_session_mode() {
    let (url, heads) = manager();
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("data.bin");
    std::fs::write(&local, vec![3u8; 4096]).unwrap();
    let mut outs = Vec::new();
    let mut go = |what: &str, mut c: assert_cmd::Command| {
        c.current_dir(dir.path());
        outs.push((what.to_owned(), run(c)));
    };

    // API mode: signed requests, error answers, a storage-proxy upload with a token.
    for args in [
        &["ps"][..],
        &["config"][..],
        &["config", "show"][..],
        &["session", "info", "nosuch"][..],
        &["admin", "user", "list"][..],
    ] {
        let mut c = verbose(&sb, &url);
        c.args(args);
        go(&args.join(" "), c);
    }
    let mut c = verbose(&sb, &url);
    c.args(["vfolder", "upload", "f1"]).arg(&local);
    go("vfolder upload", c);

    // Session mode: login with a password on stdin, a cookie-authenticated request, logout.
    let session = |sb: &Sandbox| {
        let mut c = verbose(sb, &url);
        c.env("BACKEND_ENDPOINT_TYPE", "session");
        c
    };
    let mut c = session(&sb);
    c.args(["login", "-u", "user@example.com", "--password-stdin"])
        .write_stdin(format!("{PASSWORD}\n"));
    go("login", c);
    let mut c = session(&sb);
    c.arg("ps");
    go("session-mode ps", c);
    let mut c = session(&sb);
    c.args(["vfolder", "upload", "f1"]).arg(&local);
    go("session-mode vfolder upload", c);

    // The checks are not vacuous: each secret did travel.
    let seen = heads.lock().unwrap().join("\n");
    assert!(
        seen.contains(&format!("AIOHTTP_SESSION={COOKIE}")),
        "the cookie was sent back"
    );
    assert!(
        seen.contains(&format!("token={TOKEN}")),
        "the token was used:\n{seen}"
    );
    let logins = outs.iter().find(|(w, _)| w == "login").unwrap();
    assert_eq!(logins.1.code, 0, "login: {}", logins.1.stderr);
    assert!(
        outs.iter()
            .any(|(_, o)| o.stderr.contains("TRACE") || o.stderr.contains("DEBUG")),
        "-vv / RUST_LOG=trace logged something"
    );
    assert_no_leak(
        &outs,
        sb.home.path(),
        &[SECRET_KEY, PASSWORD, COOKIE, TOKEN],
        &["cookies.json"],
    );
}

#[test]
fn no_aime_key_in_any_output_or_file() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(aime_server::AimeServer::start());
    let sb = Sandbox::new();
    let mut outs = Vec::new();
    for args in [
        &["aime", "login", "echo"][..],
        &[
            "aime",
            "request",
            "echo",
            "-p",
            "prompt_input=hi",
            "--poll-interval",
            "0.01",
        ][..],
        &["aime", "request", "nosuch", "-p", "prompt_input=hi"][..],
    ] {
        let mut c = sb.bai();
        c.env("AIME_API_SERVER", &server.url)
            .env("AIME_API_KEY", aime_server::API_KEY)
            .env("RUST_LOG", "trace")
            .arg("-vv")
            .args(args)
            .timeout(Duration::from_secs(60));
        outs.push((args.join(" "), run(c)));
    }
    assert_eq!(outs[1].1.code, 0, "aime request: {}", outs[1].1.stderr);
    // The session keys the server handed out, as the client sent them back.
    let mut session_keys: Vec<String> = server
        .seen()
        .iter()
        .filter_map(|s| {
            let q = s.query.clone().unwrap_or_default();
            let from_query = q.split('&').find_map(|kv| {
                kv.strip_prefix("client_session_auth_key=")
                    .map(str::to_owned)
            });
            let from_body = s
                .body
                .as_ref()
                .and_then(|b| b.get("client_session_auth_key"))
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            from_query.or(from_body)
        })
        .filter(|k| k.len() >= 8)
        .collect();
    session_keys.dedup();
    assert!(!session_keys.is_empty(), "the client used a session key");
    let mut secrets: Vec<&str> = vec![aime_server::API_KEY];
    secrets.extend(session_keys.iter().map(String::as_str));
    assert_no_leak(&outs, sb.home.path(), &secrets, &[]);
    drop(server);
}

#[test]
fn live_no_secret_or_token_in_verbose_output() {
    let Some(live) = common::Live::from_env() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("data.bin");
    std::fs::write(&local, vec![5u8; 100_000]).unwrap();
    let name = format!("secrets-{}", common::suffix());
    let run_v = |args: &[&str]| {
        let mut c = live.cmd();
        c.env("RUST_LOG", "trace")
            .arg("-vv")
            .args(args)
            .current_dir(dir.path())
            .timeout(Duration::from_secs(120));
        (args.join(" "), run(c))
    };
    /// Deletes the folder even when an assertion fails.
    struct Cleanup<'a>(&'a common::Live, String);
    impl Drop for Cleanup<'_> {
        fn drop(&mut self) {
            let _ = self.0.bai(&["vfolder", "delete", &self.1]);
        }
    }
    let mut outs = vec![run_v(&["vfolder", "create", &name, "local:volume1"])];
    let _cleanup = Cleanup(&live, name.clone());
    assert_eq!(outs[0].1.code, 0, "vfolder create: {}", outs[0].1.stderr);
    outs.push(run_v(&["ps"]));
    outs.push(run_v(&["vfolder", "upload", &name, "data.bin"]));
    outs.push(run_v(&[
        "vfolder",
        "download",
        &name,
        "data.bin",
        "--base-dir",
        "down",
    ]));
    outs.push(run_v(&["config", "show"]));
    assert_eq!(outs[2].1.code, 0, "upload: {}", outs[2].1.stderr);
    // Storage-proxy tokens are JWTs: none may be shown.
    for (what, out) in &outs {
        assert!(
            !out.stderr.contains("eyJ") && !out.stdout.contains("eyJ"),
            "{what}: a JWT (storage token) was printed\n{}",
            out.stderr
        );
    }
    assert_no_leak(&outs, live.sb.home.path(), &[&live.sk], &[]);
}
