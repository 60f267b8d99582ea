//! Live session tests against the real Backend.AI 23.09 stack (dummy agent):
//! create → info → logs → rename → list → apps (after `$BAI_REALSTACK_EXPOSE_APP`) → destroy.
//! Skipped (and say so) when `BACKEND_ENDPOINT` is not set. Sessions get unique names and are
//! destroyed even when an assertion fails.

use std::time::{Duration, Instant};

use backendai_core::error::ErrorKind;
use backendai_sdk::groups::session::{
    CreateParams, DestroyOptions, ListParams, Session, SessionRef, SessionStatus,
};
use backendai_sdk::Client;
use common::{as_user, unique};

mod common;

const IMAGE: &str = "cr.backend.ai/stable/python:3.9-ubuntu20.04";

/// The live configuration with session-sized timeouts (creation waits up to 30 s).
fn live() -> Option<backendai_core::config::ApiConfig> {
    common::live_with(Duration::from_secs(5), Duration::from_secs(60))
}

async fn wait_status(s: &Session<'_>, want: &str, timeout: Duration) -> String {
    let start = Instant::now();
    loop {
        let status = s
            .info()
            .await
            .map(|i| i.status.map(|st| st.to_string()).unwrap_or_default());
        match status {
            Ok(st) if st == want => return st,
            Ok(st) if start.elapsed() > timeout => return st,
            Err(e) if start.elapsed() > timeout => return format!("error: {e}"),
            _ => tokio::time::sleep(Duration::from_millis(300)).await,
        }
    }
}

/// Destroys `name` (forced), ignoring "not found".
async fn cleanup(client: &Client, name: &str) {
    let s = client.sessions().session(name);
    match s
        .destroy(DestroyOptions {
            forced: true,
            recursive: false,
        })
        .await
    {
        Ok(_) => println!("live: cleaned up session {name}"),
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => println!("live: cleanup of {name} failed: {e}"),
    }
}

#[tokio::test]
async fn session_lifecycle() {
    let Some(cfg) = live() else { return };
    let client = Client::new(cfg).unwrap();
    let name = unique("rs-live");
    let renamed = unique("rs-renamed");
    let outcome = tokio::spawn({
        let client = client.clone();
        let (name, renamed) = (name.clone(), renamed.clone());
        async move { lifecycle(&client, &name, &renamed).await }
    })
    .await;
    cleanup(&client, &name).await;
    cleanup(&client, &renamed).await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn lifecycle(client: &Client, name: &str, renamed: &str) {
    let t0 = Instant::now();
    let created = client
        .sessions()
        .get_or_create(
            CreateParams::new(IMAGE)
                .name(name)
                .resource("cpu", "1")
                .resource("mem", "512m")
                .env("GREETING", "hello")
                .tag("rust-sdk-live")
                .max_wait(30),
        )
        .await
        .unwrap();
    println!(
        "live: created {name} status {:?} in {:?}",
        created.status,
        t0.elapsed()
    );
    assert!(created.created);
    let id = created.session_id.clone().expect("session id");
    assert_eq!(id.len(), 36, "UUID: {id}");

    // Get-or-create again with the same name reuses it.
    let again = client
        .sessions()
        .get_or_create(
            CreateParams::new(IMAGE)
                .name(name)
                .resource("cpu", "1")
                .resource("mem", "512m"),
        )
        .await
        .unwrap();
    assert!(!again.created, "second call must reuse the session");
    assert_eq!(again.session_id.as_deref(), Some(id.as_str()));

    let mut s = client.sessions().session(name);
    let status = wait_status(&s, "RUNNING", Duration::from_secs(60)).await;
    assert_eq!(status, "RUNNING");

    let info = s.info().await.unwrap();
    assert_eq!(info.domain_name.as_deref(), Some("default"));
    assert!(
        info.image
            .as_deref()
            .unwrap_or("")
            .contains("python:3.9-ubuntu20.04"),
        "{info:?}"
    );
    assert_eq!(info.tag.as_deref(), Some("rust-sdk-live"));
    // 23.09 sends the slots as Python repr text ("{'cpu': Decimal('1'), ...}"): read as slots.
    let occupied = info.occupied_slots.as_ref().expect("occupiedSlots");
    assert_eq!(occupied.raw(), None, "{info:?}");
    assert_eq!(occupied.bytes("mem"), Some(536_870_912), "{info:?}");
    let requested = info.requested_slots.as_ref().expect("requestedSlots");
    assert_eq!(requested.f64("cpu"), Some(1.0), "{info:?}");
    assert_eq!(
        info.environ_value()
            .and_then(|e| e["GREETING"].as_str().map(str::to_owned)),
        Some("hello".to_owned()),
        "{info:?}"
    );

    let logs = s.logs().await.unwrap();
    assert!(logs.result.is_some(), "logs answer: {logs:?}");

    let history = s.status_history().await;
    println!(
        "live: status-history -> {:?}",
        history.as_ref().map(|_| "ok").map_err(|e| e.to_string())
    );

    // Events (SSE) are covered by the transport's SSE tests; here: apps after expose-app.
    if let Ok(expose) = std::env::var("BAI_REALSTACK_EXPOSE_APP") {
        let out = std::process::Command::new(&expose)
            .args([name, "myecho", "18999", "tcp"])
            .output()
            .expect("run expose-app");
        assert!(
            out.status.success(),
            "expose-app: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let apps = s.apps().await.unwrap();
        let app = apps
            .iter()
            .find(|a| a.name == "myecho")
            .expect("exposed app listed");
        assert_eq!(app.protocol.as_deref(), Some("tcp"));
        assert_eq!(app.ports, vec![18999]);
    }

    s.rename(renamed).await.unwrap();
    assert_eq!(s.reference().name, renamed);
    let info = s.info().await.unwrap();
    assert_eq!(info.status, Some(SessionStatus::Running));
    let old = client.sessions().session(name).info().await.unwrap_err();
    assert_eq!(old.kind(), ErrorKind::NotFound, "{old}");

    // The paginated list sees the renamed session (by name filter and unfiltered).
    let mut lp = ListParams::default();
    lp.fields.push("name".into());
    lp.status = Some("RUNNING".into());
    let page = client.sessions().list(&lp).await.unwrap();
    assert!(page.total_count >= 1);
    assert!(
        page.items.iter().any(|i| i["name"] == renamed),
        "renamed session in list: {:?}",
        page.items
    );
    lp.filter = Some(format!("name == \"{renamed}\""));
    let page = client.sessions().list(&lp).await.unwrap();
    assert_eq!(page.total_count, 1, "{:?}", page.items);
    assert_eq!(page.items[0]["id"], id.as_str());

    // Lifecycle events (SSE): subscribe, destroy, expect the termination events. The manager
    // matches `sessionName` against the name the session was created with, so after the
    // rename subscribe by id (`sessionId=<uuid>`).
    let by_id = client
        .sessions()
        .session(SessionRef::new(renamed).with_id(id.clone()));
    let events = by_id
        .events(backendai_sdk::groups::session::EventScope::All)
        .await
        .unwrap();
    let collector = tokio::spawn(async move {
        use futures_util::StreamExt;
        let mut events = std::pin::pin!(events);
        let mut names = Vec::new();
        let deadline = tokio::time::sleep(Duration::from_secs(30));
        tokio::pin!(deadline);
        loop {
            tokio::select! {
                ev = events.next() => match ev {
                    Some(Ok(ev)) => {
                        let last = ev.is_final();
                        names.push(ev.name);
                        if last { break; }
                    }
                    Some(Err(e)) => { names.push(format!("error: {e}")); break; }
                    None => break,
                },
                _ = &mut deadline => break,
            }
        }
        names
    });
    // Give the subscription a moment to reach the manager before the transition.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let stats = s.destroy(DestroyOptions::default()).await.unwrap();
    println!("live: destroyed {renamed}: {}", stats.is_some());
    // A terminated session is no longer found by name.
    let t = Instant::now();
    let gone = loop {
        match s.info().await {
            Err(e) if e.kind() == ErrorKind::NotFound => break true,
            Ok(i) if i.status == Some(SessionStatus::Terminated) => break true,
            _ if t.elapsed() > Duration::from_secs(30) => break false,
            _ => tokio::time::sleep(Duration::from_millis(300)).await,
        }
    };
    println!("live: gone after destroy in {:?}", t.elapsed());
    assert!(gone, "session still alive 30 s after destroy");
    let names = collector.await.unwrap();
    println!("live: events {names:?}");
    assert!(
        names.iter().any(|n| n == "session_terminated"),
        "events after destroy: {names:?}"
    );
}

#[tokio::test]
async fn missing_session_is_not_found() {
    let Some(cfg) = live() else { return };
    // as the superadmin and as a normal user
    for cfg in [cfg.clone(), as_user(&cfg)] {
        let client = Client::new(cfg).unwrap();
        let err = client
            .sessions()
            .session(unique("rs-none").as_str())
            .info()
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    }
}
