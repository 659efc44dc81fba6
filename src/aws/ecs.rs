//! ECS reads, batched to the API maxima: DescribeServices takes 10 services a call,
//! DescribeTasks and DescribeClusters 100. List calls are paged to the end.

use std::sync::Arc;

use aws_sdk_ecs::types::{ClusterField, DesiredStatus};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::ecs_convert as convert;
use super::error::classify;
use super::{AwsError, Clients};
use crate::model::{Cluster, Service, Task};

pub const DESCRIBE_SERVICES_MAX: usize = 10;
pub const DESCRIBE_TASKS_MAX: usize = 100;
const DESCRIBE_CLUSTERS_MAX: usize = 100;
/// Describe calls in flight at once for one view: fast, but gentle on rate limits.
pub const DESCRIBE_CONCURRENCY: usize = 4;

/// Every cluster of the region with its statistics.
pub async fn clusters(clients: &Clients) -> Result<Vec<Cluster>, AwsError> {
    let mut arns = Vec::new();
    let mut pages = clients.ecs.list_clusters().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify("ecs:ListClusters", &e))?;
        arns.extend(page.cluster_arns().iter().cloned());
    }
    let mut out = Vec::with_capacity(arns.len());
    for chunk in arns.chunks(DESCRIBE_CLUSTERS_MAX) {
        let resp = clients
            .ecs
            .describe_clusters()
            .set_clusters(Some(chunk.to_vec()))
            .include(ClusterField::Statistics)
            .send()
            .await
            .map_err(|e| classify("ecs:DescribeClusters", &e))?;
        out.extend(resp.clusters().iter().map(convert::cluster));
    }
    Ok(out)
}

/// Services of a cluster, delivered batch by batch as DescribeServices calls return,
/// so rows appear while a 2,000-service cluster is still loading.
/// `emit` gets each batch; an error ends the load.
pub async fn services<F>(clients: &Clients, cluster: &str, mut emit: F) -> Result<(), AwsError>
where
    F: FnMut(Vec<Service>),
{
    let limit = Arc::new(Semaphore::new(DESCRIBE_CONCURRENCY));
    // Dropping the set (the load was cancelled) aborts the describe calls still running.
    let mut describing: JoinSet<Result<Vec<Service>, AwsError>> = JoinSet::new();
    let mut pages = clients
        .ecs
        .list_services()
        .cluster(cluster)
        .max_results(100)
        .into_paginator()
        .send();
    let mut listing = true;
    let mut listed = 0usize;
    loop {
        tokio::select! {
            page = pages.next(), if listing => match page {
                None => {
                    listing = false;
                    if listed == 0 {
                        ensure_cluster_exists(clients, cluster).await?;
                    }
                }
                Some(Err(e)) => return Err(cluster_context(classify("ecs:ListServices", &e), cluster)),
                Some(Ok(page)) => {
                    listed += page.service_arns().len();
                    for chunk in page.service_arns().chunks(DESCRIBE_SERVICES_MAX) {
                        let (clients, cluster, chunk, limit) =
                            (clients.clone(), cluster.to_string(), chunk.to_vec(), limit.clone());
                        describing.spawn(async move {
                            let _permit = limit.acquire_owned().await;
                            describe_services(&clients, &cluster, chunk).await
                        });
                    }
                }
            },
            Some(done) = describing.join_next(), if !describing.is_empty() => {
                match done {
                    Ok(Ok(batch)) => emit(batch),
                    Ok(Err(e)) => return Err(e),
                    Err(join) => return Err(AwsError::new(
                        super::ErrorKind::Other, "ecs:DescribeServices", join.to_string())),
                }
            },
            else => return Ok(()),
        }
    }
}

/// Some endpoints answer ListServices on a missing cluster with an empty list instead of
/// ClusterNotFoundException; an empty answer is checked with one DescribeClusters call.
async fn ensure_cluster_exists(clients: &Clients, cluster: &str) -> Result<(), AwsError> {
    let resp = clients
        .ecs
        .describe_clusters()
        .clusters(cluster)
        .send()
        .await
        .map_err(|e| classify("ecs:DescribeClusters", &e))?;
    let active = resp
        .clusters()
        .iter()
        .any(|c| c.status() != Some("INACTIVE"));
    if active {
        return Ok(());
    }
    let missing = AwsError::new(
        super::ErrorKind::NotFound,
        "ecs:ListServices",
        "Cluster not found.",
    );
    Err(cluster_context(missing, cluster))
}

/// Up to ten services by name or ARN.
pub async fn describe_services(
    clients: &Clients,
    cluster: &str,
    services: Vec<String>,
) -> Result<Vec<Service>, AwsError> {
    let resp = clients
        .ecs
        .describe_services()
        .cluster(cluster)
        .set_services(Some(services))
        .send()
        .await
        .map_err(|e| cluster_context(classify("ecs:DescribeServices", &e), cluster))?;
    Ok(resp.services().iter().map(convert::service).collect())
}

/// One service with its deployments and events; NotFound when ECS reports it missing.
pub async fn service(clients: &Clients, cluster: &str, name: &str) -> Result<Service, AwsError> {
    describe_services(clients, cluster, vec![name.to_string()])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| {
            AwsError::new(
                super::ErrorKind::NotFound,
                "ecs:DescribeServices",
                format!("service '{name}' was not found in cluster '{cluster}'"),
            )
        })
}

/// Tasks of a service (or of the whole cluster), running or recently stopped.
pub async fn tasks(
    clients: &Clients,
    cluster: &str,
    service: Option<&str>,
    stopped: bool,
) -> Result<Vec<Task>, AwsError> {
    let status = if stopped {
        DesiredStatus::Stopped
    } else {
        DesiredStatus::Running
    };
    let mut arns = Vec::new();
    let mut pages = clients
        .ecs
        .list_tasks()
        .cluster(cluster)
        .set_service_name(service.map(str::to_string))
        .desired_status(status)
        .max_results(100)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| cluster_context(classify("ecs:ListTasks", &e), cluster))?;
        arns.extend(page.task_arns().iter().cloned());
    }
    let limit = Arc::new(Semaphore::new(DESCRIBE_CONCURRENCY));
    let mut describing = JoinSet::new();
    for chunk in arns.chunks(DESCRIBE_TASKS_MAX) {
        let (clients, cluster, chunk, limit) = (
            clients.clone(),
            cluster.to_string(),
            chunk.to_vec(),
            limit.clone(),
        );
        describing.spawn(async move {
            let _permit = limit.acquire_owned().await;
            describe_tasks(&clients, &cluster, chunk).await
        });
    }
    let mut out = Vec::with_capacity(arns.len());
    while let Some(done) = describing.join_next().await {
        match done {
            Ok(batch) => out.extend(batch?),
            Err(join) => {
                return Err(AwsError::new(
                    super::ErrorKind::Other,
                    "ecs:DescribeTasks",
                    join.to_string(),
                ))
            }
        }
    }
    Ok(out)
}

/// Up to a hundred tasks by ARN or id.
pub async fn describe_tasks(
    clients: &Clients,
    cluster: &str,
    tasks: Vec<String>,
) -> Result<Vec<Task>, AwsError> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let resp = clients
        .ecs
        .describe_tasks()
        .cluster(cluster)
        .set_tasks(Some(tasks))
        .send()
        .await
        .map_err(|e| cluster_context(classify("ecs:DescribeTasks", &e), cluster))?;
    Ok(resp.tasks().iter().map(convert::task).collect())
}

/// ECS says only "Cluster not found."; say which one and what to do.
fn cluster_context(mut err: AwsError, cluster: &str) -> AwsError {
    if err.kind == super::ErrorKind::NotFound {
        err.message = format!(
            "cluster '{cluster}' does not exist in this account and region (esc shows the clusters)"
        );
    }
    err
}
