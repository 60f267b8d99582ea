//! The 26.9 groups (fair share, resource usage, scheduling history, quota scopes, user
//! resource policies) against the real 23.09.10 manager, with a client configured for API
//! v9 (as a 26.9 client is): negotiation lands on the manager's v7 and every call fails with
//! `ErrorKind::Unsupported` naming that version, before any request but the version probe,
//! except quota scopes, which 23.09 serves over GraphQL (read here). Nothing is created.

use backendai_core::dto::{
    FairShareSearchRequest, QuotaScopeSearchRequest, SchedulingHistorySearchRequest,
    UserResourcePolicySearchRequest, UserResourcePolicyUpdate,
};
use backendai_sdk::groups::quota_scope::QuotaScopeType;
use backendai_sdk::groups::scheduling_history::HistoryKind;

mod common;
// Each 26.9 call fails with the typed `Unsupported` error naming API v7.
use common::{assert_unsupported as refused, live_v9_client};

const PROJECT: &str = "2de2b9b5-4e2c-4bd7-9d2c-6c3b0c1c1f7e";

#[tokio::test]
async fn a_23_09_manager_refuses_every_26_9_group_with_the_typed_error() {
    let Some(client) = live_v9_client().await else {
        return;
    };

    let q = FairShareSearchRequest::default();
    let fs = client.fair_share();
    refused("fair share search", fs.search_domains(&q).await);
    refused("fair share get", fs.get_project("default", PROJECT).await);
    refused("fair share specs", fs.list_resource_group_specs().await);
    let ru = client.resource_usage();
    refused("resource usage", ru.search_user_buckets(&q).await);
    let sh = client.scheduling_history();
    let hq = SchedulingHistorySearchRequest::default();
    refused(
        "scheduling history",
        sh.search(HistoryKind::Route, &hq).await,
    );
    let qs = client.quota_scopes();
    refused(
        "quota search",
        qs.search(&QuotaScopeSearchRequest::default()).await,
    );
    // Quota scopes themselves work over the GraphQL fields 23.09 serves.
    let qsid = qs
        .resolve(QuotaScopeType::User, "admin@lablup.com", "default")
        .await
        .unwrap();
    let scope = qs.get("local:volume1", &qsid).await.unwrap();
    assert_eq!(scope.quota_scope_id, qsid);
    let urp = client.user_resource_policies();
    refused("policy get", urp.get("default").await);
    refused(
        "policy search",
        urp.search(&UserResourcePolicySearchRequest::default())
            .await,
    );
    let update = UserResourcePolicyUpdate {
        max_vfolder_count: Some(1),
        ..Default::default()
    };
    refused("policy update", urp.update("default", &update).await);
}
