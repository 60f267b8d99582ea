//! What the stack needs installed: Debian packages, the Backend.AI venv from PyPI, and the two
//! adaptations of the installed Python code that this machine needs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use super::{Layout, BACKEND_AI_VERSION};

/// True when `program` is on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// The directory with PostgreSQL's `initdb` and `pg_ctl` (Debian keeps them off PATH).
pub fn postgres_bin_dir() -> Result<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .context("PostgreSQL is not installed (/usr/lib/postgresql)")?
        .filter_map(|e| Some(e.ok()?.path().join("bin")))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    found.sort();
    found
        .pop()
        .context("no PostgreSQL initdb under /usr/lib/postgresql")
}

fn run(cmd: &mut Command, what: &str) -> Result<()> {
    let status = cmd.status().with_context(|| format!("running {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// `apt-get install` of whatever is missing, without letting Debian start the packaged services.
pub fn apt_install(packages: &[&str], progress: &dyn Fn(&str)) -> Result<()> {
    if packages.is_empty() {
        return Ok(());
    }
    progress(&format!("apt-get install {}", packages.join(" ")));
    run(
        Command::new("apt-get")
            .args(["update", "-qq"])
            .stdout(Stdio::null()),
        "apt-get update",
    )?;
    // policy-rc.d exit 101 = "do not start services" (redis, etcd and postgres would otherwise
    // start on their default ports).
    let policy = Path::new("/usr/sbin/policy-rc.d");
    let own_policy = !policy.exists();
    if own_policy {
        std::fs::write(policy, "#!/bin/sh\nexit 101\n")?;
        run(
            Command::new("chmod").arg("+x").arg(policy),
            "chmod policy-rc.d",
        )?;
    }
    let result = run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .stdout(Stdio::null()),
        "apt-get install",
    );
    if own_policy {
        let _ = std::fs::remove_file(policy);
    }
    result
}

/// PostgreSQL, Redis, etcd, debootstrap and the Docker CLI, from Debian.
pub fn system_packages(progress: &dyn Fn(&str)) -> Result<()> {
    let mut missing = Vec::new();
    for (program, package) in [
        ("redis-server", "redis-server"),
        ("etcd", "etcd-server"),
        ("psql", "postgresql-client"),
        ("debootstrap", "debootstrap"),
        ("docker", "docker.io"),
    ] {
        if !on_path(program) {
            missing.push(package);
        }
    }
    if postgres_bin_dir().is_err() {
        missing.push("postgresql");
    }
    apt_install(&missing, progress)?;
    let ok = Command::new("id")
        .arg("postgres")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?
        .success();
    if !ok {
        run(
            Command::new("useradd").args(["--system", "--no-create-home", "postgres"]),
            "useradd postgres",
        )?;
    }
    Ok(())
}

/// A Python 3.11 interpreter (Backend.AI 23.09 requires >=3.11,<3.12).
fn python_3_11() -> Option<String> {
    let check = "import sys, venv; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)";
    ["python3.11", "python3"].into_iter().find_map(|candidate| {
        let ok = Command::new(candidate)
            .args(["-c", check])
            .stderr(Stdio::null())
            .status()
            .ok()?
            .success();
        ok.then(|| candidate.to_string())
    })
}

/// The venv with manager, agent, storage-proxy, webserver and client at [`BACKEND_AI_VERSION`].
pub fn venv(layout: &Layout, progress: &dyn Fn(&str)) -> Result<()> {
    let stamp = layout.venv().join(format!(".stack-{BACKEND_AI_VERSION}"));
    if stamp.exists() {
        return Ok(());
    }
    let python = match python_3_11() {
        Some(p) => p,
        None => {
            apt_install(&["python3", "python3-venv", "python3-dev"], progress)?;
            python_3_11().context("Backend.AI 23.09 needs Python 3.11")?
        }
    };
    progress(&format!(
        "creating {} and installing Backend.AI {BACKEND_AI_VERSION} from PyPI",
        layout.venv().display()
    ));
    let _ = std::fs::remove_dir_all(layout.venv());
    run(
        Command::new(&python)
            .args(["-m", "venv"])
            .arg(layout.venv()),
        "python -m venv",
    )?;
    let pip = layout.venv_bin("pip");
    run(
        Command::new(&pip).args([
            "install",
            "-q",
            "--disable-pip-version-check",
            "-U",
            "pip",
            "wheel",
        ]),
        "pip install pip wheel",
    )?;
    let constraints = layout.data().join("constraints.txt");
    let packages = ["manager", "agent", "storage-proxy", "client", "webserver"]
        .map(|p| format!("backend.ai-{p}=={BACKEND_AI_VERSION}"));
    run(
        Command::new(&pip)
            .args(["install", "-q", "--disable-pip-version-check", "-c"])
            .arg(&constraints)
            .args(&packages),
        "pip install backend.ai",
    )?;
    std::fs::write(&stamp, "")?;
    Ok(())
}

fn site_packages(layout: &Layout) -> Result<PathBuf> {
    let out = Command::new(layout.venv_bin("python"))
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ])
        .output()?;
    Ok(PathBuf::from(String::from_utf8(out.stdout)?.trim()))
}

/// The Docker agent's hard-coded container limits: nofile 1048576 and unlimited memlock. Where
/// the Docker daemon itself runs with lower hard limits (20000 and 8 MiB on this project's
/// machines) and may not raise them, runc fails every container with "error setting rlimit
/// type 7: operation not permitted". Without them a container inherits the daemon's limits.
const AGENT_ULIMITS: &str = r#"                "Ulimits": [
                    {"Name": "nofile", "Soft": 1048576, "Hard": 1048576},
                    {"Name": "memlock", "Soft": -1, "Hard": -1},
                ],"#;
const AGENT_ULIMITS_INHERITED: &str =
    r#"                "Ulimits": [],  # xtask stack: inherit the Docker daemon's limits"#;

const DUMMY_MARKER: &str = ".from-24.3.10-v4";

/// Adds the dummy agent backend and lifts the Docker agent's container ulimits (see above).
pub fn patch_venv(layout: &Layout, progress: &dyn Fn(&str)) -> Result<()> {
    let site = site_packages(layout)?;
    if !site
        .join("ai/backend/agent/dummy")
        .join(DUMMY_MARKER)
        .exists()
    {
        progress("adding the dummy agent backend from backend.ai-agent 24.3.10 (PyPI)");
        let wheels = layout.state.join("wheels");
        run(
            Command::new(layout.venv_bin("pip"))
                .args(["download", "-q", "--disable-pip-version-check", "--no-deps"])
                .args(["--only-binary", ":all:", "--python-version", "3.12", "-d"])
                .arg(&wheels)
                .arg("backend.ai-agent==24.3.10")
                .stdout(Stdio::null()),
            "pip download backend.ai-agent 24.3.10",
        )?;
        run(
            Command::new(layout.venv_bin("python"))
                .arg(layout.data().join("dummy_backport.py"))
                .arg(&wheels)
                .arg(&site)
                .arg(DUMMY_MARKER),
            "dummy backend backport",
        )?;
    }
    let agent_py = site.join("ai/backend/agent/docker/agent.py");
    let source = std::fs::read_to_string(&agent_py)?;
    if source.contains(AGENT_ULIMITS) {
        progress("letting containers inherit the Docker daemon's ulimits");
        std::fs::write(
            &agent_py,
            source.replace(AGENT_ULIMITS, AGENT_ULIMITS_INHERITED),
        )?;
    } else if !source.contains(AGENT_ULIMITS_INHERITED) {
        bail!(
            "{}: the container ulimits block is not where it was in {BACKEND_AI_VERSION}",
            agent_py.display()
        );
    }
    // Backend.AI asks cloud metadata endpoints (169.254.169.254) when it thinks it runs on a
    // cloud VM: that would leave loopback, so refuse to start then.
    let provider = Command::new(layout.venv_bin("python"))
        .args([
            "-c",
            "from ai.backend.common import identity; print(identity.current_provider)",
        ])
        .current_dir(std::env::temp_dir())
        .stderr(Stdio::null())
        .output()?;
    let provider = String::from_utf8_lossy(&provider.stdout);
    if provider.lines().last().map(str::trim) != Some("None") {
        bail!("Backend.AI detected a cloud provider ({provider:?}); it would query instance metadata off loopback");
    }
    Ok(())
}
