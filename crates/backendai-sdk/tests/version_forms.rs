//! One SDK call, three wire forms: the same call (the Python arguments of the 23.09.10
//! capture, mapped by the conformance table of the `replay` example) built for a 19.09 server
//! (`v4.20190615`), a 23.09 server (`v7.20230615`) and a 26.9 server (`v9.20250722`), checked
//! against what the real client of each release sent (`tests/fixtures/catalog/version_forms.md`,
//! rows copied from the spec's API catalogs: method, path, query keys, GraphQL root, JSON body
//! keys or GraphQL variables), and a call absent from a release refused with
//! `ErrorKind::Unsupported` before anything is sent. The v7 forms are the capture itself
//! (byte for byte, also in `tests/conformance.rs`).
//!
//! Then, against in-process servers that answer the version probe as a 26.9, 23.09 or 19.09
//! manager: the negotiated version and the form that goes on the wire.

#[path = "../examples/replay/conformance/mod.rs"]
mod conformance;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backendai_core::auth::{sign, HashType, SignDate, SignInput};
use backendai_core::config::ApiConfig;
use backendai_core::error::ErrorKind;
use backendai_core::{ApiVersion, Secret};
use backendai_sdk::groups::session::DestroyOptions;
use backendai_sdk::{ApiRequest, Body, Client};
use bytes::Bytes;
use conformance::{Mapped, Trace};
use http_body_util::{BodyExt, Full};
use serde_json::{json, Value};

mod common;
use common::{serve, API_TRACE};

const CATALOG: &str = include_str!("../../../tests/fixtures/catalog/version_forms.md");

/// The releases of the catalog's columns and the API version each one's client sends.
const RELEASES: [(&str, &str); 3] = [
    ("19.09.10", "v4.20190615"),
    ("23.09.10", "v7.20230615"),
    ("26.9.6", "v9.20250722"),
];

/// Where the SDK differs from a release's client, as `Class.method@release`. The test fails
/// when this is not exactly the set of differences found, so a fixed gap must leave the list.
const KNOWN_GAPS: &[&str] = &[
    // 19.09 has no paginated lists; the SDK sends its paginated GraphQL query to
    // /admin/graphql (a 19.09 manager answers it with an error, not the typed refusal).
    "ComputeSession.paginated_list@19.09.10",
    "KeyPair.paginated_list@19.09.10",
    // 19.09 uploads and downloads through the manager (multipart `POST .../upload`,
    // `GET .../download`); the SDK has only the storage-proxy transfers and refuses.
    "VFolder.download@19.09.10",
    "VFolder.upload@19.09.10",
];

/// The calls whose 26.9 REST form is also checked against the v2 SDK catalog's `domains`
/// rows (the classic SDK of 26.9, which negotiates, sends the rest as the 26.9.6 column says).
const V2_CALLS: &[&str] = &[
    "ComputeSession.get_or_create",
    "ComputeSession.get_info",
    "ComputeSession.destroy",
    "ComputeSession.rename",
    "ComputeSession.interrupt",
    "ComputeSession.commit",
    "VFolder.create",
    "VFolder.list",
    "VFolder.delete",
    "VFolder.info",
    "VFolder.rename",
    "VFolder.mkdir",
    "VFolder.purge",
];

/// Arguments for the 26.9-only calls the 23.09 capture does not hold.
fn synthetic_args(class: &str, method: &str) -> Value {
    match (class, method) {
        ("ComputeSession", "export_to_image") => json!(["new-image"]),
        _ => json!([]),
    }
}

/// One catalog row: class, method, one cell per release, the request-fields cell.
#[derive(Debug)]
struct Row {
    class: String,
    method: String,
    cells: [String; 3],
    fields: String,
}

fn catalog_rows() -> Vec<Row> {
    let mut class = String::new();
    let mut rows = Vec::new();
    for line in CATALOG.lines() {
        if let Some(c) = line.strip_prefix("### ") {
            class = c.trim().to_owned();
            continue;
        }
        if line.starts_with("## ") {
            class.clear();
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // `| method | 19.09 | 23.09 | 26.9 | fields |` → ["", m, a, b, c, f, ""].
        if class.is_empty() || cells.len() != 7 || cells[1] == "method" || cells[1] == "---" {
            continue;
        }
        rows.push(Row {
            class: class.clone(),
            method: cells[1].to_owned(),
            cells: [cells[2].into(), cells[3].into(), cells[4].into()],
            fields: cells[5].to_owned(),
        });
    }
    rows
}

/// The 26.9 REST rows (`module`, `METHOD`, `path`) of the v2 SDK catalog.
fn v2_rows() -> Vec<(String, String, String)> {
    CATALOG
        .lines()
        .skip_while(|l| !l.starts_with("## api-catalog-26.9-v2sdk.md"))
        .filter_map(|l| {
            let c: Vec<&str> = l.split('|').map(str::trim).collect();
            (c.len() == 5 && c[3].starts_with('`')).then(|| {
                (
                    c[1].to_owned(),
                    c[2].to_owned(),
                    c[3].trim_matches('`').to_owned(),
                )
            })
        })
        .collect()
}

/// What one catalog cell says the client sent first.
#[derive(Debug, PartialEq)]
struct Form {
    method: String,
    path: String,
    /// `query X` / `mutation X`: the GraphQL root field.
    gql_root: Option<String>,
    /// `?a,b`: the query keys.
    query: Vec<String>,
}

/// `None` for "—" (absent in that release).
fn parse_cell(cell: &str) -> Option<Form> {
    if cell == "—" {
        return None;
    }
    let mut ticks = cell.split('`');
    ticks.next();
    let first = ticks.next().expect("a `METHOD path` cell");
    let (method, path) = first.split_once(' ').expect("METHOD path");
    let rest = ticks.next().unwrap_or("").trim();
    let gql_root =
        (rest == "query" || rest == "mutation").then(|| ticks.next().unwrap().to_owned());
    let query = rest
        .strip_prefix('?')
        .map(|q| q.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    Some(Form {
        method: method.to_owned(),
        path: path.to_owned(),
        gql_root,
        query,
    })
}

/// The body keys (REST) or GraphQL variables a release sent, from the fields cell; `None`
/// when the cell does not list keys (multipart, a list body, prose).
fn fields_for(cell: &str, release: &str) -> Option<BTreeSet<String>> {
    let mut text = cell;
    if cell.contains("**") {
        text = cell.split("<br>").find_map(|part| {
            let part = part.trim().strip_prefix("**")?;
            let (releases, keys) = part.split_once("**:")?;
            releases
                .split('/')
                .any(|r| r == release)
                .then_some(keys.trim())
        })?;
    }
    let keys = match text.strip_prefix("vars: ") {
        Some(gql) => gql.split(';').next().unwrap_or(""),
        None => text.split(" (").next().unwrap_or(""),
    };
    if keys.starts_with('<') {
        return None;
    }
    if keys == "—" {
        return Some(BTreeSet::new());
    }
    Some(keys.split(',').map(|k| k.trim().to_owned()).collect())
}

/// `{…}` segments of a catalog path match any one segment.
fn path_matches(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| t == p || (t.starts_with('{') && t.ends_with('}') && !p.is_empty()))
}

fn json_keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// Compares our first request with the catalog's form; `Err` says how it differs.
fn check(ours: &ApiRequest, form: &Form, fields: Option<BTreeSet<String>>) -> Result<(), String> {
    if ours.method.as_str() != form.method || !path_matches(&form.path, &ours.path) {
        return Err(format!(
            "{} {} != catalog {} {}",
            ours.method, ours.path, form.method, form.path
        ));
    }
    let query: Vec<&str> = ours.query.iter().map(|(k, _)| k.as_str()).collect();
    if query != form.query {
        return Err(format!("query keys {query:?} != catalog {:?}", form.query));
    }
    let body = match &ours.body {
        Body::Json(v) => Some(v),
        _ => None,
    };
    let got = match (&form.gql_root, body) {
        (Some(root), Some(b)) => {
            let text = b["query"].as_str().unwrap_or_default();
            if !text.contains(&format!("{root}(")) && !text.contains(&format!("{root} {{")) {
                return Err(format!("GraphQL root {root} not in {text:?}"));
            }
            json_keys(&b["variables"])
        }
        (Some(root), None) => return Err(format!("GraphQL {root} without a JSON body")),
        (None, Some(b)) => json_keys(b),
        (None, None) => BTreeSet::new(),
    };
    match fields {
        Some(want) if want != got => Err(format!("keys {got:?} != catalog {want:?}")),
        _ => Ok(()),
    }
}

fn version(s: &str) -> ApiVersion {
    s.parse().unwrap()
}

/// The capture's call of `class.method`, or a bare call with no arguments.
fn call_of(capture: &Value, class: &str, method: &str) -> Option<Value> {
    capture["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["class"] == class && c["method"] == method)
        .cloned()
}

#[test]
fn each_call_has_the_form_of_each_release_or_is_unsupported() {
    let trace = Trace::parse(API_TRACE).unwrap();
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let v2 = v2_rows();
    let mut checked: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unsupported: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut gaps: BTreeMap<String, String> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut not_in_sdk = Vec::new();
    let mut v2_checked = 0;
    for row in catalog_rows() {
        let label = format!("{}.{}", row.class, row.method);
        // Calls the capture holds are rebuilt from its arguments; the 26.9-only calls of the
        // table need none (they act on the folder of the trace).
        let call = call_of(&capture, &row.class, &row.method).unwrap_or_else(|| {
            let args = synthetic_args(&row.class, &row.method);
            json!({"class": row.class, "method": row.method, "args": args, "kwargs": {}})
        });
        for (i, (release, v)) in RELEASES.iter().enumerate() {
            let cell = &row.cells[i];
            if cell.starts_with('(') {
                skipped.push(format!("{label}@{release}: {cell}"));
                continue;
            }
            let v = version(v);
            let mut mapped = trace.map_at(&call, &v);
            // The transport refuses a call the negotiated version does not have.
            if let Mapped::Requests(reqs) = &mapped {
                if let Err(e) = trace.prepare_at(&reqs[0], &v) {
                    mapped = Mapped::Unsupported {
                        why: e.to_string(),
                        kind: Some(e.kind()),
                    };
                }
            }
            let outcome = match (parse_cell(cell), mapped) {
                (None, Mapped::Unsupported { kind, .. }) => {
                    match kind {
                        Some(ErrorKind::Unsupported) => {
                            unsupported.entry(release).or_default().push(label.clone())
                        }
                        // The SDK has no such call at all: nothing to refuse.
                        None => not_in_sdk.push(format!("{label}@{release}")),
                        Some(other) => panic!("{label}@{release}: refused as {other:?}"),
                    }
                    Ok(())
                }
                (None, Mapped::Requests(r)) => Err(format!(
                    "absent in {release}, but the SDK builds {} {}",
                    r[0].method, r[0].path
                )),
                (Some(_), Mapped::Unsupported { why, .. }) => {
                    Err(format!("the SDK refuses: {why}"))
                }
                (Some(form), Mapped::Requests(reqs)) => {
                    let r = check(&reqs[0], &form, fields_for(&row.fields, release));
                    // 26.9 REST paths are also rows of the v2 SDK catalog's `domains`.
                    let r = r.and_then(|()| {
                        if *release != "26.9.6" || !V2_CALLS.contains(&label.as_str()) {
                            return Ok(());
                        }
                        let module = if row.class == "VFolder" {
                            "vfolder"
                        } else {
                            "session"
                        };
                        let ours = &reqs[0];
                        let known = v2.iter().any(|(m, method, path)| {
                            m == module
                                && method == ours.method.as_str()
                                && path_matches(path, &ours.path)
                        });
                        v2_checked += usize::from(known);
                        known.then_some(()).ok_or_else(|| {
                            format!("{} {} is no 26.9 v2 SDK row", ours.method, ours.path)
                        })
                    });
                    if r.is_ok() {
                        *checked.entry(release).or_default() += 1;
                    }
                    r
                }
            };
            if let Err(e) = outcome {
                gaps.insert(format!("{label}@{release}"), e);
            }
        }
    }
    println!("forms matching the catalog, per release: {checked:?}");
    for (release, calls) in &unsupported {
        println!("refused with ErrorKind::Unsupported at {release}: {calls:?}");
    }
    println!("not traced by the catalog: {skipped:?}");
    println!("absent from a release and from the SDK: {not_in_sdk:?}");
    println!("26.9 forms also found in the v2 SDK catalog: {v2_checked}");
    println!("differences from the real clients ({}):", gaps.len());
    for (k, e) in &gaps {
        println!("  {k}: {e}");
    }
    let found: BTreeSet<&str> = gaps.keys().map(String::as_str).collect();
    let known: BTreeSet<&str> = KNOWN_GAPS.iter().copied().collect();
    assert_eq!(found, known, "differences from the catalog");
    assert_eq!(v2_checked, V2_CALLS.len());
    // How many (call, release) pairs were checked: a form that matches, or the refusal.
    assert_eq!(
        (checked["19.09.10"], checked["23.09.10"], checked["26.9.6"]),
        (41, 68, 75)
    );
    let refused = |r: &str| unsupported.get(r).map_or(0, Vec::len);
    assert_eq!(
        (refused("19.09.10"), refused("23.09.10"), refused("26.9.6")),
        (30, 7, 0)
    );
}

#[test]
fn the_same_headers_are_signed_at_each_version() {
    // Session creation at each release's version: the headers of the 23.09 client, in its
    // order, with the negotiated version in X-BackendAI-Version and in the signature.
    let trace = Trace::parse(API_TRACE).unwrap();
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let call = call_of(&capture, "ComputeSession", "get_or_create").unwrap();
    let captured = &call["requests"][0];
    let names = |hs: &[(String, String)]| -> Vec<String> {
        hs.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()
    };
    let mut seen = Vec::new();
    for (_, v) in RELEASES {
        let v = version(v);
        let Mapped::Requests(reqs) = trace.map_at(&call, &v) else {
            panic!("get_or_create is in every release")
        };
        let p = trace.prepare_at(&reqs[0], &v).unwrap();
        assert_eq!(
            p.header("X-BackendAI-Version"),
            Some(v.to_string().as_str())
        );
        let expected: Vec<String> = captured["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h[0].as_str().unwrap().to_owned())
            .filter(|k| !["Accept", "Accept-Encoding", "Content-Length"].contains(&k.as_str()))
            .collect();
        assert_eq!(names(&p.headers), expected, "{v}");
        assert_eq!(p.header("Date"), captured_header(captured, "Date"));
        seen.push((
            p.rel_url.clone(),
            p.header("Authorization").unwrap().to_owned(),
        ));
    }
    assert_eq!(seen[0].0, "/kernel/create");
    assert_eq!(seen[1].0, "/session");
    assert_eq!(seen[2].0, "/session");
    // v7: the capture, byte for byte; v9: the same request signed for another version.
    assert_eq!(
        Some(seen[1].1.as_str()),
        captured_header(captured, "Authorization")
    );
    assert_ne!(seen[1].1, seen[2].1);
}

fn captured_header<'a>(req: &'a Value, name: &str) -> Option<&'a str> {
    conformance::captured_header(req, name)
}

// ----- in-process servers ----------------------------------------------------------------

const AK: &str = "AKIAIOSFODNN7EXAMPLE";
const SK: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// The id the fake 26.9 manager gives every folder.
const FOLDER_ID: &str = "0123456789abcdef0123456789abcdef";

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path_and_query: String,
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Recomputes the signature from what arrived, as the manager does.
    fn signature_verifies(&self) -> bool {
        let (Some(auth), Some(date), Some(host), Some(version)) = (
            self.header("Authorization"),
            self.header("Date"),
            self.header("Host"),
            self.header("X-BackendAI-Version"),
        ) else {
            return false;
        };
        let content_type = self
            .header("Content-Type")
            .map(|ct| ct.split(';').next().unwrap().trim().to_ascii_lowercase())
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        let signed = sign(&SignInput {
            method: &self.method,
            rel_url: &self.path_and_query,
            host,
            date: &SignDate::parse_isoformat(date).unwrap(),
            content_type: &content_type,
            api_version: version,
            access_key: AK,
            secret_key: SK,
            hash_type: HashType::Sha256,
            body: &self.body,
        });
        signed.authorization == auth
    }
}

/// A fake manager that reports `version`/`manager` on `GET /` and records every other request.
async fn fake_manager(
    version: &'static str,
    manager: &'static str,
) -> (Client, Arc<Mutex<Vec<Seen>>>) {
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let log = seen.clone();
    let addr = serve(move |req: hyper::Request<hyper::body::Incoming>| {
        let log = log.clone();
        async move {
            let (parts, body) = req.into_parts();
            let body = body.collect().await.unwrap().to_bytes();
            let path = parts.uri.path_and_query().unwrap().as_str().to_owned();
            let answer = match (parts.method.as_str(), parts.uri.path()) {
                ("GET", "/") => json!({"version": version, "manager": manager}),
                ("GET", "/folders/_/id") => json!({"id": FOLDER_ID}),
                _ => json!({}),
            };
            if path != "/" {
                log.lock().unwrap().push(Seen {
                    method: parts.method.to_string(),
                    path_and_query: path,
                    headers: parts
                        .headers
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
                        .collect(),
                    body,
                });
            }
            Ok::<_, std::io::Error>(
                hyper::Response::builder()
                    .header("Content-Type", "application/json")
                    .body(Full::new(Bytes::from(answer.to_string())))
                    .unwrap(),
            )
        }
    })
    .await;
    let client = Client::new(ApiConfig {
        endpoints: vec![format!("http://{addr}")],
        access_key: AK.to_owned(),
        secret_key: Secret::new(SK),
        read_timeout: Some(Duration::from_secs(10)),
        ..ApiConfig::default()
    })
    .unwrap();
    (client, seen)
}

fn taken(seen: &Arc<Mutex<Vec<Seen>>>) -> Vec<Seen> {
    std::mem::take(&mut *seen.lock().unwrap())
}

#[tokio::test]
async fn a_26_9_manager_gets_v9_on_the_wire() {
    let (client, seen) = fake_manager("v9.20250722", "26.9.6").await;
    let info = client.server_info().await.unwrap();
    assert_eq!(info.api_version.to_string(), "v9.20250722");
    assert_eq!(info.manager_version.as_deref(), Some("26.9.6"));

    // A folder is addressed by its id on 26.9: the name is resolved first.
    client.vfolders().delete("myfolder").await.unwrap();
    client.vfolders().purge("myfolder").await.unwrap();
    let s = client.sessions().session("mysession");
    s.destroy(DestroyOptions::default()).await.unwrap();
    let got = taken(&seen);
    let lines: Vec<String> = got
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.method,
                r.path_and_query,
                String::from_utf8_lossy(&r.body)
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            r#"GET /folders/_/id {"name": "myfolder"}"#.to_owned(),
            format!(r#"DELETE /folders {{"id": "{FOLDER_ID}"}}"#),
            r#"GET /folders/_/id {"name": "myfolder"}"#.to_owned(),
            format!(r#"POST /folders/purge {{"id": "{FOLDER_ID}"}}"#),
            "DELETE /session/mysession ".to_owned(),
        ]
    );
    for r in &got {
        assert_eq!(r.header("X-BackendAI-Version"), Some("v9.20250722"));
        assert_eq!(r.header("X-BackendAI-Domain"), Some("default"));
        assert!(r.signature_verifies(), "{} {}", r.method, r.path_and_query);
    }
}

#[tokio::test]
async fn a_23_09_manager_gets_v7_and_a_refusal_for_26_9_calls() {
    let (client, seen) = fake_manager("v7.20230615", "23.09.10").await;
    assert_eq!(
        client.api_version().await.unwrap().to_string(),
        "v7.20230615"
    );
    client.vfolders().delete("myfolder").await.unwrap();
    let err = client.vfolders().purge("myfolder").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    let err = client
        .sessions()
        .session("mysession")
        .export_to_image("img")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(err.to_string().contains("v7.20230615"), "{err}");
    let got = taken(&seen);
    // Only the delete went out: the refusals sent nothing.
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].method.as_str(), got[0].path_and_query.as_str()),
        ("DELETE", "/folders/myfolder")
    );
    assert_eq!(got[0].header("X-BackendAI-Version"), Some("v7.20230615"));
    assert!(got[0].signature_verifies());
}

#[tokio::test]
async fn a_19_09_manager_gets_v4_and_a_refusal_for_later_calls() {
    let (client, seen) = fake_manager("v4.20190615", "19.09.10").await;
    assert_eq!(
        client.api_version().await.unwrap().to_string(),
        "v4.20190615"
    );
    let mut s = client.sessions().session("mysession");
    s.destroy(DestroyOptions::default()).await.unwrap();
    let err = s.rename("other").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    let got = taken(&seen);
    assert_eq!(got.len(), 1, "the rename was refused before sending");
    assert_eq!(
        (got[0].method.as_str(), got[0].path_and_query.as_str()),
        ("DELETE", "/kernel/mysession")
    );
    assert_eq!(got[0].header("X-BackendAI-Version"), Some("v4.20190615"));
    assert!(got[0].signature_verifies());
}
