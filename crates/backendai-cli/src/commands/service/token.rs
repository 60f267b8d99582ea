//! `bai service generate-token` (SDK `Services::generate_api_token`).

use clap::Args;

use super::target::ServiceArg;
use crate::context::Context;

/// Arguments of `service generate-token`.
#[derive(Debug, Args)]
pub struct TokenArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub service: ServiceArg,
    /// Total amount of time for token to be alive in short format (e.g. 3d, 2h, ...).
    #[arg(value_name = "DURATION")]
    pub duration: String,
}

/// `service generate-token`: the token on stdout (`{"token"}` with `-o json`), a status
/// line on stderr unless `-q` (the Python CLI's `-q` prints the token alone; so does ours).
pub fn generate(ctx: &Context, a: &TokenArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let id = a.service.resolve(ctx, client)?;
    let token = ctx.block_on(client.services().generate_api_token(&id, &a.duration))??;
    ctx.out.done("Generated API token.")?;
    ctx.out.either(&token, || token.token.clone())?;
    Ok(())
}
