//! Session templates and dotfiles against the real manager: create → read → update →
//! delete, with unique names, for templates (as the normal user) and for dotfiles of every
//! scope (the user's own, a user's through `owner_access_key`, the domain's, a group's).
//! Whatever a test created is removed when it ends, also when it fails.

use std::future::Future;
use std::pin::Pin;

use backendai_core::config::ApiConfig;

use backendai_core::error::ErrorKind;
use backendai_sdk::groups::dotfile::DotfileScope;
use backendai_sdk::groups::session_template::{documents_payload, TemplateDocument, TemplateScope};
use backendai_sdk::Client;
use serde_json::{json, Value};

mod common;
use common::{as_user, live, unique, USER_AK};

type CleanupFn = Box<dyn FnOnce(Client) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send>;

/// Runs a cleanup step when dropped, with a new client on a new runtime: the test's runtime
/// may be unwinding, and it is blocked while this runs (its pooled connections with it).
struct Cleanup(ApiConfig, Option<CleanupFn>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let (Some(step), cfg) = (self.1.take(), self.0.clone()) else {
            return;
        };
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move { step(Client::new(cfg).unwrap()).await })
        })
        .join();
    }
}

fn task_template(name: &str) -> Value {
    json!({
        "api_version": "v1",
        "kind": "taskTemplate",
        "metadata": {"name": name, "tag": "bai-live"},
        "spec": {
            "kernel": {
                "image": "cr.backend.ai/stable/python:3.9-ubuntu20.04",
                "environ": {"BAI_LIVE": "1"}
            },
            "resources": {"cpu": "1", "mem": "1g"}
        }
    })
}

#[tokio::test]
async fn session_template_create_read_update_delete() {
    let Some(cfg) = live() else { return };
    let user = Client::new(as_user(&cfg)).unwrap();
    let templates = user.session_templates();

    let name = unique("bai-live-tpl");
    let payload = documents_payload(&[TemplateDocument::new(task_template(&name))]);
    let created = templates
        .create(&payload, &TemplateScope::default())
        .await
        .unwrap();
    assert_eq!(created.len(), 1, "{created:?}");
    let id = created[0].id.clone();
    let _cleanup = {
        let id = id.clone();
        let step: CleanupFn = Box::new(move |client| {
            Box::pin(async move {
                let _ = client.session_templates().delete(&id, None).await;
            })
        });
        Cleanup(as_user(&cfg), Some(step))
    };

    let listed = templates.list(false).await.unwrap();
    let item = listed
        .iter()
        .find(|t| t.id == id)
        .expect("the new template is listed");
    assert_eq!(item.name.as_deref(), Some(name.as_str()));
    assert_eq!(item.is_owner, Some(true));
    assert_eq!(item.template_type.as_deref(), Some("task"));

    let info = templates.get(&id, None).await.unwrap();
    assert_eq!(info.name.as_deref(), Some(name.as_str()));
    let template = info.template.expect("the stored template");
    assert_eq!(template["metadata"]["name"], name.as_str());
    assert_eq!(template["spec"]["kernel"]["environ"]["BAI_LIVE"], "1");

    // Replace it under an explicit document name.
    let renamed = format!("{name}-v2");
    let payload = documents_payload(&[TemplateDocument::new(task_template(&name)).named(&renamed)]);
    templates.update(&id, &payload, None).await.unwrap();
    let info = templates.get(&id, None).await.unwrap();
    assert_eq!(info.name.as_deref(), Some(renamed.as_str()));

    templates.delete(&id, None).await.unwrap();
    let listed = templates.list(false).await.unwrap();
    assert!(listed.iter().all(|t| t.id != id), "deleted template listed");
    // 23.09 answers `{}` (status 200) for a deleted template; the SDK says not found.
    let err = templates.get(&id, None).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
}

/// Creates, reads, updates and deletes one dotfile in `scope` with `client`; `lister` sees
/// the scope's list (the 23.09 manager lists only the caller's own user dotfiles).
async fn dotfile_round_trip(client: &Client, scope: DotfileScope, lister: &Client) {
    let path = format!(".{}", unique("bai-live-rc"));
    let dotfiles = client.dotfiles();
    dotfiles
        .create(&scope, &path, "export BAI_LIVE=1\n", "644")
        .await
        .unwrap();
    let _cleanup = {
        let (scope, path) = (scope.clone(), path.clone());
        let step: CleanupFn = Box::new(move |client| {
            Box::pin(async move {
                let _ = client.dotfiles().delete(&scope, &path).await;
            })
        });
        Cleanup(client.config().clone(), Some(step))
    };

    let listed = lister.dotfiles().list(&scope).await.unwrap();
    let entry = listed
        .iter()
        .find(|d| d.path == path)
        .unwrap_or_else(|| panic!("{path} not listed in {scope:?}: {listed:?}"));
    assert_eq!(entry.permission, "644");
    assert_eq!(entry.data, "export BAI_LIVE=1\n");

    let one = dotfiles.get(&scope, &path).await.unwrap();
    assert_eq!(one.permission, "644", "`perm` of a single dotfile is read");

    dotfiles
        .update(&scope, &path, "export BAI_LIVE=2\n", "600")
        .await
        .unwrap();
    let one = dotfiles.get(&scope, &path).await.unwrap();
    assert_eq!(
        (one.data.as_str(), one.permission.as_str()),
        ("export BAI_LIVE=2\n", "600")
    );

    dotfiles.delete(&scope, &path).await.unwrap();
    let err = dotfiles.get(&scope, &path).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
}

#[tokio::test]
async fn user_dotfiles_round_trip() {
    let Some(cfg) = live() else { return };
    let user = Client::new(as_user(&cfg)).unwrap();
    dotfile_round_trip(&user, DotfileScope::default(), &user).await;
}

#[tokio::test]
async fn an_admin_writes_a_users_dotfiles_with_the_owner_key() {
    let Some(cfg) = live() else { return };
    let admin = Client::new(cfg.clone()).unwrap();
    let user = Client::new(as_user(&cfg)).unwrap();
    let scope = DotfileScope::User {
        owner_access_key: Some(USER_AK.to_owned()),
    };
    dotfile_round_trip(&admin, scope, &user).await;
}

#[tokio::test]
async fn domain_dotfiles_round_trip() {
    let Some(cfg) = live() else { return };
    let admin = Client::new(cfg.clone()).unwrap();
    let scope = DotfileScope::from_options(None, Some(&cfg.domain), None);
    dotfile_round_trip(&admin, scope, &admin).await;
}

#[tokio::test]
async fn group_dotfiles_round_trip_by_name() {
    let Some(cfg) = live() else { return };
    let admin = Client::new(cfg.clone()).unwrap();
    let scope = DotfileScope::from_options(None, Some(&cfg.domain), Some(&cfg.group));
    dotfile_round_trip(&admin, scope, &admin).await;
}

#[tokio::test]
async fn a_bad_permission_is_refused_before_sending() {
    let Some(cfg) = live() else { return };
    let user = Client::new(as_user(&cfg)).unwrap();
    let err = user
        .dotfiles()
        .create(&DotfileScope::default(), ".never", "x", "0644")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}
