//! `bai run`: run code or files in one or many new sessions (SDK `Sessions::get_or_create`,
//! `Session::execute`). Planning the sessions is pure ([`plan`]); console output goes through
//! the printer, or to per-session log files for multi-case runs.

use std::io::Write;
use std::path::{Path, PathBuf};

use backendai_core::parse::{
    expand_run_cases, parse_env_args, parse_range_expr, RangeValue, RunExpansion,
};
use backendai_sdk::groups::session::{
    generate_name, BatchOptions, CreateParams, DestroyOptions, ExecMode, ExecResult, SessionRef,
};
use clap::Args;
use futures_util::StreamExt;
use serde::Serialize;
use serde_json::{json, Value};

use super::create::{create_params, SpawnArgs};
use crate::context::{cache_dir, Context};
use crate::exit::{one_line, usage};
use crate::output::{FieldSpec, Printer};

/// Arguments of `run`.
#[derive(Debug, Args, Clone)]
pub struct RunArgs {
    /// Image name or alias (e.g. `python`).
    pub image: String,
    /// Files to upload and run (batch mode).
    #[arg(value_name = "FILES")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub spawn: SpawnArgs,
    /// The code snippet to run (query mode).
    #[arg(short = 'c', long)]
    pub code: Option<String>,
    /// Connect to the terminal-type kernel.
    #[arg(long)]
    pub terminal: bool,
    /// Shell command that cleans the base directory.
    #[arg(long)]
    pub clean: Option<String>,
    /// Shell command that builds the files.
    #[arg(long)]
    pub build: Option<String>,
    /// Shell command that executes the files.
    #[arg(long)]
    pub exec: Option<String>,
    /// Base directory of the uploaded files.
    #[arg(long)]
    pub basedir: Option<PathBuf>,
    /// Terminate the session after running.
    #[arg(long)]
    pub rm: bool,
    /// Show resource usage statistics after termination (with --rm).
    #[arg(short = 's', long)]
    pub stats: bool,
    /// Range expression for an environment variable: NAME=case:a,b | range:[start,]stop[,step] | linspace:start,stop,num.
    #[arg(long = "env-range", value_name = "NAME=EXPR")]
    pub env_range: Vec<String>,
    /// Range expression for the build command.
    #[arg(long = "build-range", value_name = "NAME=EXPR")]
    pub build_range: Vec<String>,
    /// Range expression for the exec command.
    #[arg(long = "exec-range", value_name = "NAME=EXPR")]
    pub exec_range: Vec<String>,
    /// Maximum number of sessions running at once.
    #[arg(long, default_value_t = 2)]
    pub max_parallel: usize,
    /// Print the sessions that would be created (names, environment, build/exec) and exit.
    #[arg(long)]
    pub dry_run: bool,
}

/// The columns of `run --dry-run`.
const PLAN_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name").label("session"),
    FieldSpec::new("environ").format(environ_text),
    FieldSpec::new("build"),
    FieldSpec::new("exec"),
];

/// `{"A": "1", "B": "2"}` → `A=1 B=2`.
fn environ_text(v: &Value) -> String {
    v.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// One session a `run` invocation will create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedCase {
    /// Case index (0-based).
    pub index: usize,
    /// Session name (`prefix` or `prefix-index`).
    pub name: String,
    /// Environment variables, in option order.
    pub environ: serde_json::Map<String, Value>,
    /// Build command (`*` = server default).
    pub build: String,
    /// Exec command (`*` = server default).
    pub exec: String,
}

/// What a `run` invocation will do.
#[derive(Debug, Clone, Serialize)]
pub struct RunPlan {
    /// Session name prefix.
    pub prefix: String,
    /// `env = ..., build = ..., exec = ...` lines (only when there are several cases).
    pub combinations: Vec<String>,
    /// The sessions.
    pub sessions: Vec<PlannedCase>,
}

fn ranges(items: &[String], option: &str) -> anyhow::Result<Vec<(String, Vec<RangeValue>)>> {
    items
        .iter()
        .map(|s| {
            parse_range_expr(s)
                .map_err(|e| usage(format!("invalid {option} expression {s:?}: {e}")))
        })
        .collect()
}

/// Expands the range options into sessions exactly like the Python CLI (pure; bad
/// expressions and undefined `$VAR`s → exit status 2).
pub fn plan(args: &RunArgs, prefix: &str) -> anyhow::Result<RunPlan> {
    let envs = parse_env_args(&args.spawn.env)
        .map_err(|e| usage(format!("invalid -e/--env value: {e}")))?;
    let env_r = ranges(&args.env_range, "--env-range")?;
    let build_r = ranges(&args.build_range, "--build-range")?;
    let exec_r = ranges(&args.exec_range, "--exec-range")?;
    let expansion: RunExpansion = expand_run_cases(
        &envs,
        args.build.as_deref(),
        args.exec.as_deref(),
        &env_r,
        &build_r,
        &exec_r,
    )
    .map_err(|e| usage(format!("cannot expand the range options: {e}")))?;
    let sessions = expansion
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| PlannedCase {
            index: i,
            name: expansion.session_name(prefix, i),
            environ: c
                .envs
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
            build: c.build.clone(),
            exec: c.exec.clone(),
        })
        .collect();
    Ok(RunPlan {
        prefix: prefix.to_owned(),
        combinations: expansion.combination_lines(),
        sessions,
    })
}

/// Runs `run`.
pub fn run(ctx: &Context, args: &RunArgs) -> anyhow::Result<()> {
    if args.files.is_empty() == args.code.is_none() {
        return Err(usage(
            "give either files to run or a code snippet with -c/--code (not both, not neither)",
        ));
    }
    if args.terminal {
        return Err(usage("--terminal is not supported by this client"));
    }
    let prefix = args.spawn.name.clone().unwrap_or_else(generate_name);
    let plan = plan(args, &prefix)?;
    let multi = plan.sessions.len() > 1;
    if multi && args.max_parallel == 0 {
        return Err(usage("--max-parallel must be greater than 0"));
    }
    // Validate -r / -m / --resource-opts before printing anything.
    let base = create_params(&args.image, &args.spawn)?;
    let out = &ctx.out;
    if args.dry_run && out.json_mode() {
        out.json(&plan)?;
        return Ok(());
    }
    if multi {
        out.info("Running multiple sessions for the following combinations:")?;
        for line in &plan.combinations {
            out.line(line)?;
        }
    }
    out.info(&format!("Session name prefix: {prefix}"))?;
    if args.dry_run {
        out.table(&plan.sessions, PLAN_FIELDS)?;
        return Ok(());
    }
    let log_dir = cache_dir().join("client-logs");
    if multi {
        std::fs::create_dir_all(&log_dir)?;
        out.info(&format!(
            "Check out the stdout/stderr logs stored in {} directory.",
            log_dir.display()
        ))?;
    }
    let client = ctx.client()?;
    let results: Vec<(usize, String, anyhow::Result<CaseOutcome>)> = ctx.block_on(async {
        futures_util::stream::iter(plan.sessions.iter().cloned())
            .map(|case| {
                let mut params = base.clone();
                params.name = Some(case.name.clone());
                params.envs = case.environ.clone();
                let log_dir = multi.then(|| log_dir.clone());
                async move {
                    let r = run_case(ctx, client, args, params, &case, log_dir.as_deref()).await;
                    (case.index, case.name.clone(), r)
                }
            })
            .buffer_unordered(args.max_parallel.max(1))
            .collect()
            .await
    })?;
    let mut sorted = results;
    sorted.sort_by_key(|r| r.0);
    let mut failed = 0;
    let mut summary = Vec::new();
    for (idx, name, r) in &sorted {
        match r {
            Ok(outcome) => {
                let code = outcome.exit_code;
                let ok = code == 0;
                if !ok {
                    failed += 1;
                }
                if multi && ok {
                    out.done(&format!("[{idx}] {name}: exit code {code}"))?;
                } else if multi {
                    out.fail(&format!("[{idx}] {name}: exit code {code}"))?;
                }
                let mut entry = json!({"index": idx, "name": name, "ok": ok, "exit_code": code});
                if let Some(output) = &outcome.output {
                    entry["output"] = output.clone();
                }
                if let Some(stats) = &outcome.stats {
                    entry["stats"] = stats.clone();
                }
                summary.push(entry);
            }
            Err(e) => {
                failed += 1;
                if multi {
                    out.fail(&format!("[{idx}] {}", one_line(e)))?;
                }
                summary
                    .push(json!({"index": idx, "name": name, "ok": false, "error": one_line(e)}));
            }
        }
    }
    if out.json_mode() {
        out.json(&json!({"ok": failed == 0, "sessions": summary}))?;
    }
    if failed > 0 {
        if !multi {
            match sorted.into_iter().next() {
                Some((_, _, Err(e))) => return Err(e),
                Some((_, _, Ok(outcome))) => {
                    return Err(anyhow::anyhow!(
                        "The execution finished with exit code {}.",
                        outcome.exit_code
                    ))
                }
                None => {}
            }
        }
        return Err(anyhow::anyhow!(
            "There were failed cases! ({failed} of {})",
            plan.sessions.len()
        ));
    }
    Ok(())
}

/// How one case ended: the program's exit code and, with `-o json`, what it printed and the
/// session's final statistics (stdout then carries only the JSON summary).
#[derive(Debug, Default)]
struct CaseOutcome {
    exit_code: i64,
    output: Option<Value>,
    stats: Option<Value>,
}

/// The console output of a case kept for the JSON summary.
#[derive(Debug, Default, Serialize)]
struct CapturedOutput {
    stdout: String,
    stderr: String,
    /// Other console records (html, media, ...): `{"type", "data"}`.
    records: Vec<Value>,
}

/// Where a case's console output goes.
enum Sink<'a> {
    /// The printer: stdout and stderr as they come.
    Terminal(&'a Printer),
    /// Log files (multi-case runs).
    Files {
        stdout: std::fs::File,
        stderr: std::fs::File,
    },
    /// Kept for the JSON summary (`-o json`).
    Captured(CapturedOutput),
}

impl<'a> Sink<'a> {
    fn open(out: &'a Printer, dir: Option<&Path>, name: &str) -> anyhow::Result<Self> {
        Ok(match dir {
            Some(d) => Sink::Files {
                stdout: std::fs::File::create(d.join(format!("{name}.stdout.log")))?,
                stderr: std::fs::File::create(d.join(format!("{name}.stderr.log")))?,
            },
            None if out.json_mode() => Sink::Captured(CapturedOutput::default()),
            None => Sink::Terminal(out),
        })
    }

    /// Writes the console items of one result. A closed stdout is an `Err` (never a panic),
    /// so `bai run ... | head` ends quietly.
    fn write(&mut self, r: &ExecResult) -> std::io::Result<()> {
        for item in &r.console {
            let text = match item.data.as_str() {
                Some(t) => t.to_owned(),
                None => item.data.to_string(),
            };
            let kind = item.kind.as_str();
            match self {
                Sink::Terminal(out) => match kind {
                    "stdout" => out.raw(text.as_bytes())?,
                    "stderr" => out.raw_stderr(text.as_bytes())?,
                    _ => out.line(record(kind, &text))?,
                },
                Sink::Files { stdout, stderr } => match kind {
                    "stdout" => stdout.write_all(text.as_bytes())?,
                    "stderr" => stderr.write_all(text.as_bytes())?,
                    _ => writeln!(stdout, "{}", record(kind, &text))?,
                },
                Sink::Captured(c) => match kind {
                    "stdout" => c.stdout.push_str(&text),
                    "stderr" => c.stderr.push_str(&text),
                    _ => c
                        .records
                        .push(json!({"type": kind, "data": item.data.clone()})),
                },
            }
        }
        Ok(())
    }

    /// The captured output, for the JSON summary.
    fn into_output(self) -> Option<Value> {
        match self {
            Sink::Captured(c) => serde_json::to_value(c).ok(),
            _ => None,
        }
    }
}

/// A line of user input for a `waiting-input` result, read from stdin like the Python CLI's
/// `input()` (without its line ending; empty at the end of input).
fn read_input_line() -> String {
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_err() {
        return String::new();
    }
    let trimmed = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed);
    line
}

/// A console item that is neither stdout nor stderr (html, media, ...), framed as text.
fn record(kind: &str, text: &str) -> String {
    format!("----- output record (type: {kind}) -----\n{text}\n----- end of record -----")
}

async fn run_case(
    ctx: &Context,
    client: &backendai_sdk::Client,
    args: &RunArgs,
    params: CreateParams,
    case: &PlannedCase,
    log_dir: Option<&Path>,
) -> anyhow::Result<CaseOutcome> {
    let out = &ctx.out;
    let created = client.sessions().get_or_create(params).await?;
    let name = created
        .session_name
        .clone()
        .unwrap_or_else(|| case.name.clone());
    match created.status.as_str() {
        "PENDING" => {
            out.info(&format!(
                "[{}] Session {name} is enqueued for scheduling.",
                case.index
            ))?;
            return Ok(CaseOutcome::default());
        }
        "TIMEOUT" => {
            out.warn(&format!(
                "[{}] Session {name} is still on the job queue.",
                case.index
            ))?;
            return Ok(CaseOutcome::default());
        }
        s @ ("TERMINATED" | "ERROR" | "CANCELLED") => {
            anyhow::bail!("session {name} ended with status {s}");
        }
        _ => {}
    }
    out.done(&format!("[{}] Session {name} is ready.", case.index))?;
    if args.spawn.enqueue_only {
        return Ok(CaseOutcome::default());
    }
    let session = client.sessions().session(SessionRef::new(&name));
    let result = async {
        let mode = if args.files.is_empty() {
            ExecMode::Query
        } else {
            session.upload(&args.files, args.basedir.as_deref()).await?;
            ExecMode::Batch(BatchOptions {
                clean: args.clean.clone(),
                build: Some(case.build.clone()),
                build_log: Some(false),
                exec: Some(case.exec.clone()),
                extra: Default::default(),
            })
        };
        let code = args.code.clone().unwrap_or_default();
        let mut sink = Sink::open(out, log_dir, &name)?;
        let mut io_err: Option<std::io::Error> = None;
        let last = session
            .execute(code, mode)
            .run_to_end(
                |r| {
                    if let Err(e) = sink.write(r) {
                        io_err.get_or_insert(e);
                    }
                },
                |_| read_input_line(),
            )
            .await?;
        if let Some(e) = io_err {
            return Err(e.into());
        }
        Ok::<_, anyhow::Error>(CaseOutcome {
            exit_code: last.exit_code.unwrap_or(0),
            output: sink.into_output(),
            stats: None,
        })
    }
    .await;
    let mut stats = None;
    if args.rm {
        match session.destroy(DestroyOptions::default()).await {
            Ok(destroyed) => {
                out.info(&format!("[{}] Session {name} terminated.", case.index))?;
                let st = destroyed.as_ref().and_then(|v| v.stats.as_ref());
                match st.filter(|_| args.stats) {
                    // With -o json the statistics join the case in the summary.
                    Some(st) if out.json_mode() => stats = Some(serde_json::to_value(st)?),
                    Some(st) => out.item(st)?,
                    None => {}
                }
            }
            Err(e) => out.fail(&format!("[{}] could not terminate {name}: {e}", case.index))?,
        }
    }
    result.map(|outcome| CaseOutcome { stats, ..outcome })
}
