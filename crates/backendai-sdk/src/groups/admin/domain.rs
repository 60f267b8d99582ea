//! Domains (`Domain`); superadmin privilege required for changes.

use serde_json::json;

use super::{
    by_name_query, group_handle, join_fields, mutate, name_mutation, run_as, send_methods,
    MutationResult,
};
use crate::graphql::GqlQuery;
pub use backendai_core::dto::Domain;
pub use backendai_core::dto::{DomainCreate, DomainUpdate};

/// Fields `Domain.list` / `Domain.detail` select by default.
pub const DEFAULT_FIELDS: &[&str] = &[
    "name",
    "description",
    "is_active",
    "created_at",
    "total_resource_slots",
    "allowed_vfolder_hosts",
    "allowed_docker_registries",
    "integration_id",
];

/// `domains { fields }`.
pub fn list_query(fields: &[&str]) -> GqlQuery {
    let text = format!("query {{\n    domains {{{}}}\n}}\n", join_fields(fields));
    GqlQuery::new(text, json!({}), "domains")
}

/// `domain(name) { fields }`.
pub fn detail_query(name: &str, fields: &[&str]) -> GqlQuery {
    by_name_query("domain", name, fields)
}

/// `create_domain(name, props) { ok msg domain { fields } }` (default fields: `name`).
pub fn create_query(name: &str, opts: &DomainCreate, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "mutation($name: String!, $input: DomainInput!) {{\n    create_domain(name: $name, props: $input) {{\n        ok msg domain {{{}}}\n    }}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(text, json!({"name": name, "input": opts}), "create_domain")
}

/// `modify_domain(name, props) { ok msg }`.
pub fn update_query(name: &str, opts: &DomainUpdate) -> GqlQuery {
    let text = "mutation($name: String!, $input: ModifyDomainInput!) {\n    modify_domain(name: $name, props: $input) {\n        ok msg\n    }\n}\n";
    GqlQuery::new(text, json!({"name": name, "input": opts}), "modify_domain")
}

/// `delete_domain(name)` (inactivates).
pub fn delete_query(name: &str) -> GqlQuery {
    name_mutation("delete_domain", name)
}

/// `purge_domain(name)` (deletes).
pub fn purge_query(name: &str) -> GqlQuery {
    name_mutation("purge_domain", name)
}

group_handle!(
    /// Domains (`Domain`).
    Domains,
    domains
);

impl Domains<'_> {
    send_methods! {
        /// Every domain (default fields).
        fn list() -> Vec<Domain> = run_as(&list_query(DEFAULT_FIELDS));

        /// One domain by name (`None` when it does not exist).
        fn detail(name: &str) -> Option<Domain> = run_as(&detail_query(name, DEFAULT_FIELDS));

        /// Creates a domain; the answer holds `domain { name }`.
        fn create(name: &str, opts: &DomainCreate) -> MutationResult
            = mutate(&create_query(name, opts, &["name"]));

        /// Updates a domain.
        fn update(name: &str, opts: &DomainUpdate) -> MutationResult
            = mutate(&update_query(name, opts));

        /// Inactivates a domain.
        fn delete(name: &str) -> MutationResult = mutate(&delete_query(name));

        /// Deletes a domain for good.
        fn purge(name: &str) -> MutationResult = mutate(&purge_query(name));
    }
}
