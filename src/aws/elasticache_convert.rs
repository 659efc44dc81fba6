//! ElastiCache SDK types → opsdeck domain types; every string passes through `sanitize`.

use aws_sdk_elasticache::types as sdk;

use super::ecs_convert::time;
use crate::model::{Cache, CacheKind, CacheNode, Endpoint, SourceEvent};
use crate::sanitize::{clean, one_line};

fn text(s: Option<&str>) -> String {
    one_line(s.unwrap_or_default())
}

fn endpoint(e: &sdk::Endpoint) -> Endpoint {
    Endpoint {
        address: text(e.address()),
        port: e.port(),
    }
}

pub fn replication_group(g: &sdk::ReplicationGroup) -> Cache {
    // Cluster mode on: one configuration endpoint. Off: the node group's primary and reader.
    let first = g.node_groups().first();
    let primary = g
        .configuration_endpoint()
        .or_else(|| first.and_then(|n| n.primary_endpoint()))
        .map(endpoint);
    let cluster_mode = match (g.cluster_mode(), g.cluster_enabled()) {
        (Some(m), _) => m.as_str().to_ascii_lowercase(),
        (None, Some(true)) => "enabled".into(),
        (None, Some(false)) => "disabled".into(),
        (None, None) => String::new(),
    };
    Cache {
        kind: CacheKind::ReplicationGroup,
        id: text(g.replication_group_id()),
        arn: text(g.arn()),
        status: text(g.status()),
        engine: text(g.engine()),
        engine_version: String::new(),
        node_type: text(g.cache_node_type()),
        cluster_mode,
        primary_endpoint: primary,
        reader_endpoint: first.and_then(|n| n.reader_endpoint()).map(endpoint),
        members: g.member_clusters().iter().map(|m| one_line(m)).collect(),
        automatic_failover: g
            .automatic_failover()
            .map(|a| a.as_str().to_string())
            .unwrap_or_default(),
        multi_az: g
            .multi_az()
            .map(|a| a.as_str().to_string())
            .unwrap_or_default(),
        nodes: Vec::new(),
        num_nodes: Some(g.member_clusters().len() as i32),
        replication_group: None,
    }
}

pub fn cache_cluster(c: &sdk::CacheCluster) -> Cache {
    Cache {
        kind: CacheKind::CacheCluster,
        id: text(c.cache_cluster_id()),
        arn: text(c.arn()),
        status: text(c.cache_cluster_status()),
        engine: text(c.engine()),
        engine_version: text(c.engine_version()),
        node_type: text(c.cache_node_type()),
        cluster_mode: String::new(),
        primary_endpoint: c.configuration_endpoint().map(endpoint),
        reader_endpoint: None,
        members: Vec::new(),
        automatic_failover: String::new(),
        multi_az: String::new(),
        nodes: c
            .cache_nodes()
            .iter()
            .map(|n| CacheNode {
                id: text(n.cache_node_id()),
                status: text(n.cache_node_status()),
                endpoint: n.endpoint().map(endpoint),
            })
            .collect(),
        num_nodes: c.num_cache_nodes(),
        replication_group: c
            .replication_group_id()
            .filter(|g| !g.is_empty())
            .map(one_line),
    }
}

pub fn event(e: &sdk::Event) -> SourceEvent {
    SourceEvent {
        at: time(e.date()),
        source: text(e.source_identifier()),
        message: clean(e.message().unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replication_group_without_cluster_mode_shows_primary_and_reader_endpoints() {
        let ep = |a: &str| sdk::Endpoint::builder().address(a).port(6379).build();
        let g = sdk::ReplicationGroup::builder()
            .replication_group_id("sessions")
            .status("available")
            .cluster_enabled(false)
            .member_clusters("sessions-001")
            .member_clusters("sessions-002")
            .node_groups(
                sdk::NodeGroup::builder()
                    .primary_endpoint(ep("master.sessions.abc.use1.cache.amazonaws.com"))
                    .reader_endpoint(ep("replica.sessions.abc.use1.cache.amazonaws.com"))
                    .build(),
            )
            .automatic_failover(sdk::AutomaticFailoverStatus::Enabled)
            .multi_az(sdk::MultiAzStatus::Enabled)
            .build();
        let c = replication_group(&g);
        assert_eq!(c.cluster_mode, "disabled");
        assert_eq!(
            c.endpoint_label(),
            "master.sessions.abc.use1.cache.amazonaws.com:6379"
        );
        assert_eq!(c.cluster_ids(), vec!["sessions-001", "sessions-002"]);
        assert_eq!(
            (c.automatic_failover.as_str(), c.multi_az.as_str()),
            ("enabled", "enabled")
        );
    }
}
