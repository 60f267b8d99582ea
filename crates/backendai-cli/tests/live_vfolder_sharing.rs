//! Live `bai vfolder` sharing and `bai admin vfolder` commands against the real 23.09 stack:
//! a unique second user (`admin user add`, in the `default` project) gets a project folder
//! shared and a user folder by invitation; list-own/invited/project, update-options,
//! request-download, leave (also `-s` as superadmin), the shared-folder permission commands and
//! change-vfolder-ownership; hosts, mounts, fstab, perf-metric, mount-host and umount-host as
//! the real manager answers them. Every folder and the user are removed at the end (a guard),
//! also when an assertion fails. Skipped when `BACKEND_ENDPOINT` is unset.

mod common;

use common::{suffix, Live, Out, Sandbox};
use serde_json::Value;

const HOST: &str = "local:volume1";

/// Asserts a failure: exit `code` and exactly one stderr line, `error: <message>`.
fn assert_error(out: &Out, code: i32, message: &str) {
    assert_eq!(
        out.code, code,
        "stdout {} stderr {}",
        out.stdout, out.stderr
    );
    assert_eq!(out.stderr, format!("error: {message}\n"));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

fn names(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["name"].as_str().map(str::to_owned))
        .collect()
}

/// Removes what the test created, in its `Drop` (so also after a failed assertion).
struct Cleanup<'a> {
    admin: &'a Live,
    guest: Option<Live>,
    folders: Vec<String>,
    email: String,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        for f in &self.folders {
            if let Some(g) = &self.guest {
                let _ = g.bai(&["-q", "vfolder", "delete", f]);
            }
            let _ = self.admin.bai(&["-q", "vfolder", "delete", f]);
        }
        let _ = self
            .admin
            .bai(&["-q", "admin", "user", "delete", &self.email]);
        let _ = self
            .admin
            .bai(&["-q", "admin", "user", "purge", &self.email]);
    }
}

/// Adds the user to the default project and returns (uuid, a `bai` acting as the user).
fn guest(l: &Live, email: &str) -> (String, Live) {
    l.ok(&[
        "-q",
        "admin",
        "user",
        "add",
        "default",
        email,
        "Pa55-w0rd!x",
    ]);
    let users = l.json(&["admin", "user", "list"]);
    let uuid = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .and_then(|u| u["uuid"].as_str())
        .expect("listed")
        .to_owned();
    let groups = l.json(&["admin", "group", "list"]);
    let gid = groups["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "default")
        .and_then(|g| g["id"].as_str())
        .expect("default project")
        .to_owned();
    l.ok(&["-q", "admin", "group", "add-users", &gid, &uuid]);
    let kps = l.json(&["admin", "keypair", "list", "--user-id", email]);
    let kp = &kps["items"][0];
    let g = Live {
        sb: Sandbox::new(),
        endpoint: l.endpoint.clone(),
        ak: kp["access_key"].as_str().unwrap().to_owned(),
        sk: kp["secret_key"].as_str().unwrap().to_owned(),
    };
    (uuid, g)
}

fn invite_and_accept(l: &Live, g: &Live, uf: &str, email: &str) {
    l.ok(&["-q", "vfolder", "invite", uf, email]);
    let inv = g.json(&["vfolder", "invitations"]);
    let id = inv["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["vfolder_name"] == uf)
        .and_then(|i| i["id"].as_str())
        .expect("invitation")
        .to_owned();
    g.ok(&["-q", "vfolder", "accept-invitation", &id]);
}

fn shared_perms(l: &Live, vid: &str) -> Vec<String> {
    let v = l.json(&["admin", "vfolder", "shared-vfolder-info", vid]);
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["perm"].as_str().unwrap().to_owned())
        .collect()
}

fn project_folder(l: &Live, g: &Live, pf: &str, email: &str, uuid: &str) {
    let out = l.ok(&["vfolder", "share", pf, email, "-p", "ro"]);
    assert!(
        out.stderr
            .contains(&format!("Shared with ro permission to: {email}")),
        "{}",
        out.stderr
    );
    assert!(names(&g.json(&["vfolder", "list-project"])).contains(&pf.to_owned()));
    let shared = l.json(&["admin", "vfolder", "list-shared-vfolders"]);
    let vid = shared["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["vfolder_name"] == pf)
        .and_then(|s| s["vfolder_id"].as_str())
        .expect("listed as shared")
        .to_owned();
    let table = l.ok(&["admin", "vfolder", "shared-vfolder-info", &vid]);
    assert!(table.stdout.contains(email), "{}", table.stdout);
    assert_eq!(shared_perms(l, &vid), ["ro"]);

    let up = l.json(&[
        "admin",
        "vfolder",
        "update-shared-vf-permission",
        &vid,
        uuid,
        "-p",
        "wd",
    ]);
    assert_eq!(up["result"]["msg"], "shared vfolder permission updated");
    assert_eq!(shared_perms(l, &vid), ["wd"]);
    // Without -p the Python CLI removes the permission while printing "Updated."; ours refuses.
    let no_p = l.bai(&[
        "admin",
        "vfolder",
        "update-shared-vf-permission",
        &vid,
        uuid,
    ]);
    assert_eq!(no_p.code, 2, "{}", no_p.stderr);
    assert_eq!(shared_perms(l, &vid), ["wd"], "unchanged");
    l.ok(&[
        "-q",
        "admin",
        "vfolder",
        "remove-shared-vf-permission",
        &vid,
        uuid,
    ]);
    assert!(shared_perms(l, &vid).is_empty());
    let none = l.ok(&["admin", "vfolder", "shared-vfolder-info", &vid]);
    assert!(
        none.stderr.contains("is not shared with anyone"),
        "{}",
        none.stderr
    );

    l.ok(&["-q", "vfolder", "share", pf, email]);
    let un = l.json(&["vfolder", "unshare", pf, email]);
    assert_eq!(un["result"]["unshared_emails"][0], email);
    assert!(shared_perms(l, &vid).is_empty());

    l.ok(&["-q", "vfolder", "share", pf, email]);
    assert_error(
        &g.bai(&["vfolder", "leave", pf]),
        2,
        "400 Bad Request: Missing or invalid API parameters.: Cannot leave a group vfolder.",
    );
}

fn user_folder(l: &Live, g: &Live, uf: &str, email: &str, uuid: &str) {
    invite_and_accept(l, g, uf, email);
    assert!(names(&g.json(&["vfolder", "list-invited"])).contains(&uf.to_owned()));
    let left = g.ok(&["vfolder", "leave", uf]);
    assert!(
        left.stderr.contains("Left the shared virtual folder"),
        "{}",
        left.stderr
    );
    assert!(!names(&g.json(&["vfolder", "list-invited"])).contains(&uf.to_owned()));

    // The Python CLI refuses `leave -s` on a folder the caller owns; the server allows it.
    invite_and_accept(l, g, uf, email);
    l.ok(&["-q", "vfolder", "leave", uf, "-s", uuid]);
    assert!(!names(&g.json(&["vfolder", "list-invited"])).contains(&uf.to_owned()));

    l.ok(&[
        "-q",
        "vfolder",
        "update-options",
        uf,
        "-p",
        "ro",
        "--set-cloneable",
        "yes",
    ]);
    let info = l.json(&["vfolder", "info", uf]);
    assert_eq!(info["permission"], "ro");
    assert_eq!(info["cloneable"], true);
    let bad = l.bai(&["vfolder", "update-options", uf, "--set-cloneable", "maybe"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);

    // The Python CLI's request-download fails (AttributeError); ours prints the token.
    let tok = l.ok(&["vfolder", "request-download", uf, "later.bin"]);
    assert!(
        tok.stdout.starts_with("Download token: ey"),
        "{}",
        tok.stdout
    );
    let tok = l.json(&["vfolder", "request-download", uf, "later.bin"]);
    assert!(tok["url"].as_str().unwrap().ends_with("/download"), "{tok}");

    assert!(names(&l.json(&["vfolder", "list-own", "--limit", "100"])).contains(&uf.to_owned()));
    let id = info["id"].as_str().unwrap();
    let out = l.ok(&["admin", "vfolder", "change-vfolder-ownership", id, email]);
    assert!(
        out.stderr.contains(&format!(
            "Now ownership of VFolder:{id} goes to User:{email}"
        )),
        "{}",
        out.stderr
    );
    assert!(names(&g.json(&["vfolder", "list-own"])).contains(&uf.to_owned()));
}

#[test]
fn sharing_and_shared_folder_permissions() {
    let Some(l) = Live::from_env() else { return };
    let s = suffix();
    let email = format!("rs-cli-share-{s}@example.com");
    let (pf, uf) = (format!("rs-cli-pf-{s}"), format!("rs-cli-uf-{s}"));
    let mut c = Cleanup {
        admin: &l,
        guest: None,
        folders: vec![pf.clone(), uf.clone()],
        email: email.clone(),
    };
    let (uuid, g) = guest(&l, &email);
    let g = c.guest.insert(g);
    l.ok(&["-q", "vfolder", "create", &pf, HOST, "-g", "default"]);
    l.ok(&["-q", "vfolder", "create", &uf, HOST]);
    project_folder(&l, g, &pf, &email, &uuid);
    user_folder(&l, g, &uf, &email, &uuid);
    // An empty page prints a message (the Python CLI crashes with NoItems).
    let none = l.ok(&[
        "vfolder",
        "list-own",
        "--filter",
        &format!("name == \"{pf}-none\""),
    ]);
    assert!(
        none.stderr
            .contains("There are no matching virtual folders."),
        "{}",
        none.stderr
    );
    drop(c);
    let all = l.json(&["admin", "vfolder", "list", "--limit", "100"]);
    assert!(!names(&all).contains(&pf) && !names(&all).contains(&uf));
    let users = l.json(&["admin", "user", "list"]);
    assert!(!users.to_string().contains(&email), "user purged");
}

#[test]
fn admin_vfolder_hosts_mounts_fstab_and_perf_metric() {
    let Some(l) = Live::from_env() else { return };
    let hosts = l.ok(&["admin", "vfolder", "list-hosts"]);
    assert!(
        hosts
            .stdout
            .starts_with(&format!("Default vfolder host: {HOST}\nMounted hosts: ")),
        "{}",
        hosts.stdout
    );
    let mounts = l.json(&["admin", "vfolder", "list-mounts"]);
    assert_eq!(mounts["storage-proxy"]["mounts"][0][0], HOST);
    let table = l.ok(&["admin", "vfolders", "list-mounts"]);
    assert!(table.stdout.contains("storage-proxy"), "{}", table.stdout);

    let fstab = l.ok(&["admin", "vfolder", "get-fstab-contents"]);
    assert_eq!(
        fstab.stdout,
        "# Since Backend.AI 20.09, reading the manager fstab is no longer supported.\n"
    );
    assert_eq!(
        l.json(&["admin", "vfolder", "get-fstab-contents"])["node"],
        "manager"
    );

    // The stack's vfs volume has no performance figures (Python: a 400 with a nested reason).
    assert_error(
        &l.bai(&["admin", "vfolder", "perf-metric", HOST]),
        1,
        &format!(
            "Unsupported operation by the storage backend: performance metrics of {HOST} \
             (the storage proxy answered 400)"
        ),
    );

    // No agent runs a watcher here: the manager answers for itself only; its unmount fails
    // in the 23.09.10 handler (a nested transaction) with a bare 500.
    let name = format!("rs-cli-mnt-{}", suffix());
    let m = l.json(&["admin", "vfolder", "mount-host", "/nonexistent-fs", &name]);
    assert_eq!(
        m["manager"]["message"],
        "Managers do not have mountpoints since v20.09."
    );
    assert_eq!(m["agents"], serde_json::json!({}));
    assert_error(
        &l.bai(&["admin", "vfolder", "umount-host", &name]),
        1,
        "500 Internal Server Error: Internal server error.",
    );

    // 19.09 name and default subcommand, and the 23.09 list with a group.
    let all = l.json(&["admin", "vfolders"]);
    assert!(all["total_count"].is_u64(), "{all}");
    let bad = l.bai(&["admin", "vfolder", "list", "--limit", "0"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    // A filter the server cannot parse: its GraphQL error, one line, exit 2.
    assert_error(
        &l.bai(&["vfolder", "list-own", "--filter", "nosuchcol == \"x\""]),
        2,
        "GraphQL error: Query filter parsing error: Error trying to process rule \
         \"binary_expr\": ('Unknown/unsupported field name', 'nosuchcol')",
    );
}
