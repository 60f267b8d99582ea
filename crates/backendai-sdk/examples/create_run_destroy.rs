//! Creates a session, runs a line of code in it, and destroys it (low-level API).
//!
//! ```sh
//! cargo run -p backendai-sdk --example create_run_destroy [IMAGE]
//! ```
//! (With the realstack's dummy agent the code does not really run: the answer says
//! `not-implemented`.)

use std::time::Duration;

use backendai_core::config::{resolve, Overrides};
use backendai_sdk::{ApiRequest, Client};
use serde_json::{json, Value};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = resolve(None, |k| std::env::var(k).ok(), &Overrides::default())?.config;
    let (domain, group) = (config.domain.clone(), config.group.clone());
    let client = Client::new(config)?;
    let image = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "cr.backend.ai/stable/python:3.9-ubuntu20.04".to_owned());
    let name = format!(
        "example-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );

    let created: Value = client
        .json(ApiRequest::post("/session").json(json!({
            "name": name,
            "image": image,
            "type": "interactive",
            "domain": domain,
            "group": group,
            "clusterSize": 1,
            "clusterMode": "single-node",
            "enqueueOnly": false,
            "maxWaitSeconds": 30,
            "reuseIfExists": false,
            "config": {"resources": {"cpu": "1", "mem": "512m"}},
        })))
        .await?;
    println!("created {name}: {}", created["status"]);

    let result = run(&client, &name).await;
    // Always clean up, even if running failed.
    let destroyed = client
        .send(ApiRequest::delete(format!("/session/{name}")))
        .await;
    match destroyed {
        Ok(_) => println!("destroyed {name}"),
        Err(e) => eprintln!("could not destroy {name}: {e}"),
    }
    result
}

async fn run(client: &Client, name: &str) -> Result<(), Box<dyn std::error::Error>> {
    for _ in 0..60 {
        let info: Value = client
            .json(ApiRequest::get(format!("/session/{name}")))
            .await?;
        if info["status"] == "RUNNING" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let run_id = uuid::Uuid::new_v4().simple().to_string();
    let answer: Value = match client
        .json(ApiRequest::post(format!("/session/{name}")).json(json!({
            "mode": "query",
            "code": "print('hello from Rust')",
            "runId": run_id,
        })))
        .await
    {
        Ok(answer) => answer,
        Err(e) => {
            // One line a user can act on, e.g. "500 Internal Server Error: ..." from an
            // agent that cannot execute code.
            eprintln!("execution failed ({}): {e}", e.kind());
            return Ok(());
        }
    };
    let result = &answer["result"];
    println!("status: {}", result["status"]);
    for item in result["console"].as_array().into_iter().flatten() {
        println!("{}: {}", item[0].as_str().unwrap_or("?"), item[1]);
    }
    Ok(())
}
