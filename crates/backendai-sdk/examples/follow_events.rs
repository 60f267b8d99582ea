//! Follows session lifecycle events over SSE (reconnecting; stops on Ctrl-C or when the
//! server closes the stream).
//!
//! ```sh
//! cargo run -p backendai-sdk --example follow_events [SESSION_NAME]   # default: all sessions
//! ```

use backendai_sdk::groups::session::EventScope;
use backendai_sdk::Client;
use futures_util::StreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::try_default()?;
    let name = std::env::args().nth(1).unwrap_or_else(|| "*".to_owned());
    let session = client.sessions().session(name.as_str());
    let mut events = std::pin::pin!(session.events(EventScope::All).await?);
    eprintln!("following events of {name} (Ctrl-C to stop)");
    loop {
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => println!(
                    "{} {} {}",
                    ev.name,
                    ev.data.session_name.as_deref().unwrap_or(""),
                    ev.data.reason.as_deref().unwrap_or(""),
                ),
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            _ = tokio::signal::ctrl_c() => return Ok(()),
        }
    }
}
