//! Creates a session, runs a line of code in it, and destroys it (typed sessions group).
//!
//! ```sh
//! cargo run -p backendai-sdk --example create_run_destroy [IMAGE]
//! ```
//! (With the realstack's dummy agent the code does not really run: the answer says
//! `not-implemented`.)

use backendai_sdk::groups::session::{
    CreateParams, DestroyOptions, ExecMode, ExecResultExt, Session,
};
use backendai_sdk::Client;
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::try_default()?;
    let image = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "cr.backend.ai/stable/python:3.9-ubuntu20.04".to_owned());
    let name = format!(
        "example-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );

    let mut params = CreateParams::new(image);
    params.name = Some(name.clone());
    params.no_reuse = true;
    params.max_wait = 30;
    params.resources.insert("cpu".into(), json!("1"));
    params.resources.insert("mem".into(), json!("512m"));
    let created = client.sessions().get_or_create(params).await?;
    println!("created {name}: {:?}", created.status);

    let session = client.sessions().session(name.as_str());
    let result = run(&session).await;
    // Always clean up, even if running failed.
    match session.destroy(DestroyOptions::default()).await {
        Ok(_) => println!("destroyed {name}"),
        Err(e) => eprintln!("could not destroy {name}: {e}"),
    }
    result
}

async fn run(session: &Session<'_>) -> Result<(), Box<dyn std::error::Error>> {
    let run = session.execute("print('hello from Rust')", ExecMode::Query);
    let no_input = |_: &_| String::new();
    match run.run_to_end(|_| {}, no_input).await {
        Ok(result) => {
            println!("status: {:?}", result.status);
            print!("{}", result.console_text("stdout"));
            eprint!("{}", result.console_text("stderr"));
        }
        // One line a user can act on, e.g. "500 Internal Server Error: ..." from an agent
        // that cannot execute code.
        Err(e) => eprintln!("execution failed ({}): {e}", e.kind()),
    }
    Ok(())
}
