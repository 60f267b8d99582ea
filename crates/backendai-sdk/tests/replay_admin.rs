//! Shapes of the admin groups' requests that the 23.09.10 call trace does not cover (other
//! arguments, older servers). Every captured admin-side call (Admin, Agent, AgentWatcher,
//! Auth, Domain, EtcdConfig, Group, Image, KeyPair, KeypairResourcePolicy, Manager, Resource,
//! ScalingGroup, Storage, User) is checked by `tests/conformance.rs` (the `replay` example's
//! table).

use backendai_core::ApiVersion;
use backendai_sdk::groups::admin::{
    auth, domain, image, keypair, resource_policy, scaling_group, user,
};

mod common;
use common::v7;

/// Calls that the capture does not cover, checked for shape.
#[test]
fn uncaptured_variants_have_the_python_shape() {
    let v = v7();
    let q = user::detail_query(Some("a@b.c"), &["uuid", "email"]);
    assert_eq!(
        q.query,
        "query($email: String) {\n    user(email: $email) {uuid email}\n}\n"
    );
    assert_eq!(q.variables, serde_json::json!({"email": "a@b.c"}));
    let q = user::detail_by_uuid_query(Some("u-1"), &["uuid"]);
    assert_eq!(q.root, "user_from_uuid");
    assert_eq!(q.variables, serde_json::json!({"user_id": "u-1"}));

    let q = keypair::list_query(Some("a@b.c"), Some(true), &["access_key"]);
    assert_eq!(
        q.query,
        "query($email: String!, $is_active: Boolean) {  keypairs(email: $email, is_active: $is_active) {    access_key  }}"
    );
    assert_eq!(
        serde_json::to_string(&q.variables).unwrap(),
        r#"{"is_active":true,"email":"a@b.c"}"#
    );

    let q = image::alias_query("py", "python:3.9", Some("aarch64"));
    assert_eq!(
        serde_json::to_string(&q.variables).unwrap(),
        r#"{"architecture":"aarch64","alias":"py","target":"python:3.9"}"#
    );

    let opts = scaling_group::ScalingGroupUpdate {
        driver_opts: Some(serde_json::json!({"a": 1, "b": "x"})),
        wsproxy_addr: Some(None),
        ..Default::default()
    };
    let q = scaling_group::update_query("sg", &opts);
    assert_eq!(
        q.variables["input"],
        serde_json::json!({"driver_opts": "{\"a\": 1, \"b\": \"x\"}", "wsproxy_addr": null})
    );

    let q = scaling_group::associate_keypair_query("sg", "AKIA");
    assert_eq!(
        q.query,
        "mutation($scaling_group: String!, $access_key: String!) {\n    associate_scaling_group_with_keypair(\n            scaling_group: $scaling_group, access_key: $access_key) {\n        ok msg\n    }\n}\n"
    );

    let q = resource_policy::create_query(
        "p",
        &resource_policy::ResourcePolicyCreate {
            default_for_unspecified: "UNLIMITED".into(),
            total_resource_slots: "{}".into(),
            max_session_lifetime: 0,
            max_concurrent_sessions: 1,
            max_concurrent_sftp_sessions: 1,
            max_containers_per_session: 1,
            idle_timeout: 60,
            allowed_vfolder_hosts: None,
            max_vfolder_count: None,
            max_vfolder_size: None,
        },
        &["name"],
    );
    assert!(q.variables["input"].get("allowed_vfolder_hosts").is_none());
    assert!(q.variables["input"].get("max_vfolder_count").is_none());
    assert!(q.query.contains("resource_policy { name }"));
    // The deprecated limits a 23.09.10 manager still needs go last, when set.
    let q = resource_policy::update_query(
        "p",
        &resource_policy::ResourcePolicyUpdate {
            idle_timeout: Some(5),
            max_vfolder_count: Some(0),
            ..Default::default()
        },
    );
    assert_eq!(
        serde_json::to_string(&q.variables["input"]).unwrap(),
        r#"{"idle_timeout":5,"max_vfolder_count":0}"#
    );

    // Old servers: /admin/graphql, and paginated lists lose filter/order.
    let old: ApiVersion = "v5.20191215".parse().unwrap();
    let r = domain::list_query(domain::DEFAULT_FIELDS).to_request(&old);
    assert_eq!(r.path, "/admin/graphql");
    let g = user::paginated_list_query(&user::UserListOptions::default(), &["uuid"])
        .page(0, 20, &old)
        .unwrap();
    assert!(!g.query.contains("filter"));
    assert_eq!(g.to_request(&v).path, "/admin/gql");

    // Login: unsigned, with otp only when given.
    let r = auth::login_request("u", "p", Some("123456"));
    assert!(r.anonymous);
    match r.body {
        backendai_sdk::Body::Json(b) => assert_eq!(b["otp"], "123456"),
        other => panic!("json body expected, got {other:?}"),
    }
}
