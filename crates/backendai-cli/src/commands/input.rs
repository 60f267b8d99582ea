//! Input the template and dotfile commands share with the Python CLI: a text read from
//! `-f FILE` or stdin, and the `Are you sure? (y/[n])` question before a delete.

use std::io::{BufRead, IsTerminal, Read};
use std::path::Path;

use anyhow::Context as _;

use crate::output::Printer;

/// The text of `file`, or all of stdin when no file is given. Unlike the Python CLI (which
/// appends a newline to every line it reads from stdin, doubling them), stdin is kept as is.
pub fn text_from_file_or_stdin(file: Option<&Path>, out: &Printer) -> anyhow::Result<String> {
    if let Some(path) = file {
        return std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()));
    }
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        out.note("Reading from stdin (end with Ctrl-D)...")?;
    }
    let mut text = String::new();
    stdin
        .read_to_string(&mut text)
        .context("cannot read stdin")?;
    Ok(text)
}

/// Asks `Are you sure? (y/[n])` unless `force`; true when the answer is `y`. Says
/// `Aborting.` otherwise (the command then ends successfully, as in the Python CLI).
pub fn confirmed(force: bool, out: &Printer) -> anyhow::Result<bool> {
    if force {
        return Ok(true);
    }
    out.warn("Are you sure? (y/[n])")?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    if line.trim() == "y" {
        return Ok(true);
    }
    out.info("Aborting.")?;
    Ok(false)
}
