//! Configuration for a [`crate::Client`] (see [`crate::Client::try_default`]) from the process environment and the config file, found the way
//! `bai` finds them: defaults < `$XDG_CONFIG_HOME/backend.ai/config.toml` < `BACKEND_*`
//! (then the legacy `SORNA_*`).
//!
//! Core resolves configuration without I/O; this module is the one place in the SDK that
//! reads the process environment and the config file for it.

use std::path::PathBuf;

use backendai_core::config::{self, ConfigFile, Overrides, ResolvedConfig};
use backendai_core::error::ErrorKind;

use crate::{Error, Result};

/// The process environment as the lookup closure core's resolvers take.
pub fn env_lookup(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The config file's path and text, or `None` when there is no config file.
fn read_config_file() -> Result<Option<(String, String)>> {
    let Some(path) = config::config_file_path(env_lookup) else {
        return Ok(None);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some((path.display().to_string(), text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("cannot read {}: {e}", path.display()),
        )),
    }
}

/// Resolves the configuration from the config file and the environment, with `overrides`
/// on top. Every value keeps its [`config::Source`].
///
/// Errors ([`ErrorKind::InvalidArgument`]): an unreadable or invalid config file, or an
/// invalid value, named in the message.
pub fn resolve_config(overrides: &Overrides) -> Result<ResolvedConfig> {
    let file = read_config_file()?;
    let file = file
        .as_ref()
        .map(|(path, contents)| ConfigFile { path, contents });
    config::resolve(file, env_lookup, overrides)
        .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))
}

/// `$XDG_STATE_HOME/backend.ai` (else `~/.local/state/backend.ai`), where `bai login` keeps
/// the session cookie; `None` without a usable `HOME`.
pub fn state_dir() -> Option<PathBuf> {
    config::state_dir(env_lookup)
}
