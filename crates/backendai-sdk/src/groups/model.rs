//! Models (`Model` of the Python client): a model is a vfolder with `usage_mode` `model`
//! whose versions are the directories under `versions/`.
//!
//! Folder requests reuse the VFolder group's builders ([`super::vfolder::requests`]) and its
//! storage-proxy transfers; only the model-specific shapes are built here (the composed
//! list filter, the `{"id"}` body of delete, the `versions` directory).

use std::path::{Path, PathBuf};

use backendai_core::ApiVersion;
use futures_util::{Stream, TryStreamExt};
use serde_json::json;

use super::vfolder::requests as vf;
use super::vfolder::{
    CreateVFolder, DownloadItem, FileEntry, FileReport, Permission, UploadItem, UsageMode,
};
use crate::client::Client;
use crate::error::Result;
use crate::paginate::{self, PaginatedQuery, PaginatedResult};
use crate::request::ApiRequest;
use crate::transfer::TransferOptions;
pub use backendai_core::dto::{ModelInfo, ModelListItem, VFolderCreated};

/// Fields `Model.paginated_list` selects by default.
pub const DEFAULT_LIST_FIELDS: &[&str] = &["id", "name", "created_at", "status"];

/// The directory holding a model's versions.
pub const VERSIONS_DIR: &str = "versions";

/// Arguments of `Model.create` (defaults as in the Python client: `rw`, quota `"0"`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CreateModel {
    /// Model (folder) name.
    pub name: String,
    /// Storage host; `None` = the manager's default.
    pub host: Option<String>,
    /// Unmanaged path (admins).
    pub unmanaged_path: Option<String>,
    /// Project (group) id or name for a project model.
    pub group: Option<String>,
    /// Folder permission.
    pub permission: Permission,
    /// Quota as the manager parses it (`None` = `"0"`, unlimited).
    pub quota: Option<String>,
    /// Whether the folder can be cloned.
    pub cloneable: bool,
}

impl CreateModel {
    /// A model folder with the default settings.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    fn folder(&self) -> CreateVFolder {
        CreateVFolder {
            name: self.name.clone(),
            host: self.host.clone(),
            unmanaged_path: self.unmanaged_path.clone(),
            group: self.group.clone(),
            usage_mode: UsageMode::Model,
            permission: self.permission,
            quota: self.quota.clone(),
            cloneable: self.cloneable,
        }
    }
}

/// The filter `Model.paginated_list` sends: the caller's, and-ed with `usage_mode == "MODEL"`.
pub fn composed_filter(filter: Option<&str>) -> String {
    match filter.filter(|f| !f.is_empty()) {
        Some(f) => format!("({f}) & (usage_mode == \"MODEL\")"),
        None => "(usage_mode == \"MODEL\")".to_owned(),
    }
}

/// `vfolder_list(limit, offset, filter, order)` on model folders, with `fields`.
pub fn list_query(filter: Option<&str>, order: Option<&str>, fields: &[&str]) -> PaginatedQuery {
    PaginatedQuery::new("vfolder_list", fields)
        .filter_order(Some(composed_filter(filter).as_str()), order)
}

/// The two requests of `Model.create`: `POST /folders` (usage mode `model`), then `mkdir
/// versions` (parents, exist_ok) in the new folder.
pub fn create_requests(v: &ApiVersion, params: &CreateModel) -> [ApiRequest; 2] {
    [
        vf::create(v, &params.folder()),
        vf::mkdir(v, &params.name, VERSIONS_DIR, true, true),
    ]
}

/// The two requests of `Model.info`: the folder, then the listing of `versions`.
pub fn info_requests(v: &ApiVersion, model: &str) -> [ApiRequest; 2] {
    [vf::info(v, model), vf::list_files(v, model, VERSIONS_DIR)]
}

/// `DELETE /folders/{model} {"id": model}` (26.9: `DELETE /folders {"id"}`).
pub fn delete_request(v: &ApiVersion, model: &str) -> ApiRequest {
    if vf::addresses_by_id(v) {
        return vf::delete_by_id(model);
    }
    ApiRequest::delete(vf::folder_path(model, "")).json(json!({ "id": model }))
}

/// The versions among the entries of `versions/`: directory names, greatest first.
pub fn versions_of(entries: &[FileEntry]) -> Vec<String> {
    let mut versions: Vec<String> = entries
        .iter()
        .filter(|e| e.is_dir())
        .map(|e| e.name.clone())
        .collect();
    versions.sort_by(|a, b| b.cmp(a));
    versions
}

/// The path of `file` inside version `version` of a model.
pub fn version_path(version: &str, file: &str) -> String {
    format!(
        "{VERSIONS_DIR}/{}/{}",
        version.trim_matches('/'),
        file.trim_start_matches('/')
    )
}

impl Client {
    /// The model API group (model folders).
    pub fn models(&self) -> Models<'_> {
        Models { client: self }
    }
}

/// The model API group (`Model`), borrowed from a [`Client`].
#[derive(Debug, Clone, Copy)]
pub struct Models<'a> {
    client: &'a Client,
}

impl Models<'_> {
    /// One page of models with `fields` ([`DEFAULT_LIST_FIELDS`] is the Python selection).
    pub async fn paginated_list(
        &self,
        filter: Option<&str>,
        order: Option<&str>,
        fields: &[&str],
        offset: u64,
        page_size: u32,
    ) -> Result<PaginatedResult<ModelListItem>> {
        let q = list_query(filter, order, fields);
        paginate::fetch_page(self.client, &q, offset, page_size).await
    }

    /// Every model the caller sees, fetched page by page.
    pub fn stream(
        &self,
        filter: Option<&str>,
        order: Option<&str>,
        page_size: u32,
    ) -> impl Stream<Item = Result<ModelListItem>> + Send + 'static {
        paginate::stream(
            self.client.clone(),
            list_query(filter, order, DEFAULT_LIST_FIELDS),
            page_size,
        )
    }

    /// Every model the caller sees (the Python client's `Model.list` sends nothing and
    /// returns `None`; this one lists).
    pub async fn list(&self) -> Result<Vec<ModelListItem>> {
        self.stream(None, None, paginate::DEFAULT_PAGE_SIZE)
            .try_collect()
            .await
    }

    /// Creates a model folder and its `versions` directory.
    pub async fn create(&self, params: &CreateModel) -> Result<VFolderCreated> {
        let v = self.client.api_version().await?;
        let created: VFolderCreated = self.client.vfolders().create(&params.folder()).await?;
        let folder = self.client.vfolders().folder_ref(&v, &created.name).await?;
        self.client
            .send(vf::mkdir(&v, &folder, VERSIONS_DIR, true, true))
            .await?;
        Ok(created)
    }

    /// The model folder with its versions. A folder without `versions/` is reported as the
    /// manager reports the missing directory (the Python CLI calls that "not a valid model
    /// storage").
    pub async fn info(&self, model: &str) -> Result<ModelInfo> {
        let vfs = self.client.vfolders();
        let v = self.client.api_version().await?;
        let folder = vfs.folder_ref(&v, model).await?;
        let [info, _] = info_requests(&v, &folder);
        let mut info: ModelInfo = self.client.json(info).await?;
        let entries = vfs.list_files(&folder, VERSIONS_DIR).await?;
        info.versions = versions_of(&entries);
        Ok(info)
    }

    /// Deletes a model folder (to the trash bin on 23.09+).
    pub async fn delete(&self, model: &str) -> Result<()> {
        let v = self.client.api_version().await?;
        let folder = self.client.vfolders().folder_ref(&v, model).await?;
        self.client
            .send(delete_request(&v, &folder))
            .await
            .map(|_| ())
    }

    /// Uploads local files (paths relative to `base_dir`) into version `version` of a model,
    /// keeping their relative paths, through the VFolder group's storage-proxy uploads.
    pub async fn upload(
        &self,
        model: &str,
        version: &str,
        base_dir: &Path,
        files: &[PathBuf],
        opts: &TransferOptions,
    ) -> Result<Vec<FileReport>> {
        let items: Vec<UploadItem> = files
            .iter()
            .map(|f| UploadItem {
                local: base_dir.join(f),
                remote: version_path(version, &f.to_string_lossy().replace('\\', "/")),
            })
            .collect();
        self.client
            .vfolders()
            .upload_files(model, &items, opts)
            .await
    }

    /// Downloads files of version `version` of a model into `base_dir` (keeping their
    /// paths relative to the version), through the VFolder group's downloads.
    pub async fn download(
        &self,
        model: &str,
        version: &str,
        base_dir: &Path,
        files: &[String],
        opts: &TransferOptions,
    ) -> Result<Vec<FileReport>> {
        let items: Vec<DownloadItem> = files
            .iter()
            .map(|f| DownloadItem {
                remote: version_path(version, f),
                local: base_dir.join(f.trim_start_matches('/')),
            })
            .collect();
        self.client
            .vfolders()
            .download_files(model, &items, opts)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, kind: &str) -> FileEntry {
        FileEntry {
            name: name.into(),
            type_: Some(kind.into()),
            ..FileEntry::default()
        }
    }

    #[test]
    fn the_filter_is_and_ed_with_the_model_usage_mode() {
        assert_eq!(composed_filter(None), "(usage_mode == \"MODEL\")");
        assert_eq!(
            composed_filter(Some("name == \"x\"")),
            "(name == \"x\") & (usage_mode == \"MODEL\")"
        );
    }

    #[test]
    fn versions_are_directories_greatest_first() {
        let entries = [
            entry("1", "DIRECTORY"),
            entry("README", "FILE"),
            entry("2", "DIRECTORY"),
        ];
        assert_eq!(versions_of(&entries), ["2", "1"]);
    }

    #[test]
    fn files_go_under_their_version() {
        assert_eq!(version_path("v1/", "/a/b.bin"), "versions/v1/a/b.bin");
    }
}
