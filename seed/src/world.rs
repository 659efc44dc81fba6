//! `opsdeck-seed world`: builds the whole demo world, independent parts concurrently.

use std::time::Instant;

use anyhow::Result;
use chrono::Utc;
use futures::future::try_join_all;

use crate::aws::{error_code, Aws, Ctx};
use crate::catalog::{
    BOOTSTRAP_STACK, EXTERNAL_ID, EXTRA_LOG_GROUPS, OPERATOR_ACCOUNT, PROJECTS, REPLICATION_GROUP,
};
use crate::{alarms, cache, cfn, ecs, logs, metrics, otherlogs, rds, tasklogs};

/// True when the demo world is already there (its first service exists).
async fn already_seeded(aws: &Aws) -> Result<bool> {
    let out = aws
        .ecs
        .list_services()
        .cluster(PROJECTS[0].cluster)
        .send()
        .await;
    match out {
        Ok(o) => Ok(!o.service_arns().is_empty()),
        Err(e) if error_code(&e) == Some("ClusterNotFoundException") => Ok(false),
        Err(e) => Err(e).ctx("ListServices"),
    }
}

async fn log_groups(aws: &Aws) -> Result<usize> {
    let mut groups: Vec<(&str, i32, &str)> =
        PROJECTS.iter().map(|p| (p.log_group, 30, p.name)).collect();
    groups.extend(EXTRA_LOG_GROUPS.iter().map(|g| (*g, 14, "shared")));
    try_join_all(
        groups
            .iter()
            .map(|(g, days, project)| logs::create_group(aws, g, *days, project)),
    )
    .await?;
    Ok(groups.len())
}

async fn stack_status(aws: &Aws, stack: &str) -> String {
    aws.cfn
        .describe_stacks()
        .stack_name(stack)
        .send()
        .await
        .ok()
        .and_then(|o| {
            o.stacks()
                .first()
                .and_then(|s| s.stack_status())
                .map(|s| s.as_str().to_string())
        })
        .unwrap_or_else(|| "?".to_string())
}

pub async fn run(aws: &Aws, endpoint: &str) -> Result<()> {
    let started = Instant::now();
    let now = Utc::now();
    if already_seeded(aws).await? {
        println!(
            "opsdeck-seed: {} already has services at {endpoint}; nothing to do",
            PROJECTS[0].cluster
        );
        return Ok(());
    }
    let minutes = metrics::minutes(now, 60);

    let projects = try_join_all(PROJECTS.iter().map(|p| async move {
        let outputs = cfn::create_infra(aws, p).await?;
        let (counts, ()) = tokio::try_join!(
            ecs::seed_project(aws, p, &outputs),
            cfn::update_infra(aws, p)
        )?;
        Ok::<_, anyhow::Error>(counts)
    }));
    let caches = async {
        let ids = cache::seed(aws).await?;
        let points = metrics::put(aws, &metrics::cache_series(&ids), now, &minutes).await?;
        Ok::<_, anyhow::Error>((ids.len(), points))
    };
    let mut series = metrics::ecs_series();
    series.extend(metrics::rds_series());
    let (projects, groups, bootstrap, dbs, (cache_clusters, cache_points), points, firing) = tokio::try_join!(
        projects,
        log_groups(aws),
        cfn::create_bootstrap(aws),
        rds::seed(aws),
        caches,
        metrics::put(aws, &series, now, &minutes),
        alarms::seed(aws),
    )?;

    let clusters: Vec<&str> = PROJECTS.iter().map(|p| p.cluster).collect();
    let tasks = ecs::all_tasks(aws, &clusters, true).await?;
    let ((streams, events), (other_streams, other_events)) =
        tokio::try_join!(tasklogs::seed(aws, &tasks, now), otherlogs::seed(aws, now))?;

    let mut stacks: Vec<&str> = PROJECTS.iter().map(|p| p.stack).collect();
    stacks.push(BOOTSTRAP_STACK);
    let statuses = try_join_all(stacks.iter().map(|s| async move {
        let events = cfn::event_count(aws, s).await?;
        Ok::<_, anyhow::Error>(format!(
            "{s} {} ({events} events)",
            stack_status(aws, s).await
        ))
    }))
    .await?;

    let running = tasks.iter().filter(|t| t.running).count();
    println!(
        "opsdeck-seed: world seeded at {endpoint} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    println!(
        "  ECS             {} clusters, {} services, {} task definitions, {running} running + {} stopped tasks",
        projects.iter().map(|c| c.clusters).sum::<usize>(),
        projects.iter().map(|c| c.services).sum::<usize>(),
        projects.iter().map(|c| c.task_definitions).sum::<usize>(),
        tasks.len() - running,
    );
    println!(
        "  CloudWatch Logs {groups} groups, {} streams, {} events",
        streams + other_streams,
        events + other_events
    );
    println!("  CloudFormation  {}", statuses.join(", "));
    println!(
        "  RDS             {} instances, {} Aurora cluster",
        dbs.instances, dbs.clusters
    );
    println!(
        "  ElastiCache     replication group {REPLICATION_GROUP}, {cache_clusters} cache clusters"
    );
    println!(
        "  Metrics         {} data points; {firing} alarms in ALARM",
        points + cache_points
    );
    println!(
        "  Bootstrap role  {} (trusts account {OPERATOR_ACCOUNT}, External ID {EXTERNAL_ID})",
        bootstrap.get("RoleArn").map(String::as_str).unwrap_or("?")
    );
    Ok(())
}
