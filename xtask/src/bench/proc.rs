//! Running benchmarked commands: wall time, exit status, output, and peak RSS.
//!
//! Wall time is taken around spawn+wait of the command itself. Peak RSS comes from
//! `/usr/bin/time -f %M` (a separate wrapper process, so it is only used on rounds whose wall
//! time is not counted, or where a millisecond does not matter), or from `VmHWM` in
//! `/proc/<pid>/status` for long-running processes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

/// A command line plus its environment additions.
#[derive(Debug, Clone)]
pub struct Cmd {
    pub argv: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: Option<PathBuf>,
    /// Kill the command after this long (the run then counts as failed).
    pub timeout: Option<Duration>,
}

impl Cmd {
    pub fn new<I, S>(argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            argv: argv.into_iter().map(Into::into).collect(),
            env: Vec::new(),
            cwd: None,
            timeout: None,
        }
    }

    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = Some(limit);
        self
    }

    pub fn envs(mut self, env: &[(String, String)]) -> Self {
        self.env.extend(env.iter().cloned());
        self
    }

    pub fn display(&self) -> String {
        self.argv.join(" ")
    }

    /// A `std::process::Command` for this command line (optionally wrapped in
    /// `/usr/bin/time -f %M -o <rss_file>`).
    pub fn command(&self, rss_file: Option<&Path>) -> Command {
        let mut c = match rss_file {
            Some(f) => {
                let mut c = Command::new(TIME);
                c.arg("-f").arg("%M").arg("-o").arg(f).args(&self.argv);
                c
            }
            None => {
                let mut c = Command::new(&self.argv[0]);
                c.args(&self.argv[1..]);
                c
            }
        };
        c.envs(self.env.iter().map(|(k, v)| (k, v)));
        if let Some(d) = &self.cwd {
            c.current_dir(d);
        }
        c
    }
}

const TIME: &str = "/usr/bin/time";

/// Whether peak RSS can be measured with `/usr/bin/time`.
pub fn have_time() -> bool {
    Path::new(TIME).exists()
}

/// The result of one run.
#[derive(Debug)]
pub struct Outcome {
    pub wall: Duration,
    pub rss_kb: Option<u64>,
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// The first non-empty stderr (or stdout) line, for error notes.
    pub fn first_error_line(&self) -> String {
        self.stderr
            .lines()
            .chain(self.stdout.lines())
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("Command exited"))
            .unwrap_or("(no output)")
            .chars()
            .take(160)
            .collect()
    }
}

/// Runs `cmd` to completion, capturing its output. With `rss`, wraps it in `/usr/bin/time`.
pub fn run(cmd: &Cmd, rss: bool, scratch: &Path) -> Result<Outcome> {
    let rss_file = (rss && have_time()).then(|| scratch.join("rss.txt"));
    if let Some(f) = &rss_file {
        let _ = std::fs::remove_file(f);
    }
    let mut c = cmd.command(rss_file.as_deref());
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let child = c
        .spawn()
        .with_context(|| format!("cannot run {}", cmd.display()))?;
    // A watchdog kills the command at its timeout (the channel tells it the command ended).
    let (done, watch) = std::sync::mpsc::channel::<()>();
    if let Some(limit) = cmd.timeout {
        let pid = child.id().to_string();
        std::thread::spawn(move || {
            if watch.recv_timeout(limit).is_err() {
                // The `/usr/bin/time` wrapper's child first, then the process itself.
                let _ = Command::new("pkill").args(["-9", "-P", &pid]).status();
                let _ = Command::new("kill").args(["-9", &pid]).status();
            }
        });
    }
    let out = child
        .wait_with_output()
        .with_context(|| format!("cannot run {}", cmd.display()))?;
    let wall = start.elapsed();
    let _ = done.send(());
    let timed_out = cmd.timeout.is_some_and(|t| wall >= t);
    let rss_kb = rss_file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()));
    Ok(Outcome {
        wall,
        rss_kb,
        ok: out.status.success() && !timed_out,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: if timed_out {
            format!("timed out after {:?}", wall)
        } else {
            String::from_utf8_lossy(&out.stderr).into_owned()
        },
    })
}

/// Peak RSS (`VmHWM`) of a running process, in KiB.
pub fn vm_hwm_kb(pid: u32) -> Option<u64> {
    status_kb(pid, "VmHWM:")
}

/// Current RSS (`VmRSS`) of a running process, in KiB.
pub fn vm_rss_kb(pid: u32) -> Option<u64> {
    status_kb(pid, "VmRSS:")
}

fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
