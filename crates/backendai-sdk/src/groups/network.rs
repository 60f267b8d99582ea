//! Inter-container networks (`Network` of the 26.9 Python client: GraphQL `networks`,
//! `network`, `create_network`, `modify_network`, `delete_network`; creating and deleting
//! need a network plugin on the manager). On a server older than 26.9 (API v9) every call
//! fails with the typed "not supported by this server" error before anything is sent.

pub use backendai_core::dto::Network;
use backendai_core::dto::PaginatedResult;
use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;
use serde_json::json;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::graphql::{self, GqlQuery};
use crate::groups::admin::MutationResult;
use crate::groups::rest_v9::{require_v9, uuid_arg};

const WHAT: &str = "networks (API v9)";

/// Fields a list or get selects by default (the Python client's).
pub const DEFAULT_FIELDS: &[&str] = &["name", "ref_name", "driver", "created_at"];

fn selection(fields: &[&str]) -> Result<String> {
    let fields = if fields.is_empty() {
        DEFAULT_FIELDS
    } else {
        fields
    };
    if let Some(bad) = fields
        .iter()
        .find(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid network field {bad:?}"),
        ));
    }
    Ok(fields.join(" "))
}

/// The relay-paginated `networks` query (`first`/`offset`, optional filter and order).
pub fn list_query(
    v: &ApiVersion,
    fields: &[&str],
    limit: u32,
    offset: u32,
    filter: Option<&str>,
    order: Option<&str>,
) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let q = format!(
        "query($limit:Int, $after:String, $offset:Int, $before:String, $filter: String, \
         $order: String) {{\n  networks(first:$limit, offset:$offset, after:$after, \
         before:$before filter:$filter, order:$order) {{\n    edges {{ node {{ {} }} cursor }}\n    count\n  }}\n}}",
        selection(fields)?
    );
    let vars = json!({
        "filter": filter, "order": order, "limit": limit, "offset": offset,
        "after": null, "before": null,
    });
    Ok(GqlQuery::new(q, vars, "networks"))
}

/// The `network(id:)` query (`id` is the network's UUID, its `row_id`).
pub fn get_query(v: &ApiVersion, id: &str, fields: &[&str]) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let id = uuid_arg("network ID", id)?;
    let q = format!(
        "query($id: String!) {{\n  network(id: $id) {{ {} }}\n}}",
        selection(fields)?
    );
    Ok(GqlQuery::new(q, json!({ "id": id }), "network"))
}

/// The `create_network` mutation.
pub fn create_query(
    v: &ApiVersion,
    project_id: &str,
    name: &str,
    driver: Option<&str>,
) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let project_id = uuid_arg("project ID", project_id)?;
    let q = "mutation($name: String!, $project_id: UUID!, $driver: String) {\n  \
             create_network(name: $name, project_id: $project_id, driver: $driver) {\n    \
             ok\n    msg\n    network { row_id }\n  }\n}";
    let vars = json!({ "name": name, "project_id": project_id, "driver": driver });
    Ok(GqlQuery::new(q, vars, "create_network"))
}

/// The `modify_network` mutation (renames).
pub fn update_query(v: &ApiVersion, id: &str, name: &str) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let id = uuid_arg("network ID", id)?;
    let q = "mutation($network: String!, $props: ModifyNetworkInput!) {\n  \
             modify_network(network: $network, props: $props) { ok msg }\n}";
    let vars = json!({ "network": id, "props": { "name": name } });
    Ok(GqlQuery::new(q, vars, "modify_network"))
}

/// The `delete_network` mutation (only networks no active session uses).
pub fn delete_query(v: &ApiVersion, id: &str) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let id = uuid_arg("network ID", id)?;
    let q = "mutation($network: String!) {\n  delete_network(network: $network) { ok msg }\n}";
    Ok(GqlQuery::new(q, json!({ "network": id }), "delete_network"))
}

/// The `groups(name:)` query that turns a project name into its ID.
pub fn project_id_query(v: &ApiVersion, name: &str) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let q = "query($name: String) {\n  groups(name: $name) { id name }\n}";
    Ok(GqlQuery::new(q, json!({ "name": name }), "groups"))
}

/// A filter expression matching one network name exactly.
pub fn name_filter(name: &str) -> String {
    format!(
        "name == \"{}\"",
        name.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

impl Client {
    /// The network API group (26.9).
    pub fn networks(&self) -> Networks<'_> {
        Networks { client: self }
    }
}

/// The network API group.
#[derive(Debug, Clone, Copy)]
pub struct Networks<'a> {
    client: &'a Client,
}

impl Networks<'_> {
    /// A page of networks with `fields` (the defaults when empty).
    pub async fn list(
        &self,
        fields: &[&str],
        limit: u32,
        offset: u32,
        filter: Option<&str>,
        order: Option<&str>,
    ) -> Result<PaginatedResult<Network>> {
        let v = self.client.api_version().await?;
        let q = list_query(&v, fields, limit, offset, filter, order)?;
        graphql::run_connection(self.client, &q).await
    }

    /// The network's UUID: `id_or_name` itself when it is a UUID, else the `row_id` of the
    /// network with that name (not found: an error of kind `NotFound`).
    pub async fn resolve(&self, id_or_name: &str) -> Result<String> {
        if let Ok(id) = uuid_arg("network ID", id_or_name) {
            return Ok(id);
        }
        let filter = name_filter(id_or_name);
        let page = self
            .list(&["row_id", "name"], 1, 0, Some(&filter), None)
            .await?;
        page.items
            .into_iter()
            .find_map(|n| n.row_id)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("network {id_or_name:?} not found"),
                )
            })
    }

    /// One network by UUID or name, with `fields` (the defaults when empty); `None` when the
    /// server has no such network.
    pub async fn get(&self, id_or_name: &str, fields: &[&str]) -> Result<Option<Network>> {
        let v = self.client.api_version().await?;
        require_v9(&v, WHAT)?;
        let id = self.resolve(id_or_name).await?;
        graphql::run_as(self.client, &get_query(&v, &id, fields)?).await
    }

    /// Creates a network in a project (UUID or name); returns its UUID.
    pub async fn create(&self, project: &str, name: &str, driver: Option<&str>) -> Result<String> {
        let v = self.client.api_version().await?;
        require_v9(&v, WHAT)?;
        let project_id = match uuid_arg("project ID", project) {
            Ok(id) => id,
            Err(_) => {
                let groups = graphql::run(self.client, &project_id_query(&v, project)?).await?;
                groups
                    .as_array()
                    .and_then(|g| g.first())
                    .and_then(|g| g["id"].as_str())
                    .map(str::to_owned)
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::NotFound,
                            format!("project {project:?} not found"),
                        )
                    })?
            }
        };
        let r: MutationResult =
            graphql::run_as(self.client, &create_query(&v, &project_id, name, driver)?).await?;
        let r = r.check()?;
        r.field("network")
            .and_then(|n| n["row_id"].as_str())
            .map(str::to_owned)
            .ok_or_else(|| Error::new(ErrorKind::Decode, "create_network answered without row_id"))
    }

    /// Renames a network (UUID or name).
    pub async fn update(&self, id_or_name: &str, name: &str) -> Result<MutationResult> {
        let v = self.client.api_version().await?;
        require_v9(&v, WHAT)?;
        let id = self.resolve(id_or_name).await?;
        graphql::run_as(self.client, &update_query(&v, &id, name)?).await
    }

    /// Deletes a network (UUID or name).
    pub async fn delete(&self, id_or_name: &str) -> Result<MutationResult> {
        let v = self.client.api_version().await?;
        require_v9(&v, WHAT)?;
        let id = self.resolve(id_or_name).await?;
        graphql::run_as(self.client, &delete_query(&v, &id)?).await
    }
}
