//! Request-signing throughput (`cargo bench -p backendai-core --bench sign`).
//!
//! A small self-timed harness (no criterion/divan build cost): warms up, then runs batches of
//! `sign()` for about `BENCH_SECS` seconds (default 1.0) and prints one machine-readable line
//! per case and round (`BENCH_ROUNDS`, default 1),
//! `bench <name> ops_per_sec=<N> ns_per_op=<F> iters=<N>`, which `cargo xtask bench` parses.

use std::hint::black_box;
use std::time::{Duration, Instant};

use backendai_core::auth::{sign, HashType, SignDate, SignInput};

fn measure(name: &str, budget: Duration, mut f: impl FnMut()) {
    // Warm-up and batch sizing: grow the batch until one batch takes >= 10 ms.
    let mut batch: u64 = 16;
    loop {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        if t.elapsed() >= Duration::from_millis(10) || batch >= 1 << 24 {
            break;
        }
        batch *= 2;
    }
    let start = Instant::now();
    let mut iters: u64 = 0;
    while start.elapsed() < budget {
        for _ in 0..batch {
            f();
        }
        iters += batch;
    }
    let secs = start.elapsed().as_secs_f64();
    let ops = iters as f64 / secs;
    println!(
        "bench {name} ops_per_sec={ops:.0} ns_per_op={:.1} iters={iters}",
        1e9 / ops
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing useful. Either way,
    // a short budget keeps `cargo test --all-targets` quick.
    let secs = std::env::var("BENCH_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(if std::env::args().any(|a| a == "--bench") {
            1.0
        } else {
            0.05
        });
    let budget = Duration::from_secs_f64(secs);
    let date = match SignDate::parse_isoformat("2024-05-01T09:30:00.123456+00:00") {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bench: bad date: {e}");
            std::process::exit(1);
        }
    };
    let input = SignInput {
        method: "GET",
        rel_url: "/folders?group_id=8e32dd28-d319-4e3c-8d3b-0ed2e4f1bd47",
        host: "127.0.0.1:8081",
        date: &date,
        content_type: "application/json",
        api_version: "v7.20230615",
        access_key: "AKIAIOSFODNN7EXAMPLE",
        secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        hash_type: HashType::Sha256,
        body: b"",
    };
    let rounds = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(1);
    for _ in 0..rounds.max(1) {
        measure("sign_sha256", budget, || {
            black_box(sign(black_box(&input)));
        });
    }
}
