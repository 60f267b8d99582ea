//! Replays every `SessionTemplate` and `Dotfile` request captured from the Python client
//! 23.09.10: each is rebuilt with the groups' pure builders from the captured arguments,
//! prepared with the captured endpoint, keys and date, and compared (method, path+query,
//! Content-Type, JSON body as JSON and byte length, Authorization byte for byte).

use backendai_sdk::groups::dotfile::{self, DotfileScope};
use backendai_sdk::groups::session_template::{self, TemplateFormat};
use backendai_sdk::ApiRequest;
use serde_json::Value;

mod common;
use common::{assert_replayed, capture_config, capture_date, API_TRACE};

/// The template every `SessionTemplate` instance method of the trace was called on.
const TEMPLATE_ID: &str = "11111111-2222-3333-4444-555555555555";
/// The path every `Dotfile` instance method of the trace was called on.
const DOTFILE_PATH: &str = "subdir";

fn arg(call: &Value, i: usize) -> &str {
    call["args"][i].as_str().unwrap()
}

/// Rebuilds the request of one captured `SessionTemplate` call from its arguments (the
/// trace ran with the configuration's domain and group, `default`).
fn build_template(call: &Value) -> Option<ApiRequest> {
    Some(match call["method"].as_str().unwrap() {
        "create" => session_template::create_request(arg(call, 0), "default", "default", None),
        "list_templates" => session_template::list_request(false),
        "get" => session_template::get_request(TEMPLATE_ID, TemplateFormat::default(), None),
        "put" => session_template::update_request(TEMPLATE_ID, arg(call, 0), None),
        "delete" => session_template::delete_request(TEMPLATE_ID, None),
        _ => return None,
    })
}

/// Rebuilds the request of one captured `Dotfile` call (user scope, no owner).
fn build_dotfile(call: &Value) -> Option<ApiRequest> {
    let user = DotfileScope::default();
    Some(match call["method"].as_str().unwrap() {
        "create" => dotfile::create_request(&user, arg(call, 1), arg(call, 0), arg(call, 2)),
        "list_dotfiles" => dotfile::list_request(&user),
        "get" => dotfile::get_request(&user, DOTFILE_PATH),
        "update" => dotfile::update_request(&user, DOTFILE_PATH, arg(call, 0), arg(call, 1)),
        "delete" => dotfile::delete_request(&user, DOTFILE_PATH),
        _ => return None,
    })
}

/// Replays every call of `class`; returns the replayed method names.
fn replay(class: &str, build: fn(&Value) -> Option<ApiRequest>) -> Vec<String> {
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let cfg = capture_config(&capture);
    let date = capture_date(&capture);
    let mut replayed = Vec::new();
    for call in capture["calls"].as_array().unwrap() {
        if call["class"] != class {
            continue;
        }
        let method = call["method"].as_str().unwrap();
        let reqs = call["requests"].as_array().unwrap();
        assert_eq!(reqs.len(), 1, "{class}.{method}: one request per call");
        let ours = build(call).unwrap_or_else(|| panic!("no builder for {class}.{method}"));
        assert_replayed(&format!("{class}.{method}"), &ours, &reqs[0], &cfg, &date);
        replayed.push(method.to_owned());
    }
    replayed.sort();
    replayed
}

#[test]
fn every_session_template_call_is_reproduced() {
    assert_eq!(
        replay("SessionTemplate", build_template),
        ["create", "delete", "get", "list_templates", "put"]
    );
}

#[test]
fn every_dotfile_call_is_reproduced() {
    assert_eq!(
        replay("Dotfile", build_dotfile),
        ["create", "delete", "get", "list_dotfiles", "update"]
    );
}
