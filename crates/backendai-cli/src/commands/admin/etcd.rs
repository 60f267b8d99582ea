//! `bai admin etcd ...` (SDK `groups::admin::etcd`).

use clap::Subcommand;
use serde_json::Value;

use crate::context::Context;

/// `admin etcd`.
#[derive(Debug, Subcommand)]
pub enum EtcdCommand {
    /// Get a value (or all values under a prefix).
    Get {
        /// Key.
        key: String,
        /// Treat the key as a prefix.
        #[arg(short = 'p', long)]
        prefix: bool,
    },
    /// Set a value (JSON values are sent as JSON, anything else as a string).
    Set {
        /// Key.
        key: String,
        /// Value.
        value: String,
    },
    /// Delete a key (or all keys under a prefix).
    Delete {
        /// Key.
        key: String,
        /// Treat the key as a prefix.
        #[arg(short = 'p', long)]
        prefix: bool,
    },
}

/// Runs `admin etcd ...`.
pub fn run(ctx: &Context, cmd: EtcdCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let e = client.etcd();
    match cmd {
        EtcdCommand::Get { key, prefix } => {
            // etcd values are JSON documents: printed as JSON in both formats.
            let v = ctx.block_on(e.get(&key, prefix))??;
            ctx.out.json(&v)?;
        }
        EtcdCommand::Set { key, value } => {
            let v = serde_json::from_str::<Value>(&value).unwrap_or(Value::String(value));
            let r = ctx.block_on(e.set(&key, v))??;
            ctx.out
                .mutation(&format!("Key {key} is set."), Some(("result", r)))?;
        }
        EtcdCommand::Delete { key, prefix } => {
            let r = ctx.block_on(e.delete(&key, prefix))??;
            ctx.out
                .mutation(&format!("Key {key} is deleted."), Some(("result", r)))?;
        }
    }
    Ok(())
}
