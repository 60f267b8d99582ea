//! Shared helpers: run `bai` with a clean environment and a private HOME.
#![allow(dead_code)]

use std::io::BufRead;

use assert_cmd::Command;
use tempfile::TempDir;

/// A sandbox: private HOME/XDG dirs, no inherited BACKEND_* variables.
pub struct Sandbox {
    pub home: TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            home: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// `bai` with only PATH, HOME, XDG_* and NO_COLOR set.
    pub fn bai(&self) -> Command {
        let mut c = Command::cargo_bin("bai").expect("bai binary");
        c.env_clear();
        if let Some(p) = std::env::var_os("PATH") {
            c.env("PATH", p);
        }
        let h = self.home.path();
        c.env("HOME", h)
            .env("XDG_CONFIG_HOME", h.join(".config"))
            .env("XDG_STATE_HOME", h.join(".local/state"))
            .env("XDG_CACHE_HOME", h.join(".cache"))
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100");
        c
    }

    /// `bai` configured for `endpoint` with the given keys.
    pub fn bai_at(&self, endpoint: &str, ak: &str, sk: &str) -> Command {
        let mut c = self.bai();
        c.env("BACKEND_ENDPOINT", endpoint)
            .env("BACKEND_ACCESS_KEY", ak)
            .env("BACKEND_SECRET_KEY", sk);
        c
    }
}

/// Output of a finished command.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(mut cmd: Command) -> Out {
    let o = cmd.output().expect("run bai");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// A random-enough hex suffix for names the live tests create.
pub fn suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{:08x}", nanos ^ std::process::id().rotate_left(16))
}

/// The live stack from BACKEND_ENDPOINT/BACKEND_ACCESS_KEY/BACKEND_SECRET_KEY, with `bai`
/// running in a private sandbox.
pub struct Live {
    pub sb: Sandbox,
    pub endpoint: String,
    pub ak: String,
    pub sk: String,
}

impl Live {
    /// `None` (after printing `live: skipped ...`) when BACKEND_ENDPOINT is not set.
    pub fn from_env() -> Option<Live> {
        let endpoint = match std::env::var("BACKEND_ENDPOINT") {
            Ok(e) if !e.is_empty() => e,
            _ => {
                println!("live: skipped (BACKEND_ENDPOINT not set)");
                return None;
            }
        };
        Some(Live {
            sb: Sandbox::new(),
            endpoint,
            ak: std::env::var("BACKEND_ACCESS_KEY").unwrap_or_default(),
            sk: std::env::var("BACKEND_SECRET_KEY").unwrap_or_default(),
        })
    }

    /// `bai` configured for the live endpoint and keys.
    pub fn cmd(&self) -> Command {
        self.sb.bai_at(&self.endpoint, &self.ak, &self.sk)
    }

    /// Runs `bai args` (at most two minutes).
    pub fn bai(&self, args: &[&str]) -> Out {
        let mut c = self.cmd();
        c.args(args).timeout(std::time::Duration::from_secs(120));
        run(c)
    }

    /// Runs `bai args` and asserts it succeeded.
    pub fn ok(&self, args: &[&str]) -> Out {
        let out = self.bai(args);
        assert_eq!(
            out.code, 0,
            "bai {args:?} failed\nstdout: {}\nstderr: {}",
            out.stdout, out.stderr
        );
        out
    }

    /// Runs `bai -o json args`, asserts it succeeded and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut full = vec!["-o", "json"];
        full.extend_from_slice(args);
        let out = self.ok(&full);
        serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("bai {args:?}: not JSON ({e}): {}", out.stdout))
    }
}

/// Subcommand names listed in a help text's `Commands:` section.
pub fn subcommands(help: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_cmds = false;
    for line in help.lines() {
        if line.starts_with("Commands:") {
            in_cmds = true;
            continue;
        }
        if in_cmds {
            if line.trim().is_empty() || !line.starts_with("  ") {
                break;
            }
            // Continuation lines of a wrapped description are indented further.
            if line.starts_with("   ") {
                continue;
            }
            if let Some(name) = line.split_whitespace().next() {
                out.push(name.to_owned());
            }
        }
    }
    out
}

/// One HTTP request an in-process test server read: method, path (with query), JSON body
/// (`Null` if none or not JSON).
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub body: serde_json::Value,
}

/// Reads one HTTP/1.1 request (request line, headers, `Content-Length` body) from `reader`.
/// `None` when the connection closed before a request line (a process exiting while a
/// background fetch connects sends nothing) or the body was cut short.
pub fn read_request(reader: &mut impl BufRead) -> Option<Seen> {
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
        return None;
    }
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0u8; len];
    reader.read_exact(&mut body).ok()?;
    let mut parts = line.split_whitespace();
    Some(Seen {
        method: parts.next()?.to_owned(),
        path: parts.next()?.to_owned(),
        body: serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    })
}

/// Runs its queued `bai -q ...` cleanup commands (errors ignored) last-in first-out when
/// dropped, so a failed assertion leaves nothing behind on the shared stack.
pub struct Cleanup<'a> {
    live: &'a Live,
    commands: Vec<Vec<String>>,
}

impl<'a> Cleanup<'a> {
    pub fn new(live: &'a Live) -> Self {
        Cleanup {
            live,
            commands: Vec::new(),
        }
    }

    /// Queues `bai -q args`; the queued commands run last-in first-out.
    pub fn then(&mut self, args: &[&str]) {
        let mut cmd = vec!["-q".to_owned()];
        cmd.extend(args.iter().map(|a| (*a).to_owned()));
        self.commands.push(cmd);
    }
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        while let Some(cmd) = self.commands.pop() {
            let args: Vec<&str> = cmd.iter().map(String::as_str).collect();
            let _ = self.live.bai(&args);
        }
    }
}

/// Asserts `out` (of `bai args`) is the 26.9-only refusal of a 23.09 manager: exit 1,
/// nothing on stdout, exactly one `error: ... is not supported by this server (API version
/// v7...` line on stderr.
pub fn assert_unsupported(args: &impl std::fmt::Debug, out: &Out) {
    assert_eq!(out.code, 1, "bai {args:?}: {} {}", out.stdout, out.stderr);
    assert!(out.stdout.is_empty(), "bai {args:?}: {}", out.stdout);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "bai {args:?}: {}", out.stderr);
    assert!(
        lines[0].starts_with("error: ")
            && lines[0].contains("is not supported by this server (API version v7."),
        "bai {args:?}: {}",
        lines[0]
    );
}

/// Runs `bai -o json args` on `live` and asserts the refusal in JSON: exit 1, nothing on
/// stdout, a last stderr line that is an error object of kind `unsupported`.
pub fn assert_unsupported_json(live: &Live, args: &[&str]) {
    let mut json = vec!["-o", "json"];
    json.extend(args);
    let out = live.bai(&json);
    assert_eq!(out.code, 1, "bai {json:?}: {}", out.stderr);
    assert!(out.stdout.is_empty(), "bai {json:?}: {}", out.stdout);
    let last = out.stderr.lines().last().unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(last)
        .unwrap_or_else(|e| panic!("bai {json:?}: not JSON ({e}): {}", out.stderr));
    assert_eq!(v["error"]["kind"], "unsupported", "bai {json:?}: {v}");
}

/// Reads one raw HTTP/1.1 request from `s`: its head (through the blank line) and its body
/// length (`Content-Length`; the body is read and dropped). `None` when the peer closes first.
pub fn read_raw_request(s: &mut impl std::io::Read) -> Option<(String, usize)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        let n = s.read(&mut chunk).ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let len: usize = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0);
    while buf.len() < end + len {
        let n = s.read(&mut chunk).ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
    }
    Some((head, len))
}
