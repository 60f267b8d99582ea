//! AIME client against the in-process test server (spec/aime-protocol.md).
#![cfg(feature = "aime")]

#[path = "support/aime_server.rs"]
mod aime_server;

use std::time::Duration;

use aime_server::{AimeServer, API_KEY, OTHER_KEY, PNG_BYTES, WAV_BYTES};
use backendai_sdk::aime::{AimeClient, AimeConfig, JobState, JobUpdate, ProgressMethod};
use backendai_sdk::core::error::ErrorKind;
use backendai_sdk::core::Secret;
use futures_util::StreamExt;
use serde_json::{json, Map, Value};

fn config(server: &AimeServer, key: Option<&str>) -> AimeConfig {
    let mut c = AimeConfig::new(server.url.clone());
    c.api_key = key.map(Secret::from);
    c.poll_interval = Duration::from_millis(5);
    c.retry_pause = Duration::from_millis(5);
    c.request_timeout = Duration::from_secs(5);
    c
}

fn client(server: &AimeServer) -> AimeClient {
    AimeClient::new(config(server, Some(API_KEY))).unwrap()
}

fn params(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

// §3 login success (observed).
#[tokio::test]
async fn login_returns_session_key_and_ep_version() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let info = c.login("echo").await.unwrap();
    assert_eq!(info.endpoint, "echo");
    assert_eq!(info.ep_version, Some(1));
    let session = c.session_key("echo").expect("session key kept");
    assert_eq!(session.expose().len(), 36);
    let seen = server.seen();
    let q = seen[0].query.as_deref().unwrap();
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].path, "/echo/login");
    assert!(q.contains(&format!("key={API_KEY}")), "{q}");
    assert!(q.contains("version=Rust"), "{q}");
    // The key never shows in Debug output.
    assert!(!format!("{c:?} {session:?}").contains(API_KEY));
}

// §3 login failure is HTTP 200 + success:false (observed).
#[tokio::test]
async fn login_with_invalid_key_is_auth_failed_despite_http_200() {
    let server = AimeServer::start().await;
    let c = AimeClient::new(config(&server, Some("wrong-key"))).unwrap();
    let err = c.login("echo").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AuthFailed);
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.problem().unwrap().msg.as_deref(), Some("Key not valid"));
    assert!(err.to_string().contains("Key not valid"), "{err}");
    assert!(c.session_key("echo").is_none());
    // A job request with that key fails the same way, without a submit.
    let err = c.request("echo", Map::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AuthFailed);
    assert_eq!(server.count("POST", "/echo"), 0);
}

#[tokio::test]
async fn missing_api_key_is_auth_failed_without_network() {
    let server = AimeServer::start().await;
    let c = AimeClient::new(config(&server, None)).unwrap();
    let err = c.login("echo").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AuthFailed);
    assert!(err.to_string().contains("AIME_API_KEY"));
    assert!(server.seen().is_empty());
}

// §4a job id with `#`, percent-encoded in the progress query (observed), and
// §5.1/§5.2/§5.3 queued → processing → done (observed).
#[tokio::test]
async fn job_reports_queue_and_progress_then_finishes() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let job = c
        .request(
            "echo",
            params(json!({"prompt_input": "hello there general kenobi", "max_gen_tokens": 10})),
        )
        .await
        .unwrap();
    let (uuid, counter) = job.job_id().split_once('#').expect("job id has #");
    assert_eq!(uuid.len(), 36);
    assert_eq!(counter, "1");
    assert_eq!(job.ep_version(), Some(1));

    // The submit body: inputs + session key + wait_for_result false.
    let submit = server
        .seen()
        .into_iter()
        .find(|s| s.method == "POST" && s.path == "/echo")
        .unwrap();
    let body = submit.body.unwrap();
    assert_eq!(body["wait_for_result"], json!(false));
    assert_eq!(body["prompt_input"], json!("hello there general kenobi"));
    assert_eq!(body["client_session_auth_key"].as_str().unwrap().len(), 36);
    assert!(
        body.get("key").is_none(),
        "the API key is only sent at login"
    );

    let updates: Vec<_> = job.updates().collect().await;
    assert_eq!(updates.len(), 5, "{updates:?}");
    let progress: Vec<_> = updates[..4]
        .iter()
        .map(|u| match u {
            Ok(JobUpdate::Progress(p)) => p.clone(),
            other => panic!("expected progress, got {other:?}"),
        })
        .collect();
    assert_eq!(progress[0].state, JobState::Queued);
    assert_eq!(progress[0].queue_position, Some(2));
    assert_eq!(progress[0].estimate, None, "-1 = unknown");
    assert_eq!(progress[1].queue_position, Some(1));
    assert_eq!(progress[2].state, JobState::Processing);
    assert_eq!(progress[2].queue_position, Some(0));
    assert!(progress[2].progress_data.is_empty());
    assert_eq!(progress[3].progress, Some(50.0));
    assert_eq!(progress[3].estimate, Some(1.5));
    assert_eq!(progress[3].num_workers_online, Some(1));
    assert_eq!(progress[3].text(), Some("echo: hello there"));
    assert_eq!(progress[3].progress_data["num_generated_tokens"], json!(2));
    // Opaque keys stay in the raw reply.
    assert_eq!(
        progress[3].raw["progress"]["auth"],
        json!("vm_fake_worker_0")
    );

    let Ok(JobUpdate::Finished(result)) = &updates[4] else {
        panic!("{:?}", updates[4])
    };
    assert_eq!(result.job_id, job.job_id());
    assert_eq!(
        result.text.as_deref(),
        Some("echo: hello there general kenobi")
    );
    assert_eq!(result.num_generated_tokens, Some(4));
    assert_eq!(result.model_name.as_deref(), Some("echo-model"));
    assert_eq!(result.worker.as_deref(), Some("vm_fake_worker_0"));
    assert_eq!(
        result.worker_interface_version.as_deref(),
        Some("fake-worker-protocol 0.1")
    );
    assert_eq!(result.compute_duration, Some(2.018));
    assert_eq!(result.start_time, Some(1795355968.12));
    assert_eq!(result.error, None);
    assert_eq!(result.raw["total_duration"], json!(2.018));
    let outputs = result.outputs();
    assert_eq!(
        outputs.keys().collect::<Vec<_>>(),
        ["text", "num_generated_tokens", "model_name"]
    );

    // Every poll was a GET with the `#` percent-encoded.
    let polls: Vec<_> = server
        .seen()
        .into_iter()
        .filter(|s| s.path == "/echo/progress")
        .collect();
    assert_eq!(polls.len(), 5);
    for p in &polls {
        assert_eq!(p.method, "GET");
        let q = p.query.as_deref().unwrap();
        assert!(q.contains(&format!("job_id={uuid}%23{counter}")), "{q}");
    }
    assert_eq!(
        server.count("GET", "/stream_progress"),
        0,
        "the broken SSE route is never used"
    );
}

// §5 POST /<ep>/progress with {"job_id"} works too (observed).
#[tokio::test]
async fn progress_can_be_polled_with_post() {
    let server = AimeServer::start().await;
    let mut cfg = config(&server, Some(API_KEY));
    cfg.progress_method = ProgressMethod::Post;
    let c = AimeClient::new(cfg).unwrap();
    let job = c
        .request("echo", params(json!({"prompt_input": "a b c"})))
        .await
        .unwrap();
    let mut seen_progress = 0;
    let result = job.wait_with(|_| seen_progress += 1).await.unwrap();
    assert_eq!(seen_progress, 4);
    assert_eq!(result.text.as_deref(), Some("echo: a b c"));
    let polls: Vec<_> = server
        .seen()
        .into_iter()
        .filter(|s| s.path == "/echo/progress")
        .collect();
    assert!(polls.iter().all(|p| p.method == "POST"));
    assert_eq!(
        polls[0].body.as_ref().unwrap()["job_id"],
        json!(job.job_id())
    );
}

// §4b wait_for_result true returns the result directly (observed).
#[tokio::test]
async fn blocking_request_returns_result_directly() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let result = c
        .request_blocking("echo", params(json!({"prompt_input": "block me"})))
        .await
        .unwrap();
    assert_eq!(result.text.as_deref(), Some("echo: block me"));
    assert_eq!(result.num_generated_tokens, Some(2));
    assert!(result.job_id.contains('#'));
    let submit = server
        .seen()
        .into_iter()
        .find(|s| s.path == "/echo")
        .unwrap();
    assert_eq!(submit.body.unwrap()["wait_for_result"], json!(true));
    assert_eq!(server.count("GET", "/echo/progress"), 0);
}

// §4b a blocking call capped by the server ends in 503 Response Timeout (observed).
#[tokio::test]
async fn blocking_request_503_response_timeout_is_timeout() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let err = c
        .request_blocking("slow", params(json!({"prompt_input": "x"})))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.status(), Some(503));
    assert!(err.to_string().contains("Response Timeout"), "{err}");
}

// §4: a float for an integer input is sent as is; the server truncates it (3.9 → 3, observed).
#[tokio::test]
async fn float_for_integer_input_is_sent_unchanged() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let job = c
        .request(
            "echo",
            params(json!({"prompt_input": "one two three four five", "max_gen_tokens": 3.9})),
        )
        .await
        .unwrap();
    let result = job.wait().await.unwrap();
    assert_eq!(result.num_generated_tokens, Some(3));
    let submit = server
        .seen()
        .into_iter()
        .find(|s| s.path == "/echo")
        .unwrap();
    assert_eq!(submit.body.unwrap()["max_gen_tokens"], json!(3.9));
}

// §5.3 the result is delivered exactly once (observed).
#[tokio::test]
async fn result_is_delivered_once_then_done_without_result_is_conflict() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let job = c
        .request("echo", params(json!({"prompt_input": "once"})))
        .await
        .unwrap();
    let result = job.wait().await.unwrap();
    assert_eq!(result.text.as_deref(), Some("echo: once"));
    let err = job.wait().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains("already collected"), "{err}");
    assert_eq!(
        err.problem().unwrap().data.as_ref().unwrap()["job_state"],
        json!("done")
    );
}

// §5.3 model errors are protocol successes with an `error` output (observed).
#[tokio::test]
async fn model_error_in_result_fails_the_job() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let job = c
        .request("fail", params(json!({"prompt_input": "boom"})))
        .await
        .unwrap();
    let updates: Vec<_> = job.updates().collect().await;
    let err = updates.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ServerError);
    assert!(
        err.to_string()
            .contains("CUDA out of memory while generating"),
        "{err}"
    );
    let p = err.problem().unwrap();
    assert_eq!(
        p.msg.as_deref(),
        Some("CUDA out of memory while generating")
    );
    assert_eq!(p.data.as_ref().unwrap()["model_name"], json!("echo-model"));
}

// §5.3 a finished job is forgotten after result_lifetime: 402 (observed).
#[tokio::test]
async fn expired_job_is_not_found() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let job = c
        .request("echo", params(json!({"prompt_input": "gone"})))
        .await
        .unwrap();
    server.expire_job(job.job_id());
    let err = job.wait().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(402));
    assert!(err.to_string().contains("no active request"), "{err}");
    assert_eq!(
        server.count("GET", "/echo/progress"),
        1,
        "402 is not retried"
    );
}

// §5.4 lapsed is HTTP 400, error a string (observed).
#[tokio::test]
async fn lapsed_job_is_a_timeout_error() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let job = c
        .request("lapse", params(json!({"prompt_input": "please"})))
        .await
        .unwrap();
    let updates: Vec<_> = job.updates().collect().await;
    assert_eq!(updates.len(), 2);
    assert!(matches!(&updates[0], Ok(JobUpdate::Progress(p)) if p.state == JobState::Queued));
    let err = updates[1].as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.status(), Some(400));
    assert!(err.to_string().contains("lapsed"), "{err}");
    assert_eq!(
        err.problem().unwrap().msg.as_deref(),
        Some(format!("Job {} on lapse lapsed!", job.job_id()).as_str())
    );
}

// §9.6 bound the wait on the client side.
#[tokio::test]
async fn client_side_timeout_stops_polling() {
    let server = AimeServer::start().await;
    let mut cfg = config(&server, Some(API_KEY));
    cfg.poll_interval = Duration::from_millis(200);
    cfg.job_timeout = Some(Duration::from_millis(300));
    let c = AimeClient::new(cfg).unwrap();
    let job = c
        .request("echo", params(json!({"prompt_input": "slowly"})))
        .await
        .unwrap();
    let err = job.wait().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.to_string().contains("did not finish within"), "{err}");
    assert!(server.count("GET", "/echo/progress") <= 3);
}

// §2 restart loses session keys: log in again once and retry.
#[tokio::test]
async fn server_restart_triggers_one_relogin() {
    let server = AimeServer::start().await;
    let c = client(&server);
    c.login("echo").await.unwrap();
    let before = c.session_key("echo").unwrap();
    server.restart();
    let job = c
        .request("echo", params(json!({"prompt_input": "again"})))
        .await
        .unwrap();
    assert_eq!(
        job.wait().await.unwrap().text.as_deref(),
        Some("echo: again")
    );
    assert_eq!(server.count("GET", "/echo/login"), 2);
    assert_eq!(server.count("POST", "/echo"), 2);
    assert_ne!(c.session_key("echo").unwrap(), before);
}

#[tokio::test]
async fn relogin_happens_at_most_once() {
    let server = AimeServer::start().await;
    let c = client(&server);
    // A session key the server never issued, e.g. saved before a restart.
    c.set_session_key("echo", Secret::new("8e2c0c5c-0000-4000-8000-000000000000"));
    server.set_amnesia(true);
    let err = c
        .request("echo", params(json!({"prompt_input": "x"})))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AuthFailed);
    assert_eq!(err.status(), Some(401));
    assert!(err.to_string().contains("not registered"), "{err}");
    assert_eq!(server.count("GET", "/echo/login"), 1);
    assert_eq!(server.count("POST", "/echo"), 2);
}

#[tokio::test]
async fn unregistered_session_key_without_api_key_fails_without_login() {
    let server = AimeServer::start().await;
    let c = AimeClient::new(config(&server, None)).unwrap();
    c.set_session_key("echo", Secret::new("8e2c0c5c-0000-4000-8000-000000000000"));
    let err = c.request("echo", Map::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AuthFailed);
    assert_eq!(server.count("GET", "/echo/login"), 0);
}

#[tokio::test]
async fn unknown_endpoint_is_not_found() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let err = c.request("nope", Map::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));
    assert!(err.to_string().contains("`nope` not found"), "{err}");
    // `Accept: application/json` is sent, so the 404 comes as JSON with sanic's message.
    assert_eq!(
        err.problem().unwrap().msg.as_deref(),
        Some("Requested URL /nope/login not found")
    );
    let err = c.endpoint_info("nope").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = c.request("a/b", Map::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn session_key_is_not_tied_to_its_endpoint() {
    let server = AimeServer::start().await;
    // The key is valid, but not for `private`: login says Key not valid (HTTP 200).
    let c = client(&server);
    assert_eq!(
        c.login("private").await.unwrap_err().kind(),
        ErrorKind::AuthFailed
    );
    // A session key from another endpoint is accepted (§2).
    c.login("echo").await.unwrap();
    c.set_session_key("private", c.session_key("echo").unwrap());
    let job = c
        .request("private", params(json!({"prompt_input": "p"})))
        .await
        .unwrap();
    assert!(job.job_id().contains('#'));
}

#[tokio::test]
async fn invalid_inputs_keep_every_server_error_string() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let err = c
        .request(
            "echo",
            params(json!({"prompt": "x", "max_gen_tokens": "ten"})),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(err.status(), Some(400));
    let msg = err.to_string();
    assert!(msg.contains("Invalid input parameter(s): prompt"), "{msg}");
    assert!(msg.contains("max_gen_tokens"), "{msg}");
    assert!(!msg.contains('\n'));
    let data = err.problem().unwrap().data.as_ref().unwrap();
    assert_eq!(data["error"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn binary_outputs_are_decoded_on_request() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let job = c
        .request("images", params(json!({"prompt_input": "cat"})))
        .await
        .unwrap();
    let result = job.wait().await.unwrap();
    assert!(result.raw["images"][0]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    let files = result.binary_outputs().unwrap();
    let names: Vec<_> = files.iter().map(|f| f.file_name()).collect();
    assert_eq!(names, ["images_0.png", "images_1.png", "audio_output.wav"]);
    assert_eq!(files[0].data, PNG_BYTES);
    assert_eq!(files[1].data, &PNG_BYTES[..4]);
    assert_eq!(files[2].mime, "audio/wav");
    assert_eq!(files[2].data, WAV_BYTES);
    let audio = result.decode_output("audio_output").unwrap();
    assert_eq!(audio[0].data, WAV_BYTES);
    assert_eq!(
        result.decode_output("missing").unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

// §6 discovery (observed: endpoint description; bad key on the list → 401).
#[tokio::test]
async fn endpoint_discovery_and_key_check() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let all = c.endpoints(false).await.unwrap();
    assert!(all.contains(&"echo".to_owned()) && all.contains(&"private".to_owned()));
    let mine = c.endpoints(true).await.unwrap();
    assert!(mine.contains(&"echo".to_owned()) && !mine.contains(&"private".to_owned()));

    let info = c.endpoint_info("echo").await.unwrap();
    assert_eq!(info.name, "echo");
    assert_eq!(info.version, Some(1));
    assert_eq!(info.http_methods, ["GET", "POST"]);
    assert_eq!(info.inputs["max_gen_tokens"]["default"], json!(64));
    let user: Vec<_> = info.user_inputs().map(|(k, _)| k.as_str()).collect();
    assert_eq!(user, ["prompt_input", "chat_context", "max_gen_tokens"]);
    assert!(info.outputs.contains_key("error"));
    assert_eq!(
        info.raw["workers"][0]["model"]["label"],
        json!("echo-model")
    );

    assert!(c.validate_key().await.unwrap());
    let bad = AimeClient::new(config(&server, Some("wrong"))).unwrap();
    assert!(!bad.validate_key().await.unwrap());
    let err = bad.endpoints(true).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AuthFailed);
    assert_eq!(err.status(), Some(401));
    assert!(err.to_string().contains("Key not valid"));
    let other = AimeClient::new(config(&server, Some(OTHER_KEY))).unwrap();
    assert_eq!(other.endpoints(true).await.unwrap(), ["private"]);
}

#[tokio::test]
async fn unreachable_server_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let mut cfg = AimeConfig::new(url).with_api_key(API_KEY);
    cfg.connect_timeout = Duration::from_secs(2);
    let c = AimeClient::new(cfg).unwrap();
    let err = c.login("echo").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connect);
    assert!(!err.to_string().contains(API_KEY));
    assert_eq!(
        AimeClient::new(AimeConfig::new("ftp://x"))
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
}

#[tokio::test]
async fn server_url_path_prefix_is_kept() {
    let server = AimeServer::start().await;
    let mut cfg = config(&server, Some(API_KEY));
    cfg.server = format!("{}/prefix/", server.url);
    let c = AimeClient::new(cfg).unwrap();
    let _ = c.login("echo").await;
    assert_eq!(server.seen()[0].path, "/prefix/echo/login");
}

// §5.5 transient poll errors are retried (official client: 3 times, 1 s apart).
#[tokio::test]
async fn transient_poll_errors_are_retried() {
    let server = AimeServer::start().await;
    let c = client(&server);
    let job = c
        .request("echo", params(json!({"prompt_input": "retry"})))
        .await
        .unwrap();
    server.fail_next_polls(3);
    let result = job.wait().await.unwrap();
    assert_eq!(result.text.as_deref(), Some("echo: retry"));
    assert_eq!(server.count("GET", "/echo/progress"), 3 + 5);

    let job = c
        .request("echo", params(json!({"prompt_input": "retry"})))
        .await
        .unwrap();
    server.fail_next_polls(4);
    let err = job.wait().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable);
    assert_eq!(err.status(), Some(502));
    assert!(err.to_string().contains("upstream hiccup"), "{err}");
}
