//! The ECS Exec dialog: which container of which task, and the command to run.

use super::TextInput;
use crate::effect::RequestId;
use crate::model::Task;

/// The command when nothing was remembered for the service.
pub const DEFAULT_COMMAND: &str = "/bin/sh";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecDialog {
    pub cluster: String,
    /// The service the task belongs to (remembers the last command per service).
    pub service: Option<String>,
    pub task: Task,
    /// Index into `task.containers`.
    pub container: usize,
    pub command: TextInput,
    pub stage: ExecStage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecStage {
    Editing,
    /// Checks and ExecuteCommand are on their way; Enter again does nothing.
    Preparing(RequestId),
    /// Why it can't start, in words; Enter tries again.
    Failed(String),
}

impl ExecDialog {
    pub fn container_name(&self) -> Option<&str> {
        self.task
            .containers
            .get(self.container)
            .map(|c| c.name.as_str())
    }
}
