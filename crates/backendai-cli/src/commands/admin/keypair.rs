//! `bai admin keypair ...` (SDK `groups::admin::keypair`).

use backendai_sdk::groups::admin::keypair::{KeyPairCreate, KeyPairUpdate};
use clap::Subcommand;

use super::opts::bool_expr;
use crate::commands::show::{item_of, list_of, mutation_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin keypair list`.
pub const KEYPAIR_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("user_id"),
    FieldSpec::new("access_key"),
    FieldSpec::new("is_active"),
    FieldSpec::new("is_admin"),
    FieldSpec::new("resource_policy"),
    FieldSpec::new("rate_limit"),
    FieldSpec::new("concurrency_used"),
];

/// `admin keypair`.
#[derive(Debug, Subcommand)]
pub enum KeypairCommand {
    /// List keypairs.
    List {
        /// Only keypairs of this user (e-mail).
        #[arg(short = 'u', long)]
        user_id: Option<String>,
        /// Filter by activation.
        #[arg(long)]
        is_active: Option<bool>,
    },
    /// Show the current keypair.
    Info,
    /// Add a keypair for a user.
    Add {
        /// User ID (e-mail).
        user_id: String,
        /// Resource policy name.
        resource_policy: String,
        /// Give admin privilege.
        #[arg(short = 'a', long)]
        admin: bool,
        /// Create inactive.
        #[arg(short = 'i', long)]
        inactive: bool,
        /// API rate limit.
        #[arg(short = 'r', long, default_value_t = 5000)]
        rate_limit: i64,
    },
    /// Update a keypair: only the options given are changed.
    Update {
        /// Access key.
        access_key: String,
        /// Resource policy name.
        #[arg(long)]
        resource_policy: Option<String>,
        /// Admin privilege (true/false; the Python CLI reads any value, `false` too, as true).
        #[arg(long, value_name = "BOOL", value_parser = bool_expr)]
        is_admin: Option<bool>,
        /// Active or not (true/false; the Python CLI reads any value, `false` too, as true).
        #[arg(long, value_name = "BOOL", value_parser = bool_expr)]
        is_active: Option<bool>,
        /// API rate limit.
        #[arg(short = 'r', long)]
        rate_limit: Option<i64>,
    },
    /// Delete a keypair.
    Delete {
        /// Access key.
        access_key: String,
    },
    /// Activate a keypair.
    Activate {
        /// Access key.
        access_key: String,
    },
    /// Deactivate a keypair.
    Deactivate {
        /// Access key.
        access_key: String,
    },
}

/// Runs `admin keypair ...`.
pub fn run(ctx: &Context, cmd: KeypairCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let kp = client.keypairs();
    match cmd {
        KeypairCommand::List { user_id, is_active } => {
            list_of(ctx, kp.list(user_id.as_deref(), is_active), KEYPAIR_FIELDS)
        }
        KeypairCommand::Info => item_of(ctx, kp.info(), "keypair"),
        KeypairCommand::Add {
            user_id,
            resource_policy,
            admin,
            inactive,
            rate_limit,
        } => {
            let opts = KeyPairCreate {
                is_active: !inactive,
                is_admin: admin,
                resource_policy: Some(resource_policy),
                rate_limit: Some(rate_limit),
            };
            mutation_of(
                ctx,
                kp.create(&user_id, &opts),
                &format!("A keypair is created for {user_id}."),
            )
        }
        KeypairCommand::Update {
            access_key,
            resource_policy,
            is_admin,
            is_active,
            rate_limit,
        } => {
            let changes = KeyPairUpdate {
                is_active,
                is_admin,
                resource_policy,
                rate_limit,
            };
            mutation_of(
                ctx,
                kp.update(&access_key, &changes),
                &format!("Keypair {access_key} is updated."),
            )
        }
        KeypairCommand::Delete { access_key } => mutation_of(
            ctx,
            kp.delete(&access_key),
            &format!("Keypair {access_key} is deleted."),
        ),
        KeypairCommand::Activate { access_key } => mutation_of(
            ctx,
            kp.activate(&access_key),
            &format!("Keypair {access_key} is activated."),
        ),
        KeypairCommand::Deactivate { access_key } => mutation_of(
            ctx,
            kp.deactivate(&access_key),
            &format!("Keypair {access_key} is deactivated."),
        ),
    }
}
