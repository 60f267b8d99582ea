//! Signature check tool: reads a JSON file shaped like `signing_vectors.json`
//! (`{"vectors":[{"id":..,"input":{..}}]}`) and prints `<id> <Authorization>` per case,
//! or `<id> error: <message>`.
//!
//! `cargo run -q -p backendai-core --example sign -- FILE`

use std::io::Write;
use std::process::ExitCode;

use backendai_core::auth::{sign, signing_host, HashType, SignDate, SignInput};
use serde_json::Value;

fn authorization(input: &Value) -> Result<String, String> {
    let field = |name: &str| -> Result<&str, String> {
        input
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("missing string field {name:?}"))
    };
    let optional = |name: &str, default: &'static str| -> String {
        input
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or(default)
            .to_owned()
    };
    let hash_type: HashType = optional("hash_type", "sha256")
        .parse()
        .map_err(|e| format!("{e}"))?;
    let date = SignDate::parse_isoformat(field("date_isoformat")?).map_err(|e| e.to_string())?;
    let host = signing_host(field("endpoint")?).map_err(|e| e.to_string())?;
    let body = optional("body_utf8", "");
    let content_type = optional("content_type", "text/plain");
    let signed = sign(&SignInput {
        method: field("method")?,
        rel_url: field("rel_url")?,
        host: &host,
        date: &date,
        content_type: &content_type,
        api_version: field("api_version")?,
        access_key: field("access_key")?,
        secret_key: &optional("secret_key", ""),
        hash_type,
        body: body.as_bytes(),
    });
    Ok(signed.authorization)
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: sign FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let doc: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {path} is not JSON: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(cases) = doc.get("vectors").and_then(Value::as_array) else {
        eprintln!("error: {path} has no \"vectors\" array");
        return ExitCode::from(2);
    };
    let mut out = std::io::stdout().lock();
    for (index, case) in cases.iter().enumerate() {
        let id = case
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("#{index}"));
        let line = match case
            .get("input")
            .ok_or("missing \"input\"".to_owned())
            .and_then(authorization)
        {
            Ok(auth) => format!("{id} {auth}"),
            Err(e) => format!("{id} error: {e}"),
        };
        // A closed pipe (`| head`) ends the output quietly.
        if writeln!(out, "{line}").is_err() {
            return ExitCode::SUCCESS;
        }
    }
    ExitCode::SUCCESS
}
