//! `bai service auto-scaling-rule create|list|get|update|delete` (26.9; SDK
//! `ServiceAutoScalingRules`, GraphQL `endpoint_auto_scaling_rule_*`). Every handler checks
//! the negotiated version first: a 23.09 manager gets the one-line "not supported" error.

use backendai_core::dto::NumText;
use backendai_sdk::groups::deployment::endpoint_rules::{EndpointRuleProps, DEFAULT_FIELDS};
use backendai_sdk::groups::rest_v9::decimal_arg;
use clap::{Args, Subcommand, ValueEnum};

use super::target::ServiceArg;
use crate::commands::args::{format_fields_arg, GqlPage};
use crate::commands::show::item_or_not_found;
use crate::commands::v26::client_26_09;
use crate::context::Context;
use crate::exit::{usage, with_status, ExitStatus};
use crate::output::fields::select;
use crate::output::FieldSpec;

const WHAT: &str = "service auto-scaling rules";

/// The rule fields `--format` can name, with their labels.
pub const RULE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("row_id").label("ID"),
    FieldSpec::new("metric_source").label("Metric Source"),
    FieldSpec::new("metric_name").label("Metric Name"),
    FieldSpec::new("comparator").label("Comparator"),
    FieldSpec::new("threshold").label("Threshold"),
    FieldSpec::new("endpoint").label("Service"),
    FieldSpec::new("step_size").label("Step Size"),
    FieldSpec::new("cooldown_seconds").label("Cooldown (s)"),
    FieldSpec::new("min_replicas").label("Min Replicas"),
    FieldSpec::new("max_replicas").label("Max Replicas"),
    FieldSpec::new("created_at").label("Created At"),
    FieldSpec::new("last_triggered_at").label("Last Triggered At"),
];

/// Where a rule's metric comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum MetricSource {
    /// Container (kernel) statistics.
    Kernel,
    /// The inference framework's metrics.
    InferenceFramework,
    /// A Prometheus query.
    Prometheus,
}

/// How the metric is compared with the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum Comparator {
    /// metric < threshold.
    LessThan,
    /// metric <= threshold.
    LessThanOrEqual,
    /// metric > threshold.
    GreaterThan,
    /// metric >= threshold.
    GreaterThanOrEqual,
}

/// The GraphQL enum name of a clap value (`inference_framework` → `INFERENCE_FRAMEWORK`).
fn enum_name<T: ValueEnum>(v: T) -> String {
    v.to_possible_value()
        .map(|p| p.get_name().to_ascii_uppercase())
        .unwrap_or_default()
}

fn threshold(text: &str) -> anyhow::Result<NumText> {
    Ok(decimal_arg("--threshold", text)?)
}

/// `-1` removes a replica bound (as in the Python CLI).
fn bound(v: Option<i64>) -> Option<Option<i64>> {
    v.map(|n| (n >= 0).then_some(n))
}

/// `service auto-scaling-rule` subcommands.
#[derive(Debug, Subcommand)]
pub enum AutoScalingRuleCommand {
    /// Create an auto-scaling rule for a service.
    Create(CreateArgs),
    /// List a service's auto-scaling rules.
    List(ListArgs),
    /// Show an auto-scaling rule.
    Get(GetArgs),
    /// Update an auto-scaling rule.
    Update(UpdateArgs),
    /// Remove an auto-scaling rule.
    Delete(RuleArg),
}

/// Arguments of `auto-scaling-rule create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub service: ServiceArg,
    /// Metric source.
    #[arg(long, value_enum, required = true)]
    pub metric_source: MetricSource,
    /// Metric name.
    #[arg(long, required = true)]
    pub metric_name: String,
    /// Threshold (a decimal number).
    #[arg(long, required = true)]
    pub threshold: String,
    /// Comparator.
    #[arg(long, value_enum, required = true)]
    pub comparator: Comparator,
    /// Replicas added per trigger (negative: removed).
    #[arg(long, required = true, allow_hyphen_values = true)]
    pub step_size: i64,
    /// Seconds between two triggers.
    #[arg(long, required = true)]
    pub cooldown_seconds: i64,
    /// Lower replica bound.
    #[arg(long)]
    pub min_replicas: Option<i64>,
    /// Upper replica bound.
    #[arg(long)]
    pub max_replicas: Option<i64>,
}

format_fields_arg!(
    FormatArgs,
    "Only these fields, comma-separated (e.g. row_id,threshold)."
);

impl FormatArgs {
    fn shown(&self) -> Vec<String> {
        if self.names().is_empty() {
            DEFAULT_FIELDS.iter().map(|s| s.to_string()).collect()
        } else {
            self.names().iter().map(|s| s.to_string()).collect()
        }
    }
}

/// Arguments of `auto-scaling-rule list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub service: ServiceArg,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub format: FormatArgs,
    /// Query filter expression.
    #[arg(long)]
    pub filter: Option<String>,
    /// Ordering expression.
    #[arg(long)]
    pub order: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: GqlPage,
}

/// A rule ID argument.
#[derive(Debug, Args)]
pub struct RuleArg {
    /// Rule ID.
    #[arg(value_name = "RULE_ID")]
    pub rule_id: String,
}

/// Arguments of `auto-scaling-rule get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// Rule ID.
    #[arg(value_name = "RULE_ID")]
    pub rule_id: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub format: FormatArgs,
}

/// Arguments of `auto-scaling-rule update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Rule ID.
    #[arg(value_name = "RULE_ID")]
    pub rule_id: String,
    /// New metric source.
    #[arg(long, value_enum)]
    pub metric_source: Option<MetricSource>,
    /// New metric name.
    #[arg(long)]
    pub metric_name: Option<String>,
    /// New threshold.
    #[arg(long)]
    pub threshold: Option<String>,
    /// New comparator.
    #[arg(long, value_enum)]
    pub comparator: Option<Comparator>,
    /// New step size.
    #[arg(long, allow_hyphen_values = true)]
    pub step_size: Option<i64>,
    /// New cooldown in seconds.
    #[arg(long)]
    pub cooldown_seconds: Option<i64>,
    /// New lower replica bound; -1 removes it.
    #[arg(long, allow_hyphen_values = true)]
    pub min_replicas: Option<i64>,
    /// New upper replica bound; -1 removes it.
    #[arg(long, allow_hyphen_values = true)]
    pub max_replicas: Option<i64>,
}

/// Runs one `service auto-scaling-rule` subcommand.
pub fn run(ctx: &Context, cmd: AutoScalingRuleCommand) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let rules = client.service_auto_scaling_rules();
    match cmd {
        AutoScalingRuleCommand::Create(a) => {
            let props = EndpointRuleProps {
                metric_source: Some(enum_name(a.metric_source)),
                metric_name: Some(a.metric_name.clone()),
                threshold: Some(threshold(&a.threshold)?),
                comparator: Some(enum_name(a.comparator)),
                step_size: Some(a.step_size),
                cooldown_seconds: Some(a.cooldown_seconds),
                min_replicas: a.min_replicas.map(Some),
                max_replicas: a.max_replicas.map(Some),
            };
            let service = a.service.resolve(ctx, client)?;
            let id = ctx.block_on(rules.create(&service, &props))??;
            let msg = format!("Auto-scaling rule {id} created");
            ctx.out
                .mutation(&msg, Some(("rule", serde_json::json!({ "row_id": id }))))?;
        }
        AutoScalingRuleCommand::List(a) => {
            let service = a.service.resolve(ctx, client)?;
            let page = ctx.block_on(rules.list(
                &service,
                &a.format.names(),
                a.page.limit,
                a.page.offset,
                a.filter.as_deref(),
                a.order.as_deref(),
            ))??;
            let shown = a.format.shown();
            let fields = select(RULE_FIELDS, &shown);
            ctx.out.page(
                &page.items,
                page.total_count,
                &fields,
                "No auto-scaling rules.",
            )?;
        }
        AutoScalingRuleCommand::Get(a) => {
            let rule = ctx.block_on(rules.get(&a.rule_id, &a.format.names()))??;
            item_or_not_found(ctx, rule, &format!("auto-scaling rule {}", a.rule_id))?;
        }
        AutoScalingRuleCommand::Update(a) => {
            let props = EndpointRuleProps {
                metric_source: a.metric_source.map(enum_name),
                metric_name: a.metric_name.clone(),
                threshold: a.threshold.as_deref().map(threshold).transpose()?,
                comparator: a.comparator.map(enum_name),
                step_size: a.step_size,
                cooldown_seconds: a.cooldown_seconds,
                min_replicas: bound(a.min_replicas),
                max_replicas: bound(a.max_replicas),
            };
            if props == EndpointRuleProps::default() {
                return Err(usage("nothing to update"));
            }
            let r = ctx.block_on(rules.update(&a.rule_id, &props))??;
            r.check().map_err(|e| with_status(ExitStatus::Failure, e))?;
            ctx.out
                .mutation(&format!("Auto-scaling rule {} updated", a.rule_id), None)?;
        }
        AutoScalingRuleCommand::Delete(a) => {
            let r = ctx.block_on(rules.delete(&a.rule_id))??;
            r.check().map_err(|e| with_status(ExitStatus::Failure, e))?;
            ctx.out
                .mutation(&format!("Auto-scaling rule {} removed", a.rule_id), None)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_become_graphql_enum_names_and_minus_one_clears_a_bound() {
        assert_eq!(
            enum_name(MetricSource::InferenceFramework),
            "INFERENCE_FRAMEWORK"
        );
        assert_eq!(
            enum_name(Comparator::GreaterThanOrEqual),
            "GREATER_THAN_OR_EQUAL"
        );
        assert_eq!(bound(Some(-1)), Some(None));
        assert_eq!(bound(Some(3)), Some(Some(3)));
        assert_eq!(bound(None), None);
        assert!(threshold("0.75").is_ok());
        assert!(threshold("abc").is_err());
    }
}
