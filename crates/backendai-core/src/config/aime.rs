//! The AIME API server settings: the config file's `[aime]` table below `AIME_API_*`.

use super::file::{parse_file, FileValue};
use super::{ConfigError, ConfigFile, SettingInfo, Source};
use crate::env_vars;
use crate::secret::Secret;

/// AIME API server settings: the config file's `[aime]` table (`server`, `api_key`) below
/// the environment (`AIME_API_SERVER`, `AIME_API_KEY`; an empty variable counts as unset).
/// Command-line flags go on top; applying them is the caller's job.
///
/// ```
/// use backendai_core::config::{resolve_aime, ConfigFile, Source};
/// let file = ConfigFile { path: "/c.toml",
///                         contents: "[aime]\nserver = \"http://aime:7777\"\napi_key = \"k\"\n" };
/// let env = |k: &str| (k == "AIME_API_KEY").then(|| "from-env".to_owned());
/// let a = resolve_aime(Some(file), env).unwrap();
/// assert_eq!(a.server.as_deref(), Some("http://aime:7777"));
/// assert_eq!(a.server_source, Source::File("/c.toml".into()));
/// assert_eq!(a.api_key.unwrap().expose(), "from-env");
/// assert_eq!(a.api_key_source, Source::Env("AIME_API_KEY".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AimeSettings {
    /// AIME API server URL.
    pub server: Option<String>,
    /// Where `server` came from ([`Source::Default`] when unset).
    pub server_source: Source,
    /// AIME API key.
    pub api_key: Option<Secret>,
    /// Where `api_key` came from ([`Source::Default`] when unset).
    pub api_key_source: Source,
}

impl Default for AimeSettings {
    fn default() -> Self {
        Self {
            server: None,
            server_source: Source::Default,
            api_key: None,
            api_key_source: Source::Default,
        }
    }
}

impl AimeSettings {
    /// The keys of the `[aime]` table.
    pub const FILE_KEYS: &'static [&'static str] = &["server", "api_key"];

    /// Display lines `aime.server` and `aime.api_key` (the key masked with [`Secret::masked`]).
    pub fn settings(&self) -> [SettingInfo; 2] {
        [
            SettingInfo {
                key: "aime.server",
                value: self.server.clone().unwrap_or_default(),
                source: self.server_source.clone(),
            },
            SettingInfo {
                key: "aime.api_key",
                value: self
                    .api_key
                    .as_ref()
                    .map(Secret::masked)
                    .unwrap_or_default(),
                source: self.api_key_source.clone(),
            },
        ]
    }
}

/// Resolves only the AIME settings: the `[aime]` table of `file` (other keys are not checked)
/// below `AIME_API_SERVER`/`AIME_API_KEY` from `env`. Errors: invalid TOML, or `[aime]` (or one
/// of its values) of the wrong type.
pub fn resolve_aime<F>(file: Option<ConfigFile<'_>>, env: F) -> Result<AimeSettings, ConfigError>
where
    F: Fn(&str) -> Option<String>,
{
    let table = match file {
        Some(f) => {
            let mut map = parse_file(f)?;
            map.remove("aime").map(|v| (f.path, v))
        }
        None => None,
    };
    let mut warnings = Vec::new();
    aime_settings(table, &env, &mut warnings)
}

/// The AIME settings from an optional `[aime]` value (with the file path) and the environment.
pub(super) fn aime_settings(
    table: Option<(&str, FileValue)>,
    env: &dyn Fn(&str) -> Option<String>,
    warnings: &mut Vec<String>,
) -> Result<AimeSettings, ConfigError> {
    let mut out = AimeSettings::default();
    if let Some((path, value)) = table {
        let FileValue::Table(entries) = value else {
            return Err(ConfigError::Invalid {
                origin: format!("config file {path}: key `aime`"),
                message: format!("expected a table, got {}", value.type_name()),
            });
        };
        for (k, v) in entries {
            match k.as_str() {
                "server" => {
                    out.server = Some(file_string(path, &k, v)?);
                    out.server_source = Source::File(path.to_owned());
                }
                "api_key" => {
                    out.api_key = Some(Secret::new(file_string(path, &k, v)?));
                    out.api_key_source = Source::File(path.to_owned());
                }
                _ => warnings.push(format!(
                    "config file {path}: unknown key `aime.{k}` ignored"
                )),
            }
        }
    }
    if let Some(v) = env(env_vars::AIME_API_SERVER).filter(|v| !v.is_empty()) {
        out.server = Some(v);
        out.server_source = Source::Env(env_vars::AIME_API_SERVER.to_owned());
    }
    if let Some(v) = env(env_vars::AIME_API_KEY).filter(|v| !v.is_empty()) {
        out.api_key = Some(Secret::new(v));
        out.api_key_source = Source::Env(env_vars::AIME_API_KEY.to_owned());
    }
    Ok(out)
}

fn file_string(path: &str, key: &str, v: FileValue) -> Result<String, ConfigError> {
    match v {
        FileValue::Str(s) => Ok(s),
        other => Err(ConfigError::Invalid {
            origin: format!("config file {path}: key `aime.{key}`"),
            message: format!("expected a string, got {}", other.type_name()),
        }),
    }
}
