//! `bai admin user ...` (SDK `groups::admin::user`).

use backendai_sdk::groups::admin::user::UserCreate;
use clap::Subcommand;

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
    Add {
        /// Domain of the user.
        domain_name: String,
        /// E-mail (the login ID).
        email: String,
        /// Password.
        password: String,
        /// User name.
        #[arg(short = 'u', long)]
        username: Option<String>,
        /// Full name.
        #[arg(short = 'n', long)]
        full_name: Option<String>,
        /// Role: superadmin, admin, user or monitor.
        #[arg(short = 'r', long, default_value = "user")]
        role: String,
        /// Create the user inactive.
        #[arg(short = 'i', long)]
        inactive: bool,
        /// Require a password change at first login.
        #[arg(long)]
        need_password_change: bool,
        /// Description.
        #[arg(long, default_value = "")]
        description: String,
    },
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
        UserCommand::Add {
            domain_name,
            email,
            password,
            username,
            full_name,
            role,
            inactive,
            need_password_change,
            description,
        } => {
            let opts = UserCreate {
                role,
                status: if inactive { "inactive" } else { "active" }.into(),
                need_password_change,
                description,
                username,
                full_name,
                ..Default::default()
            };
            mutation_of(
                ctx,
                users.create(&domain_name, &email, &password, &opts),
                &format!("User {email} is created."),
            )
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
