//! A stand-in manager app proxy for benchmarks and manual tests: verifies signatures like
//! the real manager and relays `/stream/session/<any>/tcpproxy?app=<name>` to local targets.
//!
//! `cargo run --release -p backendai-appproxy --example test_manager -- 127.0.0.1:0 echo=127.0.0.1:9000 [echo-builtin]`
//! Prints `listening on <addr>` and, with `echo-builtin`, `echo on <addr>` (an app named `echo`).

#[path = "../tests/support/manager.rs"]
mod manager;

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let bind = args.next().unwrap_or_else(|| "127.0.0.1:0".into());
    let mut config = manager::ManagerConfig::with_default_key();
    for arg in args {
        if arg == "echo-builtin" {
            let echo = manager::echo_server().await;
            println!("echo on {echo}");
            config = config.app("echo", echo);
        } else if let Some((name, addr)) = arg.split_once('=') {
            match addr.parse() {
                Ok(addr) => config = config.app(name, addr),
                Err(e) => {
                    eprintln!("error: bad target {arg:?}: {e}");
                    return ExitCode::from(2);
                }
            }
        } else {
            eprintln!("error: expected NAME=HOST:PORT or echo-builtin, got {arg:?}");
            return ExitCode::from(2);
        }
    }
    let running = manager::start_on(&bind, config).await;
    println!("listening on {}", running.addr);
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}
