//! `bai deployment policy info|update` (SDK `Deployments::get_policy`, `upsert_policy`).

use backendai_sdk::groups::deployment::{
    BlueGreenConfig, RollingUpdateConfig, UpsertDeploymentPolicyRequest,
};
use clap::{Args, Subcommand, ValueEnum};

use super::deployments::WHAT;
use crate::commands::v26::client_26_09;
use crate::context::Context;
use crate::exit::usage;

/// `deployment policy` subcommands.
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Show the rollout policy of a deployment.
    Info(InfoArgs),
    /// Set the rollout policy (created when there is none yet).
    Update(UpdateArgs),
}

/// Arguments of `policy info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Deployment ID.
    #[arg(value_name = "DEPLOYMENT_ID")]
    pub deployment_id: String,
}

/// A rollout strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Strategy {
    /// Replace replicas gradually.
    Rolling,
    /// Run two environments and switch traffic at once.
    BlueGreen,
}

/// Arguments of `policy update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Deployment ID.
    #[arg(value_name = "DEPLOYMENT_ID")]
    pub deployment_id: String,
    /// Rollout strategy of new revisions.
    #[arg(long, value_enum, required = true)]
    pub strategy: Strategy,
    /// ROLLING: extra replicas allowed during an update [default: 1].
    #[arg(long)]
    pub max_surge: Option<u32>,
    /// ROLLING: replicas allowed to be unavailable during an update [default: 0].
    #[arg(long)]
    pub max_unavailable: Option<u32>,
    /// BLUE_GREEN: promote the new environment automatically after the delay.
    #[arg(long, overrides_with = "no_auto_promote")]
    pub auto_promote: bool,
    /// BLUE_GREEN: do not promote automatically.
    #[arg(long)]
    pub no_auto_promote: bool,
    /// BLUE_GREEN: seconds before an automatic promotion.
    #[arg(long)]
    pub promote_delay: Option<u32>,
}

impl UpdateArgs {
    /// The request body; options of the other strategy are a usage error.
    pub fn body(&self) -> anyhow::Result<UpsertDeploymentPolicyRequest> {
        let rolling_opts = self.max_surge.is_some() || self.max_unavailable.is_some();
        let bg_opts = self.auto_promote || self.no_auto_promote || self.promote_delay.is_some();
        Ok(match self.strategy {
            Strategy::Rolling => {
                if bg_opts {
                    return Err(usage(
                        "--auto-promote/--promote-delay apply to --strategy BLUE_GREEN only",
                    ));
                }
                let d = RollingUpdateConfig::default();
                UpsertDeploymentPolicyRequest {
                    strategy: "ROLLING".into(),
                    rolling_update: Some(RollingUpdateConfig {
                        max_surge: self.max_surge.unwrap_or(d.max_surge),
                        max_unavailable: self.max_unavailable.unwrap_or(d.max_unavailable),
                    }),
                    blue_green: None,
                }
            }
            Strategy::BlueGreen => {
                if rolling_opts {
                    return Err(usage(
                        "--max-surge/--max-unavailable apply to --strategy ROLLING only",
                    ));
                }
                UpsertDeploymentPolicyRequest {
                    strategy: "BLUE_GREEN".into(),
                    rolling_update: None,
                    blue_green: Some(BlueGreenConfig {
                        auto_promote: self.auto_promote,
                        promote_delay_seconds: self.promote_delay.unwrap_or(0),
                    }),
                }
            }
        })
    }
}

/// Runs one `deployment policy` subcommand.
pub fn run(ctx: &Context, cmd: PolicyCommand) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let deps = client.deployments();
    match cmd {
        PolicyCommand::Info(a) => {
            let p = ctx.block_on(deps.get_policy(&a.deployment_id))??;
            ctx.out.item(&p)?;
        }
        PolicyCommand::Update(a) => {
            let body = a.body()?;
            let r = ctx.block_on(deps.upsert_policy(&a.deployment_id, &body))??;
            let verb = if r.created == Some(true) {
                "created"
            } else {
                "updated"
            };
            let msg = format!("Deployment policy of {} {verb}", a.deployment_id);
            let policy = serde_json::to_value(&r.deployment_policy)?;
            ctx.out
                .mutation(&msg, Some(("deployment_policy", policy)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(strategy: Strategy) -> UpdateArgs {
        UpdateArgs {
            deployment_id: "d".into(),
            strategy,
            max_surge: None,
            max_unavailable: None,
            auto_promote: false,
            no_auto_promote: false,
            promote_delay: None,
        }
    }

    #[test]
    fn each_strategy_sends_its_own_settings_with_the_server_defaults() {
        let mut a = args(Strategy::Rolling);
        a.max_surge = Some(3);
        let b = serde_json::to_value(a.body().unwrap()).unwrap();
        assert_eq!(
            b,
            serde_json::json!({"strategy": "ROLLING", "rolling_update": {"max_surge": 3, "max_unavailable": 0}})
        );
        let mut a = args(Strategy::BlueGreen);
        a.auto_promote = true;
        let b = serde_json::to_value(a.body().unwrap()).unwrap();
        assert_eq!(b["blue_green"]["auto_promote"], true);
        a.max_unavailable = Some(1);
        assert!(a.body().is_err());
    }
}
