//! ECS Exec: checks before leaving the screen, the ExecuteCommand call, and handing
//! the terminal to AWS's session-manager-plugin and back.

pub mod handoff;
pub mod plugin;
mod problem;
pub mod remembered;
pub mod tunnels;

pub use plugin::Invocation;
pub use problem::{preflight, ExecProblem};

use crate::aws::{self, Clients};

/// What the user chose in the exec dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecRequest {
    pub cluster: String,
    pub task_arn: String,
    pub container: String,
    pub command: String,
    pub region: String,
    pub profile: String,
    /// opsdeck assumed a role: the plugin gets its temporary credentials.
    pub pass_credentials: bool,
}

/// Everything before the hand-off, in the order that fails fastest and cheapest:
/// the task's state (DescribeTasks), the plugin, then ExecuteCommand.
pub async fn prepare(clients: &Clients, req: &ExecRequest) -> Result<Invocation, ExecProblem> {
    let task = aws::ecs::describe_tasks(clients, &req.cluster, vec![req.task_arn.clone()])
        .await
        .map_err(|e| ExecProblem::Aws(e.to_string()))?
        .into_iter()
        .next()
        .ok_or_else(|| ExecProblem::TaskGone {
            task: short(&req.task_arn),
        })?;
    let runtime_id = preflight(&task, &req.container)?;
    let plugin = plugin::locate().await?;
    let started = aws::exec::execute_command(
        clients,
        &req.cluster,
        &req.task_arn,
        &req.container,
        &req.command,
    )
    .await?;
    let credentials = if req.pass_credentials {
        Some(aws::exec::credentials(clients).await?)
    } else {
        None
    };
    let target = format!("ecs:{}_{}_{}", started.cluster_name, task.id, runtime_id);
    let banner = format!(
        "opsdeck: ECS Exec into {} of task {} ({}) — `exit` ends the session and returns to opsdeck",
        req.container,
        task.short_id(),
        req.command
    );
    Ok(plugin::invocation(
        &plugin,
        plugin::SessionSpec {
            session_json: plugin::ecs_session_json(&started.session),
            region: &req.region,
            profile: &req.profile,
            parameters_json: serde_json::json!({ "Target": target }).to_string(),
            credentials: credentials.as_ref(),
            banner,
        },
    ))
}

fn short(arn: &str) -> String {
    let id = crate::model::arn_tail(arn);
    id.get(..8).unwrap_or(id).to_string()
}
