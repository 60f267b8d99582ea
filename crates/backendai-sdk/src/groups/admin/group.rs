//! User groups / projects (`Group`); admin privilege required.

use serde_json::json;

use super::{group_handle, join_fields, mutate, run_as, send_methods, MutationResult};
use crate::error::Result;
use crate::graphql::GqlQuery;
pub use backendai_core::dto::Group;
pub use backendai_core::dto::{GroupCreate, GroupUpdate};

/// Fields `Group.list` selects by default.
pub const DEFAULT_LIST_FIELDS: &[&str] =
    &["id", "name", "is_active", "created_at", "integration_id"];

/// Fields `Group.detail` / `Group.from_name` select by default.
pub const DEFAULT_DETAIL_FIELDS: &[&str] = &[
    "id",
    "name",
    "description",
    "is_active",
    "created_at",
    "domain_name",
    "total_resource_slots",
    "allowed_vfolder_hosts",
    "integration_id",
];

/// Fields of the created group `Group.create` selects by default.
pub const DEFAULT_CREATE_FIELDS: &[&str] = &["id", "domain_name", "name"];

/// `groups_by_name(name, domain_name) { fields }`.
pub fn from_name_query(name: &str, domain_name: Option<&str>, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($name: String!, $domain_name: String) {{\n    groups_by_name(name: $name, domain_name: $domain_name) {{{}}}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(
        text,
        json!({"name": name, "domain_name": domain_name}),
        "groups_by_name",
    )
}

/// `groups(domain_name) { fields }`.
pub fn list_query(domain_name: Option<&str>, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($domain_name: String) {{\n    groups(domain_name: $domain_name) {{{}}}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(text, json!({"domain_name": domain_name}), "groups")
}

/// `group(id) { fields }`.
pub fn detail_query(gid: &str, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($gid: UUID!) {{\n    group(id: $gid) {{{}}}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(text, json!({"gid": gid}), "group")
}

/// `create_group(name, props) { ok msg group { fields } }`.
pub fn create_query(
    domain_name: &str,
    name: &str,
    opts: &GroupCreate,
    fields: &[&str],
) -> GqlQuery {
    let text = format!(
        "mutation($name: String!, $input: GroupInput!) {{\n    create_group(name: $name, props: $input) {{\n        ok msg group {{{}}}\n    }}\n}}\n",
        join_fields(fields)
    );
    let input = json!({
        "description": opts.description,
        "is_active": opts.is_active,
        "domain_name": domain_name,
        "total_resource_slots": opts.total_resource_slots,
        "allowed_vfolder_hosts": opts.allowed_vfolder_hosts,
        "integration_id": opts.integration_id,
    });
    GqlQuery::new(text, json!({"name": name, "input": input}), "create_group")
}

const MODIFY_GROUP: &str = "mutation($gid: UUID!, $input: ModifyGroupInput!) {\n    modify_group(gid: $gid, props: $input) {\n        ok msg\n    }\n}\n";

/// `modify_group(gid, props) { ok msg }`.
pub fn update_query(gid: &str, opts: &GroupUpdate) -> GqlQuery {
    GqlQuery::new(
        MODIFY_GROUP,
        json!({"gid": gid, "input": opts}),
        "modify_group",
    )
}

/// `modify_group` with `user_update_mode: "add"`.
pub fn add_users_query(gid: &str, user_uuids: &[&str]) -> GqlQuery {
    users_mode_query(gid, user_uuids, "add")
}

/// `modify_group` with `user_update_mode: "remove"`.
pub fn remove_users_query(gid: &str, user_uuids: &[&str]) -> GqlQuery {
    users_mode_query(gid, user_uuids, "remove")
}

fn users_mode_query(gid: &str, user_uuids: &[&str], mode: &str) -> GqlQuery {
    let vars = json!({
        "gid": gid,
        "input": {"user_update_mode": mode, "user_uuids": user_uuids},
    });
    GqlQuery::new(MODIFY_GROUP, vars, "modify_group")
}

/// `delete_group(gid)` (inactivates).
pub fn delete_query(gid: &str) -> GqlQuery {
    gid_mutation("delete_group", gid)
}

/// `purge_group(gid)` (deletes).
pub fn purge_query(gid: &str) -> GqlQuery {
    gid_mutation("purge_group", gid)
}

fn gid_mutation(root: &str, gid: &str) -> GqlQuery {
    let text =
        format!("mutation($gid: UUID!) {{\n    {root}(gid: $gid) {{\n        ok msg\n    }}\n}}\n");
    GqlQuery::new(text, json!({"gid": gid}), root)
}

group_handle!(
    /// User groups / projects (`Group`).
    Groups,
    groups
);

impl Groups<'_> {
    send_methods! {
        /// Groups of a domain (`None`: the caller's visible groups).
        fn list(domain_name: Option<&str>) -> Vec<Group>
            = run_as(&list_query(domain_name, DEFAULT_LIST_FIELDS));

        /// One group by id.
        fn detail(gid: &str) -> Option<Group> = run_as(&detail_query(gid, DEFAULT_DETAIL_FIELDS));
    }

    /// Groups with this name (several across domains for a superadmin without a domain).
    pub async fn from_name(&self, name: &str, domain_name: Option<&str>) -> Result<Vec<Group>> {
        let q = from_name_query(name, domain_name, DEFAULT_DETAIL_FIELDS);
        let groups: Option<Vec<Group>> = run_as(self.client, &q).await?;
        Ok(groups.unwrap_or_default())
    }

    /// Creates a group; the answer holds `group { id domain_name name }`.
    pub async fn create(
        &self,
        domain_name: &str,
        name: &str,
        opts: &GroupCreate,
    ) -> Result<MutationResult> {
        let q = create_query(domain_name, name, opts, DEFAULT_CREATE_FIELDS);
        mutate(self.client, &q).await
    }

    /// Updates a group.
    pub async fn update(&self, gid: &str, opts: &GroupUpdate) -> Result<MutationResult> {
        mutate(self.client, &update_query(gid, opts)).await
    }

    send_methods! {
        /// Adds users (UUIDs) to a group.
        fn add_users(gid: &str, user_uuids: &[&str]) -> MutationResult
            = mutate(&add_users_query(gid, user_uuids));

        /// Removes users (UUIDs) from a group.
        fn remove_users(gid: &str, user_uuids: &[&str]) -> MutationResult
            = mutate(&remove_users_query(gid, user_uuids));

        /// Inactivates a group.
        fn delete(gid: &str) -> MutationResult = mutate(&delete_query(gid));

        /// Deletes a group for good.
        fn purge(gid: &str) -> MutationResult = mutate(&purge_query(gid));
    }
}
