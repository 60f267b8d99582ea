//! `cargo xtask bench [--quick] [--only GROUPS] [--out DIR] [--no-build] [--scale SCENARIOS]
//! [--scale-points K]`: side-by-side
//! benchmarks of our `bai` against the Python `backend.ai` client (issue 8).
//!
//! Builds release binaries (`bai`, the app-proxy `test_manager` example and this xtask, then
//! re-runs itself in release so that the load generator and the ceiling clients are optimized),
//! brings the project's live stack up when its manager does not answer (`cargo xtask stack up`,
//! see `environment.rs`), runs every scenario for both clients alternately, and writes `README.md` + `bench.svg` (full run: `docs/benchmarks/`; `--quick`:
//! `<target>/bench-quick/`, so a smoke run never overwrites the committed report).
//!
//! Groups (`--only cli,api,...`): `cli` (start-up without network), `sign` (request signing),
//! `api` (ps, admin users, vfolder list, vfolder create+delete), `session` (create+destroy),
//! `vfolder` (uploads/downloads), `app` (app proxy through the Rust test manager), `app-real`
//! (app proxy through the real manager), `scale` (how cost grows with work: curves over
//! several sizes, written to `scale.md` + `scale-*.svg`; issue 18).
//!
//! One file per scenario group (`startup`, `signing`, `api`, `sessions`, `transfers`,
//! `app_test_manager`, `app_real`); the rest is plumbing: `environment` (the live stack),
//! `paired` (the measuring engine), `proxy` (app-proxy runs), `goals` + `publish` + `report`
//! (the report), `proc`/`load`/`storage`/`sys` (processes, load generator, ceiling client).
//!
//! Never asserts speed: it fails only when it cannot run at all.

mod api;
mod app_real;
mod app_test_manager;
mod environment;
mod goals;
mod load;
mod paired;
mod proc;
mod proxy;
mod publish;
mod report;
mod scale;
mod scale_app;
mod scale_files;
mod scale_rows;
mod sessions;
mod signing;
mod startup;
mod storage;
mod sys;
mod tools;
mod transfers;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use xshell::Shell;

use proc::Cmd;
use report::{Row, Stats};
use sys::{raise_nofile, tag};

pub use tools::{forward_cli, load_cli};

const MIB: f64 = 1024.0 * 1024.0;
const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const IMAGE: &str = "cr.backend.ai/stable/python:3.9-ubuntu20.04";
const VFOLDER_HOST: &str = "local:volume1";
const GROUPS: &[&str] = &[
    "cli", "sign", "api", "session", "vfolder", "app", "app-real", "scale",
];

struct Opts {
    quick: bool,
    only: Option<Vec<String>>,
    out: Option<PathBuf>,
    no_build: bool,
    /// `--scale app,ps,files,fanout`: the scale scenarios to run (default all).
    scale: Option<Vec<String>>,
    /// `--scale-points K`: only the K smallest sizes of each scale scenario.
    scale_points: Option<usize>,
}

/// The scenarios of the `scale` group.
const SCALE_SCENARIOS: &[&str] = &["app", "ps", "files", "fanout"];

fn parse_opts(args: &[String]) -> Result<Opts> {
    let mut o = Opts {
        quick: false,
        only: None,
        out: None,
        no_build: false,
        scale: None,
        scale_points: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quick" => o.quick = true,
            "--no-build" => o.no_build = true,
            "--only" => {
                let v = it.next().context("--only needs a value")?;
                let groups: Vec<String> = v.split(',').map(|s| s.trim().to_owned()).collect();
                for g in &groups {
                    if !GROUPS.contains(&g.as_str()) {
                        bail!("unknown group {g:?} (groups: {})", GROUPS.join(", "));
                    }
                }
                o.only = Some(groups);
            }
            "--out" => o.out = Some(PathBuf::from(it.next().context("--out needs a value")?)),
            "--scale" => {
                let v = it.next().context("--scale needs a value")?;
                let picked: Vec<String> = v.split(',').map(|s| s.trim().to_owned()).collect();
                for p in &picked {
                    if !SCALE_SCENARIOS.contains(&p.as_str()) {
                        bail!(
                            "unknown scale scenario {p:?} (scenarios: {})",
                            SCALE_SCENARIOS.join(", ")
                        );
                    }
                }
                o.scale = Some(picked);
            }
            "--scale-points" => {
                let v = it.next().context("--scale-points needs a value")?;
                o.scale_points = Some(v.parse().context("--scale-points needs a number")?);
            }
            "-h" | "--help" => {
                println!(
                    "usage: cargo xtask bench [--quick] [--only {}] [--out DIR] [--no-build] \
                     [--scale {}] [--scale-points K]",
                    GROUPS.join(","),
                    SCALE_SCENARIOS.join(",")
                );
                std::process::exit(0);
            }
            other => bail!("unknown bench option {other:?}"),
        }
    }
    Ok(o)
}

/// Entry point of `cargo xtask bench`.
pub fn run(sh: &Shell, args: &[String]) -> Result<()> {
    let opts = parse_opts(args)?;
    let root = sh.current_dir();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root.join(p) })
        .unwrap_or_else(|| root.join("target"));

    if !opts.no_build {
        step("building release binaries (bai, test_manager, xtask)");
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(&root)
            .args([
                "build",
                "--release",
                "-p",
                "backendai-cli",
                "-p",
                "backendai-appproxy",
                "-p",
                "xtask",
                "--bins",
                "--examples",
                "--target-dir",
            ])
            .arg(&target)
            .status()
            .context("cannot run cargo")?;
        if !status.success() {
            bail!("release build failed");
        }
        if cfg!(debug_assertions) {
            // Re-run in release: the load generator and ceiling clients must be optimized.
            let exe = target.join("release").join("xtask");
            let mut c = Command::new(&exe);
            c.current_dir(&root)
                .arg("bench")
                .args(args)
                .arg("--no-build");
            c.env("CARGO_TARGET_DIR", &target);
            let status = c
                .status()
                .with_context(|| format!("cannot run {}", exe.display()))?;
            if !status.success() {
                bail!("bench failed");
            }
            return Ok(());
        }
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: running the bench from a debug build (load generator unoptimized)");
    }
    let mut b = Bench::new(root, target, opts)?;
    let started = Instant::now();
    b.all()?;
    b.write_report(started.elapsed())
}

fn step(name: &str) {
    eprintln!("\n==> {name}");
}

/// One bench run: its options, binaries, the live stack's environment, and the rows so far.
/// Each scenario group adds an `impl Bench` block in its own file.
struct Bench {
    root: PathBuf,
    target: PathBuf,
    opts: Opts,
    rounds: usize,
    bai: PathBuf,
    test_manager: PathBuf,
    /// The stack venv's Python `backend.ai` client, when installed (found by `ensure_stack`).
    python: Option<PathBuf>,
    /// The live stack's environment (`export K=V` lines of its env.sh).
    env: Vec<(String, String)>,
    /// Whether the live stack's manager answers (the live scenario groups run).
    stack_up: bool,
    scratch: PathBuf,
    tag: String,
    rt: tokio::runtime::Runtime,
    rows: Vec<Row>,
    skipped: Vec<String>,
    /// Bulk MiB/s through two plain TCP forwarders (the two-hop bound), when measured.
    app_bulk_bound: Option<Stats>,
    /// Scale curves (group `scale`).
    curves: Vec<report::Curve>,
}

impl Bench {
    fn new(root: PathBuf, target: PathBuf, opts: Opts) -> Result<Self> {
        let bai = target.join("release").join("bai");
        let test_manager = target.join("release").join("examples").join("test_manager");
        for p in [&bai, &test_manager] {
            if !p.exists() {
                bail!("{} is missing (run without --no-build)", p.display());
            }
        }
        let scratch = target.join("bench-scratch");
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch)?;
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let rounds = if opts.quick { 3 } else { 10 };
        Ok(Bench {
            root,
            target,
            opts,
            rounds,
            bai,
            test_manager,
            python: None,
            env: Vec::new(),
            stack_up: false,
            scratch,
            tag: tag(),
            rt,
            rows: Vec::new(),
            skipped: Vec::new(),
            app_bulk_bound: None,
            curves: Vec::new(),
        })
    }

    fn want(&self, group: &str) -> bool {
        self.opts
            .only
            .as_ref()
            .is_none_or(|g| g.iter().any(|x| x == group))
    }

    fn bai(&self, args: &[&str]) -> Cmd {
        let mut argv = vec![self.bai.display().to_string()];
        argv.extend(args.iter().map(|s| s.to_string()));
        Cmd::new(argv).envs(&self.env)
    }

    fn py(&self, args: &[&str]) -> Option<Cmd> {
        let py = self.python.as_ref()?;
        let mut argv = vec![py.display().to_string()];
        argv.extend(args.iter().map(|s| s.to_string()));
        Some(Cmd::new(argv).envs(&self.env))
    }

    fn all(&mut self) -> Result<()> {
        raise_nofile();
        self.ensure_stack();
        if self.python.is_none() {
            self.skipped
                .push("Python client not found (stack venv missing): no Python column".into());
        }
        if self.want("cli") {
            step("CLI start-up");
            self.cli_startup()?;
        }
        if self.want("sign") {
            step("request signing");
            self.signing()?;
        }
        let stack_groups = [
            (
                "api",
                "ps / admin users / vfolder list / vfolder create+delete",
            ),
            ("session", "session create+destroy"),
            ("vfolder", "vfolder uploads and downloads"),
            ("app-real", "app proxy through the real manager"),
        ];
        if !self.stack_up {
            let manager = self.manager_addr();
            for (g, what) in stack_groups {
                if self.want(g) {
                    self.skipped.push(format!(
                        "{what}: live stack not available (manager at {manager} does not answer)"
                    ));
                }
            }
        }
        if self.stack_up && self.want("api") {
            step("end-to-end API calls");
            self.api_calls()?;
        }
        if self.stack_up && self.want("session") {
            step("session create+destroy");
            self.sessions()?;
        }
        if self.stack_up && self.want("vfolder") {
            step("vfolder transfers");
            self.transfers()?;
        }
        if self.want("app") {
            step("app proxy (Rust test manager)");
            self.app_test_manager()?;
        }
        if self.stack_up && self.want("app-real") {
            step("app proxy (real manager)");
            self.app_real()?;
        }
        if self.want("scale") {
            self.scale()?;
        }
        Ok(())
    }
}
