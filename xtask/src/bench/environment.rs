//! The live stack's environment: bringing the project's stack up when its manager does not
//! answer (`crate::stack`), its `env.sh`, the Python client in its venv, an SDK client.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use super::{step, Bench, ACCESS_KEY, SECRET_KEY};
use crate::stack;

/// The manager's address when the stack's environment names none.
const DEFAULT_MANAGER: &str = "127.0.0.1:8081";

/// The stack venv's Python `backend.ai` client, when installed.
fn python_client(root: &Path) -> Option<PathBuf> {
    Some(stack::venv_dir(root).join("bin").join("backend.ai")).filter(|p| p.exists())
}

impl Bench {
    /// Loads the stack's environment; when its manager does not answer, brings the stack up
    /// first. The live scenario groups run only when the manager answers afterwards.
    pub(super) fn ensure_stack(&mut self) {
        self.load_stack_env();
        if !http_alive(&self.manager_addr()) {
            step("live stack is down: starting it (cargo xtask stack up)");
            if let Err(e) = stack::up(&self.root) {
                eprintln!("stack up failed ({e:#}); live scenarios will be skipped");
            }
            self.load_stack_env();
        }
        self.python = python_client(&self.root);
        self.stack_up = !self.env.is_empty() && http_alive(&self.manager_addr());
        eprintln!(
            "live stack: {}",
            if self.stack_up { "up" } else { "not available" }
        );
    }

    fn load_stack_env(&mut self) {
        if let Ok(text) = std::fs::read_to_string(stack::env_file(&self.root)) {
            self.env = parse_env_sh(&text);
        }
    }

    /// `HOST:PORT` of the manager named by `BACKEND_ENDPOINT` in the stack's environment.
    pub(super) fn manager_addr(&self) -> String {
        self.env_get("BACKEND_ENDPOINT")
            .as_deref()
            .and_then(host_port)
            .unwrap_or_else(|| DEFAULT_MANAGER.to_owned())
    }

    pub(super) fn env_get(&self, k: &str) -> Option<String> {
        self.env
            .iter()
            .rev()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.clone())
    }

    pub(super) fn sdk_client(&self) -> Result<backendai_sdk::Client> {
        let cfg = backendai_sdk::core::config::ApiConfig {
            endpoints: vec![self
                .env_get("BACKEND_ENDPOINT")
                .unwrap_or_else(|| "http://127.0.0.1:8081".into())],
            access_key: self
                .env_get("BACKEND_ACCESS_KEY")
                .unwrap_or_else(|| ACCESS_KEY.into()),
            secret_key: backendai_sdk::core::Secret::new(
                self.env_get("BACKEND_SECRET_KEY")
                    .unwrap_or_else(|| SECRET_KEY.into()),
            ),
            ..Default::default()
        };
        let _guard = self.rt.enter();
        Ok(backendai_sdk::Client::new(cfg)?)
    }
}

/// `HOST:PORT` of an `http://HOST:PORT/...` URL (`None` without an explicit port).
fn host_port(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split('/').next()?;
    authority
        .rsplit_once(':')
        .filter(|(_, port)| port.parse::<u16>().is_ok())
        .map(|_| authority.to_owned())
}

/// Whether an HTTP server answers `GET /` at `addr` (two tries; a busy manager may be slow).
fn http_alive(addr: &str) -> bool {
    (0..2).any(|_| http_alive_once(addr))
}

fn http_alive_once(addr: &str) -> bool {
    let Some(sock) = addr.to_socket_addrs().ok().and_then(|mut a| a.next()) else {
        return false;
    };
    let Ok(mut s) = TcpStream::connect_timeout(&sock, Duration::from_secs(2)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    if s.write_all(format!("GET / HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes())
        .is_err()
    {
        return false;
    }
    let mut buf = [0u8; 12];
    s.read_exact(&mut buf).is_ok() && buf.starts_with(b"HTTP/1.")
}

/// Parses the `export K=V` lines of the stack's env.sh, expanding `$VAR` / `${VAR}`.
fn parse_env_sh(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("export ") else {
            continue;
        };
        let Some((k, v)) = rest.split_once('=') else {
            continue;
        };
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|x| x.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
            .unwrap_or(v);
        let lookup = |name: &str| -> String {
            out.iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .or_else(|| std::env::var(name).ok())
                .unwrap_or_default()
        };
        let mut val = String::new();
        let chars: Vec<char> = v.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '$' {
                let braced = chars.get(i + 1) == Some(&'{');
                let start = if braced { i + 2 } else { i + 1 };
                let mut j = start;
                while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
                if j > start {
                    let name: String = chars[start..j].iter().collect();
                    val.push_str(&lookup(&name));
                    i = if braced && chars.get(j) == Some(&'}') {
                        j + 1
                    } else {
                        j
                    };
                    continue;
                }
            }
            val.push(chars[i]);
            i += 1;
        }
        out.push((k.trim().to_owned(), val));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::sys::free_port;
    use super::*;

    #[test]
    fn env_sh_lines_are_parsed_and_expanded() {
        let text = "# comment\nexport A=http://x:1\nexport B=\"$A/y\"\nexport PATH=\"/v/bin:${A}\"\nnot an export\n";
        let env = parse_env_sh(text);
        assert_eq!(env[0], ("A".to_owned(), "http://x:1".to_owned()));
        assert_eq!(env[1], ("B".to_owned(), "http://x:1/y".to_owned()));
        assert_eq!(env[2], ("PATH".to_owned(), "/v/bin:http://x:1".to_owned()));
        assert_eq!(env.len(), 3);
    }

    #[test]
    fn http_alive_sees_a_server_and_not_a_closed_port() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap().to_string();
        std::thread::spawn(move || {
            for s in l.incoming().take(1) {
                let mut s = s.unwrap();
                let mut buf = [0u8; 512];
                let _ = s.read(&mut buf);
                let _ = s.write_all(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            }
        });
        assert!(http_alive(&addr));
        let closed = free_port().unwrap();
        assert!(!http_alive(&format!("127.0.0.1:{closed}")));
    }

    #[test]
    fn manager_address_comes_from_the_endpoint_url() {
        assert_eq!(
            host_port("http://127.0.0.1:8091/").as_deref(),
            Some("127.0.0.1:8091")
        );
        assert_eq!(
            host_port("https://localhost:443").as_deref(),
            Some("localhost:443")
        );
        assert_eq!(host_port("http://manager.example"), None);
    }
}
