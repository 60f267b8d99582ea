//! The faults. Each pushes one or more [`Row`]s; an `Err` means the fault could not even be
//! set up (reported as not survived).

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use super::proc::{self, Run};
use super::relay::{KillAt, Relay};
use super::{Ctx, Row};

pub(super) const MIB: u64 = 1 << 20;
const MANAGER: &str = "manager";

pub(super) fn row(fault: &str, saw: impl Into<String>, survived: bool) -> Row {
    Row {
        fault: fault.to_owned(),
        user_saw: saw.into(),
        recovery_s: None,
        bytes_lost: None,
        duplicates: None,
        survived,
        note: String::new(),
    }
}

pub(super) fn ok(r: &Run) -> bool {
    r.code == Some(0)
}

/// Item 5: SIGSTOP of the manager's whole group; `bai ps` with a 3 s read timeout.
pub fn manager_stalled(ctx: &mut Ctx) -> Result<()> {
    let pgid = proc::service_group(&ctx.root, MANAGER)?;
    proc::signal_group(pgid, "STOP")?;
    let run = ctx.bai.run(
        &["ps"],
        &[("BACKEND_READ_TIMEOUT", "3")],
        Duration::from_secs(60),
    );
    proc::signal_group(pgid, "CONT")?;
    let run = run?;
    let took = run.took.as_secs_f64();
    let survived = run.code == Some(1) && run.stderr_lines() == 1 && took < 4.0;
    let mut r = row(
        "manager stalled (SIGSTOP of its group), `bai ps`, BACKEND_READ_TIMEOUT=3",
        format!(
            "exit {:?} after {took:.1} s: `{}`",
            run.code.unwrap_or(-1),
            run.said()
        ),
        survived,
    );
    if !survived {
        r.note = format!(
            "expected one stderr line, exit 1, within 3 s + 1 s margin; got {} line(s)",
            run.stderr_lines()
        );
    }
    ctx.push(r);
    // After SIGCONT the same command works again.
    let after = ctx.bai.run(&["ps"], &[], Duration::from_secs(60))?;
    let mut r = row(
        "manager resumed (SIGCONT), `bai ps` again",
        format!("exit {:?}", after.code.unwrap_or(-1)),
        ok(&after),
    );
    r.recovery_s = Some(after.took.as_secs_f64());
    ctx.push(r);
    Ok(())
}

fn manager_addr(ctx: &Ctx) -> Result<SocketAddr> {
    let ep = ctx
        .bai
        .env
        .get("BACKEND_ENDPOINT")
        .context("BACKEND_ENDPOINT in env.sh")?;
    let hostport = ep.trim_start_matches("http://").trim_end_matches('/');
    hostport
        .parse()
        .context("the manager endpoint as host:port")
}

/// Item 4: endpoints `relay,manager`; the relay dies mid-run.
pub fn fail_over(ctx: &mut Ctx) -> Result<()> {
    let upstream = manager_addr(ctx)?;
    let direct = format!("http://{upstream}");
    let calls = if ctx.quick { 30 } else { 100 };

    // Idempotent calls: the relay dies right after forwarding the call in the middle.
    // Each call sends two or three requests (probe, announcement, status): this lands about
    // a third of the way in.
    let relay = Relay::start(upstream, KillAt::AfterForwarding(calls))?;
    let endpoints = format!("{},{direct}", relay.url);
    let mut failed = Vec::new();
    let mut killed_during = None;
    for i in 0..calls {
        let was_dead = relay.is_dead();
        let r = ctx.bai.run(
            &["manager", "status"],
            &[("BACKEND_ENDPOINT", &endpoints)],
            Duration::from_secs(60),
        )?;
        if !was_dead && relay.is_dead() {
            killed_during = Some(i + 1);
        }
        if !ok(&r) {
            failed.push(format!("call {}: {}", i + 1, r.said()));
        }
    }
    // Each call = probe + request through the relay while it lives.
    let mut r = row(
        &format!("fail-over: {calls} idempotent calls (`bai manager status`), first of two endpoints killed mid-run"),
        format!(
            "{} of {calls} failed; the relay died during call {}",
            failed.len(),
            killed_during.map_or("–".to_owned(), |n| n.to_string())
        ),
        failed.is_empty() && killed_during.is_some(),
    );
    r.duplicates = Some(0);
    if !failed.is_empty() {
        r.note = failed.join("; ");
    }
    ctx.push(r);

    // A non-idempotent call whose answer is lost: the relay dies when the manager answers.
    let name = format!("faults-{:08x}", proc::rand_u32());
    let relay = Relay::start(upstream, KillAt::OnAnswerTo("POST /folders"))?;
    let endpoints = format!("{},{direct}", relay.url);
    let run = ctx.bai.run(
        &["vfolder", "create", &name, "local:volume1"],
        &[("BACKEND_ENDPOINT", &endpoints)],
        Duration::from_secs(60),
    )?;
    let posts = relay
        .requests()
        .iter()
        .filter(|l| l.starts_with("POST /folders"))
        .count() as u64;
    // Server side: how many folders of that name exist now.
    let listed = ctx
        .bai
        .run(&["vfolder", "list"], &[], Duration::from_secs(60))?;
    let on_server = listed.stdout.matches(name.as_str()).count() as u64;
    let survived = run.code == Some(1) && run.stderr_lines() == 1 && posts <= 1 && on_server <= 1;
    let mut r = row(
        "fail-over: non-idempotent call (`bai vfolder create`) in flight when the endpoint dies",
        format!(
            "exit {:?}: `{}`; POSTs that reached the manager: {posts}; folders created: {on_server}",
            run.code.unwrap_or(-1),
            run.said()
        ),
        survived,
    );
    r.duplicates = Some(posts.saturating_sub(1));
    ctx.push(r);
    let _ = ctx
        .bai
        .run(&["vfolder", "delete", &name], &[], Duration::from_secs(60));
    Ok(())
}

/// `bai destroy NAME`, retried for a while: a session still being prepared cannot be
/// destroyed yet. A session that is gone already (`not found`) counts as destroyed.
pub(super) fn destroy_with_retries(ctx: &Ctx, name: &str) -> Result<Run> {
    let gone = |r: &Run| ok(r) || r.stderr.contains("not found") || r.stderr.contains("No such");
    let mut destroyed = ctx
        .bai
        .run(&["destroy", name], &[], Duration::from_secs(120))?;
    for _ in 0..30 {
        if gone(&destroyed) {
            break;
        }
        std::thread::sleep(Duration::from_secs(2));
        destroyed = ctx
            .bai
            .run(&["destroy", name], &[], Duration::from_secs(120))?;
    }
    Ok(destroyed)
}

/// The status of session `name` (`?` when it cannot be read).
fn session_status(ctx: &Ctx, name: &str) -> String {
    let listed = ctx.bai.run(
        &["ps", "--all", "--plain", "--format", "name,status"],
        &[],
        Duration::from_secs(60),
    );
    listed
        .ok()
        .and_then(|r| {
            r.stdout.lines().find_map(|l| {
                let (n, status) = l.split_once('\t')?;
                (n == name).then(|| status.trim().to_owned())
            })
        })
        .unwrap_or_else(|| "?".into())
}

/// Item 2: the manager's group SIGKILLed and restarted while `bai events '*'` and `bai watch`
/// run; a session created afterwards must show up in the event stream.
///
/// The 23.09 manager sends a session's first event when the scheduler starts it (its
/// `session_enqueued` event is never delivered: the handler looks the session up by kernel id),
/// so a probe that stays PENDING (the keypair's concurrency limit held by other sessions: what
/// failed this fault on a fresh clone after the bench had left sessions behind) proves
/// nothing about `bai events`; its status is reported with the outcome.
pub fn manager_restarted_streams(ctx: &mut Ctx) -> Result<()> {
    let events = ctx.bai.spawn("events", &["events", "*"], &[])?;
    let watch = ctx.bai.spawn("watch", &["watch"], &[])?;
    std::thread::sleep(Duration::from_secs(2));
    let killed = Instant::now();
    proc::signal_group(proc::service_group(&ctx.root, MANAGER)?, "KILL")?;
    let restart = ctx.restart()?;
    let back = Instant::now();
    let image = ctx
        .bai
        .env
        .get("BAI_TEST_IMAGE")
        .cloned()
        .unwrap_or_else(|| "python".into());
    // The manager does not replay events a subscriber missed: a session created while `bai
    // events` is still in its reconnect backoff is never seen. So probe with a new session
    // every 10 s until one's events arrive; recovery is the time from the manager being back
    // to the first event of a session created after the restart.
    let deadline = Instant::now() + Duration::from_secs(if ctx.quick { 60 } else { 120 });
    let mut seen_after = None;
    let mut probes: Vec<(String, String, Option<i32>)> = Vec::new();
    let mut events = events;
    while seen_after.is_none() && Instant::now() < deadline && !events.exited() {
        let name = format!("faults-{:08x}", proc::rand_u32());
        let created = ctx.bai.run(
            &[
                "create",
                "-t",
                &name,
                "--scaling-group",
                "default",
                "--enqueue-only",
                &image,
            ],
            &[],
            Duration::from_secs(120),
        )?;
        let probe_end = (Instant::now() + Duration::from_secs(10)).min(deadline);
        while Instant::now() < probe_end {
            if events.stdout_now().contains(&name) {
                seen_after = Some(back.elapsed().as_secs_f64());
                break;
            }
            if events.exited() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let status = if ok(&created) {
            session_status(ctx, &name)
        } else {
            format!("not created: {}", created.said())
        };
        let destroyed = destroy_with_retries(ctx, &name)?;
        probes.push((name, status, destroyed.code));
    }
    let mut watch = watch;
    let watch_alive = !watch.exited();
    let ev_run = events.interrupt()?;
    let watch_run = watch.interrupt()?;
    let mut r = row(
        "manager SIGKILLed and restarted under `bai events '*'`",
        match seen_after {
            Some(s) => format!(
                "reconnected; the new session's events arrived {s:.1} s after the manager was back"
            ),
            None => format!(
                "no event of {} session(s) created after the restart (their status 10 s after \
                 creation, destroy exit: {:?}); events: `{}`",
                probes.len(),
                probes
                    .iter()
                    .map(|(_, status, d)| format!("{status}, {}", d.unwrap_or(-1)))
                    .collect::<Vec<_>>(),
                ev_run.said()
            ),
        },
        seen_after.is_some(),
    );
    r.recovery_s = seen_after;
    r.note = format!(
        "manager down {:.1} s (kill to `stack up` done)",
        restart
            .as_secs_f64()
            .max(back.duration_since(killed).as_secs_f64())
    );
    ctx.push(r);
    ctx.push(row(
        "manager SIGKILLed and restarted under `bai watch`",
        if watch_alive {
            "still running after the restart; Ctrl-C ended it".to_owned()
        } else {
            format!(
                "it ended: exit {:?} `{}`",
                watch_run.code.unwrap_or(-1),
                watch_run.said()
            )
        },
        watch_alive,
    ));
    Ok(())
}
