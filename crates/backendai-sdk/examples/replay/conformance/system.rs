//! `System` → `groups::system`, `Permission` → `groups::admin::permission`.

use backendai_sdk::groups::admin::permission;
use backendai_sdk::groups::system;

use super::table::{one, Built, Call, Refusal};

/// `System`: every method is `GET /` (they differ only in what they read from the answer).
pub fn system(call: &Call<'_>) -> Built {
    match call.method {
        "get_versions" | "get_manager_version" | "get_api_version" => {
            one(system::versions_request())
        }
        _ => Err(Refusal::NoMethod),
    }
}

/// `Permission`.
pub fn permission(call: &Call<'_>) -> Built {
    match call.method {
        "list" => {
            one(permission::list_query(permission::DEFAULT_LIST_FIELDS).to_request(call.version))
        }
        _ => Err(Refusal::NoMethod),
    }
}
