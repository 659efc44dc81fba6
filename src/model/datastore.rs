//! RDS databases (DB instances and Aurora clusters) and ElastiCache caches (replication
//! groups and cache clusters), as the databases and caches panes show them.

use super::{Severity, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DbKind {
    Instance,
    /// An Aurora (or Multi-AZ) DB cluster.
    Cluster,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Endpoint {
    pub address: String,
    pub port: Option<i32>,
}

impl Endpoint {
    /// `host:port`, or `-` when AWS has none yet (a database being created).
    pub fn label(&self) -> String {
        match (self.address.is_empty(), self.port) {
            (true, _) => "-".into(),
            (false, Some(p)) => format!("{}:{p}", self.address),
            (false, None) => self.address.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Database {
    pub kind: DbKind,
    pub id: String,
    pub arn: String,
    pub status: String,
    pub engine: String,
    pub engine_version: String,
    /// Instance class; for a cluster, its instance class when it has one.
    pub class: String,
    pub multi_az: bool,
    pub zones: Vec<String>,
    pub storage_gb: Option<i32>,
    pub storage_type: String,
    pub endpoint: Option<Endpoint>,
    /// Aurora's reader endpoint.
    pub reader_endpoint: Option<String>,
    pub parameter_group: String,
    /// `in-sync`, `pending-reboot`, `applying`… (the worst of the instance's groups).
    pub parameter_status: String,
    /// Pending modified values, each as `what → value`.
    pub pending: Vec<String>,
    pub backup_window: String,
    pub latest_restorable: Option<Timestamp>,
    /// The cluster an instance belongs to.
    pub cluster: Option<String>,
    /// A cluster's instances, writer first, as `id (writer)` / `id (reader)`.
    pub members: Vec<String>,
}

impl Database {
    pub fn kind_label(&self) -> &'static str {
        match self.kind {
            DbKind::Instance => "instance",
            DbKind::Cluster => "cluster",
        }
    }

    /// Instance identifiers whose metrics and alarms belong to this row.
    pub fn instance_ids(&self) -> Vec<String> {
        match self.kind {
            DbKind::Instance => vec![self.id.clone()],
            DbKind::Cluster => self
                .members
                .iter()
                .map(|m| m.split(' ').next().unwrap_or(m).to_string())
                .collect(),
        }
    }

    pub fn pending_reboot(&self) -> bool {
        self.parameter_status == "pending-reboot"
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CacheKind {
    ReplicationGroup,
    CacheCluster,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheNode {
    pub id: String,
    pub status: String,
    pub endpoint: Option<Endpoint>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    pub kind: CacheKind,
    pub id: String,
    pub arn: String,
    pub status: String,
    pub engine: String,
    pub engine_version: String,
    pub node_type: String,
    /// Replication groups: `enabled` / `disabled` / `compatible` (cluster mode).
    pub cluster_mode: String,
    pub primary_endpoint: Option<Endpoint>,
    pub reader_endpoint: Option<Endpoint>,
    /// Replication groups: their member cache clusters.
    pub members: Vec<String>,
    pub automatic_failover: String,
    pub multi_az: String,
    /// Cache clusters: their nodes.
    pub nodes: Vec<CacheNode>,
    pub num_nodes: Option<i32>,
    /// The replication group a cache cluster belongs to.
    pub replication_group: Option<String>,
}

impl Cache {
    pub fn kind_label(&self) -> &'static str {
        match self.kind {
            CacheKind::ReplicationGroup => "group",
            CacheKind::CacheCluster => "cluster",
        }
    }

    /// Cache cluster ids whose metrics (keyed by CacheClusterId) belong to this row.
    pub fn cluster_ids(&self) -> Vec<String> {
        match self.kind {
            CacheKind::ReplicationGroup => self.members.clone(),
            CacheKind::CacheCluster => vec![self.id.clone()],
        }
    }

    /// The endpoint to show in a list: primary (or configuration) endpoint, else the first node's.
    pub fn endpoint_label(&self) -> String {
        self.primary_endpoint
            .as_ref()
            .or_else(|| self.nodes.iter().find_map(|n| n.endpoint.as_ref()))
            .map_or_else(|| "-".into(), Endpoint::label)
    }
}

/// A recent RDS or ElastiCache event about one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEvent {
    pub at: Option<Timestamp>,
    pub source: String,
    pub message: String,
}

/// A pending RDS maintenance action (DescribePendingMaintenanceActions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Maintenance {
    pub action: String,
    pub description: String,
    /// When it will be applied (auto-applied date, forced date or current apply date).
    pub apply_after: Option<Timestamp>,
    pub opt_in: String,
}

impl Severity {
    /// RDS DB instance and cluster status.
    pub fn of_db_status(status: &str) -> Severity {
        match status {
            "available" => Severity::Ok,
            "failed"
            | "storage-full"
            | "inaccessible-encryption-credentials"
            | "inaccessible-encryption-credentials-recoverable"
            | "restore-error" => Severity::Failed,
            s if s.starts_with("incompatible-") => Severity::Failed,
            "stopped" | "stopping" | "deleting" => Severity::Muted,
            "" => Severity::Neutral,
            // creating, modifying, rebooting, backing-up, maintenance, upgrading, starting,
            // renaming, resetting-master-credentials, storage-optimization…: work in progress.
            _ => Severity::Progress,
        }
    }

    /// ElastiCache replication group, cache cluster and node status.
    pub fn of_cache_status(status: &str) -> Severity {
        match status {
            "available" => Severity::Ok,
            "create-failed" | "incompatible-network" | "restore-failed" => Severity::Failed,
            s if s.starts_with("incompatible-") => Severity::Failed,
            "deleting" | "deleted" => Severity::Muted,
            "" => Severity::Neutral,
            // creating, modifying, rebooting cluster nodes, snapshotting…
            _ => Severity::Progress,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_statuses_fall_into_three_colour_groups() {
        assert_eq!(Severity::of_db_status("available"), Severity::Ok);
        for s in [
            "creating",
            "modifying",
            "rebooting",
            "backing-up",
            "maintenance",
        ] {
            assert_eq!(Severity::of_db_status(s), Severity::Progress, "{s}");
        }
        for s in [
            "failed",
            "storage-full",
            "incompatible-parameters",
            "incompatible-network",
        ] {
            assert_eq!(Severity::of_db_status(s), Severity::Failed, "{s}");
        }
    }

    #[test]
    fn cache_statuses_fall_into_three_colour_groups() {
        assert_eq!(Severity::of_cache_status("available"), Severity::Ok);
        assert_eq!(Severity::of_cache_status("modifying"), Severity::Progress);
        assert_eq!(Severity::of_cache_status("create-failed"), Severity::Failed);
    }
}

/// What a database or cache detail shows besides the resource itself. Events and
/// maintenance are read separately, so one failing leaves the rest on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatastoreDetail {
    pub item: DatastoreItem,
    pub events: Result<Vec<SourceEvent>, crate::aws::AwsError>,
    /// RDS only; empty for caches.
    pub maintenance: Result<Vec<Maintenance>, crate::aws::AwsError>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatastoreItem {
    Database(Database),
    Cache(Cache),
}

/// Which database or cache a detail view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatastoreTarget {
    Database(DbKind, String),
    Cache(CacheKind, String),
}

impl DatastoreTarget {
    pub fn id(&self) -> &str {
        match self {
            DatastoreTarget::Database(_, id) | DatastoreTarget::Cache(_, id) => id,
        }
    }
}
