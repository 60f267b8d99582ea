//! The report's goals: each measured against this run's rows, with the reason when missed.

use super::report::{Goal, Row};
use super::Bench;

impl Bench {
    pub(super) fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    pub(super) fn goals(&self) -> Vec<Goal> {
        let mut goals = Vec::new();
        let help = self.row("help");
        let ours_help = help.and_then(|r| r.ours).map(|s| s.median);
        goals.push(Goal {
            goal: "`bai --help` ≤ 5 ms".into(),
            measured: ours_help
                .map(|v| format!("{v:.2} ms (median)"))
                .unwrap_or("–".into()),
            met: ours_help.map(|v| v <= 5.0),
            why: "`--help` was not measured".into(),
        });
        let f = help.and_then(|r| r.factor(r.python));
        goals.push(Goal {
            goal: "`--help` ≥ 300× faster than Python".into(),
            measured: f.map(|v| format!("{v:.0}×")).unwrap_or("–".into()),
            met: f.map(|v| v >= 300.0),
            why: "Python's `--help` was not measured (no stack venv).".into(),
        });
        let ps = self.row("ps");
        let f = ps.and_then(|r| r.factor(r.python));
        goals.push(Goal {
            goal: "`ps` ≥ 10× faster end to end".into(),
            measured: f.map(|v| format!("{v:.1}×")).unwrap_or("–".into()),
            met: f.map(|v| v >= 10.0),
            why: "needs the live stack.".into(),
        });
        let app = self.row("app_bulk");
        let of_ceil = app.and_then(|r| r.factor(r.ceiling));
        goals.push(Goal {
            goal: "app proxy bulk ≥ 70% of raw loopback".into(),
            measured: of_ceil
                .map(|v| format!("{:.0}%", v * 100.0))
                .unwrap_or("–".into()),
            met: of_ceil.map(|v| v >= 0.70),
            why: String::new(),
        });
        let vs_py = app.and_then(|r| r.factor(r.python));
        goals.push(Goal {
            goal: "app proxy bulk ≥ 5× Python".into(),
            measured: vs_py.map(|v| format!("{v:.1}×")).unwrap_or("–".into()),
            met: vs_py.map(|v| v >= 5.0),
            why: String::new(),
        });
        let vf: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| r.key.starts_with("vf_"))
            .collect();
        let worst = |f: &dyn Fn(&Row) -> Option<f64>| -> Option<(f64, String)> {
            vf.iter()
                .filter_map(|r| f(r).map(|v| (v, r.name.clone())))
                .min_by(|a, b| a.0.total_cmp(&b.0))
        };
        let w = worst(&|r: &Row| r.factor(r.ceiling));
        goals.push(Goal {
            goal: "vfolder transfers ≥ 90% of the storage-proxy ceiling".into(),
            measured: w
                .as_ref()
                .map(|(v, n)| format!("worst {:.0}% ({n})", v * 100.0))
                .unwrap_or("–".into()),
            met: w.map(|(v, _)| v >= 0.90),
            why: String::new(),
        });
        let w = worst(&|r: &Row| r.factor(r.python));
        goals.push(Goal {
            goal: "vfolder transfers ≥ 2× Python".into(),
            measured: w
                .as_ref()
                .map(|(v, n)| format!("worst {v:.1}× ({n})"))
                .unwrap_or("–".into()),
            met: w.map(|(v, _)| v >= 2.0),
            why: String::new(),
        });
        let rss_goal = |app: bool| {
            let rss = self
                .rows
                .iter()
                .filter(|r| r.key.starts_with("app") == app)
                .filter_map(|r| r.ours_rss_kb.map(|k| (k, r.name.clone())))
                .max_by_key(|x| x.0);
            Goal {
                goal: if app {
                    "peak RSS ≤ 15 MB, `bai app` under load".into()
                } else {
                    "CLI peak RSS ≤ 15 MB (one-shot commands)".into()
                },
                measured: rss
                    .as_ref()
                    .map(|(k, n)| format!("max {:.1} MiB ({n})", *k as f64 / 1024.0))
                    .unwrap_or("–".into()),
                met: rss.map(|(k, _)| k as f64 * 1024.0 <= 15e6),
                why: String::new(),
            }
        };
        goals.push(rss_goal(false));
        goals.push(rss_goal(true));
        for g in &mut goals {
            if g.met == Some(false) || g.why.is_empty() {
                g.why = why_missed(&g.goal, g.met);
            }
        }
        self.explain_app_bulk(&mut goals);
        goals
    }

    /// Replaces the generic explanation of missed app-proxy bulk goals with this run's numbers:
    /// what the two-hop bound reached, and where 5× Python lies against loopback.
    fn explain_app_bulk(&self, goals: &mut [Goal]) {
        let Some(row) = self.row("app_bulk") else {
            return;
        };
        let (Some(ours), Some(ceiling)) = (row.ours, row.ceiling) else {
            return;
        };
        for g in goals.iter_mut().filter(|g| g.met == Some(false)) {
            if g.goal.contains("loopback") {
                if let Some(bound) = self.app_bulk_bound {
                    g.why = format!(
                        "two plain TCP forwarders (no WebSocket, no masking, Rust, 256 KiB buffers) \
                         in the places of `bai app` and the manager's relay reached {:.0} MiB/s = \
                         {:.0}% of loopback in this run, and `bai app` reached {:.0}% of that. On \
                         2 cores the run is CPU-bound: a relayed byte is copied through the kernel \
                         12 times (6 socket hops) instead of 4, and a WebSocket relay must also \
                         pass every byte through user space to frame and mask it, so no such \
                         relay reaches 70% here. Ours costs about what a plain forwarder costs; \
                         the goal needs more cores than busy processes in the path.",
                        bound.median,
                        bound.median / ceiling.median * 100.0,
                        ours.median / bound.median * 100.0
                    );
                }
            } else if g.goal.contains("5× Python") {
                if let Some(py) = row.python {
                    g.why = format!(
                        "5× Python's {:.0} MiB/s would be {:.0} MiB/s, above raw loopback itself \
                         ({:.0} MiB/s in this run): unreachable for any relay on this machine. \
                         Python's relay (aiohttp, C-accelerated masking, big frames) is close to \
                         the CPU bound in bulk too; the latency and 1 000-connection rows show the \
                         difference between the relays.",
                        py.median,
                        py.median * 5.0,
                        ceiling.median
                    );
                }
            }
        }
    }
}

/// Explanations for goals that are missed; kept next to the generator so that the report
/// stays reproducible.
fn why_missed(goal: &str, met: Option<bool>) -> String {
    if met.is_none() {
        return "not measured in this run (see Skipped).".into();
    }
    if goal.contains("--help` ≤ 5 ms") {
        "process start-up of the release binary (dynamic loading, clap building the command tree) exceeds the budget on this machine; fix: lazy subcommand construction, fewer static initializers.".into()
    } else if goal.contains("300×") {
        "the Python CLI's start-up here is faster than assumed, or ours is slower; see the `--help` row.".into()
    } else if goal.contains("`ps`") {
        "end-to-end time is dominated by the manager's own response time (Python, aiohttp + GraphQL/SQL); when the live stack is busy (other jobs' live tests), that server time is the same for both clients and shrinks the ratio. Compare `admin user list` and `vfolder list`, which are the same kind of call.".into()
    } else if goal.contains("loopback") {
        "on 2 cores the run is CPU-bound and every relayed byte crosses 6 sockets instead of 2; see the two-hop bound note under the bulk row (measured when `cargo xtask forward` could start).".into()
    } else if goal.contains("5× Python") {
        "in bulk both relays are limited by the same 2 CPUs shared with the test manager, the echo server and the load generator, and Python's aiohttp relays big frames with C-accelerated masking, so the bulk gap is small; the latency and 1 000-connection rows show where the Rust relay is clearly ahead. Fix: see the loopback goal; the gap would widen on more cores.".into()
    } else if goal.contains("ceiling") {
        "small files: every file costs a manager round trip for its token plus process start-up, which the in-process ceiling pays only partly; large files: the client writes to disk and chunks the upload (16 MiB `PATCH`es), while the ceiling sends one request from memory.".into()
    } else if goal.contains("2× Python") {
        "the transfer is bounded by the storage proxy (Python, aiohttp) and the disk, not by the client, so both clients come out close.".into()
    } else if goal.contains("`bai app` under load") {
        "the peak is reached during the burst of 1 000 concurrent connections (all opening their WebSocket at once: the HTTP upgrade's buffers, two adaptive read buffers per connection, never zero-filled since issue 18); a single connection, even in bulk, stays near 15 MiB (bulk row). What an open idle connection keeps is measured by `--only scale` (`scale.md`, RSS per idle connection).".into()
    } else if goal.contains("RSS") {
        "the largest one-shot RSS is a transfer command (parallel transfers keep several chunk buffers, plus tokio worker threads and rustls); the simple commands stay around 10 MiB. Fix: stream chunks straight to/from the file with smaller buffers, bound the parallelism by memory.".into()
    } else {
        String::new()
    }
}
