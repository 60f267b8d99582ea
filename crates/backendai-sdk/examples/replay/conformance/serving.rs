//! `Service` → `groups::service::requests`, `Model` → `groups::model`.

use backendai_sdk::groups::model::{self, CreateModel};
use backendai_sdk::groups::service::requests::{self as svc, CreateService, ServiceListOptions};
use backendai_sdk::groups::service::DEFAULT_FIELDS;
use backendai_sdk::paginate::DEFAULT_PAGE_SIZE;
use serde_json::Value;

use super::table::{one, Built, Call, Refusal};

/// The service (and model) every instance method of the trace was called on (the trace
/// tool's `Service(ID)` / `Model(ID)`).
pub const ID: &str = "11111111-2222-3333-4444-555555555555";

fn int(call: &Call<'_>, i: usize) -> Result<i64, String> {
    call.args
        .get(i)
        .and_then(Value::as_i64)
        .ok_or_else(|| format!("argument {i} is not an integer"))
}

/// Maps one `Service` call.
pub fn service(call: &Call<'_>) -> Built {
    let v = call.version;
    one(match call.method {
        "list" => svc::list_request(None),
        "paginated_list" => svc::list_query(&ServiceListOptions::default(), DEFAULT_FIELDS)
            .page(0, DEFAULT_PAGE_SIZE, v)?
            .to_request(v),
        "detail" => svc::detail_query(&call.s(0)?, DEFAULT_FIELDS).to_request(v),
        "info" => svc::info_request(ID),
        "create" => {
            // The Python SDK makes the service name up (Faker): take the one it picked.
            let name = call
                .captured
                .first()
                .and_then(|r| r["body"]["json"]["name"].as_str())
                .ok_or("no captured service name")?;
            let params = CreateService::new(call.s(0)?, call.s(1)?, int(call, 2)?);
            svc::create_request(&params, name)
        }
        "delete" => svc::delete_request(ID),
        "sync" => svc::sync_request(ID),
        "scale" => svc::scale_request(ID, int(call, 0)?),
        "generate_api_token" => svc::generate_token_request(ID, &call.s(0)?),
        "update_traffic_ratio" => {
            let ratio = call
                .args
                .get(1)
                .and_then(Value::as_f64)
                .ok_or("argument 1 is not a number")?;
            svc::update_traffic_ratio_request(ID, &call.s(0)?, ratio)
        }
        "downscale_single_route" => svc::downscale_route_request(ID, &call.s(0)?),
        _ => return Err(Refusal::NoMethod),
    })
}

/// Maps one `Model` call.
pub fn model(call: &Call<'_>) -> Built {
    let v = call.version;
    match call.method {
        "list" => Err(Refusal::Why(
            "Python's Model.list is a stub that sends nothing; the SDK lists models with \
             paginated_list"
                .into(),
        )),
        "paginated_list" => one(model::list_query(None, None, model::DEFAULT_LIST_FIELDS)
            .page(0, DEFAULT_PAGE_SIZE, v)?
            .to_request(v)),
        "create" => Ok(model::create_requests(v, &CreateModel::new(call.s(0)?)).to_vec()),
        "info" => Ok(model::info_requests(v, ID).to_vec()),
        "delete" => one(model::delete_request(v, ID)),
        _ => Err(Refusal::NoMethod),
    }
}
