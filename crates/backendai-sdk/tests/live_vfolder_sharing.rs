//! Live tests of folder sharing and the superadmin vfolder calls against the real 23.09
//! stack: a unique second user (in the `default` project) gets a project folder shared
//! (`share`, permissions changed and removed as admin, `unshare`) and a user folder by
//! invitation (`list-invited`, `leave`, and the superadmin's `leave` for that user); the
//! owner's `update-options`, a download token, `change-vfolder-ownership`; hosts, mounts,
//! fstab and perf-metric as the real manager answers them. Everything created is removed at
//! the end, also when a step fails. Skipped (and say so) when `BACKEND_ENDPOINT` is unset.

use std::time::Duration;

use backendai_core::config::ApiConfig;
use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use backendai_sdk::groups::admin::user::UserCreate;
use backendai_sdk::groups::vfolder::{CreateVFolder, ListKind, PageArgs, Permission};
use backendai_sdk::{Client, Error};

mod common;
use common::{live, unique};

const HOST: &str = "local:volume1";
const PASSWORD: &str = "Pa55-w0rd!x";

type Outcome = Result<(), Error>;

/// The second user: e-mail, uuid and a client acting as them.
struct Guest {
    email: String,
    uuid: String,
    client: Client,
}

/// Creates a user in the `default` domain and project and a client with their keypair.
async fn add_guest(c: &Client, cfg: &ApiConfig, email: &str) -> Result<Guest, Error> {
    let groups = c.groups().from_name("default", Some("default")).await?;
    let gid = groups
        .first()
        .and_then(|g| g.id.clone())
        .expect("the stack's default project");
    let opts = UserCreate {
        username: Some(String::new()),
        group_ids: Some(vec![gid]),
        ..Default::default()
    };
    c.users()
        .create("default", email, PASSWORD, &opts)
        .await?
        .check()?;
    let uuid = c
        .users()
        .detail(Some(email))
        .await?
        .and_then(|u| u.uuid)
        .expect("created user has a uuid");
    let kp = c.keypairs().list(Some(email), None).await?;
    let kp = kp
        .first()
        .expect("the manager creates a keypair with the user");
    let guest_cfg = ApiConfig {
        access_key: kp.access_key.clone().expect("access key"),
        secret_key: Secret::new(kp.secret_key.as_ref().expect("secret key").expose()),
        ..cfg.clone()
    };
    Ok(Guest {
        email: email.to_owned(),
        uuid,
        client: Client::new(guest_cfg)?,
    })
}

/// Inactivates and purges a user, ignoring errors (cleanup).
async fn remove_user(c: &Client, email: &str) {
    let _ = c.users().delete(email).await;
    let _ = c.users().purge(email, false).await;
}

/// Creates a folder, retrying a 500 (concurrent folder creation makes the 23.09 manager fail
/// with a serialization error).
async fn create(c: &Client, name: &str, group: Option<&str>) -> Result<String, Error> {
    let args = CreateVFolder {
        host: Some(HOST.to_owned()),
        group: group.map(str::to_owned),
        ..CreateVFolder::new(name)
    };
    let mut attempt = 0;
    loop {
        match c.vfolders().create(&args).await {
            Ok(f) => return Ok(f.id),
            Err(e) if e.kind() == ErrorKind::ServerError && attempt < 4 => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(300 * attempt)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

async fn names(c: &Client, kind: ListKind) -> Result<Vec<String>, Error> {
    let args = PageArgs {
        limit: 100,
        ..PageArgs::default()
    };
    let page = c.vfolders().paginated_list(kind, &args).await?;
    Ok(page.items.into_iter().filter_map(|n| n.name).collect())
}

async fn shared_perms(c: &Client, vfolder_id: &str) -> Result<Vec<String>, Error> {
    let shared = c.vfolders().shared_info(vfolder_id).await?;
    Ok(shared.into_iter().filter_map(|s| s.perm).collect())
}

/// A project folder shared with the guest: permissions changed and removed, then unshared.
async fn project_sharing(c: &Client, g: &Guest, pf: &str) -> Outcome {
    let vf = c.vfolders();
    let me = std::slice::from_ref(&g.email);
    let shared = vf.share(pf, Permission::ReadOnly, me).await?;
    assert_eq!(shared.shared_emails, me);
    let listed = vf.list_shared(None).await?;
    let entry = listed
        .iter()
        .find(|s| s.vfolder_name == pf)
        .expect("listed as shared");
    assert_eq!(entry.shared_to.as_ref().unwrap()["email"], g.email.as_str());
    assert_eq!(entry.type_.as_deref(), Some("project"));
    let vid = entry.vfolder_id.clone();
    assert_eq!(shared_perms(c, &vid).await?, ["ro"]);
    assert!(names(&g.client, ListKind::Project)
        .await?
        .contains(&pf.to_owned()));

    let m = vf
        .update_shared(&vid, &g.uuid, Some(Permission::ReadWriteDelete))
        .await?;
    assert_eq!(m.msg.as_deref(), Some("shared vfolder permission updated"));
    assert_eq!(shared_perms(c, &vid).await?, ["wd"]);
    vf.update_shared(&vid, &g.uuid, None).await?;
    assert!(shared_perms(c, &vid).await?.is_empty(), "removed");

    vf.share(pf, Permission::ReadWrite, me).await?;
    assert_eq!(shared_perms(c, &vid).await?, ["rw"]);
    let un = vf.unshare(pf, me).await?;
    assert_eq!(un.unshared_emails, me);
    assert!(shared_perms(c, &vid).await?.is_empty(), "unshared");

    // Nobody leaves a project folder: the manager says so (400).
    vf.share(pf, Permission::ReadOnly, me).await?;
    let e = g.client.vfolders().leave(pf, None).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(
        e.to_string().ends_with("Cannot leave a group vfolder."),
        "{e}"
    );
    Ok(())
}

/// Invites the guest to `uf` and accepts as the guest.
async fn invite_and_accept(c: &Client, g: &Guest, uf: &str) -> Outcome {
    let me = std::slice::from_ref(&g.email);
    c.vfolders().invite(uf, Permission::ReadWrite, me).await?;
    let inv = g.client.vfolders().invitations().await?;
    let inv = inv
        .iter()
        .find(|i| i.vfolder_name.as_deref() == Some(uf))
        .expect("invitation received");
    g.client.vfolders().accept_invitation(&inv.id).await
}

/// A user folder shared by invitation: the guest leaves, then the superadmin removes the
/// guest with `leave -s`; the owner's options, a download token and an ownership transfer.
async fn user_folder(c: &Client, g: &Guest, uf: &str) -> Outcome {
    invite_and_accept(c, g, uf).await?;
    assert!(names(&g.client, ListKind::Invited)
        .await?
        .contains(&uf.to_owned()));
    let m = g.client.vfolders().leave(uf, None).await?;
    assert_eq!(m.msg.as_deref(), Some("left the shared vfolder"));
    assert!(!names(&g.client, ListKind::Invited)
        .await?
        .contains(&uf.to_owned()));

    invite_and_accept(c, g, uf).await?;
    c.vfolders().leave(uf, Some(&g.uuid)).await?;
    assert!(!names(&g.client, ListKind::Invited)
        .await?
        .contains(&uf.to_owned()));

    c.vfolders()
        .update_options(uf, Some(Permission::ReadOnly), Some(true))
        .await?;
    let info = c.vfolders().info(uf).await?;
    assert_eq!(info.permission.as_deref(), Some("ro"));
    assert_eq!(info.cloneable, Some(true));
    assert!(names(c, ListKind::Own).await?.contains(&uf.to_owned()));

    let tok = c.vfolders().download_token(uf, "later.bin").await?;
    assert_eq!(tok.token.split('.').count(), 3, "a JWT");
    assert!(tok.url.ends_with("/download"), "{}", tok.url);

    c.vfolders().change_ownership(&info.id, &g.email).await?;
    assert!(names(&g.client, ListKind::Own)
        .await?
        .contains(&uf.to_owned()));
    assert!(!names(c, ListKind::Own).await?.contains(&uf.to_owned()));
    Ok(())
}

#[tokio::test]
async fn sharing_leaving_options_and_ownership() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg.clone()).unwrap();
    let email = format!("{}@example.com", unique("rs-live-share"));
    let pf = unique("rs-share-pf");
    let uf = unique("rs-share-uf");
    let mut guest = None;
    let result = async {
        let g = guest.insert(add_guest(&c, &cfg, &email).await?);
        create(&c, &pf, Some("default")).await?;
        create(&c, &uf, None).await?;
        project_sharing(&c, g, &pf).await?;
        user_folder(&c, g, &uf).await
    }
    .await;
    let _ = c.vfolders().delete(&pf).await;
    // After the ownership transfer the folder is the guest's; before it, the admin's.
    if let Some(g) = &guest {
        let _ = g.client.vfolders().delete(&uf).await;
    }
    let _ = c.vfolders().delete(&uf).await;
    remove_user(&c, &email).await;
    result.unwrap();
    let left = names(&c, ListKind::All).await.unwrap();
    assert!(!left.contains(&pf) && !left.contains(&uf), "{left:?}");
    assert!(c.users().detail(Some(&email)).await.unwrap().is_none());
}

#[tokio::test]
async fn hosts_mounts_fstab_and_perf_metric() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();
    let vf = c.vfolders();
    let hosts = vf.list_all_hosts().await.unwrap();
    assert!(hosts.allowed.iter().any(|h| h == HOST), "{hosts:?}");

    let mounts = vf.list_mounts().await.unwrap();
    assert!(mounts.manager.success);
    let sp = mounts.storage_proxy.expect("storage-proxy node");
    assert!(
        sp.mounts.unwrap_or_default().iter().any(|m| m[0] == HOST),
        "the volume is listed"
    );

    let fstab = vf.fstab(None).await.unwrap();
    assert_eq!(fstab.node.as_deref(), Some("manager"));
    assert!(fstab.content.starts_with('#'), "{}", fstab.content);

    // The stack's `vfs` volume has no performance figures: the storage proxy's reason is kept.
    match vf.perf_metric(HOST).await {
        Ok(p) => assert!(p.metric.iops_read.is_some(), "{p:?}"),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}");
            assert_eq!(e.status(), Some(400));
            assert_eq!(
                e.to_string(),
                format!(
                    "Unsupported operation by the storage backend: performance metrics of \
                     {HOST} (the storage proxy answered 400)"
                )
            );
        }
    }

    // The stack's agents run no watcher: mounting reaches the manager only (it has no mount
    // points since 20.09), and the 23.09.10 manager's unmount fails before it reaches any
    // agent (a nested transaction in its handler), with a bare 500.
    let name = unique("rs-mnt");
    let m = vf
        .mount_host(&name, "/nonexistent-fs", None, false)
        .await
        .unwrap();
    assert!(m.manager.success);
    assert_eq!(
        m.manager.message.as_deref(),
        Some("Managers do not have mountpoints since v20.09.")
    );
    assert!(m.agents.is_empty(), "{m:?}");
    let e = vf.umount_host(&name, false).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ServerError);
    assert_eq!(
        e.to_string(),
        "500 Internal Server Error: Internal server error."
    );
}
