//! `bai fair-share resource-group spec|specs|update-spec`: a resource group's fair-share
//! parameters (SDK `FairShares::get_resource_group_spec`, `list_resource_group_specs`,
//! `update_resource_group_spec`).

use backendai_sdk::core::dto::ResourceWeightInput;
use backendai_sdk::groups::fair_share::UpdateFairShareSpecRequest;
use backendai_sdk::groups::rest_v9::decimal_arg;
use clap::{Args, Subcommand};

use super::view;
use crate::context::Context;
use crate::exit::usage;

/// `fair-share resource-group`.
#[derive(Debug, Subcommand)]
pub enum ResourceGroupCommand {
    /// Get resource group fair share specification.
    Spec(SpecArgs),
    /// List all resource groups with their fair share specifications.
    Specs,
    /// Update resource group fair share specification.
    UpdateSpec(UpdateSpecArgs),
}

/// `resource-group spec`.
#[derive(Debug, Args)]
pub struct SpecArgs {
    /// Resource group name.
    pub name: String,
}

/// `resource-group update-spec`.
#[derive(Debug, Args)]
pub struct UpdateSpecArgs {
    /// Resource group name.
    pub name: String,
    /// Half-life for exponential decay in days.
    #[arg(long)]
    pub half_life_days: Option<u32>,
    /// Total lookback period in days.
    #[arg(long)]
    pub lookback_days: Option<u32>,
    /// Granularity of decay buckets in days.
    #[arg(long)]
    pub decay_unit_days: Option<u32>,
    /// Default weight for entities.
    #[arg(long)]
    pub default_weight: Option<String>,
    /// Resource weight in KEY=VALUE format (e.g., cpu=1.0, mem=0.5). Use VALUE=null to remove.
    #[arg(long = "resource-weight", value_name = "KEY=VALUE")]
    pub resource_weights: Vec<String>,
}

/// `cpu=1.0` → a weight; `mem=null` → a removal.
fn resource_weight(arg: &str) -> anyhow::Result<ResourceWeightInput> {
    let bad = || {
        usage(format!(
            "invalid --resource-weight {arg:?}: expected KEY=VALUE"
        ))
    };
    let (key, value) = arg.split_once('=').ok_or_else(bad)?;
    let (key, value) = (key.trim(), value.trim());
    if key.is_empty() || value.is_empty() {
        return Err(bad());
    }
    let weight = if value.eq_ignore_ascii_case("null") {
        None
    } else {
        Some(decimal_arg("resource weight", value).map_err(|e| usage(e.to_string()))?)
    };
    Ok(ResourceWeightInput {
        resource_type: key.to_owned(),
        weight,
        extra: Default::default(),
    })
}

impl UpdateSpecArgs {
    /// The PATCH body: only what was given (nothing given: exit 2).
    fn body(&self) -> anyhow::Result<UpdateFairShareSpecRequest> {
        let default_weight = self
            .default_weight
            .as_deref()
            .map(|w| decimal_arg("default weight", w).map_err(|e| usage(e.to_string())))
            .transpose()?;
        let weights = self
            .resource_weights
            .iter()
            .map(|a| resource_weight(a))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let body = UpdateFairShareSpecRequest {
            half_life_days: self.half_life_days.map(i64::from),
            lookback_days: self.lookback_days.map(i64::from),
            decay_unit_days: self.decay_unit_days.map(i64::from),
            default_weight,
            resource_weights: (!weights.is_empty()).then_some(weights),
            ..UpdateFairShareSpecRequest::default()
        };
        if body.is_empty() {
            return Err(usage("nothing to update: give at least one option"));
        }
        Ok(body)
    }
}

/// Runs one `fair-share resource-group` subcommand.
pub fn run(ctx: &Context, cmd: ResourceGroupCommand) -> anyhow::Result<()> {
    match cmd {
        ResourceGroupCommand::Spec(a) => {
            let fs = ctx.client()?.fair_share();
            let spec = ctx.block_on(fs.get_resource_group_spec(&a.name))??;
            view::record(ctx, &spec, view::SPEC_FIELDS)
        }
        ResourceGroupCommand::Specs => {
            let fs = ctx.client()?.fair_share();
            let list = ctx.block_on(fs.list_resource_group_specs())??;
            let total = list.total_count.unwrap_or(list.items.len() as u64);
            let empty = "No resource groups found.";
            ctx.out.page(&list.items, total, view::SPEC_FIELDS, empty)?;
            Ok(())
        }
        ResourceGroupCommand::UpdateSpec(a) => {
            let body = a.body()?;
            let fs = ctx.client()?.fair_share();
            let spec = ctx.block_on(fs.update_resource_group_spec(&a.name, &body))??;
            let msg = format!("Updated the fair share spec of resource group {}.", a.name);
            view::written(ctx, &msg, &spec, view::SPEC_FIELDS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_weights_parse_and_null_removes() {
        let w = resource_weight("cpu=1.5").unwrap();
        assert_eq!(w.resource_type, "cpu");
        assert_eq!(w.weight.unwrap().as_text(), "1.5");
        assert!(resource_weight("mem=null").unwrap().weight.is_none());
        for bad in ["cpu", "=1", "cpu=", "cpu=abc"] {
            assert!(resource_weight(bad).is_err(), "{bad}");
        }
    }
}
