//! `opsdeck-seed scale`: a cluster with many services (desired count 0, one shared task
//! definition) for benchmarks, created with bounded parallelism.

use std::time::Instant;

use anyhow::{bail, Result};
use aws_sdk_ecs::types::{
    Compatibility, ContainerDefinition, LogConfiguration, LogDriver, NetworkMode, PortMapping,
};
use futures::stream::{self, StreamExt};

use crate::aws::{error_message, Aws, Ctx};
use crate::cfn::Outputs;
use crate::ecs;

const FAMILY: &str = "bench-app";

/// Realistic-looking names: team, component and a number.
pub fn service_name(i: usize) -> String {
    const TEAMS: &[&str] = &[
        "payments", "search", "identity", "catalog", "billing", "growth", "ml", "ops",
    ];
    const PARTS: &[&str] = &[
        "api",
        "worker",
        "consumer",
        "scheduler",
        "gateway",
        "indexer",
    ];
    format!(
        "{}-{}-{:04}",
        TEAMS[i % TEAMS.len()],
        PARTS[(i / TEAMS.len()) % PARTS.len()],
        i
    )
}

async fn task_definition(aws: &Aws, cluster: &str) -> Result<String> {
    let out = aws
        .ecs
        .register_task_definition()
        .family(FAMILY)
        .requires_compatibilities(Compatibility::Fargate)
        .network_mode(NetworkMode::Awsvpc)
        .cpu("256")
        .memory("512")
        .container_definitions(
            ContainerDefinition::builder()
                .name("app")
                .image(aws.image(FAMILY, "1.0.0"))
                .essential(true)
                .port_mappings(PortMapping::builder().container_port(8080).build())
                .log_configuration(
                    LogConfiguration::builder()
                        .log_driver(LogDriver::Awslogs)
                        .options("awslogs-group", format!("/ecs/{cluster}"))
                        .options("awslogs-region", aws.region.clone())
                        .options("awslogs-stream-prefix", FAMILY)
                        .build()
                        .ctx("LogConfiguration")?,
                )
                .build(),
        )
        .send()
        .await
        .ctx(format!("RegisterTaskDefinition {FAMILY}"))?;
    Ok(out
        .task_definition()
        .and_then(|t| t.task_definition_arn())
        .unwrap_or(FAMILY)
        .to_string())
}

pub async fn run(aws: &Aws, cluster: &str, services: usize, parallel: usize) -> Result<()> {
    let started = Instant::now();
    ecs::create_cluster(aws, cluster, None).await?;
    let td = task_definition(aws, cluster).await?;
    let network = ecs::network(&Outputs::new())?;
    let results: Vec<Result<bool>> = stream::iter(0..services)
        .map(|i| {
            let (td, network) = (td.clone(), network.clone());
            async move {
                let name = service_name(i);
                let created = aws
                    .ecs
                    .create_service()
                    .cluster(cluster)
                    .service_name(&name)
                    .task_definition(td)
                    .desired_count(0)
                    .launch_type(aws_sdk_ecs::types::LaunchType::Fargate)
                    .network_configuration(network)
                    .send()
                    .await;
                match created {
                    Ok(_) => Ok(true),
                    // Already there from an earlier run ("Creation of service was not idempotent").
                    Err(e) if error_message(&e).is_some_and(|m| m.contains("idempotent")) => {
                        Ok(false)
                    }
                    Err(e) => Err(e).ctx(format!("CreateService {cluster}/{name}")),
                }
            }
        })
        .buffer_unordered(parallel.max(1))
        .collect()
        .await;
    let created = results.iter().filter(|r| matches!(r, Ok(true))).count();
    let existing = results.iter().filter(|r| matches!(r, Ok(false))).count();
    let errors: Vec<&anyhow::Error> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "opsdeck-seed scale: cluster {cluster}: {created} services created, {existing} already existed, {} failed in {secs:.1} s ({:.0} services/s, {parallel} in flight)",
        errors.len(),
        (created + existing) as f64 / secs.max(0.001),
    );
    if let Some(first) = errors.first() {
        bail!(
            "{} CreateService calls failed; first: {first:#}",
            errors.len()
        );
    }
    Ok(())
}
