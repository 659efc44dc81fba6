//! ECS: clusters, services (created on a recent revision, then deployed again or scaled), and
//! task discovery for the log seeding.

use anyhow::Result;
use aws_sdk_ecs::types::{
    AssignPublicIp, AwsVpcConfiguration, CapacityProviderStrategyItem, ClusterSetting,
    ClusterSettingName, DeploymentCircuitBreaker, DeploymentConfiguration, DesiredStatus,
    LoadBalancer, NetworkConfiguration, PropagateTags, Tag,
};
use futures::future::try_join_all;

use crate::aws::{Aws, Ctx};
use crate::catalog::{After, Project, Service};
use crate::cfn::Outputs;
use crate::taskdefs;

#[derive(Default, Debug)]
pub struct Counts {
    pub clusters: usize,
    pub services: usize,
    pub task_definitions: usize,
}

fn tag(k: &str, v: &str) -> Tag {
    Tag::builder().key(k).value(v).build()
}

fn strategy(provider: &str, base: i32, weight: i32) -> Result<CapacityProviderStrategyItem> {
    CapacityProviderStrategyItem::builder()
        .capacity_provider(provider)
        .base(base)
        .weight(weight)
        .build()
        .ctx("CapacityProviderStrategyItem")
}

pub async fn create_cluster(aws: &Aws, name: &str, stack: Option<&str>) -> Result<()> {
    let mut tags = vec![tag("environment", "production")];
    if let Some(stack) = stack {
        tags.push(tag("aws:cloudformation:stack-name", stack));
    }
    aws.ecs
        .create_cluster()
        .cluster_name(name)
        .capacity_providers("FARGATE")
        .capacity_providers("FARGATE_SPOT")
        .default_capacity_provider_strategy(strategy("FARGATE", 1, 1)?)
        .settings(
            ClusterSetting::builder()
                .name(ClusterSettingName::ContainerInsights)
                .value("enabled")
                .build(),
        )
        .set_tags(Some(tags))
        .send()
        .await
        .ctx(format!("CreateCluster {name}"))?;
    Ok(())
}

pub fn network(outputs: &Outputs) -> Result<NetworkConfiguration> {
    let subnets = outputs
        .get("PrivateSubnetIds")
        .map(|s| s.split(',').map(str::to_string).collect::<Vec<_>>())
        .unwrap_or_else(|| {
            vec![
                "subnet-0a1b2c3d4e5f60718".to_string(),
                "subnet-0f9e8d7c6b5a40312".to_string(),
            ]
        });
    let sg = outputs
        .get("ServiceSecurityGroupId")
        .cloned()
        .unwrap_or_else(|| "sg-0c1d2e3f4a5b6c7d8".to_string());
    Ok(NetworkConfiguration::builder()
        .awsvpc_configuration(
            AwsVpcConfiguration::builder()
                .set_subnets(Some(subnets))
                .security_groups(sg)
                .assign_public_ip(AssignPublicIp::Disabled)
                .build()
                .ctx("AwsVpcConfiguration")?,
        )
        .build())
}

async fn create_service(
    aws: &Aws,
    p: &Project,
    s: &Service,
    task_definition: &str,
    outputs: &Outputs,
) -> Result<()> {
    let mut req = aws
        .ecs
        .create_service()
        .cluster(p.cluster)
        .service_name(s.name)
        .task_definition(task_definition)
        .desired_count(s.desired)
        .network_configuration(network(outputs)?)
        .deployment_configuration(
            DeploymentConfiguration::builder()
                .maximum_percent(200)
                .minimum_healthy_percent(100)
                .deployment_circuit_breaker(
                    DeploymentCircuitBreaker::builder()
                        .enable(true)
                        .rollback(true)
                        .build(),
                )
                .build(),
        )
        .enable_execute_command(s.exec)
        .enable_ecs_managed_tags(true)
        .propagate_tags(PropagateTags::Service)
        .tags(tag("aws:cloudformation:stack-name", p.stack))
        .tags(tag("project", p.name))
        .tags(tag("service", s.name));
    // Web and API services run a FARGATE base with the rest on FARGATE_SPOT; workers all spot.
    req = if s.containers.iter().any(|c| c.port.is_some()) {
        req.capacity_provider_strategy(strategy("FARGATE", 1, 1)?)
            .capacity_provider_strategy(strategy("FARGATE_SPOT", 0, 3)?)
    } else {
        req.capacity_provider_strategy(strategy("FARGATE_SPOT", 0, 1)?)
    };
    if s.load_balanced {
        if let (Some(tg), Some(c)) = (
            outputs.get("TargetGroupArn"),
            s.containers.iter().find(|c| c.port.is_some()),
        ) {
            req = req
                .load_balancers(
                    LoadBalancer::builder()
                        .target_group_arn(tg)
                        .container_name(c.name)
                        .set_container_port(c.port)
                        .build(),
                )
                .health_check_grace_period_seconds(60);
        }
    }
    req.send()
        .await
        .ctx(format!("CreateService {}/{}", p.cluster, s.name))?;
    Ok(())
}

/// What happens after creation: deployments of each newer revision in turn, or a scale.
async fn after(aws: &Aws, p: &Project, s: &Service, arns: &[String], created: usize) -> Result<()> {
    let what = format!("UpdateService {}/{}", p.cluster, s.name);
    let update = || aws.ecs.update_service().cluster(p.cluster).service(s.name);
    match s.after {
        None => {}
        Some(After::DeployLatest) => {
            for td in arns.iter().skip(created + 1) {
                update().task_definition(td).send().await.ctx(&what)?;
            }
        }
        Some(After::ScaleTo(n)) => {
            update().desired_count(n).send().await.ctx(&what)?;
        }
    }
    Ok(())
}

async fn seed_service(aws: &Aws, p: &Project, s: &Service, outputs: &Outputs) -> Result<usize> {
    let arns = taskdefs::register_family(aws, p, s, outputs).await?;
    let index = (arns.len() as i32 - 1 - s.behind).max(0) as usize;
    if let Some(td) = arns.get(index) {
        create_service(aws, p, s, td, outputs).await?;
        after(aws, p, s, &arns, index).await?;
    }
    Ok(arns.len())
}

/// The project's cluster, its task definition families and services.
pub async fn seed_project(aws: &Aws, p: &Project, outputs: &Outputs) -> Result<Counts> {
    create_cluster(aws, p.cluster, Some(p.stack)).await?;
    let revisions =
        try_join_all(p.services.iter().map(|s| seed_service(aws, p, s, outputs))).await?;
    Ok(Counts {
        clusters: 1,
        services: p.services.len(),
        task_definitions: revisions.iter().sum(),
    })
}

/// A task as the log seeder and the animator need it.
#[derive(Clone, Debug)]
pub struct TaskRef {
    pub cluster: String,
    pub group: String,
    pub id: String,
    pub containers: Vec<String>,
    pub task_definition: String,
    pub running: bool,
    /// Milliseconds since the epoch.
    pub started_at: Option<i64>,
}

/// Every task of the cluster with the given desired status (RUNNING or STOPPED).
async fn tasks(aws: &Aws, cluster: &str, status: DesiredStatus) -> Result<Vec<TaskRef>> {
    let mut arns = Vec::new();
    let mut pages = aws
        .ecs
        .list_tasks()
        .cluster(cluster)
        .desired_status(status.clone())
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        arns.extend(
            page.ctx(format!("ListTasks {cluster}"))?
                .task_arns()
                .iter()
                .cloned(),
        );
    }
    let described = try_join_all(arns.chunks(100).map(|chunk| {
        aws.ecs
            .describe_tasks()
            .cluster(cluster)
            .set_tasks(Some(chunk.to_vec()))
            .send()
    }))
    .await
    .ctx(format!("DescribeTasks {cluster}"))?;
    Ok(described
        .iter()
        .flat_map(|d| d.tasks())
        .filter_map(|t| {
            let id = t.task_arn()?.rsplit('/').next()?.to_string();
            Some(TaskRef {
                cluster: cluster.to_string(),
                group: t.group().unwrap_or_default().to_string(),
                id,
                containers: t
                    .containers()
                    .iter()
                    .filter_map(|c| c.name().map(str::to_string))
                    .collect(),
                task_definition: t.task_definition_arn().unwrap_or_default().to_string(),
                running: status == DesiredStatus::Running,
                started_at: t
                    .started_at()
                    .map(|d| d.secs() * 1000 + i64::from(d.subsec_nanos() / 1_000_000)),
            })
        })
        .collect())
}

/// Running and stopped tasks of the given clusters.
pub async fn all_tasks(aws: &Aws, clusters: &[&str], stopped_too: bool) -> Result<Vec<TaskRef>> {
    let mut wanted = Vec::new();
    for c in clusters {
        wanted.push((*c, DesiredStatus::Running));
        if stopped_too {
            wanted.push((*c, DesiredStatus::Stopped));
        }
    }
    let lists = try_join_all(wanted.into_iter().map(|(c, st)| tasks(aws, c, st))).await?;
    Ok(lists.into_iter().flatten().collect())
}
