//! The 26.9 deployment, auto-scaling-rule, notification, network, container-registry,
//! export and image groups against the real 23.09.10 manager with a client offering API v9
//! (as a 26.9 client does): negotiation lands on the manager's v7 and every call fails with
//! `ErrorKind::Unsupported` naming that version, before any request but the version probe.
//! Nothing is created.

use backendai_core::dto::{
    AutoScalingRuleInput, ContainerRegistryInput, ExportCsvRequest, NotificationChannelInput,
    SearchBody, UpdateDeploymentRequest,
};
use backendai_sdk::groups::deployment::endpoint_rules::EndpointRuleProps;
use backendai_sdk::Result;

mod common;
use common::{assert_unsupported, live_v9_client};

const ID: &str = "7e1f4e6c-3a55-4b8e-9d0f-2b7d7a1c9e01";

fn refused<T: std::fmt::Debug>(what: &str, r: Result<T>) {
    let msg = assert_unsupported(what, r);
    assert!(
        msg.ends_with("is not supported by this server (API version v7.20230615)"),
        "{what}: {msg}"
    );
}

#[tokio::test]
async fn a_23_09_manager_refuses_every_26_9_ops_group_with_the_typed_error() {
    let Some(client) = live_v9_client().await else {
        return;
    };
    let s = SearchBody::default();

    let d = client.deployments();
    refused("deployment search", d.search(&s).await);
    refused("deployment get", d.get(ID).await);
    refused(
        "deployment update",
        d.update(ID, &UpdateDeploymentRequest::default()).await,
    );
    refused("deployment delete", d.delete(ID).await);
    refused("revision search", d.search_revisions(ID, &s).await);
    refused("revision activate", d.activate_revision(ID, ID).await);
    refused("route search", d.search_routes(ID, &s).await);
    refused(
        "route traffic",
        d.update_route_traffic(ID, ID, "INACTIVE").await,
    );
    refused("policy get", d.get_policy(ID).await);
    refused("policy search", d.search_policies(&s).await);
    refused(
        "rule create",
        d.create_auto_scaling_rule(&AutoScalingRuleInput::default())
            .await,
    );
    refused("rule search", d.search_auto_scaling_rules(&s).await);
    refused("rule delete", d.delete_auto_scaling_rule(ID).await);

    let r = client.service_auto_scaling_rules();
    refused("service rules", r.list(ID, &[], 20, 0, None, None).await);
    refused(
        "service rule update",
        r.update(ID, &EndpointRuleProps::default()).await,
    );

    let n = client.notifications();
    refused("channel search", n.search_channels(&s).await);
    refused(
        "channel create",
        n.create_channel(&NotificationChannelInput::default()).await,
    );
    refused("channel validate", n.validate_channel(ID, "x").await);
    refused("rule types", n.rule_types().await);
    refused("rule search", n.search_rules(&s).await);

    refused(
        "network list",
        client.networks().list(&[], 20, 0, None, None).await,
    );
    refused(
        "network create",
        client.networks().create(ID, "n", None).await,
    );

    let c = client.container_registries();
    refused("registry list", c.list().await);
    refused(
        "registry create",
        c.create(&ContainerRegistryInput::default()).await,
    );

    let x = client.exports();
    refused("export reports", x.list_reports().await);
    refused(
        "export csv",
        x.csv("users", &ExportCsvRequest::default()).await,
    );

    let i = client.image_records();
    refused("image search", i.search(&s).await);
    refused("image forget", i.forget(ID).await);
}
