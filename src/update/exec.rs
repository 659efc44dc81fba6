//! The ECS Exec dialog: open it on a task or container, pick the container and the
//! command, run the checks and ExecuteCommand, then hand the terminal over.

use crossterm::event::{KeyCode, KeyEvent};

use crate::effect::{Effect, Request, RequestId};
use crate::exec::handoff::Outcome;
use crate::exec::{ExecProblem, ExecRequest, Invocation};
use crate::model::Task;
use crate::state::{Edit, ExecDialog, ExecStage, NoticeKind, State, TextInput, View};
use crate::ui::format::duration;

/// The task (and container) a dialog acts on: the selected task of the tasks view, or
/// the task and selected container of the containers view.
pub(super) struct Picked {
    pub cluster: String,
    pub task: Task,
    /// Index into `task.containers` (the selected one, else the first).
    pub container: usize,
}

/// What the tasks or containers view has selected; elsewhere, or for a task without
/// containers, a notice says why nothing opens (`needs` says what the action is on,
/// `into` finishes "this task has no containers to …").
pub(super) fn pick_task(state: &mut State, needs: &str, into: &str) -> Option<Picked> {
    let picked = match state.view() {
        Some(View::Tasks(v)) => v
            .table
            .selected()
            .map(|t| (v.cluster.clone(), t.clone(), None)),
        Some(View::Containers(v)) => v.task.as_ref().map(|t| {
            (
                v.cluster.clone(),
                t.clone(),
                v.table.selected().map(|c| c.name.clone()),
            )
        }),
        _ => {
            state.notify(
                NoticeKind::Info,
                format!("{needs}: open the tasks first (t)"),
            );
            return None;
        }
    };
    let (cluster, task, container) = picked?;
    if task.containers.is_empty() {
        state.notify(
            NoticeKind::Warning,
            format!("this task has no containers to {into}"),
        );
        return None;
    }
    let container = container
        .and_then(|name| task.containers.iter().position(|c| c.name == name))
        .unwrap_or(0);
    Some(Picked {
        cluster,
        task,
        container,
    })
}

/// Open the dialog for the selected task (tasks view) or container (containers view).
pub fn open(state: &mut State) {
    let Some(Picked {
        cluster,
        task,
        container,
    }) = pick_task(
        state,
        "ECS Exec works on a task or a container",
        "exec into",
    )
    else {
        return;
    };
    let service = task.group.strip_prefix("service:").map(str::to_string);
    let command = service
        .as_ref()
        .and_then(|s| state.exec_commands.get(s))
        .unwrap_or(&state.exec_default_command)
        .clone();
    let mut dialog = ExecDialog {
        cluster,
        service,
        command: TextInput::new(&command),
        container,
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::tests::{new_state, t0};
    use crate::action::{Action, Loaded};
    use crate::effect::{Effect, Request};
    use crate::exec::handoff::Outcome;
    use crate::exec::{ExecProblem, ExecRequest, Invocation};
    use crate::model::{Container, Task};
    use crate::state::{ExecStage, State, TasksView, View};
    use crate::update::update;

    fn task(exec: bool) -> Task {
        let container = |name: &str| Container {
            name: name.into(),
            last_status: "RUNNING".into(),
            runtime_id: format!("{name}-2531612879"),
            exec_agent: Some("RUNNING".into()),
            ..Default::default()
        };
        Task {
            arn: "arn:aws:ecs:us-east-1:123456789012:task/omni-acme-cluster/0123456789abcdef"
                .into(),
            id: "0123456789abcdef".into(),
            last_status: "RUNNING".into(),
            group: "service:omni-web".into(),
            exec_enabled: exec,
            containers: vec![container("web"), container("audit-worker")],
            ..Default::default()
        }
    }

    fn tasks_state(exec: bool) -> State {
        let mut state = new_state();
        let mut view = TasksView {
            cluster: "omni-acme-cluster".into(),
            service: Some("omni-web".into()),
            ..Default::default()
        };
        view.table.set_rows(vec![task(exec)]);
        state.views.push(View::Tasks(view));
        state
    }

    fn press(state: &mut State, code: KeyCode) -> Vec<Effect> {
        update(
            state,
            Action::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            t0(),
        )
    }

    fn typed(state: &mut State, text: &str) {
        for c in text.chars() {
            press(state, KeyCode::Char(c));
        }
    }

    fn invocation() -> Invocation {
        Invocation {
            program: "/usr/local/bin/session-manager-plugin".into(),
            args: vec!["AWS_SSM_START_SESSION_RESPONSE".into()],
            env: vec![],
            banner: String::new(),
        }
    }

    fn prepare(fx: &[Effect]) -> (u64, ExecRequest) {
        let found: Vec<_> = fx
            .iter()
            .filter_map(|e| match e {
                Effect::Fetch {
                    id,
                    request: Request::ExecPrepare(r),
                } => Some((*id, r.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(found.len(), 1, "one ExecPrepare in {fx:?}");
        found[0].clone()
    }

    #[test]
    fn choose_container_and_command_then_hand_over_once() {
        let mut state = tasks_state(true);
        press(&mut state, KeyCode::Char('e'));
        let dialog = state.exec.as_ref().unwrap_or_else(|| panic!("dialog open"));
        assert_eq!(dialog.command.text(), "/bin/sh");
        assert_eq!(dialog.container_name(), Some("web"));

        press(&mut state, KeyCode::Down);
        for _ in 0.."/bin/sh".len() {
            press(&mut state, KeyCode::Backspace);
        }
        typed(&mut state, "/bin/bash -l");
        let fx = press(&mut state, KeyCode::Enter);
        let (id, request) = prepare(&fx);
        assert_eq!(request.container, "audit-worker");
        assert_eq!(request.command, "/bin/bash -l");
        assert_eq!(request.cluster, "omni-acme-cluster");
        assert_eq!(request.profile, "", "the default profile is passed as \"\"");
        assert!(!request.pass_credentials);

        // Confirming twice sends one request.
        let again = press(&mut state, KeyCode::Enter);
        assert!(again.is_empty(), "{again:?}");

        let fx = update(
            &mut state,
            Action::Loaded(id, Box::new(Loaded::ExecReady(Ok(invocation())))),
            t0(),
        );
        assert_eq!(fx, vec![Effect::Exec(invocation())]);
        assert!(state.exec.is_none());

        // The command is remembered for the service.
        press(&mut state, KeyCode::Char('e'));
        let dialog = state.exec.as_ref().unwrap_or_else(|| panic!("dialog open"));
        assert_eq!(dialog.command.text(), "/bin/bash -l");
    }

    #[test]
    fn a_failed_check_is_shown_and_enter_tries_again() {
        let mut state = tasks_state(true);
        state.identity.role_arn = Some("arn:aws:iam::111111111111:role/Support".into());
        state.identity.profile = "support".into();
        press(&mut state, KeyCode::Char('e'));
        let (id, request) = prepare(&press(&mut state, KeyCode::Enter));
        assert!(
            request.pass_credentials,
            "an assumed role's credentials go to the plugin"
        );
        assert_eq!(request.profile, "support");
        let fx = update(
            &mut state,
            Action::Loaded(
                id,
                Box::new(Loaded::ExecReady(Err(ExecProblem::PluginMissing))),
            ),
            t0(),
        );
        assert!(fx.is_empty());
        match &state.exec.as_ref().map(|d| d.stage.clone()) {
            Some(ExecStage::Failed(m)) => {
                assert!(m.starts_with("session-manager-plugin was not found on PATH"))
            }
            other => panic!("{other:?}"),
        }
        let (retry, _) = prepare(&press(&mut state, KeyCode::Enter));
        assert_ne!(retry, id);
    }

    #[test]
    fn esc_while_checking_cancels_and_a_late_result_does_nothing() {
        let mut state = tasks_state(true);
        press(&mut state, KeyCode::Char('e'));
        let (id, _) = prepare(&press(&mut state, KeyCode::Enter));
        let fx = press(&mut state, KeyCode::Esc);
        assert_eq!(fx, vec![Effect::Cancel(id)]);
        assert!(state.exec.is_none());
        let fx = update(
            &mut state,
            Action::Loaded(id, Box::new(Loaded::ExecReady(Ok(invocation())))),
            t0(),
        );
        assert!(fx.is_empty(), "no hand-off after esc: {fx:?}");
    }

    #[test]
    fn exec_disabled_is_said_when_the_dialog_opens() {
        let mut state = tasks_state(false);
        press(&mut state, KeyCode::Char('e'));
        match state.exec.as_ref().map(|d| &d.stage) {
            Some(ExecStage::Failed(m)) => assert!(m.starts_with("ECS Exec is not enabled on task")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn exec_elsewhere_says_where_it_works_and_the_end_is_reported() {
        let mut state = new_state();
        let _ = crate::update::open_initial_views(&mut state, Some("omni-acme-cluster"), None);
        press(&mut state, KeyCode::Char('e'));
        assert!(state.exec.is_none());
        let notice = state
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default();
        assert!(notice.contains("task or a container"), "{notice}");

        update(
            &mut state,
            Action::ExecEnded(Outcome {
                elapsed: Duration::from_secs(133),
                code: Some(0),
                error: None,
            }),
            t0(),
        );
        let notice = state
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default();
        assert_eq!(notice, "ECS Exec session ended after 2m 13s");
    }
}
