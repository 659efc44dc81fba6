//! ElastiCache: a Redis replication group with automatic failover and Multi-AZ, and standalone
//! Redis cache clusters. The emulator keeps them as records (no Redis runs).

use anyhow::Result;
use aws_sdk_elasticache::types::Tag;

use crate::aws::{Aws, Ctx};
use crate::catalog::{CACHE_CLUSTERS, REPLICATION_GROUP};

fn tags(project: &str, stack: &str) -> Vec<Tag> {
    [
        ("project", project),
        ("environment", "production"),
        ("aws:cloudformation:stack-name", stack),
    ]
    .iter()
    .map(|(k, v)| Tag::builder().key(*k).value(*v).build())
    .collect()
}

async fn replication_group(aws: &Aws) -> Result<Vec<String>> {
    let out = aws
        .cache
        .create_replication_group()
        .replication_group_id(REPLICATION_GROUP)
        .replication_group_description("omni-acme sessions, rate limits and search cache")
        .engine("redis")
        .engine_version("7.1")
        .cache_node_type("cache.r6g.large")
        .num_cache_clusters(2)
        .automatic_failover_enabled(true)
        .multi_az_enabled(true)
        .transit_encryption_enabled(true)
        .at_rest_encryption_enabled(true)
        .snapshot_retention_limit(3)
        .snapshot_window("04:00-05:00")
        .preferred_maintenance_window("sun:06:00-sun:07:00")
        .set_tags(Some(tags("omni-acme", "omni-acme-infra")))
        .send()
        .await
        .ctx(format!("CreateReplicationGroup {REPLICATION_GROUP}"))?;
    Ok(out
        .replication_group()
        .map(|g| g.member_clusters().to_vec())
        .unwrap_or_default())
}

async fn cache_cluster(aws: &Aws, id: &str) -> Result<()> {
    let (project, stack, node, version) = if id.starts_with("farsight") {
        ("farsight", "farsight-infra", "cache.m6g.large", "7.1")
    } else {
        (
            "omen-production",
            "omen-production-infra",
            "cache.t4g.medium",
            "6.2",
        )
    };
    aws.cache
        .create_cache_cluster()
        .cache_cluster_id(id)
        .engine("redis")
        .engine_version(version)
        .cache_node_type(node)
        .num_cache_nodes(1)
        .snapshot_retention_limit(1)
        .set_tags(Some(tags(project, stack)))
        .send()
        .await
        .ctx(format!("CreateCacheCluster {id}"))?;
    Ok(())
}

/// Creates the caches; returns every cache cluster id (replication group members included),
/// which is what the CloudWatch metrics are keyed by.
pub async fn seed(aws: &Aws) -> Result<Vec<String>> {
    let (mut members, _, _) = tokio::try_join!(
        replication_group(aws),
        cache_cluster(aws, CACHE_CLUSTERS[0]),
        cache_cluster(aws, CACHE_CLUSTERS[1]),
    )?;
    members.extend(CACHE_CLUSTERS.iter().map(|s| s.to_string()));
    Ok(members)
}
