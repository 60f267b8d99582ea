//! Live tests of the admin mutations against the real 23.09 stack: domain/group/user/keypair/
//! keypair-resource-policy/scaling-group create → update → read back → delete, under their
//! 23.09 and 19.09 names, and `admin image rescan`. Every object has a unique name and is
//! removed by a guard even when an assertion fails; the stack's own `default` objects are only
//! read. Skipped when BACKEND_ENDPOINT is unset.

mod common;

use common::{suffix, Cleanup, Live, Out};
use serde_json::Value;

/// Asserts a failure with status 1 and exactly one `error: ...` line on stderr.
fn assert_one_line_error(out: &Out, what: &str) {
    assert_eq!(out.code, 1, "{what}: {} {}", out.stdout, out.stderr);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(lines.len(), 1, "{what}: {lines:?}");
    assert!(lines[0].starts_with("error: "), "{what}: {lines:?}");
}

/// Queues the removal of a user: inactivate, then purge.
fn remove_user_later(cleanup: &mut Cleanup<'_>, email: &str) {
    cleanup.then(&["admin", "user", "purge", email]);
    cleanup.then(&["admin", "user", "delete", email]);
}

#[test]
fn user_add_without_username_uses_the_email_as_user_name() {
    let Some(l) = Live::from_env() else { return };
    let email = format!("bai-live-mut-{}@example.com", suffix());
    let mut cleanup = Cleanup::new(&l);
    remove_user_later(&mut cleanup, &email);

    // Issue 15: no `-u`, exactly as a Python CLI user would type it.
    l.ok(&[
        "-q",
        "admin",
        "user",
        "add",
        "default",
        &email,
        "Pa55-w0rd!x",
    ]);
    let created = l.json(&["admin", "user", "info", "-e", &email]);
    assert_eq!(created["username"], email.as_str(), "{created}");
    assert_eq!(created["status"], "active", "{created}");

    // 23.09 name with 23.09 options, then the 19.09 name with its `--is-active`.
    l.ok(&[
        "-q",
        "admin",
        "user",
        "update",
        &email,
        "-n",
        "Live Mutation",
        "--description",
        "d1",
        "--sudo-session-enabled",
        "yes",
    ]);
    let updated = l.json(&["admin", "user", "info", "-e", &email]);
    assert_eq!(updated["sudo_session_enabled"], true, "{updated}");
    l.ok(&[
        "-q",
        "admin",
        "users",
        "update",
        &email,
        "--is-active",
        "false",
    ]);
    let inactive = l.json(&["admin", "user", "info", "-e", &email]);
    assert_eq!(inactive["status"], "inactive", "{inactive}");
    // The username given at creation survives an update that does not name it.
    assert_eq!(inactive["username"], email.as_str(), "{inactive}");

    l.ok(&["-q", "admin", "user", "delete", &email]);
    l.ok(&["-q", "admin", "user", "purge", &email]);
    let gone = l.bai(&["admin", "user", "info", "-e", &email]);
    assert_eq!(gone.code, 1, "{}", gone.stdout);
}

#[test]
fn domain_and_group_add_update_read_back_and_remove() {
    let Some(l) = Live::from_env() else { return };
    let domain = format!("bai-live-dom-{}", suffix());
    let group = format!("bai-live-grp-{}", suffix());
    let email = format!("bai-live-grp-{}@example.com", suffix());
    let mut cleanup = Cleanup::new(&l);
    cleanup.then(&["admin", "domain", "purge", &domain]);
    cleanup.then(&["admin", "domain", "delete", &domain]);

    l.ok(&["-q", "admin", "domain", "add", &domain, "-d", "live"]);
    l.ok(&[
        "-q",
        "admin",
        "domains",
        "update",
        &domain,
        "--description",
        "updated",
        "--is-active",
        "false",
        "--allowed-docker-registries",
        "cr.backend.ai,index.docker.io",
    ]);
    let d = l.json(&["admin", "domain", "info", &domain]);
    assert_eq!(d["description"], "updated", "{d}");
    assert_eq!(d["is_active"], false, "{d}");
    assert_eq!(
        d["allowed_docker_registries"],
        serde_json::json!(["cr.backend.ai", "index.docker.io"]),
        "{d}"
    );
    l.ok(&[
        "-q",
        "admin",
        "domain",
        "update",
        &domain,
        "--is-active",
        "true",
    ]);

    l.ok(&["-q", "admin", "group", "add", &domain, &group]);
    let found = l.json(&["admin", "group", "info", &group]);
    let gid = found["items"][0]["id"]
        .as_str()
        .expect("group id")
        .to_owned();
    cleanup.then(&["admin", "group", "purge", &gid]);
    cleanup.then(&["admin", "group", "delete", &gid]);
    let renamed = format!("{group}-2");
    l.ok(&[
        "-q", "admin", "groups", "update", &gid, "-n", &renamed, "-d", "g2",
    ]);
    l.ok(&[
        "-q",
        "admin",
        "group",
        "update",
        &gid,
        "--is-active",
        "false",
    ]);
    let g = l.json(&["admin", "group", "info", &gid]);
    assert_eq!(g["name"], renamed.as_str(), "{g}");
    assert_eq!(g["description"], "g2", "{g}");
    // `false` means false (the Python CLI's `bool("false")` makes it true).
    assert_eq!(g["is_active"], false, "{g}");

    // Membership: a user of the new domain joins and leaves the group.
    remove_user_later(&mut cleanup, &email);
    l.ok(&["-q", "admin", "user", "add", &domain, &email, "Pa55-w0rd!x"]);
    let uuid = l.json(&["admin", "user", "info", "-e", &email])["uuid"]
        .as_str()
        .expect("uuid")
        .to_owned();
    let member_of = |l: &Live| -> Vec<String> {
        let u = l.json(&["admin", "user", "info", "-e", &email]);
        u["groups"]
            .as_array()
            .map(|gs| {
                gs.iter()
                    .filter_map(|g| g["id"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    l.ok(&["-q", "admin", "group", "add-users", &gid, &uuid]);
    assert!(member_of(&l).contains(&gid), "not added");
    l.ok(&["-q", "admin", "groups", "remove-users", &gid, &uuid]);
    assert!(!member_of(&l).contains(&gid), "not removed");
}

#[test]
fn keypair_update_changes_what_is_given() {
    let Some(l) = Live::from_env() else { return };
    let email = format!("bai-live-kp-{}@example.com", suffix());
    let mut cleanup = Cleanup::new(&l);
    remove_user_later(&mut cleanup, &email);
    l.ok(&[
        "-q",
        "admin",
        "user",
        "add",
        "default",
        &email,
        "Pa55-w0rd!x",
    ]);
    let created = l.json(&["admin", "keypair", "add", &email, "default"]);
    let ak = created["result"]["keypair"]["access_key"]
        .as_str()
        .unwrap_or_else(|| panic!("access key in {created}"))
        .to_owned();
    cleanup.then(&["admin", "keypair", "delete", &ak]);

    // `keypair list` selects neither rate_limit nor resource_policy (the SDK live test reads
    // those back); the flags show here.
    l.ok(&[
        "-q",
        "admin",
        "keypair",
        "update",
        &ak,
        "-r",
        "1234",
        "--is-admin",
        "true",
    ]);
    let mine = keypair_of(&l, &email, &ak);
    assert_eq!(mine["is_admin"], true, "{mine}");
    assert_eq!(mine["is_active"], true, "{mine}");
    let args = ["--is-admin", "false", "--is-active", "false"];
    l.ok(&[&["-q", "admin", "keypairs", "update", &ak][..], &args[..]].concat());
    let mine = keypair_of(&l, &email, &ak);
    assert_eq!(mine["is_admin"], false, "{mine}");
    assert_eq!(mine["is_active"], false, "{mine}");
}

/// The keypair `ak` of the user `email`, as `admin keypair list -u` shows it.
fn keypair_of(l: &Live, email: &str, ak: &str) -> Value {
    let listed = l.json(&["admin", "keypair", "list", "-u", email]);
    listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|k| k["access_key"] == ak)
        .unwrap_or_else(|| panic!("{ak} not in {listed}"))
        .clone()
}

#[test]
fn keypair_resource_policy_add_update_read_back_and_delete() {
    let Some(l) = Live::from_env() else { return };
    let name = format!("bai-live-pol-{}", suffix());
    let mut cleanup = Cleanup::new(&l);
    cleanup.then(&["admin", "keypair-resource-policy", "delete", &name]);

    // The Python CLI's `add` fails on a 23.09.10 manager (no max_vfolder_count); ours works.
    l.ok(&["-q", "admin", "keypair-resource-policy", "add", &name]);
    let added = l.json(&["admin", "keypair-resource-policy", "info", &name]);
    assert_eq!(added["max_concurrent_sessions"], 30, "{added}");
    assert_eq!(added["idle_timeout"], 1800, "{added}");
    let hosts: Value =
        serde_json::from_str(added["allowed_vfolder_hosts"].as_str().expect("hosts")).unwrap();
    assert_eq!(
        hosts["local:volume1"].as_array().map(Vec::len),
        Some(8),
        "{hosts}"
    );

    l.ok(&[
        "-q",
        "admin",
        "keypair-resource-policies",
        "update",
        &name,
        "--idle-timeout",
        "77",
        "--max-concurrent-sessions",
        "3",
        "--total-resource-slots",
        r#"{"cpu": "2"}"#,
    ]);
    let updated = l.json(&["admin", "keypair-resource-policy", "info", &name]);
    assert_eq!(updated["idle_timeout"], 77, "{updated}");
    assert_eq!(updated["max_concurrent_sessions"], 3, "{updated}");
    assert!(
        updated["total_resource_slots"].to_string().contains("cpu"),
        "{updated}"
    );

    l.ok(&["-q", "admin", "keypair-resource-policy", "delete", &name]);
    let gone = l.bai(&["admin", "keypair-resource-policy", "info", &name]);
    assert_eq!(gone.code, 1, "{}", gone.stdout);
}

#[test]
fn scaling_group_add_update_associate_and_delete() {
    let Some(l) = Live::from_env() else { return };
    let name = format!("bai-live-sg-{}", suffix());
    let mut cleanup = Cleanup::new(&l);
    cleanup.then(&["admin", "scaling-group", "delete", &name]);

    // 19.09 name and spelling of the options.
    l.ok(&[
        "-q",
        "admin",
        "scaling-groups",
        "add",
        &name,
        "-d",
        "live",
        "--driver_opts",
        "{}",
    ]);
    let added = l.json(&["admin", "scaling-group", "info", &name]);
    assert_eq!(added["driver"], "static", "{added}");
    assert_eq!(added["scheduler"], "fifo", "{added}");
    assert_eq!(added["is_public"], true, "{added}");

    l.ok(&[
        "-q",
        "admin",
        "scaling-group",
        "update",
        &name,
        "--private",
        "true",
        "--active",
        "false",
        "--scheduler-opts",
        r#"{"allowed_session_types": ["batch"]}"#,
    ]);
    let updated = l.json(&["admin", "scaling-group", "info", &name]);
    assert_eq!(updated["is_public"], false, "{updated}");
    assert_eq!(updated["is_active"], false, "{updated}");
    assert!(
        updated["scheduler_opts"].to_string().contains("batch"),
        "{updated}"
    );

    // Associate with a domain of this test's own (never `default`: sessions of other tests
    // there could be scheduled into this agent-less group). The manager's unique key makes a
    // second association fail, and a dissociation of nothing fail: that is the read-back.
    let domain = format!("bai-live-sgdom-{}", suffix());
    cleanup.then(&["admin", "domain", "purge", &domain]);
    cleanup.then(&["admin", "domain", "delete", &domain]);
    cleanup.then(&[
        "admin",
        "scaling-group",
        "dissociate-scaling-group",
        &name,
        &domain,
    ]);
    l.ok(&["-q", "admin", "domain", "add", &domain]);
    let assoc = [
        "-q",
        "admin",
        "scaling-group",
        "associate-scaling-group",
        &name,
        &domain,
    ];
    let dissoc = [
        "-q",
        "admin",
        "scaling-groups",
        "dissociate-scaling-group",
        &name,
        &domain,
    ];
    l.ok(&assoc);
    let again = l.bai(&assoc);
    assert_ne!(again.code, 0, "associated twice: {}", again.stdout);
    l.ok(&dissoc);
    let again = l.bai(&dissoc);
    assert_ne!(again.code, 0, "dissociated twice: {}", again.stdout);

    l.ok(&["-q", "admin", "scaling-group", "delete", &name]);
    let gone = l.bai(&["admin", "scaling-group", "info", &name]);
    assert_eq!(gone.code, 1, "{}", gone.stdout);
}

#[test]
fn image_rescan_of_an_unknown_registry_is_one_line_error() {
    let Some(l) = Live::from_env() else { return };
    // The stack has no registry access; an unknown registry fails its background task at once.
    let out = l.bai(&[
        "-q",
        "admin",
        "image",
        "rescan",
        "-r",
        "no-such-registry.example",
    ]);
    assert_one_line_error(&out, "image rescan");
    assert!(out.stderr.contains("unknown registry"), "{}", out.stderr);
}
