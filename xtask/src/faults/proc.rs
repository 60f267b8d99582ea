//! Processes for the fault suite: the stack's service groups (signalled by PGID, as the
//! stack starts each service in its own group) and the `bai` runs whose behaviour is measured.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// The PGID of a stack service (its leader's PID, from `target/stack/pids/NAME.pid`).
pub fn service_group(root: &Path, name: &str) -> Result<u32> {
    let file = root.join("target/stack/pids").join(format!("{name}.pid"));
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    text.trim()
        .parse()
        .with_context(|| format!("{}: not a PID", file.display()))
}

/// Sends `sig` (`KILL`, `STOP`, `CONT`) to every process of group `pgid`: a service's
/// workers outlive a signalled parent otherwise.
pub fn signal_group(pgid: u32, sig: &str) -> Result<()> {
    let status = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg("--")
        .arg(format!("-{pgid}"))
        .status()
        .context("running kill")?;
    if !status.success() {
        bail!("kill -{sig} -{pgid} failed");
    }
    Ok(())
}

/// The variables `cargo xtask stack up` wrote to `target/stack/env.sh` (`export K=V`).
pub fn stack_env(root: &Path) -> Result<BTreeMap<String, String>> {
    let file = root.join("target/stack/env.sh");
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("{} (run `cargo xtask stack up`)", file.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| l.strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| !k.contains("PATH"))
        .map(|(k, v)| (k.to_owned(), v.trim_matches('"').to_owned()))
        .collect())
}

/// How `bai` is run: the binary, the stack's variables, a private HOME, a work directory.
#[derive(Clone)]
pub struct Bai {
    pub exe: PathBuf,
    pub env: BTreeMap<String, String>,
    pub home: PathBuf,
    pub work: PathBuf,
}

/// A finished run.
#[derive(Debug, Clone)]
pub struct Run {
    /// Exit code (`None`: killed by a signal or by the wait limit).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

impl Run {
    /// The last non-empty stderr line, as the user saw it.
    pub fn said(&self) -> String {
        self.stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .chars()
            .take(160)
            .collect()
    }

    pub fn stderr_lines(&self) -> usize {
        self.stderr.lines().filter(|l| !l.trim().is_empty()).count()
    }
}

/// A `bai` running in the background, its output going to files.
pub struct Running {
    pub child: Child,
    out: PathBuf,
    err: PathBuf,
    started: Instant,
}

impl Bai {
    fn command(&self, args: &[&str], extra: &[(&str, &str)]) -> Command {
        let mut c = Command::new(&self.exe);
        c.env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_STATE_HOME", self.home.join(".local/state"))
            .env("NO_COLOR", "1")
            .envs(&self.env)
            .envs(extra.iter().copied())
            .args(args)
            .current_dir(&self.work)
            .stdin(Stdio::null());
        c
    }

    /// Starts `bai args` in the background.
    pub fn spawn(&self, tag: &str, args: &[&str], extra: &[(&str, &str)]) -> Result<Running> {
        let out = self.work.join(format!("{tag}.out"));
        let err = self.work.join(format!("{tag}.err"));
        let child = self
            .command(args, extra)
            .stdout(std::fs::File::create(&out)?)
            .stderr(std::fs::File::create(&err)?)
            .spawn()
            .context("starting bai")?;
        Ok(Running {
            child,
            out,
            err,
            started: Instant::now(),
        })
    }

    /// Runs `bai args` to the end (at most `limit`).
    pub fn run(&self, args: &[&str], extra: &[(&str, &str)], limit: Duration) -> Result<Run> {
        let tag = format!("run-{}", std::process::id() ^ rand_u32());
        self.spawn(&tag, args, extra)?.wait(limit)
    }
}

impl Running {
    /// What it printed so far.
    pub fn stdout_now(&self) -> String {
        std::fs::read_to_string(&self.out).unwrap_or_default()
    }

    /// Bytes it read (`rchar`) and wrote (`wchar`) so far, from `/proc/PID/io`.
    pub fn io(&self) -> (u64, u64) {
        let text =
            std::fs::read_to_string(format!("/proc/{}/io", self.child.id())).unwrap_or_default();
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0)
        };
        (field("rchar:"), field("wchar:"))
    }

    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Waits for the end (killing it after `limit`) and collects its output.
    pub fn wait(mut self, limit: Duration) -> Result<Run> {
        let deadline = Instant::now() + limit;
        let status = loop {
            if let Some(s) = self.child.try_wait()? {
                break Some(s);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Ok(Run {
            code: status.and_then(|s| s.code()),
            stdout: std::fs::read_to_string(&self.out).unwrap_or_default(),
            stderr: std::fs::read_to_string(&self.err).unwrap_or_default(),
            took: self.started.elapsed(),
        })
    }

    /// Ends it with SIGINT (as Ctrl-C would) and collects its output.
    pub fn interrupt(self) -> Result<Run> {
        let _ = Command::new("kill")
            .arg("-INT")
            .arg(self.child.id().to_string())
            .status();
        self.wait(Duration::from_secs(10))
    }
}

/// `sha256sum FILE`.
pub fn sha256(file: &Path) -> Result<String> {
    let out = Command::new("sha256sum").arg(file).output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned())
}

/// Writes `size` bytes of pseudo-random data (not compressible, not all alike).
pub fn random_file(path: &Path, size: u64) -> Result<()> {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut x = 0x9e37_79b9_7f4a_7c15_u64 ^ u64::from(rand_u32());
    let mut buf = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        for chunk in buf.chunks_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            chunk.copy_from_slice(&x.to_le_bytes()[..chunk.len()]);
        }
        let n = left.min(buf.len() as u64) as usize;
        f.write_all(&buf[..n])?;
        left -= n as u64;
    }
    f.flush()?;
    Ok(())
}

/// A few random bits for names (time-based; nothing here needs more).
pub fn rand_u32() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.subsec_nanos())
}
