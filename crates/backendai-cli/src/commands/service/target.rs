//! The `SERVICE_NAME_OR_ID` argument every `service` command but `list`/`create` takes, and
//! its resolution to a service id.

use backendai_sdk::Client;
use clap::Args;

use crate::context::Context;

/// A service given by name or id.
#[derive(Debug, Args, Clone)]
pub struct ServiceArg {
    /// Service name or endpoint id.
    #[arg(value_name = "SERVICE_NAME_OR_ID")]
    pub service: String,
}

impl ServiceArg {
    /// The service's id: a UUID as is, a name looked up among the caller's services.
    pub fn resolve(&self, ctx: &Context, client: &Client) -> anyhow::Result<String> {
        Ok(ctx.block_on(client.services().resolve(&self.service))??)
    }
}
