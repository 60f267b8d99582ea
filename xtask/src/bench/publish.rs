//! Writing the report: method notes, machine facts, `README.md` + `bench.svg`, and a short
//! summary on stdout.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::Result;

use super::report::{self, Report};
use super::Bench;

impl Bench {
    pub(super) fn write_report(&self, took: Duration) -> Result<()> {
        let out = self.opts.out.clone().unwrap_or_else(|| {
            if self.opts.quick {
                self.target.join("bench-quick")
            } else {
                self.root.join("docs").join("benchmarks")
            }
        });
        std::fs::create_dir_all(&out)?;
        let date = jiff::Timestamp::now()
            .strftime("%Y-%m-%d %H:%M UTC")
            .to_string();
        let r = Report {
            title_mode: if self.opts.quick {
                " --quick".into()
            } else {
                String::new()
            },
            date,
            machine: machine(self.python.as_deref()),
            rows: self.rows.clone(),
            skipped: self.skipped.clone(),
            goals: self.goals(),
            method: self.method(),
            analysis: std::fs::read_to_string(self.root.join("xtask/src/bench/analysis.md"))
                .unwrap_or_default(),
            duration_s: took.as_secs_f64(),
        };
        // A scale-only run (`--only scale`) leaves the main report alone.
        if !self.rows.is_empty() || self.curves.is_empty() {
            std::fs::write(out.join("README.md"), report::markdown(&r))?;
            std::fs::write(out.join("bench.svg"), report::svg(&r))?;
            eprintln!(
                "\nbench: report written to {} ({} s)",
                out.join("README.md").display(),
                took.as_secs()
            );
        }
        if !self.curves.is_empty() {
            self.write_scale(&out, &r.title_mode, &r.date)?;
        }
        // A short summary on stdout.
        for row in &self.rows {
            println!(
                "{:<70} ours {:>12} python {:>12} ceiling {:>12} {}",
                row.name,
                row.ours
                    .map(|s| report::fmt_val(s.median, row.unit))
                    .unwrap_or("-".into()),
                row.python
                    .map(|s| report::fmt_val(s.median, row.unit))
                    .unwrap_or("-".into()),
                row.ceiling
                    .map(|s| report::fmt_val(s.median, row.unit))
                    .unwrap_or("-".into()),
                row.unit.label()
            );
        }
        for g in &r.goals {
            println!("goal: {:<55} {:<40} {:?}", g.goal, g.measured, g.met);
        }
        Ok(())
    }

    /// `scale.md` and one `scale-<key>.svg` per curve; exponents on stdout.
    fn write_scale(&self, out: &Path, mode: &str, date: &str) -> Result<()> {
        let mut extra = super::scale::scale_goals(&self.curves);
        extra.push('\n');
        if !self.skipped.is_empty() {
            extra.push_str("Skipped:\n\n");
            for k in &self.skipped {
                extra.push_str(&format!("- {k}\n"));
            }
            extra.push('\n');
        }
        extra.push_str(
            &std::fs::read_to_string(self.root.join("xtask/src/bench/scale_analysis.md"))
                .unwrap_or_default(),
        );
        std::fs::write(
            out.join("scale.md"),
            report::scale_markdown(mode, date, &self.curves, &extra),
        )?;
        for c in &self.curves {
            std::fs::write(
                out.join(format!("scale-{}.svg", c.key)),
                report::curve_svg(c),
            )?;
            println!(
                "scale: {:<16} exponent ours {:>5} python {:>5}",
                c.key,
                c.exponent(false).map_or("-".into(), |e| format!("{e:.2}")),
                c.exponent(true).map_or("-".into(), |e| format!("{e:.2}")),
            );
        }
        eprintln!(
            "bench: scale report written to {}",
            out.join("scale.md").display()
        );
        Ok(())
    }

    fn method(&self) -> Vec<String> {
        vec![
            format!(
                "Mode: {}. Command scenarios: {} rounds, ours and Python alternating within each round; ours gets one extra uncounted warm-up run which measures its peak RSS with `/usr/bin/time -f %M`, Python's RSS is measured the same way on its first counted run. Session create+destroy: {} rounds, no warm-up. Transfers: {} rounds.",
                if self.opts.quick { "`--quick`" } else { "full" },
                self.rounds,
                if self.opts.quick { 1 } else { 3 },
                if self.opts.quick { 1 } else { 3 }
            ),
            "Wall time is spawn-to-exit of the process (stdout/stderr captured through pipes), release build of `bai` (thin LTO).".into(),
            "Python: the live stack's `backend.ai` 23.09.10 client (venv, CPython 3.11), same environment variables, same server.".into(),
            "vfolder transfers: MiB/s = bytes / wall time of the whole command (start-up, token requests to the manager, transfer, file I/O). The ceiling is an in-process plain hyper HTTP/1.1 client in the xtask: SDK call for the token, then one tus `PATCH` of the whole file from memory (upload) or one `GET` into a local file (download), sequentially over one keep-alive connection; no process start-up. Download sizes are checked.".into(),
            "App proxy: a tokio load generator in the xtask (release). Ceiling = straight to the echo server over loopback TCP. Ours = `bai app SESSION echo -b 127.0.0.1:PORT`, Python = `backend.ai app SESSION echo -b 127.0.0.1:PORT`, both against the same manager. Bulk = one connection, writer and reader concurrent, time until the last echoed byte; latency = 64-byte ping-pong on one connection after 50 warm-up round trips; concurrency = N connections opened at once, one 64-byte round trip each, total wall time. The proxy's peak RSS (VmHWM) is read after the one-connection scenarios (shown on the bulk row) and again after the concurrent connections (shown on that row).".into(),
            "The Rust test manager (`crates/backendai-appproxy/examples/test_manager.rs`) checks every WebSocket signature like the real manager and relays with tokio, so there the client side dominates; through the real (Python, aiohttp) manager both clients are bounded by the manager's relay.".into(),
            "Request signing: ours from `crates/backendai-core/benches/sign.rs` (self-timed loop, `cargo bench`), Python from `generate_signature` in a timeit loop; ops/s per round.".into(),
        ]
    }
}

fn machine(python: Option<&Path>) -> Vec<(String, String)> {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpu = read("/proc/cpuinfo")
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    let mem = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:").map(|v| v.trim().to_owned()))
        .and_then(|v| v.trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown".into());
    let nproc = std::thread::available_parallelism()
        .map(|n| n.get().to_string())
        .unwrap_or_else(|_| "?".into());
    let kernel = read("/proc/sys/kernel/osrelease").trim().to_owned();
    let os = read("/etc/os-release")
        .lines()
        .find_map(|l| {
            l.strip_prefix("PRETTY_NAME=")
                .map(|v| v.trim_matches('"').to_owned())
        })
        .unwrap_or_default();
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let py = python
        .and_then(|p| p.parent().map(|d| d.join("python")))
        .and_then(|p| Command::new(p).arg("-V").output().ok())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "–".into());
    vec![
        ("CPU".into(), cpu),
        ("logical CPUs (nproc)".into(), nproc),
        ("memory".into(), mem),
        ("kernel".into(), kernel),
        ("OS".into(), os),
        ("Rust".into(), rustc),
        ("Python (client venv)".into(), py),
        (
            "server".into(),
            "Backend.AI 23.09.10 live stack on loopback (dummy agent)".into(),
        ),
    ]
}
