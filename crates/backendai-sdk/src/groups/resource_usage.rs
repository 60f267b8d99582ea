//! Resource-usage history (`ResourceUsage` of the 26.9 Python client; superadmins only): the
//! usage buckets of domains, projects and users, globally or inside a resource group. The
//! manager serves them under `/fair-share/usage-buckets` and `/fair-share/rg/...`, so the
//! builders are the fair-share group's ([`super::fair_share::requests`]); this handle only
//! names the calls as the Python client does. API v9+ only.

use crate::client::Client;
use crate::error::Result;
use crate::groups::rest_v9::require_v9;
pub use backendai_core::dto::{FairShareSearchRequest, SearchResponse, UsageBucket};

impl Client {
    /// The resource-usage API group (26.9+).
    pub fn resource_usage(&self) -> ResourceUsage<'_> {
        ResourceUsage { client: self }
    }
}

/// The resource-usage API group (`ResourceUsage`).
#[derive(Debug, Clone, Copy)]
pub struct ResourceUsage<'a> {
    client: &'a Client,
}

impl ResourceUsage<'_> {
    /// Refuses a pre-26.9 server under this group's name (the shared builders would name
    /// the fair-share group).
    async fn gate(&self) -> Result<()> {
        require_v9(&self.client.api_version().await?, "resource usage")
    }

    /// Searches domain usage buckets.
    pub async fn search_domain_buckets(
        &self,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.gate().await?;
        self.client
            .fair_share()
            .search_domain_usage_buckets(q)
            .await
    }

    /// Searches project usage buckets.
    pub async fn search_project_buckets(
        &self,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.gate().await?;
        self.client
            .fair_share()
            .search_project_usage_buckets(q)
            .await
    }

    /// Searches user usage buckets.
    pub async fn search_user_buckets(
        &self,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.gate().await?;
        self.client.fair_share().search_user_usage_buckets(q).await
    }

    /// Searches the domain usage buckets of a resource group.
    pub async fn rg_search_domain_buckets(
        &self,
        rg: &str,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.gate().await?;
        self.client
            .fair_share()
            .rg_search_domain_usage_buckets(rg, q)
            .await
    }

    /// Searches the project usage buckets of a domain in a resource group.
    pub async fn rg_search_project_buckets(
        &self,
        rg: &str,
        domain: &str,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.gate().await?;
        self.client
            .fair_share()
            .rg_search_project_usage_buckets(rg, domain, q)
            .await
    }

    /// Searches the user usage buckets of a project in a resource group.
    pub async fn rg_search_user_buckets(
        &self,
        rg: &str,
        domain: &str,
        project: &str,
        q: &FairShareSearchRequest,
    ) -> Result<SearchResponse<UsageBucket>> {
        self.gate().await?;
        self.client
            .fair_share()
            .rg_search_user_usage_buckets(rg, domain, project, q)
            .await
    }
}
