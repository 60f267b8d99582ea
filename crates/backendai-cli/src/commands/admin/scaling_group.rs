//! `bai admin scaling-group ...` (SDK `groups::admin::scaling_group`).

use backendai_sdk::groups::admin::scaling_group::{ScalingGroupCreate, ScalingGroupUpdate};
use clap::{Args, Subcommand};
use serde_json::Value;

use super::opts::{bool_expr, json_value};
use crate::commands::show::{item_of, list_of, mutation_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin scaling-group list`.
pub const SCALING_GROUP_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("description"),
    FieldSpec::new("is_active"),
    FieldSpec::new("is_public"),
    FieldSpec::new("driver"),
    FieldSpec::new("scheduler"),
];

/// The columns of `admin scaling-group get-available`.
pub const AVAILABLE_FIELDS: &[FieldSpec<'static>] = &[FieldSpec::new("name")];

/// `admin scaling-group`.
#[derive(Debug, Subcommand)]
pub enum ScalingGroupCommand {
    /// List scaling groups.
    List,
    /// Show a scaling group.
    Info {
        /// Name.
        name: String,
    },
    /// Scaling groups available to a group.
    GetAvailable {
        /// Group name or ID.
        group: String,
    },
    /// Add a scaling group.
    Add(AddArgs),
    /// Update a scaling group: only the options given are changed.
    Update(UpdateArgs),
    /// Delete a scaling group.
    Delete {
        /// Name.
        name: String,
    },
    /// Associate a domain with a scaling group.
    // 26.9's click derives `associate-scaling` from the same function name.
    #[command(visible_alias = "associate-scaling")]
    AssociateScalingGroup {
        /// Scaling group name.
        scaling_group: String,
        /// Domain name.
        domain: String,
    },
    /// Dissociate a domain from a scaling group.
    #[command(visible_alias = "dissociate-scaling")]
    DissociateScalingGroup {
        /// Scaling group name.
        scaling_group: String,
        /// Domain name.
        domain: String,
    },
}

/// Runs `admin scaling-group ...`.
pub fn run(ctx: &Context, cmd: ScalingGroupCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let sg = client.scaling_groups();
    match cmd {
        ScalingGroupCommand::List => list_of(ctx, sg.list(), SCALING_GROUP_FIELDS),
        ScalingGroupCommand::Info { name } => item_of(ctx, sg.detail(&name), "scaling group"),
        ScalingGroupCommand::GetAvailable { group } => {
            list_of(ctx, sg.list_available(&group), AVAILABLE_FIELDS)
        }
        ScalingGroupCommand::Add(a) => mutation_of(
            ctx,
            sg.create(&a.name, &a.options()),
            &format!("Scaling group {} is created.", a.name),
        ),
        ScalingGroupCommand::Update(a) => mutation_of(
            ctx,
            sg.update(&a.name, &a.changes()),
            &format!("Scaling group {} is updated.", a.name),
        ),
        ScalingGroupCommand::Delete { name } => mutation_of(
            ctx,
            sg.delete(&name),
            &format!("Scaling group {name} is deleted."),
        ),
        ScalingGroupCommand::AssociateScalingGroup {
            scaling_group,
            domain,
        } => mutation_of(
            ctx,
            sg.associate_domain(&scaling_group, &domain),
            &format!("Scaling group {scaling_group} is associated with domain {domain}."),
        ),
        ScalingGroupCommand::DissociateScalingGroup {
            scaling_group,
            domain,
        } => mutation_of(
            ctx,
            sg.dissociate_domain(&scaling_group, &domain),
            &format!("Scaling group {scaling_group} is dissociated from domain {domain}."),
        ),
    }
}

/// `admin scaling-group add NAME`, with the Python CLI's defaults (`static` driver, `fifo`
/// scheduler, `{}` options).
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Name.
    pub name: String,
    /// Description.
    #[arg(short = 'd', long, visible_alias = "desc", default_value = "")]
    pub description: String,
    /// Create inactive.
    #[arg(short = 'i', long)]
    pub inactive: bool,
    /// Create private: sessions cannot be created in it.
    #[arg(long)]
    pub private: bool,
    /// Agent driver.
    #[arg(long, default_value = "static")]
    pub driver: String,
    /// Driver options (JSON).
    #[arg(long, alias = "driver_opts", value_parser = json_value, default_value = "{}")]
    pub driver_opts: Value,
    /// Scheduler: fifo, lifo or drf.
    #[arg(long, default_value = "fifo")]
    pub scheduler: String,
    /// Scheduler options (JSON); without `allowed_session_types` both interactive and batch
    /// sessions are accepted.
    #[arg(long, alias = "scheduler_opts", value_parser = json_value, default_value = "{}")]
    pub scheduler_opts: Value,
    /// Run containers in host networking mode.
    #[arg(long)]
    pub use_host_network: bool,
    /// App proxy address.
    #[arg(long)]
    pub wsproxy_addr: Option<String>,
    /// App proxy API token.
    #[arg(long)]
    pub wsproxy_api_token: Option<String>,
}

impl AddArgs {
    /// The create options.
    pub fn options(&self) -> ScalingGroupCreate {
        ScalingGroupCreate {
            description: self.description.clone(),
            is_active: !self.inactive,
            is_public: !self.private,
            driver_opts: Some(self.driver_opts.clone()),
            scheduler_opts: Some(self.scheduler_opts.clone()),
            use_host_network: self.use_host_network,
            wsproxy_addr: self.wsproxy_addr.clone(),
            wsproxy_api_token: self.wsproxy_api_token.clone(),
            ..ScalingGroupCreate::new(self.driver.clone(), self.scheduler.clone())
        }
    }
}

/// `admin scaling-group update NAME [OPTIONS]`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Name.
    pub name: String,
    /// Description.
    #[arg(short = 'd', long, visible_alias = "desc")]
    pub description: Option<String>,
    /// Activate or inactivate (true/false).
    #[arg(short = 'a', long, value_name = "BOOL", value_parser = bool_expr)]
    pub active: Option<bool>,
    /// Inactivate (19.09 name of `--active false`).
    #[arg(short = 'i', long, conflicts_with = "active")]
    pub inactive: bool,
    /// Make private or public (true/false).
    #[arg(long, value_name = "BOOL", value_parser = bool_expr)]
    pub private: Option<bool>,
    /// Agent driver.
    #[arg(long)]
    pub driver: Option<String>,
    /// Driver options (JSON).
    #[arg(long, alias = "driver_opts", value_parser = json_value)]
    pub driver_opts: Option<Value>,
    /// Scheduler.
    #[arg(long)]
    pub scheduler: Option<String>,
    /// Scheduler options (JSON).
    #[arg(long, alias = "scheduler_opts", value_parser = json_value)]
    pub scheduler_opts: Option<Value>,
    /// Host networking mode (true/false).
    #[arg(long, value_name = "BOOL", value_parser = bool_expr)]
    pub use_host_network: Option<bool>,
    /// App proxy address.
    #[arg(long)]
    pub wsproxy_addr: Option<String>,
    /// App proxy API token.
    #[arg(long)]
    pub wsproxy_api_token: Option<String>,
}

impl UpdateArgs {
    /// The fields to change: only those given.
    pub fn changes(&self) -> ScalingGroupUpdate {
        ScalingGroupUpdate {
            description: self.description.clone(),
            is_active: if self.inactive {
                Some(false)
            } else {
                self.active
            },
            is_public: self.private.map(|private| !private),
            driver: self.driver.clone(),
            driver_opts: self.driver_opts.clone(),
            scheduler: self.scheduler.clone(),
            scheduler_opts: self.scheduler_opts.clone(),
            use_host_network: self.use_host_network,
            wsproxy_addr: self.wsproxy_addr.clone().map(Some),
            wsproxy_api_token: self.wsproxy_api_token.clone().map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_sdk::groups::admin::scaling_group::{create_query, update_query};
    use clap::Parser;

    #[derive(Parser)]
    struct SgCli {
        #[command(subcommand)]
        cmd: ScalingGroupCommand,
    }

    fn parse(args: &[&str]) -> ScalingGroupCommand {
        let argv = std::iter::once("sg").chain(args.iter().copied());
        SgCli::try_parse_from(argv).unwrap().cmd
    }

    #[test]
    fn add_applies_the_python_defaults() {
        let ScalingGroupCommand::Add(a) = parse(&["add", "sg1"]) else {
            panic!("not add");
        };
        let q = create_query("sg1", &a.options(), &["name"]);
        assert_eq!(
            serde_json::to_string(&q.variables["input"]).unwrap(),
            r#"{"description":"","is_active":true,"is_public":true,"driver":"static","scheduler":"fifo","use_host_network":false,"wsproxy_addr":null,"wsproxy_api_token":null,"driver_opts":"{}","scheduler_opts":"{}"}"#
        );
    }

    #[test]
    fn update_maps_private_and_the_19_09_spellings() {
        let ScalingGroupCommand::Update(a) = parse(&[
            "update",
            "sg1",
            "--private",
            "yes",
            "-i",
            "--driver_opts",
            r#"{"x":1}"#,
        ]) else {
            panic!("not update");
        };
        let q = update_query("sg1", &a.changes());
        assert_eq!(
            serde_json::to_string(&q.variables["input"]).unwrap(),
            r#"{"is_active":false,"is_public":false,"driver_opts":"{\"x\": 1}"}"#
        );
        let bad = SgCli::try_parse_from(["sg", "update", "sg1", "--driver-opts", "{nope"]);
        assert!(bad.is_err());
    }
}
