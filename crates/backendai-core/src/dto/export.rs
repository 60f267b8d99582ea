//! CSV exports of the 26.9 manager (`/export/...`, `ai.backend.common.dto.manager.export`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::Extra;

/// One exportable column of a report (`ExportFieldInfo`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportField {
    /// Key to name in `fields`.
    #[serde(default)]
    pub key: String,
    /// Column header.
    #[serde(default)]
    pub name: String,
    /// What the column holds.
    #[serde(default)]
    pub description: String,
    /// `string`, `integer`, `datetime`, ...
    #[serde(default)]
    pub field_type: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A report that can be exported (`ExportReportInfo`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportReport {
    /// `users`, `sessions`, `projects`, `keypairs`, `audit-logs`, ...
    #[serde(default)]
    pub report_key: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// What it contains.
    #[serde(default)]
    pub description: String,
    /// Its columns.
    #[serde(default)]
    pub fields: Vec<ExportField>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"reports": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportReportList {
    /// The reports.
    #[serde(default)]
    pub reports: Vec<ExportReport>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"report": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportReportEnvelope {
    /// The report.
    pub report: ExportReport,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Body of a `POST /export/<report>/csv`: columns, filter, order and encoding; all optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportCsvRequest {
    /// Column keys; all columns when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<String>>,
    /// Report-specific filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Value>,
    /// List of `{"field", "direction"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<Value>,
    /// `utf-8` (server default) or `euc-kr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}
