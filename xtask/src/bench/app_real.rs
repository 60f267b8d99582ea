//! Scenario group `app-real`: the app proxy through the real manager (its relay bounds both
//! clients).

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use super::proxy::ProxyRun;
use super::sys::free_port;
use super::{load, proc, Bench, IMAGE};

impl Bench {
    pub(super) fn app_real(&mut self) -> Result<()> {
        let section = "App proxy through the real manager (manager relay bounds both)";
        let Some(expose) = self
            .env_get("BAI_REALSTACK_EXPOSE_APP")
            .filter(|p| Path::new(p).exists())
        else {
            self.skipped.push(
                "app proxy through the real manager: BAI_REALSTACK_EXPOSE_APP not set".into(),
            );
            return Ok(());
        };
        let sz = self.proxy_sizes(true);
        let session = format!("bench-app-{}", self.tag);
        let created = proc::run(
            &self.bai(&[
                "session", "create", "-t", &session, "-r", "cpu=1", "-r", "mem=512m", IMAGE,
            ]),
            false,
            &self.scratch,
        )?;
        if !created.ok {
            self.skipped.push(format!(
                "app proxy through the real manager: cannot create a session: {}",
                created.first_error_line()
            ));
            return Ok(());
        }
        let echo = self.rt.block_on(load::echo_server())?;
        let exposed = Command::new("bash")
            .args([&expose, &session, "echo", &echo.port().to_string(), "tcp"])
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .output()?;
        let result = if !exposed.status.success() {
            self.skipped.push(format!(
                "app proxy through the real manager: expose-app.sh failed: {}",
                String::from_utf8_lossy(&exposed.stderr).trim()
            ));
            Ok(())
        } else {
            let has_app = self.bai_has_app();
            let (mut ours, mut py, mut ceil) = (
                ProxyRun::default(),
                ProxyRun::default(),
                ProxyRun::default(),
            );
            if !has_app {
                ours.error = Some("`bai app` is not implemented yet".into());
            }
            for _ in 0..sz.rounds {
                if let Err(e) = self.load(echo, &sz, &mut ceil, None) {
                    ceil.error.get_or_insert(format!("{e:#}"));
                }
                if has_app {
                    let port = free_port()?;
                    let bind = format!("127.0.0.1:{port}");
                    let cmd = self.bai(&["app", &session, "echo", "-b", &bind]);
                    self.proxied(cmd, port, &sz, &mut ours, "ours-real");
                }
                if let Some(p) = self.py(&[]) {
                    let port = free_port()?;
                    let bind = format!("127.0.0.1:{port}");
                    let mut cmd = p;
                    cmd.argv
                        .extend(["app", &session, "echo", "-b", &bind].map(String::from));
                    self.proxied(cmd, port, &sz, &mut py, "python-real");
                }
            }
            eprintln!(" app proxy (real manager)");
            self.app_rows(section, "appreal", ours, py, ceil, &sz);
            Ok(())
        };
        self.run_or_warn(&["session", "rm", &session]);
        result
    }
}
