//! The options that pick whose dotfiles a `dotfile` command acts on.

use backendai_sdk::groups::dotfile::DotfileScope;
use clap::Args;

/// `--owner`, `-d/--domain`, `-g/--group`: a group wins, then a domain, else the user.
#[derive(Debug, Args, Clone, Default)]
pub struct ScopeArgs {
    /// Owner (access key) of user dotfiles (admins).
    #[arg(
        long = "owner",
        visible_alias = "owner-access-key",
        value_name = "ACCESS_KEY"
    )]
    pub owner: Option<String>,
    /// Domain name of domain dotfiles (or of the group given by name).
    #[arg(short = 'd', long, value_name = "DOMAIN")]
    pub domain: Option<String>,
    /// Group name or ID of group dotfiles (a name needs -d).
    #[arg(short = 'g', long, value_name = "GROUP")]
    pub group: Option<String>,
}

impl ScopeArgs {
    /// The SDK scope these options select.
    pub fn scope(&self) -> DotfileScope {
        DotfileScope::from_options(
            self.owner.as_deref(),
            self.domain.as_deref(),
            self.group.as_deref(),
        )
    }
}
