//! Serde data types for the JSON objects the API exchanges (api-catalog.md §2-3,
//! protocol.md §7-10).
//!
//! # Where a new type goes
//!
//! * **Here**, in the file of its API group (`dto::session`, `dto::vfolder`,
//!   `dto::admin::<group>` beside `backendai_sdk::groups::admin::<group>`), when it is a wire
//!   DTO: the shape of something that crosses the wire to a Backend.AI server (a response, a
//!   GraphQL node, a request body, a stream frame). Re-export it flat from this module.
//! * **In the SDK group module** when it is anything else: parameters a caller fills and the
//!   SDK turns into a request (`CreateParams`, `ListParams`, `*ListOptions`), request
//!   builders, client methods, handles and streams. A group module that returns a DTO
//!   re-exports it (`pub use backendai_core::dto::User;`), so callers may name it from either
//!   place, but it is defined only here.
//! * Not DTOs, so not here: files the SDK writes itself (the cookie jar), and the AIME API's
//!   types (another server, behind the SDK's `aime` feature: `backendai_sdk::aime`).
//!
//! Still to move under this rule (defined in the SDK today): the vfolder group's `FileEntry`
//! (a twin of [`VFolderFileEntry`] with other field types: merging them changes the SDK's
//! API).
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
mod auto_scaling;
mod common;
mod container_registry;
mod deployment;
mod deployment_requests;
mod dotfile;
mod export;
mod fair_share;
mod image_rest;
mod logs;
mod model;
mod network;
mod notification;
mod prometheus_query_definition;
mod pyrepr;
mod quota_scope;
mod resource_usage;
mod scheduling_history;
mod search_query;
mod service;
mod session;
mod session_template;
mod user_resource_policy;
mod v26_paging;
mod vfolder;

pub use admin::{
    Agent, Announcement, AuthorizeResponse, CheckPresetsResult, Domain, DomainCreate, DomainUpdate,
    Group, GroupCreate, GroupUpdate, Image, KeyPair, KeyPairCreate, KeyPairCredentials,
    KeyPairUpdate, KeypairResourcePolicy, LicenseInfo, LoginStatus, ManagerStatus, ManagerVersion,
    Raw, ResourcePolicyCreate, ResourcePolicyUpdate, ResourcePreset, ResourcePresets, ScalingGroup,
    ScalingGroupCreate, ScalingGroupSlots, ScalingGroupUpdate, StorageVolume, User, UserCreate,
    UserGroup, UserUpdate, VfolderHostPermissions,
};
pub use auto_scaling::{
    AutoScalingRule, AutoScalingRuleEnvelope, AutoScalingRuleInput, AutoScalingRuleList,
    EndpointAutoScalingRule,
};
pub use common::{Extra, MutationResult, NumText, OrderedMap, PaginatedResult, ResourceSlots};
pub use container_registry::{
    ContainerRegistry, ContainerRegistryInput, ContainerRegistryList, ImageOperationRequest,
};
pub use deployment::{
    ClusterConfig, Deployment, DeploymentEnvelope, DeploymentList, DeploymentPolicy,
    DeploymentPolicyEnvelope, DeploymentPolicyList, ModelMountConfig, ModelRuntimeConfig,
    NetworkConfig, ReplicaState, ResourceConfig, Revision, RevisionEnvelope, RevisionList, Route,
    RouteEnvelope, RouteList,
};
pub use deployment_requests::{
    AddRevisionRequest, BlueGreenConfig, CreateDeploymentRequest, DeploymentMetadataInput,
    DeploymentStrategyInput, NetworkAccessInput, RevisionInput, RollingUpdateConfig,
    UpdateDeploymentRequest, UpdateRouteTrafficStatusRequest, UpsertDeploymentPolicyRequest,
};
pub use dotfile::Dotfile;
pub use export::{
    ExportCsvRequest, ExportField, ExportReport, ExportReportEnvelope, ExportReportList,
};
pub use fair_share::{
    BulkUpsertWeightRequest, BulkUpsertWeightResponse, DomainFairShare, FairShareCalculation,
    FairShareFilter, FairShareSearchRequest, FairShareSpec, ProjectFairShare,
    ResourceGroupFairShare, ResourceGroupFairShareList, ResourceGroupFairShareSpec,
    ResourceSlotEntry, ResourceSlotList, ResourceWeightInput, UpdateFairShareSpecRequest,
    UpsertWeightRequest, UserFairShare, WeightEntry,
};
pub use image_rest::{
    ImageAliasResult, ImageRecord, ImageRecordEnvelope, ImageRecordList, ImageResourceLimit,
    KeyValue,
};
pub use logs::{ErrorLog, ErrorLogPage};
pub use model::{ModelInfo, ModelListItem};
pub use network::Network;
pub use notification::{
    ChannelValidation, NotificationChannel, NotificationChannelEnvelope, NotificationChannelInput,
    NotificationChannelList, NotificationRule, NotificationRuleEnvelope, NotificationRuleInput,
    NotificationRuleList, NotificationRuleTypeSchema, NotificationRuleTypes, RuleValidation,
};
pub use prometheus_query_definition::{
    MetricLabel, MetricSample, MetricSeries, QueryDefinition, QueryDefinitionCreate,
    QueryDefinitionDeleted, QueryDefinitionFilter, QueryDefinitionList, QueryDefinitionOptions,
    QueryDefinitionOptionsUpdate, QueryDefinitionSearchRequest, QueryDefinitionUpdate,
    QueryExecuteData, QueryExecuteOptions, QueryExecuteRequest, QueryExecuteResponse,
    QueryTimeRange,
};
pub use pyrepr::{loose_json, parse_python_literal};
pub use quota_scope::{
    QuotaScope, QuotaScopeFilter, QuotaScopeList, QuotaScopeResponse, QuotaScopeSearchRequest,
    SetQuotaRequest,
};
pub use resource_usage::{UsageBucket, UsageBucketMetadata};
pub use scheduling_history::{
    SchedulingHistory, SchedulingHistoryFilter, SchedulingHistorySearchRequest, SchedulingSubStep,
};
pub use search_query::{
    DateRangeFilter, ItemResponse, Pagination, SearchOrder, SearchRequest, SearchResponse,
    StringFilter, UuidFilter,
};
pub use service::{
    ServiceActiveRoute, ServiceCreateConfig, ServiceCreateRequest, ServiceCreated, ServiceEndpoint,
    ServiceInfo, ServiceListItem, ServiceRouting, ServiceScaled, ServiceSuccess, ServiceToken,
};
pub use session::{
    AbusingReport, BackgroundTaskEventData, CommitResult, CompleteOptions, ConsoleItem,
    ContainerStats, DependencyGraph, DestroyResponse, ExecFile, ExecutionMode, ExecutionOptions,
    ExecutionQuery, ExecutionResponse, ExecutionResult, ExecutionStatus, FileListing, PtyRequest,
    ServicePort, SessionCreateRequest, SessionCreateResponse, SessionCreationConfig,
    SessionEventData, SessionFileEntry, SessionFilesResponse, SessionInfo, SessionLogs,
    SessionStatus, StartServiceResponse, StatMetric, StatusHistory,
};
pub use session_template::{
    SessionTemplateCreated, SessionTemplateInfo, SessionTemplateListItem, TemplateDocument,
};
pub use user_resource_policy::{
    DeletePolicyRequest, DeletedResponse, UserResourcePolicy, UserResourcePolicyCreate,
    UserResourcePolicyFilter, UserResourcePolicySearchRequest, UserResourcePolicyUpdate,
};
pub use v26_paging::{CursorPageInfo, Deleted, SearchBody, Success};
pub use vfolder::{
    Fstab, HostMounts, NodeMounts, SharedVFolder, TransferToken, VFolderCreated, VFolderFileEntry,
    VFolderHosts, VFolderInfo, VFolderInvitation, VFolderListItem, VFolderMessage, VFolderNode,
    VFolderShared, VFolderUnshared, VolumePerf, VolumePerfMetric,
};

/// App list of `GET /stream/session/{name}/apps`.
pub type AppList = Vec<ServicePort>;
