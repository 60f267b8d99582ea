//! Fair-share scheduling (`FairShare` of the 26.9 Python client; superadmins only): the fair
//! shares of domains, projects and users in a resource group, their weights, the usage
//! buckets they are computed from, and each resource group's fair-share spec.
//!
//! | what | paths |
//! |---|---|
//! | get / search | `/fair-share/{domains,projects,users}/...`, resource-group scoped `/fair-share/rg/{rg}/domains/...` |
//! | weights | `PUT .../weight`, `POST /fair-share/{level}/bulk-upsert-weight` |
//! | usage buckets | `/fair-share/usage-buckets/{level}/search`, `/fair-share/rg/.../usage-buckets/...` |
//! | resource-group spec | `GET/PATCH /fair-share/resource-groups/{rg}/spec`, `GET .../specs` |
//!
//! Every call needs API v9 (26.9): on an older manager it fails with
//! [`ErrorKind::Unsupported`] before any request is sent.

pub mod requests;

use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::groups::rest_v9::uuid_arg;
use crate::request::ApiRequest;
pub use backendai_core::dto::{
    BulkUpsertWeightRequest, BulkUpsertWeightResponse, DomainFairShare, FairShareFilter,
    FairShareSearchRequest, ItemResponse, ProjectFairShare, ResourceGroupFairShare,
    ResourceGroupFairShareList, SearchOrder, SearchResponse, UpdateFairShareSpecRequest,
    UpsertWeightRequest, UsageBucket, UserFairShare, WeightEntry,
};

impl Client {
    /// The fair-share API group (26.9+).
    pub fn fair_share(&self) -> FairShares<'_> {
        FairShares { client: self }
    }
}

/// The fair-share API group (`FairShare`).
#[derive(Debug, Clone, Copy)]
pub struct FairShares<'a> {
    client: &'a Client,
}

type Build<'b> = Box<dyn FnOnce(&ApiVersion) -> Result<ApiRequest> + 'b>;

impl FairShares<'_> {
    /// Negotiates the version, builds (the gate refuses old servers here) and sends.
    async fn call<T: DeserializeOwned>(&self, build: Build<'_>) -> Result<T> {
        let v = self.client.api_version().await?;
        self.client.json(build(&v)?).await
    }

    async fn item<T: DeserializeOwned>(&self, build: Build<'_>) -> Result<Option<T>> {
        Ok(self.call::<ItemResponse<T>>(build).await?.item)
    }

    async fn written<T: DeserializeOwned>(&self, build: Build<'_>) -> Result<T> {
        self.item(build)
            .await?
            .ok_or_else(|| Error::new(ErrorKind::Decode, "the answer carries no item"))
    }

    /// A domain's fair share in a resource group (`None`: no record).
    pub async fn get_domain(&self, rg: &str, domain: &str) -> Result<Option<DomainFairShare>> {
        self.item(Box::new(|v| requests::get_domain(v, rg, domain)))
            .await
    }

    /// Searches domain fair shares.
    pub async fn search_domains(
        &self,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<DomainFairShare>> {
        self.call(Box::new(|v| requests::search_domains(v, q)))
            .await
    }

    /// A domain's fair share, addressed inside the resource group.
    pub async fn rg_get_domain(&self, rg: &str, domain: &str) -> Result<Option<DomainFairShare>> {
        self.item(Box::new(|v| requests::rg_get_domain(v, rg, domain)))
            .await
    }

    /// Searches the domain fair shares of one resource group.
    pub async fn rg_search_domains(
        &self,
        rg: &str,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<DomainFairShare>> {
        self.call(Box::new(|v| requests::rg_search_domains(v, rg, q)))
            .await
    }

    /// A project's fair share in a resource group.
    pub async fn get_project(&self, rg: &str, project: &str) -> Result<Option<ProjectFairShare>> {
        uuid_arg("project ID", project)?;
        self.item(Box::new(|v| requests::get_project(v, rg, project)))
            .await
    }

    /// Searches project fair shares.
    pub async fn search_projects(
        &self,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<ProjectFairShare>> {
        self.call(Box::new(|v| requests::search_projects(v, q)))
            .await
    }

    /// A project's fair share, addressed inside the resource group and domain.
    pub async fn rg_get_project(
        &self,
        rg: &str,
        domain: &str,
        project: &str,
    ) -> Result<Option<ProjectFairShare>> {
        uuid_arg("project ID", project)?;
        self.item(Box::new(|v| {
            requests::rg_get_project(v, rg, domain, project)
        }))
        .await
    }

    /// Searches the project fair shares of a domain in a resource group.
    pub async fn rg_search_projects(
        &self,
        rg: &str,
        domain: &str,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<ProjectFairShare>> {
        self.call(Box::new(|v| requests::rg_search_projects(v, rg, domain, q)))
            .await
    }

    /// A user's fair share in a project and resource group.
    pub async fn get_user(
        &self,
        rg: &str,
        project: &str,
        user: &str,
    ) -> Result<Option<UserFairShare>> {
        uuid_arg("project ID", project)?;
        uuid_arg("user UUID", user)?;
        self.item(Box::new(|v| requests::get_user(v, rg, project, user)))
            .await
    }

    /// Searches user fair shares.
    pub async fn search_users(
        &self,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UserFairShare>> {
        self.call(Box::new(|v| requests::search_users(v, q))).await
    }

    /// A user's fair share, addressed inside the resource group, domain and project.
    pub async fn rg_get_user(
        &self,
        rg: &str,
        domain: &str,
        project: &str,
        user: &str,
    ) -> Result<Option<UserFairShare>> {
        uuid_arg("project ID", project)?;
        uuid_arg("user UUID", user)?;
        self.item(Box::new(|v| {
            requests::rg_get_user(v, rg, domain, project, user)
        }))
        .await
    }

    /// Searches the user fair shares of a project in a resource group.
    pub async fn rg_search_users(
        &self,
        rg: &str,
        domain: &str,
        project: &str,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UserFairShare>> {
        uuid_arg("project ID", project)?;
        self.call(Box::new(|v| {
            requests::rg_search_users(v, rg, domain, project, q)
        }))
        .await
    }

    /// Searches domain usage buckets.
    pub async fn search_domain_usage_buckets(
        &self,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.call(Box::new(|v| requests::search_domain_usage_buckets(v, q)))
            .await
    }

    /// Searches project usage buckets.
    pub async fn search_project_usage_buckets(
        &self,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.call(Box::new(|v| requests::search_project_usage_buckets(v, q)))
            .await
    }

    /// Searches user usage buckets.
    pub async fn search_user_usage_buckets(
        &self,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.call(Box::new(|v| requests::search_user_usage_buckets(v, q)))
            .await
    }

    /// Searches the domain usage buckets of a resource group.
    pub async fn rg_search_domain_usage_buckets(
        &self,
        rg: &str,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.call(Box::new(|v| {
            requests::rg_search_domain_usage_buckets(v, rg, q)
        }))
        .await
    }

    /// Searches the project usage buckets of a domain in a resource group.
    pub async fn rg_search_project_usage_buckets(
        &self,
        rg: &str,
        domain: &str,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.call(Box::new(|v| {
            requests::rg_search_project_usage_buckets(v, rg, domain, q)
        }))
        .await
    }

    /// Searches the user usage buckets of a project in a resource group.
    pub async fn rg_search_user_usage_buckets(
        &self,
        rg: &str,
        domain: &str,
        project: &str,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        uuid_arg("project ID", project)?;
        self.call(Box::new(|v| {
            requests::rg_search_user_usage_buckets(v, rg, domain, project, q)
        }))
        .await
    }

    /// Sets (or with `weight: None` resets) a domain's weight; answers the updated record.
    pub async fn upsert_domain_weight(
        &self,
        rg: &str,
        domain: &str,
        body: &UpsertWeightRequest,
    ) -> Result<DomainFairShare> {
        self.written(Box::new(|v| {
            requests::upsert_domain_weight(v, rg, domain, body)
        }))
        .await
    }

    /// Sets a project's weight (`body.domain_name` is required by the manager).
    pub async fn upsert_project_weight(
        &self,
        rg: &str,
        project: &str,
        body: &UpsertWeightRequest,
    ) -> Result<ProjectFairShare> {
        uuid_arg("project ID", project)?;
        self.written(Box::new(|v| {
            requests::upsert_project_weight(v, rg, project, body)
        }))
        .await
    }

    /// Sets a user's weight (`body.domain_name` is required by the manager).
    pub async fn upsert_user_weight(
        &self,
        rg: &str,
        project: &str,
        user: &str,
        body: &UpsertWeightRequest,
    ) -> Result<UserFairShare> {
        uuid_arg("project ID", project)?;
        uuid_arg("user UUID", user)?;
        self.written(Box::new(|v| {
            requests::upsert_user_weight(v, rg, project, user, body)
        }))
        .await
    }

    /// Sets many domain weights at once.
    pub async fn bulk_upsert_domain_weights(
        &self,
        body: &BulkUpsertWeightRequest,
    ) -> Result<BulkUpsertWeightResponse> {
        self.call(Box::new(|v| requests::bulk_upsert_domain_weights(v, body)))
            .await
    }

    /// Sets many project weights at once.
    pub async fn bulk_upsert_project_weights(
        &self,
        body: &BulkUpsertWeightRequest,
    ) -> Result<BulkUpsertWeightResponse> {
        self.call(Box::new(|v| requests::bulk_upsert_project_weights(v, body)))
            .await
    }

    /// Sets many user weights at once.
    pub async fn bulk_upsert_user_weights(
        &self,
        body: &BulkUpsertWeightRequest,
    ) -> Result<BulkUpsertWeightResponse> {
        self.call(Box::new(|v| requests::bulk_upsert_user_weights(v, body)))
            .await
    }

    /// A resource group's fair-share spec.
    pub async fn get_resource_group_spec(&self, rg: &str) -> Result<ResourceGroupFairShare> {
        self.call(Box::new(|v| requests::get_resource_group_spec(v, rg)))
            .await
    }

    /// Every resource group with its fair-share spec.
    pub async fn list_resource_group_specs(&self) -> Result<ResourceGroupFairShareList> {
        self.call(Box::new(requests::list_resource_group_specs))
            .await
    }

    /// Changes the keys set in `body` of a resource group's spec; answers the new spec.
    pub async fn update_resource_group_spec(
        &self,
        rg: &str,
        body: &UpdateFairShareSpecRequest,
    ) -> Result<ResourceGroupFairShare> {
        self.call(Box::new(|v| {
            requests::update_resource_group_spec(v, rg, body)
        }))
        .await
    }
}
