//! Replays every admin-side request captured from the Python client 23.09.10 (classes Admin,
//! Agent, AgentWatcher, Auth, Domain, EtcdConfig, Group, Image, KeyPair,
//! KeypairResourcePolicy, Manager, Resource, ScalingGroup, Storage, User): each is rebuilt
//! with the admin groups' pure builders from the captured arguments, prepared with the
//! captured endpoint, keys, date and v7.20230615, and compared: method, path+query,
//! Content-Type, JSON body (as JSON — so the GraphQL text is compared exactly — and its
//! length, i.e. Python's `json.dumps` bytes) and Authorization byte for byte.

use std::collections::BTreeMap;

use backendai_core::ApiVersion;
use backendai_sdk::graphql::{self, GqlQuery};
use backendai_sdk::groups::admin::{
    agent, auth, domain, etcd, group, image, keypair, manager, resource, resource_policy,
    scaling_group, storage, user, watcher,
};
use backendai_sdk::ApiRequest;
use serde_json::{Map, Value};

mod common;
use common::{assert_replayed, capture_config, capture_date, v7, API_TRACE};

const CLASSES: &[&str] = &[
    "Admin",
    "Agent",
    "AgentWatcher",
    "Auth",
    "Domain",
    "EtcdConfig",
    "Group",
    "Image",
    "KeyPair",
    "KeypairResourcePolicy",
    "Manager",
    "Resource",
    "ScalingGroup",
    "Storage",
    "User",
];

fn gql(q: GqlQuery) -> ApiRequest {
    q.to_request(&v7())
}

fn page(q: backendai_sdk::paginate::PaginatedQuery) -> ApiRequest {
    gql(q.page(0, 20, &v7()).unwrap())
}

/// Rebuilds the request of one captured call from its args/kwargs.
fn build(class: &str, method: &str, args: &[Value], kwargs: &Map<String, Value>) -> ApiRequest {
    let s = |i: usize| args[i].as_str().unwrap().to_owned();
    let strs = |i: usize| -> Vec<String> {
        args[i]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let kw = |k: &str| kwargs[k].as_str().unwrap().to_owned();
    match (class, method) {
        ("Admin", "query") => graphql::request(&s(0), None, &v7()),

        ("Agent", "detail") => gql(agent::detail_query(&s(0), agent::DEFAULT_DETAIL_FIELDS)),
        ("Agent", "paginated_list") => page(agent::list_query(
            &agent::AgentListOptions::default(),
            agent::DEFAULT_LIST_FIELDS,
        )),

        ("AgentWatcher", "agent_restart") => watcher::restart_request(&s(0)),
        ("AgentWatcher", "agent_start") => watcher::start_request(&s(0)),
        ("AgentWatcher", "agent_stop") => watcher::stop_request(&s(0)),
        ("AgentWatcher", "get_status") => watcher::status_request(&s(0)),

        ("Auth", "login") => auth::login_request(&s(0), &s(1), None),
        ("Auth", "logout") => auth::logout_request(),
        ("Auth", "update_password") => auth::update_password_request(&s(0), &s(1), &s(2)),
        ("Auth", "update_password_no_auth") => {
            auth::update_password_no_auth_request(&s(0), &s(1), &s(2), &s(3))
        }
        ("Auth", "update_password_no_auth_in_session") => {
            auth::update_password_no_auth_in_session_request(&s(0), &s(1), &s(2))
        }

        ("Domain", "create") => gql(domain::create_query(
            &s(0),
            &domain::DomainCreate::default(),
            &["name"],
        )),
        ("Domain", "delete") => gql(domain::delete_query(&s(0))),
        ("Domain", "detail") => gql(domain::detail_query(&s(0), domain::DEFAULT_FIELDS)),
        ("Domain", "list") => gql(domain::list_query(domain::DEFAULT_FIELDS)),
        ("Domain", "purge") => gql(domain::purge_query(&s(0))),
        ("Domain", "update") => gql(domain::update_query(
            &s(0),
            &domain::DomainUpdate::default(),
        )),

        ("EtcdConfig", "delete") => etcd::delete_request(&s(0), false),
        ("EtcdConfig", "get") => etcd::get_request(&s(0), false),
        ("EtcdConfig", "set") => etcd::set_request(&s(0), args[1].clone()),

        ("Group", "add_users") => {
            let users = strs(1);
            let users: Vec<&str> = users.iter().map(String::as_str).collect();
            gql(group::add_users_query(&s(0), &users))
        }
        ("Group", "remove_users") => {
            let users = strs(1);
            let users: Vec<&str> = users.iter().map(String::as_str).collect();
            gql(group::remove_users_query(&s(0), &users))
        }
        ("Group", "create") => gql(group::create_query(
            &s(0),
            &s(1),
            &group::GroupCreate::default(),
            group::DEFAULT_CREATE_FIELDS,
        )),
        ("Group", "delete") => gql(group::delete_query(&s(0))),
        ("Group", "detail") => gql(group::detail_query(&s(0), group::DEFAULT_DETAIL_FIELDS)),
        ("Group", "from_name") => gql(group::from_name_query(
            &s(0),
            None,
            group::DEFAULT_DETAIL_FIELDS,
        )),
        ("Group", "list") => gql(group::list_query(Some(&s(0)), group::DEFAULT_LIST_FIELDS)),
        ("Group", "purge") => gql(group::purge_query(&s(0))),
        ("Group", "update") => gql(group::update_query(&s(0), &group::GroupUpdate::default())),

        ("Image", "alias_image") => gql(image::alias_query(&s(0), &s(1), None)),
        ("Image", "build") => image::build_request(Map::new()),
        ("Image", "dealias_image") => gql(image::dealias_query(&s(0))),
        ("Image", "get_image_import_form") => image::import_form_request(),
        ("Image", "list") => gql(image::list_query(false, image::DEFAULT_LIST_FIELDS)),
        ("Image", "rescan_images") => gql(image::rescan_query(Some(&s(0)))),

        ("KeyPair", "activate") => gql(keypair::set_active_query(&s(0), true)),
        ("KeyPair", "deactivate") => gql(keypair::set_active_query(&s(0), false)),
        ("KeyPair", "create") => gql(keypair::create_query(
            &s(0),
            &keypair::KeyPairCreate::default(),
            keypair::DEFAULT_RESULT_FIELDS,
        )),
        ("KeyPair", "delete") => gql(keypair::delete_query(&s(0))),
        ("KeyPair", "info") => gql(keypair::info_query(keypair::DEFAULT_DETAIL_FIELDS)),
        ("KeyPair", "list") => gql(keypair::list_query(
            None,
            None,
            keypair::DEFAULT_LIST_FIELDS,
        )),
        ("KeyPair", "paginated_list") => page(keypair::paginated_list_query(
            &keypair::KeyPairListOptions::default(),
            keypair::DEFAULT_LIST_FIELDS,
        )),
        ("KeyPair", "update") => gql(keypair::update_query(
            &s(0),
            &keypair::KeyPairUpdate::default(),
        )),

        ("KeypairResourcePolicy", "delete") => gql(resource_policy::delete_query(&s(0))),
        ("KeypairResourcePolicy", "info") => gql(resource_policy::info_query(
            &s(0),
            resource_policy::DEFAULT_FIELDS,
        )),
        ("KeypairResourcePolicy", "list") => {
            gql(resource_policy::list_query(resource_policy::DEFAULT_FIELDS))
        }
        ("KeypairResourcePolicy", "update") => gql(resource_policy::update_query(
            &s(0),
            &resource_policy::ResourcePolicyUpdate::default(),
        )),

        ("Manager", "freeze") => manager::freeze_request(false),
        ("Manager", "get_announcement") => manager::get_announcement_request(),
        ("Manager", "scheduler_op") => manager::scheduler_op_request(&s(0), args[1].clone()),
        ("Manager", "status") => manager::status_request(),
        ("Manager", "unfreeze") => manager::unfreeze_request(),
        ("Manager", "update_announcement") => manager::update_announcement_request(true, None),

        ("Resource", "admin_monthly_stats") => resource::admin_monthly_stats_request(),
        ("Resource", "check_presets") => resource::check_presets_request(),
        ("Resource", "get_docker_registries") => resource::docker_registries_request(),
        ("Resource", "get_resource_slots") => resource::resource_slots_request(),
        ("Resource", "get_vfolder_types") => resource::vfolder_types_request(),
        ("Resource", "list") => resource::presets_request(),
        ("Resource", "recalculate_usage") => resource::recalculate_usage_request(),
        ("Resource", "usage_per_month") => {
            let ids = strs(1);
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            resource::usage_per_month_request(&s(0), &ids)
        }
        ("Resource", "usage_per_period") => resource::usage_per_period_request(&s(0), &s(1), &s(2)),
        ("Resource", "user_monthly_stats") => resource::user_monthly_stats_request(),

        ("ScalingGroup", "associate_domain") => {
            gql(scaling_group::associate_domain_query(&s(0), &s(1)))
        }
        ("ScalingGroup", "associate_group") => {
            gql(scaling_group::associate_group_query(&s(0), &s(1)))
        }
        ("ScalingGroup", "create") => gql(scaling_group::create_query(
            &s(0),
            &scaling_group::ScalingGroupCreate::new(kw("driver"), kw("scheduler")),
            &["name"],
        )),
        ("ScalingGroup", "delete") => gql(scaling_group::delete_query(&s(0))),
        ("ScalingGroup", "detail") => gql(scaling_group::detail_query(
            &s(0),
            scaling_group::DEFAULT_DETAIL_FIELDS,
        )),
        ("ScalingGroup", "dissociate_all_domain") => {
            gql(scaling_group::dissociate_all_domain_query(&s(0)))
        }
        ("ScalingGroup", "dissociate_all_group") => {
            gql(scaling_group::dissociate_all_group_query(&s(0)))
        }
        ("ScalingGroup", "dissociate_domain") => {
            gql(scaling_group::dissociate_domain_query(&s(0), &s(1)))
        }
        ("ScalingGroup", "dissociate_group") => {
            gql(scaling_group::dissociate_group_query(&s(0), &s(1)))
        }
        ("ScalingGroup", "list") => gql(scaling_group::list_query(
            scaling_group::DEFAULT_LIST_FIELDS,
        )),
        ("ScalingGroup", "list_available") => scaling_group::list_available_request(&s(0)),
        ("ScalingGroup", "update") => gql(scaling_group::update_query(
            &s(0),
            &scaling_group::ScalingGroupUpdate::default(),
        )),

        ("Storage", "detail") => gql(storage::detail_query(&s(0), storage::DEFAULT_DETAIL_FIELDS)),
        ("Storage", "paginated_list") => page(storage::list_query(
            None,
            None,
            storage::DEFAULT_LIST_FIELDS,
        )),

        ("User", "authorize") => user::authorize_request("default", &s(0), &s(1)),
        ("User", "create") => gql(user::create_query(
            &s(0),
            &s(1),
            &s(2),
            &user::UserCreate::default(),
            user::DEFAULT_CREATE_FIELDS,
        )),
        ("User", "delete") => gql(user::delete_query(&s(0))),
        ("User", "detail") => gql(user::detail_query(None, user::DEFAULT_DETAIL_FIELDS)),
        ("User", "detail_by_uuid") => gql(user::detail_by_uuid_query(
            None,
            user::DEFAULT_DETAIL_FIELDS,
        )),
        ("User", "list") => gql(user::list_query(None, None, user::DEFAULT_LIST_FIELDS)),
        ("User", "paginated_list") => page(user::paginated_list_query(
            &user::UserListOptions::default(),
            user::DEFAULT_LIST_FIELDS,
        )),
        ("User", "purge") => gql(user::purge_query(&s(0), false)),
        ("User", "update") => gql(user::update_query(&s(0), &user::UserUpdate::default())),

        _ => panic!("no builder for {class}.{method}"),
    }
}

#[test]
fn every_admin_call_is_reproduced() {
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let cfg = capture_config(&capture);
    let date = capture_date(&capture);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut without_request = Vec::new();
    for call in capture["calls"].as_array().unwrap() {
        let class = call["class"].as_str().unwrap();
        if !CLASSES.contains(&class) {
            continue;
        }
        let method = call["method"].as_str().unwrap();
        let reqs = call["requests"].as_array().unwrap();
        if reqs.is_empty() {
            // The Python client crashed before sending (KeypairResourcePolicy.create without
            // vfolder_host_perms, protocol.md §11): nothing to compare.
            without_request.push(format!("{class}.{method}"));
            continue;
        }
        assert_eq!(reqs.len(), 1, "{class}.{method}: one request per call");
        let args = call["args"].as_array().unwrap();
        let kwargs = call["kwargs"].as_object().unwrap();
        let ours = build(class, method, args, kwargs);
        assert_replayed(&format!("{class}.{method}"), &ours, &reqs[0], &cfg, &date);
        *counts.entry(class.to_owned()).or_default() += 1;
    }
    println!("replayed per class: {counts:?}");
    println!("captured without a request: {without_request:?}");
    let expected: BTreeMap<String, usize> = [
        ("Admin", 1),
        ("Agent", 2),
        ("AgentWatcher", 4),
        ("Auth", 5),
        ("Domain", 6),
        ("EtcdConfig", 3),
        ("Group", 9),
        ("Image", 6),
        ("KeyPair", 8),
        ("KeypairResourcePolicy", 4),
        ("Manager", 6),
        ("Resource", 10),
        ("ScalingGroup", 12),
        ("Storage", 2),
        ("User", 9),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(counts, expected);
    assert_eq!(counts.values().sum::<usize>(), 87);
    assert_eq!(without_request, ["KeypairResourcePolicy.create"]);
}

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
