//! `bai network create|list|get|delete` (SDK `Networks::create`, `list`, `get`,
//! `delete`; 26.9, GraphQL).

use backendai_sdk::groups::network::DEFAULT_FIELDS;
use clap::Args;

use crate::commands::args::{format_fields_arg, GqlPage};
use crate::commands::show::item_or_not_found;
use crate::commands::v26::client_26_09;
use crate::context::Context;
use crate::exit::with_status;
use crate::exit::ExitStatus;
use crate::output::fields::select;
use crate::output::FieldSpec;

const WHAT: &str = "networks";

/// The network fields `--format` can name, with their labels.
pub const NETWORK_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("ref_name").label("Ref Name"),
    FieldSpec::new("driver").label("Driver"),
    FieldSpec::new("created_at").label("Created At"),
    FieldSpec::new("row_id").label("ID"),
    FieldSpec::new("project").label("Project"),
    FieldSpec::new("domain_name").label("Domain"),
    FieldSpec::new("updated_at").label("Updated At"),
];

/// Arguments of `network create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Project (ID or name) the network belongs to.
    #[arg(value_name = "PROJECT_ID_OR_NAME")]
    pub project: String,
    /// Network name.
    pub name: String,
    /// Network driver (the server's default when omitted).
    #[arg(short = 'd', long)]
    pub driver: Option<String>,
}

format_fields_arg!(
    FormatArgs,
    "Only these fields, comma-separated (e.g. name,driver)."
);

/// Arguments of `network list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub format: FormatArgs,
    /// Query filter expression (e.g. 'name == "net1"').
    #[arg(long)]
    pub filter: Option<String>,
    /// Ordering expression (e.g. '-created_at').
    #[arg(long)]
    pub order: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: GqlPage,
}

/// Arguments of `network get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// Network ID or name.
    #[arg(value_name = "NETWORK_ID_OR_NAME")]
    pub network: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub format: FormatArgs,
}

/// Arguments of `network delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Network ID or name.
    #[arg(value_name = "NETWORK_ID_OR_NAME")]
    pub network: String,
}

/// `network create`.
pub fn create(ctx: &Context, a: &CreateArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let id = ctx.block_on(
        client
            .networks()
            .create(&a.project, &a.name, a.driver.as_deref()),
    )??;
    let msg = format!("Network {} (ID {id}) created", a.name);
    ctx.out
        .mutation(&msg, Some(("network", serde_json::json!({ "row_id": id }))))?;
    Ok(())
}

/// `network list`.
pub fn list(ctx: &Context, a: &ListArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let names = a.format.names();
    let page = ctx.block_on(client.networks().list(
        &names,
        a.page.limit,
        a.page.offset,
        a.filter.as_deref(),
        a.order.as_deref(),
    ))??;
    let shown: Vec<String> = if names.is_empty() {
        DEFAULT_FIELDS.iter().map(|s| s.to_string()).collect()
    } else {
        a.format.format.clone()
    };
    let fields = select(NETWORK_FIELDS, &shown);
    ctx.out
        .page(&page.items, page.total_count, &fields, "No networks.")?;
    Ok(())
}

/// `network get`.
pub fn get(ctx: &Context, a: &GetArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let n = ctx.block_on(client.networks().get(&a.network, &a.format.names()))??;
    item_or_not_found(ctx, n, &format!("network {}", a.network))
}

/// `network delete`.
pub fn delete(ctx: &Context, a: &DeleteArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let r = ctx.block_on(client.networks().delete(&a.network))??;
    match r.check() {
        Ok(_) => {
            ctx.out
                .mutation(&format!("Network {} deleted", a.network), None)?;
            Ok(())
        }
        Err(e) => Err(with_status(ExitStatus::Failure, e)),
    }
}
