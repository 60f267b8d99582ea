//! Argument types shared by several command groups (paging, the session owner).

use backendai_sdk::groups::session::SessionRef;
use clap::Args;

use crate::exit::usage;

/// Paging options of paginated lists.
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
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
}

impl Default for PageArgs {
    fn default() -> Self {
        Self {
            filter: None,
            order: None,
            offset: 0,
            limit: 20,
        }
    }
}

/// `--offset` and `--limit` (1 to 100, 20) of the 26.9 GraphQL lists (`network list`,
/// `service auto-scaling-rule list`), checked by clap.
#[derive(Debug, Args, Clone)]
pub struct GqlPage {
    /// Index of the first item.
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// Page size (1 to 100).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: u32,
}

/// Owner option of the session commands that may act for another user.
#[derive(Debug, Args, Clone, Default)]
pub struct OwnerArg {
    /// Owner (access key) of the target session.
    #[arg(
        long = "owner",
        visible_alias = "owner-access-key",
        value_name = "ACCESS_KEY"
    )]
    pub owner: Option<String>,
}

impl OwnerArg {
    /// The SDK reference of session `name`, owned by this owner when one is given.
    pub fn session_ref(&self, name: &str) -> SessionRef {
        let r = SessionRef::new(name);
        match &self.owner {
            Some(ak) => r.owner(ak.clone()),
            None => r,
        }
    }
}

/// Declares a `-f/--format FIELDS` option struct `$name` whose help is `$help` (the example
/// fields differ per command), with `names()`: the comma-separated names, blank ones dropped.
macro_rules! format_fields_arg {
    ($name:ident, $help:literal) => {
        /// `-f/--format FIELDS`.
        #[derive(Debug, clap::Args, Clone, Default)]
        pub struct $name {
            #[doc = $help]
            #[arg(
                short = 'f',
                long = "format",
                value_name = "FIELDS",
                value_delimiter = ','
            )]
            pub format: Vec<String>,
        }

        impl $name {
            fn names(&self) -> Vec<&str> {
                self.format
                    .iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
        }
    };
}
pub(crate) use format_fields_arg;

/// Checks a `--limit` page size (1 to 100).
pub fn page_size(limit: u32) -> anyhow::Result<u32> {
    if !(1..=100).contains(&limit) {
        return Err(usage("--limit must be between 1 and 100"));
    }
    Ok(limit)
}

/// Checks an `--offset` for the APIs that take a 32-bit offset.
pub fn offset32(offset: u64) -> anyhow::Result<u32> {
    u32::try_from(offset).map_err(|_| usage("--offset is too large"))
}

/// Parses `args` as the options of one `Args` struct (for the unit tests of request builders).
#[cfg(test)]
pub fn parse_args<T: clap::Args + clap::FromArgMatches>(args: &[&str]) -> T {
    let cmd = T::augment_args(clap::Command::new("x"));
    let matches = cmd
        .try_get_matches_from(std::iter::once("x").chain(args.iter().copied()))
        .unwrap();
    T::from_arg_matches(&matches).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_limits() {
        assert!(page_size(0).is_err());
        assert_eq!(page_size(100).unwrap(), 100);
        assert!(page_size(101).is_err());
        assert!(offset32(u64::MAX).is_err());
        assert_eq!(PageArgs::default().limit, 20);
    }
}
