//! `bai admin image ...` and `admin rescan-images` (SDK `groups::admin::image`, following
//! the rescan's background task with `groups::admin::bgtask`).

use backendai_sdk::groups::admin::bgtask::TaskOutcome;
use backendai_sdk::groups::admin::image::DEFAULT_LIST_FIELDS;
use clap::Subcommand;
use serde_json::Value;

use crate::commands::show::{list_of, mutation_of};
use crate::context::Context;
use crate::exit::{with_status, ExitStatus};
use crate::output::FieldSpec;

/// `admin image`.
#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// List images.
    List {
        /// Only operational images.
        #[arg(long)]
        operation: bool,
    },
    /// Add an image alias.
    Alias {
        /// Alias.
        alias: String,
        /// Target image.
        target: String,
        /// Architecture.
        #[arg(long)]
        arch: Option<String>,
    },
    /// Remove an image alias.
    Dealias {
        /// Alias.
        alias: String,
    },
    /// Update the image metadata from the configured docker registries (waits for the
    /// background task).
    Rescan {
        /// Only this registry (hostname, or e.g. `lablup`).
        #[arg(short = 'r', long)]
        registry: Option<String>,
    },
}

/// Runs `admin image ...`.
pub fn run(ctx: &Context, cmd: ImageCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let im = client.images();
    match cmd {
        ImageCommand::List { operation } => {
            // The columns are the fields the SDK selects.
            let fields: Vec<FieldSpec<'_>> = DEFAULT_LIST_FIELDS
                .iter()
                .map(|n| FieldSpec::new(n))
                .collect();
            list_of(ctx, im.list(operation), &fields)
        }
        ImageCommand::Alias {
            alias,
            target,
            arch,
        } => mutation_of(
            ctx,
            im.alias(&alias, &target, arch.as_deref()),
            &format!("Alias {alias} -> {target} is created."),
        ),
        ImageCommand::Dealias { alias } => mutation_of(
            ctx,
            im.dealias(&alias),
            &format!("Alias {alias} is removed."),
        ),
        ImageCommand::Rescan { registry } => rescan(ctx, registry.as_deref()),
    }
}

/// Runs `admin rescan-images`: starts the rescan, then follows the background task until it
/// ends (a failed task is a one-line error, status 1).
pub fn rescan(ctx: &Context, registry: Option<&str>) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let details = |msg: Option<String>| msg.unwrap_or_else(|| "no details from the server".into());
    match ctx.block_on(client.images().rescan_and_wait(registry))?? {
        None => {
            ctx.out.mutation("Updated the image metadata.", None)?;
            Ok(())
        }
        Some((task_id, Some(TaskOutcome::Done(_)))) => {
            ctx.out.mutation(
                "Updated the image metadata.",
                Some(("task_id", Value::String(task_id))),
            )?;
            Ok(())
        }
        Some((_, Some(TaskOutcome::Failed(msg)))) => Err(with_status(
            ExitStatus::Failure,
            format!("image rescan failed: {}", details(msg)),
        )),
        Some((_, Some(TaskOutcome::Cancelled(msg)))) => Err(with_status(
            ExitStatus::Failure,
            format!("image rescan was cancelled: {}", details(msg)),
        )),
        Some((task_id, None)) => Err(with_status(
            ExitStatus::Failure,
            format!("the event stream of background task {task_id} ended without a result"),
        )),
    }
}
