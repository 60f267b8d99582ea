//! Shapes of this slice's requests that the 23.09.10 trace does not hold (its captured
//! `System` and `Permission` calls are rebuilt in `tests/conformance.rs`, the
//! `ComputeSession` and `Manager` ones there too): `GET /license` (the Python CLI sends it
//! without a function class) and the GraphQL lookup that stands in for the 23.09 manager's
//! missing `status-history` route, prepared and signed like any request.

use backendai_sdk::groups::admin::license;
use backendai_sdk::groups::session::history::status_history_params;
use backendai_sdk::groups::session::{requests, SessionRef};
use backendai_sdk::transport::prepare;
use serde_json::Value;

mod common;
use common::{capture_config, capture_date, v7, API_TRACE};

#[test]
fn license_show_is_a_bare_signed_get() {
    let req = license::show_request();
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(req.path, "/license");
    assert!(req.query.is_empty());
    assert!(matches!(req.body, backendai_sdk::Body::Empty), "{req:?}");
    assert!(!req.anonymous, "signed like every Python `Request`");
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let cfg = capture_config(&capture);
    let endpoint = &cfg.endpoints[0];
    let p = prepare(&cfg, endpoint, &req, &v7(), &capture_date(&capture)).unwrap();
    let auth = p.headers.iter().find(|(k, _)| k == "Authorization");
    assert!(
        auth.is_some_and(|(_, v)| v.starts_with("BackendAI signMethod=HMAC-SHA256, credential=")),
        "{:?}",
        p.headers
    );
}

#[test]
fn status_history_falls_back_to_one_scoped_graphql_page() {
    let params = status_history_params(&SessionRef::new("mysession"), "AKIAIOSFODNN7EXAMPLE");
    let req = requests::list(&params, &v7()).unwrap();
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.path, "/admin/gql");
    let body: Value = match &req.body {
        backendai_sdk::Body::Json(v) => v.clone(),
        other => panic!("a JSON body: {other:?}"),
    };
    let query = body["query"].as_str().unwrap();
    assert!(query.contains("compute_session_list("), "{query}");
    assert!(
        query.contains("items { id name status_history }"),
        "{query}"
    );
    let vars = &body["variables"];
    assert_eq!(vars["filter"], "name == \"mysession\"", "{body}");
    assert_eq!(vars["access_key"], "AKIAIOSFODNN7EXAMPLE", "{body}");
    assert_eq!(vars["limit"], 1, "{body}");
    assert_eq!(vars["offset"], 0, "{body}");
    assert!(vars["status"].is_null(), "any status: {body}");
}
