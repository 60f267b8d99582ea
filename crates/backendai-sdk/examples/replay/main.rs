//! The conformance runner: rebuilds every call of a capture of the Python client with this
//! SDK and prints one JSON line per call, so the two can be compared line by line.
//!
//! ```sh
//! cargo run -q -p backendai-sdk --example replay -- tests/fixtures/captures/api_trace_23.09.10.json
//! ```
//!
//! The capture gives the Python-level call (`class`, `method`, `args`, `kwargs`), the
//! endpoint, the keypair, the fixed signing date and the negotiated API version; each call is
//! built with the SDK's typed builders (see `conformance/table.rs`, the one mapping from
//! Python names to the SDK) at that version and date. Output, in call order:
//!
//! ```text
//! {"index": i, "class": C, "method": M, "requests": [{"method", "raw_path", "headers", "body"}]}
//! {"index": i, "class": C, "method": M, "unsupported": "why"}
//! ```
//!
//! Exit status: 0, or 2 when the trace cannot be read.

mod conformance;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: replay TRACE.json");
        return ExitCode::from(2);
    };
    let trace = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| conformance::Trace::parse(&text))
    {
        Ok(t) => t,
        Err(e) => {
            eprintln!("replay: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    for line in trace.run() {
        if writeln!(out, "{}", line.to_json()).is_err() {
            break; // closed pipe: stop quietly
        }
    }
    ExitCode::SUCCESS
}
