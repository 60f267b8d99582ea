//! Password updates and the webserver login/logout requests (`Auth`).
//!
//! Cookie ("session") mode itself — storing the `AIOHTTP_SESSION` cookie and sending it —
//! belongs to the transport; this module only builds and sends the requests.

use serde_json::{json, Value};

use super::{group_handle, rest_json, send_methods};
use crate::request::ApiRequest;

/// `POST /server/login {"username", "password"[, "otp"]}` (unsigned).
pub fn login_request(username: &str, password: &str, otp: Option<&str>) -> ApiRequest {
    let mut body = json!({"username": username, "password": password});
    if let Some(otp) = otp.filter(|o| !o.is_empty()) {
        body["otp"] = Value::from(otp);
    }
    ApiRequest::post("/server/login").json(body).anonymous()
}

/// `POST /server/logout` (no body).
pub fn logout_request() -> ApiRequest {
    ApiRequest::post("/server/logout")
}

/// `POST /auth/update-password {"old_password", "new_password", "new_password2"}`.
pub fn update_password_request(old: &str, new: &str, new2: &str) -> ApiRequest {
    ApiRequest::post("/auth/update-password").json(json!({
        "old_password": old,
        "new_password": new,
        "new_password2": new2,
    }))
}

/// `POST /auth/update-password-no-auth` (unsigned; for expired passwords, to the manager).
pub fn update_password_no_auth_request(
    domain: &str,
    username: &str,
    current_password: &str,
    new_password: &str,
) -> ApiRequest {
    ApiRequest::post("/auth/update-password-no-auth")
        .json(json!({
            "domain": domain,
            "username": username,
            "current_password": current_password,
            "new_password": new_password,
        }))
        .anonymous()
}

/// `POST /server/update-password-no-auth` (unsigned; for expired passwords, to the webserver).
pub fn update_password_no_auth_in_session_request(
    username: &str,
    current_password: &str,
    new_password: &str,
) -> ApiRequest {
    ApiRequest::post("/server/update-password-no-auth")
        .json(json!({
            "username": username,
            "current_password": current_password,
            "new_password": new_password,
        }))
        .anonymous()
}

group_handle!(
    /// Password management (`Auth`).
    Auth,
    auth
);

impl Auth<'_> {
    send_methods! {
        /// Changes the caller's password.
        fn update_password(old: &str, new: &str, new2: &str) -> Value
            = rest_json(update_password_request(old, new, new2));

        /// Changes an expired password without credentials (manager endpoint).
        fn update_password_no_auth(domain: &str, username: &str, current_password: &str, new_password: &str) -> Value
            = rest_json(update_password_no_auth_request(domain, username, current_password, new_password));

        /// Changes an expired password without credentials (webserver endpoint).
        fn update_password_no_auth_in_session(username: &str, current_password: &str, new_password: &str) -> Value
            = rest_json(update_password_no_auth_in_session_request(username, current_password, new_password));
    }
}
