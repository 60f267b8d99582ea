//! Conformance: every call of the Python client 23.09.10's capture that the runner's table
//! maps is rebuilt by the SDK (from the Python arguments, at the capture's API version and
//! date) and must match the captured request exactly: method, path and query, every header
//! the client sets (Host, User-Agent, X-BackendAI-Domain, X-BackendAI-Version, Date,
//! Content-Type, Authorization) in the captured order, and the body (length and JSON, or the
//! bytes). The runner and its table are the `replay` example's (`examples/replay/`), included
//! here so the example and this test share one mapping.

#[path = "../examples/replay/conformance/mod.rs"]
mod conformance;

use conformance::{captured_header, request_json, Outcome, Trace};
use serde_json::{json, Value};

mod common;
use common::API_TRACE;

/// Headers set by the HTTP library (aiohttp on the Python side, hyper on ours), not by the
/// client: not part of the comparison.
const LIBRARY_HEADERS: [&str; 3] = ["Accept", "Accept-Encoding", "Content-Length"];

/// A captured manager request in the runner's output shape, without the library's headers.
fn expected(captured: &Value) -> Value {
    let headers: Vec<Value> = captured["headers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| {
            let name = h[0].as_str().unwrap();
            !LIBRARY_HEADERS.iter().any(|l| l.eq_ignore_ascii_case(name))
        })
        .cloned()
        .collect();
    json!({
        "method": captured["method"],
        "raw_path": captured["raw_path"],
        "headers": headers,
        "body": captured["body"],
    })
}

/// The requests of a call that went to the manager (a tus PATCH to the storage proxy carries
/// no Backend.AI headers; `replay_vfolder.rs` checks it).
fn manager_requests(call: &Value) -> Vec<&Value> {
    call["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| captured_header(r, "X-BackendAI-Version").is_some())
        .collect()
}

#[test]
fn every_mapped_call_of_the_23_09_capture_is_reproduced_exactly() {
    let trace = Trace::parse(API_TRACE).unwrap();
    assert_eq!(trace.version.to_string(), "v7.20230615");
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let calls = capture["calls"].as_array().unwrap();
    let lines = trace.run();
    assert_eq!(lines.len(), calls.len());

    let (mut covered, mut mismatches) = (0, Vec::new());
    let (mut unsupported, mut not_captured) = (Vec::new(), Vec::new());
    for line in &lines {
        let call = &calls[line.index];
        assert_eq!(call["class"], line.class.as_str());
        assert_eq!(call["method"], line.method.as_str());
        let label = format!("{}.{}", line.class, line.method);
        let theirs = manager_requests(call);
        let ours = match &line.outcome {
            Outcome::Unsupported(why) => {
                unsupported.push(format!("{label}: {why}"));
                continue;
            }
            Outcome::Requests(ours) => ours,
        };
        if theirs.is_empty() {
            not_captured.push(label);
            continue;
        }
        if ours.len() != theirs.len() {
            mismatches.push(format!(
                "{label}: {} requests, captured {}",
                ours.len(),
                theirs.len()
            ));
            continue;
        }
        for (o, t) in ours.iter().zip(&theirs) {
            let (o, t) = (request_json(o), expected(t));
            if o != t {
                mismatches.push(format!("{label}:\n  ours     {o}\n  captured {t}"));
            }
        }
        covered += 1;
    }
    println!(
        "conformance 23.09.10: {covered} of {} calls rebuilt exactly",
        calls.len()
    );
    println!("mapped, but the Python client sent nothing: {not_captured:?}");
    println!("unsupported ({}):", unsupported.len());
    for u in &unsupported {
        println!("  {u}");
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    // The Python client crashed before sending (KeypairResourcePolicy.create without
    // vfolder_host_perms, protocol.md §11) or refused locally (VFolder.download: the target
    // file existed; vfolder_download_23.09.10.json has that request).
    assert_eq!(not_captured, ["VFolder.download"]);
    // What stays unsupported, and why (printed above): the Python client's stub that sends
    // nothing, and a call whose captured arguments the typed SDK call cannot take.
    let labels: Vec<&str> = unsupported
        .iter()
        .map(|u| u.split(':').next().unwrap())
        .collect();
    assert_eq!(labels, ["KeypairResourcePolicy.create", "Model.list"]);
    assert_eq!(covered, 176, "covered calls");
}

#[test]
fn a_line_has_the_documented_shape() {
    let trace = Trace::parse(API_TRACE).unwrap();
    let lines = trace.run();
    let upload = lines
        .iter()
        .find(|l| l.class == "ComputeSession" && l.method == "upload")
        .unwrap()
        .to_json();
    assert_eq!(upload["class"], "ComputeSession");
    assert!(upload["index"].is_u64());
    let req = &upload["requests"][0];
    assert_eq!(req["method"], "POST");
    assert_eq!(req["raw_path"], "/session/mysession/upload");
    // The multipart body uses the captured boundary, so it is comparable byte for byte.
    let names: Vec<&str> = req["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h[0].as_str().unwrap())
        .collect();
    assert_eq!(names.last(), Some(&"Content-Type"));
    assert!(req["body"]["text"]
        .as_str()
        .unwrap()
        .starts_with("--dae72399338c45639e81cda56e023f12\r\n"));
    let hello = lines
        .iter()
        .find(|l| l.method == "hello")
        .unwrap()
        .to_json();
    assert_eq!(hello["requests"][0]["body"], json!({"len": 0}));
    let krp = lines
        .iter()
        .find(|l| l.class == "KeypairResourcePolicy" && l.method == "create")
        .unwrap()
        .to_json();
    assert!(krp["unsupported"].is_string());
    assert!(krp.get("requests").is_none());
}
