//! `bai aime`: jobs on an AIME API server (login, request with progress, endpoint discovery).
//!
//! Configuration: `--server`/`AIME_API_SERVER`, `--api-key`/`AIME_API_KEY`, optionally
//! `--session-key`/`AIME_SESSION_KEY` (from `bai aime login --show-session-key`). Server and
//! key may also come from the config file's `[aime]` table (`server`, `api_key`); precedence
//! file < environment < flags (an empty value counts as unset).

mod endpoints;
mod request;

use std::time::Duration;

use backendai_core::config::AimeSettings;
use backendai_core::env_vars;
use backendai_core::Secret;
use backendai_sdk::aime::{AimeClient, AimeConfig};
use clap::{Args, Subcommand};

use crate::context::Context;
use crate::exit::usage;
use crate::output::Printer;

/// `bai aime ...`
#[derive(Args, Debug)]
#[command(
    about = "Run jobs on an AIME API server (login, request, endpoints).",
    after_help = "Configuration: AIME_API_SERVER, AIME_API_KEY (or --server/--api-key, or `server`/`api_key` in the [aime] table of the config file); AIME_SESSION_KEY optional."
)]
pub struct AimeArgs {
    /// AIME API server URL, e.g. http://127.0.0.1:7777.
    #[arg(long, env = env_vars::AIME_API_SERVER, global = true, value_name = "URL")]
    pub server: Option<String>,
    /// AIME API key (prefer the environment variable: flags are visible to other users).
    #[arg(
        long,
        env = env_vars::AIME_API_KEY,
        global = true,
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,
    /// An existing client session key (skips the login).
    #[arg(
        long,
        env = env_vars::AIME_SESSION_KEY,
        global = true,
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub session_key: Option<String>,
    /// The subcommand.
    #[command(subcommand)]
    pub command: AimeCommand,
}

/// `bai aime` subcommands.
#[derive(Subcommand, Debug)]
pub enum AimeCommand {
    /// Log in to an endpoint with the API key and check that it works.
    Login(endpoints::LoginArgs),
    /// Submit a job, show its progress and print the result.
    Request(request::RequestArgs),
    /// List the server's endpoints, or describe one (inputs, outputs, workers).
    Endpoints(endpoints::EndpointsArgs),
}

/// Runs `bai aime ...` with the config file's `[aime]` settings below the flags and their
/// environment variables.
pub fn run(ctx: &Context, args: AimeArgs) -> anyhow::Result<()> {
    let file = crate::context::aime_settings()?;
    ctx.block_on(run_with(&ctx.out, args, file))?
}

async fn run_with(out: &Printer, args: AimeArgs, file: AimeSettings) -> anyhow::Result<()> {
    let mut config = base_config(&args, &file)?;
    match args.command {
        AimeCommand::Login(ref a) => {
            let client = AimeClient::new(config)?;
            endpoints::login(out, &client, a).await
        }
        AimeCommand::Request(ref a) => {
            config.job_timeout = Some(seconds("--timeout", a.timeout)?);
            config.poll_interval = seconds("--poll-interval", a.poll_interval)?;
            let client = AimeClient::new(config)?;
            if let Some(s) = &args.session_key {
                client.set_session_key(&a.endpoint, Secret::new(s.clone()));
            }
            request::request(out, &client, a).await
        }
        AimeCommand::Endpoints(ref a) => {
            let client = AimeClient::new(config)?;
            endpoints::endpoints(out, &client, a).await
        }
    }
}

fn base_config(args: &AimeArgs, file: &AimeSettings) -> anyhow::Result<AimeConfig> {
    let non_empty = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let server = non_empty(args.server.as_deref())
        .or_else(|| non_empty(file.server.as_deref()))
        .ok_or_else(|| {
            usage("no AIME API server: set AIME_API_SERVER, pass --server URL or set `server` in the [aime] table of the config file")
        })?;
    let mut config = AimeConfig::new(&server);
    config.api_key = args
        .api_key
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(Secret::from)
        .or_else(|| file.api_key.clone().filter(|k| !k.is_empty()));
    let needs_key = match &args.command {
        AimeCommand::Login(_) => true,
        AimeCommand::Request(_) => args.session_key.is_none(),
        AimeCommand::Endpoints(a) => a.mine,
    };
    if needs_key && config.api_key.is_none() {
        return Err(usage(
            "no AIME API key: set AIME_API_KEY, pass --api-key KEY or set `api_key` in the [aime] table of the config file",
        ));
    }
    Ok(config)
}

fn seconds(flag: &str, v: f64) -> anyhow::Result<Duration> {
    if !v.is_finite() || v <= 0.0 || v > 1e9 {
        return Err(usage(format!(
            "invalid {flag} {v}: expected a positive number of seconds"
        )));
    }
    Ok(Duration::from_secs_f64(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_needs_server_and_key() {
        use clap::Parser;
        #[derive(Parser, Debug)]
        struct T {
            #[command(flatten)]
            a: AimeArgs,
        }
        let parse = |args: &[&str]| T::try_parse_from(args).map(|t| t.a);
        let a = parse(&["t", "--server", "", "login", "echo"]).unwrap();
        let e = base_config(&a, &AimeSettings::default()).unwrap_err();
        assert!(e.to_string().contains("AIME_API_SERVER"), "{e}");
        let a = parse(&[
            "t",
            "--server",
            "http://x",
            "--api-key",
            "",
            "login",
            "echo",
        ])
        .unwrap();
        assert!(base_config(&a, &AimeSettings::default())
            .unwrap_err()
            .to_string()
            .contains("AIME_API_KEY"));
        let a = parse(&[
            "t",
            "--server",
            "http://x",
            "--api-key",
            "",
            "--session-key",
            "s",
            "request",
            "echo",
        ])
        .unwrap();
        assert!(base_config(&a, &AimeSettings::default()).is_ok());
        let a = parse(&[
            "t",
            "request",
            "echo",
            "-p",
            "a=1",
            "-p",
            "b=x",
            "--server",
            "http://x",
            "--api-key",
            "k",
        ])
        .unwrap();
        let AimeCommand::Request(r) = &a.command else {
            panic!()
        };
        assert_eq!(r.params, ["a=1", "b=x"]);
        assert_eq!(
            base_config(&a, &AimeSettings::default())
                .unwrap()
                .api_key
                .unwrap()
                .expose(),
            "k"
        );
        assert!(seconds("--timeout", 0.0).is_err());
        assert!(seconds("--timeout", f64::NAN).is_err());

        // The config file fills in what flags and environment leave unset.
        let file = AimeSettings {
            server: Some("http://file:7777".into()),
            api_key: Some(Secret::new("file-key")),
            ..AimeSettings::default()
        };
        let a = parse(&["t", "login", "echo"]).unwrap();
        let c = base_config(&a, &file).unwrap();
        assert_eq!(c.server, "http://file:7777");
        assert_eq!(c.api_key.unwrap().expose(), "file-key");
        let a = parse(&[
            "t",
            "--server",
            "http://flag:1",
            "--api-key",
            "flag-key",
            "login",
            "e",
        ])
        .unwrap();
        let c = base_config(&a, &file).unwrap();
        assert_eq!(c.server, "http://flag:1");
        assert_eq!(c.api_key.unwrap().expose(), "flag-key");
        let e = base_config(&a, &AimeSettings::default());
        assert!(e.is_ok());
        let a = parse(&["t", "login", "e"]).unwrap();
        let e = base_config(&a, &AimeSettings::default()).unwrap_err();
        assert!(e.to_string().contains("[aime]"), "{e}");
    }
}
