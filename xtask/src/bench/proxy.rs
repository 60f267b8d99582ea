//! App-proxy plumbing shared by both app scenario groups: sizes, the load run against one
//! address, a proxy process under load, and the report rows of a run.

use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result};

use super::proc::{self, Cmd};
use super::report::{Row, Stats, Unit};
use super::sys::kill;
use super::{load, Bench, MIB};

/// key, row name, unit, which series of a [`ProxyRun`].
type AppRowSpec = (&'static str, String, Unit, fn(&ProxyRun) -> &Vec<f64>);

/// Application-level results of one proxy run.
#[derive(Default)]
pub(super) struct ProxyRun {
    bulk_mibs: Vec<f64>,
    p50_us: Vec<f64>,
    p99_us: Vec<f64>,
    conc_ms: Vec<f64>,
    conc_failed: usize,
    /// Peak RSS of the proxy after the one-connection scenarios (bulk, latency), KiB.
    rss_one: Option<u64>,
    /// Peak RSS of the proxy over the whole run (incl. the concurrent connections), KiB.
    rss: Option<u64>,
    pub(super) error: Option<String>,
}

/// How much load one proxy run puts through: bulk bytes, round trips, concurrent
/// connections, rounds.
pub(super) struct ProxySizes {
    pub(super) bulk: u64,
    rtts: usize,
    conns: usize,
    pub(super) rounds: usize,
}

impl Bench {
    pub(super) fn proxy_sizes(&self, real: bool) -> ProxySizes {
        match (self.opts.quick, real) {
            (true, false) => ProxySizes {
                bulk: 64 << 20,
                rtts: 1000,
                conns: 1000,
                rounds: 1,
            },
            (false, false) => ProxySizes {
                bulk: 256 << 20,
                rtts: 2000,
                conns: 1000,
                rounds: 5,
            },
            // The real 23.09 manager holds a database connection per proxied WebSocket; its pool
            // (8 + 64 overflow) times out beyond about 70 concurrent tunnels, for any client.
            (true, true) => ProxySizes {
                bulk: 16 << 20,
                rtts: 300,
                conns: 50,
                rounds: 1,
            },
            (false, true) => ProxySizes {
                bulk: 64 << 20,
                rtts: 1000,
                conns: 50,
                rounds: 3,
            },
        }
    }

    /// Runs the three load tests against `addr`. With the proxy's `pid`, its peak RSS is read
    /// after the one-connection tests and again after the concurrent one.
    pub(super) fn load(
        &self,
        addr: SocketAddr,
        sz: &ProxySizes,
        into: &mut ProxyRun,
        pid: Option<u32>,
    ) -> Result<()> {
        let peak = |into: &mut Option<u64>| {
            if let Some(kb) = pid.and_then(proc::vm_hwm_kb) {
                *into = Some(into.unwrap_or(0).max(kb));
            }
        };
        self.rt.block_on(async {
            let d = load::bulk(addr, sz.bulk).await.context("bulk")?;
            into.bulk_mibs.push(sz.bulk as f64 / MIB / d.as_secs_f64());
            let lat = load::latency(addr, sz.rtts, 64).await.context("latency")?;
            into.p50_us.push(load::quantile_us(&lat, 0.50));
            into.p99_us.push(load::quantile_us(&lat, 0.99));
            peak(&mut into.rss_one);
            let (d, failed) = load::concurrent(addr, sz.conns, Duration::from_secs(60)).await?;
            into.conc_ms.push(d.as_secs_f64() * 1e3);
            into.conc_failed += failed;
            peak(&mut into.rss);
            Ok::<_, anyhow::Error>(())
        })
    }

    /// Starts a proxy process listening on `port`, runs the load, stops it.
    pub(super) fn proxied(
        &self,
        cmd: Cmd,
        port: u16,
        sz: &ProxySizes,
        into: &mut ProxyRun,
        label: &str,
    ) {
        if into.error.is_some() {
            return;
        }
        let log = self.scratch.join(format!("{label}-proxy.log"));
        let res = (|| -> Result<()> {
            let mut c = cmd.command(None);
            let logf = std::fs::File::create(&log)?;
            c.stdin(Stdio::null())
                .stdout(logf.try_clone()?)
                .stderr(logf);
            let mut child = c
                .spawn()
                .with_context(|| format!("cannot run {}", cmd.display()))?;
            let addr: SocketAddr = ([127, 0, 0, 1], port).into();
            let ready = self
                .rt
                .block_on(load::wait_ready(addr, Duration::from_secs(30)));
            let result = ready.and_then(|_| self.load(addr, sz, into, Some(child.id())));
            let rss = proc::vm_hwm_kb(child.id());
            kill(&mut child);
            if let Some(r) = rss {
                into.rss = Some(into.rss.unwrap_or(0).max(r));
            }
            result
        })();
        if let Err(e) = res {
            let tail = std::fs::read_to_string(&log)
                .ok()
                .and_then(|s| {
                    s.lines()
                        .rev()
                        .find(|l| !l.trim().is_empty())
                        .map(str::to_owned)
                })
                .unwrap_or_default();
            into.error = Some(format!(
                "{e:#}{}",
                if tail.is_empty() {
                    String::new()
                } else {
                    format!(" (proxy log: {tail})")
                }
            ));
        }
        eprint!(".");
    }

    pub(super) fn app_rows(
        &mut self,
        section: &'static str,
        prefix: &str,
        ours: ProxyRun,
        py: ProxyRun,
        ceil: ProxyRun,
        sz: &ProxySizes,
    ) {
        let spec: [AppRowSpec; 4] = [
            (
                "bulk",
                format!("bulk {} MiB, one connection", sz.bulk >> 20),
                Unit::MiBs,
                |r| &r.bulk_mibs,
            ),
            (
                "p50",
                format!("p50 latency, {} × 64 B round trips", sz.rtts),
                Unit::Us,
                |r| &r.p50_us,
            ),
            (
                "p99",
                format!("p99 latency, {} × 64 B round trips", sz.rtts),
                Unit::Us,
                |r| &r.p99_us,
            ),
            (
                "conc",
                format!(
                    "{} concurrent connections, 1 round trip each (total)",
                    sz.conns
                ),
                Unit::Ms,
                |r| &r.conc_ms,
            ),
        ];
        for (i, (k, name, unit, get)) in spec.into_iter().enumerate() {
            let mut row = Row::new(&format!("{prefix}_{k}"), section, &name, unit);
            row.ours = Stats::of(get(&ours));
            row.python = Stats::of(get(&py));
            row.ceiling = Stats::of(get(&ceil));
            if k == "conc" {
                row.ours_rss_kb = ours.rss;
                row.python_rss_kb = py.rss;
            }
            if i == 0 {
                row.ours_rss_kb = ours.rss_one;
                row.python_rss_kb = py.rss_one;
                for (who, r) in [("ours", &ours), ("python", &py), ("ceiling", &ceil)] {
                    if let Some(e) = &r.error {
                        row.notes.push(format!("{who} failed: {e}"));
                    }
                }
            }
            if k == "conc" {
                for (who, r) in [("ours", &ours), ("python", &py), ("ceiling", &ceil)] {
                    if r.conc_failed > 0 {
                        row.notes.push(format!(
                            "{who}: {} connections failed (over all rounds)",
                            r.conc_failed
                        ));
                    }
                }
            }
            self.rows.push(row);
        }
    }

    pub(super) fn bai_has_app(&self) -> bool {
        proc::run(&self.bai(&["app", "--help"]), false, &self.scratch).is_ok_and(|o| o.ok)
    }
}
