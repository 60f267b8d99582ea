//! Replays every `VFolder` request captured from the Python client 23.09.10: each is rebuilt
//! with the vfolder group's pure builders from the captured arguments, prepared with the
//! captured endpoint, keys and date, and compared (method, path+query, Content-Type, JSON body
//! as JSON and byte length, Authorization byte for byte). The tus `PATCH` of `upload` and the
//! storage-proxy `GET` of the download capture are checked for the URL and headers our
//! transfer client sends.

use backendai_core::auth::SignDate;
use backendai_core::Secret;
use backendai_sdk::groups::vfolder::requests::{
    self, CloneVFolder, CreateVFolder, ListKind, PageArgs, Permission,
};
use backendai_sdk::transfer::{apply_address_map, TransferTarget};
use backendai_sdk::transport::prepare;
use backendai_sdk::ApiRequest;
use serde_json::Value;

mod common;
use common::{
    assert_replayed, capture_config, capture_date, captured_header, replay_config, v7, API_TRACE,
};

const DOWNLOAD: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/captures/vfolder_download_23.09.10.json"
));

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// The folder every instance method of the trace was called on.
const FOLDER: &str = "myfolder";

/// Rebuilds the request of one captured call from its arguments.
fn build(call: &Value) -> Option<ApiRequest> {
    let v = v7();
    let args = call["args"].as_array().unwrap();
    let s = |i: usize| args[i].as_str().unwrap().to_owned();
    Some(match call["method"].as_str().unwrap() {
        "accept_invitation" => requests::accept_invitation(&s(0)),
        "change_vfolder_ownership" => requests::change_ownership(&s(0), &s(1)),
        "clone" => requests::clone(
            &v,
            FOLDER,
            &CloneVFolder {
                target_name: s(0),
                ..CloneVFolder::default()
            },
        ),
        "create" => requests::create(&v, &CreateVFolder::new(s(0))),
        "delete" => requests::delete(&v, FOLDER),
        "delete_by_id" => requests::delete_by_id(&s(0)),
        "delete_files" => requests::delete_files(&v, FOLDER, &strings(&args[0]), false),
        "delete_invitation" => requests::delete_invitation(&s(0)),
        "get_fstab_contents" => requests::fstab(&v, None),
        "get_performance_metric" => requests::perf_metric(&v, &s(0)).unwrap(),
        "info" => requests::info(&v, FOLDER),
        "invitations" => requests::invitations(),
        "invite" => requests::invite(
            &v,
            FOLDER,
            s(0).parse::<Permission>().unwrap(),
            &strings(&args[1]),
        ),
        "leave" => requests::leave(&v, FOLDER, None),
        "list" => requests::list(&v, false),
        "list_all_hosts" => requests::list_all_hosts(),
        "list_allowed_types" => requests::list_allowed_types(),
        "list_files" => requests::list_files(&v, FOLDER, "."),
        "list_hosts" => requests::list_hosts(),
        "list_mounts" => requests::list_mounts(),
        "list_shared_vfolders" => requests::list_shared(&v, None),
        "mkdir" => requests::mkdir(&v, FOLDER, &s(0), false, false),
        "mount_host" => requests::mount_host(&s(0), &s(1), None, false),
        "move_file" => requests::move_file(&v, FOLDER, &s(0), &s(1)).unwrap(),
        "paginated_invited_list" => {
            requests::paginated_list(&v, ListKind::Invited, &PageArgs::default()).unwrap()
        }
        "paginated_list" => {
            requests::paginated_list(&v, ListKind::All, &PageArgs::default()).unwrap()
        }
        "paginated_own_list" => {
            requests::paginated_list(&v, ListKind::Own, &PageArgs::default()).unwrap()
        }
        "paginated_project_list" => {
            requests::paginated_list(&v, ListKind::Project, &PageArgs::default()).unwrap()
        }
        "rename" => requests::rename(&v, FOLDER, &s(0)),
        "rename_file" => requests::rename_file(&v, FOLDER, &s(0), &s(1)),
        "share" => requests::share(
            &v,
            FOLDER,
            s(0).parse::<Permission>().unwrap(),
            &strings(&args[1]),
        ),
        "shared_vfolder_info" => requests::list_shared(&v, Some(&s(0))),
        "umount_host" => requests::umount_host(&s(0), false),
        "unshare" => requests::unshare(&v, FOLDER, &strings(&args[0])),
        // The Python signature is update_options(name, permission=None, cloneable=None); the
        // trace passed the folder name positionally and left both options unset.
        "update_options" => requests::update_options(&v, FOLDER, None, None),
        "update_shared_vfolder" => requests::update_shared(&s(0), &s(1), None),
        // Local size of the uploaded file ("hello world").
        "upload" => requests::request_upload(&v, FOLDER, &strings(&args[0])[0], 11).unwrap(),
        _ => return None,
    })
}

#[test]
fn every_vfolder_call_is_reproduced() {
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let cfg = capture_config(&capture);
    let date = capture_date(&capture);
    let mut replayed = Vec::new();
    let mut skipped = Vec::new();
    for call in capture["calls"].as_array().unwrap() {
        if call["class"] != "VFolder" {
            continue;
        }
        let method = call["method"].as_str().unwrap();
        let reqs = call["requests"].as_array().unwrap();
        if reqs.is_empty() {
            // `download` refused locally (the target file existed); see the download capture.
            skipped.push(method.to_owned());
            continue;
        }
        let ours = build(call).unwrap_or_else(|| panic!("no builder for {method}"));
        assert_replayed(method, &ours, &reqs[0], &cfg, &date);
        if method == "upload" {
            check_tus_patch(&reqs[1]);
        } else {
            assert_eq!(reqs.len(), 1, "{method}: one request per call");
        }
        replayed.push(method.to_owned());
    }
    assert_eq!(skipped, ["download"]);
    assert_eq!(
        replayed.len(),
        37,
        "all VFolder calls replayed: {replayed:?}"
    );
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
