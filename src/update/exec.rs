//! The ECS Exec dialog: open it on a task or container, pick the container and the
//! command, run the checks and ExecuteCommand, then hand the terminal over.

use crossterm::event::{KeyCode, KeyEvent};

use crate::effect::{Effect, Request, RequestId};
use crate::exec::handoff::Outcome;
use crate::exec::{ExecProblem, ExecRequest, Invocation};
use crate::state::{
    Edit, ExecDialog, ExecStage, NoticeKind, State, TextInput, View, DEFAULT_COMMAND,
};
use crate::ui::format::duration;

/// Open the dialog for the selected task (tasks view) or container (containers view).
pub fn open(state: &mut State) {
    let (cluster, task, container) = match state.view() {
        Some(View::Tasks(v)) => match v.table.selected() {
            Some(t) => (v.cluster.clone(), t.clone(), None),
            None => return,
        },
        Some(View::Containers(v)) => match &v.task {
            Some(t) => (
                v.cluster.clone(),
                t.clone(),
                v.table.selected().map(|c| c.name.clone()),
            ),
            None => return,
        },
        _ => {
            state.notify(
                NoticeKind::Info,
                "ECS Exec works on a task or a container: open the tasks first (t)",
            );
            return;
        }
    };
    if task.containers.is_empty() {
        state.notify(
            NoticeKind::Warning,
            "this task has no containers to exec into",
        );
        return;
    }
    let service = task.group.strip_prefix("service:").map(str::to_string);
    let command = service
        .as_ref()
        .and_then(|s| state.exec_commands.get(s))
        .map_or(DEFAULT_COMMAND, String::as_str);
    let index = container
        .and_then(|name| task.containers.iter().position(|c| c.name == name))
        .unwrap_or(0);
    let mut dialog = ExecDialog {
        cluster,
        service,
        command: TextInput::new(command),
        container: index,
        task,
        stage: ExecStage::Editing,
    };
    check_locally(&mut dialog);
    state.exec = Some(dialog);
}

/// What we already know (task stopped, exec off) is said at once; Enter re-checks
/// against fresh data anyway.
fn check_locally(dialog: &mut ExecDialog) {
    let name = dialog.container_name().unwrap_or_default().to_string();
    dialog.stage = match crate::exec::preflight(&dialog.task, &name) {
        Err(p @ (ExecProblem::TaskNotRunning { .. } | ExecProblem::ExecNotEnabled { .. })) => {
            ExecStage::Failed(p.to_string())
        }
        _ => ExecStage::Editing,
    };
}

pub fn on_key(state: &mut State, key: KeyEvent, fx: &mut Vec<Effect>) {
    let Some(dialog) = state.exec.as_mut() else {
        return;
    };
    let preparing = matches!(dialog.stage, ExecStage::Preparing(_));
    match key.code {
        KeyCode::Esc => {
            if let ExecStage::Preparing(id) = dialog.stage {
                fx.push(Effect::Cancel(id));
            }
            state.exec = None;
        }
        KeyCode::Up | KeyCode::Down if !preparing => {
            let last = dialog.task.containers.len().saturating_sub(1);
            dialog.container = if key.code == KeyCode::Up {
                dialog.container.saturating_sub(1)
            } else {
                (dialog.container + 1).min(last)
            };
            check_locally(dialog);
        }
        KeyCode::Enter if !preparing => {
            let command = dialog.command.text().trim().to_string();
            if command.is_empty() {
                dialog.stage = ExecStage::Failed("type the command to run, e.g. /bin/sh".into());
                return;
            }
            let Some(container) = dialog.container_name().map(str::to_string) else {
                return;
            };
            let id = state.next_request;
            state.next_request += 1;
            let request = ExecRequest {
                cluster: dialog.cluster.clone(),
                task_arn: dialog.task.arn.clone(),
                container,
                command,
                region: state.identity.region.clone(),
                // As the AWS CLI: "" unless a profile was named ("default" is what "" means).
                profile: match state.identity.profile.as_str() {
                    "default" => String::new(),
                    named => named.to_string(),
                },
                pass_credentials: state.identity.role_arn.is_some(),
            };
            dialog.stage = ExecStage::Preparing(id);
            fx.push(Effect::Fetch {
                id,
                request: Request::ExecPrepare(request),
            });
        }
        _ if !preparing && dialog.command.handle(key) == Edit::Changed => {
            dialog.stage = ExecStage::Editing;
        }
        _ => {}
    }
}

/// The checks and ExecuteCommand came back: hand over the terminal, or say why not.
pub fn ready(
    state: &mut State,
    id: RequestId,
    result: Result<Invocation, ExecProblem>,
    fx: &mut Vec<Effect>,
) {
    let Some(dialog) = state.exec.as_mut() else {
        return;
    };
    if dialog.stage != ExecStage::Preparing(id) {
        return;
    }
    state.dirty = true;
    match result {
        Ok(invocation) => {
            if let Some(service) = &dialog.service {
                state
                    .exec_commands
                    .insert(service.clone(), dialog.command.text().trim().to_string());
            }
            state.exec = None;
            fx.push(Effect::Exec(invocation));
        }
        Err(problem) => dialog.stage = ExecStage::Failed(problem.to_string()),
    }
}

/// Back from the session: the view below is redrawn as it was; say how it ended.
pub fn ended(state: &mut State, outcome: Outcome) {
    let took = duration(outcome.elapsed);
    match (outcome.error, outcome.code) {
        (Some(e), _) => state.notify(
            NoticeKind::Error,
            format!("session-manager-plugin could not run: {e}"),
        ),
        (None, Some(0)) => state.notify(
            NoticeKind::Info,
            format!("ECS Exec session ended after {took}"),
        ),
        (None, code) => state.notify(
            NoticeKind::Warning,
            format!(
                "ECS Exec session ended after {took} with exit status {}",
                code.map_or("(killed by a signal)".to_string(), |c| c.to_string())
            ),
        ),
    }
}
