//! Follows session lifecycle events over SSE (reconnecting; stops on Ctrl-C).
//!
//! ```sh
//! cargo run -p backendai-sdk --example follow_events [SESSION_NAME]   # default: all sessions
//! ```

use backendai_core::config::{resolve, Overrides};
use backendai_sdk::{ApiRequest, Client};
use futures_util::StreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = resolve(None, |k| std::env::var(k).ok(), &Overrides::default())?.config;
    let client = Client::new(config)?;
    let session = std::env::args().nth(1).unwrap_or_else(|| "*".to_owned());
    let request = ApiRequest::get("/events/session")
        .query("sessionName", session.clone())
        .query("scope", "*");
    let mut events = std::pin::pin!(client.sse(request));
    eprintln!("following events of {session} (Ctrl-C to stop)");
    loop {
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => {
                    let data: serde_json::Value = serde_json::from_str(&ev.data).unwrap_or_default();
                    println!("{} {} {}", ev.event, data["sessionName"].as_str().unwrap_or(""), data["reason"].as_str().unwrap_or(""));
                }
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            _ = tokio::signal::ctrl_c() => return Ok(()),
        }
    }
}
