//! Scenario group `scale` (issue 18): how cost grows with work, ours against Python in the
//! same run. Each scenario is measured at several sizes and becomes a [`Curve`]; the curves
//! go to `scale.md` with one SVG each (see `publish.rs`).
//!
//! Here: the sizes, the per-point measuring (the paired engine of `paired.rs`), `ps --all`
//! over many sessions and `run --env-range` fan-out. Files: `scale_files.rs`; the app proxy
//! with many connections: `scale_app.rs`.

use std::time::Duration;

use anyhow::{Context, Result};
use backendai_sdk::groups::session::{
    CreateParams, DestroyOptions, ListParams, DEFAULT_STATUSES, STATUS_FIELDS,
};

use super::paired::{ms, MakeCmds, Side};
use super::proc;
use super::report::{Curve, CurvePoint, Row, Unit};
use super::scale_rows;
use super::{Bench, IMAGE};

/// The scaling group of the dummy agent (fake kernels; sessions there cost no containers).
pub(super) const DUMMY_GROUP: &str = "default";

/// The work sizes of every scale scenario (`--quick`: small ones).
pub(super) struct ScaleSizes {
    pub(super) sessions: Vec<usize>,
    /// The most `ps` sessions created through the API; larger points add copied rows
    /// (`scale_rows.rs`). Quick runs copy too, so that path is exercised on every CI run.
    pub(super) api_sessions: usize,
    pub(super) small_files: Vec<usize>,
    /// Count and size (MiB) of the big-file transfer.
    pub(super) big_files: (usize, usize),
    pub(super) fanout: Vec<usize>,
    pub(super) connections: Vec<usize>,
    /// Rounds per point (the largest points of slow scenarios get one).
    pub(super) rounds: usize,
    /// Longest a single command may take before it counts as failed.
    pub(super) timeout: Duration,
}

impl ScaleSizes {
    pub(super) fn new(quick: bool) -> Self {
        if quick {
            ScaleSizes {
                sessions: vec![2, 5, 10],
                api_sessions: 5,
                small_files: vec![10, 30, 100],
                big_files: (3, 1),
                fanout: vec![1, 2, 4],
                connections: vec![10, 100, 300],
                rounds: 1,
                timeout: Duration::from_secs(120),
            }
        } else {
            ScaleSizes {
                sessions: vec![10, 100, 1000],
                api_sessions: 100,
                small_files: vec![100, 1000, 10000],
                big_files: (100, 10),
                fanout: vec![1, 10, 50],
                connections: vec![10, 100, 1000, 5000],
                rounds: 3,
                // Python uploads 10 000 files one at a time: about 5 minutes here.
                timeout: Duration::from_secs(900),
            }
        }
    }
}

impl ScaleSizes {
    /// Only the `k` smallest sizes of every scenario (at least one).
    fn keep_smallest(&mut self, k: usize) {
        let k = k.max(1);
        for v in [
            &mut self.sessions,
            &mut self.small_files,
            &mut self.fanout,
            &mut self.connections,
        ] {
            v.truncate(k);
        }
    }
}

impl Bench {
    pub(super) fn scale(&mut self) -> Result<()> {
        let mut sz = ScaleSizes::new(self.opts.quick);
        if let Some(k) = self.opts.scale_points {
            sz.keep_smallest(k);
        }
        let want = |s: &str| {
            self.opts
                .scale
                .as_ref()
                .is_none_or(|v| v.iter().any(|x| x == s))
        };
        let (app, ps, files, fanout) = (want("app"), want("ps"), want("files"), want("fanout"));
        // One scenario's failure (a 429 from the manager once ended a 20-minute run with no
        // report) is noted and the others still run and are reported.
        let run = |bench: &mut Self, name: &str, f: fn(&mut Self, &ScaleSizes) -> Result<()>| {
            if let Err(e) = f(bench, &sz) {
                eprintln!("warning: scale {name} failed: {e:#}");
                bench.skipped.push(format!("scale {name}: failed: {e:#}"));
            }
        };
        if app {
            run(self, "app", Self::scale_app);
        }
        if !self.stack_up && (ps || files || fanout) {
            self.skipped
                .push("scale: live stack not available (only the app-proxy curves ran)".into());
            return Ok(());
        }
        if ps {
            run(self, "ps", Self::scale_ps);
        }
        // Fan-out before the file curves: 10 000-file transfers leave the 23.09 manager's
        // worker grown (5.1 GB RSS, saturated), and session lifecycles after that measure it.
        if fanout {
            run(self, "fanout", Self::scale_fanout);
        }
        if files {
            run(self, "files", Self::scale_files);
        }
        Ok(())
    }

    /// Destroys the sessions named with `prefixes` (see [`sweep_sessions`]) and notes on
    /// `curve` what could not be destroyed or why the sweep failed.
    fn sweep_noting(&self, curve: &mut Curve, prefixes: &[&str]) {
        let swept = self
            .sdk_client()
            .and_then(|client| self.rt.block_on(sweep_sessions(&client, prefixes)));
        match swept {
            Ok(left) if left.is_empty() => {}
            Ok(left) => curve.notes.push(format!(
                "clean-up: {} sessions could not be destroyed: {}",
                left.len(),
                left.join(", ")
            )),
            Err(e) => curve.notes.push(format!("clean-up failed: {e:#}")),
        }
    }

    /// Measures one point of `curve` at size `x`: ours and Python alternately (`rounds`), wall
    /// time in ms, peak RSS on each side's first run. Python is skipped once it failed at a
    /// smaller size of the same curve (a timeout there would only repeat, longer).
    pub(super) fn scale_point(
        &self,
        curve: &mut Curve,
        x: usize,
        rounds: usize,
        ours: MakeCmds<'_>,
        python: Option<MakeCmds<'_>>,
    ) -> Result<()> {
        let mut row = Row::new(
            &curve.key,
            "scale",
            &format!("{x} {}", curve.x_label),
            Unit::Ms,
        );
        let python_failed_before = curve.notes.iter().any(|n| n.contains("python failed"));
        let mut sides = vec![Side::new("ours", ours)];
        match python {
            Some(p) if !python_failed_before => sides.push(Side::new("python", p)),
            Some(_) => curve.notes.push(format!(
                "{x} {}: Python not run (it failed at a smaller size)",
                curve.x_label
            )),
            None => {}
        }
        self.paired(&mut row, rounds, false, &mut sides, None, &ms)?;
        drop(sides);
        for n in row.notes {
            curve.notes.push(format!("{x} {}: {n}", curve.x_label));
        }
        curve.points.push(CurvePoint {
            x: x as f64,
            ours: row.ours,
            python: row.python,
            ours_rss_kb: row.ours_rss_kb,
            python_rss_kb: row.python_rss_kb,
        });
        Ok(())
    }

    /// The same fixed command line for both clients.
    pub(super) fn both(
        &self,
        args: &[&str],
        timeout: Duration,
    ) -> (MakeCmds<'static>, Option<MakeCmds<'static>>) {
        let ours = self.bai(args).timeout(timeout);
        let py = self.py(args).map(|c| c.timeout(timeout));
        (
            Box::new(move |_| Ok(vec![ours.clone()])),
            py.map(|p| Box::new(move |_| Ok(vec![p.clone()])) as MakeCmds<'static>),
        )
    }

    /// `ps --all` with N sessions: up to `api_sessions` are enqueued through the API in
    /// bulk on the dummy agent's scaling group; the rest are copies of the first one's rows
    /// (see `scale_rows.rs` for why). All are destroyed or deleted at the end, also after a
    /// failure.
    fn scale_ps(&mut self, sz: &ScaleSizes) -> Result<()> {
        super::step("scale: ps --all over many sessions");
        let mut curve = Curve::new(
            "ps",
            "`ps --all` with N sessions",
            "sessions (ours; `ps --all` also lists earlier ones)",
            Unit::Ms,
        );
        let client = self.sdk_client()?;
        let mut created: Vec<String> = Vec::new();
        let mut failure = None;
        let prefix = format!("bench-scale-{}-", self.tag);
        let copy_prefix = format!("{prefix}copy-");
        let mut copied = 0;
        for &n in &sz.sessions {
            let missing = n.min(sz.api_sessions).saturating_sub(created.len());
            let names: Vec<String> = (created.len()..created.len() + missing)
                .map(|i| format!("bench-scale-{}-{i}", self.tag))
                .collect();
            let made = self.rt.block_on(create_sessions(&client, &names));
            created.extend(made.iter().cloned());
            if made.len() < names.len() {
                failure = Some(format!(
                    "only {} of {} sessions could be created",
                    created.len(),
                    n
                ));
                break;
            }
            let to_copy = n.saturating_sub(created.len() + copied);
            if to_copy > 0 {
                let template = format!("{prefix}0");
                if let Err(e) = scale_rows::copy_session(&template, &copy_prefix, copied, to_copy) {
                    failure = Some(format!("{n} sessions: {e:#}"));
                    break;
                }
                copied += to_copy;
                curve.notes.push(format!(
                    "{n} sessions: {} created through the API, {copied} copies of one of them \
                     (rows in the stack's DB, TERMINATED)",
                    created.len()
                ));
            }
            // Time `ps` on a quiet manager: while it still schedules the enqueued sessions
            // (serialization conflicts, retries) every request waits, Python's 50 pages far
            // longer than our one (a run without this read 36 s for Python at 1 000).
            curve
                .notes
                .push(format!("{n} sessions: {}", settle(&prefix)));
            let listed = proc::run(
                &self.bai(&["ps", "--all", "--name-only"]),
                false,
                &self.scratch,
            )?;
            let ours_listed = listed
                .stdout
                .lines()
                .filter(|l| l.contains(&format!("bench-scale-{}-", self.tag)))
                .count();
            curve.notes.push(format!(
                "{n} sessions: `ps --all` listed {} sessions in all ({ours_listed} of ours)",
                listed
                    .stdout
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .count()
            ));
            let rounds = if n >= 1000 {
                sz.rounds.min(2)
            } else {
                sz.rounds
            };
            let (o, p) = self.both(&["ps", "--all"], sz.timeout);
            self.scale_point(&mut curve, n, rounds, o, p)?;
        }
        self.sweep_noting(&mut curve, &[prefix.as_str()]);
        // The fan-out curve comes next: it should not meet these sessions' terminations.
        curve
            .notes
            .push(format!("after clean-up: {}", settle(&prefix)));
        match scale_rows::delete_sessions(&copy_prefix) {
            Ok(gone) if gone == copied => {}
            Ok(gone) => curve.notes.push(format!(
                "clean-up: deleted {gone} copied sessions, {copied} were made"
            )),
            Err(e) => curve
                .notes
                .push(format!("clean-up of the copies failed: {e:#}")),
        }
        if let Some(f) = failure {
            curve.notes.push(f);
        }
        self.curves.push(curve);
        Ok(())
    }

    /// `run --env-range X=range:N --max-parallel N --rm`: N sessions on the dummy agent, one
    /// snippet each, until all results are in.
    fn scale_fanout(&mut self, sz: &ScaleSizes) -> Result<()> {
        super::step("scale: run --env-range fan-out");
        let mut curve = Curve::new(
            "fanout",
            "`run --env-range` fan-out to N sessions (until all results)",
            "sessions",
            Unit::Ms,
        );
        for &n in &sz.fanout {
            let range = format!("X=range:{n}");
            let par = n.to_string();
            let args = [
                "run",
                "--rm",
                "--env-range",
                range.as_str(),
                // Both clients run one session per distinct environment: without a variable
                // that uses $X all N cases are the same and fold into one session.
                "-e",
                "FANOUT_INDEX=$X",
                "--max-parallel",
                par.as_str(),
                "--scaling-group",
                DUMMY_GROUP,
                "-r",
                "cpu=1",
                "-r",
                "mem=512m",
                "-c",
                "print(1)",
                IMAGE,
            ];
            let rounds = if n >= 10 { 1 } else { sz.rounds.min(2) };
            let (o, p) = self.both(&args, sz.timeout);
            self.scale_point(&mut curve, n, rounds, o, p)?;
        }
        // A `run --rm` stopped by the timeout leaves sessions (both clients name them pysdk-*).
        self.sweep_noting(&mut curve, &["pysdk-"]);
        curve.notes.push(
            "Both clients run with the same `--max-parallel N` (Python's default is 2). The \
             dummy agent fakes kernels; its slots and the keypair's concurrent-session limit \
             bound how many of the N run at once, for both clients alike."
                .into(),
        );
        self.curves.push(curve);
        Ok(())
    }
}

/// Enqueues sessions named `names` (8 requests in flight: with 16 the 23.09 manager failed
/// some with "DB serialization failed after 20 retries"); returns the names created.
async fn create_sessions(client: &backendai_sdk::Client, names: &[String]) -> Vec<String> {
    let mut made = Vec::new();
    let mut tasks = tokio::task::JoinSet::new();
    let mut next = 0;
    while next < names.len() || !tasks.is_empty() {
        while next < names.len() && tasks.len() < 8 {
            let client = client.clone();
            let name = names[next].clone();
            next += 1;
            tasks.spawn(async move {
                let mut p = CreateParams::new(IMAGE);
                p.name = Some(name.clone());
                p.enqueue_only = true;
                p.no_reuse = true;
                p.scaling_group = Some(DUMMY_GROUP.into());
                p.resources.insert("cpu".into(), "1".into());
                p.resources.insert("mem".into(), "512m".into());
                client
                    .sessions()
                    .get_or_create(p)
                    .await
                    .map(|_| name.clone())
                    .with_context(|| format!("create {name}"))
            });
        }
        match tasks.join_next().await {
            Some(Ok(Ok(name))) => made.push(name),
            Some(Ok(Err(e))) => eprintln!("warning: {e:#}"),
            Some(Err(e)) => eprintln!("warning: {e}"),
            None => break,
        }
    }
    made
}

/// The live sessions (not terminated or cancelled) whose names start with one of `prefixes`.
async fn live_sessions(
    client: &backendai_sdk::Client,
    prefixes: &[&str],
) -> backendai_sdk::Result<Vec<String>> {
    let mut params = ListParams::selecting(DEFAULT_STATUSES, STATUS_FIELDS);
    params.limit = 100;
    let sessions = client.sessions().list_all(&params).await?;
    Ok(sessions
        .iter()
        .filter_map(|s| s["name"].as_str())
        .filter(|n| prefixes.iter().any(|p| n.starts_with(p)))
        .map(str::to_owned)
        .collect())
}

/// Force-destroys every live session named with one of `prefixes`, again until none is left
/// or two minutes passed: a session the scheduler or agent is still working on can survive
/// one forced destroy (the bench once left sessions that held the keypair's concurrency limit
/// for the tests after it). Returns the names still alive.
async fn sweep_sessions(client: &backendai_sdk::Client, prefixes: &[&str]) -> Result<Vec<String>> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    loop {
        let left = match live_sessions(client, prefixes).await {
            Ok(left) => left,
            Err(e) if tokio::time::Instant::now() >= deadline => return Err(e.into()),
            Err(_) => {
                tokio::time::sleep(Duration::from_secs(5)).await;
                continue;
            }
        };
        if left.is_empty() || tokio::time::Instant::now() >= deadline {
            return Ok(left);
        }
        destroy_sessions(client, &left).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// Force-destroys the sessions (16 in flight); returns how many are gone.
async fn destroy_sessions(client: &backendai_sdk::Client, names: &[String]) -> usize {
    let mut tasks = tokio::task::JoinSet::new();
    let mut gone = 0;
    let mut next = 0;
    while next < names.len() || !tasks.is_empty() {
        while next < names.len() && tasks.len() < 16 {
            let client = client.clone();
            let name = names[next].clone();
            next += 1;
            tasks.spawn(async move {
                let opts = DestroyOptions {
                    forced: true,
                    recursive: false,
                };
                client.sessions().session(name.as_str()).destroy(opts).await
            });
        }
        match tasks.join_next().await {
            Some(Ok(Ok(_))) => gone += 1,
            Some(_) => {}
            None => break,
        }
    }
    gone
}

/// The issue's goals for the scale curves, measured against this run's curves (a Markdown
/// table; goals whose curve did not run are "not measured").
pub(super) fn scale_goals(curves: &[Curve]) -> String {
    let find = |k: &str| curves.iter().find(|c| c.key == k);
    let at = |k: &str, x: f64| -> Option<f64> {
        let c = find(k)?;
        let p = c.points.iter().find(|p| p.x == x)?;
        let mut row = Row::new(k, "scale", "", c.unit);
        row.ours = p.ours;
        row.factor(p.python)
    };
    let mut rows: Vec<(String, String, Option<bool>)> = Vec::new();
    // Time curves only: the added-latency and memory-per-connection curves are per unit.
    let steepest = curves
        .iter()
        .filter(|c| c.unit == Unit::Ms)
        .filter_map(|c| c.exponent(false).map(|e| (e, c.key.clone())))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    rows.push((
        "no curve of ours grows faster than linearly (exponent ≤ 1.1, the noise of a shared 2-core VM)".into(),
        steepest
            .as_ref()
            .map_or("–".into(), |(e, k)| format!("steepest: {e:.2} ({k})")),
        steepest.map(|(e, _)| e <= 1.1),
    ));
    let ps = at("ps", 1000.0);
    rows.push((
        "`ps --all` with 1 000 sessions ≥ 20× faster than Python".into(),
        ps.map_or("–".into(), |f| format!("{f:.1}×")),
        ps.map(|f| f >= 20.0),
    ));
    let up = at("upload-small", 10000.0);
    rows.push((
        "upload of 10 000 files ≥ 5× faster than Python".into(),
        up.map_or("–".into(), |f| format!("{f:.1}×")),
        up.map(|f| f >= 5.0),
    ));
    // Per-connection memory at 10 connections is below the resolution of VmRSS (pages).
    let rss = find("app-rss").and_then(|c| {
        c.points
            .iter()
            .filter(|p| p.x >= 100.0)
            .filter_map(|p| p.ours.map(|s| s.median))
            .max_by(f64::total_cmp)
    });
    rows.push((
        "RSS per idle forwarded connection ≤ 16 KiB (ours, 100 connections and more)".into(),
        rss.map_or("–".into(), |v| format!("at most {v:.1} KiB")),
        rss.map(|v| v <= 16.0),
    ));
    let mut s =
        String::from("## Goals (issue 18)\n\n| goal | measured | status |\n|---|---|---|\n");
    for (goal, measured, met) in rows {
        let status = match met {
            Some(true) => "met",
            Some(false) => "**missed**",
            None => "not measured",
        };
        s.push_str(&format!("| {goal} | {measured} | {status} |\n"));
    }
    s
}

/// Waits (up to 10 minutes) until no session named `{prefix}…` is being scheduled, prepared or
/// terminated; says how long that took, for the curve's notes.
fn settle(prefix: &str) -> String {
    let start = std::time::Instant::now();
    loop {
        match scale_rows::unsettled_sessions(prefix) {
            Ok(0) => {
                return format!(
                    "manager settled after {:.0} s",
                    start.elapsed().as_secs_f64()
                )
            }
            Ok(n) if start.elapsed() > std::time::Duration::from_secs(600) => {
                return format!("{n} sessions still unsettled after 600 s (timed anyway)")
            }
            Ok(_) => std::thread::sleep(std::time::Duration::from_secs(2)),
            Err(e) => return format!("could not check the manager's sessions: {e:#}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::report::Stats;

    fn curve(key: &str, unit: Unit, pts: &[(f64, f64, f64)]) -> Curve {
        let mut c = Curve::new(key, key, "n", unit);
        for &(x, ours, py) in pts {
            c.points.push(CurvePoint {
                x,
                ours: Stats::of(&[ours]),
                python: Stats::of(&[py]),
                ours_rss_kb: None,
                python_rss_kb: None,
            });
        }
        c
    }

    #[test]
    fn goals_read_the_curves() {
        let curves = [
            curve(
                "ps",
                Unit::Ms,
                &[(10.0, 10.0, 100.0), (1000.0, 100.0, 3000.0)],
            ),
            curve(
                "upload-small",
                Unit::Ms,
                &[(100.0, 10.0, 40.0), (10000.0, 2000.0, 8000.0)],
            ),
            curve(
                "app-rss",
                Unit::KiB,
                &[(10.0, 90.0, 9.0), (100.0, 12.0, 30.0)],
            ),
        ];
        let md = scale_goals(&curves);
        assert!(
            md.contains("| steepest: 1.15 (upload-small) | **missed** |"),
            "{md}"
        );
        assert!(md.contains("| 30.0× | met |"), "{md}");
        assert!(md.contains("| 4.0× | **missed** |"), "{md}");
        assert!(md.contains("| at most 12.0 KiB | met |"), "{md}");
        let mut sz = ScaleSizes::new(false);
        sz.keep_smallest(2);
        assert_eq!(sz.connections, [10, 100]);
        assert_eq!(sz.sessions, [10, 100]);
    }
}
