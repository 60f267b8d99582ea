//! `bai app`, `bai ssh`, `bai scp`: forward a session's service port to this machine
//! (spec/protocol.md §8), beside the SDK's `groups::session::apps` (app listing and the
//! app-proxy request). The relay itself lives in `backendai-appproxy`; this module parses
//! flags, prints the URL and runs ssh/scp through the stdio proxy.

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::process::Stdio;

use anyhow::{anyhow, Context as _};
use backendai_appproxy::{run_stdio, Relay, RelayOptions, SdkConnector};
use backendai_core::parse::AppArgs as ParsedAppArgs;
use backendai_sdk::groups::session::AppProxyOptions;
use tokio_util::sync::CancellationToken;

use crate::context::Context;
use crate::exit::{usage, with_status, ExitStatus};
use crate::output::fields::text;
use crate::output::{FieldSpec, Printer};

/// The columns of `bai app SESSION` (the session's apps).
pub const APP_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("protocol"),
    FieldSpec::new("ports").format(joined),
];

/// `[8080, 8081]` → `8080,8081`.
fn joined(v: &serde_json::Value) -> String {
    match v.as_array() {
        Some(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
        None => text(v),
    }
}

/// `bai app SESSION [APP]`.
#[derive(Debug, clap::Args)]
pub struct AppArgs {
    /// Session name (or id on 19.09 servers).
    pub session: String,
    /// The app (service) to forward: jupyter, ttyd, sshd, ... Omit to list the session's apps.
    pub app: Option<String>,
    /// Local [HOST:]PORT to listen on; `0` picks a free port, `[::1]:PORT` binds IPv6.
    #[arg(
        short = 'b',
        long,
        default_value = "127.0.0.1:8080",
        value_name = "[HOST:]PORT"
    )]
    pub bind: String,
    /// Additional argument when starting the service (repeatable), e.g. `--arg "--port 8080"`.
    #[arg(long = "arg", value_name = "ARG", allow_hyphen_values = true)]
    pub args: Vec<String>,
    /// Additional environment variable when starting the service (repeatable), `K=V`.
    #[arg(short = 'e', long = "env", value_name = "K=V")]
    pub envs: Vec<String>,
    /// 19.09 servers only: `http` (default there) or `tcp` proxy.
    #[arg(long, value_parser = ["http", "tcp"])]
    pub protocol: Option<String>,
    /// Relay a single connection over stdin/stdout instead of listening (ssh ProxyCommand).
    #[arg(long)]
    pub stdio: bool,
}

/// `bai ssh SESSION [SSH ARGS...]`.
#[derive(Debug, clap::Args)]
pub struct SshArgs {
    /// Session name.
    pub session: String,
    /// Accepted for compatibility with the Python CLI; no local port is opened (ssh talks to
    /// the session through `bai app --stdio`).
    #[arg(short = 'p', long, default_value_t = 9922)]
    pub port: u16,
    /// Extra arguments for ssh (a remote command, `-L` forwards, ...).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub ssh_args: Vec<String>,
}

/// `bai scp SESSION SRC DST`.
#[derive(Debug, clap::Args)]
pub struct ScpArgs {
    /// Session name.
    pub session: String,
    /// Source; remote paths are written `work@localhost:PATH`.
    pub src: String,
    /// Destination; remote paths are written `work@localhost:PATH`.
    pub dst: String,
    /// Copy directories recursively.
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Accepted for compatibility with the Python CLI; no local port is opened.
    #[arg(short = 'p', long, default_value_t = 9922)]
    pub port: u16,
}

/// Parses `-b`: `PORT`, `HOST:PORT`, `[V6]:PORT` (host defaults to 127.0.0.1).
pub fn parse_bind(bind: &str) -> anyhow::Result<(String, u16)> {
    let bad = || usage(format!("invalid --bind {bind:?}: expected [HOST:]PORT"));
    let (host, port) = if let Some(rest) = bind.strip_prefix('[') {
        let (host, port) = rest.split_once("]:").ok_or_else(bad)?;
        (host.to_owned(), port)
    } else {
        match bind.rsplit_once(':') {
            Some((host, port)) if !host.contains(':') => (host.to_owned(), port),
            Some(_) => return Err(bad()),
            None => ("127.0.0.1".to_owned(), bind),
        }
    };
    let port: u16 = port.parse().map_err(|_| bad())?;
    if host.is_empty() {
        return Err(bad());
    }
    Ok((host, port))
}

/// Runs `bai app`.
pub fn run_app(ctx: &Context, args: &AppArgs) -> anyhow::Result<()> {
    // Validate everything local before touching the network.
    let parsed = ParsedAppArgs::parse(&args.args, &args.envs)
        .map_err(|e| usage(format!("invalid --arg/--env: {e}")))?;
    let bind = if args.stdio || args.app.is_none() {
        None
    } else {
        Some(parse_bind(&args.bind)?)
    };
    let client = ctx.client()?.clone();
    let out = &ctx.out;
    ctx.block_on(async move {
        let session = client.sessions().session(args.session.clone());
        let Some(app) = &args.app else {
            // 19.09 servers cannot list apps: an empty list.
            let apps = session.listed_apps().await?.unwrap_or_default();
            if out.json_mode() {
                out.json(&apps)?;
            } else {
                out.table(&apps, APP_FIELDS)?;
            }
            return Ok(());
        };
        let options = AppProxyOptions {
            protocol: args.protocol.clone(),
            arguments_json: parsed.arguments_json(),
            envs_json: parsed.envs_json(),
        };
        let proxy = session.app_proxy(app, &options).await?;
        let connector = SdkConnector::new(client.clone(), proxy.request.clone());
        let options = RelayOptions {
            http_app: proxy.protocol.as_deref() == Some("http"),
            ..RelayOptions::default()
        };
        if args.stdio {
            run_stdio(&connector, &options).await?;
            return Ok(());
        }
        let (host, port) = bind.expect("bind is parsed when not in stdio mode");
        let relay = Relay::bind((host.as_str(), port), connector, options)
            .await
            .with_context(|| format!("cannot listen on {host}:{port}"))?;
        let local = relay.local_addr();
        if !local.ip().is_loopback() {
            out.warn(&format!(
                "listening on {local}, which is not a loopback address: anyone who can reach it can use \"{app}\" without credentials"
            ))?;
        }
        out.line(format!(
            "A local proxy to the application \"{app}\" provided by the session \"{}\" is available at:\n{}",
            args.session,
            proxy.url_for(local)
        ))?;
        if local.ip() == IpAddr::V4(Ipv4Addr::UNSPECIFIED) {
            out.info("The proxy accepts connections on every interface of this machine (0.0.0.0).")?;
        }
        let shutdown = CancellationToken::new();
        tokio::spawn(cancel_on_signal(out.clone(), shutdown.clone()));
        relay.run(shutdown).await;
        out.info(&format!("The local proxy to \"{app}\" has terminated."))?;
        Ok(())
    })?
}

async fn cancel_on_signal(out: Printer, token: CancellationToken) {
    wait_for_signal().await;
    let _ = out.note("Shutting down....");
    token.cancel();
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// Quotes one word for `/bin/sh` (ssh runs ProxyCommand through the shell).
fn sh_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// The ssh options shared by `bai ssh` and `bai scp`.
pub fn ssh_options(proxy_command: &str, key: &Path) -> Vec<String> {
    [
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "NoHostAuthenticationForLocalhost=yes",
        "-o",
        "LogLevel=ERROR",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([
        "-o".to_owned(),
        format!("ProxyCommand={proxy_command}"),
        "-i".to_owned(),
        key.display().to_string(),
    ])
    .collect()
}

/// `bai app --stdio SESSION sshd`, as a ProxyCommand line for this very binary.
fn proxy_command(ctx: &Context, session: &str) -> anyhow::Result<String> {
    let exe = std::env::current_exe().context("cannot locate the bai executable")?;
    let mut cmd = format!(
        "{} app --stdio {} sshd",
        sh_quote(&exe.display().to_string()),
        sh_quote(session)
    );
    if ctx.flags().skip_sslcert_validation {
        cmd.push_str(" --skip-sslcert-validation");
    }
    Ok(cmd)
}

/// Downloads the session's `id_container` key into a private temporary directory.
fn fetch_key(ctx: &Context, session: &str) -> anyhow::Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new().prefix("bai-ssh-").tempdir()?;
    let client = ctx.client()?.clone();
    let dest = dir.path().to_owned();
    let session = session.to_owned();
    ctx.block_on(async move {
        client
            .sessions()
            .session(session)
            .download(&["id_container".to_owned()], &dest)
            .await
    })??;
    let key = dir.path().join("id_container");
    if !key.is_file() {
        return Err(anyhow!("the session sent no id_container key"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(dir)
}

/// Runs ssh or scp to completion, passing its exit status through. The key directory is
/// removed afterwards, also when the user presses Ctrl-C (ssh gets the signal; we wait).
fn run_ssh_like(
    ctx: &Context,
    program: &str,
    argv: Vec<String>,
    key_dir: tempfile::TempDir,
) -> anyhow::Result<()> {
    let program = program.to_owned();
    let status = ctx.block_on(async move {
        let mut child = tokio::process::Command::new(&program)
            .args(&argv)
            .stdin(Stdio::inherit())
            .stdout(Stdio::inherit())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot run {program}"))?;
        loop {
            tokio::select! {
                status = child.wait() => break status.map_err(anyhow::Error::from),
                // Ctrl-C reaches ssh too; keep waiting so the key is cleaned up after it.
                _ = tokio::signal::ctrl_c() => {}
            }
        }
    })??;
    drop(key_dir);
    match status.code() {
        Some(0) => Ok(()),
        Some(code) => Err(with_status(
            ExitStatus::Passthrough(u8::try_from(code).unwrap_or(1)),
            format!(
                "{} exited with status {code}",
                if status.success() { "ok" } else { "ssh" }
            ),
        )),
        None => Err(with_status(
            ExitStatus::Failure,
            "ssh was terminated by a signal",
        )),
    }
}

/// Runs `bai ssh`.
pub fn run_ssh(ctx: &Context, args: &SshArgs) -> anyhow::Result<()> {
    let key_dir = fetch_key(ctx, &args.session)?;
    let mut argv = ssh_options(
        &proxy_command(ctx, &args.session)?,
        &key_dir.path().join("id_container"),
    );
    argv.push("work@localhost".to_owned());
    argv.extend(args.ssh_args.iter().cloned());
    run_ssh_like(ctx, "ssh", argv, key_dir)
}

/// Runs `bai scp`.
pub fn run_scp(ctx: &Context, args: &ScpArgs) -> anyhow::Result<()> {
    let key_dir = fetch_key(ctx, &args.session)?;
    let mut argv = ssh_options(
        &proxy_command(ctx, &args.session)?,
        &key_dir.path().join("id_container"),
    );
    if args.recursive {
        argv.push("-r".to_owned());
    }
    argv.push(args.src.clone());
    argv.push(args.dst.clone());
    run_ssh_like(ctx, "scp", argv, key_dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_forms() {
        assert_eq!(parse_bind("8080").unwrap(), ("127.0.0.1".into(), 8080));
        assert_eq!(parse_bind("0").unwrap(), ("127.0.0.1".into(), 0));
        assert_eq!(
            parse_bind("0.0.0.0:9000").unwrap(),
            ("0.0.0.0".into(), 9000)
        );
        assert_eq!(parse_bind("[::1]:9000").unwrap(), ("::1".into(), 9000));
        assert_eq!(parse_bind("localhost:1").unwrap(), ("localhost".into(), 1));
        for bad in ["", "x", "host:", ":80", "::1:80", "[::1]", "1:99999"] {
            assert!(parse_bind(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn proxy_command_words_are_shell_quoted() {
        assert_eq!(sh_quote("a b"), "'a b'");
        assert_eq!(sh_quote("it's"), r"'it'\''s'");
        let opts = ssh_options("bai app --stdio 's' sshd", Path::new("/tmp/k"));
        assert!(opts.contains(&"ProxyCommand=bai app --stdio 's' sshd".to_owned()));
        assert_eq!(&opts[opts.len() - 2..], ["-i", "/tmp/k"]);
    }
}
