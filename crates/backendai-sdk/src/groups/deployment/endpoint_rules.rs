//! Auto-scaling rules of a model service as the 26.9 Python CLI's `service
//! auto-scaling-rule` manages them (`ServiceAutoScalingRule`: GraphQL
//! `endpoint_auto_scaling_rule_nodes`, `endpoint_auto_scaling_rule_node`,
//! `create_/modify_/delete_endpoint_auto_scaling_rule_node`): one threshold with a
//! comparator and a cooldown per rule. The REST rules of a deployment (min/max thresholds,
//! time window) are in [`super::auto_scaling`]. On a server older than 26.9 every builder
//! fails with the typed "not supported by this server" error before anything is sent.

pub use backendai_core::dto::EndpointAutoScalingRule;
use backendai_core::dto::{NumText, PaginatedResult};
use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;
use serde::Serialize;
use serde_json::{json, Value};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::graphql::{self, GqlQuery};
use crate::groups::admin::MutationResult;
use crate::groups::rest_v9::{require_v9, uuid_arg};

const WHAT: &str = "service auto-scaling rules (API v9)";

/// The fields selected by default (the Python client's, with `row_id` for the rule ID).
pub const DEFAULT_FIELDS: &[&str] = &[
    "row_id",
    "metric_source",
    "metric_name",
    "comparator",
    "threshold",
    "endpoint",
    "step_size",
    "cooldown_seconds",
    "min_replicas",
    "max_replicas",
    "created_at",
    "last_triggered_at",
];

/// A rule's settings; `None` = not sent (create: the required ones must be set; update:
/// only what changes). `Some(None)` for the replica bounds clears them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EndpointRuleProps {
    /// `KERNEL`, `INFERENCE_FRAMEWORK` or `PROMETHEUS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_source: Option<String>,
    /// Metric watched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    /// Threshold (decimal text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<NumText>,
    /// `LESS_THAN`, `LESS_THAN_OR_EQUAL`, `GREATER_THAN` or `GREATER_THAN_OR_EQUAL`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparator: Option<String>,
    /// Replicas per trigger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step_size: Option<i64>,
    /// Seconds between triggers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cooldown_seconds: Option<i64>,
    /// Lower replica bound (`Some(None)`: none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<Option<i64>>,
    /// Upper replica bound (`Some(None)`: none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_replicas: Option<Option<i64>>,
}

fn selection(fields: &[&str]) -> Result<String> {
    let fields = if fields.is_empty() {
        DEFAULT_FIELDS
    } else {
        fields
    };
    match fields
        .iter()
        .find(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    {
        Some(bad) => Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid auto-scaling rule field {bad:?}"),
        )),
        None => Ok(fields.join(" ")),
    }
}

/// The relay-paginated `endpoint_auto_scaling_rule_nodes` of one service.
pub fn list_query(
    v: &ApiVersion,
    endpoint_id: &str,
    fields: &[&str],
    limit: u32,
    offset: u32,
    filter: Option<&str>,
    order: Option<&str>,
) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let endpoint = uuid_arg("service ID", endpoint_id)?;
    let q = format!(
        "query($limit:Int, $after:String, $offset:Int, $before:String, $endpoint: String!, \
         $filter: String, $order: String) {{\n  endpoint_auto_scaling_rule_nodes(first:$limit, \
         offset:$offset, after:$after, before:$before endpoint:$endpoint, filter:$filter, \
         order:$order) {{\n    edges {{ node {{ {} }} cursor }}\n    count\n  }}\n}}",
        selection(fields)?
    );
    let vars = json!({
        "endpoint": endpoint, "filter": filter, "order": order,
        "limit": limit, "offset": offset, "after": null, "before": null,
    });
    Ok(GqlQuery::new(q, vars, "endpoint_auto_scaling_rule_nodes"))
}

/// `endpoint_auto_scaling_rule_node(id:)`.
pub fn get_query(v: &ApiVersion, rule_id: &str, fields: &[&str]) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let id = uuid_arg("rule ID", rule_id)?;
    let q = format!(
        "query($rule_id: String!) {{\n  endpoint_auto_scaling_rule_node(id: $rule_id) {{ {} }}\n}}",
        selection(fields)?
    );
    Ok(GqlQuery::new(
        q,
        json!({ "rule_id": id }),
        "endpoint_auto_scaling_rule_node",
    ))
}

/// `create_endpoint_auto_scaling_rule_node` (every setting but the replica bounds required).
pub fn create_query(
    v: &ApiVersion,
    endpoint_id: &str,
    props: &EndpointRuleProps,
) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let endpoint = uuid_arg("service ID", endpoint_id)?;
    let missing = [
        ("metric_source", props.metric_source.is_none()),
        ("metric_name", props.metric_name.is_none()),
        ("threshold", props.threshold.is_none()),
        ("comparator", props.comparator.is_none()),
        ("step_size", props.step_size.is_none()),
        ("cooldown_seconds", props.cooldown_seconds.is_none()),
    ];
    if let Some((name, _)) = missing.iter().find(|(_, m)| *m) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("a new auto-scaling rule needs {name}"),
        ));
    }
    let q = "mutation(\n  $endpoint: String!,\n  $metric_source: AutoScalingMetricSource!,\n  \
             $metric_name: String!,\n  $threshold: String!,\n  \
             $comparator: AutoScalingMetricComparator!,\n  $step_size: Int!,\n  \
             $cooldown_seconds: Int!,\n  $min_replicas: Int,\n  $max_replicas: Int\n) {\n  \
             create_endpoint_auto_scaling_rule_node(\n    endpoint: $endpoint,\n    props: {\n      \
             metric_source: $metric_source,\n      metric_name: $metric_name,\n      \
             threshold: $threshold,\n      comparator: $comparator,\n      step_size: $step_size,\n      \
             cooldown_seconds: $cooldown_seconds,\n      min_replicas: $min_replicas,\n      \
             max_replicas: $max_replicas\n    }\n  ) {\n    rule { row_id }\n  }\n}";
    let mut vars = serde_json::to_value(props)
        .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))?;
    vars["endpoint"] = Value::String(endpoint);
    for bound in ["min_replicas", "max_replicas"] {
        if vars.get(bound).is_none() {
            vars[bound] = Value::Null;
        }
    }
    Ok(GqlQuery::new(
        q,
        vars,
        "create_endpoint_auto_scaling_rule_node",
    ))
}

/// `modify_endpoint_auto_scaling_rule_node` with the settings that change.
pub fn update_query(v: &ApiVersion, rule_id: &str, props: &EndpointRuleProps) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let id = uuid_arg("rule ID", rule_id)?;
    let q = "mutation(\n  $rule_id: String!,\n  $input: ModifyEndpointAutoScalingRuleInput!,\n) {\n  \
             modify_endpoint_auto_scaling_rule_node(\n    id: $rule_id,\n    props: $input\n  ) {\n    \
             ok\n    msg\n  }\n}";
    let input = serde_json::to_value(props)
        .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))?;
    Ok(GqlQuery::new(
        q,
        json!({ "rule_id": id, "input": input }),
        "modify_endpoint_auto_scaling_rule_node",
    ))
}

/// `delete_endpoint_auto_scaling_rule_node`.
pub fn delete_query(v: &ApiVersion, rule_id: &str) -> Result<GqlQuery> {
    require_v9(v, WHAT)?;
    let id = uuid_arg("rule ID", rule_id)?;
    let q = "mutation($rule_id: String!) {\n  \
             delete_endpoint_auto_scaling_rule_node(id: $rule_id) {\n    ok\n    msg\n  }\n}";
    Ok(GqlQuery::new(
        q,
        json!({ "rule_id": id }),
        "delete_endpoint_auto_scaling_rule_node",
    ))
}

impl Client {
    /// The service auto-scaling rule API group (26.9, GraphQL).
    pub fn service_auto_scaling_rules(&self) -> ServiceAutoScalingRules<'_> {
        ServiceAutoScalingRules { client: self }
    }
}

/// The service auto-scaling rule API group (`ServiceAutoScalingRule`).
#[derive(Debug, Clone, Copy)]
pub struct ServiceAutoScalingRules<'a> {
    client: &'a Client,
}

impl ServiceAutoScalingRules<'_> {
    /// A page of a service's rules with `fields` (the defaults when empty).
    pub async fn list(
        &self,
        endpoint_id: &str,
        fields: &[&str],
        limit: u32,
        offset: u32,
        filter: Option<&str>,
        order: Option<&str>,
    ) -> Result<PaginatedResult<EndpointAutoScalingRule>> {
        let v = self.client.api_version().await?;
        let q = list_query(&v, endpoint_id, fields, limit, offset, filter, order)?;
        graphql::run_connection(self.client, &q).await
    }

    /// One rule (`None` when the server has none with that ID).
    pub async fn get(
        &self,
        rule_id: &str,
        fields: &[&str],
    ) -> Result<Option<EndpointAutoScalingRule>> {
        let v = self.client.api_version().await?;
        graphql::run_as(self.client, &get_query(&v, rule_id, fields)?).await
    }

    /// Creates a rule on a service; returns the new rule's ID.
    pub async fn create(&self, endpoint_id: &str, props: &EndpointRuleProps) -> Result<String> {
        let v = self.client.api_version().await?;
        let q = create_query(&v, endpoint_id, props)?;
        let value = graphql::run(self.client, &q).await?;
        value["rule"]["row_id"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| Error::new(ErrorKind::Decode, "the new rule came back without row_id"))
    }

    /// Changes the settings set in `props`.
    pub async fn update(&self, rule_id: &str, props: &EndpointRuleProps) -> Result<MutationResult> {
        let v = self.client.api_version().await?;
        graphql::run_as(self.client, &update_query(&v, rule_id, props)?).await
    }

    /// Deletes a rule.
    pub async fn delete(&self, rule_id: &str) -> Result<MutationResult> {
        let v = self.client.api_version().await?;
        graphql::run_as(self.client, &delete_query(&v, rule_id)?).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "7e1f4e6c-3a55-4b8e-9d0f-2b7d7a1c9e01";

    fn v9() -> ApiVersion {
        ApiVersion::new(9, "20250722")
    }

    #[test]
    fn create_sends_every_setting_and_null_bounds() {
        let props = EndpointRuleProps {
            metric_source: Some("KERNEL".into()),
            metric_name: Some("cpu_util".into()),
            threshold: Some(NumText::from("0.5")),
            comparator: Some("GREATER_THAN".into()),
            step_size: Some(1),
            cooldown_seconds: Some(300),
            min_replicas: None,
            max_replicas: Some(Some(4)),
        };
        let q = create_query(&v9(), ID, &props).unwrap();
        assert_eq!(
            q.variables,
            json!({"endpoint": ID, "metric_source": "KERNEL", "metric_name": "cpu_util",
                   "threshold": "0.5", "comparator": "GREATER_THAN", "step_size": 1,
                   "cooldown_seconds": 300, "min_replicas": null, "max_replicas": 4})
        );
        let partial = EndpointRuleProps {
            step_size: None,
            ..props
        };
        assert_eq!(
            create_query(&v9(), ID, &partial).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }

    #[test]
    fn update_sends_only_what_changes_and_null_clears_a_bound() {
        let props = EndpointRuleProps {
            min_replicas: Some(None),
            step_size: Some(2),
            ..Default::default()
        };
        let q = update_query(&v9(), ID, &props).unwrap();
        assert_eq!(
            q.variables,
            json!({"rule_id": ID, "input": {"step_size": 2, "min_replicas": null}})
        );
    }

    #[test]
    fn a_23_09_server_is_refused_and_fields_are_checked() {
        let v7 = ApiVersion::new(7, "20230615");
        assert_eq!(
            delete_query(&v7, ID).unwrap_err().kind(),
            ErrorKind::Unsupported
        );
        assert_eq!(
            list_query(&v7, ID, &[], 20, 0, None, None)
                .unwrap_err()
                .kind(),
            ErrorKind::Unsupported
        );
        assert!(get_query(&v9(), ID, &["row_id {"]).is_err());
        let q = list_query(&v9(), ID, &["row_id", "threshold"], 20, 0, None, None).unwrap();
        assert!(q
            .query
            .contains("edges { node { row_id threshold } cursor }"));
    }
}
