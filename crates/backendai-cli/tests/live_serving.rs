//! Live: `bai model` and `bai service` against the real Backend.AI 23.09 stack: a model
//! folder with a definition and a version, a service from it, then list, info, scale,
//! generate-token, sync, get-endpoint, the route commands and rm, with unique names, cleaned
//! up also on failure.
//!
//! The stack has no app proxy and no scaling group for inference sessions, which the manager
//! needs for services: the test serves a stand-in app proxy on loopback and points a scaling
//! group of its own at it (inference only, no agents, kept between runs because the manager's
//! service rows pin it; dissociated and its proxy address cleared at the end). The fixture
//! uses the SDK; every step under test is a `bai` run.

mod common;
#[path = "../../backendai-sdk/tests/support/serving_group.rs"]
mod serving_group;

use std::time::Duration;

use backendai_core::config::ApiConfig;
use backendai_core::Secret;
use backendai_sdk::Client;
use bytes::Bytes;
use common::{suffix, Live};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use serving_group::{close_scaling_group, open_scaling_group, proxy_answer_body};

/// The scaling group of this test's services.
const SGROUP: &str = "bai-live-serving-cli";
/// The token the manager presents to the stand-in app proxy.
const PROXY_TOKEN: &str = "live-serving-cli-proxy-token";

/// The stand-in app proxy: endpoint registration answers a URL, token requests a token
/// derived from the endpoint id, everything else `{}`.
async fn proxy_answer(req: Request<Incoming>) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let path = req.uri().path().to_owned();
    let post = req.method() == hyper::Method::POST;
    let _ = req.into_body().collect().await;
    let body = proxy_answer_body(post, &path, "cli-token-");
    Ok(Response::builder()
        .header("Content-Type", "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap())
}

/// Starts the stand-in app proxy on `rt`; returns its URL.
fn start_proxy(rt: &tokio::runtime::Runtime) -> String {
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service_fn(proxy_answer))
                    .await;
            });
        }
    });
    format!("http://{addr}")
}

fn sdk_client(l: &Live) -> Client {
    Client::new(ApiConfig {
        endpoints: vec![l.endpoint.clone()],
        access_key: l.ak.clone(),
        secret_key: Secret::new(l.sk.clone()),
        connection_timeout: Duration::from_secs(3),
        read_timeout: Some(Duration::from_secs(30)),
        ..ApiConfig::default()
    })
    .unwrap()
}

/// Removes the service and the model (by `bai`), waits until the manager has destroyed the
/// service (the proxy is still up for its last call), then closes the scaling group.
struct Cleanup<'a> {
    live: &'a Live,
    rt: &'a tokio::runtime::Runtime,
    client: Client,
    model: String,
    service: String,
    service_id: Option<String>,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let _ = self.live.bai(&["service", "rm", &self.service]);
        let _ = self.live.bai(&["model", "rm", &self.model]);
        let client = &self.client;
        let id = self.service_id.clone();
        self.rt.block_on(async {
            if let Some(id) = id {
                for _ in 0..60 {
                    let stage = client
                        .services()
                        .detail(&id, &["lifecycle_stage"])
                        .await
                        .ok()
                        .flatten()
                        .and_then(|e| e.extra.get("lifecycle_stage").cloned());
                    match stage.as_ref().and_then(Value::as_str) {
                        Some(s) if !s.eq_ignore_ascii_case("destroyed") => {
                            tokio::time::sleep(Duration::from_millis(500)).await
                        }
                        _ => break,
                    }
                }
            }
            close_scaling_group(client, SGROUP).await;
        });
    }
}

#[test]
fn model_and_service_commands() {
    let Some(l) = Live::from_env() else { return };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let proxy = start_proxy(&rt);
    let client = sdk_client(&l);
    rt.block_on(open_scaling_group(
        &client,
        SGROUP,
        &proxy,
        PROXY_TOKEN,
        "live tests of bai service: no agents, a stand-in app proxy",
    ));
    let tag = suffix();
    let model = format!("cli-model-{tag}");
    let service = format!("cli-svc-{tag}");
    let mut cleanup = Cleanup {
        live: &l,
        rt: &rt,
        client: sdk_client(&l),
        model: model.clone(),
        service: service.clone(),
        service_id: None,
    };

    // --- model ---------------------------------------------------------------------------
    let created = l.json(&["model", "create", &model]);
    assert_eq!(created["name"], json!(model));
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().to_str().unwrap();
    std::fs::write(
        dir.path().join("model-definition.yaml"),
        "models:\n  - name: live\n    model_path: /models\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("weights.bin"), b"cli weights\n").unwrap();
    l.ok(&[
        "vfolder",
        "upload",
        &model,
        "model-definition.yaml",
        "-b",
        base,
    ]);
    let up = l.json(&["model", "upload", &model, "weights.bin", "1", "-b", base]);
    assert_eq!(up["files"][0]["remote"], json!("versions/1/weights.bin"));
    let info = l.json(&["model", "info", &model]);
    assert_eq!(info["versions"], json!(["1"]));
    assert_eq!(info["usage_mode"], json!("model"));
    let table = l.ok(&["model", "info", &model]);
    assert!(table.stdout.contains(&model), "{}", table.stdout);
    let back = dir.path().join("back");
    let back_s = back.to_str().unwrap();
    l.ok(&[
        "model",
        "download",
        &model,
        "weights.bin",
        "1",
        "-b",
        back_s,
    ]);
    assert_eq!(
        std::fs::read(back.join("weights.bin")).unwrap(),
        b"cli weights\n"
    );
    let filter = format!("name == \"{model}\"");
    let listed = l.json(&["model", "list", "--filter", &filter]);
    assert_eq!(listed["total_count"], json!(1), "{listed}");
    assert_eq!(listed["items"][0]["name"], json!(model));

    // --- service -------------------------------------------------------------------------
    let image = std::env::var("BAI_TEST_IMAGE")
        .unwrap_or_else(|_| "index.docker.io/bai-kernel/python:3.11-bookworm".into());
    let created = l.json(&[
        "service",
        "create",
        &image,
        &model,
        "0",
        "-t",
        &service,
        "--scaling-group",
        SGROUP,
    ]);
    let id = created["endpoint_id"].as_str().unwrap().to_owned();
    cleanup.service_id = Some(id.clone());
    assert_eq!(created["name"], json!(service));

    // The 23.09.10 manager ignores --filter/--order of `service list` (its code is commented
    // out) and lists the newest first: ours is on the first page.
    let has = |listed: &Value| {
        listed["items"]
            .as_array()
            .is_some_and(|items| items.iter().any(|i| i["endpoint_id"] == json!(id)))
    };
    let listed = l.json(&["service", "list", "--limit", "100"]);
    assert!(has(&listed), "{listed}");
    let table = l.ok(&["service", "list", "--limit", "100"]);
    assert!(table.stdout.contains(&service), "{}", table.stdout);

    let info = l.json(&["service", "info", &service]);
    assert_eq!(
        (&info["endpoint_id"], &info["name"]),
        (&json!(id), &json!(service))
    );
    let by_id = l.ok(&["service", "info", &id]);
    assert!(by_id.stdout.contains(&service), "{}", by_id.stdout);

    // Never above 0: without agents a route would stay provisioning for good, and the
    // 23.09.10 manager could then never finish destroying the service.
    let scaled = l.json(&["service", "scale", &service, "0"]);
    assert_eq!(scaled["result"]["target_count"], json!(0), "{scaled}");
    let refused = l.bai(&["service", "scale", &service, "--", "-1"]);
    assert_ne!(refused.code, 0, "{}", refused.stderr);
    assert!(refused.stderr.contains("negative"), "{}", refused.stderr);

    let token = l.ok(&["-q", "service", "generate-token", &service, "1h"]);
    assert_eq!(token.stdout.trim(), format!("cli-token-{id}"));
    assert!(
        token.stderr.is_empty(),
        "-q hides the status: {}",
        token.stderr
    );

    l.ok(&["service", "sync", &service]);
    let url = l.ok(&["service", "get-endpoint", &service]);
    assert_eq!(url.stdout.trim(), format!("http://127.0.0.1:9/ep/{id}"));

    // Routes that do not exist: the manager's 404, exit 1 (the Python RATIO of
    // downscale-route is accepted and ignored).
    let route = "11111111-2222-3333-4444-555555555555";
    for args in [
        vec!["service", "update-traffic-ratio", &service, route, "0.5"],
        vec!["service", "downscale-route", &service, route, "0.5"],
    ] {
        let out = l.bai(&args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("404"), "{args:?}: {}", out.stderr);
    }

    let rm = l.json(&["service", "rm", &service]);
    assert_eq!(rm["endpoint_id"], json!(id));
    let listed = l.json(&["service", "list", "--limit", "100"]);
    assert!(!has(&listed), "{listed}");
    let gone = l.bai(&["service", "info", &service]);
    assert_eq!(gone.code, 1, "{}", gone.stderr);
    assert!(gone.stderr.contains("not found"), "{}", gone.stderr);

    l.ok(&["model", "rm", &model]);

    // An empty list is a result, not a failure (the Python CLI: NoItems traceback, exit 1).
    let none = format!("name == \"{model}-none\"");
    let empty = l.json(&["model", "list", "--filter", &none]);
    assert_eq!((&empty["count"], &empty["items"]), (&json!(0), &json!([])));
    let empty = l.ok(&["model", "list", "--filter", &none]);
    assert!(empty.stdout.is_empty(), "{}", empty.stdout);
}
