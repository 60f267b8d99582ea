//! `bai apps SESSION [APP...] [-l]`: the service apps of a session and the arguments and
//! environment variables each accepts when started (`bai app --arg/-e`), from the SDK's
//! `Session::listed_apps`.
//!
//! Beyond the Python CLI: naming apps works (Python's filter call lacks its iterable and
//! fails), an unknown app name is an error instead of an empty answer, and `-o json` prints
//! the apps as the server lists them.

use anyhow::anyhow;
use backendai_sdk::groups::session::AppInfo;

use crate::context::Context;
use crate::exit::{with_status, ExitStatus};
use crate::output::fields::text;
use crate::output::FieldSpec;

/// `bai apps`.
#[derive(Debug, clap::Args)]
pub struct AppsArgs {
    /// Session name (or id).
    #[arg(value_name = "SESSION_ID")]
    pub session: String,
    /// Only these apps (repeatable); all when omitted.
    #[arg(value_name = "APP")]
    pub apps: Vec<String>,
    /// Just print the names of the available apps.
    #[arg(short = 'l', long)]
    pub list_names: bool,
}

/// Shows an absent value as `-` (the app takes no such customization).
fn or_dash(v: &serde_json::Value) -> String {
    if v.is_null() {
        "-".to_owned()
    } else {
        text(v)
    }
}

/// The columns of `bai apps`.
const APPS_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name").label("App"),
    FieldSpec::new("protocol").label("Protocol"),
    FieldSpec::new("allowed_arguments")
        .label("Available arguments")
        .format(or_dash),
    FieldSpec::new("allowed_envs")
        .label("Available environment variables")
        .format(or_dash),
];

/// Keeps the apps named in `wanted` (all when empty); an unknown name is an error.
pub fn select(apps: Vec<AppInfo>, wanted: &[String]) -> anyhow::Result<Vec<AppInfo>> {
    if wanted.is_empty() {
        return Ok(apps);
    }
    if let Some(missing) = wanted.iter().find(|w| !apps.iter().any(|a| &a.name == *w)) {
        let known: Vec<&str> = apps.iter().map(|a| a.name.as_str()).collect();
        return Err(with_status(
            ExitStatus::Failure,
            format!(
                "the session has no app {missing:?} (it provides: {})",
                known.join(", ")
            ),
        ));
    }
    Ok(apps
        .into_iter()
        .filter(|a| wanted.contains(&a.name))
        .collect())
}

/// Runs `bai apps`.
pub fn run_apps(ctx: &Context, args: &AppsArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let session = client.sessions().session(args.session.clone());
    let apps = ctx
        .block_on(session.listed_apps())??
        .ok_or_else(|| anyhow!("this server (API v4) cannot list a session's apps"))?;
    let apps = select(apps, &args.apps)?;
    if args.list_names {
        let names: Vec<&str> = apps.iter().map(|a| a.name.as_str()).collect();
        return Ok(ctx.out.either(&names, || {
            format!(
                "This session provides the following app services: {}",
                names.join(", ")
            )
        })?);
    }
    ctx.out
        .list(&apps, APPS_FIELDS, "This session provides no app services.")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(name: &str) -> AppInfo {
        serde_json::from_value(serde_json::json!({"name": name, "protocol": "http"})).unwrap()
    }

    #[test]
    fn selects_named_apps_and_rejects_unknown_ones() {
        let all = vec![app("jupyter"), app("ttyd")];
        assert_eq!(select(all.clone(), &[]).unwrap().len(), 2);
        let one = select(all.clone(), &["ttyd".into()]).unwrap();
        assert_eq!(one[0].name, "ttyd");
        let err = select(all, &["nope".into()]).unwrap_err().to_string();
        assert!(
            err.contains("\"nope\"") && err.contains("jupyter, ttyd"),
            "{err}"
        );
    }
}
