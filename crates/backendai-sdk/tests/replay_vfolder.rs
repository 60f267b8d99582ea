//! The vfolder transfers beyond the manager's requests: the tus `PATCH` of the trace's
//! `upload` and the storage-proxy `GET` of the download capture are checked for the URL and
//! headers our transfer client sends, and the download ticket of the download capture byte for
//! byte. Every captured `VFolder` call is checked, exactly, by `tests/conformance.rs` (the
//! `replay` example's table).

use backendai_core::auth::SignDate;
use backendai_core::Secret;
use backendai_sdk::groups::vfolder::requests;
use backendai_sdk::transfer::{apply_address_map, TransferTarget};
use backendai_sdk::transport::prepare;
use serde_json::Value;

mod common;
use common::{captured_header, replay_config, v7, API_TRACE};

const DOWNLOAD: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/captures/vfolder_download_23.09.10.json"
));

/// The trace's `VFolder.upload` sends a tus PATCH to the storage proxy after the manager's
/// ticket (the ticket itself is checked by `tests/conformance.rs`).
#[test]
fn upload_sends_the_tus_patch_of_the_trace() {
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let upload = capture["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["class"] == "VFolder" && c["method"] == "upload")
        .unwrap();
    let reqs = upload["requests"].as_array().unwrap();
    assert_eq!(reqs.len(), 2, "ticket, then the tus PATCH");
    check_tus_patch(&reqs[1]);
}

/// The tus PATCH of the trace: URL = returned url with `?token=`, tus headers, no auth.
fn check_tus_patch(captured: &Value) {
    assert_eq!(captured["method"], "PATCH");
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let endpoint = capture["endpoint"].as_str().unwrap();
    let t = TransferTarget {
        url: format!("{endpoint}/tus/upload"),
        token: Secret::new("TOKEN123"),
        dst_dir: None,
        path: "hello.txt".into(),
        size: Some(11),
    };
    let uri = t.request_url().unwrap();
    assert_eq!(
        uri.path_and_query().unwrap().as_str(),
        captured["raw_path"].as_str().unwrap()
    );
    assert_eq!(captured_header(captured, "Tus-Resumable"), Some("1.0.0"));
    assert_eq!(captured_header(captured, "upload-offset"), Some("0"));
    assert_eq!(
        captured_header(captured, "Content-Type"),
        Some("application/offset+octet-stream")
    );
    assert_eq!(captured_header(captured, "Authorization"), None);
    assert_eq!(captured["body"]["text"], "hello world");
}

#[test]
fn download_capture_is_reproduced() {
    let capture: Value = serde_json::from_str(DOWNLOAD).unwrap();
    let reqs = capture["requests"].as_array().unwrap();
    let first = &reqs[0];
    let host = captured_header(first, "Host").unwrap();
    let auth = captured_header(first, "Authorization").unwrap();
    let access_key = auth
        .split("credential=")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap();
    // The download capture was made with the keypair AK / SK.
    let cfg = replay_config(&format!("http://{host}"), access_key, "SK");
    let date = SignDate::parse_isoformat(captured_header(first, "Date").unwrap()).unwrap();
    let ours = requests::request_download(&v7(), "myfolder", "remote.bin").unwrap();
    let p = prepare(&cfg, &cfg.endpoints[0], &ours, &v7(), &date).unwrap();
    assert_eq!(p.method.as_str(), first["method"].as_str().unwrap());
    assert_eq!(p.rel_url, first["raw_path"].as_str().unwrap());
    let body: Value = serde_json::from_slice(&p.body).unwrap();
    assert_eq!(body, first["body"]["json"]);
    assert_eq!(p.body.len() as u64, first["body"]["len"].as_u64().unwrap());
    assert_eq!(
        p.header("Content-Type"),
        captured_header(first, "Content-Type")
    );
    assert_eq!(
        p.header("Authorization"),
        Some(auth),
        "Authorization byte for byte"
    );

    // Then a plain GET on the returned URL with the token: no Backend.AI headers.
    let get = &reqs[1];
    assert_eq!(get["method"], "GET");
    let t = TransferTarget {
        url: format!("http://{host}/dl/file"),
        token: Secret::new("TOKEN123"),
        dst_dir: None,
        path: "remote.bin".into(),
        size: None,
    };
    assert_eq!(
        t.request_url().unwrap().path_and_query().unwrap().as_str(),
        get["raw_path"].as_str().unwrap()
    );
    assert_eq!(captured_header(get, "Authorization"), None);
    assert_eq!(captured_header(get, "X-BackendAI-Version"), None);
}

#[test]
fn address_map_applies_to_returned_urls() {
    let mut map = std::collections::BTreeMap::new();
    map.insert(
        "http://127.0.0.1:6021/upload".to_owned(),
        "https://sp.example/upload".to_owned(),
    );
    assert_eq!(
        apply_address_map(&map, "http://127.0.0.1:6021/upload").unwrap(),
        "https://sp.example/upload"
    );
    assert!(apply_address_map(&map, "http://10.0.0.1:6021/upload").is_err());
}
