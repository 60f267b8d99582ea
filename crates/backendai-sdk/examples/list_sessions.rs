//! Lists your compute sessions with the typed sessions group.
//!
//! ```sh
//! source /tmp/bai-realstack/env.sh   # or set BACKEND_ENDPOINT / BACKEND_ACCESS_KEY / BACKEND_SECRET_KEY
//! cargo run -p backendai-sdk --example list_sessions [STATUS]
//! ```

use backendai_sdk::groups::session::ListParams;
use backendai_sdk::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::try_default()?;
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
    let params = ListParams {
        status: Some(status.clone()),
        limit: 100,
        fields: ["id", "name", "status", "image", "created_at"]
            .map(String::from)
            .to_vec(),
        ..ListParams::default()
    };
    let page = client.sessions().list(&params).await?;
    println!("{:<38} {:<24} {:<12} IMAGE", "ID", "NAME", "STATUS");
    let text = |s: &serde_json::Value, key: &str| s[key].as_str().unwrap_or("-").to_owned();
    for s in &page.items {
        println!(
            "{:<38} {:<24} {:<12} {}",
            text(s, "id"),
            text(s, "name"),
            text(s, "status"),
            text(s, "image"),
        );
    }
    eprintln!("{} session(s) with status {status}", page.total_count);
    Ok(())
}
