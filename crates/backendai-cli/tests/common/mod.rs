//! Shared helpers: run `bai` with a clean environment and a private HOME.
#![allow(dead_code)]

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
