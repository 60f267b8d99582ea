//! Pure request builders of the session group: no network, no clock, no randomness.
//!
//! Each function returns the [`ApiRequest`] the Python SDK of the matching release sends for
//! the negotiated `version` (paths `/kernel/...` on v4, `/session/...` on v5+, creation body
//! shape by version). The async methods of [`Session`](super::Session) and
//! [`Sessions`](super::Sessions) send exactly these.

use backendai_core::config::ApiConfig;
use backendai_core::ApiVersion;
use serde_json::{json, Map, Value};

use super::types::{
    CompleteOptions, CreateParams, DestroyOptions, EventScope, ExecMode, ListParams, SessionRef,
    StartServiceOptions, TemplateParams,
};
use crate::paginate::PaginatedQuery;
use crate::request::{ApiRequest, MultipartFile};
use crate::transport::pyjson::dumps_string;

/// `kernel` on API v4 (19.09), `session` from v5 on.
pub fn prefix(version: &ApiVersion) -> &'static str {
    if version.major <= 4 {
        "kernel"
    } else {
        "session"
    }
}

/// The body key naming the session at creation: `clientSessionToken` on v4, `name` after.
pub fn name_arg(version: &ApiVersion) -> &'static str {
    if version.major <= 4 {
        "clientSessionToken"
    } else {
        "name"
    }
}

/// Session UUID when known and the server addresses streams by id (v5+), else the name.
pub fn id_or_name<'s>(session: &'s SessionRef, version: &ApiVersion) -> &'s str {
    match &session.id {
        Some(id) if version.major >= 5 => id,
        _ => &session.name,
    }
}

fn with_owner(mut req: ApiRequest, session: &SessionRef) -> ApiRequest {
    if let Some(ak) = session
        .owner_access_key
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        req = req.query("owner_access_key", ak);
    }
    req
}

/// A call the 19.09 manager (API v4) does not have: refused on it with the typed
/// `ErrorKind::Unsupported` by the transport (spec/api-catalog.md: absent in 19.09.10).
fn after_v4(req: ApiRequest, what: &str) -> ApiRequest {
    req.requires(ApiVersion::new(5, "20191215"), what)
}

fn session_path(session: &SessionRef, version: &ApiVersion, suffix: &str) -> String {
    format!("/{}/{}{}", prefix(version), session.name, suffix)
}

fn opt_str(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

fn map_or_null(m: &Map<String, Value>) -> Value {
    if m.is_empty() {
        Value::Null
    } else {
        Value::Object(m.clone())
    }
}

/// `POST /session` (v4: `POST /kernel/create`): get-or-create a session.
///
/// `domain`/`group` default to the configuration's, and the configuration's `vfolder_mounts`
/// are appended to the mounts, as the Python SDK does. A missing name is sent as `null`
/// (the async method fills in a generated one first).
pub fn create(params: &CreateParams, config: &ApiConfig, version: &ApiVersion) -> ApiRequest {
    let path = if version.major <= 4 {
        "/kernel/create".to_owned()
    } else {
        format!("/{}", prefix(version))
    };
    let mut mounts: Vec<Value> = params.mounts.iter().cloned().map(Value::String).collect();
    mounts.extend(config.vfolder_mounts.iter().cloned().map(Value::String));

    let mut cfg = Map::new();
    cfg.insert("mounts".into(), Value::Array(mounts));
    cfg.insert("environ".into(), map_or_null(&params.envs));
    cfg.insert("resources".into(), Value::Object(params.resources.clone()));
    cfg.insert(
        "resource_opts".into(),
        Value::Object(params.resource_opts.clone()),
    );
    cfg.insert("scalingGroup".into(), opt_str(&params.scaling_group));

    let mut body = Map::new();
    body.insert("tag".into(), opt_str(&params.tag));
    body.insert(name_arg(version).into(), opt_str(&params.name));
    if version.at_least(6, "20220315") {
        body.insert(
            "dependencies".into(),
            params
                .dependencies
                .as_ref()
                .map_or(Value::Null, |d| json!(d)),
        );
        body.insert("callback_url".into(), opt_str(&params.callback_url));
        body.insert(
            "architecture".into(),
            Value::String(params.architecture.clone()),
        );
    }
    if version.at_least(6, "20200815") {
        body.insert("clusterSize".into(), json!(params.cluster_size));
        body.insert("clusterMode".into(), json!(params.cluster_mode.as_str()));
    } else {
        cfg.insert("clusterSize".into(), json!(params.cluster_size));
    }
    if version.at_least(5, "20191215") {
        body.insert("starts_at".into(), opt_str(&params.starts_at));
        body.insert("bootstrap_script".into(), opt_str(&params.bootstrap_script));
        cfg.insert("mount_map".into(), Value::Object(params.mount_map.clone()));
        cfg.insert(
            "preopen_ports".into(),
            params
                .preopen_ports
                .as_ref()
                .map_or(Value::Null, |p| json!(p)),
        );
        if let Some(agents) = &params.assign_agent {
            cfg.insert("agentList".into(), json!(agents));
        }
    }
    if version.at_least(4, "20190615") {
        body.insert("owner_access_key".into(), opt_str(&params.owner_access_key));
        body.insert(
            "domain".into(),
            Value::String(
                params
                    .domain
                    .clone()
                    .unwrap_or_else(|| config.domain.clone()),
            ),
        );
        body.insert(
            "group".into(),
            Value::String(params.group.clone().unwrap_or_else(|| config.group.clone())),
        );
        body.insert("type".into(), json!(params.session_type.as_str()));
        body.insert("enqueueOnly".into(), json!(params.enqueue_only));
        body.insert("maxWaitSeconds".into(), json!(params.max_wait));
        body.insert("reuseIfExists".into(), json!(!params.no_reuse));
        body.insert("startupCommand".into(), opt_str(&params.startup_command));
    }
    let image_key = if version > &ApiVersion::new(4, "20181215") {
        "image"
    } else {
        "lang"
    };
    body.insert(image_key.into(), Value::String(params.image.clone()));
    // `config` comes right after the name in the Python body; rebuild in that order.
    let mut ordered = Map::new();
    for (k, v) in body {
        let is_name = k == name_arg(version);
        ordered.insert(k, v);
        if is_name {
            ordered.insert("config".into(), Value::Object(std::mem::take(&mut cfg)));
        }
    }
    ApiRequest::post(path).json(Value::Object(ordered))
}

/// `POST /session/_/create-from-template`. Unset overrides are left out of the body.
pub fn create_from_template(
    params: &TemplateParams,
    config: &ApiConfig,
    version: &ApiVersion,
) -> ApiRequest {
    let mut body = Map::new();
    body.insert("template_id".into(), json!(params.template_id));
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            body.insert(k.into(), v);
        }
    };
    put("tag", params.tag.clone().map(Value::String));
    put("image", params.image.clone().map(Value::String));
    put(
        "domain",
        Some(Value::String(
            params
                .domain
                .clone()
                .unwrap_or_else(|| config.domain.clone()),
        )),
    );
    put(
        "group",
        Some(Value::String(
            params.group.clone().unwrap_or_else(|| config.group.clone()),
        )),
    );
    put(name_arg(version), Some(opt_str(&params.name)));
    put(
        "bootstrap_script",
        params.bootstrap_script.clone().map(Value::String),
    );
    put("enqueueOnly", params.enqueue_only.map(Value::Bool));
    put("maxWaitSeconds", params.max_wait.map(|v| json!(v)));
    put(
        "dependencies",
        Some(
            params
                .dependencies
                .as_ref()
                .map_or(Value::Null, |d| json!(d)),
        ),
    );
    put(
        "callbackURL",
        params.callback_url.clone().map(Value::String),
    );
    put(
        "reuseIfExists",
        Some(Value::Bool(!params.no_reuse.unwrap_or(false))),
    );
    put(
        "startupCommand",
        params.startup_command.clone().map(Value::String),
    );
    put(
        "owner_access_key",
        params.owner_access_key.clone().map(Value::String),
    );
    put("type", params.session_type.map(|t| json!(t.as_str())));
    put("starts_at", Some(opt_str(&params.starts_at)));

    let mut cfg = Map::new();
    let mut mounts: Vec<Value> = params.mounts.iter().cloned().map(Value::String).collect();
    mounts.extend(config.vfolder_mounts.iter().cloned().map(Value::String));
    cfg.insert("mounts".into(), Value::Array(mounts));
    if let Some(m) = &params.mount_map {
        cfg.insert("mount_map".into(), Value::Object(m.clone()));
    }
    if let Some(m) = &params.envs {
        cfg.insert("environ".into(), Value::Object(m.clone()));
    }
    if let Some(m) = &params.resources {
        cfg.insert("resources".into(), Value::Object(m.clone()));
    }
    if let Some(m) = &params.resource_opts {
        cfg.insert("resource_opts".into(), Value::Object(m.clone()));
    }
    if let Some(s) = &params.scaling_group {
        cfg.insert("scalingGroup".into(), json!(s));
    }
    if version.at_least(6, "20200815") {
        if let Some(n) = params.cluster_size {
            body.insert("clusterSize".into(), json!(n));
        }
        if let Some(m) = params.cluster_mode {
            body.insert("clusterMode".into(), json!(m.as_str()));
        }
    } else if let Some(n) = params.cluster_size {
        cfg.insert("clusterSize".into(), json!(n));
    }
    body.insert("config".into(), Value::Object(cfg));
    let req = ApiRequest::post(format!("/{}/_/create-from-template", prefix(version)))
        .json(Value::Object(body));
    after_v4(req, "creating a session from a template")
}

/// `DELETE /session/<name>[?owner_access_key&forced=true&recursive=true]`.
pub fn destroy(session: &SessionRef, opts: DestroyOptions, version: &ApiVersion) -> ApiRequest {
    let mut req = with_owner(
        ApiRequest::delete(session_path(session, version, "")),
        session,
    );
    if opts.forced {
        req = req.query("forced", "true");
    }
    if opts.recursive {
        req = req.query("recursive", "true");
    }
    req
}

/// `PATCH /session/<name>`: restart the session's containers.
pub fn restart(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    with_owner(
        ApiRequest::patch(session_path(session, version, "")),
        session,
    )
}

/// `POST /session/<name>/interrupt`.
pub fn interrupt(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    with_owner(
        ApiRequest::post(session_path(session, version, "/interrupt")),
        session,
    )
}

/// `POST /session/<name>/commit`.
pub fn commit(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    let req = ApiRequest::post(session_path(session, version, "/commit"));
    with_owner(after_v4(req, "committing a session"), session)
}

/// `POST /session/<name>/imagify?image_name=<name>` (26.9 servers): commit the session to a
/// new image and push it to the registry.
pub fn export_to_image(session: &SessionRef, image_name: &str, version: &ApiVersion) -> ApiRequest {
    let req = ApiRequest::post(session_path(session, version, "/imagify"))
        .query("image_name", image_name)
        // `imagify` arrived with 24.03 (API v8.20240315); 23.09 has no such call.
        .requires(
            ApiVersion::new(8, "20240315"),
            "exporting a session to an image",
        );
    with_owner(req, session)
}

/// `POST /session/<name>/rename?name=<new>`.
pub fn rename(session: &SessionRef, new_name: &str, version: &ApiVersion) -> ApiRequest {
    let req = ApiRequest::post(session_path(session, version, "/rename")).query("name", new_name);
    with_owner(after_v4(req, "renaming a session"), session)
}

/// `POST /session/<name>/complete` with the cursor options.
pub fn complete(
    session: &SessionRef,
    code: &str,
    opts: &CompleteOptions,
    version: &ApiVersion,
) -> ApiRequest {
    let req = ApiRequest::post(session_path(session, version, "/complete")).json(json!({
        "code": code,
        "options": {"row": opts.row, "col": opts.col, "line": opts.line, "post": opts.post},
    }));
    with_owner(req, session)
}

/// `GET /session/<name>`.
pub fn get_info(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    with_owner(ApiRequest::get(session_path(session, version, "")), session)
}

/// `GET /`: the server's version information (`{"version", "manager"}`).
pub fn hello() -> ApiRequest {
    ApiRequest::get("/")
}

/// `GET /session/<name>/logs`.
pub fn get_logs(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    with_owner(
        ApiRequest::get(session_path(session, version, "/logs")),
        session,
    )
}

/// `GET /session/_/logs?taskId=<id>`: logs of a background task (e.g. an image commit).
pub fn get_task_logs(task_id: &str, version: &ApiVersion) -> ApiRequest {
    ApiRequest::get(format!("/{}/_/logs", prefix(version))).query("taskId", task_id)
}

/// `GET /session/<name>/status-history`.
pub fn status_history(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    let req = ApiRequest::get(session_path(session, version, "/status-history"));
    with_owner(after_v4(req, "the session status history"), session)
}

/// `GET /session/<name>/dependency-graph`.
pub fn dependency_graph(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    let req = ApiRequest::get(session_path(session, version, "/dependency-graph"));
    with_owner(after_v4(req, "the session dependency graph"), session)
}

/// `GET /session/<name>/abusing-report`.
pub fn abusing_report(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    let req = ApiRequest::get(session_path(session, version, "/abusing-report"));
    with_owner(after_v4(req, "the session abusing report"), session)
}

/// `POST /session/<name>`: one step of a non-streaming execution.
///
/// Body `{"mode","code","runId"}`; batch adds `options{clean,build,buildLog,exec}`.
pub fn execute(
    session: &SessionRef,
    run_id: Option<&str>,
    code: &str,
    mode: &ExecMode,
    version: &ApiVersion,
) -> ApiRequest {
    let mut body = Map::new();
    body.insert("mode".into(), json!(mode.as_str()));
    body.insert("code".into(), json!(code));
    body.insert("runId".into(), run_id.map_or(Value::Null, |r| json!(r)));
    if let ExecMode::Batch(opts) = mode {
        body.insert(
            "options".into(),
            json!({
                "clean": opts.clean,
                "build": opts.build,
                "buildLog": opts.build_log.unwrap_or(false),
                "exec": opts.exec,
            }),
        );
    }
    with_owner(
        ApiRequest::post(session_path(session, version, "")).json(Value::Object(body)),
        session,
    )
}

/// `POST /session/<name>/upload`: multipart, one `src` part per file.
pub fn upload(session: &SessionRef, files: Vec<MultipartFile>, version: &ApiVersion) -> ApiRequest {
    with_owner(
        ApiRequest::post(session_path(session, version, "/upload")).multipart(files),
        session,
    )
}

/// Download request: `GET /session/<name>/download {"files":[…]}` up to v8,
/// `POST /session/<name>/download?files=…&files=…` on v9 (26.9).
pub fn download(session: &SessionRef, files: &[String], version: &ApiVersion) -> ApiRequest {
    if version.major >= 9 {
        let mut req = with_owner(
            ApiRequest::post(session_path(session, version, "/download")),
            session,
        );
        for f in files {
            req = req.query("files", f.as_str());
        }
        req
    } else {
        with_owner(
            ApiRequest::get(session_path(session, version, "/download"))
                .json(json!({ "files": files })),
            session,
        )
    }
}

/// `GET /session/<name>/files {"path"}`.
pub fn list_files(session: &SessionRef, path: &str, version: &ApiVersion) -> ApiRequest {
    with_owner(
        ApiRequest::get(session_path(session, version, "/files")).json(json!({ "path": path })),
        session,
    )
}

/// `GET /stream/session/<name-or-id>/apps`.
pub fn app_info(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    let req = ApiRequest::get(format!(
        "/stream/{}/{}/apps",
        prefix(version),
        id_or_name(session, version)
    ));
    with_owner(after_v4(req, "listing session apps"), session)
}

/// `POST /session/<name>/start-service {"app", ["port"], ["envs"], ["arguments"], …}`.
///
/// `envs` and `arguments` are sent as JSON *strings* (Python `json.dumps` formatting).
pub fn start_service(
    session: &SessionRef,
    app: &str,
    opts: &StartServiceOptions,
    version: &ApiVersion,
) -> ApiRequest {
    let mut body = Map::new();
    body.insert("app".into(), json!(app));
    if let Some(p) = opts.port {
        body.insert("port".into(), json!(p));
    }
    if let Some(e) = &opts.envs {
        body.insert(
            "envs".into(),
            json!(dumps_string(&Value::Object(e.clone()))),
        );
    }
    if let Some(a) = &opts.arguments {
        body.insert(
            "arguments".into(),
            json!(dumps_string(&Value::Object(a.clone()))),
        );
    }
    if let Some(t) = &opts.login_session_token {
        body.insert("login_session_token".into(), json!(t));
    }
    let req = ApiRequest::post(session_path(session, version, "/start-service"))
        .json(Value::Object(body));
    after_v4(req, "starting a session service (app proxy)")
}

/// Session lifecycle events (SSE), by version (protocol.md §7.1).
pub fn events(session: &SessionRef, scope: EventScope, version: &ApiVersion) -> ApiRequest {
    if version.major >= 6 {
        let mut req = ApiRequest::get("/events/session");
        match &session.id {
            Some(id) => req = req.query("sessionId", id.as_str()),
            None => req = with_owner(req.query("sessionName", session.name.as_str()), session),
        }
        req.query("scope", scope.as_str()).no_content_type()
    } else if version.major == 5 {
        with_owner(
            ApiRequest::get("/events/session").query("name", session.name.as_str()),
            session,
        )
        .no_content_type()
    } else {
        with_owner(
            ApiRequest::get("/stream/kernel/_/events").query("sessionId", session.name.as_str()),
            session,
        )
        .no_content_type()
    }
}

/// `GET /stream/session/<name-or-id>/pty` (WebSocket upgrade).
pub fn pty(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    with_owner(
        ApiRequest::get(format!(
            "/stream/{}/{}/pty",
            prefix(version),
            id_or_name(session, version)
        )),
        session,
    )
    .no_content_type()
}

/// `GET /stream/session/<name-or-id>/execute` (WebSocket upgrade).
pub fn stream_execute(session: &SessionRef, version: &ApiVersion) -> ApiRequest {
    with_owner(
        ApiRequest::get(format!(
            "/stream/{}/{}/execute",
            prefix(version),
            id_or_name(session, version)
        )),
        session,
    )
    .no_content_type()
}

/// The first text frame of a streaming execution: `{"code","mode","options"}`.
///
/// Only `query` and `batch` are valid; other modes are sent as `query`.
pub fn stream_execute_first_frame(code: &str, mode: &ExecMode) -> String {
    let (mode_s, options) = match mode {
        ExecMode::Batch(o) => (
            "batch",
            json!({"clean": o.clean, "build": o.build, "buildLog": o.build_log.unwrap_or(false), "exec": o.exec}),
        ),
        _ => ("query", json!({})),
    };
    dumps_string(&json!({"code": code, "mode": mode_s, "options": options}))
}

/// The paginated GraphQL query `compute_session_list` for `params` (filter/order are only
/// declared for servers from v6.20210815 on, see [`crate::paginate`]).
pub fn list_query(params: &ListParams) -> PaginatedQuery {
    PaginatedQuery::new("compute_session_list", &params.fields)
        .var("status", params.status.clone(), "String")
        .var("access_key", params.access_key.clone(), "String")
        .filter_order(params.filter.as_deref(), params.order.as_deref())
}

/// `POST /admin/gql` `compute_session_list` page request.
///
/// Errors when the page size is outside 1..=100 or filter/order are set for an old server.
pub fn list(params: &ListParams, version: &ApiVersion) -> crate::Result<ApiRequest> {
    Ok(list_query(params)
        .page(u64::from(params.offset), params.limit, version)?
        .to_request(version))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Body;

    fn v7() -> ApiVersion {
        ApiVersion::new(7, "20230615")
    }

    #[test]
    fn python_dumps_matches_capture() {
        let v = json!({"code": "print('hi')", "mode": "query", "options": {}});
        assert_eq!(
            dumps_string(&v),
            "{\"code\": \"print('hi')\", \"mode\": \"query\", \"options\": {}}"
        );
        assert_eq!(
            dumps_string(&json!("é\u{1F600}\u{7f}")),
            "\"\\u00e9\\ud83d\\ude00\\u007f\""
        );
    }

    #[test]
    fn v4_create_uses_kernel_path_and_token() {
        let cfg = ApiConfig::default();
        let v4 = ApiVersion::new(4, "20190615");
        let req = create(&CreateParams::new("python").name("abcd"), &cfg, &v4);
        assert_eq!(req.path, "/kernel/create");
        let Body::Json(b) = &req.body else {
            panic!("json body expected")
        };
        assert_eq!(b["clientSessionToken"], "abcd");
        assert_eq!(b["config"]["clusterSize"], 1);
        assert!(b.get("clusterSize").is_none());
        assert!(b.get("architecture").is_none());
        assert!(b["config"].get("mount_map").is_none());
        assert_eq!(b["image"], "python");
    }

    #[test]
    fn v6_20200815_has_top_level_cluster_but_no_dependencies() {
        let cfg = ApiConfig::default();
        let v = ApiVersion::new(6, "20200815");
        let req = create(&CreateParams::new("python").name("abcd"), &cfg, &v);
        assert_eq!(req.path, "/session");
        let Body::Json(b) = &req.body else {
            panic!("json body expected")
        };
        assert_eq!(b["clusterSize"], 1);
        assert_eq!(b["clusterMode"], "single-node");
        assert!(b.get("dependencies").is_none());
        assert_eq!(b["name"], "abcd");
    }

    #[test]
    fn owner_and_flags_on_destroy() {
        let s = SessionRef::new("s1").owner("AK");
        let req = destroy(
            &s,
            DestroyOptions {
                forced: true,
                recursive: true,
            },
            &v7(),
        );
        assert_eq!(
            req.query,
            vec![
                ("owner_access_key".to_owned(), "AK".to_owned()),
                ("forced".to_owned(), "true".to_owned()),
                ("recursive".to_owned(), "true".to_owned())
            ]
        );
    }

    #[test]
    fn events_by_version() {
        let s = SessionRef::new("s1");
        let r = events(&s, EventScope::All, &v7());
        assert_eq!(r.path, "/events/session");
        assert_eq!(r.query[0], ("sessionName".into(), "s1".into()));
        let r = events(&s.clone().with_id("u"), EventScope::Kernel, &v7());
        assert_eq!(
            r.query,
            vec![
                ("sessionId".into(), "u".into()),
                ("scope".into(), "kernel".into())
            ]
        );
        let r = events(&s, EventScope::All, &ApiVersion::new(4, "20190615"));
        assert_eq!(r.path, "/stream/kernel/_/events");
    }

    #[test]
    fn streams_use_id_and_owner() {
        let s = SessionRef::new("s1").with_id("u-1").owner("AK");
        let r = pty(&s, &v7());
        assert_eq!(r.path, "/stream/session/u-1/pty");
        assert_eq!(r.query, vec![("owner_access_key".into(), "AK".into())]);
        assert!(matches!(r.body, Body::None));
        let r = stream_execute(&s, &ApiVersion::new(4, "20190615"));
        assert_eq!(r.path, "/stream/kernel/s1/execute");
        let r = export_to_image(&s, "img:1", &ApiVersion::new(9, "20250722"));
        assert_eq!(r.path, "/session/s1/imagify");
        assert_eq!(r.query[0], ("image_name".into(), "img:1".into()));
        // start-service sends envs/arguments as Python-formatted JSON strings.
        let mut envs = Map::new();
        envs.insert("A".into(), json!("1"));
        let opts = StartServiceOptions {
            port: Some(8080),
            envs: Some(envs),
            ..Default::default()
        };
        let Body::Json(b) = start_service(&s, "jupyter", &opts, &v7()).body else {
            panic!("json body expected")
        };
        assert_eq!(
            b,
            json!({"app": "jupyter", "port": 8080, "envs": "{\"A\": \"1\"}"})
        );
    }

    #[test]
    fn download_v9_uses_query() {
        let s = SessionRef::new("s1");
        let r = download(
            &s,
            &["a".into(), "b".into()],
            &ApiVersion::new(9, "20250722"),
        );
        assert_eq!(r.method, http::Method::POST);
        assert_eq!(r.query.len(), 2);
        assert!(matches!(r.body, Body::Empty));
    }
}
