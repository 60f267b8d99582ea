//! `bai session-template create|update|delete` (SDK `SessionTemplates::create`, `update`,
//! `delete`).

use std::path::PathBuf;

use backendai_sdk::groups::session_template::{documents_payload, TemplateDocument, TemplateScope};
use clap::Args;
use serde::Deserialize;
use serde_json::Value;

use crate::commands::args::OwnerArg;
use crate::commands::input::{confirmed, text_from_file_or_stdin};
use crate::context::Context;
use crate::exit::usage;

/// Arguments of `session-template create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Template file (JSON or YAML); stdin when omitted.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Domain name (default: the configured domain).
    #[arg(short = 'd', long, value_name = "DOMAIN_NAME")]
    pub domain: Option<String>,
    /// Group (project) name (default: the configured group).
    #[arg(short = 'g', long, value_name = "GROUP_NAME")]
    pub group: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
}

/// Arguments of `session-template update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Template ID.
    #[arg(value_name = "TEMPLATEID")]
    pub template_id: String,
    /// Template file (JSON or YAML); stdin when omitted.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
}

/// Arguments of `session-template delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Template ID.
    #[arg(value_name = "TEMPLATEID")]
    pub template_id: String,
    /// Delete without asking.
    #[arg(short = 'f', long)]
    pub force: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
}

/// The payload to send for a template text (JSON or YAML): always the JSON list of
/// `{name?, template}` documents the manager wants. The Python CLI sends the text as it is,
/// so the documented form (one bare `taskTemplate` in YAML or JSON) fails there with a
/// server error, and `update` fails on a YAML file with several documents (the 23.09 manager
/// reads an update's YAML as one document). Here a bare template or a lone document becomes
/// a one-item list, and YAML documents (`---`-separated, or one YAML list) become that list.
pub fn template_payload(text: &str) -> anyhow::Result<String> {
    let values = match serde_json::from_str::<Value>(text) {
        Ok(value) => vec![value],
        Err(_) => yaml_documents(text)?,
    };
    let mut documents = Vec::new();
    for value in values {
        match value {
            Value::Array(items) => documents.extend(items.into_iter().map(as_document)),
            Value::Null => {}
            other => documents.push(as_document(other)),
        }
    }
    if documents.is_empty() {
        return Err(usage("the template text holds no template"));
    }
    Ok(documents_payload(&documents))
}

/// Every document of a YAML text, as JSON values (empty documents are `null`).
fn yaml_documents(text: &str) -> anyhow::Result<Vec<Value>> {
    serde_norway::Deserializer::from_str(text)
        .map(Value::deserialize)
        .collect::<Result<_, _>>()
        .map_err(|e| usage(format!("the template is neither JSON nor YAML: {e}")))
}

fn as_document(item: Value) -> TemplateDocument {
    if item.get("template").is_some() {
        if let Ok(doc) = serde_json::from_value::<TemplateDocument>(item.clone()) {
            return doc;
        }
    }
    TemplateDocument::new(item)
}

/// `session-template create`.
pub fn create(ctx: &Context, a: &CreateArgs) -> anyhow::Result<()> {
    let payload = template_payload(&text_from_file_or_stdin(a.file.as_deref(), &ctx.out)?)?;
    let scope = TemplateScope {
        domain: a.domain.clone(),
        group: a.group.clone(),
        owner_access_key: a.owner.owner.clone(),
    };
    let client = ctx.client()?;
    let created = ctx.block_on(client.session_templates().create(&payload, &scope))??;
    let ids: Vec<&str> = created.iter().map(|t| t.id.as_str()).collect();
    let msg = format!("Task template {} created and ready", ids.join(", "));
    ctx.out
        .mutation(&msg, Some(("templates", serde_json::to_value(&created)?)))?;
    Ok(())
}

/// `session-template update`.
pub fn update(ctx: &Context, a: &UpdateArgs) -> anyhow::Result<()> {
    let payload = template_payload(&text_from_file_or_stdin(a.file.as_deref(), &ctx.out)?)?;
    let client = ctx.client()?;
    ctx.block_on(client.session_templates().update(
        &a.template_id,
        &payload,
        a.owner.owner.as_deref(),
    ))??;
    ctx.out
        .mutation(&format!("Task template {} updated", a.template_id), None)?;
    Ok(())
}

/// `session-template delete`.
pub fn delete(ctx: &Context, a: &DeleteArgs) -> anyhow::Result<()> {
    if !confirmed(a.force, &ctx.out)? {
        return Ok(());
    }
    let client = ctx.client()?;
    ctx.block_on(
        client
            .session_templates()
            .delete(&a.template_id, a.owner.owner.as_deref()),
    )??;
    ctx.out
        .mutation(&format!("Task template {} deleted", a.template_id), None)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sent(text: &str) -> Value {
        serde_json::from_str(&template_payload(text).unwrap()).unwrap()
    }

    #[test]
    fn a_bare_json_template_is_sent_as_a_one_document_list() {
        let t = json!({"api_version": "v1", "kind": "taskTemplate"});
        assert_eq!(sent(&t.to_string()), json!([{ "template": t }]));
    }

    #[test]
    fn json_documents_keep_their_names_and_lists_stay_lists() {
        let doc = json!({"name": "n", "template": {"kind": "taskTemplate"}});
        assert_eq!(sent(&doc.to_string()), json!([doc]));
        let list = json!([doc, {"kind": "taskTemplate"}]);
        assert_eq!(
            sent(&list.to_string()),
            json!([doc, {"template": {"kind": "taskTemplate"}}])
        );
    }

    #[test]
    fn yaml_documents_and_a_bare_yaml_template_become_the_json_list() {
        let bare = "---\napi_version: v1\nkind: taskTemplate\nmetadata:\n  name: t\n";
        assert_eq!(
            sent(bare),
            json!([{"template": {"api_version": "v1", "kind": "taskTemplate",
                                 "metadata": {"name": "t"}}}])
        );
        let two =
            "name: a\ntemplate: {kind: taskTemplate}\n---\nname: b\ntemplate: {kind: x}\n---\n";
        assert_eq!(
            sent(two),
            json!([{"name": "a", "template": {"kind": "taskTemplate"}},
                   {"name": "b", "template": {"kind": "x"}}])
        );
        let list = "- template: {kind: taskTemplate}\n";
        assert_eq!(sent(list), json!([{"template": {"kind": "taskTemplate"}}]));
    }

    #[test]
    fn text_that_is_no_template_is_a_usage_error() {
        assert!(template_payload("").is_err());
        assert!(template_payload("key: [unclosed").is_err());
    }
}
