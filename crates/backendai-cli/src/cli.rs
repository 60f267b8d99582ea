//! The command line: global options and the top-level command enum.
//!
//! Deviations from the Python CLI forced by global short options: `-o` is `--output`
//! everywhere (the owner option is `--owner`/`--owner-access-key` only), `-q` is `--quiet`
//! everywhere (`vfolder create` takes `--quota` without a short form), `-v` is `--verbose`
//! (`run`/`create` mount vfolders with `-m/--mount`).

use clap::{Args, Parser, Subcommand};

use crate::commands;
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
/// `commands::dispatch`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the current configuration (`config show`: every setting and its source).
    Config(commands::config::ConfigArgs),
    /// Log in to the web server (session mode) and store the session cookie.
    Login(commands::auth::LoginArgs),
    /// Log out from the web server and delete the stored session cookie.
    Logout,
    /// List compute sessions (alias of "session list").
    Ps(commands::session::ListArgs),
    /// Run a code snippet or files in new compute session(s).
    Run(Box<commands::run::RunArgs>),
    /// Create a compute session without running code (alias of "session create").
    #[command(visible_alias = "start")]
    Create(Box<commands::session::CreateArgs>),
    /// Terminate compute sessions (alias of "session destroy").
    #[command(visible_aliases = ["rm", "kill", "terminate"])]
    Destroy(commands::session::DestroyArgs),
    /// Restart compute sessions (alias of "session restart").
    Restart(commands::session::RestartArgs),
    /// Show the console log of a compute session (alias of "session logs").
    Logs(commands::session::LogsArgs),
    /// Print the lifecycle events of a compute session (alias of "session events").
    Events(commands::session::EventsArgs),
    /// Live-updating table of sessions driven by the event stream (Ctrl-C quits).
    Watch(commands::session::WatchArgs),
    /// Show detailed information of a compute session (alias of "session info").
    Info(commands::session::InfoArgs),
    /// Rename a compute session (alias of "session rename").
    Rename(commands::session::RenameArgs),
    /// Upload files to a session's home directory (alias of "session upload").
    Upload(commands::session::UploadArgs),
    /// Download files from a session's home directory (alias of "session download").
    Download(commands::session::DownloadArgs),
    /// List files in a session (alias of "session ls").
    Ls(commands::session::LsArgs),
    /// Compute session operations.
    #[command(subcommand)]
    Session(commands::session::SessionCommand),
    /// Virtual folder operations.
    #[command(subcommand)]
    Vfolder(commands::vfolder::VfolderCommand),
    /// Administrative commands.
    #[command(subcommand)]
    Admin(commands::admin::AdminCommand),
    /// Server announcement: get, update, delete, dismiss.
    #[command(subcommand)]
    Announcement(commands::system::AnnouncementCommand),
    /// Manager status, freeze and unfreeze (same as "admin manager").
    #[command(subcommand)]
    Manager(commands::admin::ManagerCommand),
    /// Run a local non-encrypted, non-authenticating API proxy that signs and forwards requests.
    Proxy(commands::proxy::ProxyArgs),
    /// Show the logs of a background task.
    TaskLogs(commands::system::TaskLogsArgs),
    /// Change the password of the current user.
    UpdatePassword(commands::system::UpdatePasswordArgs),
    /// Server (error) logs: list, clear.
    #[command(subcommand)]
    ServerLogs(commands::server_logs::ServerLogsCommand),
    /// Print a shell completion script.
    Completion(commands::completion::CompletionArgs),
    /// AIME API server client (job-queue inference API).
    Aime(commands::aime::AimeArgs),
    /// Forward a session app (jupyter, ttyd, sshd, ...) to a local port; without APP, list apps.
    App(commands::app::AppArgs),
    /// Open an ssh connection to a session (through `bai app --stdio SESSION sshd`).
    Ssh(commands::app::SshArgs),
    /// Copy files to/from a session with scp (through `bai app --stdio SESSION sshd`).
    Scp(commands::app::ScpArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_tree_is_consistent() {
        Cli::command().debug_assert();
    }
}
