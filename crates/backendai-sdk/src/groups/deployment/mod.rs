//! Model deployments of the 26.9 manager (`DeploymentClient` of the Python v2 SDK,
//! "v1-compatible" REST under `/deployments`): deployments, their revisions, routes and
//! rollout policy, and auto-scaling rules (`/admin/auto-scaling-rules`, in
//! [`auto_scaling`]; a service's GraphQL rules in [`endpoint_rules`]).
//!
//! Every call negotiates the API version first; on a server older than 26.9 (API v9) it
//! fails with [`ErrorKind::Unsupported`](backendai_core::error::ErrorKind::Unsupported)
//! ("... is not supported by this server") before any request is sent.

pub mod auto_scaling;
pub mod endpoint_rules;
pub mod requests;

pub use backendai_core::dto::{
    AutoScalingRule, AutoScalingRuleInput, AutoScalingRuleList, BlueGreenConfig,
    CreateDeploymentRequest, Deleted, Deployment, DeploymentList, DeploymentPolicy,
    DeploymentPolicyEnvelope, DeploymentPolicyList, Revision, RevisionInput, RevisionList,
    RollingUpdateConfig, Route, RouteList, SearchBody, Success, UpdateDeploymentRequest,
    UpsertDeploymentPolicyRequest,
};
use backendai_core::dto::{DeploymentEnvelope, RevisionEnvelope, RouteEnvelope};
pub use requests::*;

use crate::client::Client;
use crate::error::Result;
use crate::groups::v26::call;

impl Client {
    /// The deployment API group (26.9).
    pub fn deployments(&self) -> Deployments<'_> {
        Deployments { client: self }
    }
}

/// The deployment API group (26.9 `DeploymentClient`).
#[derive(Debug, Clone, Copy)]
pub struct Deployments<'a> {
    client: &'a Client,
}

impl Deployments<'_> {
    /// Creates a deployment with its initial revision.
    pub async fn create(&self, body: &CreateDeploymentRequest) -> Result<Deployment> {
        let r: DeploymentEnvelope = call(self.client, |v| create_request(v, body)).await?;
        Ok(r.deployment)
    }

    /// A page of deployments.
    pub async fn search(&self, body: &SearchBody) -> Result<DeploymentList> {
        call(self.client, |v| search_request(v, body)).await
    }

    /// One deployment.
    pub async fn get(&self, id: &str) -> Result<Deployment> {
        let r: DeploymentEnvelope = call(self.client, |v| get_request(v, id)).await?;
        Ok(r.deployment)
    }

    /// Renames or rescales a deployment.
    pub async fn update(&self, id: &str, body: &UpdateDeploymentRequest) -> Result<Deployment> {
        let r: DeploymentEnvelope = call(self.client, |v| update_request(v, id, body)).await?;
        Ok(r.deployment)
    }

    /// Destroys a deployment.
    pub async fn delete(&self, id: &str) -> Result<Deleted> {
        call(self.client, |v| delete_request(v, id)).await
    }

    /// Adds a revision (activated only when the revision says `auto_activate`).
    pub async fn add_revision(&self, id: &str, revision: &RevisionInput) -> Result<Revision> {
        let r: RevisionEnvelope =
            call(self.client, |v| add_revision_request(v, id, revision)).await?;
        Ok(r.revision)
    }

    /// A page of a deployment's revisions.
    pub async fn search_revisions(&self, id: &str, body: &SearchBody) -> Result<RevisionList> {
        call(self.client, |v| search_revisions_request(v, id, body)).await
    }

    /// One revision.
    pub async fn get_revision(&self, id: &str, revision_id: &str) -> Result<Revision> {
        let r: RevisionEnvelope =
            call(self.client, |v| get_revision_request(v, id, revision_id)).await?;
        Ok(r.revision)
    }

    /// Makes a revision the active one.
    pub async fn activate_revision(&self, id: &str, revision_id: &str) -> Result<Success> {
        call(self.client, |v| {
            activate_revision_request(v, id, revision_id)
        })
        .await
    }

    /// Deactivates a revision.
    pub async fn deactivate_revision(&self, id: &str, revision_id: &str) -> Result<Success> {
        call(self.client, |v| {
            deactivate_revision_request(v, id, revision_id)
        })
        .await
    }

    /// A page of a deployment's routes (replicas).
    pub async fn search_routes(&self, id: &str, body: &SearchBody) -> Result<RouteList> {
        call(self.client, |v| search_routes_request(v, id, body)).await
    }

    /// Turns a route's traffic on (`ACTIVE`) or off (`INACTIVE`).
    pub async fn update_route_traffic(
        &self,
        id: &str,
        route_id: &str,
        traffic_status: &str,
    ) -> Result<Route> {
        let r: RouteEnvelope = call(self.client, |v| {
            update_route_traffic_request(v, id, route_id, traffic_status)
        })
        .await?;
        Ok(r.route)
    }

    /// A page of rollout policies (superadmins).
    pub async fn search_policies(&self, body: &SearchBody) -> Result<DeploymentPolicyList> {
        call(self.client, |v| search_policies_request(v, body)).await
    }

    /// A deployment's rollout policy.
    pub async fn get_policy(&self, id: &str) -> Result<DeploymentPolicy> {
        let r: DeploymentPolicyEnvelope = call(self.client, |v| get_policy_request(v, id)).await?;
        Ok(r.deployment_policy)
    }

    /// Creates or replaces a deployment's rollout policy (`created` tells which).
    pub async fn upsert_policy(
        &self,
        id: &str,
        body: &UpsertDeploymentPolicyRequest,
    ) -> Result<DeploymentPolicyEnvelope> {
        call(self.client, |v| upsert_policy_request(v, id, body)).await
    }
}
