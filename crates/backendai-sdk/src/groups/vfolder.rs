//! Virtual folders (`/folders/...`) and storage-proxy transfers.
//!
//! Reach it with [`Client::vfolders`]. Request construction lives in [`requests`] (pure
//! functions, replay-tested against the captures); the methods here pick the form for the
//! negotiated API version, send, and decode. From API v9 (26.9) folders are addressed by id:
//! methods taking a folder name resolve it with `GET /folders/_/id` first (a value that already
//! looks like an id is used as is).
//!
//! Uploads and downloads go through the storage-proxy ([`crate::transfer`]): files are
//! streamed from and to disk, several at a time, with progress reports, resumed after
//! interruptions, and their sizes verified.

mod hosts;
pub mod requests;
mod sharing;

use std::path::{Path, PathBuf};

use backendai_core::dto::TransferToken;
use backendai_core::error::ErrorKind;
use backendai_core::{ApiVersion, Secret};
use futures_util::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::ApiRequest;
use crate::transfer::{open_with_retries, TransferClient, TransferOptions, TransferTarget};
pub use backendai_core::dto::{
    Fstab, HostMounts, NodeMounts, SharedVFolder, VFolderCreated, VFolderHosts, VFolderInfo,
    VFolderInvitation as Invitation, VFolderListItem, VFolderMessage, VFolderNode, VFolderShared,
    VFolderUnshared, VolumePerf, VolumePerfMetric,
};
pub use requests::{CloneVFolder, CreateVFolder, ListKind, PageArgs, Permission, UsageMode};

/// One folder in `GET /folders` (the core DTO under its SDK name).
pub type VFolderSummary = VFolderListItem;

/// A page of a GraphQL folder list (items with the selected fields).
pub type Page = crate::paginate::PaginatedResult<VFolderNode>;

/// The VFolder API group, borrowed from a [`Client`].
#[derive(Debug, Clone, Copy)]
pub struct VFolders<'a> {
    client: &'a Client,
}

impl Client {
    /// The VFolder API group (`/folders`).
    pub fn vfolders(&self) -> VFolders<'_> {
        VFolders { client: self }
    }
}

/// One entry of `GET /folders/<name>/files`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// File name.
    #[serde(default, alias = "filename")]
    pub name: String,
    /// `FILE`, `DIRECTORY`, `SYMLINK` (23.09+).
    #[serde(default, rename = "type")]
    pub type_: Option<String>,
    /// Size in bytes.
    #[serde(default)]
    pub size: u64,
    /// Mode (`644` on 23.09, `-rw-r--r--` in the legacy listing).
    #[serde(default)]
    pub mode: Option<String>,
    /// Creation time (ISO 8601, 23.09+).
    #[serde(default)]
    pub created: Option<String>,
    /// Modification time (ISO 8601, 23.09+).
    #[serde(default)]
    pub modified: Option<String>,
    /// Every other field, kept.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl FileEntry {
    /// True for directories.
    pub fn is_dir(&self) -> bool {
        self.type_.as_deref() == Some("DIRECTORY")
            || self.mode.as_deref().is_some_and(|m| m.starts_with('d'))
    }
}

#[derive(Deserialize)]
struct FilesAnswer {
    #[serde(default)]
    items: Option<Vec<FileEntry>>,
    #[serde(default)]
    files: Option<String>,
}

#[derive(Deserialize)]
struct InvitationsAnswer {
    #[serde(default)]
    invitations: Vec<Invitation>,
}

/// A file to upload: a local path and its path inside the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadItem {
    /// Local file.
    pub local: PathBuf,
    /// Path inside the folder (`/`-separated, relative).
    pub remote: String,
}

/// A file to download: its path inside the folder and where to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadItem {
    /// Path inside the folder.
    pub remote: String,
    /// Local destination file.
    pub local: PathBuf,
}

/// The outcome of one transferred file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// Path inside the folder.
    pub remote: String,
    /// Local file.
    pub local: PathBuf,
    /// Bytes transferred and verified.
    pub bytes: u64,
}

/// An open upload session: what is needed to (re)send a file later with
/// [`VFolders::resume_upload`].
#[derive(Debug, Clone)]
pub struct UploadSession {
    /// The storage-proxy target (URL after the address map, token, announced size).
    pub target: TransferTarget,
    /// Local file.
    pub local: PathBuf,
}

fn looks_like_id(s: &str) -> bool {
    let hex = requests::id_hex(s);
    hex.len() == 32
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && (s.len() == 32 || s.len() == 36)
}

fn json_or_null(resp: &crate::response::Response) -> Value {
    serde_json::from_slice(&resp.body).unwrap_or(Value::Null)
}

impl<'a> VFolders<'a> {
    /// The client this group uses.
    pub fn client(&self) -> &'a Client {
        self.client
    }

    async fn version(&self) -> Result<ApiVersion> {
        self.client.api_version().await
    }

    /// The path segment for `folder` under `v`: the name, or from v9 on the id.
    pub async fn folder_ref(&self, v: &ApiVersion, folder: &str) -> Result<String> {
        if !requests::addresses_by_id(v) {
            return Ok(folder.to_owned());
        }
        if looks_like_id(folder) {
            return Ok(requests::id_hex(folder));
        }
        self.get_id(folder).await
    }

    /// The server's API version and the reference of `folder` for it ([`VFolders::folder_ref`]).
    async fn resolve(&self, folder: &str) -> Result<(ApiVersion, String)> {
        let v = self.version().await?;
        let f = self.folder_ref(&v, folder).await?;
        Ok((v, f))
    }

    /// Resolves a folder name to its id, 32-hex form (`GET /folders/_/id`, 26.9+).
    pub async fn get_id(&self, name: &str) -> Result<String> {
        let v: Value = self.client.json(requests::get_id(name)).await?;
        let id = v.get("id").and_then(Value::as_str).ok_or_else(|| {
            Error::new(
                ErrorKind::Decode,
                format!("the server returned no id for folder {name:?}"),
            )
        })?;
        Ok(requests::id_hex(id))
    }

    async fn value(&self, req: ApiRequest) -> Result<Value> {
        let resp = self.client.send(req).await?;
        Ok(json_or_null(&resp))
    }

    /// Creates a folder; returns the server's description of it.
    pub async fn create(&self, args: &CreateVFolder) -> Result<VFolderCreated> {
        let v = self.version().await?;
        self.client.json(requests::create(&v, args)).await
    }

    /// Lists the caller's folders (`all`: every folder, admins only).
    pub async fn list(&self, all: bool) -> Result<Vec<VFolderSummary>> {
        let v = self.version().await?;
        self.client.json(requests::list(&v, all)).await
    }

    /// Storage hosts the caller may use.
    pub async fn list_hosts(&self) -> Result<VFolderHosts> {
        self.client.json(requests::list_hosts()).await
    }

    /// Every storage host (superadmin).
    pub async fn list_all_hosts(&self) -> Result<VFolderHosts> {
        self.client.json(requests::list_all_hosts()).await
    }

    /// Folder types the caller may create (`user`, `group`).
    pub async fn list_allowed_types(&self) -> Result<Vec<String>> {
        self.client.json(requests::list_allowed_types()).await
    }

    /// Details of one folder.
    pub async fn info(&self, folder: &str) -> Result<VFolderInfo> {
        let (v, f) = self.resolve(folder).await?;
        self.client.json(requests::info(&v, &f)).await
    }

    /// Deletes a folder (23.09+: moves it to the trash bin).
    pub async fn delete(&self, folder: &str) -> Result<()> {
        let (v, f) = self.resolve(folder).await?;
        self.client.send(requests::delete(&v, &f)).await?;
        Ok(())
    }

    /// Deletes a folder by id (`DELETE /folders {"id"}`).
    pub async fn delete_by_id(&self, id: &str) -> Result<()> {
        self.client.send(requests::delete_by_id(id)).await?;
        Ok(())
    }

    /// Purges a trashed folder for good (26.9+; older servers: `Unsupported`, nothing sent).
    pub async fn purge(&self, folder: &str) -> Result<()> {
        let v = self.version().await?;
        requests::purge(&v, folder)?; // fails early on servers without a trash bin
        let id = self.folder_ref(&v, folder).await?;
        self.client.send(requests::purge(&v, &id)?).await?;
        Ok(())
    }

    /// Restores a trashed folder (26.9+; older servers: `Unsupported`, nothing sent).
    pub async fn recover(&self, folder: &str) -> Result<()> {
        let v = self.version().await?;
        requests::recover(&v, folder)?;
        let id = self.folder_ref(&v, folder).await?;
        self.client.send(requests::recover(&v, &id)?).await?;
        Ok(())
    }

    /// Restores a trashed folder: the 26.9 name of [`VFolders::recover`] (same request).
    pub async fn restore(&self, folder: &str) -> Result<()> {
        self.recover(folder).await
    }

    /// Deletes a trashed folder's data for good (`delete-from-trash-bin`, 26.9+; older
    /// servers: `Unsupported`, nothing sent).
    pub async fn delete_trash(&self, folder: &str) -> Result<()> {
        let v = self.version().await?;
        requests::delete_from_trash(&v, folder)?;
        let id = self.folder_ref(&v, folder).await?;
        self.client
            .send(requests::delete_from_trash(&v, &id)?)
            .await?;
        Ok(())
    }

    /// Renames a folder.
    pub async fn rename(&self, folder: &str, new_name: &str) -> Result<()> {
        let (v, f) = self.resolve(folder).await?;
        self.client.send(requests::rename(&v, &f, new_name)).await?;
        Ok(())
    }

    /// Changes a folder's permission and/or cloneable flag.
    pub async fn update_options(
        &self,
        folder: &str,
        permission: Option<Permission>,
        cloneable: Option<bool>,
    ) -> Result<()> {
        let (v, f) = self.resolve(folder).await?;
        self.client
            .send(requests::update_options(&v, &f, permission, cloneable))
            .await?;
        Ok(())
    }

    /// Creates a directory inside a folder.
    pub async fn mkdir(
        &self,
        folder: &str,
        path: &str,
        parents: bool,
        exist_ok: bool,
    ) -> Result<Value> {
        let (v, f) = self.resolve(folder).await?;
        self.value(requests::mkdir(&v, &f, path, parents, exist_ok))
            .await
    }

    /// Lists the files of a directory inside a folder (`"."` = the top).
    pub async fn list_files(&self, folder: &str, path: &str) -> Result<Vec<FileEntry>> {
        let (v, f) = self.resolve(folder).await?;
        let answer: FilesAnswer = self.client.json(requests::list_files(&v, &f, path)).await?;
        match (answer.items, answer.files) {
            (Some(items), _) => Ok(items),
            (None, Some(files)) => serde_json::from_str(&files).map_err(|e| {
                Error::new(
                    ErrorKind::Decode,
                    format!("invalid legacy file listing: {e}"),
                )
            }),
            (None, None) => Ok(Vec::new()),
        }
    }

    /// Renames a file or directory inside a folder (`new_name` is a name, not a path).
    pub async fn rename_file(&self, folder: &str, target_path: &str, new_name: &str) -> Result<()> {
        let (v, f) = self.resolve(folder).await?;
        self.client
            .send(requests::rename_file(&v, &f, target_path, new_name))
            .await?;
        Ok(())
    }

    /// Moves a file or directory inside a folder.
    pub async fn move_file(&self, folder: &str, src: &str, dst: &str) -> Result<()> {
        let v = self.version().await?;
        requests::move_file(&v, "_", src, dst)?; // fails early on 19.09
        let f = self.folder_ref(&v, folder).await?;
        self.client
            .send(requests::move_file(&v, &f, src, dst)?)
            .await?;
        Ok(())
    }

    /// Deletes files (and with `recursive`, directories) inside a folder.
    pub async fn delete_files(
        &self,
        folder: &str,
        files: &[String],
        recursive: bool,
    ) -> Result<()> {
        let (v, f) = self.resolve(folder).await?;
        self.client
            .send(requests::delete_files(&v, &f, files, recursive))
            .await?;
        Ok(())
    }

    /// Invites users (by e-mail) to a folder.
    pub async fn invite(&self, folder: &str, perm: Permission, emails: &[String]) -> Result<Value> {
        let (v, f) = self.resolve(folder).await?;
        self.value(requests::invite(&v, &f, perm, emails)).await
    }

    /// Invitations sent to the caller.
    pub async fn invitations(&self) -> Result<Vec<Invitation>> {
        let a: InvitationsAnswer = self.client.json(requests::invitations()).await?;
        Ok(a.invitations)
    }

    /// Accepts an invitation.
    pub async fn accept_invitation(&self, inv_id: &str) -> Result<()> {
        self.client
            .send(requests::accept_invitation(inv_id))
            .await?;
        Ok(())
    }

    /// Rejects (or, as the inviter, withdraws) an invitation.
    pub async fn reject_invitation(&self, inv_id: &str) -> Result<()> {
        self.client
            .send(requests::delete_invitation(inv_id))
            .await?;
        Ok(())
    }

    /// Clones a (cloneable) folder.
    pub async fn clone_folder(&self, folder: &str, args: &CloneVFolder) -> Result<Value> {
        let (v, f) = self.resolve(folder).await?;
        self.value(requests::clone(&v, &f, args)).await
    }

    // ----- storage-proxy transfers -------------------------------------------------------

    /// A storage-proxy client configured like this client (TLS, timeouts, address map).
    pub fn transfer_client(&self) -> TransferClient {
        TransferClient::from_config(self.client.config())
    }

    /// Asks the manager for a transfer token (`req`: `request-upload`/`request-download`)
    /// and turns it into a storage-proxy target for `remote`.
    async fn open_target(
        &self,
        tc: &TransferClient,
        req: ApiRequest,
        remote: &str,
        size: Option<u64>,
    ) -> Result<TransferTarget> {
        let a: TransferToken = self.client.json(req).await?;
        tc.target(&a.url, Secret::new(a.token), remote, size)
    }

    /// Opens an upload session for `remote` of `size` bytes (`request-upload`).
    pub async fn request_upload(
        &self,
        folder: &str,
        remote: &str,
        size: u64,
    ) -> Result<TransferTarget> {
        let (v, f) = self.resolve(folder).await?;
        let req = requests::request_upload(&v, &f, remote, size)?;
        self.open_target(&self.transfer_client(), req, remote, Some(size))
            .await
    }

    /// Opens a download session for `remote` (`request-download`).
    pub async fn request_download(&self, folder: &str, remote: &str) -> Result<TransferTarget> {
        let (v, f) = self.resolve(folder).await?;
        let req = requests::request_download(&v, &f, remote)?;
        self.open_target(&self.transfer_client(), req, remote, None)
            .await
    }

    /// Asks for a download token of `remote` without downloading (`request-download`): the
    /// storage-proxy URL and the JWT, for a later download by another program.
    pub async fn download_token(&self, folder: &str, remote: &str) -> Result<TransferToken> {
        let (v, f) = self.resolve(folder).await?;
        self.client
            .json(requests::request_download(&v, &f, remote)?)
            .await
    }

    /// Opens an upload session for a local file, without sending anything yet.
    pub async fn open_upload(&self, folder: &str, item: &UploadItem) -> Result<UploadSession> {
        let size = regular_file_size(&item.local).await?;
        let target = self.request_upload(folder, &item.remote, size).await?;
        Ok(UploadSession {
            target,
            local: item.local.clone(),
        })
    }

    /// Continues an interrupted upload session (asks the storage-proxy for its offset first).
    pub async fn resume_upload(
        &self,
        session: &UploadSession,
        opts: &TransferOptions,
    ) -> Result<u64> {
        self.transfer_client()
            .resume_upload(&session.target, &session.local, opts, 0)
            .await
    }

    /// Uploads files to a folder through the storage-proxy: up to `opts.parallel` at a time,
    /// each streamed from disk in `opts.chunk_size` requests, resumed after interruptions
    /// (up to `opts.max_retries`), with sizes verified. Progress goes to `opts.progress`
    /// (`index` = position in `items`). Parent directories inside the folder are created by
    /// the storage-proxy.
    pub async fn upload_files(
        &self,
        folder: &str,
        items: &[UploadItem],
        opts: &TransferOptions,
    ) -> Result<Vec<FileReport>> {
        let (v, f) = self.resolve(folder).await?;
        let tc = self.transfer_client();
        let (tc, f, v) = (&tc, f.as_str(), &v);
        each_file(items, opts, |index, item: &UploadItem| async move {
            let size = regular_file_size(&item.local).await?;
            let target = open_with_retries(opts, "upload", &item.remote, || async {
                let req = requests::request_upload(v, f, &item.remote, size)?;
                self.open_target(tc, req, &item.remote, Some(size)).await
            })
            .await?;
            let bytes = tc.upload(&target, &item.local, 0, opts, index).await?;
            Ok(FileReport::new(&item.remote, &item.local, bytes))
        })
        .await
    }

    /// Downloads files from a folder through the storage-proxy: up to `opts.parallel` at a
    /// time, streamed to disk, resumed with `Range` after interruptions, sizes verified.
    /// Refuses to replace existing local files unless `opts.overwrite` is set.
    pub async fn download_files(
        &self,
        folder: &str,
        items: &[DownloadItem],
        opts: &TransferOptions,
    ) -> Result<Vec<FileReport>> {
        let (v, f) = self.resolve(folder).await?;
        let tc = self.transfer_client();
        let (tc, f, v) = (&tc, f.as_str(), &v);
        each_file(items, opts, |index, item: &DownloadItem| async move {
            let target = open_with_retries(opts, "download", &item.remote, || async {
                let req = requests::request_download(v, f, &item.remote)?;
                self.open_target(tc, req, &item.remote, None).await
            })
            .await?;
            let bytes = tc.download(&target, &item.local, opts, index).await?;
            Ok(FileReport::new(&item.remote, &item.local, bytes))
        })
        .await
    }

    /// Uploads a directory tree: creates each directory with `mkdir` (parents, exist_ok),
    /// then uploads every regular file with [`VFolders::upload_files`]. `remote_base` is the
    /// destination directory inside the folder (`""` = the top).
    pub async fn upload_dir(
        &self,
        folder: &str,
        local_dir: &Path,
        remote_base: &str,
        opts: &TransferOptions,
    ) -> Result<Vec<FileReport>> {
        let mut dirs = Vec::new();
        let mut files = Vec::new();
        collect_tree(
            local_dir,
            remote_base.trim_matches('/'),
            &mut dirs,
            &mut files,
        )?;
        for d in &dirs {
            self.mkdir(folder, d, true, true).await?;
        }
        self.upload_files(folder, &files, opts).await
    }
}

impl FileReport {
    fn new(remote: &str, local: &Path, bytes: u64) -> Self {
        FileReport {
            remote: remote.to_owned(),
            local: local.to_owned(),
            bytes,
        }
    }
}

/// Runs `job(index, item)` for every item, up to `opts.parallel` at a time; the reports come
/// back in the order of `items`, the first error stops everything.
async fn each_file<'i, I, F, Fut>(
    items: &'i [I],
    opts: &TransferOptions,
    job: F,
) -> Result<Vec<FileReport>>
where
    F: Fn(usize, &'i I) -> Fut,
    Fut: std::future::Future<Output = Result<FileReport>>,
{
    let mut reports: Vec<(usize, FileReport)> =
        futures_util::stream::iter(items.iter().enumerate())
            .map(|(index, item)| {
                let report = job(index, item);
                async move { Ok::<_, Error>((index, report.await?)) }
            })
            .buffer_unordered(opts.parallel.max(1))
            .try_collect()
            .await?;
    reports.sort_by_key(|(i, _)| *i);
    Ok(reports.into_iter().map(|(_, r)| r).collect())
}

/// The size of a local regular file (`InvalidArgument` when unreadable or not a file).
async fn regular_file_size(path: &Path) -> Result<u64> {
    let meta = tokio::fs::metadata(path)
        .await
        .map_err(|e| cannot_read(path, e))?;
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("{} is not a regular file", path.display()),
        ));
    }
    Ok(meta.len())
}

fn cannot_read(path: &Path, e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        format!("cannot read {}: {e}", path.display()),
    )
}

fn join_remote(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_owned()
    } else {
        format!("{base}/{name}")
    }
}

fn collect_tree(
    dir: &Path,
    remote: &str,
    dirs: &mut Vec<String>,
    files: &mut Vec<UploadItem>,
) -> Result<()> {
    let rd = std::fs::read_dir(dir).map_err(|e| cannot_read(dir, e))?;
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let remote_path = join_remote(remote, &name);
        let ft = e.file_type().map_err(|err| cannot_read(&path, err))?;
        if ft.is_dir() {
            dirs.push(remote_path.clone());
            collect_tree(&path, &remote_path, dirs, files)?;
        } else if ft.is_file() {
            files.push(UploadItem {
                local: path,
                remote: remote_path,
            });
        }
    }
    Ok(())
}
