//! Item 3: the manager SIGKILLed and restarted while `bai app` forwards a session app. The
//! dummy agent's session app is pointed at a local echo server (the stack's expose-app
//! wrapper), so no real container is needed. Open connections must end (not hang); a new
//! local connection must work after the restart without restarting `bai app`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::proc;
use super::{Ctx, Row};

fn echo_server() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0")?;
    let port = l.local_addr()?.port();
    std::thread::spawn(move || {
        for mut s in l.incoming().flatten() {
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = s.read(&mut buf) {
                    if n == 0 || s.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            });
        }
    });
    Ok(port)
}

/// Sends `msg` through the forward and reads it back.
fn echo_once(port: u16, msg: &[u8]) -> Result<TcpStream> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    s.write_all(msg)?;
    let mut got = vec![0u8; msg.len()];
    s.read_exact(&mut got)?;
    if got != msg {
        bail!("echo mismatch");
    }
    Ok(s)
}

pub fn manager_restarted_app(ctx: &mut Ctx) -> Result<()> {
    let fault = "manager SIGKILLed and restarted under `bai app` (dummy session, echo app)";
    let expose = ctx
        .bai
        .env
        .get("BAI_REALSTACK_EXPOSE_APP")
        .cloned()
        .context("BAI_REALSTACK_EXPOSE_APP in env.sh")?;
    let image = ctx
        .bai
        .env
        .get("BAI_TEST_IMAGE")
        .cloned()
        .unwrap_or_default();
    let name = format!("faults-app-{:08x}", proc::rand_u32());
    let created = ctx.bai.run(
        &[
            "create",
            "-t",
            &name,
            "--scaling-group",
            "default",
            "-r",
            "cpu=1",
            "-r",
            "mem=512m",
            &image,
        ],
        &[],
        Duration::from_secs(120),
    )?;
    let result = forward_through_restart(ctx, &name, &expose, created.code == Some(0));
    super::scenarios::destroy_with_retries(ctx, &name)?;
    let row = match result {
        Ok(row) => row,
        Err(e) => Row {
            fault: fault.to_owned(),
            user_saw: String::new(),
            recovery_s: None,
            bytes_lost: None,
            duplicates: None,
            survived: false,
            note: format!("{e:#}"),
        },
    };
    ctx.push(row);
    Ok(())
}

fn forward_through_restart(ctx: &Ctx, name: &str, expose: &str, created: bool) -> Result<Row> {
    if !created {
        bail!("creating the dummy session failed");
    }
    let t0 = Instant::now();
    loop {
        let info = ctx
            .bai
            .run(&["-o", "json", "info", name], &[], Duration::from_secs(60))?;
        if info.stdout.contains("RUNNING") {
            break;
        }
        if t0.elapsed() > Duration::from_secs(60) {
            bail!("session {name} not RUNNING after 60 s");
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    let echo = echo_server()?;
    let exposed = std::process::Command::new("bash")
        .arg(expose)
        .args([name, "echo", &echo.to_string(), "tcp"])
        .output()?;
    if !exposed.status.success() {
        bail!("expose-app: {}", String::from_utf8_lossy(&exposed.stderr));
    }
    let local = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let bind = format!("127.0.0.1:{local}");
    let app = ctx
        .bai
        .spawn("app", &["app", name, "echo", "-b", &bind], &[])?;
    let mut open = None;
    let t0 = Instant::now();
    while open.is_none() && t0.elapsed() < Duration::from_secs(20) {
        open = echo_once(local, b"before").ok();
        if open.is_none() {
            std::thread::sleep(Duration::from_millis(300));
        }
    }
    let Some(mut open) = open else {
        let _ = app.interrupt();
        bail!("the forward did not work before the fault");
    };
    proc::signal_group(proc::service_group(&ctx.root, "manager")?, "KILL")?;
    ctx.restart()?;
    let back = Instant::now();
    // The connection opened before the restart: it must end, not hang.
    open.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut buf = [0u8; 64];
    let old_end = match open.read(&mut buf) {
        Ok(0) => "ended (EOF)".to_owned(),
        Ok(_) => "still answering".to_owned(),
        Err(e)
            if e.kind() == std::io::ErrorKind::WouldBlock
                || e.kind() == std::io::ErrorKind::TimedOut =>
        {
            "HUNG (no end within 20 s)".to_owned()
        }
        Err(e) => format!("ended ({})", e.kind()),
    };
    let mut new_ok = None;
    while new_ok.is_none() && back.elapsed() < Duration::from_secs(60) {
        if echo_once(local, b"after").is_ok() {
            new_ok = Some(back.elapsed().as_secs_f64());
        } else {
            std::thread::sleep(Duration::from_millis(500));
        }
    }
    let mut app = app;
    let app_alive = !app.exited();
    let ended = app.interrupt()?;
    let survived = new_ok.is_some() && app_alive && !old_end.starts_with("HUNG");
    Ok(Row {
        fault: "manager SIGKILLed and restarted under `bai app` (dummy session, echo app)".into(),
        user_saw: format!(
            "open connection: {old_end}; new connection after the restart: {}; bai app {}",
            if new_ok.is_some() { "works" } else { "FAILS" },
            if app_alive {
                "kept running".to_owned()
            } else {
                format!("exited: `{}`", ended.said())
            }
        ),
        recovery_s: new_ok,
        bytes_lost: None,
        duplicates: None,
        survived,
        note: String::new(),
    })
}
