//! opsdeck-seed: builds the opsdeck demo world in a local AWS emulator (or any endpoint) through
//! the official AWS SDK, keeps it moving for demos, and creates large clusters for benchmarks.

mod alarms;
mod animate;
mod applines;
mod aws;
mod cache;
mod catalog;
mod cfn;
mod ecs;
mod lines;
mod logs;
mod metrics;
mod otherlogs;
mod rds;
mod scale;
mod signals;
mod taskdefs;
mod tasklogs;
mod templates;
mod timeline;
mod traces;
mod weblines;
mod world;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "opsdeck-seed", version, about)]
struct Cli {
    /// The AWS endpoint to seed, e.g. http://127.0.0.1:4566 (required).
    #[arg(long, global = true, env = "OPSDECK_EMULATOR_URL", value_name = "URL")]
    endpoint_url: Option<String>,
    /// Region to seed.
    #[arg(long, global = true, default_value = "us-east-1")]
    region: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the demo world: stacks, clusters, services, task definitions, logs, databases,
    /// caches and metrics.
    World,
    /// Keep the world moving until stopped: new log lines, metric points and deployments.
    Animate,
    /// Create a cluster with many services (desired count 0) for benchmarks.
    Scale {
        #[arg(long)]
        cluster: String,
        #[arg(long, default_value_t = 2000)]
        services: usize,
        /// CreateService calls in flight at once.
        #[arg(long, default_value_t = 16)]
        parallel: usize,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(endpoint) = cli.endpoint_url else {
        eprintln!("opsdeck-seed: --endpoint-url URL is required (or set OPSDECK_EMULATOR_URL)");
        return ExitCode::from(2);
    };
    let aws = aws::Aws::connect(&endpoint, &cli.region).await;
    let result = match cli.command {
        Command::World => world::run(&aws, &endpoint).await,
        Command::Animate => animate::run(&aws).await,
        Command::Scale {
            cluster,
            services,
            parallel,
        } => scale::run(&aws, &cluster, services, parallel).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("opsdeck-seed: {e:#}");
            ExitCode::FAILURE
        }
    }
}
