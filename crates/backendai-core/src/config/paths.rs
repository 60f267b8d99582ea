//! Where the config file and the state directory are (XDG base directories).

use std::path::PathBuf;

use crate::env_vars;

fn absolute_var(lookup: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<PathBuf> {
    lookup(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

/// `$XDG_CONFIG_HOME/backend.ai/config.toml`, else `$HOME/.config/backend.ai/config.toml`
/// (`None` when neither variable is usable). Relative XDG paths are ignored, as the XDG spec
/// requires.
///
/// ```
/// use std::path::PathBuf;
/// use backendai_core::config::config_file_path;
/// let p = config_file_path(|k| (k == "HOME").then(|| "/home/u".to_owned()));
/// assert_eq!(p, Some(PathBuf::from("/home/u/.config/backend.ai/config.toml")));
/// ```
pub fn config_file_path(lookup: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = absolute_var(&lookup, env_vars::XDG_CONFIG_HOME)
        .or_else(|| absolute_var(&lookup, env_vars::HOME).map(|h| h.join(".config")))?;
    Some(base.join("backend.ai").join("config.toml"))
}

/// `$XDG_STATE_HOME/backend.ai`, else `$HOME/.local/state/backend.ai`: where the session
/// cookie and the login name are kept.
///
/// ```
/// use std::path::PathBuf;
/// use backendai_core::config::state_dir;
/// let p = state_dir(|k| (k == "XDG_STATE_HOME").then(|| "/s".to_owned()));
/// assert_eq!(p, Some(PathBuf::from("/s/backend.ai")));
/// ```
pub fn state_dir(lookup: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = absolute_var(&lookup, env_vars::XDG_STATE_HOME).or_else(|| {
        absolute_var(&lookup, env_vars::HOME).map(|h| h.join(".local").join("state"))
    })?;
    Some(base.join("backend.ai"))
}
