//! Round trips of the small 23.09 answers, in the shapes the real 23.09.10 manager sent them
//! (commit, dependency graph, abusing report, status history, vfolder host permissions) and
//! the enterprise license answer: every field kept, order of maps kept.

use backendai_core::dto::{
    AbusingReport, CommitResult, DependencyGraph, LicenseInfo, StatusHistory,
    VfolderHostPermissions,
};
use serde_json::{json, Value};

/// Parses `v` as `T`, serialises it back and checks the JSON text is unchanged (key order
/// included).
fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(v: &Value) -> T {
    let t: T = serde_json::from_value(v.clone()).expect("deserialize");
    let back = serde_json::to_string(&t).expect("serialize");
    assert_eq!(back, v.to_string(), "round trip");
    t
}

#[test]
fn commit_answer() {
    let c: CommitResult = roundtrip(&json!({
        "bgtask_id": "13ee8223-80f9-4b92-a41c-282508964293",
        "kernel": "df143486-bbad-47ce-9f32-636691f0f882",
        "path": "admin_lablup.com/2026-12-02T13H43M30S_misc-probe_python-3.11-bookworm.tar.gz"
    }));
    assert_eq!(c.bgtask_id.as_deref().map(str::len), Some(36));
    let extra: CommitResult = roundtrip(&json!({"bgtask_id": "t", "future": 1}));
    assert_eq!(extra.extra["future"], 1);
}

#[test]
fn dependency_graph_nests() {
    let node = |name: &str, deps: Value| {
        json!({
            "session_id": format!("id-{name}"),
            "session_name": name,
            "status": "KernelStatus.RUNNING",
            "status_changed": "2026-12-02 13:43:07.145029+00:00",
            "depends_on": deps
        })
    };
    let g: DependencyGraph = roundtrip(&node(
        "a",
        json!([node("b", json!([node("c", json!([]))]))]),
    ));
    assert_eq!(g.depends_on[0].depends_on[0].session_name, "c");
    assert!(g.depends_on[0].depends_on[0].depends_on.is_empty());
}

#[test]
fn abusing_report_empty_and_filled() {
    let empty: AbusingReport = roundtrip(&json!({}));
    assert_eq!((empty.kernel, empty.abuse_report), (None, None));
    let r: AbusingReport = roundtrip(&json!({"kernel": "k-1", "abuse_report": "detected"}));
    assert_eq!(r.abuse_report.as_deref(), Some("detected"));
}

#[test]
fn status_history_keeps_its_order() {
    let h: StatusHistory = roundtrip(&json!({
        "PENDING": "2026-12-02T13:43:06.292691+00:00",
        "SCHEDULED": "2026-12-02T13:43:07.120068+00:00",
        "PREPARING": "2026-12-02T13:43:07.145029+00:00",
        "RUNNING": "2026-12-02T13:43:08.580208+00:00"
    }));
    let keys: Vec<&str> = h.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["PENDING", "SCHEDULED", "PREPARING", "RUNNING"]);
}

#[test]
fn vfolder_host_permissions() {
    let p: VfolderHostPermissions = roundtrip(&json!({
        "vfolder_host_permission_list": ["create-vfolder", "modify-vfolder", "mount-in-session"]
    }));
    assert_eq!(p.vfolder_host_permission_list.len(), 3);
}

#[test]
fn license_certificate_order_and_validity() {
    let l: LicenseInfo = roundtrip(&json!({
        "status": "valid",
        "certificate": {"licensee": "Lablup", "valid-until": "2027-01-01", "max-agents": 10}
    }));
    assert!(l.is_valid());
    let keys: Vec<&str> = l
        .certificate
        .as_ref()
        .unwrap()
        .iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(keys, ["licensee", "valid-until", "max-agents"]);
    let expired: LicenseInfo = roundtrip(&json!({"status": "expired"}));
    assert!(!expired.is_valid());
}
