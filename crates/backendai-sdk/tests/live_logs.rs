//! Server error logs (`/logs/error`): the request of the Python client 23.09.10 replayed
//! from the capture, then the real manager (file a log as the normal user, find it as the
//! superadmin, mark it read, clear it; the user no longer sees it).

use std::time::Duration;

use backendai_core::error::ErrorKind;
use backendai_sdk::groups::logs::{self, NewErrorLog, DEFAULT_PAGE_SIZE};
use backendai_sdk::Client;
use serde_json::{json, Value};

mod common;
use common::{as_user, assert_replayed, capture_config, capture_date, live, unique, API_TRACE};

#[test]
fn list_replays_the_python_request() {
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let call = capture["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["class"] == "ServerLog" && c["method"] == "list")
        .expect("ServerLog.list is in the capture");
    assert_eq!(call["args"], json!([]));
    assert_eq!(call["kwargs"], json!({}));
    let ours = logs::list_request(false, DEFAULT_PAGE_SIZE, 1);
    assert_replayed(
        "ServerLog.list",
        &ours,
        &call["requests"][0],
        &capture_config(&capture),
        &capture_date(&capture),
    );
}

#[tokio::test]
async fn file_list_mark_read_and_clear() {
    let Some(cfg) = live() else { return };
    let admin = Client::new(cfg.clone()).unwrap();
    let user = Client::new(as_user(&cfg)).unwrap();

    let message = unique("bai-live-log");
    let mut log = NewErrorLog::error("bai-live-test", &message);
    log.context_env = json!({"test": "live_logs"});
    log.request_status = Some(500);
    let r = user.server_logs().append(&log).await.unwrap();
    assert_eq!(r["success"], true);

    // The user sees the log, unread.
    let mine = user.server_logs().list(false, 100, 1).await.unwrap();
    let entry = mine
        .logs
        .iter()
        .find(|l| l.message.as_deref() == Some(message.as_str()))
        .expect("the user sees the log they filed")
        .clone();
    assert_eq!(entry.severity.as_deref(), Some("error"));
    assert_eq!(entry.source.as_deref(), Some("bai-live-test"));
    assert_eq!(entry.request_status, Some(500));
    assert_eq!(entry.is_read, Some(false));
    assert_eq!(entry.context_env, Some(json!({"test": "live_logs"})));
    assert!(entry.is_cleared.is_none(), "is_cleared is for admins only");
    assert!(mine.count >= 1);

    // The superadmin sees it too (newest first, so it is on the first page), and marks it read.
    let page = admin.server_logs().list(true, 20, 1).await.unwrap();
    let seen = page
        .logs
        .iter()
        .find(|l| l.log_id == entry.log_id)
        .expect("the superadmin sees the new log on the first page");
    assert_eq!(seen.is_cleared, Some(false));
    let again = admin.server_logs().list(false, 20, 1).await.unwrap();
    let seen = again
        .logs
        .iter()
        .find(|l| l.log_id == entry.log_id)
        .unwrap();
    assert_eq!(seen.is_read, Some(true));

    // Paging: page 2 of size 1 is not page 1.
    if page.count >= 2 {
        let p1 = admin.server_logs().list(false, 1, 1).await.unwrap();
        let p2 = admin.server_logs().list(false, 1, 2).await.unwrap();
        assert_eq!((p1.logs.len(), p2.logs.len()), (1, 1));
        assert_ne!(p1.logs[0].log_id, p2.logs[0].log_id);
    }

    // Clear it (cleanup): the user no longer lists it; the admin sees it cleared.
    user.server_logs().clear(&entry.log_id).await.unwrap();
    let mine = user.server_logs().list(false, 100, 1).await.unwrap();
    assert!(mine.logs.iter().all(|l| l.log_id != entry.log_id));
    let page = admin.server_logs().list(false, 20, 1).await.unwrap();
    let seen = page.logs.iter().find(|l| l.log_id == entry.log_id).unwrap();
    assert_eq!(seen.is_cleared, Some(true));
}

#[tokio::test]
async fn bad_arguments_fail_before_sending() {
    // An unreachable endpoint: these must fail locally, not with a connection error.
    let cfg = backendai_core::config::ApiConfig {
        endpoints: vec!["http://127.0.0.1:9".into()],
        connection_timeout: Duration::from_millis(200),
        ..Default::default()
    };
    let c = Client::new(cfg).unwrap();
    let e = c.server_logs().list(false, 101, 1).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = c.server_logs().list(false, 20, 0).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = c.server_logs().clear("not-a-uuid").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
}
