//! DTO round trips: unknown fields kept, decimal/bigint strings kept exactly, request bodies
//! identical (including key order) to the Python client's captured bodies.

use backendai_core::dto::*;
use serde_json::{json, Value};

const TRACE: &str = include_str!("../../../tests/fixtures/captures/api_trace_23.09.10.json");

fn captured_body(class: &str, method: &str) -> Value {
    let trace: Value = serde_json::from_str(TRACE).unwrap();
    let call = trace["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["class"] == class && c["method"] == method)
        .unwrap_or_else(|| panic!("{class}.{method} in trace"));
    call["requests"][0]["body"]["json"].clone()
}

/// Parses `v` as `T`, serialises it back and checks the JSON is unchanged.
fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(v: &Value) -> T {
    let t: T = serde_json::from_value(v.clone()).expect("deserialize");
    let back = serde_json::to_value(&t).expect("serialize");
    assert_eq!(&back, v, "round trip");
    t
}

#[test]
fn session_create_request_matches_capture_byte_for_byte() {
    let body = captured_body("ComputeSession", "get_or_create");
    let req: SessionCreateRequest = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(req.name, "mysession");
    assert_eq!(
        req.config.resources.get("mem").map(String::as_str),
        Some("4g")
    );
    assert_eq!(req.config.environ.get("A").map(String::as_str), Some("1"));
    assert_eq!(req.image, "python:3.9-ubuntu20.04");
    assert!(req.reuse_if_exists);
    // same keys, same order, same nulls
    assert_eq!(
        serde_json::to_string(&req).unwrap(),
        serde_json::to_string(&body).unwrap()
    );

    // built from scratch, it serialises exactly like Python did
    let mut config = SessionCreationConfig {
        mounts: vec!["data1".into()],
        ..Default::default()
    };
    config.environ.insert("A", "1".to_owned());
    config.resources.insert("cpu", "2".to_owned());
    config.resources.insert("mem", "4g".to_owned());
    let built = SessionCreateRequest {
        tag: None,
        name: "mysession".into(),
        config,
        dependencies: None,
        callback_url: None,
        architecture: Some("x86_64".into()),
        cluster_size: Some(1),
        cluster_mode: Some("single-node".into()),
        starts_at: None,
        bootstrap_script: None,
        owner_access_key: None,
        domain: Some("default".into()),
        group: Some("default".into()),
        session_type: Some("interactive".into()),
        enqueue_only: false,
        max_wait_seconds: 0,
        reuse_if_exists: true,
        startup_command: None,
        image: "python:3.9-ubuntu20.04".into(),
        extra: Default::default(),
    };
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        serde_json::to_string(&body).unwrap()
    );
}

#[test]
fn execution_query_matches_capture() {
    let body = captured_body("ComputeSession", "execute");
    let q = ExecutionQuery {
        mode: ExecutionMode::Query,
        code: "print(1)".into(),
        run_id: None,
        options: None,
    };
    assert_eq!(
        serde_json::to_string(&q).unwrap(),
        serde_json::to_string(&body).unwrap()
    );
    let batch = ExecutionQuery {
        mode: ExecutionMode::Batch,
        code: String::new(),
        run_id: Some("r1".into()),
        options: Some(ExecutionOptions {
            clean: Some("*".into()),
            build: Some("make".into()),
            exec: Some("./a.out".into()),
            ..Default::default()
        }),
    };
    assert_eq!(
        serde_json::to_value(&batch).unwrap(),
        json!({"mode": "batch", "code": "", "runId": "r1",
               "options": {"clean": "*", "build": "make", "exec": "./a.out"}})
    );
}

#[test]
fn execution_result_console_status_and_unknown_fields() {
    let v = json!({
        "runId": "abc",
        "status": "finished",
        "exitCode": 0,
        "console": [["stdout", "hi\n"], ["media", ["image/png", "AAAA"]]],
        "files": [{"name": "out.txt", "url": "http://x/out.txt"}],
        "options": {},
        "newField": {"nested": [1, 2]}
    });
    let r: ExecutionResult = roundtrip(&v);
    assert_eq!(r.status, ExecutionStatus::Finished);
    assert_eq!(r.console[0].kind, "stdout");
    assert_eq!(r.console[0].data, json!("hi\n"));
    assert_eq!(r.console[1].data, json!(["image/png", "AAAA"]));
    assert_eq!(r.files[0].name, "out.txt");
    assert_eq!(r.extra["newField"], json!({"nested": [1, 2]}));

    let w: ExecutionResult = serde_json::from_value(json!({
        "status": "waiting-input", "console": [], "options": {"is_password": true}
    }))
    .unwrap();
    assert!(w.wants_password());
    let odd: ExecutionResult =
        serde_json::from_value(json!({"status": "teleported", "console": []})).unwrap();
    assert_eq!(odd.status, ExecutionStatus::Unknown("teleported".into()));
    assert_eq!(
        serde_json::to_value(&odd.status).unwrap(),
        json!("teleported")
    );
    let wrapped: ExecutionResponse =
        serde_json::from_value(json!({"result": {"status": "continued", "console": []}})).unwrap();
    assert_eq!(wrapped.result.status, ExecutionStatus::Continued);
}

#[test]
fn session_create_response_both_generations() {
    let v = json!({
        "sessionId": "7c1c2a4e-0000-4000-8000-000000000001",
        "sessionName": "mysession",
        "status": "RUNNING",
        "servicePorts": [
            {"name": "jupyter", "protocol": "http", "container_ports": [8080], "host_ports": [null], "is_inference": false}
        ],
        "created": true
    });
    let r: SessionCreateResponse = roundtrip(&v);
    assert_eq!(r.status, SessionStatus::Running);
    assert_eq!(r.id(), Some("7c1c2a4e-0000-4000-8000-000000000001"));
    assert_eq!(r.service_ports[0].extra["container_ports"], json!([8080]));

    let old =
        json!({"kernelId": "mysession", "status": "PENDING", "servicePorts": [], "created": true});
    let r: SessionCreateResponse = roundtrip(&old);
    assert_eq!(r.id(), Some("mysession"));
    assert_eq!(r.status, SessionStatus::Pending);
}

#[test]
fn apps_list_and_start_service() {
    let v = json!([
        {"name": "jupyter", "protocol": "http", "ports": [8080], "url_template": "{protocol}://{host}:{port}/lab",
         "allowed_arguments": {"--NotebookApp.token": "str"}, "allowed_envs": ["PASSWORD"]},
        {"name": "sshd", "protocol": "tcp", "ports": [2200]}
    ]);
    let apps: AppList = roundtrip(&v);
    assert_eq!(apps[1].ports, vec![2200]);
    assert_eq!(
        apps[0].url_template.as_deref(),
        Some("{protocol}://{host}:{port}/lab")
    );
    let s: StartServiceResponse =
        roundtrip(&json!({"token": "t0k", "wsproxy_addr": "http://127.0.0.1:5050"}));
    assert_eq!(s.token, "t0k");
}

#[test]
fn session_info_camel_case_and_slots_as_strings() {
    let v = json!({
        "domainName": "default",
        "groupId": "2de2b969-1d04-48a6-af16-0bc8adb3c831",
        "userId": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
        "lang": "cr.backend.ai/stable/python:3.9",
        "image": "cr.backend.ai/stable/python:3.9",
        "architecture": "x86_64",
        "registry": "cr.backend.ai",
        "tag": null,
        "containerId": "abc",
        "occupiedSlots": "{\"cpu\": \"1\", \"mem\": \"1073741824\"}",
        "requestedSlots": {"cpu": "1", "mem": "1073741824", "cuda.shares": "0.5"},
        "environ": {"A": "1"},
        "status": "RUNNING",
        "statusInfo": null,
        "age": 123456,
        "creationTime": "2024-05-06T07:08:09+00:00",
        "terminationTime": null,
        "numQueriesExecuted": 3,
        "lastStat": {"cpu_used": {"current": "12.5", "unit_hint": "msec"}},
        "idleChecks": {},
        "someFutureField": 1
    });
    let info: SessionInfo = serde_json::from_value(v).unwrap();
    assert_eq!(info.domain_name.as_deref(), Some("default"));
    assert_eq!(info.status, Some(SessionStatus::Running));
    // slots sent JSON-encoded as a string are decoded
    let occ = info.occupied_slots.as_ref().unwrap();
    assert_eq!(occ.bytes("mem"), Some(1_073_741_824));
    let req = info.requested_slots.as_ref().unwrap();
    assert_eq!(req.f64("cuda.shares"), Some(0.5));
    assert_eq!(req.get("cuda.shares").unwrap().as_text(), "0.5");
    assert_eq!(info.age.as_ref().unwrap().to_bytes(), Some(123_456));
    assert_eq!(info.extra["someFutureField"], json!(1));
    // serialises slots back as an object, keys in server order
    let out = serde_json::to_value(&info).unwrap();
    assert_eq!(
        out["occupiedSlots"],
        json!({"cpu": "1", "mem": "1073741824"})
    );
    assert_eq!(
        serde_json::to_string(&out["requestedSlots"]).unwrap(),
        r#"{"cpu":"1","mem":"1073741824","cuda.shares":"0.5"}"#
    );
}

#[test]
fn resource_slots_keep_exact_decimal_and_bigint_text() {
    let v = json!({
        "cpu": "0.333333333333333333333333333333",
        "mem": "340282366920938463463374607431768211455",
        "cuda.device": 2,
        "tpu": "Infinity",
        "x": "not-a-number"
    });
    let s: ResourceSlots = roundtrip(&v);
    assert_eq!(
        s.get("cpu").unwrap().as_text(),
        "0.333333333333333333333333333333"
    );
    // beyond i128: the exact text is kept, the byte helper declines
    assert_eq!(s.bytes("mem"), None);
    assert_eq!(
        s.get("mem").unwrap().to_string(),
        "340282366920938463463374607431768211455"
    );
    assert_eq!(s.bytes("cuda.device"), Some(2));
    assert_eq!(s.f64("tpu"), Some(f64::INFINITY));
    assert_eq!(s.bytes("tpu"), None);
    assert_eq!(s.f64("x"), None);
    let small: ResourceSlots = roundtrip(&json!({"mem": "8589934592.000"}));
    assert_eq!(small.bytes("mem"), Some(8_589_934_592));
    // unreadable text never fails the decode: it is kept verbatim and written back as is
    let odd: ResourceSlots = roundtrip(&json!("not json"));
    assert!(odd.is_empty());
    assert_eq!(odd.raw(), Some("not json"));
    let nested: ResourceSlots = serde_json::from_value(json!({"main1": {"shmem": 1}})).unwrap();
    assert_eq!(nested.raw(), Some(r#"{"main1":{"shmem":1}}"#));
}

#[test]
fn presets_and_check_presets() {
    let presets = json!({"presets": [
        {"name": "small", "shared_memory": null, "resource_slots": {"cpu": "1", "mem": "1073741824"}}
    ]});
    let p: ResourcePresets = serde_json::from_value(presets).unwrap();
    assert_eq!(p.presets[0].resource_slots.bytes("mem"), Some(1 << 30));

    let v = json!({
        "keypair_limits": {"cpu": "Infinity", "mem": "Infinity"},
        "keypair_using": {"cpu": "0", "mem": "0"},
        "keypair_remaining": {"cpu": "Infinity", "mem": "Infinity"},
        "group_limits": {"cpu": "Infinity"},
        "scaling_group_remaining": {"cpu": "4", "mem": "17179869184"},
        "scaling_groups": {"default": {
            "occupied": {"cpu": "0", "mem": "0"},
            "available": {"cpu": "4", "mem": "17179869184"}}},
        "presets": [{"name": "small", "resource_slots": {"cpu": "1"}, "shared_memory": "67108864", "allocatable": true}]
    });
    let r: CheckPresetsResult = roundtrip(&v);
    assert_eq!(r.scaling_group_remaining.bytes("mem"), Some(17_179_869_184));
    assert_eq!(
        r.scaling_groups
            .get("default")
            .unwrap()
            .available
            .f64("cpu"),
        Some(4.0)
    );
    assert_eq!(r.presets[0].allocatable, Some(true));
    assert_eq!(r.extra["group_limits"], json!({"cpu": "Infinity"}));
}

#[test]
fn keypair_secret_is_masked_but_serialised() {
    let v = json!({
        "user_id": "admin@lablup.com",
        "access_key": "AKIAIOSFODNN7EXAMPLE",
        "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "is_active": true,
        "is_admin": true,
        "created_at": "2024-01-01T00:00:00+00:00",
        "concurrency_used": 1
    });
    let k: KeyPair = roundtrip(&v);
    assert!(!format!("{k:?}").contains("wJalr"));
    assert_eq!(
        k.secret_key.as_ref().unwrap().expose(),
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    );
    assert_eq!(k.extra["concurrency_used"], json!(1));

    let page = json!({"total_count": 42, "items": [v]});
    let p: PaginatedResult<KeyPair> = roundtrip(&page);
    assert_eq!(p.total_count, 42);
    assert_eq!(
        p.items[0].access_key.as_deref(),
        Some("AKIAIOSFODNN7EXAMPLE")
    );

    let auth: AuthorizeResponse = serde_json::from_value(json!({"data": {
        "access_key": "AK", "secret_key": "SK", "role": "user", "status": "active"}}))
    .unwrap();
    assert!(!format!("{auth:?}").contains("SK\""));
    let m: MutationResult =
        roundtrip(&json!({"ok": true, "msg": "success", "keypair": {"access_key": "AK"}}));
    assert!(m.ok);
    assert_eq!(m.extra["keypair"]["access_key"], "AK");
}

#[test]
fn vfolder_objects() {
    let created = json!({
        "id": "2e3a8b0f3a8c4b2f9f1f2b3c4d5e6f70", "name": "mydata", "quota_scope_id": "user:f38dea23",
        "host": "local:volume1", "usage_mode": "general", "permission": "rw", "max_size": 0,
        "creator": "admin@lablup.com", "ownership_type": "user", "user": "f38dea23", "group": null,
        "cloneable": false, "status": "ready"
    });
    let c: VFolderCreated = serde_json::from_value(created).unwrap();
    assert_eq!(c.host.as_deref(), Some("local:volume1"));

    let item = json!({"name": "mydata", "id": "2e3a", "host": "local:volume1", "status": "ready",
        "usage_mode": "general", "created_at": "2024-05-06", "is_owner": true, "permission": "rw",
        "user": "u", "creator": "admin@lablup.com", "ownership_type": "user", "type": "user",
        "cloneable": false, "max_files": 0, "max_size": 0, "cur_size": "123456789012345678901234567890",
        "unknown_x": [1]});
    let li: VFolderListItem = roundtrip(&item);
    assert_eq!(
        li.cur_size.as_ref().unwrap().as_text(),
        "123456789012345678901234567890"
    );
    assert_eq!(li.folder_type.as_deref(), Some("user"));

    let info = json!({"name": "mydata", "id": "2e3a", "host": "h", "numFiles": 3, "num_files": 3,
        "used_bytes": 1024, "type": "user", "is_owner": true, "permission": "rw"});
    let i: VFolderInfo = roundtrip(&info);
    assert_eq!(i.num_files.as_ref().unwrap().to_bytes(), Some(3));
    assert_eq!(i.extra["num_files"], json!(3));

    let files = json!({"items": [
        {"name": "a.txt", "type": "FILE", "size": 11, "mode": "-rw-r--r--", "created": "2024-05-06T00:00:00", "modified": "2024-05-06T00:00:00"}
    ]});
    let entries: Vec<VFolderFileEntry> = serde_json::from_value(files["items"].clone()).unwrap();
    assert_eq!(entries[0].entry_type.as_deref(), Some("FILE"));
    let old: VFolderFileEntry = serde_json::from_value(
        json!({"filename": "b.txt", "size": 1, "mode": 33188, "mtime": 1714979289.5}),
    )
    .unwrap();
    assert_eq!(old.name, "b.txt");
    assert_eq!(old.modified, Some(json!(1714979289.5)));

    let inv: VFolderInvitation = roundtrip(
        &json!({"id": "inv-1", "inviter": "a@x", "invitee": "b@x",
        "perm": "ro", "state": "pending", "created_at": "t", "vfolder_id": "v", "vfolder_name": "n"}),
    );
    assert_eq!(inv.perm.as_deref(), Some("ro"));
    let f: Fstab = roundtrip(&json!({"content": "# fstab\n", "node": "agent", "node_id": "i-1"}));
    assert_eq!(f.node_id.as_deref(), Some("i-1"));
    let h: VFolderHosts = roundtrip(
        &json!({"default": "local:volume1", "allowed": ["local:volume1"],
        "volume_info": {"local:volume1": {"backend": "vfs", "capabilities": ["quota"], "usage": {"percentage": 1.5}}}}),
    );
    assert_eq!(h.allowed, ["local:volume1"]);
    let t: TransferToken =
        roundtrip(&json!({"token": "eyJ...", "url": "http://127.0.0.1:6021/upload"}));
    assert!(t.url.ends_with("/upload"));
}

#[test]
fn session_files_json_string_is_decoded() {
    let v = json!({"files": "[{\"filename\": \"x.py\", \"size\": 10, \"mode\": \"-rw-r--r--\", \"mtime\": 1714979289.0}]", "errors": ""});
    let r: SessionFilesResponse = roundtrip(&v);
    let e = r.entries().unwrap();
    assert_eq!(e[0].filename, "x.py");
    assert_eq!(e[0].size.as_ref().unwrap().to_bytes(), Some(10));
}

#[test]
fn events_status_and_stats() {
    let ev: SessionEventData = serde_json::from_value(json!({
        "reason": "user-requested", "sessionName": "s1", "ownerAccessKey": "AK",
        "sessionId": "uuid", "exitCode": 0, "kernelId": "k", "clusterRole": "main", "clusterIdx": 1,
        "extraThing": true
    }))
    .unwrap();
    assert_eq!(ev.exit_code, Some(0));
    assert_eq!(ev.cluster_idx, Some(1));
    assert_eq!(ev.extra["extraThing"], json!(true));

    let bg: BackgroundTaskEventData = roundtrip(&json!({"task_id": "t", "message": "m",
        "current_progress": "1", "total_progress": 10}));
    assert_eq!(bg.total_progress.unwrap().to_bytes(), Some(10));

    let st: ManagerStatus = roundtrip(&json!({"status": "running", "active_sessions": 2}));
    assert_eq!(st.status, "running");
    let an: Announcement = serde_json::from_value(json!({"message": "hi"})).unwrap();
    assert_eq!(an.enabled, None);
    let ver: ManagerVersion = roundtrip(&json!({"version": "v7.20230615", "manager": "23.09.10"}));
    assert_eq!(ver.manager.as_deref(), Some("23.09.10"));

    let d: DestroyResponse = serde_json::from_value(json!({"stats": {
        "version": 2,
        "status": "terminated",
        "mem": {"current": "1048576", "capacity": "2147483648", "pct": "0.05", "unit_hint": "bytes", "stats.max": "2097152"},
        "cpu_used": {"current": "1234.5", "capacity": null, "pct": null, "unit_hint": "msec"}
    }}))
    .unwrap();
    let stats = d.stats.unwrap();
    assert_eq!(stats.version(), 2);
    let mem = stats.metric("mem").unwrap();
    assert_eq!(mem.current.unwrap().to_bytes(), Some(1_048_576));
    assert_eq!(mem.extra["stats.max"], json!("2097152"));
    assert_eq!(
        stats.metric("cpu_used").unwrap().unit_hint.as_deref(),
        Some("msec")
    );

    for (text, status) in [
        ("PENDING", SessionStatus::Pending),
        ("RUNNING_DEGRADED", SessionStatus::RunningDegraded),
        ("WEIRD", SessionStatus::Unknown("WEIRD".into())),
    ] {
        let s: SessionStatus = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(s, status);
        assert_eq!(s.to_string(), text);
    }
}

/// `GET /folders/{name}` of the real 23.09.10 manager sends both `numFiles` and `num_files`
/// (a decoder mapping both onto one field failed with "duplicate field `num_files`").
#[test]
fn vfolder_info_duplicate_field_num_files_real_answer() {
    let real = r#"{"name": "rs-vf-bf45bab1fe", "id": "0eb90ad2a06f4e17bdd9210e778746b0",
        "host": "local:volume1", "quota_scope_id": "user:f38dea23-50fa-42a0-b5ae-338f5f4693f4",
        "status": "ready", "numFiles": 2, "num_files": 2, "used_bytes": 4096,
        "created": "2026-11-23 14:01:33.040447+00:00", "created_at": "2026-11-23 14:01:33.040447+00:00",
        "last_used": "2026-11-23 14:01:33.040447+00:00", "user": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
        "group": "None", "type": "user", "is_owner": true, "permission": "rw", "usage_mode": "general",
        "cloneable": false, "max_size": null, "cur_size": 0}"#;
    let info: VFolderInfo = serde_json::from_str(real).expect("real vfolder info decodes");
    assert_eq!(info.file_count(), Some(2));
    assert_eq!(info.num_files.as_ref().unwrap().as_text(), "2");
    assert_eq!(info.extra["num_files"], json!(2));
    assert_eq!(info.used_bytes.as_ref().unwrap().to_bytes(), Some(4096));
    assert_eq!(info.group.as_deref(), Some("None"));
    assert_eq!(info.max_size, None);
    // both keys are written back, once each
    let out = serde_json::to_string(&info).unwrap();
    assert_eq!(out.matches("\"numFiles\":2").count(), 1, "{out}");
    assert_eq!(out.matches("\"num_files\":2").count(), 1, "{out}");
    let again: VFolderInfo = serde_json::from_str(&out).unwrap();
    assert_eq!(again, info);
    // only the legacy key
    let old: VFolderInfo =
        serde_json::from_value(json!({"name": "n", "id": "i", "num_files": 5})).unwrap();
    assert_eq!(old.file_count(), Some(5));
}

/// Other answers of the real 23.09.10 manager, as captured live.
#[test]
fn real_23_09_answers_decode() {
    let item: Vec<VFolderListItem> = serde_json::from_str(
        r#"[{"name": "rs-vf-bf45bab1fe", "id": "0eb90ad2a06f4e17bdd9210e778746b0",
        "quota_scope_id": "user:f38dea23-50fa-42a0-b5ae-338f5f4693f4", "host": "local:volume1",
        "status": "ready", "usage_mode": "general", "created_at": "2026-11-23 14:01:33.040447+00:00",
        "is_owner": true, "permission": "rw", "user": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
        "group": null, "creator": "admin@lablup.com", "user_email": "admin@lablup.com",
        "group_name": null, "ownership_type": "user", "type": "user", "cloneable": false,
        "max_files": 1000, "max_size": null, "cur_size": 0}]"#,
    )
    .unwrap();
    assert_eq!(item[0].max_files.as_ref().unwrap().to_bytes(), Some(1000));
    assert_eq!(item[0].group, None);

    let hosts: VFolderHosts = serde_json::from_str(
        r#"{"default": "local:volume1", "allowed": ["local:volume1"], "volume_info":
        {"local:volume1": {"backend": "vfs", "capabilities": ["vfolder"],
        "usage": {"percentage": 84.70182007269584}, "sftp_scaling_groups": []}}}"#,
    )
    .unwrap();
    assert_eq!(hosts.default.as_deref(), Some("local:volume1"));
    assert_eq!(
        hosts.volume_info.as_ref().unwrap()["local:volume1"]["backend"],
        "vfs"
    );

    let created: SessionCreateResponse = serde_json::from_str(
        r#"{"sessionId": "192df3a5-028f-4e01-8acd-b534b52b979b", "sessionName": "sdkfix-13149",
        "status": "RUNNING", "servicePorts": [], "created": true}"#,
    )
    .unwrap();
    assert_eq!(created.id(), Some("192df3a5-028f-4e01-8acd-b534b52b979b"));
    assert_eq!(created.status, SessionStatus::Running);

    let apps: AppList =
        serde_json::from_str(r#"[{"name": "echo", "protocol": "tcp", "ports": [41245]}]"#).unwrap();
    assert_eq!(apps[0].ports, [41245]);
    let none: AppList = serde_json::from_str("[]").unwrap();
    assert!(none.is_empty());

    let status: ManagerStatus = serde_json::from_str(
        r#"{"nodes": [{"id": "i-vm", "num_proc": 1, "service_addr": "127.0.0.1:8081",
        "heartbeat_timeout": 40.0, "ssl_enabled": false, "active_sessions": 2,
        "status": "running", "version": "23.09.10", "api_version": [7, "20230615"]}],
        "status": "running", "active_sessions": 2}"#,
    )
    .unwrap();
    assert_eq!(status.status, "running");
    assert_eq!(status.active_sessions.unwrap().to_bytes(), Some(2));
    assert_eq!(status.extra["nodes"][0]["version"], "23.09.10");
    let an: Announcement = serde_json::from_str(r#"{"enabled": false, "message": ""}"#).unwrap();
    assert_eq!(an.enabled, Some(false));
    let ver: ManagerVersion =
        serde_json::from_str(r#"{"version": "v7.20230615", "manager": "23.09.10"}"#).unwrap();
    assert_eq!(ver.version, "v7.20230615");

    let kp: KeyPair = serde_json::from_str(
        r#"{"user_id": "admin@lablup.com", "access_key": "AKIAIOSFODNN7EXAMPLE",
        "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "is_active": true,
        "is_admin": true, "created_at": "2026-11-23T13:21:21.659327+00:00",
        "resource_policy": "default", "rate_limit": 30000, "concurrency_used": 2,
        "last_used": "2026-11-23T14:28:40.099105", "num_queries": 2760}"#,
    )
    .unwrap();
    assert_eq!(kp.rate_limit.as_ref().unwrap().to_bytes(), Some(30000));
    assert_eq!(kp.extra["num_queries"], json!(2760));
    assert!(!format!("{kp:?}").contains("EXAMPLEKEY"));
}

/// `GET /session/{name}` of the real 23.09.10 manager: slots, `environ`, `resourceOpts` and
/// `occupiedShares` arrive as Python repr text (`str(dict)` with `Decimal('…')`).
#[test]
fn session_info_python_repr_slots_real_answer() {
    let real = r#"{"domainName": "default", "groupId": "2de2b969-1d04-48a6-af16-0bc8adb3c831",
        "userId": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
        "lang": "cr.backend.ai/stable/python:3.9-ubuntu20.04",
        "image": "cr.backend.ai/stable/python:3.9-ubuntu20.04", "architecture": "x86_64",
        "registry": "cr.backend.ai", "tag": "rust-appproxy-live", "containerId": "",
        "occupiedSlots": "{'cpu': Decimal('1'), 'mem': Decimal('536870912')}",
        "occupyingSlots": "{}",
        "requestedSlots": "{'cpu': Decimal('1'), 'mem': Decimal('536870912')}",
        "occupiedShares": "{}", "environ": "{}", "resourceOpts": "{'main1': {'shmem': 67108864}}",
        "status": "RUNNING", "statusInfo": "", "statusData": {}, "age": 210433,
        "creationTime": "2026-11-23 14:21:36.725193+00:00", "terminationTime": null,
        "numQueriesExecuted": 0, "lastStat": null,
        "idleChecks": {"session_lifetime": {"remaining": null,
        "remaining_time_type": "expire_after", "extra": null}}}"#;
    let info: SessionInfo = serde_json::from_str(real).expect("real session info decodes");
    assert_eq!(info.status, Some(SessionStatus::Running));
    let occ = info.occupied_slots.as_ref().unwrap();
    assert_eq!(occ.raw(), None);
    assert_eq!(occ.get("cpu").unwrap().as_text(), "1");
    assert_eq!(occ.bytes("mem"), Some(536_870_912));
    assert_eq!(info.requested_slots.as_ref().unwrap().f64("cpu"), Some(1.0));
    assert!(info.occupying_slots.as_ref().unwrap().is_empty());
    assert_eq!(
        info.resource_opts_value(),
        Some(json!({"main1": {"shmem": 67108864}}))
    );
    assert_eq!(info.environ_value(), Some(json!({})));
    assert_eq!(info.age.as_ref().unwrap().to_bytes(), Some(210_433));
    assert_eq!(info.termination_time, None);
    assert_eq!(
        info.idle_checks.as_ref().unwrap()["session_lifetime"]["remaining"],
        Value::Null
    );
    // slots are written back as JSON objects in server order; the rest as sent
    let out = serde_json::to_value(&info).unwrap();
    assert_eq!(
        serde_json::to_string(&out["occupiedSlots"]).unwrap(),
        r#"{"cpu":"1","mem":"536870912"}"#
    );
    assert_eq!(out["occupyingSlots"], json!({}));
    assert_eq!(out["resourceOpts"], json!("{'main1': {'shmem': 67108864}}"));
    let again: SessionInfo = serde_json::from_value(out).unwrap();
    assert_eq!(again, info);

    // slot text this client cannot read is kept, the rest still decodes
    let odd: SessionInfo = serde_json::from_value(json!({
        "occupiedSlots": "{'cpu': Fraction(1, 3)}",
        "requestedSlots": ["cpu"],
        "occupyingSlots": 5,
        "status": "RUNNING"
    }))
    .unwrap();
    assert_eq!(
        odd.occupied_slots.as_ref().unwrap().raw(),
        Some("{'cpu': Fraction(1, 3)}")
    );
    assert_eq!(
        odd.requested_slots.as_ref().unwrap().raw(),
        Some(r#"["cpu"]"#)
    );
    assert_eq!(odd.occupying_slots.as_ref().unwrap().raw(), Some("5"));
    assert_eq!(
        serde_json::to_value(&odd).unwrap()["occupiedSlots"],
        json!("{'cpu': Fraction(1, 3)}")
    );
}
