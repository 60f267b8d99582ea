//! The command context: resolved configuration (with the source of every value), the printer,
//! and a lazily built SDK client and tokio runtime.
//!
//! Nothing here touches the network or builds TLS state until a command asks for
//! [`Context::client`] or [`Context::block_on`].

use std::cell::OnceCell;
use std::path::PathBuf;

use anyhow::Context as _;
use backendai_core::config::ApiConfig;
use backendai_core::env_vars;
use serde::Serialize;

use crate::exit::usage;
use crate::output::Printer;

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Built-in default.
    Default,
    /// The config file.
    File,
    /// An environment variable (`BACKEND_*` or `SORNA_*`).
    Env,
    /// A command-line flag.
    Flag,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Source::Default => "default",
            Source::File => "file",
            Source::Env => "env",
            Source::Flag => "flag",
        })
    }
}

/// One resolved setting, ready to show (`value` is already masked for secrets).
#[derive(Debug, Clone, Serialize)]
pub struct Setting {
    /// Setting name (`endpoint`, `access_key`, ...).
    pub key: String,
    /// Display value; secrets are masked.
    pub value: String,
    /// Where the value came from.
    pub source: Source,
    /// The exact origin: variable name or file path, when not a default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// Command-line flags that override configuration.
#[derive(Debug, Clone, Default)]
pub struct FlagOverrides {
    /// `--skip-sslcert-validation`.
    pub skip_sslcert_validation: bool,
    /// Show server announcements (off for `--quiet`, `-o json` and local commands).
    pub announcements: bool,
}

/// The resolved configuration plus per-setting provenance.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The SDK configuration.
    pub config: ApiConfig,
    /// Every setting with its display value and source.
    pub settings: Vec<Setting>,
}

/// Reads a variable of the process environment for core's configuration layering, which
/// asks only for names from [`env_vars`].
fn env_lookup(key: &str) -> Option<String> {
    std::env::var(key).ok()
}

/// Resolves the configuration with the core layering: defaults < config file
/// (`$XDG_CONFIG_HOME/backend.ai/config.toml`) < environment (`BACKEND_*`, `SORNA_*`) < flags.
/// An invalid value is an invalid-argument error (exit status 2).
pub fn resolve(flags: &FlagOverrides) -> anyhow::Result<Resolved> {
    use backendai_core::config::Overrides;
    let text = read_config_file()?;
    let file = text.as_ref().map(ConfigText::file);
    let mut ov = Overrides::default();
    if flags.skip_sslcert_validation {
        ov.skip_sslcert_validation = Some(true);
    }
    let r = backendai_core::config::resolve(file, env_lookup, &ov).map_err(usage)?;
    for w in &r.warnings {
        tracing::warn!("{w}");
    }
    let mut settings: Vec<Setting> = r
        .settings
        .iter()
        .chain(r.aime.settings().iter())
        .map(|s| {
            use backendai_core::config::Source as S;
            let (source, origin) = match &s.source {
                S::Default => (Source::Default, None),
                S::File(p) => (Source::File, Some(p.clone())),
                S::Env(v) => (Source::Env, Some(v.clone())),
                S::Explicit => (Source::Flag, Some(format!("--{}", s.key.replace('_', "-")))),
                #[allow(unreachable_patterns)]
                _ => (Source::Default, None),
            };
            Setting {
                key: s.key.to_owned(),
                value: s.value.clone(),
                source,
                origin,
            }
        })
        .collect();
    settings.push(Setting {
        key: "state_dir".into(),
        value: state_dir().display().to_string(),
        source: Source::Default,
        origin: None,
    });
    Ok(Resolved {
        config: r.config,
        settings,
    })
}

/// The config file's path and text, when it exists.
pub struct ConfigText {
    path: String,
    contents: String,
}

impl ConfigText {
    fn file(&self) -> backendai_core::config::ConfigFile<'_> {
        backendai_core::config::ConfigFile {
            path: &self.path,
            contents: &self.contents,
        }
    }
}

/// Reads `$XDG_CONFIG_HOME/backend.ai/config.toml` (`None` when there is none).
pub fn read_config_file() -> anyhow::Result<Option<ConfigText>> {
    let Some(path) = backendai_core::config::config_file_path(env_lookup) else {
        return Ok(None);
    };
    match std::fs::read_to_string(&path) {
        Ok(contents) => Ok(Some(ConfigText {
            path: path.display().to_string(),
            contents,
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(usage(format!("cannot read {}: {e}", path.display()))),
    }
}

/// The AIME settings of the config file's `[aime]` table and the `AIME_API_*` variables
/// (without the Backend.AI settings, so a bad `BACKEND_*` value does not break `bai aime`).
pub fn aime_settings() -> anyhow::Result<backendai_core::config::AimeSettings> {
    let text = read_config_file()?;
    backendai_core::config::resolve_aime(text.as_ref().map(ConfigText::file), env_lookup)
        .map_err(usage)
}

/// `$XDG_STATE_HOME/backend.ai` (default `~/.local/state/backend.ai`): cookie jar and session
/// state of `login`.
pub fn state_dir() -> PathBuf {
    backendai_core::config::state_dir(env_lookup)
        .unwrap_or_else(|| PathBuf::from(".backend.ai-state"))
}

/// `$XDG_CACHE_HOME/backend.ai` (default `~/.cache/backend.ai`): multi-case `run` logs.
pub fn cache_dir() -> PathBuf {
    if let Some(d) = std::env::var_os(env_vars::XDG_CACHE_HOME).filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("backend.ai");
    }
    home_dir().join(".cache/backend.ai")
}

fn home_dir() -> PathBuf {
    std::env::var_os(env_vars::HOME)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Everything a command needs.
pub struct Context {
    /// The printer.
    pub out: Printer,
    flags: FlagOverrides,
    resolved: OnceCell<Resolved>,
    client: OnceCell<backendai_sdk::Client>,
    storage_override: std::cell::RefCell<Option<std::collections::BTreeMap<String, String>>>,
    runtime: OnceCell<tokio::runtime::Runtime>,
}

impl Context {
    /// A context; nothing is resolved or built yet.
    pub fn new(out: Printer, flags: FlagOverrides) -> Self {
        Self {
            out,
            flags,
            resolved: OnceCell::new(),
            client: OnceCell::new(),
            storage_override: std::cell::RefCell::new(None),
            runtime: OnceCell::new(),
        }
    }

    /// The command-line overrides this context was built with.
    pub fn flags(&self) -> &FlagOverrides {
        &self.flags
    }

    /// The resolved configuration (computed on first use).
    pub fn resolved(&self) -> anyhow::Result<&Resolved> {
        if let Some(r) = self.resolved.get() {
            return Ok(r);
        }
        let r = resolve(&self.flags)?;
        Ok(self.resolved.get_or_init(|| r))
    }

    /// The SDK configuration.
    pub fn config(&self) -> anyhow::Result<&ApiConfig> {
        Ok(&self.resolved()?.config)
    }

    /// The SDK client (built on first use).
    pub fn client(&self) -> anyhow::Result<&backendai_sdk::Client> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let mut config = self.config()?.clone();
        if let Some(map) = self.storage_override.borrow_mut().take() {
            config.storage_proxy_address_map = map;
        }
        if self.flags.announcements {
            config.announcement_handler = Some(crate::announcement::handler(state_dir()));
        }
        let client = backendai_sdk::Client::builder(config)
            .state_dir(state_dir())
            .build()?;
        Ok(self.client.get_or_init(|| client))
    }

    /// `--override-storage-proxy`: replaces the configured storage-proxy address map for the
    /// client built after this call.
    pub fn override_storage_proxy(&self, map: std::collections::BTreeMap<String, String>) {
        *self.storage_override.borrow_mut() = Some(map);
    }

    /// Runs a future on a current-thread tokio runtime (built on first use).
    pub fn block_on<F: std::future::Future>(&self, fut: F) -> anyhow::Result<F::Output> {
        if self.runtime.get().is_none() {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start the async runtime")?;
            let _ = self.runtime.set(rt);
        }
        let rt = self
            .runtime
            .get()
            .ok_or_else(|| anyhow::anyhow!("async runtime unavailable"))?;
        Ok(rt.block_on(fut))
    }
}

impl Drop for Context {
    /// Gives an announcement fetch still in flight [`announcement::GRACE`](crate::announcement::GRACE)
    /// to finish, then shuts the runtime down without waiting for stray blocking tasks
    /// (e.g. a DNS lookup of that fetch) for more than a few milliseconds.
    fn drop(&mut self) {
        let Some(rt) = self.runtime.take() else {
            return;
        };
        if let Some(client) = self.client.get() {
            rt.block_on(client.wait_for_announcement(crate::announcement::GRACE));
        }
        rt.shutdown_timeout(std::time::Duration::from_millis(5));
    }
}
