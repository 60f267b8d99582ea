//! Command implementations, one module per group, and the dispatcher.

pub mod admin;
pub mod admin1909;
pub mod aime;
pub mod app;
pub mod auth;
pub mod completion;
pub mod config;
pub mod events;
pub mod proxy;
pub mod run;
pub mod server_logs;
pub mod session;
pub mod system;
pub mod vfolder;

use crate::cli::Command;
use crate::context::Context;

/// Runs one command.
pub fn dispatch(ctx: &Context, command: Command, bin_name: &str) -> anyhow::Result<()> {
    match command {
        Command::Config(args) => config::run(ctx, &args),
        Command::Completion(args) => completion::run(&args, bin_name),
        Command::App(args) => app::run_app(ctx, &args),
        Command::Ssh(args) => app::run_ssh(ctx, &args),
        Command::Scp(args) => app::run_scp(ctx, &args),
        Command::Login(args) => auth::login(ctx, &args),
        Command::Logout => auth::logout(ctx),
        Command::Ps(a) => session::list(ctx, &a),
        Command::Run(a) => run::run(ctx, &a),
        Command::Create(a) => session::create(ctx, &a),
        Command::Destroy(a) => session::destroy(ctx, &a),
        Command::Restart(a) => session::restart(ctx, &a),
        Command::Logs(a) => session::logs(ctx, &a),
        Command::Events(a) => events::events(ctx, &a),
        Command::Watch(a) => events::watch(ctx, &a),
        Command::Info(a) => session::info(ctx, &a),
        Command::Rename(a) => session::rename(ctx, &a),
        Command::Upload(a) => session::upload(ctx, &a),
        Command::Download(a) => session::download(ctx, &a),
        Command::Ls(a) => session::ls(ctx, &a),
        Command::Session(c) => session::run(ctx, c),
        Command::Vfolder(c) => vfolder::run(ctx, c),
        Command::Admin(c) => admin::run(ctx, c),
        Command::Announcement(c) => system::announcement(ctx, c),
        Command::Manager(c) => admin::manager(ctx, c),
        Command::TaskLogs(a) => system::task_logs(ctx, &a),
        Command::Proxy(a) => proxy::run(ctx, &a),
        Command::UpdatePassword(a) => system::update_password(ctx, &a),
        Command::ServerLogs(c) => server_logs::run(ctx, c),
        Command::Aime(args) => {
            let file = crate::context::aime_settings()?;
            ctx.block_on(aime::run(args, ctx.out.json_mode(), file))?
        }
    }
}
