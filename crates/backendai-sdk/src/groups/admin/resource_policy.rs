//! Keypair resource policies (`KeypairResourcePolicy`).

use serde_json::json;

use super::{group_handle, join_fields, mutate, run_as, send_methods, MutationResult};
use crate::graphql::GqlQuery;
pub use backendai_core::dto::KeypairResourcePolicy;
pub use backendai_core::dto::{ResourcePolicyCreate, ResourcePolicyUpdate};

/// Fields `KeypairResourcePolicy.list` / `info` select by default.
pub const DEFAULT_FIELDS: &[&str] = &[
    "name",
    "created_at",
    "total_resource_slots",
    "max_concurrent_sessions",
    "max_vfolder_count",
    "max_vfolder_size",
    "idle_timeout",
    "max_containers_per_session",
    "allowed_vfolder_hosts",
];

/// `create_keypair_resource_policy(name, props) { ok msg resource_policy { fields } }`.
pub fn create_query(name: &str, opts: &ResourcePolicyCreate, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "mutation($name: String!, $input: CreateKeyPairResourcePolicyInput!) {{  create_keypair_resource_policy(name: $name, props: $input) {{    ok msg resource_policy {{ {} }}  }}}}",
        join_fields(fields)
    );
    GqlQuery::new(
        text,
        json!({"name": name, "input": opts}),
        "create_keypair_resource_policy",
    )
}

/// `modify_keypair_resource_policy(name, props)`.
pub fn update_query(name: &str, opts: &ResourcePolicyUpdate) -> GqlQuery {
    let text = "mutation($name: String!, $input: ModifyKeyPairResourcePolicyInput!) {  modify_keypair_resource_policy(name: $name, props: $input) {    ok msg  }}";
    GqlQuery::new(
        text,
        json!({"name": name, "input": opts}),
        "modify_keypair_resource_policy",
    )
}

/// `delete_keypair_resource_policy(name)`.
pub fn delete_query(name: &str) -> GqlQuery {
    let text =
        "mutation($name: String!) {  delete_keypair_resource_policy(name: $name) {    ok msg  }}";
    GqlQuery::new(
        text,
        json!({"name": name}),
        "delete_keypair_resource_policy",
    )
}

/// `keypair_resource_policies { fields }`.
pub fn list_query(fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query {{  keypair_resource_policies {{    {}  }}}}",
        join_fields(fields)
    );
    GqlQuery::new(text, json!({}), "keypair_resource_policies")
}

/// `keypair_resource_policy(name) { fields }`.
pub fn info_query(name: &str, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($name: String) {{  keypair_resource_policy(name: $name) {{    {}  }}}}",
        join_fields(fields)
    );
    GqlQuery::new(text, json!({"name": name}), "keypair_resource_policy")
}

group_handle!(
    /// Keypair resource policies (`KeypairResourcePolicy`).
    KeypairResourcePolicies,
    keypair_resource_policies
);

impl KeypairResourcePolicies<'_> {
    send_methods! {
        /// Every policy.
        fn list() -> Vec<KeypairResourcePolicy> = run_as(&list_query(DEFAULT_FIELDS));

        /// One policy by name.
        fn info(name: &str) -> Option<KeypairResourcePolicy>
            = run_as(&info_query(name, DEFAULT_FIELDS));

        /// Creates a policy; the answer holds `resource_policy { name }`.
        fn create(name: &str, opts: &ResourcePolicyCreate) -> MutationResult
            = mutate(&create_query(name, opts, &["name"]));

        /// Updates a policy.
        fn update(name: &str, opts: &ResourcePolicyUpdate) -> MutationResult
            = mutate(&update_query(name, opts));

        /// Deletes a policy.
        fn delete(name: &str) -> MutationResult = mutate(&delete_query(name));
    }
}
