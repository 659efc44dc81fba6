//! Domain types: what opsdeck shows, independent of the AWS SDK's types.
//! `src/aws/` converts SDK responses into these at the boundary.

mod cluster;
pub mod jump;
mod service;
mod severity;
pub mod stack;
mod task;
pub mod timeline;

pub use cluster::Cluster;
pub use jump::Jump;
pub use service::{
    CircuitBreaker, Deployment, DeploymentConfig, LoadBalancer, NetworkConfig, Service,
    ServiceEvent,
};
pub use severity::Severity;
pub use stack::{
    Stack, StackDetail, StackEvent, StackOutput, StackParameter, StackRef, StackResource,
};
pub use task::{Container, Task};
pub use timeline::{TimelineData, TimelineEntry};

/// Wall-clock instant used throughout the model.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// The last path segment of an ARN (`arn:...:task/cluster/abc` → `abc`).
pub fn arn_tail(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}
