//! User resource policies over the 26.9 REST API (the user part of `ResourcePolicyClient`
//! of the 26.9 SDK; superadmins): create, get, search, update and delete
//! (`/admin/resource-policies/user...`). API v9+ only; 23.09 managers manage them over
//! GraphQL, which this group does not speak.

use backendai_core::dto::ItemResponse;
use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::groups::rest_v9::{call, require_v9, seg, with_body};
use crate::request::ApiRequest;
pub use backendai_core::dto::{
    DeletePolicyRequest, DeletedResponse, SearchResponse, UserResourcePolicy,
    UserResourcePolicyCreate, UserResourcePolicyFilter, UserResourcePolicySearchRequest,
    UserResourcePolicyUpdate,
};

const WHAT: &str = "user resource policies (REST)";
const ROOT: &str = "/admin/resource-policies/user";

/// `POST /admin/resource-policies/user`.
pub fn create_request(v: &ApiVersion, body: &UserResourcePolicyCreate) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post(ROOT), body)
}

/// `GET /admin/resource-policies/user/{name}`.
pub fn get_request(v: &ApiVersion, name: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::get(format!("{ROOT}/{}", seg(name))))
}

/// `POST /admin/resource-policies/user/search`.
pub fn search_request(
    v: &ApiVersion,
    body: &UserResourcePolicySearchRequest,
) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let req = ApiRequest::post(format!("{ROOT}/search"));
    Ok(with_body(req, body)?.idempotent(true))
}

/// `PATCH /admin/resource-policies/user/{name}` (only the keys set change).
pub fn update_request(
    v: &ApiVersion,
    name: &str,
    body: &UserResourcePolicyUpdate,
) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    if *body == UserResourcePolicyUpdate::default() {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            "nothing to update: set at least one field",
        ));
    }
    let req = ApiRequest::patch(format!("{ROOT}/{}", seg(name)));
    Ok(with_body(req, body)?.idempotent(true))
}

/// `POST /admin/resource-policies/user/delete {"name"}`.
pub fn delete_request(v: &ApiVersion, name: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let body = DeletePolicyRequest {
        name: name.to_owned(),
        extra: Default::default(),
    };
    with_body(ApiRequest::post(format!("{ROOT}/delete")), &body)
}

fn item(r: ItemResponse<UserResourcePolicy>) -> Result<UserResourcePolicy> {
    r.item
        .ok_or_else(|| Error::new(ErrorKind::Decode, "the answer carries no policy"))
}

impl Client {
    /// The user-resource-policy API group (26.9+ REST).
    pub fn user_resource_policies(&self) -> UserResourcePolicies<'_> {
        UserResourcePolicies { client: self }
    }
}

/// The user-resource-policy API group.
#[derive(Debug, Clone, Copy)]
pub struct UserResourcePolicies<'a> {
    client: &'a Client,
}

impl UserResourcePolicies<'_> {
    /// Creates a policy; answers it.
    pub async fn create(&self, body: &UserResourcePolicyCreate) -> Result<UserResourcePolicy> {
        item(call(self.client, Box::new(|v| create_request(v, body))).await?)
    }

    /// One policy.
    pub async fn get(&self, name: &str) -> Result<UserResourcePolicy> {
        item(call(self.client, Box::new(|v| get_request(v, name))).await?)
    }

    /// Searches policies.
    pub async fn search(
        &self,
        q: &UserResourcePolicySearchRequest,
    ) -> Result<SearchResponse<UserResourcePolicy>> {
        call(self.client, Box::new(|v| search_request(v, q))).await
    }

    /// Changes the fields set in `body`; answers the policy.
    pub async fn update(
        &self,
        name: &str,
        body: &UserResourcePolicyUpdate,
    ) -> Result<UserResourcePolicy> {
        item(call(self.client, Box::new(|v| update_request(v, name, body))).await?)
    }

    /// Deletes a policy (`false`: there was none).
    pub async fn delete(&self, name: &str) -> Result<bool> {
        let r: DeletedResponse = call(self.client, Box::new(|v| delete_request(v, name))).await?;
        Ok(r.deleted)
    }
}
