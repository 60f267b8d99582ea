//! The live serving fixture shared by the SDK's and the CLI's `live_serving.rs` (the CLI's
//! includes this file by path): the 23.09 stack has no app proxy and no scaling group for
//! inference sessions, so each test points a scaling group of its own at a stand-in app
//! proxy on loopback, and clears it again at the end.
#![allow(dead_code)]

use backendai_core::dto::{ScalingGroupCreate, ScalingGroupUpdate};
use backendai_sdk::Client;
use serde_json::{json, Value};

/// What the stand-in app proxy answers a `POST` (`post`) or other request for `path`:
/// endpoint registration (`/v2/endpoints/{id}`) a URL, a token request
/// (`/v2/endpoints/{id}/token`) `{token_prefix}{id}`, anything else `{}`.
pub fn proxy_answer_body(post: bool, path: &str, token_prefix: &str) -> Value {
    let id = path
        .strip_prefix("/v2/endpoints/")
        .map(|rest| rest.trim_end_matches("/token").to_owned())
        .unwrap_or_default();
    match (post, path.ends_with("/token")) {
        (true, true) => json!({ "token": format!("{token_prefix}{id}") }),
        (true, false) => json!({ "endpoint": format!("http://127.0.0.1:9/ep/{id}") }),
        _ => json!({}),
    }
}

/// Points scaling group `name` (created on first use, inference sessions only, no agents)
/// at the app proxy `proxy` with `token`, and lets the default domain use it.
pub async fn open_scaling_group(
    client: &Client,
    name: &str,
    proxy: &str,
    token: &str,
    description: &str,
) {
    let sg = client.scaling_groups();
    let exists = sg.detail(name).await.unwrap().is_some();
    if exists {
        let update = ScalingGroupUpdate {
            is_active: Some(true),
            wsproxy_addr: Some(Some(proxy.to_owned())),
            wsproxy_api_token: Some(Some(token.to_owned())),
            ..ScalingGroupUpdate::default()
        };
        sg.update(name, &update).await.unwrap().check().unwrap();
    } else {
        let mut create = ScalingGroupCreate::new("static", "fifo");
        create.description = description.into();
        create.scheduler_opts = Some(json!({ "allowed_session_types": ["inference"] }));
        create.wsproxy_addr = Some(proxy.to_owned());
        create.wsproxy_api_token = Some(token.to_owned());
        sg.create(name, &create).await.unwrap().check().unwrap();
    }
    // Already associated (an interrupted run) answers ok=false: fine.
    let _ = sg.associate_domain(name, "default").await;
}

/// Undoes [`open_scaling_group`] as far as the manager allows: the group stays (the
/// manager's service rows pin it), dissociated from the domain and without a proxy address.
pub async fn close_scaling_group(client: &Client, name: &str) {
    let sg = client.scaling_groups();
    let _ = sg.dissociate_domain(name, "default").await;
    let update = ScalingGroupUpdate {
        wsproxy_addr: Some(None),
        wsproxy_api_token: Some(None),
        ..ScalingGroupUpdate::default()
    };
    if let Err(e) = sg.update(name, &update).await {
        println!("live: clearing {name} failed: {e}");
    }
}
