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
}

/// Defines one `pub async fn` of [`ResourceUsage`] per row: `/// doc` then
/// `fn name(path args) = fair_share_method;`; each gates under this group's name, then sends
/// the fair-share search it names with the path arguments and the search body `q`.
macro_rules! bucket_searches {
    ($(
        $(#[$meta:meta])*
        fn $name:ident($($arg:ident),*) = $fair_share:ident;
    )*) => {
        impl ResourceUsage<'_> {$(
            $(#[$meta])*
            pub async fn $name(
                &self,
                $($arg: &str,)*
                q: &FairShareSearchRequest,
            ) -> Result<SearchResponse<UsageBucket>> {
                self.gate().await?;
                self.client.fair_share().$fair_share($($arg,)* q).await
            }
        )*}
    };
}

bucket_searches! {
    /// Searches domain usage buckets.
    fn search_domain_buckets() = search_domain_usage_buckets;
    /// Searches project usage buckets.
    fn search_project_buckets() = search_project_usage_buckets;
    /// Searches user usage buckets.
    fn search_user_buckets() = search_user_usage_buckets;
    /// Searches the domain usage buckets of a resource group.
    fn rg_search_domain_buckets(rg) = rg_search_domain_usage_buckets;
    /// Searches the project usage buckets of a domain in a resource group.
    fn rg_search_project_buckets(rg, domain) = rg_search_project_usage_buckets;
    /// Searches the user usage buckets of a project in a resource group.
    fn rg_search_user_buckets(rg, domain, project) = rg_search_user_usage_buckets;
}
