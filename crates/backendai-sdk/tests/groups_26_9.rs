//! The 26.9 groups through the whole SDK path (negotiation, request, decoding) against an
//! in-process server that reports API v9 and answers in the catalog's shapes. Why not a
//! real server: no 26.9 manager exists here (the live stack is 23.09.10; `live_26_9.rs`
//! checks the refusal there).

use std::sync::{Arc, Mutex};

use backendai_core::config::ApiConfig;
use backendai_core::dto::{FairShareFilter, FairShareSearchRequest, StringFilter};
use backendai_core::{ApiVersion, Secret};
use backendai_sdk::groups::quota_scope::QuotaScopeType;
use backendai_sdk::Client;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Request, Response};
use serde_json::{json, Value};

mod common;
use common::serve;

type Seen = Arc<Mutex<Vec<(String, String, Value)>>>;

/// Starts the server: `GET /` reports `version`; other requests are recorded and answered
/// by `answer(method, path)`.
async fn start(version: &'static str, answer: fn(&str, &str) -> Value) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let seen2 = seen.clone();
    let addr = serve(move |req: Request<hyper::body::Incoming>| {
        let seen = seen2.clone();
        async move {
            let method = req.method().to_string();
            let path = req.uri().path().to_owned();
            let body = req.into_body().collect().await.unwrap().to_bytes();
            let v = if path == "/" {
                json!({"version": version, "manager": "26.9.6"})
            } else {
                let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                seen.lock()
                    .unwrap()
                    .push((method.clone(), path.clone(), body));
                answer(&method, &path)
            };
            Ok::<_, std::io::Error>(
                Response::builder()
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from(v.to_string())))
                    .unwrap(),
            )
        }
    })
    .await;
    (format!("http://{addr}"), seen)
}

fn client(endpoint: &str) -> Client {
    let (major, date) = ApiVersion::V9_26_09;
    Client::new(ApiConfig {
        endpoints: vec![endpoint.to_owned()],
        access_key: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_key: Secret::new("secret"),
        api_version: ApiVersion::new(major, date),
        ..ApiConfig::default()
    })
    .unwrap()
}

fn domain_share() -> Value {
    json!({
        "id": "0c4b1bb0-8a5e-4c4e-9f5e-1f0c1d8d2a11",
        "resource_group": "default",
        "domain_name": "default",
        "spec": {"weight": null, "half_life_days": 7, "lookback_days": 28,
                 "decay_unit_days": 1, "resource_weights": {"entries": []}},
        "calculation_snapshot": {
            "fair_share_factor": "0.5", "total_decayed_usage": {"entries": []},
            "normalized_usage": "0", "lookback_start": "2026-11-04",
            "lookback_end": "2026-12-02", "last_calculated_at": "2026-12-02T10:00:00+00:00"},
        "created_at": "2026-11-01T00:00:00+00:00",
        "updated_at": "2026-12-02T10:00:00+00:00",
    })
}

fn answers(method: &str, path: &str) -> Value {
    match (method, path) {
        ("POST", "/fair-share/domains/search") => {
            json!({"items": [domain_share()], "pagination": {"total": 1, "offset": 0, "limit": 50}})
        }
        ("GET", "/fair-share/rg/default/domains/nobody") => json!({"item": null}),
        ("POST", "/admin/quota-scopes/unset") => json!({"quota_scope": {
            "quota_scope_id": "user:f38dea23-50fa-42a0-b5ae-338f5f4693f4",
            "storage_host_name": "local:volume1",
            "usage_bytes": 0, "usage_count": 0, "hard_limit_bytes": null}}),
        _ => json!({"unexpected": path}),
    }
}

#[tokio::test]
async fn a_v9_server_is_asked_and_its_answers_decoded() {
    let (endpoint, seen) = start("v9.20250722", answers).await;
    let c = client(&endpoint);
    let q = FairShareSearchRequest {
        filter: Some(FairShareFilter {
            domain_name: Some(StringFilter::equals("default")),
            ..Default::default()
        }),
        ..Default::default()
    };
    let page = c.fair_share().search_domains(&q).await.unwrap();
    assert_eq!(page.pagination.total, 1);
    assert_eq!(
        page.items[0]
            .calculation_snapshot
            .fair_share_factor
            .as_text(),
        "0.5"
    );
    assert!(page.items[0].spec.weight.is_none());

    let none = c
        .fair_share()
        .rg_get_domain("default", "nobody")
        .await
        .unwrap();
    assert!(none.is_none());

    let qs = c.quota_scopes();
    let user = "f38dea23-50fa-42a0-b5ae-338f5f4693f4";
    let qsid = qs
        .resolve(QuotaScopeType::User, user, "default")
        .await
        .unwrap();
    let scope = qs.unset("local:volume1", &qsid).await.unwrap();
    assert!(scope.hard_limit_bytes.is_none());

    let seen = seen.lock().unwrap().clone();
    let calls: Vec<(&str, &str)> = seen
        .iter()
        .filter(|(_, p, _)| p != "/manager/announcement")
        .map(|(m, p, _)| (m.as_str(), p.as_str()))
        .collect();
    assert_eq!(
        calls,
        [
            ("POST", "/fair-share/domains/search"),
            ("GET", "/fair-share/rg/default/domains/nobody"),
            ("POST", "/admin/quota-scopes/unset"),
        ]
    );
    assert_eq!(
        seen[0].2,
        json!({"filter": {"domain_name": {"equals": "default"}}, "limit": 50, "offset": 0})
    );
    let unset = seen.iter().find(|(_, p, _)| p.ends_with("/unset")).unwrap();
    assert_eq!(
        unset.2,
        json!({"storage_host_name": "local:volume1", "quota_scope_id": qsid})
    );
}

#[tokio::test]
async fn a_v7_server_gets_only_the_version_probe() {
    let (endpoint, seen) = start("v7.20230615", answers).await;
    let c = client(&endpoint);
    let e = c
        .fair_share()
        .search_domains(&FairShareSearchRequest::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), backendai_core::error::ErrorKind::Unsupported);
    let history = c.scheduling_history();
    let q = Default::default();
    let e = history
        .search(
            backendai_sdk::groups::scheduling_history::HistoryKind::Session,
            &q,
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind(), backendai_core::error::ErrorKind::Unsupported);
    let calls: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|(_, p, _)| p.clone())
        .filter(|p| p != "/manager/announcement")
        .collect();
    assert!(calls.is_empty(), "{calls:?}");
}
