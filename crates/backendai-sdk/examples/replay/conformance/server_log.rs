//! `ServerLog` → `groups::logs`.

use backendai_sdk::groups::logs::{self, DEFAULT_PAGE_SIZE};

use super::table::{one, Built, Call, Refusal};

/// Maps one `ServerLog` call (`list(mark_read=False, page_size=20, page_no=1)`).
pub fn build(call: &Call<'_>) -> Built {
    let int = |k: &str, default: u32| {
        call.kwargs
            .get(k)
            .and_then(serde_json::Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(default)
    };
    let mark_read = call
        .kwargs
        .get("mark_read")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    match call.method {
        "list" => one(logs::list_request(
            mark_read,
            int("page_size", DEFAULT_PAGE_SIZE),
            int("page_no", 1),
        )),
        _ => Err(Refusal::NoMethod),
    }
}
