//! Item 1: the storage proxy killed (SIGKILL of its group, then `stack up`) or stalled
//! (SIGSTOP of its group, SIGCONT some seconds later) a third of the way through a
//! `bai vfolder upload` or `download`. The file must arrive byte-identical (sha256), on its
//! own or by running the same command again; what the user saw and the time to the good copy
//! are reported.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::proc::{self, Run};
use super::scenarios::{ok, row, MIB};
use super::Ctx;

const STORAGE: &str = "storage-proxy";

/// How long a stalled storage proxy stays stopped: several stall timeouts of the `bai` below.
const STALL_FOR: Duration = Duration::from_secs(10);

/// The read timeout `bai` runs with in the stall faults (also its transfer stall timeout).
const STALL_READ_TIMEOUT: &str = "3";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Upload,
    Download,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fault {
    Kill,
    Stall,
}

pub fn killed_upload(ctx: &mut Ctx) -> Result<()> {
    storage_fault(ctx, Direction::Upload, Fault::Kill)
}

pub fn killed_download(ctx: &mut Ctx) -> Result<()> {
    storage_fault(ctx, Direction::Download, Fault::Kill)
}

pub fn stalled_upload(ctx: &mut Ctx) -> Result<()> {
    storage_fault(ctx, Direction::Upload, Fault::Stall)
}

pub fn stalled_download(ctx: &mut Ctx) -> Result<()> {
    storage_fault(ctx, Direction::Download, Fault::Stall)
}

fn transfer_size(ctx: &Ctx) -> u64 {
    if ctx.quick {
        64 * MIB
    } else {
        256 * MIB
    }
}

/// Waits until `progress()` passes `at` bytes or the run ends; `true` when it passed.
fn wait_for_progress(
    running: &mut proc::Running,
    at: u64,
    progress: impl Fn(&proc::Running) -> u64,
) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if running.exited() {
            return false;
        }
        if progress(running) >= at {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

/// A vfolder deleted when dropped.
struct Folder<'a> {
    ctx: &'a Ctx,
    name: String,
}

impl Drop for Folder<'_> {
    fn drop(&mut self) {
        let b = &self.ctx.bai;
        let _ = b.run(
            &["vfolder", "delete", &self.name],
            &[],
            Duration::from_secs(60),
        );
    }
}

fn new_folder(ctx: &Ctx) -> Result<Folder<'_>> {
    let name = format!("faults-{:08x}", proc::rand_u32());
    let r = ctx.bai.run(
        &["vfolder", "create", &name, "local:volume1"],
        &[],
        Duration::from_secs(60),
    )?;
    if !ok(&r) {
        bail!("vfolder create: {}", r.said());
    }
    Ok(Folder { ctx, name })
}

/// `bai vfolder upload|download FOLDER data.bin -b DIR`.
fn transfer(ctx: &Ctx, dir: Direction, folder: &str, base: &Path) -> Result<Run> {
    let verb = match dir {
        Direction::Upload => "upload",
        Direction::Download => "download",
    };
    let base = base.display().to_string();
    ctx.bai.run(
        &["vfolder", verb, folder, "data.bin", "-b", &base],
        &[],
        Duration::from_secs(600),
    )
}

/// A fresh, empty directory under the fault's work directory.
fn fresh_dir(ctx: &Ctx, name: &str) -> Result<std::path::PathBuf> {
    let d = ctx.bai.work.join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d)?;
    Ok(d)
}

fn storage_fault(ctx: &mut Ctx, dir: Direction, fault: Fault) -> Result<()> {
    let size = transfer_size(ctx);
    let (verb, moved) = match dir {
        Direction::Upload => ("upload", "read"),
        Direction::Download => ("download", "written"),
    };
    let tag = format!(
        "{verb}-{}",
        if fault == Fault::Kill {
            "kill"
        } else {
            "stall"
        }
    );
    let src = fresh_dir(ctx, &format!("{tag}-src"))?;
    let back = fresh_dir(ctx, &format!("{tag}-back"))?;
    let file = src.join("data.bin");
    proc::random_file(&file, size)?;
    let want = proc::sha256(&file)?;
    let folder = new_folder(ctx)?;
    if dir == Direction::Download {
        let up = transfer(ctx, Direction::Upload, &folder.name, &src)?;
        if !ok(&up) {
            bail!("preparing the download: upload failed: {}", up.said());
        }
    }
    let base = match dir {
        Direction::Upload => src.display().to_string(),
        Direction::Download => back.display().to_string(),
    };
    // A stalled download gets one retry only, so it gives up while the proxy is still
    // stopped: that proves the stall timeout ends it with one line and that running the same
    // command again resumes from the kept bytes. (A stalled upload keeps its 20 retries and
    // goes on by itself once the proxy continues.)
    let gives_up = fault == Fault::Stall && dir == Direction::Download;
    let mut args = vec![
        "vfolder",
        verb,
        folder.name.as_str(),
        "data.bin",
        "-b",
        base.as_str(),
    ];
    if gives_up {
        args.extend(["--max-retries", "1"]);
    }
    let env: &[(&str, &str)] = match fault {
        Fault::Kill => &[],
        Fault::Stall => &[("BACKEND_READ_TIMEOUT", STALL_READ_TIMEOUT)],
    };
    let mut spawned = ctx.bai.spawn(&tag, &args, env)?;
    let hit = wait_for_progress(&mut spawned, size / 3, |r| match dir {
        Direction::Upload => r.io().0,
        Direction::Download => r.io().1,
    });
    let faulted = Instant::now();
    let mut running = Some(spawned);
    let mut early = None;
    let pgid = proc::service_group(&ctx.root, STORAGE)?;
    let (fault_name, outage_note) = match fault {
        Fault::Kill => {
            proc::signal_group(pgid, "KILL")?;
            let restart = ctx.restart()?;
            (
                "SIGKILLed",
                format!(
                    "`stack up` took {:.1} s of the recovery",
                    restart.as_secs_f64()
                ),
            )
        }
        Fault::Stall => {
            proc::signal_group(pgid, "STOP")?;
            let stopped = Instant::now();
            let mut gave_up = String::new();
            if gives_up {
                let run = running.take().context("spawned once")?.wait(STALL_FOR)?;
                gave_up = format!(
                    "; the first run ended {:.1} s into the stall",
                    stopped.elapsed().as_secs_f64()
                );
                early = Some(run);
            }
            std::thread::sleep(STALL_FOR.saturating_sub(stopped.elapsed()));
            proc::signal_group(pgid, "CONT")?;
            (
                "stalled",
                format!(
                    "stopped (SIGSTOP of its group) for {} s, then SIGCONT; `bai` ran with \
                     BACKEND_READ_TIMEOUT={STALL_READ_TIMEOUT}{gave_up}",
                    STALL_FOR.as_secs()
                ),
            )
        }
    };
    let first = match early {
        Some(run) => run,
        None => running
            .take()
            .context("spawned once")?
            .wait(Duration::from_secs(600))?,
    };
    let (last, rerun) = if ok(&first) {
        (first.clone(), false)
    } else {
        // The same command again: an upload resumes its tus session, a download its
        // `.bai-partial` file.
        (ctx.bai.run(&args, env, Duration::from_secs(600))?, true)
    };
    let recovered = faulted.elapsed().as_secs_f64();
    // The copy that matters: the stored file (read back) or the downloaded one.
    let read_back = match dir {
        Direction::Upload => Some(transfer(ctx, Direction::Download, &folder.name, &back)?),
        Direction::Download => None,
    };
    let got = proc::sha256(&back.join("data.bin")).unwrap_or_default();
    let same = got == want && read_back.as_ref().is_none_or(ok);
    let mut r = row(
        &format!(
            "storage proxy {fault_name} mid {verb} ({} MiB `bai vfolder {verb}`){}",
            size / MIB,
            match (fault, gives_up) {
                (Fault::Kill, _) => ", restarted",
                (Fault::Stall, true) => " with `--max-retries 1`: gives up, then re-run",
                (Fault::Stall, false) => "",
            }
        ),
        format!(
            "first run: exit {:?} `{}`; {}; sha256 {}",
            first.code.unwrap_or(-1),
            first.said(),
            if rerun {
                format!(
                    "re-run: exit {:?} `{}`",
                    last.code.unwrap_or(-1),
                    last.said()
                )
            } else {
                "resumed on its own".to_owned()
            },
            if same { "equal" } else { "DIFFERENT" }
        ),
        ok(&last)
            && same
            && hit
            && (!gives_up
                || (first.code == Some(1)
                    && first.stderr_lines() == 1
                    && first.stderr.contains("stalled")
                    && rerun)),
    );
    r.recovery_s = Some(recovered);
    r.bytes_lost = Some(if same { 0 } else { size });
    r.note = if hit {
        outage_note
    } else {
        format!("the {verb} ended before a third of it was {moved}: the fault did not land mid-transfer")
    };
    drop(folder);
    ctx.push(r);
    Ok(())
}
