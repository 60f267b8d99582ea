//! The small 23.09 calls against the real manager: server versions (`System`), atomic
//! permissions, the license (an open-source manager has none: 404), scheduler operations,
//! and a session's status history, dependency graph, abusing report and commit on a
//! dummy-agent session in scaling group `default`. The session is destroyed when the test
//! ends, also when it fails.

use std::time::Duration;

use backendai_core::error::ErrorKind;
use backendai_sdk::groups::admin::agent::AgentListOptions;
use backendai_sdk::groups::session::{CreateParams, DestroyOptions};
use backendai_sdk::Client;

mod common;
use common::{live_with, unique};

const IMAGE: &str = "cr.backend.ai/stable/python:3.9-ubuntu20.04";

fn live() -> Option<backendai_core::config::ApiConfig> {
    live_with(Duration::from_secs(5), Duration::from_secs(60))
}

#[tokio::test]
async fn system_versions_permissions_and_license() {
    let Some(cfg) = live() else { return };
    let client = Client::new(cfg).unwrap();
    let system = client.system();
    let versions = system.versions().await.unwrap();
    assert!(versions.version.starts_with("v7."), "{versions:?}");
    assert_eq!(versions.manager.as_deref(), Some("23.09.10"));
    assert_eq!(system.api_version().await.unwrap(), versions.version);
    assert_eq!(system.manager_version().await.unwrap(), "23.09.10");

    let perms = client.permissions().list().await.unwrap();
    for p in ["create-vfolder", "mount-in-session", "upload-file"] {
        assert!(
            perms.vfolder_host_permission_list.iter().any(|x| x == p),
            "{p} in {perms:?}"
        );
    }

    // The open-source manager has no /license route.
    let err = client.license().show().await.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
}

#[tokio::test]
async fn scheduler_include_and_exclude_agents() {
    let Some(cfg) = live() else { return };
    let client = Client::new(cfg).unwrap();
    let agents = client
        .agents()
        .list(&AgentListOptions::default(), 0, 20)
        .await
        .unwrap();
    let ids: Vec<String> = agents.items.iter().filter_map(|a| a.id.clone()).collect();
    assert!(!ids.is_empty(), "an alive agent: {agents:?}");
    // Including agents that are already schedulable changes nothing (other tests schedule
    // sessions on them meanwhile, so they are never excluded here).
    client
        .manager()
        .scheduler_op("include-agents", serde_json::json!(ids))
        .await
        .unwrap();
    // An unknown agent: the manager rolls the update back and answers 404.
    let ghost = unique("no-such-agent");
    let err = client
        .manager()
        .scheduler_op("exclude-agents", serde_json::json!([ghost]))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
}

/// Destroys the session when dropped (on a runtime of its own: the test's may be unwinding).
struct Destroy(backendai_core::config::ApiConfig, String);

impl Drop for Destroy {
    fn drop(&mut self) {
        let (cfg, name) = (self.0.clone(), self.1.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let client = Client::new(cfg).unwrap();
                let opts = DestroyOptions {
                    forced: true,
                    recursive: false,
                };
                match client.sessions().session(name.as_str()).destroy(opts).await {
                    Ok(_) => println!("live: destroyed {name}"),
                    Err(e) if e.kind() == ErrorKind::NotFound => {}
                    Err(e) => println!("live: cleanup of {name} failed: {e}"),
                }
            })
        })
        .join();
    }
}

#[tokio::test]
async fn session_history_graph_abuse_report_and_commit() {
    let Some(cfg) = live() else { return };
    let client = Client::new(cfg.clone()).unwrap();
    let name = unique("rs-misc");
    let _destroy = Destroy(cfg, name.clone());
    let created = client
        .sessions()
        .get_or_create(
            CreateParams::new(IMAGE)
                .name(&name)
                .scaling_group("default")
                .resource("cpu", "1")
                .resource("mem", "512m")
                .max_wait(60),
        )
        .await
        .unwrap();
    assert_eq!(created.status.to_string(), "RUNNING", "{created:?}");
    let id = created.session_id.clone().expect("session id");
    let s = client.sessions().session(name.as_str());

    // 23.09.10 has no REST route: read through GraphQL, by name and by id.
    let history = s.status_history().await.unwrap();
    let statuses: Vec<&str> = history.iter().map(|(k, _)| k).collect();
    for st in ["PENDING", "SCHEDULED", "PREPARING", "RUNNING"] {
        assert!(statuses.contains(&st), "{st} in {statuses:?}");
    }
    let running: jiff::Timestamp = history.get("RUNNING").unwrap().parse().unwrap();
    let pending: jiff::Timestamp = history.get("PENDING").unwrap().parse().unwrap();
    assert!(pending <= running, "{history:?}");
    let by_id = client
        .sessions()
        .session(id.as_str())
        .status_history()
        .await
        .unwrap();
    assert_eq!(by_id, history);
    let err = client
        .sessions()
        .session(unique("no-such-session").as_str())
        .status_history()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");

    let graph = s.dependency_graph().await.unwrap();
    assert_eq!(graph.session_name, name);
    assert_eq!(graph.session_id, id);
    assert_eq!(graph.status, "KernelStatus.RUNNING");
    assert!(graph.depends_on.is_empty(), "{graph:?}");

    let report = s.abusing_report().await.unwrap();
    assert_eq!(report.kernel, None, "{report:?}");
    assert_eq!(report.abuse_report, None, "{report:?}");

    // The dummy agent answers a commit like a real one, with the task and the tar path.
    let commit = s.commit().await.unwrap();
    assert_eq!(
        commit.bgtask_id.as_deref().map(str::len),
        Some(36),
        "{commit:?}"
    );
    assert!(commit.kernel.is_some(), "{commit:?}");
    let path = commit.path.as_deref().unwrap_or_default();
    assert!(path.ends_with(".tar.gz"), "{commit:?}");
}
