//! `bai run`: run code or files in one or many new sessions.

use std::path::PathBuf;

use clap::Args;

use crate::commands::session::SpawnArgs;

/// Arguments of `run`.
#[derive(Debug, Args, Clone)]
pub struct RunArgs {
    /// Image name or alias (e.g. `python`).
    pub image: String,
    /// Files to upload and run (batch mode).
    #[arg(value_name = "FILES")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub spawn: SpawnArgs,
    /// The code snippet to run (query mode).
    #[arg(short = 'c', long)]
    pub code: Option<String>,
    /// Connect to the terminal-type kernel.
    #[arg(long)]
    pub terminal: bool,
    /// Shell command that cleans the base directory.
    #[arg(long)]
    pub clean: Option<String>,
    /// Shell command that builds the files.
    #[arg(long)]
    pub build: Option<String>,
    /// Shell command that executes the files.
    #[arg(long)]
    pub exec: Option<String>,
    /// Base directory of the uploaded files.
    #[arg(long)]
    pub basedir: Option<PathBuf>,
    /// Terminate the session after running.
    #[arg(long)]
    pub rm: bool,
    /// Show resource usage statistics after termination (with --rm).
    #[arg(short = 's', long)]
    pub stats: bool,
    /// Range expression for an environment variable: NAME=case:a,b | range:[start,]stop[,step] | linspace:start,stop,num.
    #[arg(long = "env-range", value_name = "NAME=EXPR")]
    pub env_range: Vec<String>,
    /// Range expression for the build command.
    #[arg(long = "build-range", value_name = "NAME=EXPR")]
    pub build_range: Vec<String>,
    /// Range expression for the exec command.
    #[arg(long = "exec-range", value_name = "NAME=EXPR")]
    pub exec_range: Vec<String>,
    /// Maximum number of sessions running at once.
    #[arg(long, default_value_t = 2)]
    pub max_parallel: usize,
    /// Print the sessions that would be created (names, environment, build/exec) and exit.
    #[arg(long)]
    pub dry_run: bool,
}
