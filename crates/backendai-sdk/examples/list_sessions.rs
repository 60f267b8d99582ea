//! Lists your compute sessions (GraphQL through the low-level API).
//!
//! ```sh
//! source /tmp/bai-realstack/env.sh   # or set BACKEND_ENDPOINT / BACKEND_ACCESS_KEY / BACKEND_SECRET_KEY
//! cargo run -p backendai-sdk --example list_sessions [STATUS]
//! ```

use backendai_core::config::{resolve, Overrides};
use backendai_sdk::{ApiRequest, Client};
use serde_json::{json, Value};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = resolve(None, |k| std::env::var(k).ok(), &Overrides::default())?.config;
    let client = Client::new(config)?;
    let server = client.server_info().await?;
    eprintln!(
        "server {} (manager {}, API {})",
        server.endpoint,
        server.manager_version.as_deref().unwrap_or("?"),
        server.api_version
    );

    let status = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "RUNNING".to_owned());
    let query = "query($limit: Int!, $offset: Int!, $status: String) {
        compute_session_list(limit: $limit, offset: $offset, status: $status) {
            items { id name status image created_at } total_count } }";
    let answer: Value = client
        .json(ApiRequest::post("/admin/gql").json(json!({
            "query": query,
            "variables": {"limit": 100, "offset": 0, "status": status},
        })))
        .await?;
    // 23.09 wraps the result in {"data": ...}; older managers answer it bare.
    let list = answer.get("data").unwrap_or(&answer)["compute_session_list"].clone();
    println!("{:<38} {:<24} {:<12} IMAGE", "ID", "NAME", "STATUS");
    for s in list["items"].as_array().into_iter().flatten() {
        println!(
            "{:<38} {:<24} {:<12} {}",
            s["id"].as_str().unwrap_or("-"),
            s["name"].as_str().unwrap_or("-"),
            s["status"].as_str().unwrap_or("-"),
            s["image"].as_str().unwrap_or("-"),
        );
    }
    eprintln!("{} session(s) with status {status}", list["total_count"]);
    Ok(())
}
