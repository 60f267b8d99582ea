//! Request builders for the VFolder group: pure functions from arguments to [`ApiRequest`].
//!
//! No I/O happens here, so every request can be checked against the captures without a
//! network. The API version picks the wire form (spec/api-catalog.md, VFolder table):
//!
//! * v4 (19.09): `rename_file` / `delete_files` with underscores, `create` sends only
//!   `name`, `host`, `group`, `mkdir` sends only `path`.
//! * v7 (23.09): the reference form of the captures.
//! * v9 (26.9): folders are addressed by their id (32 hex digits); `delete`, `list_files`,
//!   `perf-metric`, `fstab` and the shared-folder info use the 26.9 forms.
//!
//! Every builder that takes a `folder` expects the path segment to use: the folder name up to
//! v8 and the folder id from v9 on ([`super::VFolders`] resolves names automatically).

use percent_encoding::{utf8_percent_encode, AsciiSet};
use serde_json::{json, Map, Value};

use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;

use crate::error::{Error, Result};
use crate::request::ApiRequest;

/// Characters percent-encoded in a folder path segment: the 26.9 groups' set plus the
/// brackets, `\`, `^` and `|`.
const SEGMENT: &AsciiSet = &crate::groups::rest_v9::SEGMENT_SET
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// True when folders are addressed by id instead of name (API v9, 26.9, and newer).
pub fn addresses_by_id(v: &ApiVersion) -> bool {
    v.major >= 9
}

/// True when the legacy underscore file-operation paths are used (API v4/v5, 19.09/20.03).
fn legacy_file_ops(v: &ApiVersion) -> bool {
    v.major < 6
}

/// `/folders/<folder>` plus an optional tail (`"files"`, `"rename"`, ...).
pub fn folder_path(folder: &str, tail: &str) -> String {
    let seg = utf8_percent_encode(folder, SEGMENT);
    if tail.is_empty() {
        format!("/folders/{seg}")
    } else {
        format!("/folders/{seg}/{tail}")
    }
}

/// Normalises a folder id to the 32-hex form the 26.9 API expects (dashes removed).
pub fn id_hex(id: &str) -> String {
    id.chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// A call the 19.09 manager (API v4) does not have (spec/api-catalog.md: absent in
/// 19.09.10): the transport refuses it there with `ErrorKind::Unsupported`, unsent.
fn after_v4(req: ApiRequest, what: &str) -> ApiRequest {
    req.requires(ApiVersion::new(5, "20191215"), what)
}

fn unsupported(what: &str, v: &ApiVersion) -> Error {
    Error::unsupported(what, v)
}

fn opt_str(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

/// Folder usage modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UsageMode {
    /// `general` (default).
    #[default]
    General,
    /// `model` (model store / serving).
    Model,
    /// `data`.
    Data,
}

impl UsageMode {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            UsageMode::General => "general",
            UsageMode::Model => "model",
            UsageMode::Data => "data",
        }
    }
}

impl std::str::FromStr for UsageMode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "general" => Ok(Self::General),
            "model" => Ok(Self::Model),
            "data" => Ok(Self::Data),
            other => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("unknown usage mode {other:?} (expected general, model or data)"),
            )),
        }
    }
}

/// Folder permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Permission {
    /// `ro`: read only.
    ReadOnly,
    /// `rw`: read and write (default).
    #[default]
    ReadWrite,
    /// `wd`: read, write and delete.
    ReadWriteDelete,
}

impl Permission {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::ReadOnly => "ro",
            Permission::ReadWrite => "rw",
            Permission::ReadWriteDelete => "wd",
        }
    }
}

impl std::str::FromStr for Permission {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "ro" => Ok(Self::ReadOnly),
            "rw" => Ok(Self::ReadWrite),
            "wd" => Ok(Self::ReadWriteDelete),
            other => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("unknown permission {other:?} (expected ro, rw or wd)"),
            )),
        }
    }
}

/// Arguments of `create`.
#[derive(Debug, Clone, Default)]
pub struct CreateVFolder {
    /// Folder name.
    pub name: String,
    /// Storage host (`proxy:volume`); `None` = the server's default.
    pub host: Option<String>,
    /// Unmanaged (host) path, superadmin only (23.09+).
    pub unmanaged_path: Option<String>,
    /// Group (project) name or id for a project folder; `None` = user folder.
    pub group: Option<String>,
    /// Usage mode (23.09+).
    pub usage_mode: UsageMode,
    /// Permission (23.09+).
    pub permission: Permission,
    /// Quota as the server parses it (`"0"` = unlimited, `"10g"`, ...), 23.09 only.
    pub quota: Option<String>,
    /// Whether the folder can be cloned (23.09+).
    pub cloneable: bool,
}

impl CreateVFolder {
    /// A folder with the default settings.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

/// `POST /folders`.
pub fn create(v: &ApiVersion, args: &CreateVFolder) -> ApiRequest {
    let mut body = Map::new();
    body.insert("name".into(), Value::String(args.name.clone()));
    body.insert("host".into(), opt_str(&args.host));
    if v.major < 5 {
        body.insert("group".into(), opt_str(&args.group));
    } else {
        body.insert("unmanaged_path".into(), opt_str(&args.unmanaged_path));
        body.insert("group".into(), opt_str(&args.group));
        body.insert("usage_mode".into(), args.usage_mode.as_str().into());
        body.insert("permission".into(), args.permission.as_str().into());
        if v.major < 9 {
            body.insert(
                "quota".into(),
                Value::String(args.quota.clone().unwrap_or_else(|| "0".to_owned())),
            );
        }
        body.insert("cloneable".into(), Value::Bool(args.cloneable));
    }
    ApiRequest::post("/folders").json(Value::Object(body))
}

/// `GET /folders` (`all`: every folder the caller may see, admins only).
pub fn list(_v: &ApiVersion, all: bool) -> ApiRequest {
    ApiRequest::get("/folders").json(json!({ "all": all }))
}

/// `GET /folders/_/hosts`.
pub fn list_hosts() -> ApiRequest {
    ApiRequest::get("/folders/_/hosts")
}

/// `GET /folders/_/all_hosts` (superadmin).
pub fn list_all_hosts() -> ApiRequest {
    ApiRequest::get("/folders/_/all_hosts")
}

/// `GET /folders/_/allowed_types`.
pub fn list_allowed_types() -> ApiRequest {
    ApiRequest::get("/folders/_/allowed_types")
}

/// `GET /folders/_/id {"name"}` (26.9): resolves a folder name to its id.
pub fn get_id(name: &str) -> ApiRequest {
    let req = ApiRequest::get("/folders/_/id").json(json!({ "name": name }));
    // 26.9 addresses folders by id; 23.09 and 19.09 have no such lookup.
    req.requires(
        ApiVersion::new(ApiVersion::V9_26_09.0, ApiVersion::V9_26_09.1),
        "looking up a vfolder id",
    )
}

/// `GET /folders/<folder>`.
pub fn info(_v: &ApiVersion, folder: &str) -> ApiRequest {
    ApiRequest::get(folder_path(folder, ""))
}

/// Deletes a folder (moves it to the trash bin on 23.09+): `DELETE /folders/<name>`, or
/// `DELETE /folders {"id"}` on 26.9.
pub fn delete(v: &ApiVersion, folder: &str) -> ApiRequest {
    if addresses_by_id(v) {
        delete_by_id(folder)
    } else {
        ApiRequest::delete(folder_path(folder, ""))
    }
}

/// `DELETE /folders {"id"}`.
pub fn delete_by_id(id: &str) -> ApiRequest {
    ApiRequest::delete("/folders").json(json!({ "id": id }))
}

/// `POST /folders/purge {"id"}` (26.9): deletes a trashed folder for good.
pub fn purge(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    if !addresses_by_id(v) {
        return Err(unsupported("vfolder purge", v));
    }
    Ok(ApiRequest::post("/folders/purge").json(json!({ "id": id })))
}

/// `POST /folders/restore-from-trash-bin {"id"}` (26.9): brings a trashed folder back.
pub fn recover(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    if !addresses_by_id(v) {
        return Err(unsupported("vfolder recover", v));
    }
    Ok(ApiRequest::post("/folders/restore-from-trash-bin").json(json!({ "id": id })))
}

/// `POST /folders/delete-from-trash-bin {"id"}` (26.9).
pub fn delete_from_trash(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    if !addresses_by_id(v) {
        return Err(unsupported("deleting from the vfolder trash bin", v));
    }
    Ok(ApiRequest::post("/folders/delete-from-trash-bin").json(json!({ "id": id })))
}

/// `DELETE /folders/<id>/force` (26.9).
pub fn force_delete(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    if !addresses_by_id(v) {
        return Err(unsupported("vfolder force-delete", v));
    }
    Ok(ApiRequest::delete(folder_path(id, "force")))
}

/// `POST /folders/<folder>/rename {"new_name"}`.
pub fn rename(_v: &ApiVersion, folder: &str, new_name: &str) -> ApiRequest {
    ApiRequest::post(folder_path(folder, "rename")).json(json!({ "new_name": new_name }))
}

/// `POST /folders/<folder>/update-options {"cloneable","permission"}` (23.09+).
pub fn update_options(
    _v: &ApiVersion,
    folder: &str,
    permission: Option<Permission>,
    cloneable: Option<bool>,
) -> ApiRequest {
    let req = ApiRequest::post(folder_path(folder, "update-options")).json(json!({
        "cloneable": cloneable,
        "permission": permission.map(Permission::as_str),
    }));
    after_v4(req, "updating vfolder options")
}

/// `POST /folders/<folder>/mkdir {"path","parents","exist_ok"}` (19.09: `{"path"}`).
pub fn mkdir(
    v: &ApiVersion,
    folder: &str,
    path: &str,
    parents: bool,
    exist_ok: bool,
) -> ApiRequest {
    let body = if v.major < 5 {
        json!({ "path": path })
    } else {
        json!({ "path": path, "parents": parents, "exist_ok": exist_ok })
    };
    ApiRequest::post(folder_path(folder, "mkdir")).json(body)
}

/// `GET /folders/<folder>/files {"path"}` (26.9: `?path=`).
pub fn list_files(v: &ApiVersion, folder: &str, path: &str) -> ApiRequest {
    let req = ApiRequest::get(folder_path(folder, "files"));
    if addresses_by_id(v) {
        req.query("path", path)
    } else {
        req.json(json!({ "path": path }))
    }
}

/// `POST /folders/<folder>/rename-file {"target_path","new_name"}` (19.09: `rename_file`).
pub fn rename_file(v: &ApiVersion, folder: &str, target_path: &str, new_name: &str) -> ApiRequest {
    let tail = if legacy_file_ops(v) {
        "rename_file"
    } else {
        "rename-file"
    };
    ApiRequest::post(folder_path(folder, tail))
        .json(json!({ "target_path": target_path, "new_name": new_name }))
}

/// `POST /folders/<folder>/move-file {"src","dst"}` (23.09+).
pub fn move_file(v: &ApiVersion, folder: &str, src: &str, dst: &str) -> Result<ApiRequest> {
    if legacy_file_ops(v) {
        return Err(unsupported("moving files inside a vfolder", v));
    }
    Ok(ApiRequest::post(folder_path(folder, "move-file")).json(json!({ "src": src, "dst": dst })))
}

/// `DELETE /folders/<folder>/delete-files {"files","recursive"}` (19.09: `delete_files`).
pub fn delete_files(v: &ApiVersion, folder: &str, files: &[String], recursive: bool) -> ApiRequest {
    let tail = if legacy_file_ops(v) {
        "delete_files"
    } else {
        "delete-files"
    };
    ApiRequest::delete(folder_path(folder, tail))
        .json(json!({ "files": files, "recursive": recursive }))
}

/// `POST /folders/<folder>/request-upload {"path","size"}` (23.09+): opens a tus upload
/// session on the storage-proxy.
pub fn request_upload(v: &ApiVersion, folder: &str, path: &str, size: u64) -> Result<ApiRequest> {
    if v.major < 5 {
        return Err(unsupported("storage-proxy upload", v));
    }
    Ok(ApiRequest::post(folder_path(folder, "request-upload"))
        .json(json!({ "path": path, "size": size })))
}

/// `POST /folders/<folder>/request-download {"path"}` (23.09+).
pub fn request_download(v: &ApiVersion, folder: &str, path: &str) -> Result<ApiRequest> {
    if v.major < 5 {
        return Err(unsupported("storage-proxy download", v));
    }
    Ok(ApiRequest::post(folder_path(folder, "request-download")).json(json!({ "path": path })))
}

/// `POST /folders/<folder>/invite {"perm","user_ids"}` (user ids are e-mail addresses).
pub fn invite(_v: &ApiVersion, folder: &str, perm: Permission, user_ids: &[String]) -> ApiRequest {
    ApiRequest::post(folder_path(folder, "invite"))
        .json(json!({ "perm": perm.as_str(), "user_ids": user_ids }))
}

/// `GET /folders/invitations/list`.
pub fn invitations() -> ApiRequest {
    ApiRequest::get("/folders/invitations/list")
}

/// `POST /folders/invitations/accept {"inv_id"}`.
pub fn accept_invitation(inv_id: &str) -> ApiRequest {
    ApiRequest::post("/folders/invitations/accept").json(json!({ "inv_id": inv_id }))
}

/// `DELETE /folders/invitations/delete {"inv_id"}`: rejects (or withdraws) an invitation.
pub fn delete_invitation(inv_id: &str) -> ApiRequest {
    ApiRequest::delete("/folders/invitations/delete").json(json!({ "inv_id": inv_id }))
}

/// `POST /folders/<folder>/share {"permission","emails"}` (project folders, 23.09+).
pub fn share(
    _v: &ApiVersion,
    folder: &str,
    permission: Permission,
    emails: &[String],
) -> ApiRequest {
    let req = ApiRequest::post(folder_path(folder, "share"))
        .json(json!({ "permission": permission.as_str(), "emails": emails }));
    after_v4(req, "sharing a vfolder")
}

/// `DELETE /folders/<folder>/unshare {"emails"}`.
pub fn unshare(_v: &ApiVersion, folder: &str, emails: &[String]) -> ApiRequest {
    let req = ApiRequest::delete(folder_path(folder, "unshare")).json(json!({ "emails": emails }));
    after_v4(req, "unsharing a vfolder")
}

/// `POST /folders/<folder>/leave {"shared_user_uuid"}` (23.09+).
pub fn leave(_v: &ApiVersion, folder: &str, shared_user_uuid: Option<&str>) -> ApiRequest {
    let req = ApiRequest::post(folder_path(folder, "leave"))
        .json(json!({ "shared_user_uuid": shared_user_uuid }));
    after_v4(req, "leaving a shared vfolder")
}

/// Arguments of `clone`.
#[derive(Debug, Clone, Default)]
pub struct CloneVFolder {
    /// Name of the new folder.
    pub target_name: String,
    /// Storage host of the new folder; `None` = the source's host.
    pub target_host: Option<String>,
    /// Usage mode of the new folder.
    pub usage_mode: UsageMode,
    /// Permission of the new folder.
    pub permission: Permission,
}

/// `POST /folders/<folder>/clone {"target_name","target_host","usage_mode","permission"}`.
pub fn clone(_v: &ApiVersion, folder: &str, args: &CloneVFolder) -> ApiRequest {
    let req = ApiRequest::post(folder_path(folder, "clone")).json(json!({
        "target_name": args.target_name,
        "target_host": args.target_host,
        "usage_mode": args.usage_mode.as_str(),
        "permission": args.permission.as_str(),
    }));
    after_v4(req, "cloning a vfolder")
}

/// `GET /folders/_/shared`: folders shared by the caller; with `vfolder_id`, only that
/// folder (23.09 JSON body, 26.9 query string).
pub fn list_shared(v: &ApiVersion, vfolder_id: Option<&str>) -> ApiRequest {
    let req = after_v4(
        ApiRequest::get("/folders/_/shared"),
        "listing shared vfolders",
    );
    match vfolder_id {
        None => req,
        Some(id) if addresses_by_id(v) => req.query("vfolder_id", id),
        Some(id) => req.json(json!({ "vfolder_id": id })),
    }
}

/// `POST /folders/_/shared {"vfolder","user","perm"}`: changes (or with `perm = None`
/// removes) a user's permission on a shared folder.
pub fn update_shared(vfolder: &str, user: &str, perm: Option<Permission>) -> ApiRequest {
    let req = ApiRequest::post("/folders/_/shared").json(json!({
        "vfolder": vfolder,
        "user": user,
        "perm": perm.map(Permission::as_str),
    }));
    after_v4(req, "changing a shared vfolder's permission")
}

/// `POST /folders/_/change-ownership {"vfolder","user_email"}` (admin).
pub fn change_ownership(vfolder: &str, user_email: &str) -> ApiRequest {
    let req = ApiRequest::post("/folders/_/change-ownership")
        .json(json!({ "vfolder": vfolder, "user_email": user_email }));
    after_v4(req, "changing a vfolder's owner")
}

/// `GET /folders/_/fstab {"agent_id"}` (26.9: no body).
pub fn fstab(v: &ApiVersion, agent_id: Option<&str>) -> ApiRequest {
    let req = ApiRequest::get("/folders/_/fstab");
    if addresses_by_id(v) {
        req
    } else {
        req.json(json!({ "agent_id": agent_id }))
    }
}

/// `GET /folders/_/mounts`.
pub fn list_mounts() -> ApiRequest {
    ApiRequest::get("/folders/_/mounts")
}

/// `POST /folders/_/mounts {"name","fs_location","options","edit_fstab"}` (superadmin).
pub fn mount_host(
    name: &str,
    fs_location: &str,
    options: Option<&str>,
    edit_fstab: bool,
) -> ApiRequest {
    ApiRequest::post("/folders/_/mounts").json(json!({
        "name": name,
        "fs_location": fs_location,
        "options": options,
        "edit_fstab": edit_fstab,
    }))
}

/// `DELETE /folders/_/mounts {"name","edit_fstab"}` (superadmin).
pub fn umount_host(name: &str, edit_fstab: bool) -> ApiRequest {
    ApiRequest::delete("/folders/_/mounts").json(json!({ "name": name, "edit_fstab": edit_fstab }))
}

/// `GET /folders/_/perf-metric {"folder_host"}` (26.9: `?folder_host=`).
pub fn perf_metric(v: &ApiVersion, folder_host: &str) -> Result<ApiRequest> {
    if v.major < 5 {
        return Err(unsupported("volume performance metrics", v));
    }
    let req = ApiRequest::get("/folders/_/perf-metric");
    Ok(if addresses_by_id(v) {
        req.query("folder_host", folder_host)
    } else {
        req.json(json!({ "folder_host": folder_host }))
    })
}

/// The GraphQL folder lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// `vfolder_list` (with an optional `group_id`).
    All,
    /// `vfolder_own_list`.
    Own,
    /// `vfolder_invited_list`.
    Invited,
    /// `vfolder_project_list`.
    Project,
}

impl ListKind {
    /// The GraphQL root field.
    pub fn root_field(self) -> &'static str {
        match self {
            ListKind::All => "vfolder_list",
            ListKind::Own => "vfolder_own_list",
            ListKind::Invited => "vfolder_invited_list",
            ListKind::Project => "vfolder_project_list",
        }
    }
}

/// Default fields of the paginated folder lists (23.09 order).
pub const DEFAULT_LIST_FIELDS: &[&str] = &[
    "host",
    "name",
    "created_at",
    "creator",
    "group",
    "permission",
    "ownership_type",
    "status",
];

/// Arguments of a paginated GraphQL folder list.
#[derive(Debug, Clone)]
pub struct PageArgs {
    /// Page size, 1..=100.
    pub limit: u32,
    /// Items to skip.
    pub offset: u32,
    /// Server-side filter expression.
    pub filter: Option<String>,
    /// Server-side order expression.
    pub order: Option<String>,
    /// Only for [`ListKind::All`]: restrict to a group (project) id.
    pub group_id: Option<String>,
    /// Fields to select; empty = [`DEFAULT_LIST_FIELDS`].
    pub fields: Vec<String>,
}

impl Default for PageArgs {
    fn default() -> Self {
        Self {
            limit: 20,
            offset: 0,
            filter: None,
            order: None,
            group_id: None,
            fields: Vec::new(),
        }
    }
}

/// `POST /admin/gql` with one of the paginated folder lists (23.09+).
pub fn paginated_list(v: &ApiVersion, kind: ListKind, args: &PageArgs) -> Result<ApiRequest> {
    if v.major < 5 {
        return Err(unsupported("paginated vfolder lists", v));
    }
    if !(1..=100).contains(&args.limit) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("page size must be between 1 and 100, got {}", args.limit),
        ));
    }
    let fields = if args.fields.is_empty() {
        DEFAULT_LIST_FIELDS.join(" ")
    } else {
        args.fields.join(" ")
    };
    let root = kind.root_field();
    let mut vars = Map::new();
    let query = if kind == ListKind::All {
        vars.insert("group_id".into(), opt_str(&args.group_id));
        format!(
            "query($limit:Int!, $offset:Int!, $group_id: UUID, $filter: String, $order: String) {{\n  \
             {root}(\n      limit:$limit, offset:$offset, group_id:$group_id, filter:$filter, order:$order) {{\n    \
             items {{ {fields} }}\n    total_count\n  }}\n}}"
        )
    } else {
        format!(
            "query($limit:Int!, $offset:Int!, $filter: String, $order: String) {{\n  \
             {root}(\n      limit:$limit, offset:$offset, filter:$filter, order:$order) {{\n    \
             items {{ {fields} }}\n    total_count\n  }}\n}}"
        )
    };
    vars.insert("filter".into(), opt_str(&args.filter));
    vars.insert("order".into(), opt_str(&args.order));
    vars.insert("limit".into(), args.limit.into());
    vars.insert("offset".into(), args.offset.into());
    Ok(ApiRequest::post("/admin/gql")
        .json(json!({ "query": query, "variables": Value::Object(vars) })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Method;

    fn v(major: u32, date: &str) -> ApiVersion {
        ApiVersion::new(major, date)
    }

    fn body(req: &ApiRequest) -> Value {
        match &req.body {
            crate::request::Body::Json(v) => v.clone(),
            _ => Value::Null,
        }
    }

    #[test]
    fn version_forms_follow_the_catalog() {
        let v4 = v(4, "20190615");
        let v7 = v(7, "20230615");
        let v9 = v(9, "20250722");
        assert_eq!(
            rename_file(&v4, "f", "a", "b").path,
            "/folders/f/rename_file"
        );
        assert_eq!(
            rename_file(&v7, "f", "a", "b").path,
            "/folders/f/rename-file"
        );
        assert_eq!(
            delete_files(&v4, "f", &[], false).path,
            "/folders/f/delete_files"
        );
        assert!(move_file(&v4, "f", "a", "b").is_err());
        assert_eq!(
            body(&create(&v4, &CreateVFolder::new("x"))),
            json!({"name":"x","host":null,"group":null})
        );
        assert!(body(&create(&v9, &CreateVFolder::new("x")))
            .get("quota")
            .is_none());
        assert_eq!(body(&create(&v7, &CreateVFolder::new("x")))["quota"], "0");
        let d = delete(&v9, "0123abcd");
        assert_eq!(
            (d.method.clone(), d.path.as_str()),
            (Method::DELETE, "/folders")
        );
        assert_eq!(body(&d), json!({"id": "0123abcd"}));
        let lf = list_files(&v9, "abc", "sub/dir");
        assert_eq!(lf.query, vec![("path".to_owned(), "sub/dir".to_owned())]);
        assert!(matches!(lf.body, crate::request::Body::Empty));
        assert!(purge(&v7, "x").is_err());
        assert_eq!(purge(&v9, "x").unwrap().path, "/folders/purge");
        assert_eq!(
            recover(&v9, "x").unwrap().path,
            "/folders/restore-from-trash-bin"
        );
        assert!(request_upload(&v4, "f", "a", 1).is_err());
        assert_eq!(
            mkdir(&v4, "f", "d", true, true).body.content_type(),
            "application/json"
        );
        assert_eq!(
            body(&mkdir(&v4, "f", "d", true, true)),
            json!({"path": "d"})
        );
    }

    #[test]
    fn segments_are_escaped_and_ids_normalised() {
        assert_eq!(folder_path("a b/c", "files"), "/folders/a%20b%2Fc/files");
        assert_eq!(folder_path("my-folder_1.x", ""), "/folders/my-folder_1.x");
        assert_eq!(
            id_hex("11111111-2222-3333-4444-55555555AAAA"),
            "1111111122223333444455555555aaaa"
        );
    }

    #[test]
    fn paginated_limits_are_checked() {
        let v7 = v(7, "20230615");
        let bad = PageArgs {
            limit: 0,
            ..PageArgs::default()
        };
        assert!(paginated_list(&v7, ListKind::Own, &bad).is_err());
        let ok = paginated_list(&v7, ListKind::All, &PageArgs::default()).unwrap();
        assert!(body(&ok)["query"]
            .as_str()
            .unwrap()
            .contains("vfolder_list("));
    }
}
