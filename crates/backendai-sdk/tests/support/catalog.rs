//! The catalog checks shared by the 26.9 request-builder tests (`catalog_26_9*.rs`): the
//! rows of a copied `api_catalog_26.9*.md` fixture, path templates, coverage of the rows by
//! the built requests, and the API versions used.
#![allow(dead_code)]

use std::collections::BTreeSet;

use backendai_sdk::core::ApiVersion;
use backendai_sdk::{ApiRequest, Result};

/// One catalog row: module, method, path template (`{name}` = one segment).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    pub module: String,
    pub method: String,
    pub path: String,
}

/// Every row of a catalog table: `| module | method | `path` |` lines.
pub fn all_rows(catalog: &str) -> Vec<Row> {
    catalog
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            // `| module | method | `path` |` splits into ["", module, method, path, ""].
            if cells.len() != 5 || !cells[3].starts_with('`') {
                return None;
            }
            Some(Row {
                module: cells[1].to_owned(),
                method: cells[2].to_owned(),
                path: cells[3].trim_matches('`').to_owned(),
            })
        })
        .collect()
}

/// The rows of `module` whose path starts with `path_prefix`.
pub fn rows(catalog: &str, module: &str, path_prefix: &str) -> BTreeSet<Row> {
    all_rows(catalog)
        .into_iter()
        .filter(|r| r.module == module && r.path.starts_with(path_prefix))
        .collect()
}

/// A concrete path matches a template: same segments, `{x}` matching any non-empty one.
pub fn path_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}') && !p.is_empty()) || t == p)
}

/// Checks every built request against `rows` and that together they cover all of them.
pub fn check_coverage(rows: &BTreeSet<Row>, built: &[(&str, ApiRequest)]) {
    assert!(!rows.is_empty(), "no catalog rows");
    let mut covered = BTreeSet::new();
    for (name, req) in built {
        let hits: Vec<&Row> = rows
            .iter()
            .filter(|r| r.method == req.method.as_str() && path_matches(&r.path, &req.path))
            .collect();
        assert!(
            !hits.is_empty(),
            "{name}: {} {} is not in the catalog",
            req.method,
            req.path
        );
        covered.extend(hits.into_iter().cloned());
    }
    let missing: Vec<&Row> = rows.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "catalog rows no builder produces: {missing:#?}"
    );
}

/// The named requests of builders that must all succeed.
pub fn built(list: Vec<(&'static str, Result<ApiRequest>)>) -> Vec<(&'static str, ApiRequest)> {
    list.into_iter()
        .map(|(n, r)| (n, r.unwrap_or_else(|e| panic!("{n}: {e}"))))
        .collect()
}

/// API v9 (26.9).
pub fn v9() -> ApiVersion {
    let (major, date) = ApiVersion::V9_26_09;
    ApiVersion::new(major, date)
}

/// API v7 (23.09).
pub fn v7() -> ApiVersion {
    let (major, date) = ApiVersion::V7_23_09;
    ApiVersion::new(major, date)
}
