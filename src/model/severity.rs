/// What a status means to the person reading it; themes give each a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Ok,
    Progress,
    Failed,
    Rollback,
    Muted,
    Neutral,
}

impl Severity {
    /// ECS rollout states of a deployment (COMPLETED / IN_PROGRESS / FAILED).
    pub fn of_rollout(state: &str) -> Severity {
        match state {
            "COMPLETED" => Severity::Ok,
            "IN_PROGRESS" => Severity::Progress,
            "FAILED" => Severity::Failed,
            _ => Severity::Neutral,
        }
    }

    /// Task and container lifecycle states (lastStatus).
    pub fn of_task_status(status: &str) -> Severity {
        match status {
            "RUNNING" => Severity::Ok,
            "PROVISIONING" | "PENDING" | "ACTIVATING" => Severity::Progress,
            "DEACTIVATING" | "STOPPING" | "DEPROVISIONING" => Severity::Progress,
            "STOPPED" | "DELETED" => Severity::Muted,
            _ => Severity::Neutral,
        }
    }

    /// Container and task health (HEALTHY / UNHEALTHY / UNKNOWN).
    pub fn of_health(health: &str) -> Severity {
        match health {
            "HEALTHY" => Severity::Ok,
            "UNHEALTHY" => Severity::Failed,
            _ => Severity::Muted,
        }
    }

    /// Cluster and service status (ACTIVE / DRAINING / INACTIVE / FAILED).
    pub fn of_resource_status(status: &str) -> Severity {
        match status {
            "ACTIVE" => Severity::Ok,
            "DRAINING" | "PROVISIONING" | "DEPROVISIONING" => Severity::Progress,
            "FAILED" => Severity::Failed,
            "INACTIVE" => Severity::Muted,
            _ => Severity::Neutral,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rollout_states_map_to_traffic_lights() {
        assert_eq!(Severity::of_rollout("COMPLETED"), Severity::Ok);
        assert_eq!(Severity::of_rollout("IN_PROGRESS"), Severity::Progress);
        assert_eq!(Severity::of_rollout("FAILED"), Severity::Failed);
        assert_eq!(Severity::of_rollout(""), Severity::Neutral);
    }

    #[test]
    fn unhealthy_is_failed_and_stopped_is_muted() {
        assert_eq!(Severity::of_health("UNHEALTHY"), Severity::Failed);
        assert_eq!(Severity::of_task_status("STOPPED"), Severity::Muted);
        assert_eq!(Severity::of_task_status("PENDING"), Severity::Progress);
    }
}
