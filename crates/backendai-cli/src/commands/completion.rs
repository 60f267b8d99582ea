//! `bai completion SHELL`: shell completion scripts.

use clap_complete::Shell;

use crate::context::Context;

/// Arguments of `completion`.
#[derive(Debug, clap::Args)]
pub struct CompletionArgs {
    /// The shell to generate the script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the completion script of the command tree `cmd` (called `bin_name`) on stdout.
/// The script is the output in every format: `-o json` has nothing to add to it.
pub fn run(
    ctx: &Context,
    args: &CompletionArgs,
    mut cmd: clap::Command,
    bin_name: &str,
) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, bin_name, &mut buf);
    ctx.out.raw(&buf)?;
    Ok(())
}
