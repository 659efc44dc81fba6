use super::Timestamp;

/// An ECS task as the tasks view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Task {
    pub arn: String,
    pub id: String,
    pub last_status: String,
    pub desired_status: String,
    pub health: String,
    pub task_definition: String,
    /// `service:<name>` for service tasks.
    pub group: String,
    pub started_at: Option<Timestamp>,
    pub stopped_at: Option<Timestamp>,
    pub availability_zone: String,
    pub private_ip: String,
    pub stopped_reason: String,
    pub stop_code: String,
    pub exec_enabled: bool,
    pub containers: Vec<Container>,
}

impl Task {
    /// `family:revision` of the task's task definition.
    pub fn task_definition_short(&self) -> &str {
        super::arn_tail(&self.task_definition)
    }

    /// Eight characters are enough to tell tasks apart on screen (as the console does).
    pub fn short_id(&self) -> &str {
        self.id.get(..8).unwrap_or(&self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub last_status: String,
    pub health: String,
    pub exit_code: Option<i32>,
    pub reason: String,
    pub runtime_id: String,
    /// lastStatus of the container's ExecuteCommandAgent, when ECS reports one.
    pub exec_agent: Option<String>,
}
