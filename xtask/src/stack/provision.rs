//! Configuration and database state: rendered configs, the one-time initialization (schema,
//! fixtures, etcd), what every start re-applies, and small SQL helpers.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use super::services::DOCKER_AGENT_ID;
use super::{port, Layout, DOCKER_SCALING_GROUP};

/// Config templates (xtask/stack/templates) rendered into target/stack/etc.
const TEMPLATES: [&str; 11] = [
    "manager.toml",
    "alembic.ini",
    "storage-proxy.toml",
    "dummy-agent.toml",
    "agent.dummy.toml",
    "docker-agent.toml",
    "webserver.conf",
    "etcd.config.json",
    "etcd.volumes.json",
    "seed.sql",
    "docker.sql",
];

fn render(template: &str, layout: &Layout) -> String {
    let vars: [(&str, String); 16] = [
        ("STATE", layout.state.display().to_string()),
        ("PG_PORT", port::POSTGRES.to_string()),
        ("REDIS_PORT", port::REDIS.to_string()),
        ("ETCD_PORT", port::ETCD.to_string()),
        ("MANAGER_PORT", port::MANAGER.to_string()),
        ("STORAGE_CLIENT_PORT", port::STORAGE_CLIENT.to_string()),
        ("STORAGE_MANAGER_PORT", port::STORAGE_MANAGER.to_string()),
        ("WEB_PORT", port::WEBSERVER.to_string()),
        ("AGENT_RPC_PORT", port::DUMMY_AGENT_RPC.to_string()),
        ("AGENT_SOCK_PORT", port::DUMMY_AGENT_SOCK.to_string()),
        ("AGENT_WATCHER_PORT", port::DUMMY_AGENT_WATCHER.to_string()),
        ("DOCKER_AGENT_RPC_PORT", port::DOCKER_AGENT_RPC.to_string()),
        (
            "DOCKER_AGENT_SOCK_PORT",
            port::DOCKER_AGENT_SOCK.to_string(),
        ),
        (
            "DOCKER_AGENT_WATCHER_PORT",
            port::DOCKER_AGENT_WATCHER.to_string(),
        ),
        ("ETCD_PEER_PORT", port::ETCD_PEER.to_string()),
        ("DOCKER_SCALING_GROUP", DOCKER_SCALING_GROUP.to_string()),
    ];
    vars.iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("@{name}@"), value)
        })
}

/// State directories, rendered configs and the manager's RPC keypair.
pub fn configs(layout: &Layout) -> Result<()> {
    let dirs = [
        "etc",
        "logs",
        "pids",
        "run",
        "ipc",
        "redis",
        "etcd",
        "agent/var",
        "agent/scratches",
        "agent/commit",
        "docker-agent/ipc",
        "docker-agent/var",
        "docker-agent/scratches",
        "docker-agent/commit",
        "vfroot/local/volume1",
    ];
    for d in dirs {
        std::fs::create_dir_all(layout.state.join(d))?;
    }
    let version = layout.state.join("vfroot/local/volume1/version.txt");
    if !version.exists() {
        std::fs::write(version, "3\n")?;
    }
    for name in TEMPLATES {
        let template = layout.data().join("templates").join(name);
        let text = std::fs::read_to_string(&template)
            .with_context(|| format!("reading {}", template.display()))?;
        std::fs::write(layout.etc().join(name), render(&text, layout))?;
    }
    if !layout.etc().join("keys/manager.key_secret").exists() {
        std::fs::create_dir_all(layout.etc().join("keys"))?;
        let ok = Command::new(layout.venv_bin("backend.ai"))
            .args(["mgr", "generate-rpc-keypair", "keys", "manager"])
            .current_dir(layout.etc())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?
            .success();
        if !ok {
            bail!("backend.ai mgr generate-rpc-keypair failed");
        }
    }
    Ok(())
}

/// `psql` on the stack's server as postgres; `db` = None for the maintenance database.
fn psql(db: Option<&str>) -> Command {
    let mut c = Command::new("psql");
    c.args([
        "-X",
        "-q",
        "-t",
        "-A",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        "127.0.0.1",
        "-U",
        "postgres",
    ])
    .args(["-p", &port::POSTGRES.to_string()])
    .args(["-d", db.unwrap_or("postgres")])
    .env("PGPASSWORD", "develove");
    c
}

/// Runs SQL on the `backend` database and returns what it printed.
pub fn sql(statement: &str) -> Result<String> {
    let out = psql(Some("backend")).args(["-c", statement]).output()?;
    if !out.status.success() {
        bail!(
            "psql failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn sql_file(file: &PathBuf, log: &mut std::fs::File) -> Result<()> {
    let out = psql(Some("backend")).arg("-f").arg(file).output()?;
    log.write_all(&out.stdout)?;
    log.write_all(&out.stderr)?;
    if !out.status.success() {
        bail!("{} failed (see init.log)", file.display());
    }
    Ok(())
}

/// The database schema, the upstream example fixtures, seed data and the etcd config: once.
pub fn initialize_once(layout: &Layout, progress: &dyn Fn(&str)) -> Result<()> {
    // Kept beside the database: a new database is initialized again.
    let marker = layout.pg().join(".initialized");
    if marker.exists() {
        return Ok(());
    }
    progress("initializing database, fixtures and etcd config");
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(layout.logs().join("init.log"))?;
    let exists = psql(None)
        .args(["-c", "SELECT 1 FROM pg_database WHERE datname = 'backend'"])
        .output()?;
    if String::from_utf8_lossy(&exists.stdout).trim() != "1" {
        let ok = psql(None)
            .args(["-c", "CREATE DATABASE backend"])
            .status()?
            .success();
        if !ok {
            bail!("CREATE DATABASE backend failed");
        }
    }
    let ok = psql(None)
        .args(["-c", "ALTER USER postgres PASSWORD 'develove'"])
        .stdout(Stdio::null())
        .status()?
        .success();
    if !ok {
        bail!("setting the postgres password failed");
    }
    let manager_toml = layout.etc().join("manager.toml");
    let mgr = |args: &[&str], log: &mut std::fs::File| -> Result<()> {
        let out = Command::new(layout.venv_bin("backend.ai"))
            .arg("mgr")
            .arg("-f")
            .arg(&manager_toml)
            .args(args)
            .current_dir(layout.etc())
            .output()?;
        log.write_all(&out.stdout)?;
        log.write_all(&out.stderr)?;
        if !out.status.success() {
            bail!(
                "backend.ai mgr {} failed (see {})",
                args.join(" "),
                layout.logs().join("init.log").display()
            );
        }
        Ok(())
    };
    let alembic = layout.etc().join("alembic.ini").display().to_string();
    mgr(&["schema", "oneshot", "-f", &alembic], &mut log)?;
    for fixture in [
        "example-users",
        "example-keypairs",
        "example-set-user-main-access-keys",
        "example-resource-presets",
    ] {
        let path = layout
            .data()
            .join("fixtures")
            .join(format!("{fixture}.json"));
        mgr(
            &["fixture", "populate", &path.display().to_string()],
            &mut log,
        )?;
    }
    sql_file(&layout.etc().join("seed.sql"), &mut log)?;
    for (key, file) in [
        ("config", "etcd.config.json"),
        ("volumes", "etcd.volumes.json"),
    ] {
        let path = layout.etc().join(file).display().to_string();
        mgr(&["etcd", "put-json", key, &path], &mut log)?;
    }
    std::fs::write(marker, "")?;
    Ok(())
}

/// Applied on every start (idempotent): the Docker agent's scaling group.
pub fn every_start(layout: &Layout) -> Result<()> {
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(layout.logs().join("init.log"))?;
    sql_file(&layout.etc().join("docker.sql"), &mut log)
}

/// Marks every unfinished kernel and session of the Docker agent as gone and frees its slots.
/// Called only when that agent is not running: `down` removed its containers.
pub fn forget_docker_sessions() -> Result<()> {
    sql(&format!(
        "UPDATE kernels SET status = 'TERMINATED', status_info = 'stack-restart', terminated_at = now() \
           WHERE agent = '{DOCKER_AGENT_ID}' AND status NOT IN ('TERMINATED', 'CANCELLED'); \
         UPDATE sessions SET status = 'TERMINATED', status_info = 'stack-restart', terminated_at = now() \
           WHERE scaling_group_name = '{DOCKER_SCALING_GROUP}' AND status NOT IN ('TERMINATED', 'CANCELLED'); \
         UPDATE agents SET occupied_slots = '{{}}' WHERE id = '{DOCKER_AGENT_ID}';"
    ))?;
    Ok(())
}

/// True when the manager lists agent `id` as ALIVE (it has sent a heartbeat).
pub fn agent_alive(id: &str) -> bool {
    sql(&format!("SELECT status FROM agents WHERE id = '{id}'")).is_ok_and(|s| s == "ALIVE")
}

/// Reads `APP PORT [PROTO]...` into the service-ports JSON of a kernel row.
fn service_ports_json(args: &[&str]) -> Result<String> {
    let mut ports = Vec::new();
    let mut rest = args;
    while let [name, port, tail @ ..] = rest {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            bail!("bad app name {name:?}");
        }
        let port: u16 = port
            .parse()
            .ok()
            .filter(|p| *p > 0)
            .with_context(|| format!("bad port {port:?}"))?;
        let (protocol, tail) = match tail {
            [p @ ("http" | "tcp" | "pty" | "preopen"), more @ ..] => (*p, more),
            _ => ("tcp", tail),
        };
        ports.push(format!(
            r#"{{"name": "{name}", "protocol": "{protocol}", "container_ports": [{port}], "host_ports": [{port}], "is_inference": false}}"#
        ));
        rest = tail;
    }
    if !rest.is_empty() || ports.is_empty() {
        bail!("usage: expose-app SESSION APP PORT [PROTO] [APP PORT [PROTO]]...");
    }
    Ok(format!("[{}]", ports.join(", ")))
}

/// Makes a running dummy-agent session's apps point at local ports: the dummy runs no
/// containers, so the real manager's app proxy then relays to whatever listens there.
pub fn expose_app(_layout: &Layout, session: &str, apps: &[&str]) -> Result<()> {
    let json = service_ports_json(apps)?;
    let mut child = psql(Some("backend"))
        .args([
            "-v",
            &format!("ports={json}"),
            "-v",
            &format!("sess={session}"),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    child.stdin.take().context("psql stdin")?.write_all(
        b"WITH u AS (
            UPDATE kernels SET service_ports = (:'ports')::jsonb, kernel_host = '127.0.0.1'
            WHERE (session_name = :'sess' OR session_id::text = :'sess') AND cluster_role = 'main'
              AND status = 'RUNNING'
            RETURNING 1)
          SELECT count(*) FROM u;\n",
    )?;
    let out = child.wait_with_output()?;
    let updated = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() || updated != "1" {
        bail!("no running session named {session:?} (updated {updated:?})");
    }
    println!("session {session}: {json}");
    Ok(())
}

/// `target/stack/bin/expose-app`: a command for the live tests that runs `stack expose-app`.
pub fn write_expose_app_wrapper(layout: &Layout) -> Result<PathBuf> {
    let bin = layout.state.join("bin");
    std::fs::create_dir_all(&bin)?;
    let path = bin.join("expose-app");
    let xtask = std::env::current_exe()?;
    let script = format!(
        "#!/bin/sh\n# written by `cargo xtask stack up`\nCARGO_MANIFEST_DIR='{}' exec '{}' stack expose-app \"$@\"\n",
        layout.root.join("xtask").display(),
        xtask.display()
    );
    std::fs::write(&path, script)?;
    let ok = Command::new("chmod")
        .arg("+x")
        .arg(&path)
        .status()?
        .success();
    if !ok {
        bail!("chmod +x {}", path.display());
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_ports_default_to_tcp_and_read_protocols() {
        let json = service_ports_json(&["echo", "9000", "web", "8080", "http"]).unwrap();
        assert!(json.contains(r#""name": "echo", "protocol": "tcp", "container_ports": [9000]"#));
        assert!(json.contains(r#""name": "web", "protocol": "http", "container_ports": [8080]"#));
    }

    #[test]
    fn service_ports_refuse_bad_input() {
        assert!(service_ports_json(&["echo"]).is_err());
        assert!(service_ports_json(&["echo", "0"]).is_err());
        assert!(service_ports_json(&["ec'ho", "80"]).is_err());
        assert!(service_ports_json(&["echo", "80", "bogus"]).is_err());
    }
}
