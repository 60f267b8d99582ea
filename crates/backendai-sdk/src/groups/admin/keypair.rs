//! Keypairs (`KeyPair`): info, list, create, update, delete, activate/deactivate.

use futures_util::Stream;
use serde_json::{json, Map, Value};

use super::{group_handle, join_fields, mutate, run_as, send_methods, MutationResult};
use crate::error::Result;
use crate::graphql::GqlQuery;
use crate::paginate::{self, PaginatedQuery, PaginatedResult};
pub use backendai_core::dto::{KeyPairCreate, KeyPairUpdate};

/// Fields `KeyPair.list` / `paginated_list` select by default.
pub const DEFAULT_LIST_FIELDS: &[&str] = &[
    "user_id",
    "access_key",
    "secret_key",
    "is_active",
    "is_admin",
    "created_at",
];

/// Fields `KeyPair.info` selects by default.
pub const DEFAULT_DETAIL_FIELDS: &[&str] = &[
    "user_id",
    "access_key",
    "secret_key",
    "is_active",
    "is_admin",
];

/// Fields of the created keypair `KeyPair.create` selects by default.
pub const DEFAULT_RESULT_FIELDS: &[&str] = &["access_key", "secret_key"];

/// A keypair (the core DTO). The secret key never prints (it is a [`backendai_core::Secret`]); unknown fields
/// are kept.
pub use backendai_core::dto::KeyPair;

/// Filters of the paginated keypair list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyPairListOptions {
    /// Only active (`Some(true)`) or inactive keypairs.
    pub is_active: Option<bool>,
    /// Only keypairs of this domain.
    pub domain_name: Option<String>,
    /// Only keypairs of this user (email).
    pub user_id: Option<String>,
    /// Server-side filter expression.
    pub filter: Option<String>,
    /// Server-side order expression.
    pub order: Option<String>,
}

/// `create_keypair(user_id, props) { ok msg keypair { fields } }`.
pub fn create_query(user_id: &str, opts: &KeyPairCreate, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "mutation($user_id: String!, $input: KeyPairInput!) {{  create_keypair(user_id: $user_id, props: $input) {{    ok msg keypair {{ {} }}  }}}}",
        join_fields(fields)
    );
    GqlQuery::new(
        text,
        json!({"user_id": user_id, "input": opts}),
        "create_keypair",
    )
}

const MODIFY_KEYPAIR: &str = "mutation($access_key: String!, $input: ModifyKeyPairInput!) {  modify_keypair(access_key: $access_key, props: $input) {    ok msg  }}";

/// `modify_keypair(access_key, props)`.
pub fn update_query(access_key: &str, opts: &KeyPairUpdate) -> GqlQuery {
    GqlQuery::new(
        MODIFY_KEYPAIR,
        json!({"access_key": access_key, "input": opts}),
        "modify_keypair",
    )
}

/// `modify_keypair` with `is_active` set and the other inputs `null`: exactly what the Python
/// client's `activate`/`deactivate` send. A 23.09 manager rejects it (the `null`s hit NOT NULL
/// columns), so [`KeyPairs::activate`]/[`KeyPairs::deactivate`] send only `is_active`
/// ([`update_query`]) instead.
pub fn set_active_query(access_key: &str, active: bool) -> GqlQuery {
    let input = json!({
        "is_active": active,
        "is_admin": null,
        "resource_policy": null,
        "rate_limit": null,
    });
    GqlQuery::new(
        MODIFY_KEYPAIR,
        json!({"access_key": access_key, "input": input}),
        "modify_keypair",
    )
}

/// `delete_keypair(access_key)`.
pub fn delete_query(access_key: &str) -> GqlQuery {
    let text =
        "mutation($access_key: String!) {  delete_keypair(access_key: $access_key) {    ok msg  }}";
    GqlQuery::new(text, json!({"access_key": access_key}), "delete_keypair")
}

/// `keypairs([email,] is_active) { fields }`.
pub fn list_query(user_id: Option<&str>, is_active: Option<bool>, fields: &[&str]) -> GqlQuery {
    let fields = join_fields(fields);
    let mut vars = Map::new();
    vars.insert("is_active".into(), Value::from(is_active));
    let text = match user_id {
        None => format!(
            "query($is_active: Boolean) {{  keypairs(is_active: $is_active) {{    {fields}  }}}}"
        ),
        Some(uid) => {
            vars.insert("email".into(), Value::from(uid));
            format!(
                "query($email: String!, $is_active: Boolean) {{  keypairs(email: $email, is_active: $is_active) {{    {fields}  }}}}"
            )
        }
    };
    GqlQuery::new(text, Value::Object(vars), "keypairs")
}

/// `keypair_list(...)` with `fields`.
pub fn paginated_list_query(opts: &KeyPairListOptions, fields: &[&str]) -> PaginatedQuery {
    let mut q = PaginatedQuery::new("keypair_list", fields)
        .var("is_active", opts.is_active, "Boolean")
        .var("domain_name", opts.domain_name.as_deref(), "String")
        .filter_order(opts.filter.as_deref(), opts.order.as_deref());
    if let Some(uid) = &opts.user_id {
        q = q.var("email", uid.as_str(), "String");
    }
    q
}

/// `keypair { fields }`: the caller's own keypair.
pub fn info_query(fields: &[&str]) -> GqlQuery {
    let text = format!("query {{  keypair {{    {}  }}}}", join_fields(fields));
    GqlQuery::new(text, json!({}), "keypair")
}

group_handle!(
    /// Keypairs (`KeyPair`).
    KeyPairs,
    keypairs
);

impl KeyPairs<'_> {
    send_methods! {
        /// The caller's keypair.
        fn info() -> Option<KeyPair> = run_as(&info_query(DEFAULT_DETAIL_FIELDS));
    }

    /// Keypairs of one user (by email), or every visible one, optionally by active flag.
    ///
    /// The Python-identical query ([`list_query`]) goes first. A 23.09 manager answers
    /// `keypairs(email:)` through a join on group membership, so a user who belongs to no group
    /// gets `[]` (the Python client shows nothing). In that case the list without `email`
    /// (no group join; the manager caps it at 100 keypairs) is fetched and filtered by
    /// `user_id` here.
    pub async fn list(
        &self,
        user_id: Option<&str>,
        is_active: Option<bool>,
    ) -> Result<Vec<KeyPair>> {
        let found: Vec<KeyPair> = run_as(
            self.client,
            &list_query(user_id, is_active, DEFAULT_LIST_FIELDS),
        )
        .await?;
        let Some(uid) = user_id else {
            return Ok(found);
        };
        if !found.is_empty() {
            return Ok(found);
        }
        let all: Vec<KeyPair> = run_as(
            self.client,
            &list_query(None, is_active, DEFAULT_LIST_FIELDS),
        )
        .await?;
        Ok(all
            .into_iter()
            .filter(|k| k.user_id.as_deref() == Some(uid))
            .collect())
    }

    /// One page of keypairs.
    pub async fn list_page(
        &self,
        opts: &KeyPairListOptions,
        offset: u64,
        page_size: u32,
    ) -> Result<PaginatedResult<KeyPair>> {
        let q = paginated_list_query(opts, DEFAULT_LIST_FIELDS);
        paginate::fetch_page(self.client, &q, offset, page_size).await
    }

    /// Every keypair matching `opts`, page by page.
    pub fn stream(
        &self,
        opts: &KeyPairListOptions,
        page_size: u32,
    ) -> impl Stream<Item = Result<KeyPair>> + Send + 'static {
        paginate::stream(
            self.client.clone(),
            paginated_list_query(opts, DEFAULT_LIST_FIELDS),
            page_size,
        )
    }

    /// Creates a keypair for a user; the answer holds `keypair { access_key secret_key }`.
    pub async fn create(&self, user_id: &str, opts: &KeyPairCreate) -> Result<MutationResult> {
        mutate(
            self.client,
            &create_query(user_id, opts, DEFAULT_RESULT_FIELDS),
        )
        .await
    }

    send_methods! {
        /// Updates a keypair.
        fn update(access_key: &str, opts: &KeyPairUpdate) -> MutationResult
            = mutate(&update_query(access_key, opts));

        /// Deletes a keypair.
        fn delete(access_key: &str) -> MutationResult = mutate(&delete_query(access_key));
    }

    /// Activates a keypair (sends only `is_active: true`).
    pub async fn activate(&self, access_key: &str) -> Result<MutationResult> {
        self.set_active(access_key, true).await
    }

    /// Deactivates a keypair (sends only `is_active: false`).
    pub async fn deactivate(&self, access_key: &str) -> Result<MutationResult> {
        self.set_active(access_key, false).await
    }

    async fn set_active(&self, access_key: &str, active: bool) -> Result<MutationResult> {
        let opts = KeyPairUpdate {
            is_active: Some(active),
            ..Default::default()
        };
        mutate(self.client, &update_query(access_key, &opts)).await
    }
}
