//! `bai image list|forget|purge` (26.9; SDK `ImageRecords::search`, `forget`, `purge`, the
//! REST `/admin/images` API). `bai admin image ...` (23.09, GraphQL) is unchanged.

use backendai_sdk::groups::image::{ImageRecord, SearchBody};
use backendai_sdk::Client;
use clap::Args;
use serde_json::{json, Value};

use crate::commands::v26::client_26_09;
use crate::context::Context;
use crate::exit::{usage, with_status, ExitStatus};
use crate::output::fields::human_bytes;
use crate::output::FieldSpec;

const WHAT: &str = "the image REST API";

/// The label a customized (user-committed) image carries.
pub const CUSTOMIZED_LABEL: &str = "ai.backend.customized-image.owner";

/// The columns of `image list`.
pub const IMAGE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("architecture").label("Architecture"),
    FieldSpec::new("type").label("Type"),
    FieldSpec::new("status").label("Status"),
    FieldSpec::new("size_bytes")
        .label("Size")
        .format(|v| human_bytes(v.as_u64().unwrap_or(0))),
];

/// Arguments of `image list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only images customized by users (committed sessions).
    #[arg(long)]
    pub customized: bool,
}

/// Arguments of `image forget`.
#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// Image ID or canonical reference.
    #[arg(value_name = "REFERENCE_OR_ID")]
    pub image: String,
    /// Architecture of the image given by reference.
    #[arg(long)]
    pub arch: Option<String>,
}

/// Arguments of `image purge`.
#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Image ID or canonical reference.
    #[arg(value_name = "REFERENCE_OR_ID")]
    pub image: String,
    /// Architecture of the image given by reference.
    #[arg(long)]
    pub arch: Option<String>,
    /// Also delete the image from its registry (not offered by the 26.9 REST API).
    #[arg(long)]
    pub remove_from_registry: bool,
}

fn is_customized(image: &ImageRecord) -> bool {
    image.labels.iter().any(|l| l.key == CUSTOMIZED_LABEL)
}

/// Every image, page by page.
async fn all_images(
    client: &Client,
    filter: Option<Value>,
) -> backendai_sdk::Result<Vec<ImageRecord>> {
    let mut out = Vec::new();
    loop {
        let mut body = SearchBody::page(500, out.len() as u32);
        body.filter = filter.clone();
        let page = client.image_records().search(&body).await?;
        let got = page.items.len();
        out.extend(page.items);
        if got == 0 || out.len() as u64 >= page.pagination.total {
            return Ok(out);
        }
    }
}

/// The image ID: the argument itself when it is a UUID, else the one image with that
/// canonical name (and architecture).
fn resolve(
    ctx: &Context,
    client: &Client,
    image: &str,
    arch: Option<&str>,
) -> anyhow::Result<String> {
    if backendai_sdk::groups::rest_v9::uuid_arg("image ID", image).is_ok() {
        return Ok(image.to_owned());
    }
    let mut filter = json!({ "name": { "equals": image } });
    if let Some(a) = arch {
        filter["architecture"] = json!({ "equals": a });
    }
    let found = ctx.block_on(all_images(client, Some(filter)))??;
    match found.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(with_status(
            ExitStatus::Failure,
            format!("image {image} not found"),
        )),
        _ => Err(usage(format!(
            "{} images are named {image}; choose one with --arch",
            found.len()
        ))),
    }
}

/// `image list`.
pub fn list(ctx: &Context, a: &ListArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let mut images = ctx.block_on(all_images(client, None))??;
    if a.customized {
        images.retain(is_customized);
    }
    ctx.out.list(&images, IMAGE_FIELDS, "No images.")?;
    Ok(())
}

/// `image forget`.
pub fn forget(ctx: &Context, a: &ForgetArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let id = resolve(ctx, client, &a.image, a.arch.as_deref())?;
    let img = ctx.block_on(client.image_records().forget(&id))??;
    let msg = format!("Image {} ({}) forgotten", img.name, img.id);
    ctx.out
        .mutation(&msg, Some(("image", serde_json::to_value(&img)?)))?;
    Ok(())
}

/// `image purge`.
pub fn purge(ctx: &Context, a: &PurgeArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    if a.remove_from_registry {
        return Err(usage(
            "--remove-from-registry is not offered by the 26.9 REST image API",
        ));
    }
    let id = resolve(ctx, client, &a.image, a.arch.as_deref())?;
    let img = ctx.block_on(client.image_records().purge(&id))??;
    let msg = format!("Image {} ({}) purged", img.name, img.id);
    ctx.out
        .mutation(&msg, Some(("image", serde_json::to_value(&img)?)))?;
    Ok(())
}
