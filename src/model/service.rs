use super::Timestamp;

/// An ECS service with what the services view and service detail show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Service {
    pub arn: String,
    pub name: String,
    pub cluster_arn: String,
    pub status: String,
    pub desired: i32,
    pub running: i32,
    pub pending: i32,
    pub task_definition: String,
    pub launch_type: String,
    pub created_at: Option<Timestamp>,
    pub deployments: Vec<Deployment>,
    /// Newest first, as ECS returns them.
    pub events: Vec<ServiceEvent>,
    pub load_balancers: Vec<LoadBalancer>,
    pub network: Option<NetworkConfig>,
    pub deployment_config: DeploymentConfig,
    pub exec_enabled: bool,
}

impl Service {
    /// `family:revision` of the task definition the service runs.
    pub fn task_definition_short(&self) -> &str {
        super::arn_tail(&self.task_definition)
    }

    /// The PRIMARY deployment: the one ECS is rolling out or has rolled out.
    pub fn primary_deployment(&self) -> Option<&Deployment> {
        self.deployments.iter().find(|d| d.status == "PRIMARY")
    }

    /// Rollout state of the primary deployment, empty when ECS reports none
    /// (services with an external or CODE_DEPLOY controller).
    pub fn rollout_state(&self) -> &str {
        self.primary_deployment()
            .map(|d| d.rollout_state.as_str())
            .unwrap_or("")
    }

    pub fn last_event_at(&self) -> Option<Timestamp> {
        self.events.iter().filter_map(|e| e.created_at).max()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deployment {
    pub id: String,
    /// PRIMARY, ACTIVE or INACTIVE.
    pub status: String,
    pub task_definition: String,
    pub desired: i32,
    pub pending: i32,
    pub running: i32,
    pub failed: i32,
    pub rollout_state: String,
    pub rollout_reason: String,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceEvent {
    pub id: String,
    pub created_at: Option<Timestamp>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadBalancer {
    /// Target group ARN, or the classic load balancer's name.
    pub target: String,
    pub container: String,
    pub port: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NetworkConfig {
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub public_ip: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeploymentConfig {
    pub min_healthy_percent: Option<i32>,
    pub max_percent: Option<i32>,
    pub circuit_breaker: Option<CircuitBreaker>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CircuitBreaker {
    pub enabled: bool,
    pub rollback: bool,
}
