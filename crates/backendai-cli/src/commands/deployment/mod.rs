//! `bai deployment ...` beside the SDK's `groups::deployment` (26.9): deployments
//! (`deployments`), revisions (`revision`), routes (`route`) and the rollout policy
//! (`policy`). This module only routes.

pub mod deployments;
pub mod policy;
pub mod revision;
pub mod route;

use clap::Subcommand;

use crate::context::Context;

/// `deployment` subcommands.
#[derive(Debug, Subcommand)]
pub enum DeploymentCommand {
    /// Create a deployment from a JSON configuration file.
    Create(deployments::CreateArgs),
    /// List deployments.
    List(deployments::ListArgs),
    /// Show a deployment.
    Info(deployments::IdArgs),
    /// Rename or rescale a deployment.
    Update(deployments::UpdateArgs),
    /// Destroy a deployment.
    Destroy(deployments::DestroyArgs),
    /// Revisions of a deployment.
    #[command(subcommand)]
    Revision(revision::RevisionCommand),
    /// Routes (replicas) of a deployment.
    #[command(subcommand)]
    Route(route::RouteCommand),
    /// The rollout policy of a deployment.
    #[command(subcommand)]
    Policy(policy::PolicyCommand),
}

/// Runs one `deployment` subcommand.
pub fn run(ctx: &Context, cmd: DeploymentCommand) -> anyhow::Result<()> {
    match cmd {
        DeploymentCommand::Create(a) => deployments::create(ctx, &a),
        DeploymentCommand::List(a) => deployments::list(ctx, &a),
        DeploymentCommand::Info(a) => deployments::info(ctx, &a),
        DeploymentCommand::Update(a) => deployments::update(ctx, &a),
        DeploymentCommand::Destroy(a) => deployments::destroy(ctx, &a),
        DeploymentCommand::Revision(c) => revision::run(ctx, c),
        DeploymentCommand::Route(c) => route::run(ctx, c),
        DeploymentCommand::Policy(c) => policy::run(ctx, c),
    }
}
