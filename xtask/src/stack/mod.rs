//! `cargo xtask stack up | down | status`: the project's own live Backend.AI 23.09.10 stack
//! (work in progress: filled in by the real-execution issue).

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

/// Where `stack up` writes the environment file that the live tests and the bench source.
pub fn env_file(root: &Path) -> PathBuf {
    root.join("target").join("stack").join("env.sh")
}

/// The stack's Python venv (the `backend.ai` 23.09.10 client is its `bin/backend.ai`).
pub fn venv_dir(root: &Path) -> PathBuf {
    root.join("target").join("stack").join("venv")
}

/// Brings the stack up (idempotent) and writes [`env_file`].
pub fn up(_root: &Path) -> Result<()> {
    bail!("stack up: not implemented yet")
}

/// `cargo xtask stack ...`.
pub fn cli(root: &Path, args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("up") => up(root),
        _ => bail!("usage: cargo xtask stack up|down|status"),
    }
}
