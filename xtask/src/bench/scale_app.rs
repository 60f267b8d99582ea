//! Scale curves of the app proxy: N concurrent connections through `bai app` and the Python
//! `backend.ai app`, both against the Rust test manager (in-process stand-in, no live stack).
//!
//! Per N: the N connections are opened at once, each does one 64-byte round trip (the burst,
//! total wall time); then, with all N held open and idle, 1 000 round trips are spread over them
//! (p50/p99, minus the same measured straight to the echo server = added latency), and the
//! proxy's resident memory is read (VmRSS, minus its value before: per connection).

use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result};

use super::app_test_manager::test_manager_env;
use super::load;
use super::proc::{self, Cmd};
use super::report::{Curve, CurvePoint, Stats, Unit};
use super::scale::ScaleSizes;
use super::sys::{free_port, kill};
use super::Bench;

/// Round trips sampled per size while the N connections are held: p99 is then the 10th
/// slowest, not (with 200) the 2nd, which one hiccup of the shared machine decided.
const SAMPLES: usize = 1000;

/// One client's results per size: burst ms, added p50/p99 µs, KiB per connection, failures.
#[derive(Default)]
struct AppScale {
    burst_ms: Vec<Option<f64>>,
    p50_us: Vec<Option<f64>>,
    p99_us: Vec<Option<f64>>,
    kib_per_conn: Vec<Option<f64>>,
    notes: Vec<String>,
}

/// Key, title, unit and the values of one curve.
type CurveSpec = (
    &'static str,
    &'static str,
    Unit,
    fn(&AppScale) -> &Vec<Option<f64>>,
);

/// Straight to the echo server at one size: p50, p99 in µs.
type Direct = (f64, f64);

impl Bench {
    pub(super) fn scale_app(&mut self, sz: &ScaleSizes) -> Result<()> {
        super::step("scale: app proxy with N concurrent connections (test manager)");
        let (mut tm, echo, manager) = self.start_test_manager()?;
        let env = test_manager_env(manager);
        let direct: Vec<Direct> = sz
            .connections
            .iter()
            .map(|&n| self.direct_latency(echo, n))
            .collect::<Result<_>>()?;
        let ours = {
            let cmd = self.bai(&[]).envs(&env);
            self.app_scale_run(cmd, &sz.connections, &direct, "ours")
        };
        let py = self
            .py(&[])
            .map(|p| self.app_scale_run(p.envs(&env), &sz.connections, &direct, "python"));
        kill(&mut tm);
        eprintln!(" app proxy scale");

        let specs: [CurveSpec; 4] = [
            (
                "app-burst",
                "`app`: N connections opened at once, one round trip each (total)",
                Unit::Ms,
                |r| &r.burst_ms,
            ),
            (
                "app-p50",
                "`app`: added p50 latency of a round trip with N connections open",
                Unit::Us,
                |r| &r.p50_us,
            ),
            (
                "app-p99",
                "`app`: added p99 latency of a round trip with N connections open",
                Unit::Us,
                |r| &r.p99_us,
            ),
            (
                "app-rss",
                "`app`: resident memory per open idle connection",
                Unit::KiB,
                |r| &r.kib_per_conn,
            ),
        ];
        for (key, title, unit, get) in specs {
            let mut c = Curve::new(key, title, "connections", unit);
            for (i, &n) in sz.connections.iter().enumerate() {
                let at = |r: &AppScale| {
                    get(r)
                        .get(i)
                        .copied()
                        .flatten()
                        .and_then(|v| Stats::of(&[v]))
                };
                c.points.push(CurvePoint {
                    x: n as f64,
                    ours: at(&ours),
                    python: py.as_ref().and_then(at),
                    ours_rss_kb: None,
                    python_rss_kb: None,
                });
            }
            if key == "app-burst" {
                for (who, r) in [("ours", Some(&ours)), ("python", py.as_ref())] {
                    if let Some(r) = r {
                        c.notes
                            .extend(r.notes.iter().map(|n| format!("{who}: {n}")));
                    }
                }
            }
            if key == "app-p50" {
                c.notes.push(format!(
                    "Straight to the echo server (subtracted): p50 {} µs",
                    direct
                        .iter()
                        .zip(&sz.connections)
                        .map(|(d, n)| format!("{:.0} at {n}", d.0))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            self.curves.push(c);
        }
        Ok(())
    }

    /// p50/p99 of sampled round trips straight to the echo server with `n` connections open.
    fn direct_latency(&self, echo: SocketAddr, n: usize) -> Result<Direct> {
        self.rt.block_on(async {
            let (_, _, mut open) = load::hold(echo, n, Duration::from_secs(60)).await?;
            let lat = load::sampled_latency(&mut open, SAMPLES).await?;
            Ok((load::quantile_us(&lat, 0.5), load::quantile_us(&lat, 0.99)))
        })
    }

    /// Starts one proxy (`base` + `app bench-session echo -b 127.0.0.1:PORT`) and measures
    /// every size against it, smallest first.
    fn app_scale_run(
        &self,
        base: Cmd,
        sizes: &[usize],
        direct: &[Direct],
        label: &str,
    ) -> AppScale {
        let mut out = AppScale::default();
        let mut run = || -> Result<()> {
            let port = free_port()?;
            let bind = format!("127.0.0.1:{port}");
            let mut cmd = base.clone();
            cmd.argv
                .extend(["app", "bench-session", "echo", "-b", &bind].map(String::from));
            let log = self.scratch.join(format!("scale-app-{label}.log"));
            let logf = std::fs::File::create(&log)?;
            let mut child = cmd
                .command(None)
                .stdin(Stdio::null())
                .stdout(logf.try_clone()?)
                .stderr(logf)
                .spawn()
                .with_context(|| format!("cannot run {}", cmd.display()))?;
            let addr: SocketAddr = ([127, 0, 0, 1], port).into();
            let result = (|| -> Result<()> {
                self.rt
                    .block_on(load::wait_ready(addr, Duration::from_secs(30)))?;
                // Let the ready-check's connection close (linger) before the baseline.
                std::thread::sleep(Duration::from_secs(1));
                let before = proc::vm_rss_kb(child.id()).unwrap_or(0);
                for (i, &n) in sizes.iter().enumerate() {
                    let (burst, failed, mut open) =
                        self.rt
                            .block_on(load::hold(addr, n, Duration::from_secs(120)))?;
                    if failed > 0 {
                        out.notes
                            .push(format!("{n} connections: {failed} failed or timed out"));
                    }
                    let give_up = failed > 0 && i + 1 < sizes.len();
                    out.burst_ms.push(Some(burst.as_secs_f64() * 1e3));
                    let lat = self
                        .rt
                        .block_on(load::sampled_latency(&mut open, SAMPLES))?;
                    let (d50, d99) = direct[i];
                    out.p50_us.push(Some(load::quantile_us(&lat, 0.5) - d50));
                    out.p99_us.push(Some(load::quantile_us(&lat, 0.99) - d99));
                    // Idle for a moment, then what the open connections hold.
                    std::thread::sleep(Duration::from_millis(500));
                    let now = proc::vm_rss_kb(child.id()).unwrap_or(0);
                    out.kib_per_conn.push(
                        (!open.is_empty())
                            .then(|| now.saturating_sub(before) as f64 / open.len() as f64),
                    );
                    drop(open);
                    // The relays close their WebSockets after the linger.
                    std::thread::sleep(Duration::from_millis(1500));
                    eprint!(".");
                    if give_up {
                        // Larger sizes would only pile up more timeouts.
                        out.notes
                            .push(format!("larger sizes not run (connections failed at {n})"));
                        break;
                    }
                }
                Ok(())
            })();
            kill(&mut child);
            result
        };
        if let Err(e) = run() {
            out.notes.push(format!("failed: {e:#}"));
        }
        out
    }
}
