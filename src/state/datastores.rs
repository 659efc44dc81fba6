//! The databases (RDS) and caches (ElastiCache) panes: two lists and one detail view.

use std::cmp::Ordering;

use super::health::Health;
use super::table::Row;
use super::{Load, Table};
use crate::model::{Cache, Database, DatastoreDetail, DatastoreTarget};

#[derive(Debug, Clone, Default)]
pub struct DatabasesView {
    pub table: Table<Database>,
    pub load: Load,
    pub health: Health,
}

#[derive(Debug, Clone, Default)]
pub struct CachesView {
    pub table: Table<Cache>,
    pub load: Load,
    pub health: Health,
}

#[derive(Debug, Clone)]
pub struct DatastoreView {
    pub target: DatastoreTarget,
    pub detail: Option<DatastoreDetail>,
    pub load: Load,
    pub health: Health,
    /// First event shown (scrolls the events list).
    pub events_scroll: usize,
}

impl DatastoreView {
    pub fn new(target: DatastoreTarget) -> Self {
        DatastoreView {
            target,
            detail: None,
            load: Load::default(),
            health: Health::default(),
            events_scroll: 0,
        }
    }
}

impl Row for Database {
    const COLUMNS: &'static [&'static str] = &[
        "IDENTIFIER",
        "KIND",
        "STATUS",
        "ENGINE",
        "CLASS",
        "AZ",
        "STORAGE",
        "FREE",
        "CPU",
        "PARAMS",
        "ENDPOINT",
    ];
    fn key(&self) -> &str {
        &self.arn
    }
    fn matches(&self, filter: &str) -> bool {
        [&self.id, &self.status, &self.engine, &self.class]
            .iter()
            .any(|s| s.to_lowercase().contains(filter))
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.kind_label().cmp(other.kind_label()),
            2 => self.status.cmp(&other.status),
            3 => (&self.engine, &self.engine_version).cmp(&(&other.engine, &other.engine_version)),
            4 => self.class.cmp(&other.class),
            5 => self.multi_az.cmp(&other.multi_az),
            6 => self.storage_gb.cmp(&other.storage_gb),
            9 => self.parameter_status.cmp(&other.parameter_status),
            10 => self
                .endpoint
                .as_ref()
                .map(|e| &e.address)
                .cmp(&other.endpoint.as_ref().map(|e| &e.address)),
            // FREE and CPU live in the metrics, not the row: by identifier.
            _ => self.id.cmp(&other.id),
        }
    }
}

impl Row for Cache {
    const COLUMNS: &'static [&'static str] = &[
        "ID",
        "KIND",
        "STATUS",
        "ENGINE",
        "NODE TYPE",
        "NODES",
        "FAILOVER",
        "CPU",
        "MEM",
        "ENDPOINT",
    ];
    fn key(&self) -> &str {
        &self.arn
    }
    fn matches(&self, filter: &str) -> bool {
        [&self.id, &self.status, &self.node_type]
            .iter()
            .any(|s| s.to_lowercase().contains(filter))
            || self
                .replication_group
                .as_ref()
                .is_some_and(|g| g.to_lowercase().contains(filter))
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.kind_label().cmp(other.kind_label()),
            2 => self.status.cmp(&other.status),
            3 => (&self.engine, &self.engine_version).cmp(&(&other.engine, &other.engine_version)),
            4 => self.node_type.cmp(&other.node_type),
            5 => self.num_nodes.cmp(&other.num_nodes),
            6 => self.automatic_failover.cmp(&other.automatic_failover),
            9 => self.endpoint_label().cmp(&other.endpoint_label()),
            _ => self.id.cmp(&other.id),
        }
    }
}
