//! CSV exports of the 26.9 manager (`ExportClient` of the Python v2 SDK, `/export/...`):
//! the report catalogue and the CSV downloads. On a server older than 26.9 every call fails
//! with the typed "not supported by this server" error before anything is sent.

use backendai_core::dto::ExportReportEnvelope;
pub use backendai_core::dto::{ExportCsvRequest, ExportReport, ExportReportList};
use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::groups::rest_v9::{require_v9, with_body};
use crate::groups::v26::call;
use crate::request::ApiRequest;

const WHAT: &str = "CSV export (API v9)";

/// The reports a CSV can be downloaded for, by their path segment.
pub const CSV_REPORTS: &[&str] = &["users", "sessions", "projects", "keypairs", "audit-logs"];

/// `GET /export/reports`.
pub fn list_reports_request(v: &ApiVersion) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::get("/export/reports"))
}

fn check_report(report: &str) -> Result<()> {
    let ok = !report.is_empty()
        && report
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid report key {report:?}"),
        ))
    }
}

/// `GET /export/reports/{report_key}`.
pub fn get_report_request(v: &ApiVersion, report_key: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    check_report(report_key)?;
    Ok(ApiRequest::get(format!("/export/reports/{report_key}")))
}

/// `POST /export/{report}/csv` with the columns, filter and order (`report` one of
/// [`CSV_REPORTS`]).
pub fn csv_request(v: &ApiVersion, report: &str, body: &ExportCsvRequest) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    if !CSV_REPORTS.contains(&report) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!(
                "unknown export report {report:?} (one of: {})",
                CSV_REPORTS.join(", ")
            ),
        ));
    }
    with_body(ApiRequest::post(format!("/export/{report}/csv")), body)
}

impl Client {
    /// The CSV export API group (26.9).
    pub fn exports(&self) -> Exports<'_> {
        Exports { client: self }
    }
}

/// The CSV export API group (26.9 `ExportClient`).
#[derive(Debug, Clone, Copy)]
pub struct Exports<'a> {
    client: &'a Client,
}

impl Exports<'_> {
    /// The reports that can be exported.
    pub async fn list_reports(&self) -> Result<Vec<ExportReport>> {
        let r: ExportReportList = call(self.client, list_reports_request).await?;
        Ok(r.reports)
    }

    /// One report and its columns.
    pub async fn get_report(&self, report_key: &str) -> Result<ExportReport> {
        let r: ExportReportEnvelope =
            call(self.client, |v| get_report_request(v, report_key)).await?;
        Ok(r.report)
    }

    /// The CSV of `report` (bytes as the server sent them, in the requested encoding).
    pub async fn csv(&self, report: &str, body: &ExportCsvRequest) -> Result<bytes::Bytes> {
        let v = self.client.api_version().await?;
        let resp = self.client.send(csv_request(&v, report, body)?).await?;
        Ok(resp.body)
    }
}
