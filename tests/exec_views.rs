//! The ECS Exec dialog drawn over the tasks view, at 80x24 and 160x48.

mod common;

use common::screen::*;
use crossterm::event::KeyCode;
use opsdeck::action::{Action, Loaded};
use opsdeck::effect::{Effect, Request};
use opsdeck::exec::ExecProblem;
use opsdeck::model::{Container, Task};
use opsdeck::state::{State, TasksView, View};
use opsdeck::update::update;

fn task() -> Task {
    let container = |name: &str, agent: &str| Container {
        name: name.into(),
        image: format!("{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{name}:1.5.0"),
        last_status: "RUNNING".into(),
        runtime_id: format!("{name}-2531612879"),
        exec_agent: Some(agent.into()),
        ..Default::default()
    };
    Task {
        arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task/omni-acme-cluster/4f0c2a7d9be54e0f9d3b6a1c8e2f7d90"),
        id: "4f0c2a7d9be54e0f9d3b6a1c8e2f7d90".into(),
        last_status: "RUNNING".into(),
        desired_status: "RUNNING".into(),
        task_definition: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/omni-api:14"),
        group: "service:omni-api".into(),
        started_at: ago(3600),
        exec_enabled: true,
        containers: vec![container("omni-api", "RUNNING"), container("audit-worker", "PENDING")],
        ..Default::default()
    }
}

fn dialog_state() -> State {
    let mut state = state(false);
    let mut view = TasksView {
        cluster: "omni-acme-cluster".into(),
        service: Some("omni-api".into()),
        ..Default::default()
    };
    view.table.set_rows(vec![task()]);
    state.views.push(View::Tasks(view));
    key(&mut state, KeyCode::Char('e'));
    state
}

fn both_sizes(name: &str, state: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), text(&render(state, 80, 24)));
    insta::assert_snapshot!(format!("{name}_160x48"), text(&render(state, 160, 48)));
}

#[test]
fn exec_dialog_names_task_account_containers_and_command() {
    let state = dialog_state();
    let screen = text(&render(&state, 80, 24));
    for expected in [
        "ECS Exec",
        "task 4f0c2a7d (omni-api:14)",
        "account 123456789012",
        "› omni-api",
        "agent PENDING",
        "/bin/sh",
    ] {
        assert!(screen.contains(expected), "{expected} missing:\n{screen}");
    }
    both_sizes("exec_dialog", &state);
}

#[test]
fn exec_dialog_shows_why_it_cannot_start_in_the_error_colour() {
    let mut state = dialog_state();
    let fx = key(&mut state, KeyCode::Enter);
    let id = fx
        .iter()
        .find_map(|e| match e {
            Effect::Fetch {
                id,
                request: Request::ExecPrepare(_),
            } => Some(*id),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no ExecPrepare in {fx:?}"));
    let problem = ExecProblem::AgentNotRunning {
        container: "omni-api".into(),
        status: "STOPPED".into(),
    };
    update(
        &mut state,
        Action::Loaded(id, Box::new(Loaded::ExecReady(Err(problem)))),
        t0(),
    );
    let buffer = render(&state, 80, 24);
    let theme = opsdeck::theme::Theme::default_theme().unwrap_or_else(|e| panic!("{e}"));
    assert!(theme.error.fg.is_some());
    assert_eq!(
        colour_of(&buffer, "The ExecuteCommandAgent"),
        theme.error.fg
    );
    both_sizes("exec_dialog_failed", &state);
}
