//! Domain types: what opsdeck shows, independent of the AWS SDK's types.
//! `src/aws/` converts SDK responses into these at the boundary.

mod cluster;
mod datastore;
pub mod metrics;
mod service;
mod severity;
mod task;

pub use cluster::Cluster;
pub use datastore::{
    Cache, CacheKind, CacheNode, Database, DatastoreDetail, DatastoreItem, DatastoreTarget, DbKind,
    Endpoint, Maintenance, SourceEvent,
};
pub use metrics::{Alarm, MetricQuery, MetricsReport};
pub use service::{
    CircuitBreaker, Deployment, DeploymentConfig, LoadBalancer, NetworkConfig, Service,
    ServiceEvent,
};
pub use severity::Severity;
pub use task::{Container, Task};

/// Wall-clock instant used throughout the model.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// The last path segment of an ARN (`arn:...:task/cluster/abc` → `abc`).
pub fn arn_tail(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}
