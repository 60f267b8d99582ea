//! Live: server announcements and `bai server-logs` against the real Backend.AI 23.09 stack.
//! Reads only BACKEND_ENDPOINT, BACKEND_ACCESS_KEY and BACKEND_SECRET_KEY; HOME and the XDG
//! dirs point into a temporary directory. The announcement is restored afterwards.

mod common;

use std::time::Duration;

use backendai_core::config::ApiConfig;
use backendai_core::Secret;
use backendai_sdk::groups::logs::NewErrorLog;
use backendai_sdk::Client;
use common::{run, suffix, Sandbox};

/// Access key of the realstack's normal user (`user@lablup.com`).
const USER_AK: &str = "AKIANABBDUSEREXAMPLE";
/// Secret key of the realstack's normal user.
const USER_SK: &str = "C8qnIo29EZvXkPK_MXcuAakYTy4NYrxwmCEyNPlf";

/// The shared live setup plus a runtime for direct SDK calls.
struct Live {
    cli: common::Live,
    rt: tokio::runtime::Runtime,
}

impl std::ops::Deref for Live {
    type Target = common::Live;
    fn deref(&self) -> &common::Live {
        &self.cli
    }
}

fn live() -> Option<Live> {
    Some(Live {
        cli: common::Live::from_env()?,
        rt: tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap(),
    })
}

impl Live {
    fn client(&self, ak: &str, sk: &str) -> Client {
        Client::new(ApiConfig {
            endpoints: vec![self.endpoint.clone()],
            access_key: ak.to_owned(),
            secret_key: Secret::new(sk),
            connection_timeout: Duration::from_secs(3),
            read_timeout: Some(Duration::from_secs(60)),
            ..ApiConfig::default()
        })
        .unwrap()
    }

    fn admin(&self) -> Client {
        self.client(&self.ak, &self.sk)
    }
}

/// The entry with `log_id` `id` in a `server-logs list` JSON answer.
fn log_entry<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["log_id"] == id)
        .unwrap()
}

/// Puts the previous announcement back when dropped (also when the test fails).
struct RestoreAnnouncement<'a> {
    live: &'a Live,
    enabled: bool,
    message: Option<String>,
}

impl Drop for RestoreAnnouncement<'_> {
    fn drop(&mut self) {
        let c = self.live.admin();
        let r = self.live.rt.block_on(
            c.manager()
                .update_announcement(self.enabled, self.message.as_deref()),
        );
        if let Err(e) = r {
            eprintln!("could not restore the announcement: {e}");
        }
    }
}

#[test]
fn announcement_is_shown_once_per_message() {
    let Some(l) = live() else { return };
    let admin = l.admin();
    let prev = l.rt.block_on(admin.manager().announcement()).unwrap();
    let message = format!("bai live announcement {}", suffix());
    let _restore = RestoreAnnouncement {
        live: &l,
        enabled: prev.enabled.unwrap_or(false),
        message: prev.message.clone().filter(|m| !m.is_empty()),
    };
    l.rt.block_on(
        admin
            .manager()
            .update_announcement(true, Some(message.as_str())),
    )
    .unwrap();

    // The fetch runs beside the command and a very fast command may end first; it is shown
    // by the first run that sees it, and never again.
    let block = format!("----------\n{message}\n----------\n");
    let mut shown = 0;
    let mut runs = 0;
    while shown == 0 && runs < 5 {
        let out = l.ok(&["ps"]);
        runs += 1;
        shown += out.stderr.matches(&block).count();
    }
    assert_eq!(shown, 1, "shown once within {runs} runs");
    for _ in 0..2 {
        let out = l.ok(&["ps"]);
        assert!(!out.stderr.contains(&message), "{}", out.stderr);
    }
    let state =
        l.sb.home
            .path()
            .join(".local/state/backend.ai/announcement.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(state).unwrap()).unwrap();
    assert_eq!(v["dismissed"], false);
    // Quiet and JSON modes never show it, even to a fresh state dir.
    let fresh = Sandbox::new();
    for args in [&["-q", "ps"][..], &["-o", "json", "ps"]] {
        let mut c = fresh.bai_at(&l.endpoint, &l.ak, &l.sk);
        c.args(args).timeout(Duration::from_secs(120));
        let out = run(c);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stderr.contains(&message), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn server_logs_list_and_clear() {
    let Some(l) = live() else { return };
    let user = l.client(USER_AK, USER_SK);
    let message = format!("bai-cli-live-log-{}", suffix());
    let mut log = NewErrorLog::error("bai-cli-live-test", &message);
    log.request_url = Some("/bai/test".into());
    l.rt.block_on(user.server_logs().append(&log)).unwrap();

    // Newest first: the new log is on the first page.
    let v = l.json(&["server-logs", "list", "-l", "50"]);
    let items = v["items"].as_array().unwrap();
    assert!(items.len() <= 50);
    assert!(v["total_count"].as_u64().unwrap() >= items.len() as u64);
    let entry = items
        .iter()
        .find(|i| i["message"] == message.as_str())
        .unwrap_or_else(|| panic!("the new log is listed: {v}"));
    assert_eq!(entry["source"], "bai-cli-live-test");
    assert_eq!(entry["is_cleared"], false);
    let id = entry["log_id"].as_str().unwrap().to_owned();

    // Table mode shows it with its ID; paging options are accepted.
    let out = l.ok(&[
        "server-logs",
        "list",
        "--page-size",
        "50",
        "--page-number",
        "1",
    ]);
    let line = out
        .stdout
        .lines()
        .find(|line| line.contains(&id))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(line.contains("ERROR") && line.contains(&message), "{line}");
    assert!(out.stderr.contains("Total log count:"), "{}", out.stderr);
    let p2 = l.json(&["server-logs", "list", "-l", "1", "-n", "2"]);
    assert!(p2["items"].as_array().unwrap().len() <= 1);

    // --mark-read marks what it returns.
    l.json(&["server-logs", "list", "-l", "50", "--mark-read"]);
    let v = l.json(&["server-logs", "list", "-l", "50"]);
    let entry = log_entry(&v, &id);
    assert_eq!(entry["is_read"], true);

    // Clear (the cleanup).
    let out = l.ok(&["server-logs", "clear", &id]);
    assert!(out.stderr.contains("cleared"), "{}", out.stderr);
    let v = l.json(&["server-logs", "list", "-l", "50"]);
    let entry = log_entry(&v, &id);
    assert_eq!(entry["is_cleared"], true);

    // Bad input is a usage error (status 2) before any request.
    let mut c = l.cmd();
    c.args(["server-logs", "clear", "not-a-uuid"]);
    let out = run(c);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let mut c = l.cmd();
    c.args(["server-logs", "list", "-l", "0"]);
    assert_eq!(run(c).code, 2);
}
