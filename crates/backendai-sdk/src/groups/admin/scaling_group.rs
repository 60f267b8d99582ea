//! Scaling groups / resource groups (`ScalingGroup`): list, detail, create, update, delete,
//! and association with domains, groups and keypairs.

use serde_json::{json, Map, Value};

use super::{
    by_name_query, group_handle, join_fields, mutate, name_mutation, rest_json, run_as,
    send_methods, MutationResult,
};
use crate::error::{Error, Result};
use crate::graphql::GqlQuery;
use crate::request::ApiRequest;
use crate::transport::pyjson::dumps_string;
pub use backendai_core::dto::ScalingGroup;
pub use backendai_core::dto::{ScalingGroupCreate, ScalingGroupUpdate};
use backendai_core::error::ErrorKind;

/// Fields `ScalingGroup.list` selects by default.
pub const DEFAULT_LIST_FIELDS: &[&str] = &[
    "name",
    "description",
    "is_active",
    "is_public",
    "created_at",
    "driver",
    "scheduler",
    "use_host_network",
    "wsproxy_addr",
    "wsproxy_api_token",
];

/// Fields `ScalingGroup.detail` selects by default.
pub const DEFAULT_DETAIL_FIELDS: &[&str] = &[
    "name",
    "description",
    "is_active",
    "is_public",
    "created_at",
    "driver",
    "driver_opts",
    "scheduler",
    "scheduler_opts",
    "use_host_network",
    "wsproxy_addr",
    "wsproxy_api_token",
];

/// `GET /scaling-groups?group=<group>`: scaling groups usable by the caller in a group.
pub fn list_available_request(group: &str) -> ApiRequest {
    ApiRequest::get("/scaling-groups").query("group", group)
}

/// `scaling_groups(is_active: null) { fields }`.
pub fn list_query(fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($is_active: Boolean) {{\n    scaling_groups(is_active: $is_active) {{\n        {}\n    }}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(text, json!({"is_active": null}), "scaling_groups")
}

/// `scaling_group(name) { fields }`.
pub fn detail_query(name: &str, fields: &[&str]) -> GqlQuery {
    by_name_query("scaling_group", name, fields)
}

/// `create_scaling_group(name, props) { ok msg scaling_group { fields } }`.
pub fn create_query(name: &str, opts: &ScalingGroupCreate, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "mutation($name: String!, $input: CreateScalingGroupInput!) {{\n    create_scaling_group(name: $name, props: $input) {{\n        ok msg scaling_group {{{}}}\n    }}\n}}\n",
        join_fields(fields)
    );
    let mut input = Map::new();
    input.insert("description".into(), json!(opts.description));
    input.insert("is_active".into(), json!(opts.is_active));
    input.insert("is_public".into(), json!(opts.is_public));
    input.insert("driver".into(), json!(opts.driver));
    input.insert("scheduler".into(), json!(opts.scheduler));
    input.insert("use_host_network".into(), json!(opts.use_host_network));
    input.insert("wsproxy_addr".into(), json!(opts.wsproxy_addr));
    input.insert("wsproxy_api_token".into(), json!(opts.wsproxy_api_token));
    if let Some(v) = &opts.driver_opts {
        input.insert("driver_opts".into(), Value::from(dumps_string(v)));
    }
    if let Some(v) = &opts.scheduler_opts {
        input.insert("scheduler_opts".into(), Value::from(dumps_string(v)));
    }
    GqlQuery::new(
        text,
        json!({"name": name, "input": input}),
        "create_scaling_group",
    )
}

/// `modify_scaling_group(name, props)`.
pub fn update_query(name: &str, opts: &ScalingGroupUpdate) -> GqlQuery {
    let text = "mutation($name: String!, $input: ModifyScalingGroupInput!) {\n    modify_scaling_group(name: $name, props: $input) {\n        ok msg\n    }\n}\n";
    let mut input = Map::new();
    let mut set = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            input.insert(k.into(), v);
        }
    };
    set("description", opts.description.as_ref().map(|v| json!(v)));
    set("is_active", opts.is_active.map(Value::from));
    set("is_public", opts.is_public.map(Value::from));
    set("driver", opts.driver.as_ref().map(|v| json!(v)));
    set(
        "driver_opts",
        opts.driver_opts
            .as_ref()
            .map(|v| Value::from(dumps_string(v))),
    );
    set("scheduler", opts.scheduler.as_ref().map(|v| json!(v)));
    set(
        "scheduler_opts",
        opts.scheduler_opts
            .as_ref()
            .map(|v| Value::from(dumps_string(v))),
    );
    set("use_host_network", opts.use_host_network.map(Value::from));
    set("wsproxy_addr", opts.wsproxy_addr.as_ref().map(|v| json!(v)));
    set(
        "wsproxy_api_token",
        opts.wsproxy_api_token.as_ref().map(|v| json!(v)),
    );
    GqlQuery::new(
        text,
        json!({"name": name, "input": input}),
        "modify_scaling_group",
    )
}

/// `delete_scaling_group(name)`.
pub fn delete_query(name: &str) -> GqlQuery {
    name_mutation("delete_scaling_group", name)
}

fn pair_mutation(root: &str, other: &str, other_type: &str, sg: &str, value: &str) -> GqlQuery {
    let text = format!(
        "mutation($scaling_group: String!, ${other}: {other_type}!) {{\n    {root}(\n            scaling_group: $scaling_group, {other}: ${other}) {{\n        ok msg\n    }}\n}}\n"
    );
    let mut vars = Map::new();
    vars.insert("scaling_group".into(), Value::from(sg));
    vars.insert(other.into(), Value::from(value));
    GqlQuery::new(text, Value::Object(vars), root)
}

/// `associate_scaling_group_with_domain(scaling_group, domain)`.
pub fn associate_domain_query(scaling_group: &str, domain: &str) -> GqlQuery {
    pair_mutation(
        "associate_scaling_group_with_domain",
        "domain",
        "String",
        scaling_group,
        domain,
    )
}

/// `disassociate_scaling_group_with_domain(scaling_group, domain)`.
pub fn dissociate_domain_query(scaling_group: &str, domain: &str) -> GqlQuery {
    pair_mutation(
        "disassociate_scaling_group_with_domain",
        "domain",
        "String",
        scaling_group,
        domain,
    )
}

/// `associate_scaling_group_with_user_group(scaling_group, user_group: UUID!)`.
pub fn associate_group_query(scaling_group: &str, group_id: &str) -> GqlQuery {
    pair_mutation(
        "associate_scaling_group_with_user_group",
        "user_group",
        "UUID",
        scaling_group,
        group_id,
    )
}

/// `disassociate_scaling_group_with_user_group(scaling_group, user_group: String!)` (the
/// Python client declares `String!` here).
pub fn dissociate_group_query(scaling_group: &str, group_id: &str) -> GqlQuery {
    pair_mutation(
        "disassociate_scaling_group_with_user_group",
        "user_group",
        "String",
        scaling_group,
        group_id,
    )
}

/// `associate_scaling_group_with_keypair(scaling_group, access_key)` (superadmin; not in the
/// Python 23.09 client, same shape as the other associations).
pub fn associate_keypair_query(scaling_group: &str, access_key: &str) -> GqlQuery {
    pair_mutation(
        "associate_scaling_group_with_keypair",
        "access_key",
        "String",
        scaling_group,
        access_key,
    )
}

/// `disassociate_scaling_group_with_keypair(scaling_group, access_key)`.
pub fn dissociate_keypair_query(scaling_group: &str, access_key: &str) -> GqlQuery {
    pair_mutation(
        "disassociate_scaling_group_with_keypair",
        "access_key",
        "String",
        scaling_group,
        access_key,
    )
}

/// `disassociate_all_scaling_groups_with_domain(domain)`.
pub fn dissociate_all_domain_query(domain: &str) -> GqlQuery {
    let text = "mutation($domain: String!) {\n    disassociate_all_scaling_groups_with_domain(domain: $domain) {\n        ok msg\n    }\n}\n";
    GqlQuery::new(
        text,
        json!({"domain": domain}),
        "disassociate_all_scaling_groups_with_domain",
    )
}

/// `disassociate_all_scaling_groups_with_group(user_group)`.
pub fn dissociate_all_group_query(group_id: &str) -> GqlQuery {
    let text = "mutation($group_id: UUID!) {\n    disassociate_all_scaling_groups_with_group(user_group: $group_id) {\n        ok msg\n    }\n}\n";
    GqlQuery::new(
        text,
        json!({"group_id": group_id}),
        "disassociate_all_scaling_groups_with_group",
    )
}

group_handle!(
    /// Scaling groups (`ScalingGroup`).
    ScalingGroups,
    scaling_groups
);

impl ScalingGroups<'_> {
    /// Scaling groups the caller may use in `group` (name or id): `[{"name"}]`.
    pub async fn list_available(&self, group: &str) -> Result<Vec<Value>> {
        let mut data = rest_json(self.client, list_available_request(group)).await?;
        match data.get_mut("scaling_groups").map(Value::take) {
            Some(Value::Array(items)) => Ok(items),
            _ => Err(Error::new(
                ErrorKind::Decode,
                "the server's answer has no `scaling_groups` list",
            )),
        }
    }

    /// Every scaling group (admin).
    pub async fn list(&self) -> Result<Vec<ScalingGroup>> {
        run_as(self.client, &list_query(DEFAULT_LIST_FIELDS)).await
    }

    send_methods! {
        /// One scaling group by name.
        fn detail(name: &str) -> Option<ScalingGroup>
            = run_as(&detail_query(name, DEFAULT_DETAIL_FIELDS));

        /// Creates a scaling group; the answer holds `scaling_group { name }`.
        fn create(name: &str, opts: &ScalingGroupCreate) -> MutationResult
            = mutate(&create_query(name, opts, &["name"]));

        /// Updates a scaling group.
        fn update(name: &str, opts: &ScalingGroupUpdate) -> MutationResult
            = mutate(&update_query(name, opts));

        /// Deletes a scaling group.
        fn delete(name: &str) -> MutationResult = mutate(&delete_query(name));

        /// Associates a scaling group with a domain.
        fn associate_domain(scaling_group: &str, domain: &str) -> MutationResult
            = mutate(&associate_domain_query(scaling_group, domain));

        /// Dissociates a scaling group from a domain.
        fn dissociate_domain(scaling_group: &str, domain: &str) -> MutationResult
            = mutate(&dissociate_domain_query(scaling_group, domain));

        /// Dissociates every scaling group from a domain.
        fn dissociate_all_domain(domain: &str) -> MutationResult
            = mutate(&dissociate_all_domain_query(domain));

        /// Associates a scaling group with a user group (UUID).
        fn associate_group(scaling_group: &str, group_id: &str) -> MutationResult
            = mutate(&associate_group_query(scaling_group, group_id));

        /// Dissociates a scaling group from a user group.
        fn dissociate_group(scaling_group: &str, group_id: &str) -> MutationResult
            = mutate(&dissociate_group_query(scaling_group, group_id));

        /// Dissociates every scaling group from a user group.
        fn dissociate_all_group(group_id: &str) -> MutationResult
            = mutate(&dissociate_all_group_query(group_id));

        /// Associates a scaling group with a keypair.
        fn associate_keypair(scaling_group: &str, access_key: &str) -> MutationResult
            = mutate(&associate_keypair_query(scaling_group, access_key));

        /// Dissociates a scaling group from a keypair.
        fn dissociate_keypair(scaling_group: &str, access_key: &str) -> MutationResult
            = mutate(&dissociate_keypair_query(scaling_group, access_key));
    }
}
