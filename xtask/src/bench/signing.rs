//! Scenario group `sign`: request signing in-process (our `cargo bench` vs Python's
//! `generate_signature` in a timeit loop).

use std::process::{Command, Stdio};

use anyhow::{Context, Result};

use super::report::{Row, Stats, Unit};
use super::{Bench, ACCESS_KEY, SECRET_KEY};
use crate::stack;

impl Bench {
    pub(super) fn signing(&mut self) -> Result<()> {
        let mut row = Row::new(
            "sign",
            "Request signing (in-process)",
            "HMAC-SHA256 request signature",
            Unit::Ops,
        );
        let rounds = if self.opts.quick { 3 } else { 5 };
        let secs = if self.opts.quick { "0.3" } else { "1.0" };
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(&self.root)
            .args([
                "bench",
                "-q",
                "-p",
                "backendai-core",
                "--bench",
                "sign",
                "--target-dir",
            ])
            .arg(&self.target)
            .env("BENCH_SECS", secs)
            .env("BENCH_ROUNDS", rounds.to_string())
            .stderr(Stdio::inherit())
            .output()
            .context("cannot run cargo bench")?;
        let ours = parse_ops(&String::from_utf8_lossy(&out.stdout));
        if ours.is_empty() {
            row.notes
                .push("ours: the sign bench printed no result".into());
        }
        row.ours = Stats::of(&ours);
        let py_exe = stack::venv_dir(&self.root).join("bin").join("python");
        if py_exe.exists() {
            let script = format!(
                r#"
import timeit
from datetime import datetime, timezone
from yarl import URL
from ai.backend.client.auth import generate_signature
d = datetime(2024, 5, 1, 9, 30, 0, 123456, tzinfo=timezone.utc)
e = URL("http://127.0.0.1:8081")
f = lambda: generate_signature(method="GET", version="v7.20230615", endpoint=e, date=d,
    rel_url="/folders?group_id=8e32dd28-d319-4e3c-8d3b-0ed2e4f1bd47",
    content_type="application/json", access_key="{ACCESS_KEY}",
    secret_key="{SECRET_KEY}", hash_type="sha256")
f()
for _ in range({rounds}):
    n, t = 0, 0.0
    while t < {secs}:
        t += timeit.timeit(f, number=2000)
        n += 2000
    print("bench sign_sha256 ops_per_sec=%d" % (n / t))
"#
            );
            match Command::new(&py_exe).arg("-c").arg(&script).output() {
                Ok(o) if o.status.success() => {
                    row.python = Stats::of(&parse_ops(&String::from_utf8_lossy(&o.stdout)));
                }
                Ok(o) => row.notes.push(format!(
                    "python failed: {}",
                    String::from_utf8_lossy(&o.stderr)
                        .lines()
                        .last()
                        .unwrap_or("")
                )),
                Err(e) => row.notes.push(format!("python failed: {e}")),
            }
            row.notes.push(
                "Python: `ai.backend.client.auth.generate_signature` (hashlib/hmac in C) in a \
                 timeit loop; ours: `backendai_core::auth::sign` (crates/backendai-core/benches/sign.rs)"
                    .into(),
            );
        }
        eprintln!(" {}", row.name);
        self.rows.push(row);
        Ok(())
    }
}

fn parse_ops(text: &str) -> Vec<f64> {
    text.lines()
        .filter_map(|l| {
            l.split_whitespace()
                .find_map(|w| w.strip_prefix("ops_per_sec="))
        })
        .filter_map(|v| v.parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops_lines_are_parsed() {
        let v = parse_ops("bench sign_sha256 ops_per_sec=258227 ns_per_op=3872.6 iters=1\nnoise\n");
        assert_eq!(v, vec![258227.0]);
    }
}
