//! `bai admin quota-scope get|set|unset HOST IDENTIFIER` (SDK `QuotaScopes`: the REST API on
//! 26.9 managers, GraphQL on 23.09): a user's (UUID or e-mail) or project's (UUID or name)
//! quota on a storage host.

use backendai_core::parse::parse_byte_size;
use backendai_sdk::groups::quota_scope::QuotaScopeType;
use clap::{Args, Subcommand};

use crate::context::Context;
use crate::exit::usage;
use crate::output::FieldSpec;

/// `admin quota-scope`.
#[derive(Debug, Subcommand)]
pub enum QuotaScopeCommand {
    /// Get a quota scope.
    Get(Target),
    /// Set a quota scope.
    Set(SetArgs),
    /// Unset a quota scope.
    Unset(Target),
}

/// The quota scope: a host and a user or project.
#[derive(Debug, Args)]
pub struct Target {
    /// Name of the vfolder host (storage volume).
    pub host: String,
    /// ID or email for user, ID or name for project.
    pub identifier: String,
    /// Specify the domain name.
    #[arg(
        short = 'd',
        long = "domain",
        visible_alias = "domain-name",
        default_value = "default"
    )]
    pub domain: String,
    /// Specify per-user quota scope or per-project quota scope.
    #[arg(short = 't', long = "type", default_value = "user",
          value_parser = ["user", "project"], ignore_case = true)]
    pub kind: String,
}

/// `admin quota-scope set`.
#[derive(Debug, Args)]
pub struct SetArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub target: Target,
    /// Byte-size to be allocated to quota scope of a user or project (e.g., 1t, 500g).
    #[arg(value_name = "LIMIT_BYTES")]
    pub limit_bytes: String,
}

/// The fields of a quota scope.
pub const QUOTA_SCOPE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("quota_scope_id").label("Quota Scope ID"),
    FieldSpec::new("storage_host_name").label("Storage Host"),
    FieldSpec::new("usage_bytes").label("Usage (bytes)"),
    FieldSpec::new("usage_count").label("Usage (files)"),
    FieldSpec::new("hard_limit_bytes").label("Hard Limit (bytes)"),
];

impl Target {
    /// Resolves the identifier to `user:<uuid>` / `project:<uuid>`.
    fn qsid(&self, ctx: &Context) -> anyhow::Result<String> {
        let kind: QuotaScopeType = self.kind.parse()?;
        let qs = ctx.client()?.quota_scopes();
        Ok(ctx.block_on(qs.resolve(kind, &self.identifier, &self.domain))??)
    }
}

/// Runs one `admin quota-scope` subcommand.
pub fn run(ctx: &Context, cmd: QuotaScopeCommand) -> anyhow::Result<()> {
    match cmd {
        QuotaScopeCommand::Get(t) => {
            let qsid = t.qsid(ctx)?;
            let qs = ctx.client()?.quota_scopes();
            let scope = ctx.block_on(qs.get(&t.host, &qsid))??;
            let v = serde_json::to_value(&scope)?;
            if ctx.out.json_mode() {
                ctx.out.json(&scope)?;
            } else {
                let rows: serde_json::Map<String, serde_json::Value> = QUOTA_SCOPE_FIELDS
                    .iter()
                    .map(|f| (f.label.to_owned(), f.cell(&v).into()))
                    .collect();
                ctx.out.item(&rows)?;
            }
            Ok(())
        }
        QuotaScopeCommand::Set(a) => {
            let limit = parse_byte_size(&a.limit_bytes)
                .map_err(|e| usage(format!("invalid LIMIT_BYTES {:?}: {e}", a.limit_bytes)))?;
            let limit = i64::try_from(limit)
                .map_err(|_| usage(format!("LIMIT_BYTES {:?} is too large", a.limit_bytes)))?;
            let qsid = a.target.qsid(ctx)?;
            let qs = ctx.client()?.quota_scopes();
            let scope = ctx.block_on(qs.set(&a.target.host, &qsid, limit))??;
            let msg = format!(
                "Quota scope {qsid} on {} set to {limit} bytes.",
                a.target.host
            );
            ctx.out
                .mutation(&msg, Some(("quota_scope", serde_json::to_value(&scope)?)))?;
            Ok(())
        }
        QuotaScopeCommand::Unset(t) => {
            let qsid = t.qsid(ctx)?;
            let qs = ctx.client()?.quota_scopes();
            let scope = ctx.block_on(qs.unset(&t.host, &qsid))??;
            let msg = format!("Quota scope {qsid} on {} unset.", t.host);
            ctx.out
                .mutation(&msg, Some(("quota_scope", serde_json::to_value(&scope)?)))?;
            Ok(())
        }
    }
}
