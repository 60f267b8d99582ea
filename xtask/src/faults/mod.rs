//! `cargo xtask faults [--quick] [--out DIR]`: faults injected into the live stack's own
//! processes (by process group: a service's workers outlive a signalled parent), and what a
//! `bai` user sees. Each fault restores the stack (`stack up` restarts dead services and reaps
//! orphaned workers) before the next. Writes `docs/reliability.md` (`--quick`:
//! `target/faults-quick/reliability.md`), like the bench writes its report.
//!
//! This disrupts the shared stack: the live tests of anyone else fail while it runs
//! (`--only fail-over` does not: its first endpoint is a relay of its own).
//!
//! Faults, in order: SIGSTOP of the manager (`bai ps` must end within its read timeout);
//! fail-over between two endpoints, the first killed during 100 idempotent calls and during
//! one non-idempotent call; the storage proxy SIGKILLed (then restarted) and stalled (SIGSTOP,
//! then SIGCONT) mid upload and mid download (`storage`);
//! the manager SIGKILLed and restarted under `bai events` and `bai watch`, and under `bai app`
//! (a dummy session whose app the stack's expose-app wrapper points at a local echo server).

mod app;
mod proc;
mod relay;
mod scenarios;
mod storage;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use proc::Bai;

/// A fault run: pushes its rows, or fails when it could not be set up.
type Fault = fn(&mut Ctx) -> Result<()>;

/// One fault and what the user saw.
#[derive(Debug, Clone)]
pub struct Row {
    pub fault: String,
    pub user_saw: String,
    /// Seconds from the fault (or the restart) to working again, when that applies.
    pub recovery_s: Option<f64>,
    /// Bytes lost (differing from the source), when data was moving.
    pub bytes_lost: Option<u64>,
    /// Requests that reached the server more often than sent.
    pub duplicates: Option<u64>,
    pub survived: bool,
    pub note: String,
}

pub struct Ctx {
    pub root: PathBuf,
    pub bai: Bai,
    pub quick: bool,
    pub rows: Vec<Row>,
}

pub fn cli(root: &Path, args: &[String]) -> Result<()> {
    let mut quick = false;
    let mut out = None;
    let mut only: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--out" => out = Some(PathBuf::from(it.next().context("--out DIR")?)),
            "--only" => only = Some(it.next().context("--only NAME")?.clone()),
            other => bail!(
                "usage: cargo xtask faults [--quick] [--only NAME] [--out DIR] (got {other:?})"
            ),
        }
    }
    let started = Instant::now();
    let status = std::process::Command::new("cargo")
        .args(["build", "-q", "-p", "backendai-cli"])
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("cargo build -p backendai-cli failed");
    }
    let work = root.join("target/faults");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("home"))?;
    let mut ctx = Ctx {
        root: root.to_owned(),
        bai: Bai {
            exe: root.join("target/debug/bai"),
            env: proc::stack_env(root)?,
            home: work.join("home"),
            work: work.clone(),
        },
        quick,
        rows: Vec::new(),
    };
    // (name, fault, signals the stack's processes)
    let faults: [(&str, Fault, bool); 8] = [
        ("manager stalled", scenarios::manager_stalled, true),
        ("fail-over", scenarios::fail_over, false),
        (
            "storage proxy killed mid upload",
            storage::killed_upload,
            true,
        ),
        (
            "storage proxy killed mid download",
            storage::killed_download,
            true,
        ),
        (
            "storage proxy stalled mid upload",
            storage::stalled_upload,
            true,
        ),
        (
            "storage proxy stalled mid download",
            storage::stalled_download,
            true,
        ),
        (
            "manager restarted under events/watch",
            scenarios::manager_restarted_streams,
            true,
        ),
        (
            "manager restarted under app",
            app::manager_restarted_app,
            true,
        ),
    ];
    let selected: Vec<_> = faults
        .into_iter()
        .filter(|(name, _, _)| only.as_deref().is_none_or(|o| name.contains(o)))
        .collect();
    if selected.is_empty() {
        bail!("--only {only:?} names no fault");
    }
    if selected.iter().any(|f| f.2) {
        ctx.restore()?;
    }
    for (name, fault, disruptive) in selected {
        eprintln!("\n==> fault: {name}");
        let before = ctx.rows.len();
        if let Err(e) = fault(&mut ctx) {
            ctx.rows.push(Row {
                fault: name.to_owned(),
                user_saw: String::new(),
                recovery_s: None,
                bytes_lost: None,
                duplicates: None,
                survived: false,
                note: format!("the fault run itself failed: {e:#}"),
            });
        }
        for r in &ctx.rows[before..] {
            eprintln!(
                "    {} | {} | survived: {}",
                r.fault,
                r.user_saw,
                if r.survived { "yes" } else { "NO" }
            );
        }
        if disruptive {
            ctx.restore()?;
        }
    }
    let out = out.unwrap_or_else(|| {
        if quick {
            root.join("target/faults-quick")
        } else {
            root.join("docs")
        }
    });
    std::fs::create_dir_all(&out)?;
    let file = out.join("reliability.md");
    std::fs::write(&file, report(&ctx, started.elapsed()))?;
    eprintln!("\nfaults: report written to {}", file.display());
    let failed: Vec<&Row> = ctx.rows.iter().filter(|r| !r.survived).collect();
    if !failed.is_empty() {
        bail!(
            "{} fault(s) not survived: {}",
            failed.len(),
            failed
                .iter()
                .map(|r| r.fault.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    Ok(())
}

impl Ctx {
    /// Every service running again (SIGCONT first, in case a stall was left behind).
    pub fn restore(&self) -> Result<()> {
        for name in ["manager", "storage-proxy"] {
            if let Ok(pgid) = proc::service_group(&self.root, name) {
                let _ = proc::signal_group(pgid, "CONT");
            }
        }
        crate::stack::up(&self.root).context("restoring the stack (stack up)")
    }

    /// `stack up` (restarts what died), timed.
    pub fn restart(&self) -> Result<Duration> {
        let t = Instant::now();
        crate::stack::up(&self.root)?;
        Ok(t.elapsed())
    }

    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }
}

fn cell(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |s| format!("{s:.1} s"))
}

fn count(v: Option<u64>) -> String {
    v.map_or("–".to_owned(), |n| n.to_string())
}

fn report(ctx: &Ctx, took: Duration) -> String {
    let date = jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M UTC");
    let mut s = format!(
        "# Reliability under faults{}\n\n\
         Generated by `cargo xtask faults{}` on {date} ({:.0} s) against the project's live \
         Backend.AI 23.09.10 stack. Faults are sent to the stack's own processes by process \
         group; the stack is restored (`stack up`) after each. Do not edit by hand.\n\n\
         | fault | what the user saw | recovery | bytes lost | duplicate requests | survived |\n\
         |---|---|---|---|---|---|\n",
        if ctx.quick { " (quick)" } else { "" },
        if ctx.quick { " --quick" } else { "" },
        took.as_secs_f64()
    );
    for r in &ctx.rows {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.fault,
            r.user_saw.replace('|', "\\|"),
            cell(r.recovery_s),
            count(r.bytes_lost),
            count(r.duplicates),
            if r.survived { "yes" } else { "**no**" }
        ));
    }
    s.push_str("\n## Notes\n\n");
    for r in ctx.rows.iter().filter(|r| !r.note.is_empty()) {
        s.push_str(&format!("- **{}**: {}\n", r.fault, r.note));
    }
    s.push_str(
        "\nHostile answers and hostile input are in-process tests \
         (`crates/*/tests/hostile_*.rs`, `argv_fuzz.rs`, `secrets.rs`, `fuzz/`).\n",
    );
    s
}
