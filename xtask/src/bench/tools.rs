//! Hand-run tools for profiling a proxy: `cargo xtask load` and `cargo xtask forward`.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::load;
use super::paired::ms;
use super::sys::raise_nofile;

/// `cargo xtask load ADDR [bulk MIB|latency N|conc N]...`: runs the given load scenarios (default
/// `bulk 256`) against `ADDR` and prints one line each.
pub fn load_cli(args: &[String]) -> Result<()> {
    let addr: SocketAddr = args
        .first()
        .context("usage: cargo xtask load ADDR [bulk MIB|latency N|conc N]...")?
        .parse()
        .context("ADDR must be HOST:PORT")?;
    let mut scenarios: Vec<(String, u64)> = Vec::new();
    let mut rest = args[1..].iter();
    while let Some(kind) = rest.next() {
        let n: u64 = rest
            .next()
            .with_context(|| format!("{kind} needs a number"))?
            .parse()
            .with_context(|| format!("{kind} needs a number"))?;
        scenarios.push((kind.clone(), n));
    }
    if scenarios.is_empty() {
        scenarios.push(("bulk".into(), 256));
    }
    raise_nofile();
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        for (kind, n) in scenarios {
            match kind.as_str() {
                "bulk" => {
                    let d = load::bulk(addr, n << 20).await?;
                    println!("bulk {n} MiB: {:.1} MiB/s", n as f64 / d.as_secs_f64());
                }
                "latency" => {
                    let lat = load::latency(addr, n as usize, 64).await?;
                    println!(
                        "latency {n} x 64 B: p50 {:.1} us, p99 {:.1} us",
                        load::quantile_us(&lat, 0.5),
                        load::quantile_us(&lat, 0.99)
                    );
                }
                "conc" => {
                    let (d, failed) =
                        load::concurrent(addr, n as usize, Duration::from_secs(60)).await?;
                    println!("{n} concurrent: {:.1} ms, {failed} failed", ms(d));
                }
                other => bail!("unknown scenario {other:?} (bulk, latency, conc)"),
            }
        }
        Ok(())
    })
}

/// `cargo xtask forward LISTEN TARGET`: a plain TCP forwarder (see [`load::forward`]).
pub fn forward_cli(args: &[String]) -> Result<()> {
    let [listen, target] = args else {
        bail!("usage: cargo xtask forward LISTEN TARGET");
    };
    let target: SocketAddr = target.parse().context("TARGET must be HOST:PORT")?;
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen.as_str()).await?;
        eprintln!("forwarding {} -> {target}", listener.local_addr()?);
        load::forward(listener, target).await
    })
}
