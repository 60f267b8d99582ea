//! Helpers for the live tests against real containers (`live_exec.rs`): the kernel image and
//! scaling group from the environment, sessions destroyed by a guard, a background `bai` whose
//! output is read line by line, a plain HTTP GET and test data.
//!
//! Builds on `common` (the sandboxed `bai` and the `live: skipped` rule). Reads
//! BAI_TEST_IMAGE and BAI_TEST_SCALING_GROUP besides what `common::Live` reads.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use crate::common::{run, Live, Out};
pub use crate::spawned::Spawned;

/// The live stack plus what a real container needs: the kernel image and the scaling group
/// of the Docker agent.
pub struct Real {
    pub live: Live,
    pub image: String,
    pub sgroup: String,
}

impl Real {
    /// `None` (after printing why) when BACKEND_ENDPOINT or BAI_TEST_IMAGE is not set.
    pub fn from_env() -> Option<Real> {
        let live = Live::from_env()?;
        let image = match std::env::var("BAI_TEST_IMAGE") {
            Ok(i) if !i.is_empty() => i,
            _ => {
                println!("live: skipped (BAI_TEST_IMAGE not set)");
                return None;
            }
        };
        let sgroup = std::env::var("BAI_TEST_SCALING_GROUP")
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "docker".to_owned());
        Some(Real {
            live,
            image,
            sgroup,
        })
    }

    /// The sandbox's home directory (the working directory for relative paths).
    pub fn home(&self) -> &Path {
        self.live.sb.home.path()
    }

    /// Runs `bai args` in `dir` with `stdin` (at most two minutes).
    pub fn bai_full(&self, dir: Option<&Path>, stdin: Option<&str>, args: &[&str]) -> Out {
        let mut c = self.live.cmd();
        c.args(args).timeout(Duration::from_secs(120));
        if let Some(d) = dir {
            c.current_dir(d);
        }
        if let Some(s) = stdin {
            c.write_stdin(s.to_owned());
        }
        let t0 = Instant::now();
        let out = run(c);
        println!(
            "live: bai {} -> {} in {:.1?}",
            args.join(" "),
            out.code,
            t0.elapsed()
        );
        out
    }

    /// Runs `bai args`.
    pub fn bai(&self, args: &[&str]) -> Out {
        self.bai_full(None, None, args)
    }

    /// Runs `bai args` and asserts it succeeded.
    pub fn ok(&self, args: &[&str]) -> Out {
        let out = self.bai(args);
        assert_ok(&out, args);
        out
    }

    /// `run --rm -t NAME --scaling-group SG -r cpu=1 -r mem=512m` + `rest` + the image last.
    pub fn run_args(&self, name: &str, rest: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = [
            "run",
            "--rm",
            "-t",
            name,
            "--scaling-group",
            &self.sgroup,
            "-r",
            "cpu=1",
            "-r",
            "mem=512m",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.extend(rest.iter().map(|s| s.to_string()));
        v.push(self.image.clone());
        v
    }

    /// Creates a session (1 CPU, 512 MiB) on the Docker agent; destroyed when the guard drops.
    pub fn create(&self, prefix: &str) -> SessionGuard<'_> {
        let name = unique(prefix);
        let guard = self.guard(&[name.as_str()]);
        let out = self.bai(&[
            "create",
            "-t",
            &name,
            "--scaling-group",
            &self.sgroup,
            "-r",
            "cpu=1",
            "-r",
            "mem=512m",
            &self.image,
        ]);
        assert_ok(&out, &["create", &name]);
        assert_eq!(out.stdout.trim(), name);
        guard
    }

    /// A guard that destroys `names` when it drops (sessions `bai run --rm` may leave behind
    /// when a test fails half-way).
    pub fn guard(&self, names: &[&str]) -> SessionGuard<'_> {
        SessionGuard {
            real: self,
            names: names.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// `bai args` in the background, its output read line by line.
    pub fn spawn(&self, args: &[&str]) -> Spawned {
        let mut c = Command::new(env!("CARGO_BIN_EXE_bai"));
        c.env_clear();
        if let Some(p) = std::env::var_os("PATH") {
            c.env("PATH", p);
        }
        let h = self.home();
        c.env("HOME", h)
            .env("XDG_CONFIG_HOME", h.join(".config"))
            .env("XDG_STATE_HOME", h.join(".local/state"))
            .env("XDG_CACHE_HOME", h.join(".cache"))
            .env("NO_COLOR", "1")
            .env("BACKEND_ENDPOINT", &self.live.endpoint)
            .env("BACKEND_ACCESS_KEY", &self.live.ak)
            .env("BACKEND_SECRET_KEY", &self.live.sk)
            .args(args);
        Spawned::start(c)
    }
}

/// Asserts `out` is a success, showing both streams otherwise.
pub fn assert_ok(out: &Out, args: &[&str]) {
    assert_eq!(
        out.code, 0,
        "bai {args:?} failed\nstdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
}

/// `prefix-` and 10 hex digits, unique per process and call.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mixed = nanos
        ^ (u64::from(std::process::id()) << 24)
        ^ (u64::from(COUNTER.fetch_add(1, Ordering::Relaxed)) << 48);
    format!("{prefix}-{:010x}", mixed & 0xff_ffff_ffff)
}

/// Destroys its sessions when dropped, also when the test panicked.
pub struct SessionGuard<'a> {
    real: &'a Real,
    pub names: Vec<String>,
}

impl SessionGuard<'_> {
    /// The (first) session's name.
    pub fn name(&self) -> &str {
        &self.names[0]
    }
}

impl Drop for SessionGuard<'_> {
    fn drop(&mut self) {
        for n in &self.names {
            let out = self.real.live.bai(&["rm", n]);
            if out.code == 0 {
                println!("live: destroyed session {n}");
            }
        }
    }
}

/// An HTTP response read to its end.
pub struct HttpResponse {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `GET path` on 127.0.0.1:`port` (HTTP/1.1, `Connection: close`), read to the end.
pub fn http_get(port: u16, path: &str) -> std::io::Result<HttpResponse> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nAccept-Encoding: identity\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other(format!("no HTTP head in {} bytes", raw.len())))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line: {head}")))?;
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Ok(HttpResponse { status, head, body })
}

/// Decodes a chunked body (best effort: stops at the first malformed chunk).
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        data = &data[eol + 2..];
        if size == 0 || data.len() < size {
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or(&[]);
    }
    out
}

/// `len` pseudo-random bytes (xorshift64*, fixed by `seed`): incompressible, reproducible.
pub fn pattern(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        out.extend_from_slice(&x.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// The lowercase hex SHA-256 of a file (`sha256sum`, coreutils).
pub fn sha256_of(path: &Path) -> String {
    let out = Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("run sha256sum");
    assert!(out.status.success(), "sha256sum {}", path.display());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}
