//! `bai admin license show` (SDK `groups::admin::license`): the license of enterprise
//! managers. Open-source managers have no license route: their 404 is reported as such.
//!
//! Beyond the Python CLI: an invalid license is reported as invalid (Python prints "Your
//! Backend.AI license is valid." for it too) and `-o json` prints the answer.

use backendai_sdk::groups::admin::license::LicenseInfo;
use clap::Subcommand;
use serde_json::json;

use crate::context::Context;
use crate::exit::{with_status, ExitStatus};
use crate::output::FieldSpec;

/// `admin license` subcommands.
#[derive(Debug, Subcommand)]
pub enum LicenseCommand {
    /// Show the license information (enterprise editions only).
    Show,
}

/// Columns of the certificate table.
const CERT_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("key").label("Field"),
    FieldSpec::new("value").label("Value"),
];

/// Runs `admin license ...`.
pub fn run(ctx: &Context, cmd: LicenseCommand) -> anyhow::Result<()> {
    match cmd {
        LicenseCommand::Show => show(ctx),
    }
}

fn show(ctx: &Context) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let info: LicenseInfo = match ctx.block_on(client.license().show())? {
        Ok(info) => info,
        Err(e) if e.status() == Some(404) => {
            return Err(with_status(
                ExitStatus::Failure,
                "this manager has no license information (enterprise editions only)",
            ))
        }
        Err(e) => return Err(e.into()),
    };
    if ctx.out.json_mode() {
        ctx.out.json(&info)?;
        return Ok(());
    }
    if info.is_valid() {
        ctx.out.done("Your Backend.AI license is valid.")?;
    } else {
        ctx.out.warn(&format!(
            "Your Backend.AI license is not valid (status: {}).",
            info.status
        ))?;
    }
    if let Some(cert) = &info.certificate {
        let rows: Vec<_> = cert
            .iter()
            .map(|(k, v)| json!({"key": k, "value": v}))
            .collect();
        ctx.out.table(&rows, CERT_FIELDS)?;
    }
    Ok(())
}
