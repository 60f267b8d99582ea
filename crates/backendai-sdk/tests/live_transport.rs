//! Live tests against the real Backend.AI stack (`source /tmp/bai-realstack/env.sh`).
//! Skipped (and say so) when `BACKEND_ENDPOINT` is not set.

use std::time::{Duration, Instant};

use backendai_core::config::{ApiConfig, EndpointType};
use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use backendai_sdk::ws::Message;
use backendai_sdk::{ApiRequest, Client};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};

mod common;
use common::{as_user, live, unique};

#[tokio::test]
async fn negotiation_and_signed_calls() {
    let Some(cfg) = live() else { return };
    let client = Client::new(cfg.clone()).unwrap();
    let info = client.server_info().await.unwrap();
    assert_eq!(info.endpoint, cfg.endpoints[0]);
    assert_eq!(info.server_api_version.as_ref().map(|v| v.major), Some(7));
    assert_eq!(info.manager_version.as_deref(), Some("23.09.10"));
    assert_eq!(
        client.api_version().await.unwrap().to_string(),
        "v7.20230615"
    );
    println!(
        "live: server {} manager {:?} api {}",
        info.endpoint, info.manager_version, info.api_version
    );

    // Signed call as superadmin.
    let role: Value = client.json(ApiRequest::get("/auth/role")).await.unwrap();
    assert_eq!(role["global_role"], "superadmin", "{role}");

    // Signed call as a normal user.
    let user = Client::new(as_user(&cfg)).unwrap();
    let role: Value = user.json(ApiRequest::get("/auth/role")).await.unwrap();
    assert_eq!(role["global_role"], "user", "{role}");
}

#[tokio::test]
async fn wrong_secret_is_auth_failed_and_unknown_path_is_not_found() {
    let Some(cfg) = live() else { return };
    let bad = Client::new(ApiConfig {
        secret_key: Secret::new("not-the-secret"),
        ..cfg.clone()
    })
    .unwrap();
    let err = bad.send(ApiRequest::get("/auth/role")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AuthFailed, "{err}");
    assert_eq!(err.status(), Some(401));
    assert!(!err.to_string().contains('\n'));
    assert!(!err.to_string().contains("not-the-secret"));

    let client = Client::new(cfg).unwrap();
    let err = client
        .send(ApiRequest::get("/no-such-path/at-all"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert_eq!(err.status(), Some(404));
}

#[tokio::test]
async fn dead_first_endpoint_fails_over() {
    let Some(cfg) = live() else { return };
    let good = cfg.endpoints[0].clone();
    let client = Client::new(ApiConfig {
        endpoints: vec!["http://127.0.0.1:1".into(), good.clone()],
        ..cfg
    })
    .unwrap();
    // A non-idempotent POST never reached the dead endpoint, so it is retried too.
    let resp: Value = client
        .json(
            ApiRequest::post("/admin/gql")
                .json(json!({"query": "{ user { email } }", "variables": {}})),
        )
        .await
        .unwrap();
    assert!(
        resp.get("user").is_some() || resp.get("data").is_some(),
        "{resp}"
    );
    assert_eq!(
        client.endpoints()[0],
        good,
        "the dead endpoint moved to the end"
    );
    let role: Value = client.json(ApiRequest::get("/auth/role")).await.unwrap();
    assert_eq!(role["global_role"], "superadmin");
}

#[tokio::test]
async fn all_dead_endpoints_fail_fast_with_one_line() {
    let Some(cfg) = live() else { return };
    let client = Client::new(ApiConfig {
        endpoints: vec!["http://127.0.0.1:1".into(), "http://127.0.0.1:2".into()],
        ..cfg
    })
    .unwrap();
    let t = Instant::now();
    let err = client
        .send(ApiRequest::get("/auth/role"))
        .await
        .unwrap_err();
    let took = t.elapsed();
    assert_eq!(err.kind(), ErrorKind::Connect);
    let msg = err.to_string();
    println!("live: all dead after {took:?}: {msg}");
    assert!(!msg.contains('\n'));
    assert!(
        msg.contains("http://127.0.0.1:1") && msg.contains("http://127.0.0.1:2"),
        "{msg}"
    );
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// Creates a session with the dummy agent and returns its name.
async fn create_session(client: &Client, prefix: &str) -> String {
    let name = unique(prefix);
    let body = json!({
        "name": name,
        "image": "cr.backend.ai/stable/python:3.9-ubuntu20.04",
        "architecture": "x86_64",
        "type": "interactive",
        "domain": "default",
        "group": "default",
        "clusterSize": 1,
        "clusterMode": "single-node",
        "enqueueOnly": false,
        "maxWaitSeconds": 30,
        "reuseIfExists": false,
        "config": {"resources": {"cpu": "1", "mem": "512m"}},
    });
    let created: Value = client
        .json(ApiRequest::post("/session").json(body))
        .await
        .unwrap();
    assert_eq!(
        created["sessionName"].as_str(),
        Some(name.as_str()),
        "{created}"
    );
    name
}

async fn destroy_session(client: &Client, name: &str) {
    let _ = client
        .send(ApiRequest::delete(format!("/session/{name}")).query("forced", "true"))
        .await;
}

async fn wait_running(client: &Client, name: &str) {
    for _ in 0..60 {
        let info: Value = client
            .json(ApiRequest::get(format!("/session/{name}")))
            .await
            .unwrap_or_default();
        if info["status"] == "RUNNING" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("session {name} did not reach RUNNING");
}

#[tokio::test]
async fn sse_receives_the_events_of_a_session() {
    let Some(cfg) = live() else { return };
    let client = Client::new(cfg).unwrap();
    let name = create_session(&client, "rs-sse").await;
    wait_running(&client, &name).await;
    let req = ApiRequest::get("/events/session")
        .query("sessionName", name.clone())
        .query("scope", "*");
    let events = client.sse(req);
    let mut events = std::pin::pin!(events);
    // Destroy the session while subscribed; its termination events must arrive.
    let destroyer = {
        let client = client.clone();
        let name = name.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(700)).await;
            destroy_session(&client, &name).await;
        })
    };
    let mut seen = Vec::new();
    let outcome = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(ev) = events.next().await {
            let ev = ev.unwrap();
            let data: Value = serde_json::from_str(&ev.data).unwrap_or_default();
            if ev.event.starts_with("session_") {
                assert_eq!(data["sessionName"].as_str(), Some(name.as_str()), "{ev:?}");
            }
            seen.push(ev.event.clone());
            if ev.event == "session_terminated" {
                break;
            }
        }
    })
    .await;
    destroyer.await.unwrap();
    destroy_session(&client, &name).await;
    println!("live: SSE events for {name}: {seen:?}");
    assert!(
        outcome.is_ok(),
        "no session_terminated within 60 s; saw {seen:?}"
    );
    assert!(seen.iter().any(|e| e == "session_terminating"), "{seen:?}");
}

#[tokio::test]
async fn session_mode_login_call_logout() {
    let Some(_) = live() else { return };
    let Ok(webserver) = std::env::var("BAI_WEBSERVER_ENDPOINT") else {
        println!("live: session mode skipped (BAI_WEBSERVER_ENDPOINT not set)");
        return;
    };
    let state = tempfile::tempdir().unwrap();
    let cfg = ApiConfig {
        endpoints: vec![webserver],
        endpoint_type: EndpointType::Session,
        connection_timeout: Duration::from_secs(3),
        read_timeout: Some(Duration::from_secs(30)),
        ..ApiConfig::default()
    };
    let client = Client::builder(cfg.clone())
        .state_dir(state.path())
        .build()
        .unwrap();

    // Wrong password.
    let err = client
        .login("admin@lablup.com", &Secret::new("definitely-wrong"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AuthFailed, "{err}");
    assert!(!err.to_string().contains("definitely-wrong"));

    let status = client
        .login("admin@lablup.com", &Secret::new("wJalrXUt"))
        .await
        .unwrap();
    assert!(status.authenticated);
    let cookie_file = state.path().join(backendai_sdk::session_mode::COOKIE_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cookie_file)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(std::fs::read_to_string(&cookie_file)
        .unwrap()
        .contains("AIOHTTP_SESSION"));

    // A second client reads the saved cookie: a call through /func/.
    let again = Client::builder(cfg)
        .state_dir(state.path())
        .build()
        .unwrap();
    assert!(again.login_check().await.unwrap().authenticated);
    let role: Value = again.json(ApiRequest::get("/auth/role")).await.unwrap();
    assert_eq!(role["global_role"], "superadmin", "{role}");
    assert_eq!(again.api_version().await.unwrap().major, 7);

    again.logout().await.unwrap();
    assert!(!cookie_file.exists());
    let err = again.send(ApiRequest::get("/auth/role")).await.unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::AuthFailed | ErrorKind::PermissionDenied
        ),
        "{err}"
    );
}

#[tokio::test]
async fn websocket_to_a_session_app_through_the_manager() {
    let Some(cfg) = live() else { return };
    let Ok(expose) = std::env::var("BAI_REALSTACK_EXPOSE_APP") else {
        println!("live: app proxy skipped (BAI_REALSTACK_EXPOSE_APP not set)");
        return;
    };
    let client = Client::new(cfg).unwrap();
    let name = create_session(&client, "rs-ws").await;
    wait_running(&client, &name).await;

    // A local echo server that the session's "echo" app points at.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let echo = tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let (mut r, mut w) = sock.split();
                let _ = tokio::io::copy(&mut r, &mut w).await;
            });
        }
    });
    let out = std::process::Command::new(&expose)
        .args([&name, "echo", &port.to_string(), "tcp"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let result = tokio::time::timeout(Duration::from_secs(30), async {
        let req = ApiRequest::get(format!("/stream/session/{name}/tcpproxy")).query("app", "echo");
        let mut ws = client.websocket(req).await.unwrap();
        let payload = b"hello through the real manager \x00\xff".to_vec();
        ws.send(Message::binary(payload.clone())).await.unwrap();
        let mut got = Vec::new();
        while got.len() < payload.len() {
            match ws.next().await {
                Some(Ok(Message::Binary(b))) => got.extend_from_slice(&b),
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Text(_))) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(got, payload);
        ws.close(None).await.unwrap();
    })
    .await;
    echo.abort();
    destroy_session(&client, &name).await;
    assert!(result.is_ok(), "echo over the app proxy timed out");

    // A refused upgrade is an error with the server's status.
    let err = client
        .websocket(
            ApiRequest::get("/stream/session/no-such-session-xyz/tcpproxy").query("app", "echo"),
        )
        .await
        .unwrap_err();
    assert!(err.status().is_some(), "{err}");
}
