//! `bai service try-start IMAGE MODEL_NAME_OR_ID` (SDK `Services::try_start`, 26.9): starts a
//! trial model-service session and follows the background task that tells whether the model
//! server came up. The options are those of `service create` without COUNT (one session).
//! A 23.09 manager has no such call: the "not supported by this server" line, exit 1.

use std::path::PathBuf;

use backendai_sdk::groups::admin::bgtask::{event_message, outcome_of, TaskOutcome};
use clap::Args;
use futures_util::StreamExt;
use serde_json::Value;

use super::create::{params, ClusterModeArg, CreateArgs};
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
    /// Environment variable (may appear multiple times).
    #[arg(short = 'e', long = "env", value_name = "KEY=VAL")]
    pub env: Vec<String>,
    /// A user-defined script to execute on startup.
    #[arg(long, value_name = "PATH")]
    pub bootstrap_script: Option<PathBuf>,
    /// Set the command to execute for batch-type sessions.
    #[arg(short = 'c', long, value_name = "COMMAND")]
    pub startup_command: Option<String>,
    /// Computation resources (e.g. -r cpu=2 -r mem=256 -r gpu=1); a bare mem number is MiB.
    #[arg(short = 'r', long, value_name = "KEY=VAL")]
    pub resources: Vec<String>,
    /// Resource options for creating compute session (e.g. shmem=64m).
    #[arg(long, value_name = "KEY=VAL")]
    pub resource_opts: Vec<String>,
    /// The size of cluster in number of containers.
    #[arg(long, value_name = "NUMBER", default_value_t = 1)]
    pub cluster_size: i64,
    /// The mode of clustering.
    #[arg(long, value_name = "MODE", value_enum, default_value_t = ClusterModeArg::SingleNode)]
    pub cluster_mode: ClusterModeArg,
    /// Domain name.
    #[arg(short = 'd', long, default_value = "default")]
    pub domain: String,
    /// Project (group) name.
    #[arg(short = 'p', long, default_value = "default")]
    pub project: String,
    /// User-defined tag string to annotate sessions.
    #[arg(long)]
    pub tag: Option<String>,
    /// Architecture of the image to use.
    #[arg(
        long = "arch",
        visible_alias = "architecture",
        value_name = "ARCH_NAME",
        default_value = "x86_64"
    )]
    pub architecture: String,
    /// The scaling group to execute the session.
    #[arg(long, visible_alias = "sgroup", default_value = "default")]
    pub scaling_group: String,
    /// Set the owner of the target session explicitly (`-o` is `--output` here).
    #[arg(
        long = "owner",
        visible_alias = "owner-access-key",
        value_name = "ACCESS_KEY"
    )]
    pub owner: Option<String>,
    /// Serve without authentication (no token needed to call the endpoint).
    #[arg(long = "public", visible_alias = "expose-to-public")]
    pub public: bool,
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
            env: self.env.clone(),
            bootstrap_script: self.bootstrap_script.clone(),
            startup_command: self.startup_command.clone(),
            resources: self.resources.clone(),
            resource_opts: self.resource_opts.clone(),
            cluster_size: self.cluster_size,
            cluster_mode: self.cluster_mode,
            domain: self.domain.clone(),
            project: self.project.clone(),
            tag: self.tag.clone(),
            architecture: self.architecture.clone(),
            scaling_group: self.scaling_group.clone(),
            owner: self.owner.clone(),
            public: self.public,
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
