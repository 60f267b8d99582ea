//! `bai admin user ...` (SDK `groups::admin::user`).

use backendai_sdk::groups::admin::user::{UserCreate, UserUpdate};
use clap::{Args, Subcommand};

use super::opts::bool_expr;
use crate::commands::show::{item_of, list_of, mutation_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin user list`.
pub const USER_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("uuid"),
    FieldSpec::new("email"),
    FieldSpec::new("username"),
    FieldSpec::new("role"),
    FieldSpec::new("status"),
    FieldSpec::new("domain_name"),
];

/// `admin user`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// List users.
    List {
        /// Filter by status (active, inactive, deleted, before-verification).
        #[arg(short = 's', long)]
        status: Option<String>,
        /// Filter by group ID.
        #[arg(short = 'g', long)]
        group: Option<String>,
    },
    /// Show a user (the current user when no e-mail is given).
    Info {
        /// E-mail of the user.
        #[arg(short = 'e', long)]
        email: Option<String>,
    },
    /// Add a user.
    Add(AddArgs),
    /// Update a user: only the options given are changed.
    Update(UpdateArgs),
    /// Inactivate a user.
    Delete {
        /// E-mail of the user.
        email: String,
    },
    /// Delete a user permanently.
    Purge {
        /// E-mail of the user.
        email: String,
        /// Also delete the vfolders the user shared.
        #[arg(long)]
        purge_shared_vfolders: bool,
    },
}

/// Runs `admin user ...`.
pub fn run(ctx: &Context, cmd: UserCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let users = client.users();
    match cmd {
        UserCommand::List { status, group } => list_of(
            ctx,
            users.list(status.as_deref(), group.as_deref()),
            USER_FIELDS,
        ),
        UserCommand::Info { email } => item_of(ctx, users.detail(email.as_deref()), "user"),
        UserCommand::Add(a) => {
            let msg = format!("User {} is created.", a.email);
            mutation_of(
                ctx,
                users.create(&a.domain_name, &a.email, &a.password, &a.options()),
                &msg,
            )
        }
        UserCommand::Update(a) => {
            let msg = format!("User {} is updated.", a.email);
            mutation_of(ctx, users.update(&a.email, &a.changes()), &msg)
        }
        UserCommand::Delete { email } => mutation_of(
            ctx,
            users.delete(&email),
            &format!("User {email} is inactivated."),
        ),
        UserCommand::Purge {
            email,
            purge_shared_vfolders,
        } => mutation_of(
            ctx,
            users.purge(&email, purge_shared_vfolders),
            &format!("User {email} is deleted."),
        ),
    }
}

/// `admin user add DOMAIN_NAME EMAIL PASSWORD`, with the Python CLI's defaults.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Domain of the user.
    pub domain_name: String,
    /// E-mail (the login ID).
    pub email: String,
    /// Password.
    pub password: String,
    /// User name (empty: the manager uses the e-mail, as with the Python CLI).
    #[arg(short = 'u', long, default_value = "")]
    pub username: String,
    /// Full name.
    #[arg(short = 'n', long, default_value = "")]
    pub full_name: String,
    /// Role: superadmin, admin, user or monitor.
    #[arg(short = 'r', long, default_value = "user")]
    pub role: String,
    /// Account status: active, inactive, deleted or before-verification.
    #[arg(short = 's', long, default_value = "active")]
    pub status: String,
    /// Create the user inactive (19.09 name of `--status inactive`).
    #[arg(short = 'i', long, conflicts_with = "status")]
    pub inactive: bool,
    /// Require a password change at first login.
    #[arg(long)]
    pub need_password_change: bool,
    /// Allowed client IPs, comma-separated (CIDR recommended).
    #[arg(long, value_delimiter = ',')]
    pub allowed_ip: Option<Vec<String>>,
    /// Description.
    #[arg(long, default_value = "")]
    pub description: String,
    /// Passwordless sudo inside compute sessions.
    #[arg(long)]
    pub sudo_session_enabled: bool,
}

impl AddArgs {
    /// The create options. The user and full names are always sent (empty by default) like the
    /// Python CLI does: a 23.09 manager requires `username` and fills an empty one with the
    /// e-mail.
    pub fn options(&self) -> UserCreate {
        let status = if self.inactive {
            "inactive"
        } else {
            &self.status
        };
        UserCreate {
            role: self.role.clone(),
            status: status.to_owned(),
            need_password_change: self.need_password_change,
            description: self.description.clone(),
            sudo_session_enabled: self.sudo_session_enabled,
            username: Some(self.username.clone()),
            full_name: Some(self.full_name.clone()),
            allowed_client_ip: self.allowed_ip.clone(),
            ..Default::default()
        }
    }
}

/// `admin user update EMAIL [OPTIONS]`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// E-mail of the user.
    pub email: String,
    /// New password.
    #[arg(short = 'p', long)]
    pub password: Option<String>,
    /// User name.
    #[arg(short = 'u', long)]
    pub username: Option<String>,
    /// Full name.
    #[arg(short = 'n', long)]
    pub full_name: Option<String>,
    /// Move the user to this domain.
    #[arg(short = 'd', long)]
    pub domain_name: Option<String>,
    /// Role: superadmin, admin, user or monitor.
    #[arg(short = 'r', long)]
    pub role: Option<String>,
    /// Account status: active, inactive, deleted or before-verification.
    #[arg(short = 's', long)]
    pub status: Option<String>,
    /// Make the user active or inactive (19.09 name of `--status`).
    #[arg(long, value_name = "BOOL", value_parser = bool_expr, conflicts_with = "status")]
    pub is_active: Option<bool>,
    /// Require a password change at next login (true/false; alone, as in 19.09: true).
    #[arg(
        long,
        value_name = "BOOL",
        value_parser = bool_expr,
        num_args = 0..=1,
        default_missing_value = "true"
    )]
    pub need_password_change: Option<bool>,
    /// Allowed client IPs, comma-separated (CIDR recommended).
    #[arg(long, value_delimiter = ',')]
    pub allowed_ip: Option<Vec<String>>,
    /// Description (left as it is when not given; the Python CLI clears it).
    #[arg(long)]
    pub description: Option<String>,
    /// Passwordless sudo inside compute sessions (true/false).
    #[arg(long, value_name = "BOOL", value_parser = bool_expr)]
    pub sudo_session_enabled: Option<bool>,
    /// The main access key (the one used by default).
    #[arg(long)]
    pub main_access_key: Option<String>,
}

impl UpdateArgs {
    /// The fields to change: only those given.
    pub fn changes(&self) -> UserUpdate {
        let status_of_is_active = self
            .is_active
            .map(|active| if active { "active" } else { "inactive" }.to_owned());
        UserUpdate {
            password: self.password.clone(),
            username: self.username.clone(),
            full_name: self.full_name.clone(),
            domain_name: self.domain_name.clone(),
            role: self.role.clone(),
            status: self.status.clone().or(status_of_is_active),
            need_password_change: self.need_password_change,
            description: self.description.clone(),
            allowed_client_ip: self.allowed_ip.clone(),
            sudo_session_enabled: self.sudo_session_enabled,
            main_access_key: self.main_access_key.clone(),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_sdk::groups::admin::user::{create_query, update_query, DEFAULT_CREATE_FIELDS};
    use clap::Parser;

    #[derive(Parser)]
    struct UserCli {
        #[command(subcommand)]
        cmd: UserCommand,
    }

    fn parse(args: &[&str]) -> UserCommand {
        let argv = std::iter::once("user").chain(args.iter().copied());
        UserCli::try_parse_from(argv).unwrap().cmd
    }

    /// Issue 15: `bai admin user add default new@example.com PW` failed with "Field
    /// 'username' ... was not provided". Like the Python CLI, the user and full names are
    /// sent empty, and the manager takes the e-mail as the user name.
    #[test]
    fn admin_user_add_without_username_uses_the_email_as_user_name() {
        let UserCommand::Add(a) = parse(&["add", "default", "new@example.com", "PW"]) else {
            panic!("not add");
        };
        let q = create_query(
            "default",
            "new@example.com",
            "PW",
            &a.options(),
            DEFAULT_CREATE_FIELDS,
        );
        assert_eq!(
            serde_json::to_string(&q.variables["input"]).unwrap(),
            r#"{"password":"PW","role":"user","status":"active","need_password_change":false,"description":"","domain_name":"default","totp_activated":false,"sudo_session_enabled":false,"username":"","full_name":""}"#
        );
    }

    #[test]
    fn add_takes_the_23_09_and_19_09_status_options() {
        let UserCommand::Add(a) = parse(&["add", "d", "e@x", "p", "-s", "before-verification"])
        else {
            panic!("not add");
        };
        assert_eq!(a.options().status, "before-verification");
        let UserCommand::Add(a) = parse(&["add", "d", "e@x", "p", "-i", "--allowed-ip", "a,b"])
        else {
            panic!("not add");
        };
        assert_eq!(a.options().status, "inactive");
        assert_eq!(
            a.options().allowed_client_ip,
            Some(vec!["a".into(), "b".into()])
        );
    }

    #[test]
    fn update_sends_only_what_is_given() {
        let UserCommand::Update(a) = parse(&["update", "e@x", "--is-active", "no", "-n", "N"])
        else {
            panic!("not update");
        };
        let q = update_query("e@x", &a.changes());
        assert_eq!(
            serde_json::to_string(&q.variables["input"]).unwrap(),
            r#"{"full_name":"N","status":"inactive"}"#
        );
        // 19.09 wrote `--need-password-change` alone, as a flag.
        let UserCommand::Update(a) = parse(&["update", "e@x", "--need-password-change"]) else {
            panic!("not update");
        };
        assert_eq!(a.changes().need_password_change, Some(true));
        let UserCommand::Update(a) = parse(&["update", "e@x"]) else {
            panic!("not update");
        };
        assert_eq!(
            update_query("e@x", &a.changes()).variables["input"],
            serde_json::json!({})
        );
    }
}
