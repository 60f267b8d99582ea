//! Users (`User`): info, list, create, update, delete, purge, authorize.

use futures_util::Stream;
use serde_json::{json, Map, Value};

use super::{group_handle, join_fields, mutate, rest_json, run_as, send_methods, MutationResult};
use crate::error::Result;
use crate::graphql::GqlQuery;
use crate::paginate::{self, PaginatedQuery, PaginatedResult};
use crate::request::ApiRequest;
pub use backendai_core::dto::{User, UserGroup};
pub use backendai_core::dto::{UserCreate, UserUpdate};

/// Fields `User.list` / `paginated_list` select by default.
pub const DEFAULT_LIST_FIELDS: &[&str] = &[
    "uuid",
    "role",
    "username",
    "email",
    "need_password_change",
    "status",
    "status_info",
    "is_active",
    "created_at",
    "domain_name",
    "groups { id name }",
    "allowed_client_ip",
    "totp_activated",
    "sudo_session_enabled",
    "main_access_key",
];

/// Fields `User.detail` selects by default.
pub const DEFAULT_DETAIL_FIELDS: &[&str] = &[
    "uuid",
    "username",
    "email",
    "need_password_change",
    "status",
    "status_info",
    "created_at",
    "domain_name",
    "role",
    "groups { id name }",
    "allowed_client_ip",
    "totp_activated",
    "sudo_session_enabled",
    "main_access_key",
];

/// Fields of the created user `User.create` selects by default.
pub const DEFAULT_CREATE_FIELDS: &[&str] = &["domain_name", "email", "username", "uuid"];

/// Filters of the paginated user list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserListOptions {
    /// Status filter.
    pub status: Option<String>,
    /// Group UUID filter.
    pub group: Option<String>,
    /// Server-side filter expression.
    pub filter: Option<String>,
    /// Server-side order expression.
    pub order: Option<String>,
}

/// `POST /auth/authorize {"type": "keypair", "domain", "username", "password"}`.
pub fn authorize_request(domain: &str, username: &str, password: &str) -> ApiRequest {
    ApiRequest::post("/auth/authorize").json(json!({
        "type": "keypair",
        "domain": domain,
        "username": username,
        "password": password,
    }))
}

/// `users(status, group_id) { fields }`.
pub fn list_query(status: Option<&str>, group: Option<&str>, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($status: String, $group: UUID) {{\n    users(status: $status, group_id: $group) {{{}}}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(text, json!({"status": status, "group": group}), "users")
}

/// `user_list(...)` with `fields`.
pub fn paginated_list_query(opts: &UserListOptions, fields: &[&str]) -> PaginatedQuery {
    PaginatedQuery::new("user_list", fields)
        .var("status", opts.status.as_deref(), "String")
        .var("group_id", opts.group.as_deref(), "UUID")
        .filter_order(opts.filter.as_deref(), opts.order.as_deref())
}

/// `user([email]) { fields }`: the caller (no email) or the user with `email`.
pub fn detail_query(email: Option<&str>, fields: &[&str]) -> GqlQuery {
    let fields = join_fields(fields);
    match email {
        None => GqlQuery::new(
            format!("query {{\n    user {{{fields}}}\n}}\n"),
            json!({}),
            "user",
        ),
        Some(email) => GqlQuery::new(
            format!("query($email: String) {{\n    user(email: $email) {{{fields}}}\n}}\n"),
            json!({"email": email}),
            "user",
        ),
    }
}

/// `user_from_uuid(user_id) { fields }`, or `user { fields }` (the caller) without a UUID.
pub fn detail_by_uuid_query(user_uuid: Option<&str>, fields: &[&str]) -> GqlQuery {
    let fields = join_fields(fields);
    match user_uuid {
        None => GqlQuery::new(
            format!("query {{\n    user {{{fields}}}\n}}\n"),
            json!({}),
            "user",
        ),
        Some(id) => GqlQuery::new(
            format!(
                "query($user_id: ID) {{\n    user_from_uuid(user_id: $user_id) {{{fields}}}\n}}\n"
            ),
            json!({"user_id": id}),
            "user_from_uuid",
        ),
    }
}

/// `create_user(email, props) { ok msg user { fields } }`.
pub fn create_query(
    domain_name: &str,
    email: &str,
    password: &str,
    opts: &UserCreate,
    fields: &[&str],
) -> GqlQuery {
    let text = format!(
        "mutation($email: String!, $input: UserInput!) {{\n    create_user(email: $email, props: $input) {{\n        ok msg user {{{}}}\n    }}\n}}\n",
        join_fields(fields)
    );
    let mut input = Map::new();
    input.insert("password".into(), json!(password));
    input.insert("role".into(), json!(opts.role));
    input.insert("status".into(), json!(opts.status));
    input.insert(
        "need_password_change".into(),
        json!(opts.need_password_change),
    );
    input.insert("description".into(), json!(opts.description));
    input.insert("domain_name".into(), json!(domain_name));
    input.insert("totp_activated".into(), json!(opts.totp_activated));
    input.insert(
        "sudo_session_enabled".into(),
        json!(opts.sudo_session_enabled),
    );
    if let Some(v) = &opts.username {
        input.insert("username".into(), json!(v));
    }
    if let Some(v) = &opts.full_name {
        input.insert("full_name".into(), json!(v));
    }
    if let Some(v) = &opts.allowed_client_ip {
        input.insert("allowed_client_ip".into(), json!(v));
    }
    if let Some(v) = &opts.group_ids {
        input.insert("group_ids".into(), json!(v));
    }
    GqlQuery::new(text, json!({"email": email, "input": input}), "create_user")
}

/// `modify_user(email, props)`.
pub fn update_query(email: &str, opts: &UserUpdate) -> GqlQuery {
    let text = "mutation($email: String!, $input: ModifyUserInput!) {\n    modify_user(email: $email, props: $input) {\n        ok msg\n    }\n}\n";
    GqlQuery::new(text, json!({"email": email, "input": opts}), "modify_user")
}

/// `delete_user(email)` (inactivates).
pub fn delete_query(email: &str) -> GqlQuery {
    let text =
        "mutation($email: String!) {\n    delete_user(email: $email) {\n        ok msg\n    }\n}\n";
    GqlQuery::new(text, json!({"email": email}), "delete_user")
}

/// `purge_user(email, props: {purge_shared_vfolders})` (deletes with the user's vfolders).
pub fn purge_query(email: &str, purge_shared_vfolders: bool) -> GqlQuery {
    let text = "mutation($email: String!, $input: PurgeUserInput!) {\n    purge_user(email: $email, props: $input) {\n        ok msg\n    }\n}\n";
    GqlQuery::new(
        text,
        json!({"email": email, "input": {"purge_shared_vfolders": purge_shared_vfolders}}),
        "purge_user",
    )
}

group_handle!(
    /// Users (`User`).
    Users,
    users
);

impl Users<'_> {
    /// Gets API keys for a user/password (`AuthToken` content: `access_key`, `secret_key`, …).
    pub async fn authorize(&self, username: &str, password: &str) -> Result<Value> {
        let domain = self.client.config().domain.clone();
        let mut data =
            rest_json(self.client, authorize_request(&domain, username, password)).await?;
        Ok(data.get_mut("data").map(Value::take).unwrap_or(Value::Null))
    }

    /// Users visible to the caller, by status and group.
    pub async fn list(&self, status: Option<&str>, group: Option<&str>) -> Result<Vec<User>> {
        run_as(self.client, &list_query(status, group, DEFAULT_LIST_FIELDS)).await
    }

    /// One page of users.
    pub async fn list_page(
        &self,
        opts: &UserListOptions,
        offset: u64,
        page_size: u32,
    ) -> Result<PaginatedResult<User>> {
        let q = paginated_list_query(opts, DEFAULT_LIST_FIELDS);
        paginate::fetch_page(self.client, &q, offset, page_size).await
    }

    /// Every user matching `opts`, page by page.
    pub fn stream(
        &self,
        opts: &UserListOptions,
        page_size: u32,
    ) -> impl Stream<Item = Result<User>> + Send + 'static {
        paginate::stream(
            self.client.clone(),
            paginated_list_query(opts, DEFAULT_LIST_FIELDS),
            page_size,
        )
    }

    /// The caller (`None`) or the user with `email`.
    pub async fn detail(&self, email: Option<&str>) -> Result<Option<User>> {
        run_as(self.client, &detail_query(email, DEFAULT_DETAIL_FIELDS)).await
    }

    send_methods! {
        /// The caller (`None`) or the user with this UUID.
        fn detail_by_uuid(user_uuid: Option<&str>) -> Option<User>
            = run_as(&detail_by_uuid_query(user_uuid, DEFAULT_DETAIL_FIELDS));
    }

    /// Creates a user; the answer holds `user { domain_name email username uuid }`.
    pub async fn create(
        &self,
        domain_name: &str,
        email: &str,
        password: &str,
        opts: &UserCreate,
    ) -> Result<MutationResult> {
        let q = create_query(domain_name, email, password, opts, DEFAULT_CREATE_FIELDS);
        mutate(self.client, &q).await
    }

    /// Updates a user.
    pub async fn update(&self, email: &str, opts: &UserUpdate) -> Result<MutationResult> {
        mutate(self.client, &update_query(email, opts)).await
    }

    send_methods! {
        /// Inactivates a user.
        fn delete(email: &str) -> MutationResult = mutate(&delete_query(email));

        /// Deletes a user for good (and their vfolders; shared ones too when asked).
        fn purge(email: &str, purge_shared_vfolders: bool) -> MutationResult
            = mutate(&purge_query(email, purge_shared_vfolders));
    }
}
