//! Private endpoints of the account's databases and caches, offered as port-forwarding
//! destinations (RDS instances and Aurora clusters, ElastiCache Redis groups and clusters).

use super::error::classify;
use super::{AwsError, Clients};
use crate::model::Destination;

/// Every endpoint the account's RDS and ElastiCache describe, labelled. A service the
/// caller may not read is skipped (the other's endpoints are still offered); only when
/// both fail is it an error.
pub async fn private_endpoints(clients: &Clients) -> Result<Vec<Destination>, AwsError> {
    let (rds, cache) = tokio::join!(rds(clients), elasticache(clients));
    match (rds, cache) {
        (Err(e), Err(_)) => Err(e),
        (rds, cache) => {
            let mut all = rds.unwrap_or_default();
            all.extend(cache.unwrap_or_default());
            Ok(all)
        }
    }
}

fn endpoint(label: String, host: Option<&str>, port: Option<i32>) -> Option<Destination> {
    let host = host.filter(|h| !h.is_empty())?.to_string();
    let port = u16::try_from(port?).ok()?;
    Some(Destination { label, host, port })
}

async fn rds(clients: &Clients) -> Result<Vec<Destination>, AwsError> {
    let mut out = Vec::new();
    let clusters = clients
        .rds
        .describe_db_clusters()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| classify("rds:DescribeDBClusters", &e))?;
    for c in clusters {
        let id = c.db_cluster_identifier().unwrap_or_default();
        out.extend(endpoint(
            format!("RDS cluster {id} (writer)"),
            c.endpoint(),
            c.port(),
        ));
        out.extend(endpoint(
            format!("RDS cluster {id} (readers)"),
            c.reader_endpoint(),
            c.port(),
        ));
    }
    let instances = clients
        .rds
        .describe_db_instances()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| classify("rds:DescribeDBInstances", &e))?;
    for i in instances {
        let id = i.db_instance_identifier().unwrap_or_default();
        let engine = i.engine().unwrap_or_default();
        if let Some(e) = i.endpoint() {
            out.extend(endpoint(
                format!("RDS {id} ({engine})"),
                e.address(),
                e.port(),
            ));
        }
    }
    Ok(out)
}

async fn elasticache(clients: &Clients) -> Result<Vec<Destination>, AwsError> {
    let mut out = Vec::new();
    let groups = clients
        .elasticache
        .describe_replication_groups()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| classify("elasticache:DescribeReplicationGroups", &e))?;
    for g in groups {
        let id = g.replication_group_id().unwrap_or_default();
        if let Some(e) = g.configuration_endpoint() {
            out.extend(endpoint(
                format!("Redis {id} (configuration)"),
                e.address(),
                e.port(),
            ));
        }
        for group in g.node_groups() {
            if let Some(e) = group.primary_endpoint() {
                out.extend(endpoint(
                    format!("Redis {id} (primary)"),
                    e.address(),
                    e.port(),
                ));
            }
            if let Some(e) = group.reader_endpoint() {
                out.extend(endpoint(
                    format!("Redis {id} (readers)"),
                    e.address(),
                    e.port(),
                ));
            }
        }
    }
    Ok(out)
}
