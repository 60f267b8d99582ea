//! Model serving against the live 23.09 stack: a model folder (usage mode `model`, with a
//! `model-definition.yaml` and a version `1`), a service created from it, then list, info,
//! detail, scale, token, sync, route calls and delete against the real manager.
//!
//! The stack has no app proxy (wsproxy) and no scaling group that allows inference
//! sessions, and the manager refuses services without both. So the test serves a small
//! stand-in app proxy on loopback and points a scaling group of its own at it
//! ([`SGROUP`]: inference sessions only, no agents, so no other session is ever scheduled
//! there and routes never become healthy). That group is kept between runs: the manager keeps
//! every service's row forever and the rows pin their scaling group; each run dissociates it
//! from the domain again and clears its app-proxy address. Everything else the test creates
//! (the service, the model folder) is removed by a guard, even on failure.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backendai_core::error::ErrorKind;
use backendai_sdk::groups::model::CreateModel;
use backendai_sdk::groups::service::{CreateService, ServiceListOptions, DETAIL_FIELDS};
use backendai_sdk::groups::vfolder::UploadItem;
use backendai_sdk::transfer::TransferOptions;
use backendai_sdk::Client;
use bytes::Bytes;
use futures_util::FutureExt;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use serde_json::{json, Value};

mod common;
#[path = "support/serving_group.rs"]
mod serving_group;
use common::{live, unique};
use serving_group::{close_scaling_group, open_scaling_group, proxy_answer_body};

/// The scaling group the services of this test run in (see the module doc).
const SGROUP: &str = "bai-live-serving-sdk";
/// The token the stand-in app proxy expects from the manager.
const PROXY_TOKEN: &str = "live-serving-proxy-token";
/// The description [`SGROUP`] is created with.
const SGROUP_DESCRIPTION: &str = "live tests of model services: no agents, a stand-in app proxy";

/// What the stand-in app proxy saw: `METHOD path` and the manager's `X-BackendAI-Token`.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

/// The stand-in app proxy: `/status`, endpoint registration (`POST /v2/endpoints/{id}`
/// answers a URL), tokens (`POST /v2/endpoints/{id}/token`) and endpoint removal.
async fn app_proxy(seen: Seen) -> String {
    let addr = common::serve(move |req: Request<Incoming>| {
        let seen = seen.clone();
        async move {
            let method = req.method().to_string();
            let path = req.uri().path().to_owned();
            let token = req
                .headers()
                .get("X-BackendAI-Token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let _ = req.into_body().collect().await;
            seen.lock()
                .unwrap()
                .push((format!("{method} {path}"), token));
            let body = proxy_answer_body(method == "POST", &path, "live-token-");
            Ok::<_, std::io::Error>(
                Response::builder()
                    .header("Content-Type", "application/json")
                    .body(Full::new(Bytes::from(body.to_string())))
                    .unwrap(),
            )
        }
    })
    .await;
    format!("http://{addr}")
}

/// Waits until the manager has finished destroying a deleted service (its routes' sessions
/// are cancelled and the app proxy told), so the stand-in proxy is still there for it.
async fn wait_destroyed(client: &Client, id: &str) {
    for _ in 0..60 {
        let d = client
            .services()
            .detail(id, &["endpoint_id", "lifecycle_stage"])
            .await;
        match d {
            Ok(Some(e)) if is_destroyed(&e.extra) => return,
            Ok(None) | Err(_) => return,
            _ => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
    println!("live: service {id} is still being destroyed");
}

/// The 23.09 manager spells the stage `DESTROYED` in GraphQL and `destroyed` elsewhere.
fn is_destroyed(node: &serde_json::Map<String, Value>) -> bool {
    node.get("lifecycle_stage")
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("destroyed"))
}

/// Removes what the test created, whatever happened.
async fn cleanup(client: &Client, services: &Mutex<Vec<String>>, model: &str) {
    let ids: Vec<String> = services.lock().unwrap().clone();
    for id in ids {
        match client.services().delete(&id).await {
            Ok(_) => println!("live: deleted service {id}"),
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => println!("live: cleanup of service {id} failed: {e}"),
        }
        wait_destroyed(client, &id).await;
    }
    match client.models().delete(model).await {
        Ok(()) => println!("live: deleted model {model}"),
        Err(e) => println!("live: cleanup of model {model} failed: {e}"),
    }
    close_scaling_group(client, SGROUP).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn model_and_service_lifecycle() {
    let Some(cfg) = live() else { return };
    let client = Client::new(cfg).unwrap();
    let seen: Seen = Arc::default();
    let proxy = app_proxy(seen.clone()).await;
    let model = unique("rs-model");
    let name = unique("rs-svc");
    let created_services = Mutex::new(Vec::<String>::new());
    let work = tempfile::tempdir().unwrap();

    let outcome = std::panic::AssertUnwindSafe(async {
        open_scaling_group(&client, SGROUP, &proxy, PROXY_TOKEN, SGROUP_DESCRIPTION).await;

        // --- the model folder --------------------------------------------------------------
        let folder = client
            .models()
            .create(&CreateModel::new(&model))
            .await
            .unwrap();
        assert_eq!(folder.name, model);
        let info = client.models().info(&model).await.unwrap();
        assert!(info.versions.is_empty(), "{info:?}");
        assert_eq!(info.extra["usage_mode"], json!("model"));

        let definition = work.path().join("model-definition.yaml");
        std::fs::write(
            &definition,
            "models:\n  - name: live\n    model_path: /models\n",
        )
        .unwrap();
        let weights = b"live weights\n";
        std::fs::write(work.path().join("weights.bin"), weights).unwrap();
        let opts = TransferOptions::default();
        let item = UploadItem {
            local: definition,
            remote: "model-definition.yaml".into(),
        };
        client
            .vfolders()
            .upload_files(&model, &[item], &opts)
            .await
            .unwrap();
        let up = client
            .models()
            .upload(&model, "1", work.path(), &["weights.bin".into()], &opts)
            .await
            .unwrap();
        assert_eq!(up[0].remote, "versions/1/weights.bin");
        assert_eq!(client.models().info(&model).await.unwrap().versions, ["1"]);
        let back = work.path().join("back");
        let down = client
            .models()
            .download(&model, "1", &back, &["weights.bin".into()], &opts)
            .await
            .unwrap();
        assert_eq!(down[0].bytes, weights.len() as u64);
        assert_eq!(std::fs::read(back.join("weights.bin")).unwrap(), weights);

        let filter = format!("name == \"{model}\"");
        let page = client
            .models()
            .paginated_list(Some(&filter), None, &["id", "name", "usage_mode"], 0, 20)
            .await
            .unwrap();
        assert_eq!(page.total_count, 1, "{page:?}");
        assert_eq!(page.items[0].name.as_deref(), Some(model.as_str()));
        let all = client.models().list().await.unwrap();
        assert!(all
            .iter()
            .any(|m| m.name.as_deref() == Some(model.as_str())));

        // --- the service ---------------------------------------------------------------------
        let image = std::env::var("BAI_TEST_IMAGE")
            .unwrap_or_else(|_| "index.docker.io/bai-kernel/python:3.11-bookworm".into());
        let mut params = CreateService::new(&image, &model, 0);
        params.service_name = Some(name.clone());
        params.model_mount_destination = Some("/models".into());
        params.domain_name = Some("default".into());
        params.group_name = Some("default".into());
        params.scaling_group = Some(SGROUP.into());
        // As the CLI sends them: with `null` resources the 23.09.10 manager cannot render
        // the service in GraphQL once it has a route ('NoneType' has no 'to_json').
        params.resources = Some(json!({}));
        let created = client.services().create(&params).await.unwrap();
        created_services
            .lock()
            .unwrap()
            .push(created.endpoint_id.clone());
        let id = created.endpoint_id.clone();
        assert_eq!(created.name, name);
        println!("live: created service {name} ({id})");

        // The same name again is refused by the manager.
        let dup = client.services().create(&params).await.unwrap_err();
        assert_eq!(dup.kind(), ErrorKind::InvalidArgument, "{dup}");

        let listed = client.services().list(Some(&name)).await.unwrap();
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(listed[0].id, id);
        assert_eq!(client.services().resolve(&name).await.unwrap(), id);
        let missing = client
            .services()
            .resolve(&unique("no-svc"))
            .await
            .unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::NotFound);

        let info = client.services().info(&id).await.unwrap();
        assert_eq!(
            (info.name.as_str(), info.desired_session_count),
            (name.as_str(), 0)
        );
        assert!(info.active_routes.is_empty());

        let detail = client
            .services()
            .detail(&id, DETAIL_FIELDS)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(detail.name.as_deref(), Some(name.as_str()));
        assert_eq!(detail.open_to_public, Some(false));

        // The 23.09.10 manager ignores `filter` and `order` of `endpoint_list` (that code is
        // commented out) and lists the newest services first: ours is on the first page.
        let page = client
            .services()
            .paginated_list(&ServiceListOptions::default(), DETAIL_FIELDS, 0, 100)
            .await
            .unwrap();
        let ours = page
            .items
            .iter()
            .find(|e| e.endpoint_id.as_deref() == Some(id.as_str()));
        assert_eq!(
            ours.and_then(|e| e.name.as_deref()),
            Some(name.as_str()),
            "{page:?}"
        );

        // --- scale, token, sync, routes ------------------------------------------------------
        let scaled = client.services().scale(&id, 1).await.unwrap();
        assert_eq!(scaled.target_count, 1);
        let d = client
            .services()
            .detail(&id, DETAIL_FIELDS)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(d.desired_session_count, Some(1));
        let scaled = client.services().scale(&id, 0).await.unwrap();
        assert_eq!(scaled.target_count, 0);

        let token = client
            .services()
            .generate_api_token(&id, "1h")
            .await
            .unwrap();
        assert_eq!(token.token, format!("live-token-{id}"));
        let bad = client
            .services()
            .generate_api_token(&id, "soon")
            .await
            .unwrap_err();
        assert_eq!(bad.kind(), ErrorKind::InvalidArgument, "{bad}");

        assert!(client.services().sync(&id).await.unwrap().success);
        let url = client.services().get_endpoint(&id).await.unwrap();
        assert_eq!(
            url.as_deref(),
            Some(format!("http://127.0.0.1:9/ep/{id}").as_str())
        );

        let seen_now: HashMap<String, String> = seen.lock().unwrap().iter().cloned().collect();
        assert_eq!(
            seen_now
                .get(&format!("POST /v2/endpoints/{id}/token"))
                .map(String::as_str),
            Some(PROXY_TOKEN),
            "the manager asked the app proxy for the token: {seen_now:?}"
        );

        let no_route = uuid::Uuid::new_v4().to_string();
        let e = client
            .services()
            .update_traffic_ratio(&id, &no_route, 0.5)
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound, "{e}");
        let e = client
            .services()
            .downscale_single_route(&id, &no_route)
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound, "{e}");

        // --- delete --------------------------------------------------------------------------
        assert!(client.services().delete(&id).await.unwrap().success);
        assert!(client
            .services()
            .list(Some(&name))
            .await
            .unwrap()
            .is_empty());
        wait_destroyed(&client, &id).await;
        created_services.lock().unwrap().clear();
    })
    .catch_unwind()
    .await;
    cleanup(&client, &created_services, &model).await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
