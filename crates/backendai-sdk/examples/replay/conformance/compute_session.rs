//! `ComputeSession` → `groups::session::requests`.

use backendai_sdk::groups::session::requests;
use backendai_sdk::groups::session::{
    CompleteOptions, CreateParams, DestroyOptions, ExecMode, ListParams, SessionRef,
    StartServiceOptions, TemplateParams,
};
use backendai_sdk::{ApiRequest, MultipartFile};
use serde_json::Value;

use super::table::{one, Built, Call, Refusal};

/// The session every instance method of the trace was called on (the trace tool's
/// `ComputeSession("mysession")`).
pub const SESSION: &str = "mysession";

/// Local files the trace tool uploaded, with their contents (it wrote them before the call).
const LOCAL_FILES: &[(&str, &str)] = &[("hello.txt", "hello world")];

/// Maps one `ComputeSession` call.
pub fn build(call: &Call<'_>) -> Built {
    let v = call.version;
    let cfg = call.config;
    let s = SessionRef::new(SESSION);
    let req = match call.method {
        "commit" => requests::commit(&s, v),
        "complete" => requests::complete(&s, &call.s(0)?, &CompleteOptions::default(), v),
        "create_from_template" => {
            // The Python SDK names the session at random: take the name it picked.
            let name = call
                .captured
                .first()
                .and_then(|r| r["body"]["json"]["name"].as_str())
                .ok_or_else(|| "no captured session name".to_owned())?;
            requests::create_from_template(&TemplateParams::new(call.s(0)?).name(name), cfg, v)
        }
        "destroy" => requests::destroy(&s, DestroyOptions::default(), v),
        "download" => requests::download(&s, &call.strs(0)?, v),
        "export_to_image" => requests::export_to_image(&s, &call.s(0)?, v),
        "execute" => requests::execute(&s, None, &call.kw("code")?, &ExecMode::Query, v),
        "get_abusing_report" => requests::abusing_report(&s, v),
        "get_dependency_graph" => requests::dependency_graph(&s, v),
        "get_info" => requests::get_info(&s, v),
        "get_logs" => requests::get_logs(&s, v),
        "get_or_create" => create(call)?,
        "get_status_history" => requests::status_history(&s, v),
        "get_task_logs" => requests::get_task_logs(&call.s(0)?, v),
        "hello" => requests::hello(),
        "interrupt" => requests::interrupt(&s, v),
        "list_files" => requests::list_files(&s, ".", v),
        "paginated_list" => requests::list(&ListParams::default(), v)?,
        "rename" => requests::rename(&s, &call.s(0)?, v),
        "restart" => requests::restart(&s, v),
        "start_service" => {
            requests::start_service(&s, &call.s(0)?, &StartServiceOptions::default(), v)
        }
        "stream_app_info" => requests::app_info(&s, v),
        "upload" => {
            let mut files = Vec::new();
            for name in call.strs(0)? {
                let data = LOCAL_FILES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .ok_or_else(|| format!("no local contents known for {name:?}"))?
                    .1;
                files.push(MultipartFile {
                    filename: name,
                    data: data.into(),
                });
            }
            requests::upload(&s, files, v)
        }
        _ => return Err(Refusal::NoMethod),
    };
    one(req)
}

/// `get_or_create(image, name=, resources=, mounts=, envs=)`.
fn create(call: &Call<'_>) -> Result<ApiRequest, String> {
    let mut p = CreateParams::new(call.s(0)?);
    if let Ok(name) = call.kw("name") {
        p = p.name(name);
    }
    let text = |v: &Value| {
        v.as_str()
            .map(str::to_owned)
            .ok_or("not a string".to_owned())
    };
    if let Some(Value::Object(res)) = call.kwargs.get("resources") {
        for (k, val) in res {
            p = p.resource(k, text(val)?);
        }
    }
    if let Some(Value::Array(mounts)) = call.kwargs.get("mounts") {
        for m in mounts {
            p = p.mount(text(m)?);
        }
    }
    if let Some(Value::Object(envs)) = call.kwargs.get("envs") {
        for (k, val) in envs {
            p = p.env(k, text(val)?);
        }
    }
    Ok(requests::create(&p, call.config, call.version))
}
