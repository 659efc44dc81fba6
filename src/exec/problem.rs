//! Why an ECS Exec session could not start, each worded with what to do about it.

use crate::model::Task;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExecProblem {
    #[error("Task {task} is {status}, not RUNNING: ECS Exec needs a running task. Pick a running one (s switches running/stopped).")]
    TaskNotRunning { task: String, status: String },
    #[error("Task {task} no longer exists or has stopped: pick another running task.")]
    TaskGone { task: String },
    #[error("ECS Exec is not enabled on task {task}. Turn on enableExecuteCommand for the service (aws ecs update-service --enable-execute-command) and force a new deployment: tasks started before the change can't be exec'd into.")]
    ExecNotEnabled { task: String },
    #[error("Task {task} has no container named '{container}'.")]
    NoSuchContainer { task: String, container: String },
    #[error("The ExecuteCommandAgent in container '{container}' is {status}, not RUNNING. Wait a minute after the task starts; if it stays so, the task role needs ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel.")]
    AgentNotRunning { container: String, status: String },
    #[error("Container '{container}' has no runtime id yet (it is still starting): try again in a few seconds.")]
    NoRuntimeId { container: String },
    #[error("session-manager-plugin was not found on PATH. ECS Exec needs AWS's Session Manager plugin: install it (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html) and make sure `session-manager-plugin --version` works in this shell.")]
    PluginMissing,
    #[error("session-manager-plugin at {path} did not run: {detail}. Reinstall it from AWS's Session Manager plugin page.")]
    PluginBroken { path: String, detail: String },
    #[error("Access denied: your identity may not call ecs:ExecuteCommand on this task. It needs ecs:ExecuteCommand on the task (or cluster) ARN. AWS said: {detail}")]
    AccessDenied { detail: String },
    #[error("Access denied: your identity may not call ssm:StartSession for this task. Port forwarding needs ssm:StartSession on the task's ARN and on the documents AWS-StartPortForwardingSession and AWS-StartPortForwardingSessionToRemoteHost. AWS said: {detail}")]
    SsmAccessDenied { detail: String },
    #[error("Local port {port} is already in use on this machine: choose another local port.")]
    LocalPortInUse { port: u16 },
    #[error("The cluster's ECS Exec sessions are encrypted with a KMS key your identity can't use: it needs kms:Decrypt (and kms:GenerateDataKey) on that key. AWS said: {detail}")]
    KmsAccess { detail: String },
    #[error("The ExecuteCommandAgent of this task is not connected to Systems Manager (TargetNotConnected). Check the task can reach ssmmessages (NAT or VPC endpoint) and its role allows ssmmessages:*. AWS said: {detail}")]
    TargetNotConnected { detail: String },
    #[error("{0}")]
    Aws(String),
}

/// The checks made before leaving the screen: task running, exec enabled, the
/// container present and its agent running. Returns the container's runtime id.
///
/// An agent status that is absent is not treated as a failure: AWS always reports
/// the agent on tasks started with exec enabled, so absence only happens on
/// emulators; a status other than RUNNING is a failure.
pub fn preflight(task: &Task, container: &str) -> Result<String, ExecProblem> {
    let id = task.short_id().to_string();
    if task.last_status != "RUNNING" {
        return Err(ExecProblem::TaskNotRunning {
            task: id,
            status: task.last_status.clone(),
        });
    }
    if !task.exec_enabled {
        return Err(ExecProblem::ExecNotEnabled { task: id });
    }
    let Some(c) = task.containers.iter().find(|c| c.name == container) else {
        return Err(ExecProblem::NoSuchContainer {
            task: id,
            container: container.to_string(),
        });
    };
    if let Some(status) = c.exec_agent.as_deref().filter(|s| *s != "RUNNING") {
        return Err(ExecProblem::AgentNotRunning {
            container: container.to_string(),
            status: status.to_string(),
        });
    }
    if c.runtime_id.is_empty() {
        return Err(ExecProblem::NoRuntimeId {
            container: container.to_string(),
        });
    }
    Ok(c.runtime_id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Container;

    fn task(status: &str, exec: bool, agent: Option<&str>, runtime: &str) -> Task {
        Task {
            id: "0123456789abcdef0123456789abcdef".into(),
            last_status: status.into(),
            exec_enabled: exec,
            containers: vec![Container {
                name: "web".into(),
                exec_agent: agent.map(str::to_string),
                runtime_id: runtime.into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_ready_task_gives_the_runtime_id() {
        let t = task("RUNNING", true, Some("RUNNING"), "abc-123");
        assert_eq!(preflight(&t, "web"), Ok("abc-123".to_string()));
        let no_agent_reported = task("RUNNING", true, None, "abc-123");
        assert!(preflight(&no_agent_reported, "web").is_ok());
    }

    #[test]
    fn each_failure_says_what_to_do() {
        let msg = |t: Task, c: &str| preflight(&t, c).unwrap_err().to_string();
        assert_eq!(
            msg(task("STOPPED", true, Some("STOPPED"), "x"), "web"),
            "Task 01234567 is STOPPED, not RUNNING: ECS Exec needs a running task. Pick a running one (s switches running/stopped)."
        );
        let not_enabled = msg(task("RUNNING", false, None, "x"), "web");
        assert!(not_enabled.starts_with("ECS Exec is not enabled on task 01234567."));
        assert!(not_enabled.contains("force a new deployment"));
        assert!(msg(task("RUNNING", true, Some("PENDING"), "x"), "web")
            .starts_with("The ExecuteCommandAgent in container 'web' is PENDING, not RUNNING."));
        assert_eq!(
            msg(task("RUNNING", true, Some("RUNNING"), "x"), "db"),
            "Task 01234567 has no container named 'db'."
        );
        assert!(msg(task("RUNNING", true, Some("RUNNING"), ""), "web")
            .starts_with("Container 'web' has no runtime id yet"));
    }
}
