//! Helpers for the live app-proxy tests against the realstack (a real Backend.AI 23.09 manager
//! with the dummy agent). Shared by `backendai-appproxy/tests/live_app.rs` and
//! `backendai-cli/tests/live_app.rs` (included there by path).
//!
//! Reads only BACKEND_ENDPOINT, BACKEND_ACCESS_KEY, BACKEND_SECRET_KEY and
//! BAI_REALSTACK_EXPOSE_APP.
#![allow(dead_code)]

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use backendai_core::config::ApiConfig;
use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use backendai_sdk::groups::session::{CreateParams, DestroyOptions};
use backendai_sdk::Client;

/// The image registered by the realstack (nothing ever pulls it: the agent is a dummy).
pub const IMAGE: &str = "cr.backend.ai/stable/python:3.9-ubuntu20.04";

/// What a live test needs; `None` (after printing the skip line) when the stack is not set.
pub struct LiveEnv {
    /// Client configuration from BACKEND_*.
    pub config: ApiConfig,
    /// `expose-app.sh` of the realstack.
    pub expose_app: String,
    /// BACKEND_ENDPOINT as given.
    pub endpoint: String,
    /// BACKEND_ACCESS_KEY.
    pub access_key: String,
    /// BACKEND_SECRET_KEY.
    pub secret_key: String,
}

/// Reads the live environment or prints why the test is skipped.
pub fn live_env() -> Option<LiveEnv> {
    let endpoint = match std::env::var("BACKEND_ENDPOINT") {
        Ok(e) if !e.trim().is_empty() => e,
        _ => {
            println!("live: skipped (BACKEND_ENDPOINT not set)");
            return None;
        }
    };
    let expose_app = match std::env::var("BAI_REALSTACK_EXPOSE_APP") {
        Ok(p) if !p.trim().is_empty() => p,
        _ => {
            println!("live: skipped (BAI_REALSTACK_EXPOSE_APP not set)");
            return None;
        }
    };
    let access_key = std::env::var("BACKEND_ACCESS_KEY").unwrap_or_default();
    let secret_key = std::env::var("BACKEND_SECRET_KEY").unwrap_or_default();
    let config = ApiConfig {
        endpoints: endpoint.split(',').map(|s| s.trim().to_owned()).collect(),
        access_key: access_key.clone(),
        secret_key: Secret::new(secret_key.clone()),
        connection_timeout: Duration::from_secs(10),
        read_timeout: Some(Duration::from_secs(60)),
        ..ApiConfig::default()
    };
    Some(LiveEnv {
        config,
        expose_app,
        endpoint,
        access_key,
        secret_key,
    })
}

/// `prefix-<10 hex digits>`, unique per process and call.
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

/// A free TCP port on 127.0.0.1 (bound to port 0, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("bind 127.0.0.1:0")
}

/// A running dummy session, destroyed (forced) when dropped — also when the test panics.
pub struct LiveSession {
    /// Session name.
    pub name: String,
    config: ApiConfig,
}

impl LiveSession {
    /// Creates `prefix-<hex>` (cpu=1, mem=512m) and waits until it is RUNNING (60 s at most).
    pub async fn create(env: &LiveEnv, prefix: &str) -> LiveSession {
        let name = unique(prefix);
        // The guard exists before the request: a create that times out half way is cleaned up.
        let guard = LiveSession {
            name: name.clone(),
            config: env.config.clone(),
        };
        let client = Client::new(env.config.clone()).expect("client from BACKEND_*");
        let t0 = Instant::now();
        let created = tokio::time::timeout(
            Duration::from_secs(90),
            client.sessions().get_or_create(
                CreateParams::new(IMAGE)
                    .name(&name)
                    .resource("cpu", "1")
                    .resource("mem", "512m")
                    .tag("rust-appproxy-live")
                    .no_reuse(true)
                    .max_wait(30),
            ),
        )
        .await
        .unwrap_or_else(|_| panic!("creating session {name}: no answer in 90 s"))
        .unwrap_or_else(|e| panic!("creating session {name}: {e}"));
        assert!(created.created, "session {name} was not newly created");
        let session = client.sessions().session(name.as_str());
        let mut last = String::new();
        while t0.elapsed() < Duration::from_secs(60) {
            match session.info().await {
                Ok(info) => {
                    last = info.status.map(|s| s.to_string()).unwrap_or_default();
                    if last == "RUNNING" {
                        println!("live: session {name} RUNNING after {:?}", t0.elapsed());
                        return guard;
                    }
                }
                Err(e) => last = format!("error: {e}"),
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        panic!("session {name} not RUNNING after 60 s (last: {last})");
    }

    /// Runs `expose-app.sh SESSION APP PORT PROTO ...` so the manager relays each app to
    /// 127.0.0.1:PORT. `apps` = (name, port, protocol).
    pub fn expose(&self, env: &LiveEnv, apps: &[(&str, u16, &str)]) {
        let mut cmd = Command::new("bash");
        cmd.arg(&env.expose_app).arg(&self.name);
        for (app, port, proto) in apps {
            cmd.arg(app).arg(port.to_string()).arg(proto);
        }
        let out = run_with_timeout(cmd, Duration::from_secs(30)).expect("run expose-app.sh");
        assert!(
            out.status.success(),
            "expose-app.sh failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for LiveSession {
    fn drop(&mut self) {
        // A fresh thread, runtime and client: works from sync and async tests alike and does
        // not depend on the (possibly blocked or panicking) test's runtime.
        let name = self.name.clone();
        let config = self.config.clone();
        let cleanup = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let client = Client::new(config).expect("client");
                let session = client.sessions().session(name.as_str());
                let destroy = session.destroy(DestroyOptions {
                    forced: true,
                    recursive: false,
                });
                match tokio::time::timeout(Duration::from_secs(60), destroy).await {
                    Ok(Ok(_)) => println!("live: destroyed session {name}"),
                    Ok(Err(e)) if e.kind() == ErrorKind::NotFound => {}
                    Ok(Err(e)) => println!("live: destroying session {name} failed: {e}"),
                    Err(_) => println!("live: destroying session {name} timed out"),
                }
            });
        });
        let _ = cleanup.join();
    }
}

/// Runs `cmd` to completion, killing it after `timeout`.
pub fn run_with_timeout(
    mut cmd: Command,
    timeout: Duration,
) -> std::io::Result<std::process::Output> {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if rx.recv_timeout(timeout).is_err() {
            // Timed out: end the child we started (by its pid only).
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg(pid.to_string())
                .status();
        }
    });
    let out = child.wait_with_output();
    let _ = tx.send(());
    let _ = watchdog.join();
    out
}
