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
}

/// Defines one `pub async fn` of [`FairShares`] per row, sending the builder of the same name
/// in [`requests`]: `/// doc` then `fn name(args) -> Output = answer [uuids];`, where `answer`
/// is `call` (the decoded answer), `item` (its `item`, `None` when absent) or `written` (its
/// `item`, required), and `[arg: "name", ..]` lists the UUID arguments checked before the
/// version is negotiated (a bad one fails without a request).
macro_rules! calls {
    ($(
        $(#[$meta:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty =
            $answer:ident $([$($id:ident: $label:literal),*])?;
    )*) => {
        impl FairShares<'_> {$(
            $(#[$meta])*
            pub async fn $name(&self, $($arg: $ty),*) -> Result<$out> {
                $($(uuid_arg($label, $id)?;)*)?
                self.$answer(Box::new(move |v| requests::$name(v, $($arg),*)))
                    .await
            }
        )*}
    };
}

/// A search body.
type SearchBody = FairShareSearchRequest;

calls! {
    /// A domain's fair share in a resource group (`None`: no record).
    fn get_domain(rg: &str, domain: &str) -> Option<DomainFairShare> = item;
    /// Searches domain fair shares.
    fn search_domains(q: &SearchBody) -> SearchResponse<DomainFairShare> = call;
    /// A domain's fair share, addressed inside the resource group.
    fn rg_get_domain(rg: &str, domain: &str) -> Option<DomainFairShare> = item;
    /// Searches the domain fair shares of one resource group.
    fn rg_search_domains(rg: &str, q: &SearchBody) -> SearchResponse<DomainFairShare> = call;

    /// A project's fair share in a resource group.
    fn get_project(rg: &str, project: &str) -> Option<ProjectFairShare> =
        item [project: "project ID"];
    /// Searches project fair shares.
    fn search_projects(q: &SearchBody) -> SearchResponse<ProjectFairShare> = call;
    /// A project's fair share, addressed inside the resource group and domain.
    fn rg_get_project(rg: &str, domain: &str, project: &str) -> Option<ProjectFairShare> =
        item [project: "project ID"];
    /// Searches the project fair shares of a domain in a resource group.
    fn rg_search_projects(rg: &str, domain: &str, q: &SearchBody)
        -> SearchResponse<ProjectFairShare> = call;

    /// A user's fair share in a project and resource group.
    fn get_user(rg: &str, project: &str, user: &str) -> Option<UserFairShare> =
        item [project: "project ID", user: "user UUID"];
    /// Searches user fair shares.
    fn search_users(q: &SearchBody) -> SearchResponse<UserFairShare> = call;
    /// A user's fair share, addressed inside the resource group, domain and project.
    fn rg_get_user(rg: &str, domain: &str, project: &str, user: &str)
        -> Option<UserFairShare> = item [project: "project ID", user: "user UUID"];
    /// Searches the user fair shares of a project in a resource group.
    fn rg_search_users(rg: &str, domain: &str, project: &str, q: &SearchBody)
        -> SearchResponse<UserFairShare> = call [project: "project ID"];

    /// Searches domain usage buckets.
    fn search_domain_usage_buckets(q: &SearchBody) -> SearchResponse<UsageBucket> = call;
    /// Searches project usage buckets.
    fn search_project_usage_buckets(q: &SearchBody) -> SearchResponse<UsageBucket> = call;
    /// Searches user usage buckets.
    fn search_user_usage_buckets(q: &SearchBody) -> SearchResponse<UsageBucket> = call;
    /// Searches the domain usage buckets of a resource group.
    fn rg_search_domain_usage_buckets(rg: &str, q: &SearchBody)
        -> SearchResponse<UsageBucket> = call;
    /// Searches the project usage buckets of a domain in a resource group.
    fn rg_search_project_usage_buckets(rg: &str, domain: &str, q: &SearchBody)
        -> SearchResponse<UsageBucket> = call;
    /// Searches the user usage buckets of a project in a resource group.
    fn rg_search_user_usage_buckets(rg: &str, domain: &str, project: &str, q: &SearchBody)
        -> SearchResponse<UsageBucket> = call [project: "project ID"];

    /// Sets (or with `weight: None` resets) a domain's weight; answers the updated record.
    fn upsert_domain_weight(rg: &str, domain: &str, body: &UpsertWeightRequest)
        -> DomainFairShare = written;
    /// Sets a project's weight (`body.domain_name` is required by the manager).
    fn upsert_project_weight(rg: &str, project: &str, body: &UpsertWeightRequest)
        -> ProjectFairShare = written [project: "project ID"];
    /// Sets a user's weight (`body.domain_name` is required by the manager).
    fn upsert_user_weight(rg: &str, project: &str, user: &str, body: &UpsertWeightRequest)
        -> UserFairShare = written [project: "project ID", user: "user UUID"];

    /// Sets many domain weights at once.
    fn bulk_upsert_domain_weights(body: &BulkUpsertWeightRequest)
        -> BulkUpsertWeightResponse = call;
    /// Sets many project weights at once.
    fn bulk_upsert_project_weights(body: &BulkUpsertWeightRequest)
        -> BulkUpsertWeightResponse = call;
    /// Sets many user weights at once.
    fn bulk_upsert_user_weights(body: &BulkUpsertWeightRequest)
        -> BulkUpsertWeightResponse = call;

    /// A resource group's fair-share spec.
    fn get_resource_group_spec(rg: &str) -> ResourceGroupFairShare = call;
    /// Every resource group with its fair-share spec.
    fn list_resource_group_specs() -> ResourceGroupFairShareList = call;
    /// Changes the keys set in `body` of a resource group's spec; answers the new spec.
    fn update_resource_group_spec(rg: &str, body: &UpdateFairShareSpecRequest)
        -> ResourceGroupFairShare = call;
}
