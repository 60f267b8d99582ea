//! Live tests of the admin API groups against the real Backend.AI stack
//! (`source /tmp/bai-realstack/env.sh`). Skipped (and say so) when `BACKEND_ENDPOINT` is unset.

use backendai_core::error::ErrorKind;
use backendai_sdk::groups::admin::agent::AgentListOptions;
use backendai_sdk::groups::admin::keypair::{KeyPairCreate, KeyPairListOptions, KeyPairUpdate};
use backendai_sdk::groups::admin::user::{UserCreate, UserListOptions, UserUpdate};
use backendai_sdk::Client;
use futures_util::{StreamExt, TryStreamExt};
use serde_json::Value;

mod common;
use common::{as_user, live, unique, USER_AK};

#[tokio::test]
async fn superadmin_lists() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();

    let users = c.users().list(None, None).await.unwrap();
    assert!(
        users
            .iter()
            .any(|u| u.email.as_deref() == Some("admin@lablup.com")),
        "{users:?}"
    );
    let me = c.users().detail(None).await.unwrap().unwrap();
    assert_eq!(me.email.as_deref(), Some("admin@lablup.com"));
    assert_eq!(me.role.as_deref(), Some("superadmin"));
    assert!(me.groups.as_ref().is_some_and(|g| !g.is_empty()));
    let by_email = c
        .users()
        .detail(Some("user@lablup.com"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_email.role.as_deref(), Some("user"));
    let by_uuid = c
        .users()
        .detail_by_uuid(by_email.uuid.as_deref())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_uuid.email.as_deref(), Some("user@lablup.com"));

    // Pagination: one page, then every item through the stream with a page size of 2.
    let page = c
        .users()
        .list_page(&UserListOptions::default(), 0, 2)
        .await
        .unwrap();
    assert!(page.items.len() <= 2);
    assert!(page.total_count as usize >= users.len().min(page.total_count as usize));
    let streamed: Vec<_> = c
        .users()
        .stream(&UserListOptions::default(), 2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed.len() as u64, page.total_count);
    let ordered = c
        .users()
        .list_page(
            &UserListOptions {
                order: Some("+email".into()),
                ..Default::default()
            },
            0,
            100,
        )
        .await
        .unwrap();
    let emails: Vec<_> = ordered
        .items
        .iter()
        .filter_map(|u| u.email.clone())
        .collect();
    let mut sorted = emails.clone();
    sorted.sort();
    assert_eq!(emails, sorted);
    // Out-of-range page sizes are refused before sending.
    let err = c
        .users()
        .list_page(&UserListOptions::default(), 0, 101)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);

    let kps = c.keypairs().list(None, None).await.unwrap();
    let admin_kp = kps
        .iter()
        .find(|k| k.access_key.as_deref() == Some("AKIAIOSFODNN7EXAMPLE"))
        .expect("superadmin keypair listed");
    assert!(admin_kp.secret_key.is_some());
    assert_eq!(format!("{:?}", admin_kp.secret_key), "Some(***)");
    let info = c.keypairs().info().await.unwrap().unwrap();
    assert_eq!(info.access_key.as_deref(), Some("AKIAIOSFODNN7EXAMPLE"));
    assert_eq!(info.is_admin, Some(true));
    let kp_page = c
        .keypairs()
        .list_page(&KeyPairListOptions::default(), 0, 20)
        .await
        .unwrap();
    assert!(kp_page.total_count >= 3, "{kp_page:?}");
    let n = c
        .keypairs()
        .stream(&KeyPairListOptions::default(), 1)
        .count()
        .await;
    assert_eq!(n as u64, kp_page.total_count);

    let domains = c.domains().list().await.unwrap();
    assert!(domains.iter().any(|d| d.name.as_deref() == Some("default")));
    let d = c.domains().detail("default").await.unwrap().unwrap();
    assert_eq!(d.is_active, Some(true));

    let groups = c.groups().list(Some("default")).await.unwrap();
    let g = groups
        .iter()
        .find(|g| g.name.as_deref() == Some("default"))
        .expect("default group");
    let detail = c
        .groups()
        .detail(g.id.as_deref().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.domain_name.as_deref(), Some("default"));
    let by_name = c
        .groups()
        .from_name("default", Some("default"))
        .await
        .unwrap();
    assert_eq!(by_name.len(), 1);
    assert_eq!(by_name[0].id, g.id);

    let images = c.images().list(false).await.unwrap();
    assert!(
        images
            .iter()
            .any(|i| i.name.as_deref().is_some_and(|n| n.contains("python"))),
        "{images:?}"
    );

    let agents = c
        .agents()
        .list(&AgentListOptions::default(), 0, 20)
        .await
        .unwrap();
    println!("live: {} alive agent(s)", agents.total_count);
    if let Some(a) = agents.items.first() {
        let detail = c
            .agents()
            .detail(a.id.as_deref().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(detail.id, a.id);
        assert_eq!(detail.status.as_deref(), Some("ALIVE"));
    }

    let sgs = c.scaling_groups().list().await.unwrap();
    assert!(sgs.iter().any(|s| s.name.as_deref() == Some("default")));
    let sg = c.scaling_groups().detail("default").await.unwrap().unwrap();
    assert_eq!(sg.is_active, Some(true));
    let avail = c.scaling_groups().list_available("default").await.unwrap();
    assert!(avail.iter().any(|s| s["name"] == "default"), "{avail:?}");

    let policies = c.keypair_resource_policies().list().await.unwrap();
    assert!(policies
        .iter()
        .any(|p| p.name.as_deref() == Some("default")));
    let p = c
        .keypair_resource_policies()
        .info("default")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.name.as_deref(), Some("default"));

    let vols = c.storage().list(None, None, 0, 20).await.unwrap();
    let vol = vols
        .items
        .iter()
        .find(|v| v.id.as_deref() == Some("local:volume1"))
        .expect("local:volume1");
    assert_eq!(vol.backend.as_deref(), Some("vfs"));
    let vd = c.storage().detail("local:volume1").await.unwrap().unwrap();
    assert_eq!(vd.backend.as_deref(), Some("vfs"));
    assert!(vd.path.is_some());

    let status = c.manager().status().await.unwrap();
    assert_eq!(status.status, "running", "{status:?}");
    let ann = c.manager().announcement().await.unwrap();
    println!(
        "live: manager {status:?}, announcement enabled={}",
        ann.enabled.unwrap_or(false)
    );

    let presets = c.resources().presets().await.unwrap();
    assert!(presets["presets"].is_array(), "{presets}");
    let check = c.resources().check_presets().await.unwrap();
    assert!(check.get("keypair_limits").is_some(), "{check}");
    let slots = c.resources().resource_slots().await.unwrap();
    assert!(slots.get("cpu").is_some(), "{slots}");
    let regs = c.resources().docker_registries().await.unwrap();
    assert!(regs.is_object(), "{regs}");

    // Raw GraphQL, and a bad query as an error (not a crash).
    let data = c
        .admin()
        .query("query { user { email } }", None)
        .await
        .unwrap();
    assert_eq!(data["user"]["email"], "admin@lablup.com");
    let err = c
        .admin()
        .query("query { no_such_field }", None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    assert!(err.to_string().contains("no_such_field"), "{err}");
}

#[tokio::test]
async fn etcd_roundtrip() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();
    let redis = c.etcd().get("config/redis", true).await.unwrap();
    assert!(redis.is_object(), "{redis}");
    let key = format!("config/{}", unique("rs-live"));
    c.etcd().set(&key, "hello").await.unwrap();
    assert_eq!(c.etcd().get(&key, false).await.unwrap(), "hello");
    c.etcd().delete(&key, false).await.unwrap();
    assert_eq!(c.etcd().get(&key, false).await.unwrap(), Value::Null);
}

#[tokio::test]
async fn normal_user_is_denied_admin_lists() {
    let Some(cfg) = live() else { return };
    let user = Client::new(as_user(&cfg)).unwrap();
    // Superadmin-only GraphQL queries: the manager answers HTTP 200 with a GraphQL error.
    let err = user.users().list(None, None).await.unwrap_err();
    println!("live: user listing users -> {:?}: {err}", err.kind());
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    // Keypair lists are scoped: a user sees only their own, and asking for another user's
    // keypairs is forbidden.
    let own = user
        .keypairs()
        .list_page(&KeyPairListOptions::default(), 0, 20)
        .await
        .unwrap();
    assert!(own.total_count >= 1);
    assert!(
        own.items
            .iter()
            .all(|k| k.user_id.as_deref() == Some("user@lablup.com")),
        "{own:?}"
    );
    let err = user
        .keypairs()
        .list(Some("admin@lablup.com"), None)
        .await
        .unwrap_err();
    println!(
        "live: user listing admin's keypairs -> {:?}: {err}",
        err.kind()
    );
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    let err = user.storage().list(None, None, 0, 20).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    // No mutation is tried as a normal user: the 23.09.10 manager's mutation role check
    // (`GQLMutationPrivilegeCheckMiddleware`, `len(info.path) == 1`) never fires with
    // graphql-core 3.2 (`Path` is a 3-tuple), so a normal user's mutation really runs.
    // Superadmin-only REST endpoints: the 23.09 manager answers 401 "Unauthorized access"
    // (its `superadmin_required` check), which is the auth-failed kind.
    let err = user.etcd().get("config/redis", true).await.unwrap_err();
    println!(
        "live: user reading etcd -> {:?} {:?}: {err}",
        err.kind(),
        err.status()
    );
    assert_eq!(err.kind(), ErrorKind::AuthFailed, "{err}");
    assert_eq!(err.status(), Some(401));
    // What a user may see still works.
    let me = user.users().detail(None).await.unwrap().unwrap();
    assert_eq!(me.email.as_deref(), Some("user@lablup.com"));
    let kp = user.keypairs().info().await.unwrap().unwrap();
    assert_eq!(kp.access_key.as_deref(), Some(USER_AK));
}

#[tokio::test]
async fn create_and_delete_user_and_keypair() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();
    let name = unique("rs-live");
    let email = format!("{name}@example.com");
    // Keypair lists by email only show users that belong to a group: join `default`.
    let default_group = c
        .groups()
        .from_name("default", Some("default"))
        .await
        .unwrap()
        .remove(0)
        .id
        .unwrap();
    let created = c
        .users()
        .create(
            "default",
            &email,
            "Pa55-w0rd!x",
            &UserCreate {
                username: Some(name.clone()),
                group_ids: Some(vec![default_group.clone()]),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(created.field("user").unwrap()["email"], email.as_str());

    let result = async {
        let u = c.users().detail(Some(&email)).await?.expect("created user");
        assert_eq!(u.username.as_deref(), Some(name.as_str()));
        c.users()
            .update(
                &email,
                &UserUpdate {
                    description: Some("from the Rust live test".into()),
                    ..Default::default()
                },
            )
            .await?
            .check()?;

        let kp = c
            .keypairs()
            .create(
                &email,
                &KeyPairCreate {
                    resource_policy: Some("default".into()),
                    rate_limit: Some(10000),
                    ..Default::default()
                },
            )
            .await?
            .check()?;
        let ak = kp.field("keypair").unwrap()["access_key"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(kp.field("keypair").unwrap()["secret_key"].is_string());
        let keys = c.keypairs().list(Some(&email), None).await?;
        assert!(keys.iter().any(|k| k.access_key.as_deref() == Some(&ak)));
        c.keypairs().deactivate(&ak).await?.check()?;
        let inactive = c.keypairs().list(Some(&email), Some(false)).await?;
        assert!(inactive
            .iter()
            .any(|k| k.access_key.as_deref() == Some(&ak)));
        c.keypairs().activate(&ak).await?.check()?;
        c.keypairs()
            .update(
                &ak,
                &KeyPairUpdate {
                    rate_limit: Some(5000),
                    ..Default::default()
                },
            )
            .await?
            .check()?;
        c.keypairs().delete(&ak).await?.check()?;
        let keys = c.keypairs().list(Some(&email), None).await?;
        assert!(!keys.iter().any(|k| k.access_key.as_deref() == Some(&ak)));
        Ok::<_, backendai_sdk::Error>(())
    }
    .await;

    // Clean up whatever happened above.
    let deleted = c.users().delete(&email).await.unwrap();
    let purged = c.users().purge(&email, false).await.unwrap();
    result.unwrap();
    deleted.check().unwrap();
    purged.check().unwrap();
    assert!(c.users().detail(Some(&email)).await.unwrap().is_none());
}
