//! What the 26.9-only command groups (`deployment`, `notification`, `network`, `image`,
//! `service auto-scaling-rule`) share: the version check every handler makes first, so a
//! 23.09 manager answers with the one-line "not supported by this server" error before a
//! file is read or a question asked; JSON arguments; 26.9 page options.

use std::path::{Path, PathBuf};

use backendai_sdk::groups::rest_v9::require_v9;
use backendai_sdk::Client;
use clap::Args;
use serde::de::DeserializeOwned;

use crate::commands::input::text_from_file_or_stdin;
use crate::context::Context;
use crate::exit::{usage, with_status, ExitStatus};

/// The client, after checking that the server speaks the 26.9 API (`what` names the feature
/// in the error).
pub fn client_26_09<'c>(ctx: &'c Context, what: &str) -> anyhow::Result<&'c Client> {
    let client = ctx.client()?;
    let version = ctx.block_on(client.api_version())??;
    require_v9(&version, what)?;
    Ok(client)
}

/// Parses a JSON command-line value (`--spec`, `--data`); bad JSON is a usage error.
pub fn json_arg<T: DeserializeOwned>(option: &str, text: &str) -> anyhow::Result<T> {
    serde_json::from_str(text).map_err(|e| usage(format!("{option} is not valid JSON: {e}")))
}

/// Reads and parses a JSON file (`-` = stdin); bad JSON is a usage error.
pub fn json_file<T: DeserializeOwned>(ctx: &Context, path: &Path) -> anyhow::Result<T> {
    let text = text_of(ctx, path)?;
    serde_json::from_str(&text).map_err(|e| {
        usage(format!(
            "{} does not hold the expected JSON: {e}",
            path.display()
        ))
    })
}

/// The text of a file, or of stdin for `-`.
pub fn text_of(ctx: &Context, path: &Path) -> anyhow::Result<String> {
    let file = (path != Path::new("-")).then_some(path);
    text_from_file_or_stdin(file, &ctx.out)
}

/// An inline text option, else the text of its file option (`-` = stdin), else none.
pub fn text_or_file(
    ctx: &Context,
    inline: &Option<String>,
    file: &Option<PathBuf>,
) -> anyhow::Result<Option<String>> {
    match (inline, file) {
        (Some(t), _) => Ok(Some(t.clone())),
        (None, Some(f)) => Ok(Some(text_of(ctx, f)?)),
        (None, None) => Ok(None),
    }
}

/// The `enabled` value of an `--enable`/`--disable` pair (none when neither is given).
pub fn enable_flag(enable: bool, disable: bool) -> Option<bool> {
    (enable || disable).then_some(enable)
}

/// Prints `<What> ID deleted`, or fails with status 1 when the server says it deleted
/// nothing (`what` in lower case, e.g. "notification rule").
pub fn deleted(ctx: &Context, deleted: bool, what: &str, id: &str) -> anyhow::Result<()> {
    if !deleted {
        return Err(with_status(
            ExitStatus::Failure,
            format!("{what} {id} was not deleted"),
        ));
    }
    let mut title = what.to_owned();
    if let Some(first) = title.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    ctx.out.mutation(&format!("{title} {id} deleted"), None)?;
    Ok(())
}

/// `--limit` (1..=1000, 50) and `--offset` (0) of the 26.9 searches.
#[derive(Debug, Args, Clone)]
pub struct SearchPage {
    /// Maximum items to return.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,
    /// Number of items to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
}

impl SearchPage {
    /// The search body of this page.
    pub fn body(&self) -> backendai_sdk::groups::deployment::SearchBody {
        backendai_sdk::groups::deployment::SearchBody::page(self.limit, self.offset)
    }
}
