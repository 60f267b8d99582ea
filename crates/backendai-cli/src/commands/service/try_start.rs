//! `bai service try-start IMAGE MODEL_NAME_OR_ID` (SDK `Services::try_start`, 26.9): starts a
//! trial model-service session and follows the background task that tells whether the model
//! server came up. The options are those of `service create` without COUNT (one session).
//! A 23.09 manager has no such call: the "not supported by this server" line, exit 1.

use backendai_sdk::groups::admin::bgtask::{event_message, outcome_of, TaskOutcome};
use clap::Args;
use futures_util::StreamExt;
use serde_json::Value;

use super::create::{params, CreateArgs, SessionOptions};
use crate::context::Context;
use crate::exit::{with_status, ExitStatus};

/// Arguments of `service try-start`.
#[derive(Debug, Args)]
pub struct TryStartArgs {
    /// Image of the inference session.
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Model folder (usage mode "model") name or id.
    #[arg(value_name = "MODEL_NAME_OR_ID")]
    pub model: String,
    /// Service name (made up when omitted).
    #[arg(short = 't', long, value_name = "NAME")]
    pub name: Option<String>,
    /// Model version.
    #[arg(long, value_name = "VERSION", default_value = "1")]
    pub model_version: String,
    /// Where the model folder is mounted in the session.
    #[arg(long, value_name = "PATH", default_value = "/models")]
    pub model_mount_destination: String,
    /// The session options shared with `service create`.
    #[command(flatten)]
    pub session: SessionOptions,
}

impl TryStartArgs {
    /// The same request as `service create ... 1` (the Python client sends count 1).
    fn as_create(&self) -> CreateArgs {
        CreateArgs {
            image: self.image.clone(),
            model: self.model.clone(),
            count: 1,
            name: self.name.clone(),
            model_version: Some(self.model_version.clone()),
            model_mount_destination: self.model_mount_destination.clone(),
            session: self.session.clone(),
        }
    }
}

/// `service try-start`: starts the trial, then follows its background task like the Python
/// CLI (progress messages on stderr) until it ends.
pub fn try_start(ctx: &Context, a: &TryStartArgs) -> anyhow::Result<()> {
    let p = params(&a.as_create())?;
    let client = ctx.client()?;
    let answer = ctx.block_on(client.services().try_start(&p))??;
    let Some(task) = answer.get("task_id").and_then(Value::as_str) else {
        return Err(with_status(
            ExitStatus::Failure,
            format!("the server answered without a task id: {answer}"),
        ));
    };
    let task = task.to_owned();
    let outcome = ctx.block_on(async {
        let mut events = std::pin::pin!(client.background_task_events(&task));
        while let Some(ev) = events.next().await {
            let ev = ev?;
            if let Some(outcome) = outcome_of(&ev) {
                return Ok(Some(outcome));
            }
            if ev.event == "bgtask_updated" {
                if let Some(msg) = event_message(&ev) {
                    let _ = ctx.out.info(&msg);
                }
            }
        }
        Ok::<_, backendai_sdk::Error>(None)
    })??;
    match outcome {
        Some(TaskOutcome::Done(_)) => {
            ctx.out.mutation(
                "Model service validation started.",
                Some(("task_id", Value::String(task))),
            )?;
            Ok(())
        }
        Some(TaskOutcome::Failed(msg)) => Err(with_status(
            ExitStatus::Failure,
            format!(
                "Error during the operation: {}",
                msg.unwrap_or_else(|| "(no message)".into())
            ),
        )),
        Some(TaskOutcome::Cancelled(_)) => Err(with_status(
            ExitStatus::Failure,
            "The operation has been cancelled in the middle. (This may be due to server shutdown.)",
        )),
        None => Err(with_status(
            ExitStatus::Failure,
            format!("the event stream of background task {task} ended without a result"),
        )),
    }
}
