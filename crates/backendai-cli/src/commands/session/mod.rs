//! `bai session ...` and its top-level aliases (`ps`, `create`/`start`, `destroy`/`rm`, ...),
//! one file per job beside the SDK's `groups::session`. This module only routes.

pub mod app;
pub mod apps;
pub mod create;
pub mod events;
pub mod files;
pub mod from_template;
pub mod info;
pub mod inspect;
pub mod lifecycle;
pub mod list;
pub mod modify;
pub mod run;
pub mod watch;

use clap::Subcommand;

use crate::context::Context;

/// `session` subcommands.
#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// List compute sessions.
    #[command(visible_alias = "ls-sessions")]
    List(list::ListArgs),
    /// Show detailed information of a compute session.
    Info(info::InfoArgs),
    /// Create a compute session without running code.
    #[command(visible_alias = "start")]
    Create(Box<create::CreateArgs>),
    /// Create a compute session from a session template.
    CreateFromTemplate(Box<from_template::FromTemplateArgs>),
    /// Terminate and destroy compute sessions.
    #[command(visible_aliases = ["rm", "kill"])]
    Destroy(lifecycle::DestroyArgs),
    /// Restart compute sessions.
    Restart(lifecycle::RestartArgs),
    /// Show the console log of a compute session.
    Logs(info::LogsArgs),
    /// Print the lifecycle events of a compute session.
    Events(events::EventsArgs),
    /// Live-updating table of sessions driven by the event stream (Ctrl-C quits).
    Watch(watch::WatchArgs),
    /// Rename a compute session.
    Rename(lifecycle::RenameArgs),
    /// Upload files to the session's home directory.
    Upload(files::UploadArgs),
    /// Download files from the session's home directory.
    Download(files::DownloadArgs),
    /// List files in a path of a compute session.
    Ls(files::LsArgs),
    /// Open an ssh connection to a session (through `bai app --stdio SESSION sshd`).
    Ssh(app::SshArgs),
    /// Copy files to/from a session with scp (through `bai app --stdio SESSION sshd`).
    Scp(app::ScpArgs),
    /// Commit a running session to a tar file on its agent.
    Commit(inspect::SessionIdArg),
    /// Commit a running session to a new image and push it to its registry (26.9 managers).
    ConvertToImage(modify::ConvertToImageArgs),
    /// Set the scheduling priority of a session (26.9 managers).
    SetPriority(modify::SetPriorityArgs),
    /// Show the status transition history of a compute session.
    StatusHistory(inspect::SessionIdArg),
    /// Show the dependency graph of a compute session.
    ShowGraph(inspect::ShowGraphArgs),
    /// Show the abusing reports of a session's kernels.
    AbuseHistory(inspect::SessionIdArg),
}

/// Runs one `session` subcommand.
pub fn run(ctx: &Context, cmd: SessionCommand) -> anyhow::Result<()> {
    match cmd {
        SessionCommand::List(a) => list::run(ctx, &a),
        SessionCommand::Info(a) => info::info(ctx, &a),
        SessionCommand::Create(a) => create::create(ctx, &a),
        SessionCommand::CreateFromTemplate(a) => from_template::create_from_template(ctx, &a),
        SessionCommand::Destroy(a) => lifecycle::destroy(ctx, &a),
        SessionCommand::Restart(a) => lifecycle::restart(ctx, &a),
        SessionCommand::Logs(a) => info::logs(ctx, &a),
        SessionCommand::Events(a) => events::events(ctx, &a),
        SessionCommand::Watch(a) => watch::watch(ctx, &a),
        SessionCommand::Rename(a) => lifecycle::rename(ctx, &a),
        SessionCommand::Upload(a) => files::upload(ctx, &a),
        SessionCommand::Download(a) => files::download(ctx, &a),
        SessionCommand::Ls(a) => files::ls(ctx, &a),
        SessionCommand::Ssh(a) => app::run_ssh(ctx, &a),
        SessionCommand::Scp(a) => app::run_scp(ctx, &a),
        SessionCommand::Commit(a) => inspect::commit(ctx, &a),
        SessionCommand::ConvertToImage(a) => modify::convert_to_image(ctx, &a),
        SessionCommand::SetPriority(a) => modify::set_priority(ctx, &a),
        SessionCommand::StatusHistory(a) => inspect::status_history(ctx, &a),
        SessionCommand::ShowGraph(a) => inspect::show_graph(ctx, &a),
        SessionCommand::AbuseHistory(a) => inspect::abuse_history(ctx, &a),
    }
}
