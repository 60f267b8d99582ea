//! Serde data types for the JSON objects the API exchanges (api-catalog.md §2-3,
//! protocol.md §7-10).
//!
//! Conventions:
//! * every object keeps unknown fields in `extra` (`#[serde(flatten)]`), so nothing the server
//!   sends is lost and `--output json` can print it back;
//! * numbers the manager sends as strings (decimals, big integers) are [`NumText`] and keep their
//!   exact text; [`ResourceSlots`] has helpers to read bytes / floats;
//! * status strings are enums with an `Unknown(String)` fallback;
//! * secrets are [`crate::Secret`] (masked in `Debug`, written out only when serialised);
//! * optional fields absent in the input are omitted on output (a `null` input becomes absent),
//!   except in request bodies, which mirror the Python client's explicit `null`s.

mod admin;
mod common;
mod pyrepr;
mod session;
mod vfolder;

pub use admin::{
    Announcement, AuthorizeResponse, CheckPresetsResult, KeyPair, KeyPairCredentials,
    ManagerStatus, ManagerVersion, Raw, ResourcePreset, ResourcePresets, ScalingGroupSlots,
};
pub use common::{Extra, MutationResult, NumText, OrderedMap, PaginatedResult, ResourceSlots};
pub use pyrepr::{loose_json, parse_python_literal};
pub use session::{
    BackgroundTaskEventData, ConsoleItem, ContainerStats, DestroyResponse, ExecFile, ExecutionMode,
    ExecutionOptions, ExecutionQuery, ExecutionResponse, ExecutionResult, ExecutionStatus,
    ServicePort, SessionCreateRequest, SessionCreateResponse, SessionCreationConfig,
    SessionEventData, SessionFileEntry, SessionFilesResponse, SessionInfo, SessionStatus,
    StartServiceResponse, StatMetric,
};
pub use vfolder::{
    Fstab, TransferToken, VFolderCreated, VFolderFileEntry, VFolderHosts, VFolderInfo,
    VFolderInvitation, VFolderListItem,
};

/// App list of `GET /stream/session/{name}/apps`.
pub type AppList = Vec<ServicePort>;
