//! Scenario group `app`: the app proxy through the Rust test manager (client side measured),
//! with the two-hop bound of two plain TCP forwarders.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::proxy::ProxyRun;
use super::report::Stats;
use super::sys::{free_port, kill};
use super::{load, Bench, ACCESS_KEY, MIB, SECRET_KEY};

/// The environment that points a client at the test manager (its fixed key pair).
pub(super) fn test_manager_env(manager: SocketAddr) -> Vec<(String, String)> {
    vec![
        ("BACKEND_ENDPOINT".into(), format!("http://{manager}")),
        ("BACKEND_ENDPOINT_TYPE".into(), "api".into()),
        ("BACKEND_ACCESS_KEY".into(), ACCESS_KEY.into()),
        ("BACKEND_SECRET_KEY".into(), SECRET_KEY.into()),
    ]
}

impl Bench {
    pub(super) fn app_test_manager(&mut self) -> Result<()> {
        let section = "App proxy through the Rust test manager (client side measured)";
        let sz = self.proxy_sizes(false);
        let (mut tm, echo, manager) = self.start_test_manager()?;
        let env = test_manager_env(manager);
        let has_app = self.bai_has_app();
        let (mut ours, mut py, mut ceil) = (
            ProxyRun::default(),
            ProxyRun::default(),
            ProxyRun::default(),
        );
        // The two-hop bound: two plain TCP forwarder processes where `bai app` and the
        // manager's relay sit, no WebSocket at all.
        let mut bound = Vec::new();
        let forwarders = self.start_forwarders(echo);
        if let Err(e) = &forwarders {
            self.skipped
                .push(format!("two-hop bound (plain TCP forwarders): {e:#}"));
        }
        if !has_app {
            ours.error = Some("`bai app` is not implemented yet".into());
        }
        for _ in 0..sz.rounds {
            if let Err(e) = self.load(echo, &sz, &mut ceil, None) {
                ceil.error.get_or_insert(format!("{e:#}"));
            }
            if let Ok((front, _)) = &forwarders {
                match self.rt.block_on(load::bulk(*front, sz.bulk)) {
                    Ok(d) => bound.push(sz.bulk as f64 / MIB / d.as_secs_f64()),
                    Err(e) => self
                        .skipped
                        .push(format!("two-hop bound (plain TCP forwarders): {e:#}")),
                }
            }
            eprint!(".");
            if has_app {
                let port = free_port()?;
                let bind = format!("127.0.0.1:{port}");
                let cmd = self
                    .bai(&["app", "bench-session", "echo", "-b", &bind])
                    .envs(&env);
                self.proxied(cmd, port, &sz, &mut ours, "ours");
            }
            if let Some(p) = self.py(&[]) {
                let port = free_port()?;
                let bind = format!("127.0.0.1:{port}");
                let mut cmd = p.envs(&env);
                cmd.argv
                    .extend(["app", "bench-session", "echo", "-b", &bind].map(String::from));
                self.proxied(cmd, port, &sz, &mut py, "python");
            }
        }
        eprintln!(" app proxy (test manager)");
        kill(&mut tm);
        if let Ok((_, children)) = forwarders {
            for mut child in children {
                kill(&mut child);
            }
        }
        self.app_rows(section, "app", ours, py, ceil, &sz);
        self.app_bulk_bound = Stats::of(&bound);
        if let (Some(b), Some(row)) = (
            self.app_bulk_bound,
            self.rows.iter_mut().find(|r| r.key == "app_bulk"),
        ) {
            let of_loopback = row.ceiling.map(|c| b.median / c.median * 100.0);
            let ours_of_bound = row.ours.map(|o| o.median / b.median * 100.0);
            row.notes.push(format!(
                "two-hop bound, i.e. two plain TCP forwarder processes (`cargo xtask forward`, \
                 tokio `copy_bidirectional`, 256 KiB buffers, no WebSocket) where `bai app` and \
                 the manager's relay sit: **{:.0}** ({:.0}–{:.0}) MiB/s = {} of loopback; ours \
                 reaches {} of it",
                b.median,
                b.min,
                b.max,
                of_loopback.map_or("–".into(), |v| format!("{v:.0}%")),
                ours_of_bound.map_or("–".into(), |v| format!("{v:.0}%")),
            ));
        }
        Ok(())
    }

    /// Starts the Rust test manager with its built-in echo app; returns the child, the echo
    /// server's address and the manager's.
    pub(super) fn start_test_manager(&self) -> Result<(Child, SocketAddr, SocketAddr)> {
        let mut tm = Command::new(&self.test_manager)
            .args(["127.0.0.1:0", "echo-builtin"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("cannot start test_manager")?;
        let (mut echo, mut manager) = (None, None);
        if let Some(out) = tm.stdout.take() {
            for line in BufReader::new(out).lines() {
                let line = line?;
                if let Some(a) = line.strip_prefix("echo on ") {
                    echo = a.trim().parse::<SocketAddr>().ok();
                } else if let Some(a) = line.strip_prefix("listening on ") {
                    manager = a.trim().parse::<SocketAddr>().ok();
                }
                if echo.is_some() && manager.is_some() {
                    break;
                }
            }
        }
        let (Some(echo), Some(manager)) = (echo, manager) else {
            kill(&mut tm);
            bail!("test_manager did not print its addresses");
        };
        Ok((tm, echo, manager))
    }

    /// Starts `xtask forward` twice (front → back → `target`); returns the front address and
    /// the children.
    fn start_forwarders(&self, target: SocketAddr) -> Result<(SocketAddr, Vec<Child>)> {
        let exe = std::env::current_exe().context("own executable")?;
        let mut children = Vec::new();
        let mut next = target;
        for _ in 0..2 {
            let port = free_port()?;
            let listen = format!("127.0.0.1:{port}");
            let child = Command::new(&exe)
                .args(["forward", &listen, &next.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .context("cannot start `xtask forward`")?;
            children.push(child);
            next = ([127, 0, 0, 1], port).into();
        }
        if let Err(e) = self
            .rt
            .block_on(load::wait_ready(next, Duration::from_secs(10)))
        {
            for mut child in children {
                kill(&mut child);
            }
            return Err(e);
        }
        Ok((next, children))
    }
}
