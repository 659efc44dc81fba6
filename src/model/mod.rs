//! Domain types: what opsdeck shows, independent of the AWS SDK's types.
//! `src/aws/` converts SDK responses into these at the boundary.

mod cluster;
mod datastore;
mod exec;
pub mod jump;
pub mod live_tail;
mod log_ingest;
pub mod log_overlap;
pub mod log_tail;
pub mod logs;
pub mod metrics;
mod mutation;
mod service;
mod severity;
pub mod stack;
mod task;
mod task_definition;
pub mod task_definition_diff;
mod tunnel;

pub use cluster::Cluster;
pub use exec::{ExecSession, TempCredentials};
pub use log_tail::{LogQuery, LogScope, LogTarget, StartPoint, TailCursor, TailMethod};
pub use logs::{LogEvent, LogGroup, LogStream};
pub use mutation::{Accepted, Mutation, ScalableTarget};
pub mod timeline;

pub use datastore::{
    Cache, CacheKind, CacheNode, Database, DatastoreDetail, DatastoreItem, DatastoreTarget, DbKind,
    Endpoint, Maintenance, SourceEvent,
};
pub use jump::Jump;
pub use metrics::{Alarm, MetricQuery, MetricsReport};
pub use service::{
    CircuitBreaker, Deployment, DeploymentConfig, LoadBalancer, NetworkConfig, Service,
    ServiceEvent,
};
pub use severity::Severity;
pub use stack::{
    Stack, StackDetail, StackEvent, StackOutput, StackParameter, StackRef, StackResource,
};
pub use task::{Container, Task};
pub use task_definition::{
    image_repository, image_tag, ContainerDefinition, ContainerDependency, EnvVar, HealthCheck,
    LogConfiguration, MountPoint, PortMapping, RuntimePlatform, Secret, TaskDefinition,
    TaskDefinitionRef, Ulimit, Volume,
};
pub use timeline::{TimelineData, TimelineEntry};
pub use tunnel::{Destination, Tunnel, TunnelId, TunnelState, TunnelTarget};

/// Wall-clock instant used throughout the model.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// The last path segment of an ARN (`arn:...:task/cluster/abc` → `abc`).
pub fn arn_tail(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}
