//! `bai admin ...`: administration (GraphQL and REST wrappers from the SDK).

use clap::{Args, Subcommand};

/// `admin` subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Session administration.
    #[command(subcommand, visible_alias = "sessions")]
    Session(AdminSessionCommand),
}

/// `admin session` subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminSessionCommand {
    /// List compute sessions.
    List(crate::commands::session::ListArgs),
    /// Show a compute session.
    Info(crate::commands::session::InfoArgs),
}

/// Common list options.
#[derive(Debug, Args, Clone)]
pub struct PageArgs {
    /// Query filter expression.
    #[arg(long)]
    pub filter: Option<String>,
    /// Query ordering expression.
    #[arg(long)]
    pub order: Option<String>,
    /// Index of the first item.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Page size.
    #[arg(long)]
    pub limit: Option<u32>,
}
