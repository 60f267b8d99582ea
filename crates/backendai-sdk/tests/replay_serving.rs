//! Replays every `Service` and `Model` request captured from the Python client 23.09.10:
//! each is rebuilt with the groups' pure builders from the captured arguments, prepared with
//! the captured endpoint, keys and date, and compared (method, path+query, Content-Type, JSON
//! body as JSON and byte length, Authorization and Date byte for byte).

use backendai_sdk::groups::model::{self, CreateModel};
use backendai_sdk::groups::service::requests::{self as svc, CreateService, ServiceListOptions};
use backendai_sdk::groups::service::DEFAULT_FIELDS;
use backendai_sdk::paginate::DEFAULT_PAGE_SIZE;
use backendai_sdk::ApiRequest;
use serde_json::Value;

mod common;
use common::{assert_replayed, capture_config, capture_date, v7, API_TRACE};

/// The service (and model) every instance method of the trace was called on.
const ID: &str = "11111111-2222-3333-4444-555555555555";

fn arg(call: &Value, i: usize) -> &str {
    call["args"][i].as_str().unwrap()
}

/// The service name the capture's Python client made up (Faker), read from its body: the
/// SDK takes a name from the caller.
fn captured_service_name(call: &Value) -> &str {
    call["requests"][0]["body"]["json"]["name"]
        .as_str()
        .unwrap()
}

/// Rebuilds the requests of one captured `Service` call from its arguments.
fn build_service(call: &Value) -> Option<Vec<ApiRequest>> {
    let v = v7();
    let one = |r: ApiRequest| Some(vec![r]);
    match call["method"].as_str().unwrap() {
        "list" => one(svc::list_request(None)),
        "paginated_list" => one(
            svc::list_query(&ServiceListOptions::default(), DEFAULT_FIELDS)
                .page(0, DEFAULT_PAGE_SIZE, &v)
                .unwrap()
                .to_request(&v),
        ),
        "detail" => one(svc::detail_query(arg(call, 0), DEFAULT_FIELDS).to_request(&v)),
        "info" => one(svc::info_request(ID)),
        "create" => {
            let count = call["args"][2].as_i64().unwrap();
            let params = CreateService::new(arg(call, 0), arg(call, 1), count);
            one(svc::create_request(&params, captured_service_name(call)))
        }
        "delete" => one(svc::delete_request(ID)),
        "sync" => one(svc::sync_request(ID)),
        "scale" => one(svc::scale_request(ID, call["args"][0].as_i64().unwrap())),
        "generate_api_token" => one(svc::generate_token_request(ID, arg(call, 0))),
        "update_traffic_ratio" => one(svc::update_traffic_ratio_request(
            ID,
            arg(call, 0),
            call["args"][1].as_f64().unwrap(),
        )),
        "downscale_single_route" => one(svc::downscale_route_request(ID, arg(call, 0))),
        _ => None,
    }
}

/// Rebuilds the requests of one captured `Model` call.
fn build_model(call: &Value) -> Option<Vec<ApiRequest>> {
    let v = v7();
    match call["method"].as_str().unwrap() {
        // The Python `Model.list` is an empty stub: it sends nothing (ours lists through
        // the paginated query, which is replayed below).
        "list" => Some(Vec::new()),
        "paginated_list" => Some(vec![model::list_query(
            None,
            None,
            model::DEFAULT_LIST_FIELDS,
        )
        .page(0, DEFAULT_PAGE_SIZE, &v)
        .unwrap()
        .to_request(&v)]),
        "create" => Some(model::create_requests(&v, &CreateModel::new(arg(call, 0))).to_vec()),
        "info" => Some(model::info_requests(&v, ID).to_vec()),
        "delete" => Some(vec![model::delete_request(&v, ID)]),
        _ => None,
    }
}

/// Replays every call of `class`; returns the replayed method names.
fn replay(class: &str, build: fn(&Value) -> Option<Vec<ApiRequest>>) -> Vec<String> {
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let cfg = capture_config(&capture);
    let date = capture_date(&capture);
    let mut replayed = Vec::new();
    for call in capture["calls"].as_array().unwrap() {
        if call["class"] != class {
            continue;
        }
        let method = call["method"].as_str().unwrap();
        let captured = call["requests"].as_array().unwrap();
        let ours = build(call).unwrap_or_else(|| panic!("no builder for {class}.{method}"));
        assert_eq!(
            ours.len(),
            captured.len(),
            "{class}.{method}: number of requests"
        );
        for (i, (req, cap)) in ours.iter().zip(captured).enumerate() {
            assert_replayed(&format!("{class}.{method}[{i}]"), req, cap, &cfg, &date);
        }
        replayed.push(method.to_owned());
    }
    replayed.sort();
    replayed
}

#[test]
fn every_service_call_is_reproduced() {
    assert_eq!(
        replay("Service", build_service),
        [
            "create",
            "delete",
            "detail",
            "downscale_single_route",
            "generate_api_token",
            "info",
            "list",
            "paginated_list",
            "scale",
            "sync",
            "update_traffic_ratio"
        ]
    );
}

#[test]
fn every_model_call_is_reproduced() {
    assert_eq!(
        replay("Model", build_model),
        ["create", "delete", "info", "list", "paginated_list"]
    );
}
