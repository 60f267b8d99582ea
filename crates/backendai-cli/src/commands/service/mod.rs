//! `bai service ...` beside the SDK's `groups::service`: model services (inference
//! endpoints). One file per job; this module only routes.

pub mod auto_scaling_rule;
pub mod create;
pub mod info;
pub mod list;
pub mod manage;
pub mod routes;
pub mod target;
pub mod token;
pub mod try_start;

use clap::Subcommand;

use crate::commands::args::PageArgs;
use crate::context::Context;

/// `service` subcommands.
#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// List the service endpoints.
    List(PageArgs),
    /// Display the detail of a service endpoint with its backing inference session.
    Info(target::ServiceArg),
    /// Create a service endpoint with a backing inference session.
    Create(Box<create::CreateArgs>),
    /// Remove the service endpoint.
    Rm(target::ServiceArg),
    /// Sync route status with AppProxy.
    Sync(target::ServiceArg),
    /// Start or resume the service endpoint to handle the incoming traffic.
    Scale(manage::ScaleArgs),
    /// Generate an API token to communicate with inference endpoint.
    GenerateToken(token::TokenArgs),
    /// Returns API Endpoint URL of the service.
    GetEndpoint(target::ServiceArg),
    /// Update traffic ratio of single route.
    UpdateTrafficRatio(routes::RatioArgs),
    /// Destroy route and its associated session and decrement desired session count of
    /// endpoint.
    DownscaleRoute(routes::DownscaleArgs),
    /// Try to start a model service session and report whether its server came up (26.9
    /// managers).
    TryStart(Box<try_start::TryStartArgs>),
    /// Auto-scaling rules of a service (26.9 managers).
    #[command(subcommand)]
    AutoScalingRule(auto_scaling_rule::AutoScalingRuleCommand),
}

/// Runs one `service` subcommand.
pub fn run(ctx: &Context, cmd: ServiceCommand) -> anyhow::Result<()> {
    match cmd {
        ServiceCommand::List(a) => list::list(ctx, &a),
        ServiceCommand::Info(a) => info::info(ctx, &a),
        ServiceCommand::Create(a) => create::create(ctx, &a),
        ServiceCommand::Rm(a) => manage::rm(ctx, &a),
        ServiceCommand::Sync(a) => manage::sync(ctx, &a),
        ServiceCommand::Scale(a) => manage::scale(ctx, &a),
        ServiceCommand::GenerateToken(a) => token::generate(ctx, &a),
        ServiceCommand::GetEndpoint(a) => info::get_endpoint(ctx, &a),
        ServiceCommand::UpdateTrafficRatio(a) => routes::update_traffic_ratio(ctx, &a),
        ServiceCommand::DownscaleRoute(a) => routes::downscale(ctx, &a),
        ServiceCommand::TryStart(a) => try_start::try_start(ctx, &a),
        ServiceCommand::AutoScalingRule(c) => auto_scaling_rule::run(ctx, c),
    }
}
