//! Admin API: GraphQL-backed groups (agents, domains, groups, images, keypairs, users, ...)
//! and manager/etcd/resource REST calls.
//!
//! Every group is reached from the [`Client`] (`client.users()`, `client.keypairs()`, …) and
//! borrows it. Each operation has a pure request builder (`*_query` returning a
//! [`GqlQuery`]/[`PaginatedQuery`], or `*_request` returning an [`ApiRequest`]) that produces
//! exactly what the Python 23.09 client sends (same GraphQL text, same default field
//! selections), and an async method that sends it and decodes the answer.
//!
//! GraphQL mutations return a [`MutationResult`]; like the Python client, `ok: false` is not an
//! error by itself — call [`MutationResult::check`] to turn it into one.
//!
//! | accessor | group |
//! |---|---|
//! | [`Client::admin`] | raw GraphQL [`Admin::query`] |
//! | [`Client::agents`] | [`agent::Agents`] |
//! | [`Client::agent_watcher`] | [`watcher::AgentWatcher`] |
//! | [`Client::auth`] | [`auth::Auth`] |
//! | [`Client::domains`] | [`domain::Domains`] |
//! | [`Client::etcd`] | [`etcd::EtcdConfig`] |
//! | [`Client::groups`] | [`group::Groups`] |
//! | [`Client::images`] | [`image::Images`] |
//! | [`Client::keypairs`] | [`keypair::KeyPairs`] |
//! | [`Client::keypair_resource_policies`] | [`resource_policy::KeypairResourcePolicies`] |
//! | [`Client::license`] | [`license::License`] |
//! | [`Client::manager`] | [`manager::Manager`] |
//! | [`Client::permissions`] | [`permission::Permissions`] |
//! | [`Client::resources`] | [`resource::Resources`] |
//! | [`Client::scaling_groups`] | [`scaling_group::ScalingGroups`] |
//! | [`Client::storage`] | [`storage::Storage`] |
//! | [`Client::users`] | [`user::Users`] |

use backendai_core::dto;
use backendai_core::error::ErrorKind;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::graphql::{self, GqlQuery};
use crate::paginate::{self, PaginatedQuery, PaginatedResult};
use crate::request::ApiRequest;

pub mod agent;
pub mod auth;
pub mod bgtask;
pub mod domain;
pub mod etcd;
pub mod group;
pub mod image;
pub mod keypair;
pub mod license;
pub mod manager;
pub mod permission;
pub mod resource;
pub mod resource_policy;
pub mod scaling_group;
pub mod storage;
pub mod user;
pub mod watcher;

/// Defines a borrowed group handle and its accessor on [`Client`].
macro_rules! group_handle {
    ($(#[$meta:meta])* $name:ident, $accessor:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name<'a> {
            client: &'a $crate::client::Client,
        }

        impl $crate::client::Client {
            #[doc = concat!("The [`", stringify!($name), "`] API group.")]
            pub fn $accessor(&self) -> $name<'_> {
                $name { client: self }
            }
        }
    };
}
pub(crate) use group_handle;

/// Defines `pub async fn`s of a group handle that build a request with a pure builder and
/// send it with one of the senders below ([`run_as`], [`mutate`], [`rest_json`],
/// [`rest_empty`]): `/// doc` then `fn name(args) -> Output = sender(request);`.
macro_rules! send_methods {
    ($(
        $(#[$meta:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty = $send:ident($req:expr);
    )*) => {
        $(
            $(#[$meta])*
            pub async fn $name(&self, $($arg: $ty),*) -> $crate::error::Result<$out> {
                $send(self.client, $req).await
            }
        )*
    };
}
pub(crate) use send_methods;

group_handle!(
    /// Raw GraphQL access (`Admin.query`), see [`crate::graphql`].
    Admin,
    admin
);

impl Admin<'_> {
    /// Sends a GraphQL query with optional variables and returns the data object.
    ///
    /// Goes to `POST /admin/gql` (API ≥ v6.20210815, `{data, errors}` envelope; errors become
    /// an [`Error`]) or `POST /admin/graphql` (older; the body is the data).
    pub async fn query(&self, query: &str, variables: Option<Value>) -> Result<Value> {
        graphql::query(self.client, query, variables).await
    }

    /// Sends a prepared operation and returns `data[root]`.
    pub async fn run(&self, query: &GqlQuery) -> Result<Value> {
        graphql::run(self.client, query).await
    }

    /// Sends a prepared operation and decodes `data[root]`.
    pub async fn run_as<T: DeserializeOwned>(&self, query: &GqlQuery) -> Result<T> {
        graphql::run_as(self.client, query).await
    }

    /// Fetches one page of any paginated list.
    pub async fn page<T: DeserializeOwned>(
        &self,
        query: &PaginatedQuery,
        offset: u64,
        page_size: u32,
    ) -> Result<PaginatedResult<T>> {
        paginate::fetch_page(self.client, query, offset, page_size).await
    }
}

/// The answer of a GraphQL mutation: `{"ok", "msg", <object>?}` — the core
/// [`dto::MutationResult`] (fields reachable through `Deref`) with [`MutationResult::check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MutationResult(pub dto::MutationResult);

impl std::ops::Deref for MutationResult {
    type Target = dto::MutationResult;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for MutationResult {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl From<dto::MutationResult> for MutationResult {
    fn from(r: dto::MutationResult) -> Self {
        MutationResult(r)
    }
}

impl MutationResult {
    /// `Ok(self)` when `ok` is true, else an error carrying `msg`: kind
    /// [`ErrorKind::PermissionDenied`] for "no permission" answers, [`ErrorKind::NotFound`]
    /// for "not found"/"no such" answers, [`ErrorKind::InvalidArgument`] otherwise.
    pub fn check(self) -> Result<Self> {
        if self.ok {
            return Ok(self);
        }
        let msg = self.msg.clone().unwrap_or_default();
        let kind = graphql::classify_message(&msg).unwrap_or(ErrorKind::InvalidArgument);
        let text = if msg.is_empty() {
            "the server rejected the mutation".to_owned()
        } else {
            format!("the server rejected the mutation: {}", one_line(&msg))
        };
        Err(Error::new(kind, text))
    }

    /// A field of the answer besides `ok`/`msg` (e.g. `"user"`, `"task_id"`).
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.extra.get(name)
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins field selections with spaces, as the Python client does.
pub(crate) fn join_fields(fields: &[&str]) -> String {
    fields.join(" ")
}

/// `query($name: String) { <root>(name: $name) { fields } }`: one object by name.
pub(crate) fn by_name_query(root: &str, name: &str, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($name: String) {{\n    {root}(name: $name) {{{}}}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(text, serde_json::json!({"name": name}), root)
}

/// `mutation($name: String!) { <root>(name: $name) { ok msg } }`.
pub(crate) fn name_mutation(root: &str, name: &str) -> GqlQuery {
    let text = format!(
        "mutation($name: String!) {{\n    {root}(name: $name) {{\n        ok msg\n    }}\n}}\n"
    );
    GqlQuery::new(text, serde_json::json!({"name": name}), root)
}

/// Sends a GraphQL operation and decodes `data[root]`.
pub(crate) async fn run_as<T: DeserializeOwned>(client: &Client, q: &GqlQuery) -> Result<T> {
    graphql::run_as(client, q).await
}

/// Sends a mutation and decodes the `{ok, msg, …}` answer.
pub(crate) async fn mutate(client: &Client, q: &GqlQuery) -> Result<MutationResult> {
    graphql::run_as(client, q).await
}

/// Sends a REST request and decodes the JSON answer.
pub(crate) async fn rest_json(client: &Client, request: ApiRequest) -> Result<Value> {
    client.json(request).await
}

/// Sends a REST request whose answer body is ignored (e.g. 204 answers).
pub(crate) async fn rest_empty(client: &Client, request: ApiRequest) -> Result<()> {
    client.send(request).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mutation_result_keeps_extra_and_checks() {
        let r: MutationResult =
            serde_json::from_value(json!({"ok": true, "msg": "success", "user": {"email": "a"}}))
                .unwrap();
        assert_eq!(r.field("user"), Some(&json!({"email": "a"})));
        assert!(r.clone().check().is_ok());
        let r: MutationResult = serde_json::from_value(
            json!({"ok": false, "msg": "no permission to execute create_user"}),
        )
        .unwrap();
        assert_eq!(r.check().unwrap_err().kind(), ErrorKind::PermissionDenied);
        let r: MutationResult =
            serde_json::from_value(json!({"ok": false, "msg": "integrity error"})).unwrap();
        assert_eq!(r.check().unwrap_err().kind(), ErrorKind::InvalidArgument);
    }
}
