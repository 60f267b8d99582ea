//! Live tests of the admin mutation methods against the real 23.09 stack: each creates its own
//! objects (unique names), updates them, reads them back and removes them, also when a step
//! fails; the stack's `default` domain, group, scaling groups and policy are only read.
//! Skipped (and say so) when `BACKEND_ENDPOINT` is unset.

use backendai_sdk::groups::admin::bgtask::TaskOutcome;
use backendai_sdk::groups::admin::domain::{DomainCreate, DomainUpdate};
use backendai_sdk::groups::admin::group::{GroupCreate, GroupUpdate};
use backendai_sdk::groups::admin::keypair::{KeyPairCreate, KeyPairUpdate};
use backendai_sdk::groups::admin::resource_policy::{ResourcePolicyCreate, ResourcePolicyUpdate};
use backendai_sdk::groups::admin::scaling_group::{ScalingGroupCreate, ScalingGroupUpdate};
use backendai_sdk::groups::admin::user::{UserCreate, UserUpdate};
use backendai_sdk::{Client, Error};
use serde_json::{json, Value};

mod common;
use common::{live, unique};

type Outcome = Result<(), Error>;

/// A user in `domain` with an empty user name, which the manager replaces with the e-mail
/// (what `bai admin user add` sends without `-u`).
async fn create_user(c: &Client, domain: &str, email: &str) -> Outcome {
    let opts = UserCreate {
        username: Some(String::new()),
        ..Default::default()
    };
    c.users()
        .create(domain, email, "Pa55-w0rd!x", &opts)
        .await?
        .check()?;
    Ok(())
}

/// Inactivates and purges a user, ignoring errors (cleanup).
async fn remove_user(c: &Client, email: &str) {
    let _ = c.users().delete(email).await;
    let _ = c.users().purge(email, false).await;
}

#[tokio::test]
async fn user_update_and_empty_username() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();
    let email = format!("{}@example.com", unique("rs-live-mut"));
    let result = async {
        create_user(&c, "default", &email).await?;
        let u = c.users().detail(Some(&email)).await?.expect("created");
        assert_eq!(u.username.as_deref(), Some(email.as_str()));
        let changes = UserUpdate {
            full_name: Some("Live Mutation".into()),
            status: Some("inactive".into()),
            sudo_session_enabled: Some(true),
            ..Default::default()
        };
        c.users().update(&email, &changes).await?.check()?;
        let u = c.users().detail(Some(&email)).await?.expect("updated");
        assert_eq!(u.status.as_deref(), Some("inactive"));
        assert_eq!(u.sudo_session_enabled, Some(true));
        Ok::<_, Error>(())
    }
    .await;
    remove_user(&c, &email).await;
    result.unwrap();
    assert!(c.users().detail(Some(&email)).await.unwrap().is_none());
}

#[tokio::test]
async fn domain_and_group_update_and_membership() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();
    let domain = unique("rs-live-dom");
    let email = format!("{}@example.com", unique("rs-live-grp"));
    let mut gid = None;
    let result = async {
        c.domains()
            .create(&domain, &DomainCreate::default())
            .await?
            .check()?;
        let changes = DomainUpdate {
            description: Some("updated".into()),
            allowed_docker_registries: Some(vec!["cr.backend.ai".into()]),
            ..Default::default()
        };
        c.domains().update(&domain, &changes).await?.check()?;
        let d = c.domains().detail(&domain).await?.expect("domain");
        assert_eq!(d.description.as_deref(), Some("updated"));
        assert_eq!(d.allowed_docker_registries, Some(json!(["cr.backend.ai"])));

        // `GroupCreate::default()` (the Python client's) sends `null` slots, which a 23.09
        // manager fails on; the CLI sends `{}`.
        let group_create = GroupCreate {
            total_resource_slots: Some("{}".into()),
            ..Default::default()
        };
        let created = c
            .groups()
            .create(&domain, "g", &group_create)
            .await?
            .check()?;
        let id = created.field("group").unwrap()["id"].as_str().unwrap();
        let id = gid.insert(id.to_owned()).clone();
        let changes = GroupUpdate {
            name: Some("g2".into()),
            is_active: Some(false),
            ..Default::default()
        };
        c.groups().update(&id, &changes).await?.check()?;
        let g = c.groups().detail(&id).await?.expect("group");
        assert_eq!(g.name.as_deref(), Some("g2"));
        assert_eq!(g.is_active, Some(false));

        create_user(&c, &domain, &email).await?;
        let uuid = c.users().detail(Some(&email)).await?.unwrap().uuid.unwrap();
        let in_group = |groups: Option<Vec<_>>| {
            groups.unwrap_or_default().iter().any(
                |g: &backendai_sdk::groups::admin::user::UserGroup| {
                    g.id.as_deref() == Some(id.as_str())
                },
            )
        };
        c.groups().add_users(&id, &[&uuid]).await?.check()?;
        let u = c.users().detail(Some(&email)).await?.unwrap();
        assert!(in_group(u.groups), "not added");
        c.groups().remove_users(&id, &[&uuid]).await?.check()?;
        let u = c.users().detail(Some(&email)).await?.unwrap();
        assert!(!in_group(u.groups), "not removed");
        Ok::<_, Error>(())
    }
    .await;
    remove_user(&c, &email).await;
    if let Some(id) = &gid {
        let _ = c.groups().delete(id).await;
        let _ = c.groups().purge(id).await;
    }
    let _ = c.domains().delete(&domain).await;
    let purged = c.domains().purge(&domain).await;
    result.unwrap();
    purged.unwrap().check().unwrap();
}

#[tokio::test]
async fn keypair_update_reads_back_rate_limit_and_policy() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();
    let email = format!("{}@example.com", unique("rs-live-kp"));
    let policy = unique("rs-live-kp-pol");
    let result = async {
        create_user(&c, "default", &email).await?;
        c.keypair_resource_policies()
            .create(&policy, &policy_create())
            .await?
            .check()?;
        let opts = KeyPairCreate {
            resource_policy: Some("default".into()),
            rate_limit: Some(5000),
            ..Default::default()
        };
        let kp = c.keypairs().create(&email, &opts).await?.check()?;
        let ak = kp.field("keypair").unwrap()["access_key"].as_str().unwrap();
        let changes = KeyPairUpdate {
            rate_limit: Some(1234),
            resource_policy: Some(policy.clone()),
            ..Default::default()
        };
        c.keypairs().update(ak, &changes).await?.check()?;
        // The default selection has neither field: ask for them.
        let q = "query($email: String!) { keypairs(email: $email) { access_key rate_limit resource_policy } }";
        let data = c.admin().query(q, Some(json!({"email": email}))).await?;
        let mine = data["keypairs"]
            .as_array()
            .and_then(|ks| ks.iter().find(|k| k["access_key"] == ak))
            .cloned()
            .unwrap_or(Value::Null);
        // A user in no group is not listed by `keypairs(email:)` on 23.09; then ask by key.
        let mine = if mine.is_null() {
            let q = "query { keypairs { access_key rate_limit resource_policy } }";
            let all = c.admin().query(q, None).await?;
            all["keypairs"]
                .as_array()
                .and_then(|ks| ks.iter().find(|k| k["access_key"] == ak))
                .cloned()
                .expect("keypair listed")
        } else {
            mine
        };
        assert_eq!(mine["rate_limit"], 1234, "{mine}");
        assert_eq!(mine["resource_policy"], policy.as_str(), "{mine}");
        c.keypairs().delete(ak).await?.check()?;
        Ok::<_, Error>(())
    }
    .await;
    remove_user(&c, &email).await;
    let deleted = c.keypair_resource_policies().delete(&policy).await;
    result.unwrap();
    deleted.unwrap().check().unwrap();
}

/// The CLI's `keypair-resource-policy add` defaults, with the deprecated vfolder limits a
/// 23.09.10 manager still needs.
fn policy_create() -> ResourcePolicyCreate {
    ResourcePolicyCreate {
        default_for_unspecified: "UNLIMITED".into(),
        total_resource_slots: "{}".into(),
        max_session_lifetime: 0,
        max_concurrent_sessions: 30,
        max_concurrent_sftp_sessions: 30,
        max_containers_per_session: 1,
        idle_timeout: 1800,
        allowed_vfolder_hosts: Some(r#"{"local:volume1": ["create-vfolder"]}"#.into()),
        max_vfolder_count: Some(0),
        max_vfolder_size: Some(0),
    }
}

#[tokio::test]
async fn keypair_resource_policy_create_update_delete() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();
    let name = unique("rs-live-pol");
    let policies = c.keypair_resource_policies();
    let result = async {
        policies.create(&name, &policy_create()).await?.check()?;
        let changes = ResourcePolicyUpdate {
            idle_timeout: Some(77),
            max_concurrent_sessions: Some(3),
            ..Default::default()
        };
        policies.update(&name, &changes).await?.check()?;
        let p = policies.info(&name).await?.expect("policy");
        assert_eq!(p.idle_timeout, Some(77));
        assert_eq!(p.max_concurrent_sessions, Some(3));
        Ok::<_, Error>(())
    }
    .await;
    let deleted = policies.delete(&name).await;
    result.unwrap();
    deleted.unwrap().check().unwrap();
    assert!(policies.info(&name).await.unwrap().is_none());
}

#[tokio::test]
async fn scaling_group_create_update_associate_delete() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();
    let name = unique("rs-live-sg");
    let domain = unique("rs-live-sgdom");
    let sgs = c.scaling_groups();
    let result = async {
        let opts = ScalingGroupCreate {
            driver_opts: Some(json!({})),
            scheduler_opts: Some(json!({})),
            ..ScalingGroupCreate::new("static", "fifo")
        };
        sgs.create(&name, &opts).await?.check()?;
        let changes = ScalingGroupUpdate {
            description: Some("updated".into()),
            is_public: Some(false),
            scheduler_opts: Some(json!({"allowed_session_types": ["batch"]})),
            ..Default::default()
        };
        sgs.update(&name, &changes).await?.check()?;
        let sg = sgs.detail(&name).await?.expect("scaling group");
        assert_eq!(sg.description.as_deref(), Some("updated"));
        assert_eq!(sg.is_public, Some(false));
        assert!(sg.scheduler_opts.unwrap().to_string().contains("batch"));

        // A domain of this test's own; the unique key makes a second association fail.
        c.domains()
            .create(&domain, &DomainCreate::default())
            .await?
            .check()?;
        sgs.associate_domain(&name, &domain).await?.check()?;
        assert!(!sgs.associate_domain(&name, &domain).await?.ok);
        sgs.dissociate_domain(&name, &domain).await?.check()?;
        assert!(!sgs.dissociate_domain(&name, &domain).await?.ok);
        Ok::<_, Error>(())
    }
    .await;
    let _ = sgs.dissociate_domain(&name, &domain).await;
    let _ = c.domains().delete(&domain).await;
    let _ = c.domains().purge(&domain).await;
    let deleted = sgs.delete(&name).await;
    result.unwrap();
    deleted.unwrap().check().unwrap();
    assert!(sgs.detail(&name).await.unwrap().is_none());
}

#[tokio::test]
async fn image_rescan_of_an_unknown_registry_fails_its_task() {
    let Some(cfg) = live() else { return };
    let c = Client::new(cfg).unwrap();
    let outcome = c
        .images()
        .rescan_and_wait(Some("no-such-registry.example"))
        .await
        .unwrap();
    match outcome {
        Some((_, Some(TaskOutcome::Failed(msg)))) => {
            assert!(msg.unwrap_or_default().contains("unknown registry"));
        }
        other => panic!("expected a failed task, got {other:?}"),
    }
}
