//! Dotfiles (`Dotfile` of the Python client): files written into every new container of a
//! user (keypair), a domain or a group, in that order of priority.
//!
//! | scope | path | identified by |
//! |---|---|---|
//! | user | `/user-config/dotfiles` | the caller's keypair, or `owner_access_key` (admins) |
//! | domain | `/domain-config/dotfiles` | `domain` |
//! | group | `/group-config/dotfiles` | `group` (a UUID, or a name with `domain`) |
//!
//! `POST` creates and `PATCH` replaces (`{data, path, permission, <scope keys>}`); `GET`
//! lists, or with `?path=` answers one dotfile; `DELETE ?path=` removes one. The 23.09
//! manager lists the *caller's* user dotfiles even when an owner is given (only get, create,
//! update and delete act for the owner).

use backendai_core::error::ErrorKind;
use serde_json::{Map, Value};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::ApiRequest;
pub use backendai_core::dto::Dotfile;

/// The Python CLI's mode when `--perm` is not given.
pub const DEFAULT_PERMISSION: &str = "755";

/// Whose dotfiles a call acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DotfileScope {
    /// The caller's keypair, or the keypair of `owner_access_key` (admins).
    User {
        /// Owner access key.
        owner_access_key: Option<String>,
    },
    /// A domain's dotfiles (domain admins and superadmins write them).
    Domain {
        /// Domain name.
        domain: String,
    },
    /// A group's dotfiles.
    Group {
        /// Group UUID, or group name (then `domain` is required by the manager).
        group: String,
        /// Domain of a group given by name.
        domain: Option<String>,
    },
}

impl Default for DotfileScope {
    fn default() -> Self {
        DotfileScope::User {
            owner_access_key: None,
        }
    }
}

impl DotfileScope {
    /// The scope the Python client picks from its three options: a group wins, then a
    /// domain, else the user (with the owner, if any).
    pub fn from_options(owner: Option<&str>, domain: Option<&str>, group: Option<&str>) -> Self {
        let set = |s: Option<&str>| s.filter(|v| !v.is_empty()).map(str::to_owned);
        match (set(group), set(domain)) {
            (Some(group), domain) => DotfileScope::Group { group, domain },
            (None, Some(domain)) => DotfileScope::Domain { domain },
            (None, None) => DotfileScope::User {
                owner_access_key: set(owner),
            },
        }
    }

    fn path(&self) -> &'static str {
        match self {
            DotfileScope::User { .. } => "/user-config/dotfiles",
            DotfileScope::Domain { .. } => "/domain-config/dotfiles",
            DotfileScope::Group { .. } => "/group-config/dotfiles",
        }
    }

    /// The scope's keys in the Python client's order (`group` before `domain`).
    fn keys(&self) -> Vec<(&'static str, &str)> {
        match self {
            DotfileScope::User { owner_access_key } => owner_access_key
                .iter()
                .map(|o| ("owner_access_key", o.as_str()))
                .collect(),
            DotfileScope::Domain { domain } => vec![("domain", domain)],
            DotfileScope::Group { group, domain } => {
                let mut keys = vec![("group", group.as_str())];
                keys.extend(domain.iter().map(|d| ("domain", d.as_str())));
                keys
            }
        }
    }

    fn query(&self, mut req: ApiRequest) -> ApiRequest {
        for (k, v) in self.keys() {
            req = req.query(k, v);
        }
        req
    }

    fn body(&self, data: &str, path: &str, permission: &str) -> Value {
        let mut body = Map::new();
        body.insert("data".into(), data.into());
        body.insert("path".into(), path.into());
        body.insert("permission".into(), permission.into());
        for (k, v) in self.keys() {
            body.insert(k.into(), v.into());
        }
        Value::Object(body)
    }
}

/// Checks a mode the manager accepts: three octal digits (`644`).
pub fn check_permission(permission: &str) -> Result<()> {
    let octal = permission.len() == 3 && permission.bytes().all(|b| (b'0'..=b'7').contains(&b));
    if octal {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::InvalidArgument,
        format!("invalid dotfile permission {permission:?}: expected three octal digits like 755"),
    ))
}

/// `POST <scope>/dotfiles {data, path, permission, <scope keys>}`.
pub fn create_request(
    scope: &DotfileScope,
    path: &str,
    data: &str,
    permission: &str,
) -> ApiRequest {
    ApiRequest::post(scope.path()).json(scope.body(data, path, permission))
}

/// `GET <scope>/dotfiles[?<scope keys>]`.
pub fn list_request(scope: &DotfileScope) -> ApiRequest {
    scope.query(ApiRequest::get(scope.path()))
}

/// `GET <scope>/dotfiles?path=..[&<scope keys>]`.
pub fn get_request(scope: &DotfileScope, path: &str) -> ApiRequest {
    scope.query(ApiRequest::get(scope.path()).query("path", path))
}

/// `PATCH <scope>/dotfiles {data, path, permission, <scope keys>}`.
pub fn update_request(
    scope: &DotfileScope,
    path: &str,
    data: &str,
    permission: &str,
) -> ApiRequest {
    ApiRequest::patch(scope.path())
        .json(scope.body(data, path, permission))
        .idempotent(true)
}

/// `DELETE <scope>/dotfiles?path=..[&<scope keys>]`.
pub fn delete_request(scope: &DotfileScope, path: &str) -> ApiRequest {
    scope.query(ApiRequest::delete(scope.path()).query("path", path))
}

impl Client {
    /// The dotfile API group.
    pub fn dotfiles(&self) -> Dotfiles<'_> {
        Dotfiles { client: self }
    }
}

/// The dotfile API group (`Dotfile`).
#[derive(Debug, Clone, Copy)]
pub struct Dotfiles<'a> {
    client: &'a Client,
}

impl Dotfiles<'_> {
    /// Creates the dotfile `path` with `data` and mode `permission` (three octal digits).
    pub async fn create(
        &self,
        scope: &DotfileScope,
        path: &str,
        data: &str,
        permission: &str,
    ) -> Result<()> {
        check_permission(permission)?;
        let req = create_request(scope, path, data, permission);
        self.client.send(req).await.map(|_| ())
    }

    /// The dotfiles of `scope`.
    pub async fn list(&self, scope: &DotfileScope) -> Result<Vec<Dotfile>> {
        self.client.json(list_request(scope)).await
    }

    /// One dotfile.
    pub async fn get(&self, scope: &DotfileScope, path: &str) -> Result<Dotfile> {
        self.client.json(get_request(scope, path)).await
    }

    /// Replaces the text and mode of the dotfile `path`.
    pub async fn update(
        &self,
        scope: &DotfileScope,
        path: &str,
        data: &str,
        permission: &str,
    ) -> Result<()> {
        check_permission(permission)?;
        let req = update_request(scope, path, data, permission);
        self.client.send(req).await.map(|_| ())
    }

    /// Deletes the dotfile `path`.
    pub async fn delete(&self, scope: &DotfileScope, path: &str) -> Result<()> {
        self.client
            .send(delete_request(scope, path))
            .await
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Body;
    use serde_json::json;

    fn pairs(req: &ApiRequest) -> Vec<(&str, &str)> {
        req.query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn scope_choice_follows_the_python_client() {
        assert_eq!(
            DotfileScope::from_options(Some("AK"), Some("d"), Some("g")),
            DotfileScope::Group {
                group: "g".into(),
                domain: Some("d".into())
            }
        );
        assert_eq!(
            DotfileScope::from_options(Some("AK"), Some("d"), None),
            DotfileScope::Domain { domain: "d".into() }
        );
        assert_eq!(
            DotfileScope::from_options(Some("AK"), None, None),
            DotfileScope::User {
                owner_access_key: Some("AK".into())
            }
        );
    }

    #[test]
    fn group_keys_follow_the_fields_in_body_and_query() {
        let scope = DotfileScope::from_options(None, Some("d"), Some("g"));
        let req = create_request(&scope, ".bashrc", "x", "644");
        assert_eq!(req.path, "/group-config/dotfiles");
        let Body::Json(body) = &req.body else {
            panic!("JSON body expected")
        };
        let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["data", "path", "permission", "group", "domain"]);
        let del = delete_request(&scope, ".bashrc");
        assert_eq!(
            pairs(&del),
            [("path", ".bashrc"), ("group", "g"), ("domain", "d")]
        );
    }

    #[test]
    fn user_owner_is_sent_under_its_real_name() {
        // The Python client lists with the misspelt `onwer_access_key`; we send the key the
        // manager reads.
        let scope = DotfileScope::from_options(Some("AK"), None, None);
        assert_eq!(pairs(&list_request(&scope)), [("owner_access_key", "AK")]);
        let Body::Json(body) = update_request(&scope, "p", "x", "600").body else {
            panic!("JSON body expected")
        };
        assert_eq!(body["owner_access_key"], json!("AK"));
    }

    #[test]
    fn permissions_are_three_octal_digits() {
        assert!(check_permission("755").is_ok());
        assert!(check_permission("0755").is_err());
        assert!(check_permission("789").is_err());
        assert!(check_permission("rw").is_err());
    }
}
