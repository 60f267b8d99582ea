//! Live tests against the real Backend.AI stack (`source /tmp/bai-realstack/env.sh`).
//! Skipped (and say so) when `BACKEND_ENDPOINT` is not set.

use std::time::{Duration, Instant};

use backendai_core::config::{ApiConfig, EndpointType};
use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use backendai_sdk::{ApiRequest, Client};
use serde_json::{json, Value};

const USER_AK: &str = "AKIANABBDUSEREXAMPLE";
const USER_SK: &str = "C8qnIo29EZvXkPK_MXcuAakYTy4NYrxwmCEyNPlf";

fn live() -> Option<ApiConfig> {
    let Ok(endpoint) = std::env::var("BACKEND_ENDPOINT") else {
        println!("live: skipped (BACKEND_ENDPOINT not set)");
        return None;
    };
    Some(ApiConfig {
        endpoints: endpoint.split(',').map(|s| s.trim().to_owned()).collect(),
        access_key: std::env::var("BACKEND_ACCESS_KEY").unwrap_or_default(),
        secret_key: Secret::new(std::env::var("BACKEND_SECRET_KEY").unwrap_or_default()),
        connection_timeout: Duration::from_secs(3),
        read_timeout: Some(Duration::from_secs(30)),
        ..ApiConfig::default()
    })
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

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
    let user = Client::new(ApiConfig {
        access_key: USER_AK.into(),
        secret_key: Secret::new(USER_SK),
        ..cfg.clone()
    })
    .unwrap();
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
