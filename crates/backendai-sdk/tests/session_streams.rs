//! The session group against an in-process manager that checks every signature like the real
//! one (tests/support/session_server.rs): non-streaming execute loop with input, streaming
//! execute and PTY over WebSocket, upload → ls → download (multipart of tar), apps,
//! start-service, creation.

mod common;
#[path = "support/session_server.rs"]
mod session_server;

use backendai_core::auth::SignDate;
use backendai_core::config::ApiConfig;
use backendai_core::{ApiVersion, Secret};
use backendai_sdk::groups::session::streams::{ExecStream, Pty, PtyEvent};
use backendai_sdk::groups::session::{
    requests, CreateParams, ExecMode, ExecResultExt, ExecStatus, SessionRef, StartServiceOptions,
};
use backendai_sdk::{ApiRequest, Client, MultipartFile};
use session_server::{SessionServer, ACCESS_KEY, SECRET_KEY, SESSION};
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;

fn config(endpoint: &str) -> ApiConfig {
    ApiConfig {
        endpoints: vec![endpoint.to_owned()],
        access_key: ACCESS_KEY.to_owned(),
        secret_key: Secret::new(SECRET_KEY),
        ..ApiConfig::default()
    }
}

fn v7() -> ApiVersion {
    ApiVersion::new(7, "20230615")
}

/// Opens a signed WebSocket for `req` (prepared by the SDK transport) on a plain TCP stream.
async fn open_ws(server: &SessionServer, req: &ApiRequest) -> WebSocketStream<TcpStream> {
    let cfg = config(&server.endpoint);
    let date = SignDate::from_timestamp_utc(jiff::Timestamp::now());
    let p = backendai_sdk::transport::prepare(&cfg, &server.endpoint, req, &v7(), &date).unwrap();
    assert!(
        p.header("Content-Type").is_none(),
        "WS upgrade carries no Content-Type"
    );
    let ws_url = p.url.replacen("http://", "ws://", 1);
    let mut builder = http::Request::builder().method("GET").uri(&ws_url);
    for (k, v) in &p.headers {
        builder = builder.header(k, v);
    }
    let key = tokio_tungstenite::tungstenite::handshake::client::generate_key();
    let request = builder
        .header("Connection", "Upgrade")
        .header("Upgrade", "websocket")
        .header("Sec-WebSocket-Version", "13")
        .header("Sec-WebSocket-Key", key)
        .body(())
        .unwrap();
    let addr = server.endpoint.trim_start_matches("http://");
    let tcp = TcpStream::connect(addr).await.unwrap();
    let (ws, resp) = tokio_tungstenite::client_async(request, tcp).await.unwrap();
    assert_eq!(resp.status(), 101);
    ws
}

#[tokio::test]
async fn execute_loop_with_input() {
    let server = SessionServer::start().await;
    let client = Client::new(config(&server.endpoint)).unwrap();
    let s = client.sessions().session(SESSION);
    let mut stdout = String::new();
    let mut prompts = Vec::new();
    let last = s
        .execute("name = input('name? ')", ExecMode::Query)
        .run_to_end(
            |r| stdout.push_str(&r.console_text("stdout")),
            |r| {
                prompts.push(r.console_text("stdout"));
                "Lablup".to_owned()
            },
        )
        .await
        .unwrap();
    assert_eq!(last.status, ExecStatus::Finished);
    assert_eq!(last.exit_code, Some(0));
    assert_eq!(prompts, vec!["name? "]);
    assert_eq!(stdout, "name? hello Lablup\n");
    // query → input → continue, all signed, the run id kept after the first step.
    let seen = server.seen();
    let bodies: Vec<serde_json::Value> = seen
        .iter()
        .filter(|r| r.path_and_query == "/session/mysession")
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert!(seen.iter().all(|r| r.signature_ok));
    assert_eq!(bodies.len(), 3);
    assert_eq!(bodies[0]["mode"], "query");
    assert!(bodies[0]["runId"].is_null());
    assert_eq!(bodies[1]["mode"], "input");
    assert_eq!(bodies[1]["code"], "Lablup");
    assert_eq!(bodies[1]["runId"], "run1");
    assert_eq!(bodies[2]["mode"], "continue");
    assert_eq!(bodies[2]["code"], "");
}

#[tokio::test]
async fn batch_step_sends_options() {
    let server = SessionServer::start().await;
    let client = Client::new(config(&server.endpoint)).unwrap();
    let s = client.sessions().session(SESSION);
    let mode = ExecMode::Batch(backendai_sdk::groups::session::BatchOptions {
        build: Some("make".into()),
        exec: Some("./a.out".into()),
        ..Default::default()
    });
    let mut run = s.execute("", mode);
    let first = run.next().await.unwrap().unwrap();
    assert_eq!(first.status, ExecStatus::BuildFinished);
    assert_eq!(first.console_text("stdout"), "built with \"make\"\n");
    // build-finished continues automatically.
    let second = run.next().await.unwrap().unwrap();
    assert!(second.is_finished());
    assert!(run.next().await.unwrap().is_none());
}

#[tokio::test]
async fn streaming_execute_matches_capture() {
    let server = SessionServer::start().await;
    let s = SessionRef::new(SESSION);
    let ws = open_ws(&server, &requests::stream_execute(&s, &v7())).await;
    let exec = ExecStream::start(ws, "print('hi')", &ExecMode::Query)
        .await
        .unwrap();
    let last = exec.run_to_end(|_| {}, |_| String::new()).await.unwrap();
    assert!(last.is_finished());
    assert_eq!(last.console_text("stdout"), "hi\n");
    assert_eq!(last.exit_code, Some(0));
    let st = server.state.lock().unwrap();
    // The first frame is byte-identical to the Python client's.
    assert_eq!(
        st.ws_first_frames,
        vec!["{\"code\": \"print('hi')\", \"mode\": \"query\", \"options\": {}}"]
    );
    assert!(st.seen.iter().all(|r| r.signature_ok));
}

#[tokio::test]
async fn streaming_execute_with_input() {
    let server = SessionServer::start().await;
    let s = SessionRef::new(SESSION);
    let ws = open_ws(&server, &requests::stream_execute(&s, &v7())).await;
    let mut exec = ExecStream::start(ws, "input()", &ExecMode::Query)
        .await
        .unwrap();
    let r = exec.next().await.unwrap().unwrap();
    assert_eq!(r.status, ExecStatus::WaitingInput);
    exec.send_input("42").await.unwrap();
    let r = exec.next().await.unwrap().unwrap();
    assert!(r.is_finished());
    assert_eq!(r.console_text("stdout"), "got 42\n");
    assert!(exec.next().await.unwrap().is_none());
    exec.close().await.unwrap();
}

#[tokio::test]
async fn pty_round_trip() {
    let server = SessionServer::start().await;
    let s = SessionRef::new(SESSION);
    let ws = open_ws(&server, &requests::pty(&s, &v7())).await;
    let mut pty = Pty::new(ws);
    pty.resize(24, 80).await.unwrap();
    pty.write(b"ls -al\n").await.unwrap();
    assert_eq!(
        pty.next().await.unwrap(),
        Some(PtyEvent::Output(b"ls -al\n".to_vec()))
    );
    pty.write(&[0xff, 0x00, 0x1b]).await.unwrap();
    assert_eq!(
        pty.next().await.unwrap(),
        Some(PtyEvent::Output(vec![0xff, 0x00, 0x1b]))
    );
    pty.ping().await.unwrap();
    match pty.next().await.unwrap() {
        Some(PtyEvent::Other(v)) => assert_eq!(v["type"], "pong"),
        other => panic!("pong expected, got {other:?}"),
    }
    pty.close().await.unwrap();
    assert_eq!(server.state.lock().unwrap().resizes, vec![(24, 80)]);
}

#[tokio::test]
async fn upload_list_download() {
    let server = SessionServer::start().await;
    let client = Client::new(config(&server.endpoint)).unwrap();
    let s = client.sessions().session(SESSION);

    // Upload from disk, relative to a base dir (one file in a subdirectory).
    let src = tempfile::tempdir().unwrap();
    std::fs::create_dir(src.path().join("sub")).unwrap();
    std::fs::write(src.path().join("a.txt"), b"alpha").unwrap();
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(src.path().join("sub/b.bin"), &big).unwrap();
    s.upload(
        &["a.txt".into(), src.path().join("sub/b.bin")],
        Some(src.path()),
    )
    .await
    .unwrap();
    // A file outside the base dir is refused before anything is sent.
    let outside = tempfile::NamedTempFile::new().unwrap();
    let err = s
        .upload(&[outside.path().to_path_buf()], Some(src.path()))
        .await
        .unwrap_err();
    assert_eq!(
        err.kind(),
        backendai_core::error::ErrorKind::InvalidArgument
    );
    s.upload_parts(vec![MultipartFile {
        filename: "mem.txt".into(),
        data: "in memory".into(),
    }])
    .await
    .unwrap();

    let listing = s.list_files(".").await.unwrap();
    let mut names: Vec<_> = listing.files.iter().map(|f| f.filename.clone()).collect();
    names.sort();
    assert_eq!(names, vec!["a.txt", "hello.txt", "mem.txt", "sub/b.bin"]);
    let b = listing
        .files
        .iter()
        .find(|f| f.filename == "sub/b.bin")
        .unwrap();
    assert_eq!(
        b.size.as_ref().and_then(|n| n.to_bytes()),
        Some(big.len() as i128)
    );
    assert_eq!(listing.extra["abspath"], "/home/work/.");

    let dest = tempfile::tempdir().unwrap();
    let got = s
        .download(
            &["hello.txt".into(), "sub/b.bin".into(), "a.txt".into()],
            dest.path(),
        )
        .await
        .unwrap();
    assert_eq!(got.file_names, vec!["hello.txt", "sub/b.bin", "a.txt"]);
    assert_eq!(
        std::fs::read(dest.path().join("hello.txt")).unwrap(),
        b"hello world"
    );
    assert_eq!(std::fs::read(dest.path().join("sub/b.bin")).unwrap(), big);
    assert_eq!(std::fs::read(dest.path().join("a.txt")).unwrap(), b"alpha");

    let err = s.download(&["nope".into()], dest.path()).await.unwrap_err();
    assert_eq!(err.kind(), backendai_core::error::ErrorKind::NotFound);
    assert!(server.seen().iter().all(|r| r.signature_ok));
}

#[tokio::test]
async fn apps_start_service_and_create() {
    let server = SessionServer::start().await;
    let client = Client::new(config(&server.endpoint)).unwrap();
    let s = client.sessions().session(SESSION);
    let apps = s.apps().await.unwrap();
    assert_eq!(apps.len(), 2);
    assert_eq!(apps[0].name, "jupyter");
    assert_eq!(
        apps[0].url_template.as_deref(),
        Some("{protocol}://{host}:{port}/tree")
    );
    assert_eq!(apps[1].protocol.as_deref(), Some("http"));
    let access = s
        .start_service("jupyter", &StartServiceOptions::default())
        .await
        .unwrap();
    assert_eq!(access.token, "tok-123");
    let err = s
        .start_service("nope", &StartServiceOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), backendai_core::error::ErrorKind::NotFound);

    let created = client
        .sessions()
        .get_or_create(CreateParams::new("python:3.9-ubuntu20.04").name("created-1"))
        .await
        .unwrap();
    assert_eq!(
        created.session_id.as_deref(),
        Some("11111111-2222-3333-4444-555555555555")
    );
    assert_eq!(created.session_name.as_deref(), Some("created-1"));
    assert!(created.created);
    assert_eq!(created.extra["newField"], 1, "unknown fields are kept");
    // Generated names follow the Python SDK's pattern.
    let gen = client
        .sessions()
        .get_or_create(CreateParams::new("python:3.9-ubuntu20.04"))
        .await
        .unwrap();
    assert!(gen.session_name.unwrap().starts_with("pysdk-"));
    // Too-short names are refused client-side.
    let err = client
        .sessions()
        .get_or_create(CreateParams::new("python").name("abc"))
        .await
        .unwrap_err();
    assert_eq!(
        err.kind(),
        backendai_core::error::ErrorKind::InvalidArgument
    );
}

#[tokio::test]
async fn bad_signature_is_rejected() {
    let server = SessionServer::start().await;
    let mut cfg = config(&server.endpoint);
    cfg.secret_key = Secret::new("wrong-secret");
    let client = Client::new(cfg).unwrap();
    let err = client.sessions().session(SESSION).apps().await.unwrap_err();
    assert_eq!(err.kind(), backendai_core::error::ErrorKind::AuthFailed);
    assert!(!server.seen()[0].signature_ok);
}

#[tokio::test]
async fn client_websocket_execute_and_pty() {
    let server = SessionServer::start().await;
    let client = Client::new(config(&server.endpoint)).unwrap();
    let s = client.sessions().session(SESSION);
    let exec = s
        .stream_execute("print('hi')", &ExecMode::Query)
        .await
        .unwrap();
    let last = exec.run_to_end(|_| {}, |_| String::new()).await.unwrap();
    assert_eq!(last.console_text("stdout"), "hi\n");

    let mut pty = s.stream_pty().await.unwrap();
    pty.resize(30, 100).await.unwrap();
    pty.write(b"echo \xe2\x9c\x93\n").await.unwrap();
    assert_eq!(
        pty.next().await.unwrap(),
        Some(PtyEvent::Output(b"echo \xe2\x9c\x93\n".to_vec()))
    );
    pty.close().await.unwrap();
    let seen = server.seen();
    assert!(seen.iter().all(|r| r.signature_ok));
    assert!(
        seen.iter().all(|r| r.content_type.is_none()),
        "WS upgrades carry no Content-Type"
    );
    assert_eq!(server.state.lock().unwrap().resizes, vec![(30, 100)]);
}

#[tokio::test]
async fn session_events_until_server_close() {
    use futures_util::StreamExt;
    let server = SessionServer::start().await;
    let client = Client::new(config(&server.endpoint)).unwrap();
    let s = client.sessions().session(SESSION);
    let events: Vec<_> = s
        .events(backendai_sdk::groups::session::EventScope::All)
        .await
        .unwrap()
        .collect()
        .await;
    let events: Vec<_> = events.into_iter().map(Result::unwrap).collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].name, "session_started");
    assert_eq!(events[0].data.session_name.as_deref(), Some("s1"));
    assert_eq!(events[0].data.owner_access_key.as_deref(), Some("AK"));
    assert_eq!(events[1].name, "server_close");
    let seen = server.seen();
    assert_eq!(
        seen[0].path_and_query,
        "/events/session?sessionName=mysession&scope=*"
    );
    assert!(seen[0].signature_ok && seen[0].content_type.is_none());
}

#[tokio::test]
async fn info_decodes_the_real_manager_shape() {
    let server = SessionServer::start().await;
    let client = Client::new(config(&server.endpoint)).unwrap();
    let info = client.sessions().session(SESSION).info().await.unwrap();
    assert_eq!(
        info.status,
        Some(backendai_sdk::groups::session::SessionStatus::Running)
    );
    assert_eq!(info.architecture.as_deref(), Some("x86_64"));
    // slots sent as Python repr text are read into slots, decimals kept exactly
    let occ = info.occupied_slots.as_ref().unwrap();
    assert_eq!(occ.raw(), None);
    assert_eq!(occ.get("cpu").unwrap().as_text(), "1");
    assert_eq!(occ.bytes("mem"), Some(536_870_912));
    assert!(info.occupying_slots.as_ref().unwrap().is_empty());
    assert_eq!(
        info.resource_opts_value(),
        Some(serde_json::json!({"main1": {"shmem": 67108864}}))
    );
    assert_eq!(info.extra["futureField"], serde_json::json!([1, 2]));
}

#[tokio::test]
async fn list_pages_and_stream() {
    use futures_util::StreamExt;
    let server = SessionServer::start().await;
    let client = Client::new(config(&server.endpoint)).unwrap();
    let mut lp = backendai_sdk::groups::session::ListParams {
        status: Some("RUNNING".into()),
        limit: 2,
        offset: 1,
        ..Default::default()
    };
    lp.fields.push("name".into());
    let page = client.sessions().list(&lp).await.unwrap();
    assert_eq!(page.total_count, 5);
    let names: Vec<_> = page.items.iter().map(|i| i["name"].clone()).collect();
    assert_eq!(names, vec!["sess-1", "sess-2"]);
    assert_eq!(page.items[0]["status"], "RUNNING");
    let all: Vec<_> = client
        .sessions()
        .list_stream(&lp)
        .map(|r| r.unwrap()["id"].as_str().unwrap().to_owned())
        .collect()
        .await;
    assert_eq!(all, vec!["id-0", "id-1", "id-2", "id-3", "id-4"]);
    // 1 page + 3 pages of 2, each a signed POST /admin/gql with the Python query text.
    let gql: Vec<_> = server
        .seen()
        .into_iter()
        .filter(|r| r.path_and_query == "/admin/gql")
        .collect();
    assert_eq!(gql.len(), 4);
    assert!(gql.iter().all(|r| r.signature_ok));
    let body: serde_json::Value = serde_json::from_slice(&gql[0].body).unwrap();
    assert!(body["query"].as_str().unwrap().contains(
        "items { id image type status status_info status_changed result abusing_reports name }"
    ));
    assert_eq!(body["variables"]["offset"], 1);
    assert_eq!(body["variables"]["filter"], serde_json::Value::Null);
    // `list_all` starts at `params.offset` (what `bai ps --offset` needs).
    let from_offset: Vec<_> = client
        .sessions()
        .list_all(&lp)
        .await
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(from_offset, vec!["id-1", "id-2", "id-3", "id-4"]);
}
