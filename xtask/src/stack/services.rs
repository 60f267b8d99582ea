//! Starting, watching and stopping the stack's processes. Each service runs in its own process
//! group, its PID in `target/stack/pids/NAME.pid`, its output in `target/stack/logs/NAME.log`;
//! `down` stops exactly those PIDs and nothing else.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::{port, provision, Layout};

/// Services in start order (`down` goes the other way). PostgreSQL is run by `pg_ctl`.
const SERVICES: [&str; 7] = [
    "redis",
    "etcd",
    "storage-proxy",
    "manager",
    "webserver",
    "dummy-agent",
    "docker-agent",
];

/// The agent ids of the two agents (see the agent templates).
pub const DUMMY_AGENT_ID: &str = "i-realstack-agent";
pub const DOCKER_AGENT_ID: &str = "i-docker-agent";

fn pid_file(layout: &Layout, name: &str) -> PathBuf {
    layout.pids().join(format!("{name}.pid"))
}

fn recorded_pid(layout: &Layout, name: &str) -> Option<u32> {
    std::fs::read_to_string(pid_file(layout, name))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// A live (not zombie) process with this PID.
fn process_alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state letter follows the parenthesised command name.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z')),
        Err(_) => false,
    }
}

/// Live processes of process group `pgid` (a service's workers outlive a killed parent).
fn group_members(pgid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
                // After the command name: state, ppid, pgrp.
                let fields: Vec<&str> = stat
                    .rsplit_once(") ")
                    .map_or(Vec::new(), |(_, rest)| rest.split(' ').collect());
                fields.first().is_some_and(|state| *state != "Z")
                    && fields.get(2) == Some(&pgid.to_string().as_str())
            })
        })
        .collect()
}

/// Kills what is left of a service whose leader died (its workers may still hold the port).
fn reap_orphans(layout: &Layout, name: &str) {
    let Some(pgid) = recorded_pid(layout, name) else {
        return;
    };
    if process_alive(pgid) || group_members(pgid).is_empty() {
        return;
    }
    eprintln!(
        "[stack] {name}: leader {pgid} is gone but its workers are not; killing group {pgid}"
    );
    signal(&format!("-{pgid}"), "-KILL");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !group_members(pgid).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn running(layout: &Layout, name: &str) -> bool {
    recorded_pid(layout, name).is_some_and(process_alive)
}

fn port_busy(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&addr, Duration::from_millis(300)).is_ok()
}

/// Polls `ready` every half second until it holds or `timeout` passes.
fn wait_for(
    what: &str,
    timeout: Duration,
    layout: &Layout,
    ready: impl Fn() -> bool,
) -> Result<()> {
    let deadline = Instant::now() + timeout;
    while !ready() {
        if Instant::now() > deadline {
            bail!(
                "timed out after {}s waiting for {what} (logs: {})",
                timeout.as_secs(),
                layout.logs().display()
            );
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    Ok(())
}

/// `GET path` on a loopback port: the status code and body, or `None` when nothing answers.
pub fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = String::new();
    s.read_to_string(&mut raw).ok()?;
    let status = raw.split(' ').nth(1)?.parse().ok()?;
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b.to_string())?;
    Some((status, body))
}

/// The manager's `GET /` answer (`{"version": ..., "manager": "23.09.10"}`), when it answers.
pub fn manager_version() -> Option<String> {
    match http_get(port::MANAGER, "/") {
        Some((200, body)) => Some(body.trim().to_string()),
        _ => None,
    }
}

/// Starts `argv` as service `name` unless it already runs; refuses a port held by another program.
fn start(
    layout: &Layout,
    name: &str,
    port: u16,
    argv: &[&str],
    envs: &[(&str, &str)],
) -> Result<()> {
    if running(layout, name) {
        return Ok(());
    }
    reap_orphans(layout, name);
    if port_busy(port) {
        bail!("port {port} (for {name}) is in use by a program this stack did not start");
    }
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(layout.logs().join(format!("{name}.log")))?;
    let child = Command::new(argv[0])
        .args(&argv[1..])
        .envs(envs.iter().copied())
        .current_dir(layout.etc())
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        // Its own process group: Ctrl-C on `cargo xtask` does not reach it, and `down` can
        // signal the whole group.
        .process_group(0)
        .spawn()
        .with_context(|| format!("starting {name} ({})", argv[0]))?;
    std::fs::write(pid_file(layout, name), child.id().to_string())?;
    Ok(())
}

fn as_postgres(program: &Path) -> Command {
    let mut c = Command::new("runuser");
    c.args(["-u", "postgres", "--"]).arg(program);
    c
}

/// PostgreSQL, Redis and etcd, waited for.
pub fn start_infrastructure(layout: &Layout, progress: &dyn Fn(&str)) -> Result<()> {
    for dir in [layout.logs(), layout.pids(), layout.state.join("redis")] {
        std::fs::create_dir_all(dir)?;
    }
    start_postgres(layout, progress)?;
    let state = layout.state.display().to_string();
    if !running(layout, "redis") {
        progress("starting redis");
    }
    start(
        layout,
        "redis",
        port::REDIS,
        &[
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            &port::REDIS.to_string(),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            &format!("{state}/redis"),
            "--protected-mode",
            "yes",
        ],
        &[],
    )?;
    if !running(layout, "etcd") {
        progress("starting etcd");
    }
    let client = format!("http://127.0.0.1:{}", port::ETCD);
    let peer = format!("http://127.0.0.1:{}", port::ETCD_PEER);
    start(
        layout,
        "etcd",
        port::ETCD,
        &[
            "etcd",
            "--name",
            "stack",
            "--data-dir",
            &format!("{state}/etcd"),
            "--listen-client-urls",
            &client,
            "--advertise-client-urls",
            &client,
            "--listen-peer-urls",
            &peer,
            "--initial-advertise-peer-urls",
            &peer,
            "--initial-cluster",
            &format!("stack={peer}"),
        ],
        &[],
    )?;
    wait_for("redis", Duration::from_secs(30), layout, || {
        port_busy(port::REDIS)
    })?;
    wait_for("etcd", Duration::from_secs(30), layout, || {
        matches!(http_get(port::ETCD, "/health"), Some((200, _)))
    })
}

fn start_postgres(layout: &Layout, progress: &dyn Fn(&str)) -> Result<()> {
    let bin = super::install::postgres_bin_dir()?;
    let pg = layout.pg();
    let data = pg.join("data");
    std::fs::create_dir_all(&pg)?;
    let chown = Command::new("chown")
        .arg("-R")
        .arg("postgres")
        .arg(&pg)
        .status()?;
    if !chown.success() {
        bail!("chown postgres {} failed", pg.display());
    }
    if !data.join("PG_VERSION").exists() {
        progress("initdb");
        let ok = as_postgres(&bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ])
            .stdout(Stdio::null())
            .status()?
            .success();
        if !ok {
            bail!("initdb failed");
        }
    }
    let status_ok = as_postgres(&bin.join("pg_ctl"))
        .arg("-D")
        .arg(&data)
        .arg("status")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?
        .success();
    if !status_ok {
        if port_busy(port::POSTGRES) {
            bail!(
                "port {} (postgres) is in use by a program this stack did not start",
                port::POSTGRES
            );
        }
        progress("starting postgres");
        let ok = as_postgres(&bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(pg.join("postgres.log"))
            .args(["-w", "-t", "60", "-o"])
            .arg(format!(
                "-p {} -c listen_addresses=127.0.0.1 -k {}",
                port::POSTGRES,
                pg.display()
            ))
            .arg("start")
            .stdout(Stdio::null())
            .status()?
            .success();
        if !ok {
            bail!(
                "postgres did not start (see {})",
                pg.join("postgres.log").display()
            );
        }
    }
    Ok(())
}

/// The Backend.AI services, each waited for until it answers.
pub fn start_backend_ai(layout: &Layout, progress: &dyn Fn(&str)) -> Result<()> {
    let cli = layout.venv_bin("backend.ai").display().to_string();
    let python = layout.venv_bin("python").display().to_string();
    let etc = layout.etc().display().to_string();
    // The manager, storage-proxy and dummy agent create a Docker client at start-up that they
    // never use: a socket path that does not exist keeps them off the real engine.
    let no_docker = format!(
        "unix://{}/no-docker.sock",
        layout.state.join("run").display()
    );
    let off_engine = [("DOCKER_HOST", no_docker.as_str())];
    let launch = |name: &str, port: u16, argv: &[&str], envs: &[(&str, &str)]| -> Result<()> {
        if !running(layout, name) {
            progress(&format!("starting {name}"));
        }
        start(layout, name, port, argv, envs)
    };
    launch(
        "storage-proxy",
        port::STORAGE_CLIENT,
        &[
            &cli,
            "storage",
            "start-server",
            "-f",
            &format!("{etc}/storage-proxy.toml"),
        ],
        &off_engine,
    )?;
    launch(
        "manager",
        port::MANAGER,
        &[
            &cli,
            "mgr",
            "start-server",
            "-f",
            &format!("{etc}/manager.toml"),
        ],
        &off_engine,
    )?;
    wait_for("storage-proxy", Duration::from_secs(90), layout, || {
        http_get(port::STORAGE_CLIENT, "/").is_some()
    })?;
    wait_for("manager", Duration::from_secs(120), layout, || {
        manager_version().is_some()
    })?;
    launch(
        "webserver",
        port::WEBSERVER,
        &[
            &python,
            "-m",
            "ai.backend.web.server",
            "-f",
            &format!("{etc}/webserver.conf"),
        ],
        &[],
    )?;
    wait_for("webserver", Duration::from_secs(60), layout, || {
        http_get(port::WEBSERVER, "/").is_some()
    })?;
    launch(
        "dummy-agent",
        port::DUMMY_AGENT_RPC,
        &[
            &cli,
            "ag",
            "start-server",
            "-f",
            &format!("{etc}/dummy-agent.toml"),
        ],
        &off_engine,
    )?;
    if !running(layout, "docker-agent") {
        // Its containers did not outlive the last `down`; neither may their sessions, or they
        // would hold the agent's two CPUs for ever.
        provision::forget_docker_sessions()?;
    }
    launch(
        "docker-agent",
        port::DOCKER_AGENT_RPC,
        &[
            &cli,
            "ag",
            "start-server",
            "-f",
            &format!("{etc}/docker-agent.toml"),
        ],
        &[],
    )?;
    // An agent listens for RPC only once it is ready; the manager's ALIVE mark may be older.
    for (name, rpc) in [
        ("dummy-agent", port::DUMMY_AGENT_RPC),
        ("docker-agent", port::DOCKER_AGENT_RPC),
    ] {
        wait_for(
            &format!("{name} RPC port {rpc}"),
            Duration::from_secs(180),
            layout,
            || port_busy(rpc),
        )?;
    }
    for id in [DUMMY_AGENT_ID, DOCKER_AGENT_ID] {
        // The Docker agent fills its kernel-runner volume on a first start (about 15 s).
        wait_for(
            &format!("agent {id} heartbeat"),
            Duration::from_secs(180),
            layout,
            || provision::agent_alive(id),
        )?;
    }
    Ok(())
}

/// Name and running state of every service.
pub fn statuses(layout: &Layout) -> Vec<(String, bool)> {
    let postgres = layout.pg().join("data").join("postmaster.pid");
    let pg_running = std::fs::read_to_string(postgres)
        .ok()
        .and_then(|t| t.lines().next()?.trim().parse().ok())
        .is_some_and(process_alive);
    std::iter::once(("postgres".to_string(), pg_running))
        .chain(SERVICES.iter().map(|s| (s.to_string(), running(layout, s))))
        .collect()
}

fn signal(pid: &str, sig: &str) {
    let _ = Command::new("kill")
        .args([sig, "--", pid])
        .stderr(Stdio::null())
        .status();
}

/// Stops every recorded service (SIGTERM, then SIGKILL to its group after 15 s) and PostgreSQL.
pub fn stop_all(layout: &Layout) -> Result<()> {
    for name in SERVICES.iter().rev() {
        let Some(pid) = recorded_pid(layout, name) else {
            continue;
        };
        if process_alive(pid) {
            eprintln!("[stack] stopping {name} (pid {pid})");
            signal(&pid.to_string(), "-TERM");
            let deadline = Instant::now() + Duration::from_secs(15);
            while process_alive(pid) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(250));
            }
            // Each service leads its own process group (see `start`): take its children too.
            signal(&format!("-{pid}"), "-KILL");
        }
        let _ = std::fs::remove_file(pid_file(layout, name));
    }
    let data = layout.pg().join("data");
    if data.join("postmaster.pid").exists() {
        eprintln!("[stack] stopping postgres");
        let bin = super::install::postgres_bin_dir()?;
        as_postgres(&bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-m", "fast", "-w", "stop"])
            .stdout(Stdio::null())
            .status()?;
    }
    Ok(())
}
