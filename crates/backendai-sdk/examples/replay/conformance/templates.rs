//! `SessionTemplate` → `groups::session_template`, `Dotfile` → `groups::dotfile`.

use backendai_sdk::groups::dotfile::{self, DotfileScope};
use backendai_sdk::groups::session_template::{self, TemplateFormat};

use super::table::{one, Built, Call, Refusal};

/// The template every `SessionTemplate` instance method of the trace was called on.
pub const TEMPLATE_ID: &str = "11111111-2222-3333-4444-555555555555";
/// The path every `Dotfile` instance method of the trace was called on.
pub const DOTFILE_PATH: &str = "subdir";

/// Maps one `SessionTemplate` call (the trace ran with the configuration's domain and group).
pub fn session_template(call: &Call<'_>) -> Built {
    let (domain, group) = (&call.config.domain, &call.config.group);
    one(match call.method {
        "create" => session_template::create_request(&call.s(0)?, domain, group, None),
        "list_templates" => session_template::list_request(false),
        "get" => session_template::get_request(TEMPLATE_ID, TemplateFormat::default(), None),
        "put" => session_template::update_request(TEMPLATE_ID, &call.s(0)?, None),
        "delete" => session_template::delete_request(TEMPLATE_ID, None),
        _ => return Err(Refusal::NoMethod),
    })
}

/// Maps one `Dotfile` call (user scope, no owner).
pub fn dotfile(call: &Call<'_>) -> Built {
    let user = DotfileScope::default();
    one(match call.method {
        "create" => dotfile::create_request(&user, &call.s(1)?, &call.s(0)?, &call.s(2)?),
        "list_dotfiles" => dotfile::list_request(&user),
        "get" => dotfile::get_request(&user, DOTFILE_PATH),
        "update" => dotfile::update_request(&user, DOTFILE_PATH, &call.s(0)?, &call.s(1)?),
        "delete" => dotfile::delete_request(&user, DOTFILE_PATH),
        _ => return Err(Refusal::NoMethod),
    })
}
