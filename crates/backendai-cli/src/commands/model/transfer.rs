//! `bai model upload|download`: files of one model version (`versions/<MODEL_VER>/...`),
//! moved by the SDK's `Models::upload`/`download` over the VFolder transfers, with the
//! progress bars and the report of `bai vfolder upload|download`.

use std::path::PathBuf;

use backendai_sdk::transfer::TransferOptions;
use clap::Args;

use crate::commands::vfolder::transfer::{base_dir, progress_opts, report_transfers, TransferArgs};
use crate::context::Context;
use crate::exit::usage;

/// Arguments of `model upload`.
#[derive(Debug, Args)]
pub struct UploadArgs {
    /// The model (folder) name.
    #[arg(value_name = "MODEL")]
    pub model: String,
    /// Files to upload, relative to --base-dir.
    #[arg(value_name = "FILENAMES", required = true)]
    pub files: Vec<PathBuf>,
    /// The version the files belong to.
    #[arg(value_name = "MODEL_VER")]
    pub version: String,
    /// The local directory the files are relative to [default: the current directory].
    #[arg(short = 'b', long)]
    pub base_dir: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub transfer: TransferArgs,
}

/// Arguments of `model download`.
#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// The model (folder) name.
    #[arg(value_name = "MODEL_NAME")]
    pub model: String,
    /// Files of the version to download (paths relative to the version).
    #[arg(value_name = "FILENAMES", required = true)]
    pub files: Vec<String>,
    /// The version to download from.
    #[arg(value_name = "MODEL_VER")]
    pub version: String,
    /// The local directory to save into [default: the current directory].
    #[arg(short = 'b', long)]
    pub base_dir: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub transfer: TransferArgs,
    /// Maximum retry attempt when any failure occurs.
    #[arg(long, default_value_t = 20)]
    pub max_retries: u32,
}

fn check_version(version: &str) -> anyhow::Result<()> {
    if version.is_empty() || version.split('/').any(|c| c.is_empty() || c == "..") {
        return Err(usage(format!("invalid MODEL_VER {version:?}")));
    }
    Ok(())
}

/// `model upload`.
pub fn upload(ctx: &Context, a: UploadArgs) -> anyhow::Result<()> {
    check_version(&a.version)?;
    let mut opts = a.transfer.options(ctx)?;
    let base = base_dir(&a.base_dir)?;
    for f in &a.files {
        let local = base.join(f);
        if !local.is_file() {
            return Err(usage(format!("{} is not a readable file", local.display())));
        }
    }
    let bars = progress_opts(ctx, &mut opts);
    let client = ctx.client()?;
    let r = ctx.block_on(
        client
            .models()
            .upload(&a.model, &a.version, &base, &a.files, &opts),
    )?;
    let _ = bars.clear();
    report_transfers(ctx, "Uploaded", &r?)
}

/// `model download`.
pub fn download(ctx: &Context, a: DownloadArgs) -> anyhow::Result<()> {
    check_version(&a.version)?;
    let mut opts = TransferOptions {
        max_retries: a.max_retries,
        ..a.transfer.options(ctx)?
    };
    let base = base_dir(&a.base_dir)?;
    for f in &a.files {
        if f.split('/').any(|c| c == "..") {
            return Err(usage(format!("refusing path with '..': {f}")));
        }
        if let Some(parent) = base.join(f.trim_start_matches('/')).parent() {
            std::fs::create_dir_all(parent)?;
        }
    }
    let bars = progress_opts(ctx, &mut opts);
    let client = ctx.client()?;
    let r = ctx.block_on(
        client
            .models()
            .download(&a.model, &a.version, &base, &a.files, &opts),
    )?;
    let _ = bars.clear();
    report_transfers(ctx, "Downloaded", &r?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_one_plain_path() {
        assert!(check_version("1").is_ok());
        assert!(check_version("v1/sub").is_ok());
        assert!(check_version("").is_err());
        assert!(check_version("../x").is_err());
    }
}
