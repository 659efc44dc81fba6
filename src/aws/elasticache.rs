//! ElastiCache reads: replication groups and cache clusters (paged to the end), and one
//! cache's recent events for its detail.

use aws_sdk_elasticache::types::SourceType;

use super::elasticache_convert as convert;
use super::rds::fail;
use super::{AwsError, Clients, ErrorKind};
use crate::model::{Cache, CacheKind, DatastoreDetail, DatastoreItem, SourceEvent};

/// How far back a detail's events go: a week (ElastiCache keeps 14 days).
pub const EVENT_MINUTES: i32 = 7 * 24 * 60;

/// Every replication group and cache cluster (members of groups included) of the region.
pub async fn caches(clients: &Clients) -> Result<Vec<Cache>, AwsError> {
    let (mut groups, clusters) = tokio::try_join!(groups(clients, None), clusters(clients, None))?;
    // A replication group does not report its engine version; its members do.
    for g in &mut groups {
        if let Some(member) = clusters
            .iter()
            .find(|c| c.replication_group.as_deref() == Some(&g.id))
        {
            g.engine_version = member.engine_version.clone();
            if g.engine.is_empty() {
                g.engine = member.engine.clone();
            }
        }
    }
    groups.extend(clusters);
    Ok(groups)
}

async fn groups(clients: &Clients, id: Option<&str>) -> Result<Vec<Cache>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients
        .elasticache
        .describe_replication_groups()
        .set_replication_group_id(id.map(str::to_string))
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(fail!("elasticache:DescribeReplicationGroups"))?;
        out.extend(
            page.replication_groups()
                .iter()
                .map(convert::replication_group),
        );
    }
    Ok(out)
}

async fn clusters(clients: &Clients, id: Option<&str>) -> Result<Vec<Cache>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients
        .elasticache
        .describe_cache_clusters()
        .set_cache_cluster_id(id.map(str::to_string))
        .show_cache_node_info(true)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(fail!("elasticache:DescribeCacheClusters"))?;
        out.extend(page.cache_clusters().iter().map(convert::cache_cluster));
    }
    Ok(out)
}

/// One cache with its recent events, read concurrently.
pub async fn detail(
    clients: &Clients,
    kind: CacheKind,
    id: &str,
) -> Result<DatastoreDetail, AwsError> {
    let found = async {
        let list = match kind {
            CacheKind::ReplicationGroup => {
                let mut groups = groups(clients, Some(id)).await?;
                // A replication group does not report its engine version; its members do.
                if let Some(g) = groups.first_mut() {
                    if let Some(first) = g.members.first().cloned() {
                        if let Some(m) = clusters(clients, Some(&first)).await?.first() {
                            g.engine_version = m.engine_version.clone();
                        }
                    }
                }
                groups
            }
            CacheKind::CacheCluster => clusters(clients, Some(id)).await?,
        };
        list.into_iter().next().ok_or_else(|| {
            AwsError::new(
                ErrorKind::NotFound,
                "elasticache:DescribeCacheClusters",
                format!("cache '{id}' was not found"),
            )
        })
    };
    let (cache, events) = tokio::join!(found, events(clients, kind, id));
    Ok(DatastoreDetail {
        item: DatastoreItem::Cache(cache?),
        events,
        maintenance: Ok(Vec::new()),
    })
}

/// Events of the last week, newest first (one page of up to 100).
pub async fn events(
    clients: &Clients,
    kind: CacheKind,
    id: &str,
) -> Result<Vec<SourceEvent>, AwsError> {
    let source = match kind {
        CacheKind::ReplicationGroup => SourceType::ReplicationGroup,
        CacheKind::CacheCluster => SourceType::CacheCluster,
    };
    let resp = clients
        .elasticache
        .describe_events()
        .source_identifier(id)
        .source_type(source)
        .duration(EVENT_MINUTES)
        .max_records(100)
        .send()
        .await
        .map_err(fail!("elasticache:DescribeEvents"))?;
    let mut out: Vec<SourceEvent> = resp.events().iter().map(convert::event).collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.at));
    Ok(out)
}
