//! The command line: global options and the top-level command enum.
//!
//! Deviations from the Python CLI forced by global short options: `-o` is `--output`
//! everywhere (the owner option is `--owner`/`--owner-access-key` only), `-q` is `--quiet`
//! everywhere (`vfolder create` takes `--quota` without a short form), `-v` is `--verbose`
//! (`run`/`create` mount vfolders with `-m/--mount`).

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::commands::session::from_template;
use crate::commands::session::{
    app, apps, create, events, files, info, lifecycle, list, run, watch,
};
use crate::commands::{admin, aime, auth, completion, config, logs, proxy, session, vfolder};
use crate::commands::{deployment, image, network, notification};
use crate::commands::{dotfile, session_template};
use crate::commands::{fair_share, resource_usage, scheduling_history};
use crate::commands::{model, service};
use crate::context::Context;
use crate::output::OutputFormat;

/// The `bai` command line.
#[derive(Debug, Parser)]
#[command(
    name = "bai",
    version,
    about = "Backend.AI command-line client: compute sessions, virtual folders and administration.",
    long_about = None,
    disable_help_subcommand = true,
    max_term_width = 100,
    after_help = "Configuration: BACKEND_ENDPOINT, BACKEND_ACCESS_KEY, BACKEND_SECRET_KEY, ... (see `bai config show`)."
)]
pub struct Cli {
    /// Global options.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted by every command.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Skip SSL certificate validation for all API requests.
    #[arg(long, global = true)]
    pub skip_sslcert_validation: bool,
    /// Output format of the command results (`console` = `table`).
    #[arg(
        short = 'o',
        long,
        global = true,
        value_enum,
        default_value_t = OutputFormat::Table,
        value_name = "FORMAT"
    )]
    pub output: OutputFormat,
    /// Hide status messages; print only results and errors.
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
    /// More logging on stderr (-v, -vv); `RUST_LOG` also works.
    #[arg(short = 'v', long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

/// Top-level commands. Adding a command is one variant here plus one arm in
/// [`Command::run`].
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the current configuration (`config show`: every setting and its source).
    Config(config::ConfigArgs),
    /// Log in to the web server (session mode) and store the session cookie.
    Login(auth::LoginArgs),
    /// Log out from the web server and delete the stored session cookie.
    Logout,
    /// List compute sessions (alias of "session list").
    Ps(list::ListArgs),
    /// Run a code snippet or files in new compute session(s).
    Run(Box<run::RunArgs>),
    /// Create a compute session without running code (alias of "session create").
    #[command(visible_alias = "start")]
    Create(Box<create::CreateArgs>),
    /// Create a compute session from a session template (alias of "session create-from-template").
    #[command(visible_alias = "start-from-template")]
    CreateFromTemplate(Box<from_template::FromTemplateArgs>),
    /// Terminate compute sessions (alias of "session destroy").
    #[command(visible_aliases = ["rm", "kill", "terminate"])]
    Destroy(lifecycle::DestroyArgs),
    /// Restart compute sessions (alias of "session restart").
    Restart(lifecycle::RestartArgs),
    /// Show the console log of a compute session (alias of "session logs").
    Logs(info::LogsArgs),
    /// Print the lifecycle events of a compute session (alias of "session events").
    Events(events::EventsArgs),
    /// Live-updating table of sessions driven by the event stream (Ctrl-C quits).
    Watch(watch::WatchArgs),
    /// Show detailed information of a compute session (alias of "session info").
    Info(info::InfoArgs),
    /// Rename a compute session (alias of "session rename").
    Rename(lifecycle::RenameArgs),
    /// Upload files to a session's home directory (alias of "session upload").
    Upload(files::UploadArgs),
    /// Download files from a session's home directory (alias of "session download").
    Download(files::DownloadArgs),
    /// List files in a session (alias of "session ls").
    Ls(files::LsArgs),
    /// Compute session operations.
    #[command(subcommand)]
    Session(session::SessionCommand),
    /// Virtual folder operations.
    #[command(subcommand)]
    Vfolder(vfolder::VfolderCommand),
    /// Session templates: create, list, get, update, delete.
    #[command(subcommand, visible_alias = "sesstpl")]
    SessionTemplate(session_template::SessionTemplateCommand),
    /// Dotfiles written into new sessions: create, list, get, update, delete.
    #[command(subcommand)]
    Dotfile(dotfile::DotfileCommand),
    /// Model services (inference endpoints): list, info, create, rm, scale, tokens, routes.
    #[command(subcommand)]
    Service(service::ServiceCommand),
    /// Models (model folders) and their versions: list, info, create, rm, upload, download.
    #[command(subcommand)]
    Model(model::ModelCommand),
    /// Model deployments, their revisions, routes and rollout policy (26.9 managers).
    #[command(subcommand)]
    Deployment(deployment::DeploymentCommand),
    /// Notification channels and rules (26.9 managers).
    #[command(subcommand)]
    Notification(notification::NotificationCommand),
    /// Inter-container networks (26.9 managers).
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Images through the 26.9 REST API: list, forget, purge (23.09: "admin image").
    #[command(subcommand)]
    Image(image::ImageCommand),
    /// Fair share scheduler operations (26.9 managers; superadmin only).
    #[command(subcommand)]
    FairShare(fair_share::FairShareCommand),
    /// Resource usage history operations (26.9 managers; superadmin only).
    #[command(subcommand)]
    ResourceUsage(resource_usage::ResourceUsageCommand),
    /// Scheduling history operations (26.9 managers; superadmin only).
    #[command(subcommand)]
    SchedulingHistory(scheduling_history::SchedulingHistoryCommand),
    /// Administrative commands.
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// Server announcement: get, update, delete, dismiss.
    #[command(subcommand)]
    Announcement(admin::manager::AnnouncementCommand),
    /// Manager status, freeze and unfreeze (same as "admin manager").
    #[command(subcommand)]
    Manager(admin::manager::ManagerCommand),
    /// Run a local non-encrypted, non-authenticating API proxy that signs and forwards requests.
    Proxy(proxy::ProxyArgs),
    /// Show the logs of a background task.
    TaskLogs(info::TaskLogsArgs),
    /// Change the password of the current user.
    UpdatePassword(auth::UpdatePasswordArgs),
    /// Server (error) logs: list, clear.
    #[command(subcommand)]
    ServerLogs(logs::ServerLogsCommand),
    /// Print a shell completion script.
    Completion(completion::CompletionArgs),
    /// AIME API server client (job-queue inference API).
    Aime(aime::AimeArgs),
    /// Forward a session app (jupyter, ttyd, sshd, ...) to a local port; without APP, list apps.
    App(app::AppArgs),
    /// Open an ssh connection to a session (through `bai app --stdio SESSION sshd`).
    Ssh(app::SshArgs),
    /// Copy files to/from a session with scp (through `bai app --stdio SESSION sshd`).
    Scp(app::ScpArgs),
    /// List a session's apps and the arguments and environment variables they accept.
    Apps(apps::AppsArgs),
    /// Change an expired password without credentials.
    UpdatePasswordNoAuth(auth::UpdatePasswordNoAuthArgs),
}

impl Command {
    /// Runs the command; `bin_name` is the name the program was called by.
    pub fn run(self, ctx: &Context, bin_name: &str) -> anyhow::Result<()> {
        match self {
            Command::Config(args) => config::run(ctx, &args),
            Command::Completion(args) => completion::run(ctx, &args, Cli::command(), bin_name),
            Command::App(args) => app::run_app(ctx, &args),
            Command::Ssh(args) => app::run_ssh(ctx, &args),
            Command::Scp(args) => app::run_scp(ctx, &args),
            Command::Apps(args) => apps::run_apps(ctx, &args),
            Command::UpdatePasswordNoAuth(a) => auth::update_password_no_auth(ctx, &a),
            Command::Login(args) => auth::login(ctx, &args),
            Command::Logout => auth::logout(ctx),
            Command::Ps(a) => list::run(ctx, &a),
            Command::Run(a) => run::run(ctx, &a),
            Command::Create(a) => create::create(ctx, &a),
            Command::CreateFromTemplate(a) => from_template::create_from_template(ctx, &a),
            Command::Destroy(a) => lifecycle::destroy(ctx, &a),
            Command::Restart(a) => lifecycle::restart(ctx, &a),
            Command::Logs(a) => info::logs(ctx, &a),
            Command::Events(a) => events::events(ctx, &a),
            Command::Watch(a) => watch::watch(ctx, &a),
            Command::Info(a) => info::info(ctx, &a),
            Command::Rename(a) => lifecycle::rename(ctx, &a),
            Command::Upload(a) => files::upload(ctx, &a),
            Command::Download(a) => files::download(ctx, &a),
            Command::Ls(a) => files::ls(ctx, &a),
            Command::Session(c) => session::run(ctx, c),
            Command::Vfolder(c) => vfolder::run(ctx, c),
            Command::SessionTemplate(c) => session_template::run(ctx, c),
            Command::Dotfile(c) => dotfile::run(ctx, c),
            Command::Service(c) => service::run(ctx, c),
            Command::Model(c) => model::run(ctx, c),
            Command::Deployment(c) => deployment::run(ctx, c),
            Command::Notification(c) => notification::run(ctx, c),
            Command::Network(c) => network::run(ctx, c),
            Command::Image(c) => image::run(ctx, c),
            Command::FairShare(c) => fair_share::run(ctx, c),
            Command::ResourceUsage(c) => resource_usage::run(ctx, c),
            Command::SchedulingHistory(c) => scheduling_history::run(ctx, c),
            Command::Admin(c) => admin::run(ctx, c),
            Command::Announcement(c) => admin::manager::announcement(ctx, c),
            Command::Manager(c) => admin::manager::run(ctx, c),
            Command::TaskLogs(a) => info::task_logs(ctx, &a),
            Command::Proxy(a) => proxy::run(ctx, &a),
            Command::UpdatePassword(a) => auth::update_password(ctx, &a),
            Command::ServerLogs(c) => logs::run(ctx, c),
            Command::Aime(args) => aime::run(ctx, args),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_tree_is_consistent() {
        Cli::command().debug_assert();
    }
}
