//! `bai admin group ...` (SDK `groups::admin::group`).

use backendai_sdk::groups::admin::group::{GroupCreate, GroupUpdate};
use clap::{Args, Subcommand};

use super::opts::{bool_expr, VFOLDER_HOST_PERMS_ALIASES};
use crate::commands::show::{item_of, item_or_not_found, list_of, mutation_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin group list` and `admin group info NAME`.
pub const GROUP_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id"),
    FieldSpec::new("name"),
    FieldSpec::new("description"),
    FieldSpec::new("is_active"),
    FieldSpec::new("domain_name"),
    FieldSpec::new("created_at"),
];

/// `admin group`.
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// List groups.
    List {
        /// Only groups of this domain.
        #[arg(short = 'd', long)]
        domain_name: Option<String>,
    },
    /// Show groups by ID or name.
    Info {
        /// Group ID or name.
        id_or_name: String,
    },
    /// Add a group.
    Add(AddArgs),
    /// Update a group: only the options given are changed.
    Update(UpdateArgs),
    /// Add users (by UUID) to a group.
    AddUsers {
        /// Group ID.
        group_id: String,
        /// UUIDs of the users.
        user_uuids: Vec<String>,
    },
    /// Remove users (by UUID) from a group.
    RemoveUsers {
        /// Group ID.
        group_id: String,
        /// UUIDs of the users.
        user_uuids: Vec<String>,
    },
    /// Inactivate a group.
    Delete {
        /// Group ID.
        group_id: String,
    },
    /// Delete a group permanently.
    Purge {
        /// Group ID.
        group_id: String,
    },
}

fn looks_like_uuid(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

/// Runs `admin group ...`.
pub fn run(ctx: &Context, cmd: GroupCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let g = client.groups();
    match cmd {
        GroupCommand::List { domain_name } => {
            list_of(ctx, g.list(domain_name.as_deref()), GROUP_FIELDS)
        }
        GroupCommand::Info { id_or_name } => {
            if looks_like_uuid(&id_or_name) {
                return item_of(ctx, g.detail(&id_or_name), "group");
            }
            // A name may match groups of several domains: all of them are shown.
            let list = ctx.block_on(g.from_name(&id_or_name, None))??;
            if list.is_empty() {
                return item_or_not_found(ctx, None::<()>, "group");
            }
            ctx.out.list(&list, GROUP_FIELDS, "No matching items.")?;
            Ok(())
        }
        GroupCommand::Add(a) => mutation_of(
            ctx,
            g.create(&a.domain_name, &a.name, &a.options()),
            &format!("Group {} is created.", a.name),
        ),
        GroupCommand::Update(a) => mutation_of(
            ctx,
            g.update(&a.group_id, &a.changes()),
            &format!("Group {} is updated.", a.group_id),
        ),
        GroupCommand::AddUsers {
            group_id,
            user_uuids,
        } => {
            let uuids: Vec<&str> = user_uuids.iter().map(String::as_str).collect();
            mutation_of(
                ctx,
                g.add_users(&group_id, &uuids),
                &format!("{} user(s) added to group {group_id}.", uuids.len()),
            )
        }
        GroupCommand::RemoveUsers {
            group_id,
            user_uuids,
        } => {
            let uuids: Vec<&str> = user_uuids.iter().map(String::as_str).collect();
            mutation_of(
                ctx,
                g.remove_users(&group_id, &uuids),
                &format!("{} user(s) removed from group {group_id}.", uuids.len()),
            )
        }
        GroupCommand::Delete { group_id } => mutation_of(
            ctx,
            g.delete(&group_id),
            &format!("Group {group_id} is inactivated."),
        ),
        GroupCommand::Purge { group_id } => mutation_of(
            ctx,
            g.purge(&group_id),
            &format!("Group {group_id} is deleted."),
        ),
    }
}

/// `admin group add DOMAIN_NAME NAME`, with the Python CLI's defaults.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Domain name.
    pub domain_name: String,
    /// Group name.
    pub name: String,
    /// Description.
    #[arg(short = 'd', long, default_value = "")]
    pub description: String,
    /// Create inactive.
    #[arg(short = 'i', long)]
    pub inactive: bool,
    /// Total resource slots (JSON).
    #[arg(long, default_value = "{}")]
    pub total_resource_slots: String,
    /// Allowed vfolder hosts and their permissions (JSON), e.g.
    /// '{"HOST_NAME": ["create-vfolder", "modify-vfolder"]}'.
    #[arg(long, visible_aliases = VFOLDER_HOST_PERMS_ALIASES, default_value = "{}")]
    pub vfolder_host_perms: String,
}

impl AddArgs {
    /// The create options (slots and hosts are `{}` unless given, as in the Python CLI).
    pub fn options(&self) -> GroupCreate {
        GroupCreate {
            description: self.description.clone(),
            is_active: !self.inactive,
            total_resource_slots: Some(self.total_resource_slots.clone()),
            allowed_vfolder_hosts: Some(self.vfolder_host_perms.clone()),
            integration_id: None,
        }
    }
}

/// `admin group update GROUP_ID [OPTIONS]`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Group ID.
    pub group_id: String,
    /// New name of the group.
    #[arg(short = 'n', long)]
    pub name: Option<String>,
    /// Description.
    #[arg(short = 'd', long)]
    pub description: Option<String>,
    /// Activate or inactivate (true/false; the Python CLI reads any value, `false` too, as
    /// true).
    #[arg(long, value_name = "BOOL", value_parser = bool_expr)]
    pub is_active: Option<bool>,
    /// Total resource slots (JSON).
    #[arg(long)]
    pub total_resource_slots: Option<String>,
    /// Allowed vfolder hosts and their permissions (JSON).
    #[arg(long, visible_aliases = VFOLDER_HOST_PERMS_ALIASES)]
    pub vfolder_host_perms: Option<String>,
}

impl UpdateArgs {
    /// The fields to change: only those given.
    pub fn changes(&self) -> GroupUpdate {
        GroupUpdate {
            name: self.name.clone(),
            description: self.description.clone(),
            is_active: self.is_active,
            total_resource_slots: self.total_resource_slots.clone(),
            allowed_vfolder_hosts: self.vfolder_host_perms.clone(),
            integration_id: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_sdk::groups::admin::group::{create_query, DEFAULT_CREATE_FIELDS};
    use clap::Parser;

    #[derive(Parser)]
    struct GroupCli {
        #[command(subcommand)]
        cmd: GroupCommand,
    }

    /// Without `--total-resource-slots`, a `null` reached the 23.09 manager, which failed
    /// with "'NoneType' object has no attribute 'items'"; the Python CLI sends `{}`.
    #[test]
    fn group_add_sends_the_python_cli_defaults() {
        let GroupCli {
            cmd: GroupCommand::Add(a),
        } = GroupCli::try_parse_from(["group", "add", "default", "g"]).unwrap()
        else {
            panic!("not add");
        };
        let q = create_query("default", "g", &a.options(), DEFAULT_CREATE_FIELDS);
        assert_eq!(
            serde_json::to_string(&q.variables["input"]).unwrap(),
            r#"{"description":"","is_active":true,"domain_name":"default","total_resource_slots":"{}","allowed_vfolder_hosts":"{}","integration_id":null}"#
        );
    }
}
