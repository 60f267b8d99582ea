//! THE mapping from the Python client's names to this SDK: one row per Python class, each
//! pointing at the module that rebuilds that class's calls from their Python arguments with
//! the SDK's typed builders (never from the captured path or body).
//!
//! A class or method missing here prints as `unsupported`.

use backendai_core::config::ApiConfig;
use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;
use backendai_sdk::ApiRequest;
use serde_json::{Map, Value};

use super::{admin, compute_session, server_log, serving, system, templates, vfolder};

/// One captured call, as the table sees it.
pub struct Call<'a> {
    /// Python class (`ComputeSession`).
    pub class: &'a str,
    /// Python method (`get_or_create`).
    pub method: &'a str,
    /// Positional arguments.
    pub args: &'a [Value],
    /// Keyword arguments.
    pub kwargs: &'a Map<String, Value>,
    /// The captured requests; only for what the Python client chose at random (a generated
    /// session name, a multipart boundary), never for what the arguments determine.
    pub captured: &'a [Value],
    /// The negotiated API version.
    pub version: &'a ApiVersion,
    /// The configuration (domain, group, vfolder mounts).
    pub config: &'a ApiConfig,
}

impl Call<'_> {
    /// Positional argument `i` as a string.
    pub fn s(&self, i: usize) -> Result<String, String> {
        self.args
            .get(i)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("argument {i} is not a string"))
    }

    /// Positional argument `i` as a list of strings.
    pub fn strs(&self, i: usize) -> Result<Vec<String>, String> {
        self.args
            .get(i)
            .and_then(Value::as_array)
            .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_owned)).collect())
            .ok_or_else(|| format!("argument {i} is not a list of strings"))
    }

    /// Keyword argument `k` as a string.
    pub fn kw(&self, k: &str) -> Result<String, String> {
        self.kwargs
            .get(k)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("keyword argument {k:?} is not a string"))
    }
}

/// What a module made of a call.
pub enum Mapped {
    /// The SDK's requests for the call, in order.
    Requests(Vec<ApiRequest>),
    /// Why the SDK has no such call (or refuses it at this version).
    Unsupported {
        /// The reason, one line.
        why: String,
        /// The kind of the SDK's own error (`Unsupported` for a call the negotiated version
        /// does not have); `None` when the SDK has no such call at all.
        kind: Option<ErrorKind>,
    },
}

/// Why a module gives no requests for a call.
pub enum Refusal {
    /// The module has no such method.
    NoMethod,
    /// The captured arguments do not fit the SDK's call.
    Why(String),
    /// The SDK refused the call (e.g. `ErrorKind::Unsupported` at this API version).
    Sdk(backendai_sdk::Error),
}

impl From<String> for Refusal {
    fn from(why: String) -> Self {
        Refusal::Why(why)
    }
}

impl From<&str> for Refusal {
    fn from(why: &str) -> Self {
        Refusal::Why(why.to_owned())
    }
}

impl From<backendai_sdk::Error> for Refusal {
    fn from(e: backendai_sdk::Error) -> Self {
        Refusal::Sdk(e)
    }
}

/// What a class module returns for one call.
pub type Built = Result<Vec<ApiRequest>, Refusal>;

/// One request.
pub fn one(req: ApiRequest) -> Built {
    Ok(vec![req])
}

/// Maps the calls of one Python class.
pub type ClassMap = fn(&Call<'_>) -> Built;

/// The table: Python class → the module that maps its methods.
pub const CLASSES: &[(&str, ClassMap)] = &[
    ("Admin", admin::admin),
    ("Agent", admin::agent),
    ("AgentWatcher", admin::agent_watcher),
    ("Auth", admin::auth),
    ("ComputeSession", compute_session::build),
    ("Domain", admin::domain),
    ("Dotfile", templates::dotfile),
    ("EtcdConfig", admin::etcd_config),
    ("Group", admin::group),
    ("Image", admin::image),
    ("KeyPair", admin::keypair),
    ("KeypairResourcePolicy", admin::keypair_resource_policy),
    ("Manager", admin::manager),
    ("Model", serving::model),
    ("Permission", system::permission),
    ("Resource", admin::resource),
    ("ScalingGroup", admin::scaling_group),
    ("ServerLog", server_log::build),
    ("Service", serving::service),
    ("SessionTemplate", templates::session_template),
    ("Storage", admin::storage),
    ("System", system::system),
    ("User", admin::user),
    ("VFolder", vfolder::build),
];

/// Maps one call.
pub fn build(call: &Call<'_>) -> Mapped {
    let no_call = |why: String| Mapped::Unsupported { why, kind: None };
    let Some((_, module)) = CLASSES.iter().find(|(c, _)| *c == call.class) else {
        return no_call(format!("the SDK has no group for {}", call.class));
    };
    match module(call) {
        Ok(reqs) => Mapped::Requests(reqs),
        Err(Refusal::NoMethod) => no_call(format!(
            "the SDK has no call for {}.{}",
            call.class, call.method
        )),
        Err(Refusal::Why(why)) => no_call(why),
        Err(Refusal::Sdk(e)) => Mapped::Unsupported {
            why: e.to_string(),
            kind: Some(e.kind()),
        },
    }
}
