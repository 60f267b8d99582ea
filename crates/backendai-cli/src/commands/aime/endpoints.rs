//! `bai aime login` and `bai aime endpoints`: signing in to an endpoint and describing the
//! server's endpoints (SDK `aime::AimeClient`).

use backendai_sdk::aime::{AimeClient, EndpointInfo};
use clap::Args;
use serde_json::{json, Value};

use crate::output::Printer;

/// `bai aime login`
#[derive(Args, Debug)]
pub struct LoginArgs {
    /// Endpoint name (e.g. llama3_chat).
    pub endpoint: String,
    /// Print the client session key (usable as AIME_SESSION_KEY).
    #[arg(long)]
    pub show_session_key: bool,
}

/// `bai aime endpoints`
#[derive(Args, Debug)]
pub struct EndpointsArgs {
    /// Describe this endpoint instead of listing all.
    pub endpoint: Option<String>,
    /// Only endpoints the API key may use.
    #[arg(long)]
    pub mine: bool,
}

/// `aime login`.
pub async fn login(out: &Printer, client: &AimeClient, a: &LoginArgs) -> anyhow::Result<()> {
    let info = client.login(&a.endpoint).await?;
    let session = client.session_key(&a.endpoint);
    let server = client.config().server.clone();
    if out.json_mode() {
        let mut v =
            json!({"endpoint": info.endpoint, "ep_version": info.ep_version, "server": server});
        if a.show_session_key {
            v["client_session_auth_key"] = json!(session.as_ref().map(|s| s.expose()));
        }
        return Ok(out.json(&v)?);
    }
    let version = info
        .ep_version
        .map(|v| format!(" (endpoint version {v})"))
        .unwrap_or_default();
    out.line(format!(
        "Logged in to AIME endpoint `{}` at {server}{version}.",
        info.endpoint
    ))?;
    if a.show_session_key {
        if let Some(s) = session {
            out.line(format!("client_session_auth_key: {}", s.expose()))?;
        }
    }
    Ok(())
}

/// `aime endpoints`.
pub async fn endpoints(
    out: &Printer,
    client: &AimeClient,
    a: &EndpointsArgs,
) -> anyhow::Result<()> {
    if let Some(ep) = &a.endpoint {
        let info = client.endpoint_info(ep).await?;
        if out.json_mode() {
            return Ok(out.json(&info.raw)?);
        }
        return Ok(out.line(describe(&info))?);
    }
    let list = client.endpoints(a.mine).await?;
    if out.json_mode() {
        return Ok(out.json(&json!({"endpoints": list}))?);
    }
    for ep in list {
        out.line(&ep)?;
    }
    Ok(())
}

/// A human description of an endpoint.
fn describe(info: &EndpointInfo) -> String {
    let mut s = String::new();
    let title = info.title.as_deref().unwrap_or("");
    s.push_str(&format!("{}  {title}\n", info.name));
    if let Some(d) = &info.description {
        s.push_str(&format!("  {d}\n"));
    }
    if let Some(v) = info.version {
        s.push_str(&format!("  version: {v}\n"));
    }
    if let Some(n) = info.num_active_workers {
        s.push_str(&format!("  active workers: {n}\n"));
    }
    s.push_str("  inputs:\n");
    for (name, spec) in info.user_inputs() {
        s.push_str(&format!("    {name}: {}\n", spec_summary(spec)));
    }
    s.push_str("  outputs:\n");
    for (name, spec) in &info.outputs {
        s.push_str(&format!("    {name}: {}\n", spec_summary(spec)));
    }
    s.trim_end().to_owned()
}

fn spec_summary(spec: &Value) -> String {
    let mut parts = vec![spec
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_owned()];
    for k in ["default", "minimum", "maximum"] {
        if let Some(v) = spec.get(k) {
            parts.push(format!("{k}={v}"));
        }
    }
    if spec.get("required").and_then(Value::as_bool) == Some(true) {
        parts.push("required".into());
    }
    parts.join(" ")
}
