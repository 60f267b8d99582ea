//! `VFolder` → `groups::vfolder::requests`.

use backendai_sdk::groups::vfolder::requests::{
    self, CloneVFolder, CreateVFolder, ListKind, PageArgs, Permission,
};

use super::table::{one, Built, Call, Refusal};

/// The folder every instance method of the trace was called on (the trace tool's
/// `VFolder("myfolder")`).
pub const FOLDER: &str = "myfolder";

/// Local files the trace tool uploaded, with their sizes.
const LOCAL_SIZES: &[(&str, u64)] = &[("hello.txt", 11)];

fn perm(s: &str) -> Result<Permission, String> {
    s.parse::<Permission>()
        .map_err(|_| format!("unknown permission {s:?}"))
}

/// Maps one `VFolder` call.
pub fn build(call: &Call<'_>) -> Built {
    let v = call.version;
    let paged = |kind| requests::paginated_list(v, kind, &PageArgs::default());
    let req = match call.method {
        "accept_invitation" => requests::accept_invitation(&call.s(0)?),
        "change_vfolder_ownership" => requests::change_ownership(&call.s(0)?, &call.s(1)?),
        "clone" => requests::clone(
            v,
            FOLDER,
            &CloneVFolder {
                target_name: call.s(0)?,
                ..CloneVFolder::default()
            },
        ),
        "create" => requests::create(v, &CreateVFolder::new(call.s(0)?)),
        "delete" => requests::delete(v, FOLDER),
        "delete_by_id" => requests::delete_by_id(&call.s(0)?),
        "delete_files" => requests::delete_files(v, FOLDER, &call.strs(0)?, false),
        "delete_invitation" => requests::delete_invitation(&call.s(0)?),
        // `download(files)`: the storage-proxy ticket for each file (the GET that follows goes
        // to the storage proxy, not the manager).
        "download" => {
            let mut reqs = Vec::new();
            for f in call.strs(0)? {
                reqs.push(requests::request_download(v, FOLDER, &f)?);
            }
            return Ok(reqs);
        }
        "get_fstab_contents" => requests::fstab(v, None),
        "get_performance_metric" => requests::perf_metric(v, &call.s(0)?)?,
        "info" => requests::info(v, FOLDER),
        "invitations" => requests::invitations(),
        "invite" => requests::invite(v, FOLDER, perm(&call.s(0)?)?, &call.strs(1)?),
        "leave" => requests::leave(v, FOLDER, None),
        "list" => requests::list(v, false),
        "list_all_hosts" => requests::list_all_hosts(),
        "list_allowed_types" => requests::list_allowed_types(),
        "list_files" => requests::list_files(v, FOLDER, "."),
        "list_hosts" => requests::list_hosts(),
        "list_mounts" => requests::list_mounts(),
        "list_shared_vfolders" => requests::list_shared(v, None),
        "mkdir" => requests::mkdir(v, FOLDER, &call.s(0)?, false, false),
        "mount_host" => requests::mount_host(&call.s(0)?, &call.s(1)?, None, false),
        "move_file" => requests::move_file(v, FOLDER, &call.s(0)?, &call.s(1)?)?,
        // 26.9: by the folder's id (the group resolves a name with `get_id` first).
        "purge" => requests::purge(v, FOLDER)?,
        "recover" | "restore" => requests::recover(v, FOLDER)?,
        "delete_trash" => requests::delete_from_trash(v, FOLDER)?,
        "force_delete" => requests::force_delete(v, FOLDER)?,
        "get_id" => requests::get_id(FOLDER),
        "paginated_invited_list" => paged(ListKind::Invited)?,
        "paginated_list" => paged(ListKind::All)?,
        "paginated_own_list" => paged(ListKind::Own)?,
        "paginated_project_list" => paged(ListKind::Project)?,
        "rename" => requests::rename(v, FOLDER, &call.s(0)?),
        "rename_file" => requests::rename_file(v, FOLDER, &call.s(0)?, &call.s(1)?),
        "share" => requests::share(v, FOLDER, perm(&call.s(0)?)?, &call.strs(1)?),
        "shared_vfolder_info" => requests::list_shared(v, Some(&call.s(0)?)),
        "umount_host" => requests::umount_host(&call.s(0)?, false),
        "unshare" => requests::unshare(v, FOLDER, &call.strs(0)?),
        // update_options(name, permission=None, cloneable=None): the trace passed the folder
        // name positionally and left both options unset.
        "update_options" => requests::update_options(v, FOLDER, None, None),
        "update_shared_vfolder" => requests::update_shared(&call.s(0)?, &call.s(1)?, None),
        // `upload(files)`: the storage-proxy ticket (the tus PATCH that follows goes to the
        // storage proxy; `tests/replay_vfolder.rs` checks it).
        "upload" => {
            let mut reqs = Vec::new();
            for f in call.strs(0)? {
                let size = LOCAL_SIZES
                    .iter()
                    .find(|(n, _)| *n == f)
                    .ok_or_else(|| format!("no local size known for {f:?}"))?
                    .1;
                reqs.push(requests::request_upload(v, FOLDER, &f, size)?);
            }
            return Ok(reqs);
        }
        _ => return Err(Refusal::NoMethod),
    };
    one(req)
}
