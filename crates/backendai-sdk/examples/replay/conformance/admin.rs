//! The admin-side classes (`Admin`, `Agent`, `AgentWatcher`, `Auth`, `Domain`, `EtcdConfig`,
//! `Group`, `Image`, `KeyPair`, `KeypairResourcePolicy`, `Manager`, `Resource`,
//! `ScalingGroup`, `Storage`, `User`) → `groups::admin::*` and `graphql`, one function each.

use backendai_core::ApiVersion;
use backendai_sdk::graphql::{self, GqlQuery};
use backendai_sdk::groups::admin::{
    agent, auth, domain, etcd, group, image, keypair, manager, resource, resource_policy,
    scaling_group, storage, user, watcher,
};
use backendai_sdk::paginate::PaginatedQuery;
use backendai_sdk::ApiRequest;
use serde_json::Map;

use super::table::{one, Built, Call, Refusal};

fn gql(q: GqlQuery, v: &ApiVersion) -> ApiRequest {
    q.to_request(v)
}

/// The first page (offset 0, 20 items: the Python default) of a paginated query.
fn page(q: PaginatedQuery, v: &ApiVersion) -> Result<ApiRequest, Refusal> {
    Ok(q.page(0, 20, v)?.to_request(v))
}

/// `Admin.query(query)`.
pub fn admin(call: &Call<'_>) -> Built {
    match call.method {
        "query" => one(graphql::request(&call.s(0)?, None, call.version)),
        _ => Err(Refusal::NoMethod),
    }
}

/// `Agent`.
pub fn agent(call: &Call<'_>) -> Built {
    let v = call.version;
    one(match call.method {
        "detail" => gql(
            agent::detail_query(&call.s(0)?, agent::DEFAULT_DETAIL_FIELDS),
            v,
        ),
        "paginated_list" => page(
            agent::list_query(
                &agent::AgentListOptions::default(),
                agent::DEFAULT_LIST_FIELDS,
            ),
            v,
        )?,
        _ => return Err(Refusal::NoMethod),
    })
}

/// `AgentWatcher`.
pub fn agent_watcher(call: &Call<'_>) -> Built {
    let id = call.s(0)?;
    one(match call.method {
        "agent_restart" => watcher::restart_request(&id),
        "agent_start" => watcher::start_request(&id),
        "agent_stop" => watcher::stop_request(&id),
        "get_status" => watcher::status_request(&id),
        _ => return Err(Refusal::NoMethod),
    })
}

/// `Auth`.
pub fn auth(call: &Call<'_>) -> Built {
    let s = |i| call.s(i);
    one(match call.method {
        "login" => auth::login_request(&s(0)?, &s(1)?, None),
        "logout" => auth::logout_request(),
        "update_password" => auth::update_password_request(&s(0)?, &s(1)?, &s(2)?),
        "update_password_no_auth" => {
            auth::update_password_no_auth_request(&s(0)?, &s(1)?, &s(2)?, &s(3)?)
        }
        "update_password_no_auth_in_session" => {
            auth::update_password_no_auth_in_session_request(&s(0)?, &s(1)?, &s(2)?)
        }
        _ => return Err(Refusal::NoMethod),
    })
}

/// `Domain`.
pub fn domain(call: &Call<'_>) -> Built {
    let v = call.version;
    let q = match call.method {
        "create" => domain::create_query(&call.s(0)?, &domain::DomainCreate::default(), &["name"]),
        "delete" => domain::delete_query(&call.s(0)?),
        "detail" => domain::detail_query(&call.s(0)?, domain::DEFAULT_FIELDS),
        "list" => domain::list_query(domain::DEFAULT_FIELDS),
        "purge" => domain::purge_query(&call.s(0)?),
        "update" => domain::update_query(&call.s(0)?, &domain::DomainUpdate::default()),
        _ => return Err(Refusal::NoMethod),
    };
    one(gql(q, v))
}

/// `EtcdConfig`.
pub fn etcd_config(call: &Call<'_>) -> Built {
    one(match call.method {
        "delete" => etcd::delete_request(&call.s(0)?, false),
        "get" => etcd::get_request(&call.s(0)?, false),
        "set" => {
            let value = call.args.get(1).cloned().ok_or("argument 1 missing")?;
            etcd::set_request(&call.s(0)?, value)
        }
        _ => return Err(Refusal::NoMethod),
    })
}

/// `Group`.
pub fn group(call: &Call<'_>) -> Built {
    let v = call.version;
    let users = || -> Result<Vec<String>, String> { call.strs(1) };
    let q = match call.method {
        "add_users" => {
            let users = users()?;
            let users: Vec<&str> = users.iter().map(String::as_str).collect();
            group::add_users_query(&call.s(0)?, &users)
        }
        "remove_users" => {
            let users = users()?;
            let users: Vec<&str> = users.iter().map(String::as_str).collect();
            group::remove_users_query(&call.s(0)?, &users)
        }
        "create" => group::create_query(
            &call.s(0)?,
            &call.s(1)?,
            &group::GroupCreate::default(),
            group::DEFAULT_CREATE_FIELDS,
        ),
        "delete" => group::delete_query(&call.s(0)?),
        "detail" => group::detail_query(&call.s(0)?, group::DEFAULT_DETAIL_FIELDS),
        "from_name" => group::from_name_query(&call.s(0)?, None, group::DEFAULT_DETAIL_FIELDS),
        "list" => group::list_query(Some(&call.s(0)?), group::DEFAULT_LIST_FIELDS),
        "purge" => group::purge_query(&call.s(0)?),
        "update" => group::update_query(&call.s(0)?, &group::GroupUpdate::default()),
        _ => return Err(Refusal::NoMethod),
    };
    one(gql(q, v))
}

/// `Image`.
pub fn image(call: &Call<'_>) -> Built {
    let v = call.version;
    one(match call.method {
        "alias_image" => gql(image::alias_query(&call.s(0)?, &call.s(1)?, None), v),
        "build" => image::build_request(Map::new()),
        "dealias_image" => gql(image::dealias_query(&call.s(0)?), v),
        "get_image_import_form" => image::import_form_request(),
        "list" => gql(image::list_query(false, image::DEFAULT_LIST_FIELDS), v),
        "rescan_images" => gql(image::rescan_query(Some(&call.s(0)?)), v),
        _ => return Err(Refusal::NoMethod),
    })
}

/// `KeyPair`.
pub fn keypair(call: &Call<'_>) -> Built {
    let v = call.version;
    one(match call.method {
        "activate" => gql(keypair::set_active_query(&call.s(0)?, true), v),
        "deactivate" => gql(keypair::set_active_query(&call.s(0)?, false), v),
        "create" => gql(
            keypair::create_query(
                &call.s(0)?,
                &keypair::KeyPairCreate::default(),
                keypair::DEFAULT_RESULT_FIELDS,
            ),
            v,
        ),
        "delete" => gql(keypair::delete_query(&call.s(0)?), v),
        "info" => gql(keypair::info_query(keypair::DEFAULT_DETAIL_FIELDS), v),
        "list" => gql(
            keypair::list_query(None, None, keypair::DEFAULT_LIST_FIELDS),
            v,
        ),
        "paginated_list" => page(
            keypair::paginated_list_query(
                &keypair::KeyPairListOptions::default(),
                keypair::DEFAULT_LIST_FIELDS,
            ),
            v,
        )?,
        "update" => gql(
            keypair::update_query(&call.s(0)?, &keypair::KeyPairUpdate::default()),
            v,
        ),
        _ => return Err(Refusal::NoMethod),
    })
}

/// `KeypairResourcePolicy`.
pub fn keypair_resource_policy(call: &Call<'_>) -> Built {
    let v = call.version;
    let q = match call.method {
        "create" => resource_policy::create_query(&call.s(0)?, &policy_create(call)?, &["name"]),
        "delete" => resource_policy::delete_query(&call.s(0)?),
        "info" => resource_policy::info_query(&call.s(0)?, resource_policy::DEFAULT_FIELDS),
        "list" => resource_policy::list_query(resource_policy::DEFAULT_FIELDS),
        "update" => resource_policy::update_query(
            &call.s(0)?,
            &resource_policy::ResourcePolicyUpdate::default(),
        ),
        _ => return Err(Refusal::NoMethod),
    };
    one(gql(q, v))
}

/// The keyword arguments of `KeypairResourcePolicy.create`.
fn policy_create(call: &Call<'_>) -> Result<resource_policy::ResourcePolicyCreate, String> {
    let int = |k: &str| {
        call.kwargs
            .get(k)
            .and_then(serde_json::Value::as_i64)
            .ok_or_else(|| format!("keyword argument {k:?} is not an integer"))
    };
    let opt_int = |k: &str| call.kwargs.get(k).and_then(serde_json::Value::as_i64);
    Ok(resource_policy::ResourcePolicyCreate {
        default_for_unspecified: call.kw("default_for_unspecified")?,
        total_resource_slots: call.kw("total_resource_slots").map_err(|_| {
            "total_resource_slots is JSON text for the SDK, and the call passed another type \
             (the 23.09.10 trace passes a list; the Python client crashed there before sending)"
                .to_owned()
        })?,
        max_session_lifetime: int("max_session_lifetime")?,
        max_concurrent_sessions: int("max_concurrent_sessions")?,
        max_concurrent_sftp_sessions: int("max_concurrent_sftp_sessions")?,
        max_containers_per_session: int("max_containers_per_session")?,
        idle_timeout: int("idle_timeout")?,
        allowed_vfolder_hosts: call.kw("vfolder_host_perms").ok(),
        max_vfolder_count: opt_int("max_vfolder_count"),
        max_vfolder_size: opt_int("max_vfolder_size"),
    })
}

/// `Manager`.
pub fn manager(call: &Call<'_>) -> Built {
    one(match call.method {
        "freeze" => manager::freeze_request(false),
        "get_announcement" => manager::get_announcement_request(),
        "scheduler_op" => {
            let args = call.args.get(1).cloned().ok_or("argument 1 missing")?;
            manager::scheduler_op_request(&call.s(0)?, args)
        }
        "status" => manager::status_request(),
        "unfreeze" => manager::unfreeze_request(),
        "update_announcement" => manager::update_announcement_request(true, None),
        _ => return Err(Refusal::NoMethod),
    })
}

/// `Resource`.
pub fn resource(call: &Call<'_>) -> Built {
    one(match call.method {
        "admin_monthly_stats" => resource::admin_monthly_stats_request(),
        "check_presets" => resource::check_presets_request(),
        "get_docker_registries" => resource::docker_registries_request(),
        "get_resource_slots" => resource::resource_slots_request(),
        "get_vfolder_types" => resource::vfolder_types_request(),
        "list" => resource::presets_request(),
        "recalculate_usage" => resource::recalculate_usage_request(),
        "usage_per_month" => {
            let ids = call.strs(1)?;
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            resource::usage_per_month_request(&call.s(0)?, &ids)
        }
        "usage_per_period" => {
            resource::usage_per_period_request(&call.s(0)?, &call.s(1)?, &call.s(2)?)
        }
        "user_monthly_stats" => resource::user_monthly_stats_request(),
        _ => return Err(Refusal::NoMethod),
    })
}

/// `ScalingGroup`.
pub fn scaling_group(call: &Call<'_>) -> Built {
    use scaling_group as sg;
    let v = call.version;
    let (a, b) = (|| call.s(0), || call.s(1));
    let q = match call.method {
        "associate_domain" => sg::associate_domain_query(&a()?, &b()?),
        "associate_group" => sg::associate_group_query(&a()?, &b()?),
        "create" => sg::create_query(
            &a()?,
            &sg::ScalingGroupCreate::new(call.kw("driver")?, call.kw("scheduler")?),
            &["name"],
        ),
        "delete" => sg::delete_query(&a()?),
        "detail" => sg::detail_query(&a()?, sg::DEFAULT_DETAIL_FIELDS),
        "dissociate_all_domain" => sg::dissociate_all_domain_query(&a()?),
        "dissociate_all_group" => sg::dissociate_all_group_query(&a()?),
        "dissociate_domain" => sg::dissociate_domain_query(&a()?, &b()?),
        "dissociate_group" => sg::dissociate_group_query(&a()?, &b()?),
        "list" => sg::list_query(sg::DEFAULT_LIST_FIELDS),
        "list_available" => return one(sg::list_available_request(&a()?)),
        "update" => sg::update_query(&a()?, &sg::ScalingGroupUpdate::default()),
        _ => return Err(Refusal::NoMethod),
    };
    one(gql(q, v))
}

/// `Storage`.
pub fn storage(call: &Call<'_>) -> Built {
    let v = call.version;
    one(match call.method {
        "detail" => gql(
            storage::detail_query(&call.s(0)?, storage::DEFAULT_DETAIL_FIELDS),
            v,
        ),
        "paginated_list" => page(
            storage::list_query(None, None, storage::DEFAULT_LIST_FIELDS),
            v,
        )?,
        _ => return Err(Refusal::NoMethod),
    })
}

/// `User` (`authorize` with the configuration's domain).
pub fn user(call: &Call<'_>) -> Built {
    let v = call.version;
    let q = match call.method {
        "authorize" => {
            return one(user::authorize_request(
                &call.config.domain,
                &call.s(0)?,
                &call.s(1)?,
            ))
        }
        "create" => user::create_query(
            &call.s(0)?,
            &call.s(1)?,
            &call.s(2)?,
            &user::UserCreate::default(),
            user::DEFAULT_CREATE_FIELDS,
        ),
        "delete" => user::delete_query(&call.s(0)?),
        "detail" => user::detail_query(None, user::DEFAULT_DETAIL_FIELDS),
        "detail_by_uuid" => user::detail_by_uuid_query(None, user::DEFAULT_DETAIL_FIELDS),
        "list" => user::list_query(None, None, user::DEFAULT_LIST_FIELDS),
        "paginated_list" => {
            return one(page(
                user::paginated_list_query(
                    &user::UserListOptions::default(),
                    user::DEFAULT_LIST_FIELDS,
                ),
                v,
            )?)
        }
        "purge" => user::purge_query(&call.s(0)?, false),
        "update" => user::update_query(&call.s(0)?, &user::UserUpdate::default()),
        _ => return Err(Refusal::NoMethod),
    };
    one(gql(q, v))
}
