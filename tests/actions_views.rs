//! Screens of the service actions at 80x24 and 160x48: the actions menu (also read-only),
//! the scale dialog with autoscaling's range, the rollback dialog with its revision diff,
//! and the rollout panel while IN_PROGRESS and after FAILED (which the emulator never
//! shows: its deployments complete at once). Colour checks where colour carries meaning.

mod common;

use chrono::TimeDelta;
use common::screen::*;
use crossterm::event::KeyCode;
use opsdeck::action::{Action, Loaded};
use opsdeck::effect::Effect;
use opsdeck::model::task_definition_diff::diff;
use opsdeck::model::{
    Accepted, ContainerDefinition, Deployment, EnvVar, PortMapping, ScalableTarget, Secret,
    Service, ServiceEvent, TaskDefinition, TaskDefinitionRef,
};
use opsdeck::state::State;
use opsdeck::update::{open_initial_views, update};
use ratatui::style::Color;

fn td(rev: i32) -> String {
    format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/omni-web:{rev}")
}

fn deployment(
    id: &str,
    status: &str,
    rollout: &str,
    rev: i32,
    running: i32,
    failed: i32,
) -> Deployment {
    Deployment {
        id: id.into(),
        status: status.into(),
        task_definition: td(rev),
        desired: 4,
        running,
        pending: 4 - running,
        failed,
        rollout_state: rollout.into(),
        rollout_reason: match rollout {
            "FAILED" => "ECS deployment circuit breaker: tasks failed to start.".into(),
            "IN_PROGRESS" => "ECS deployment in progress.".into(),
            _ => "ECS deployment completed.".into(),
        },
        created_at: ago(60),
        updated_at: ago(5),
    }
}

fn omni_web() -> Service {
    Service {
        arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:service/omni-acme-cluster/omni-web"),
        name: "omni-web".into(),
        cluster_arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/omni-acme-cluster"),
        status: "ACTIVE".into(),
        desired: 4,
        running: 4,
        pending: 0,
        task_definition: td(14),
        launch_type: "FARGATE".into(),
        created_at: ago(86_400 * 30),
        deployments: vec![deployment("ecs-svc/14", "PRIMARY", "COMPLETED", 14, 4, 0)],
        events: vec![ServiceEvent {
            id: "e-old".into(),
            created_at: ago(3_600),
            message: "(service omni-web) has reached a steady state.".into(),
        }],
        ..Default::default()
    }
}

fn services_state() -> State {
    let mut s = state(false);
    let fx = open_initial_views(&mut s, Some("omni-acme-cluster"), None);
    deliver(&mut s, &fx, Loaded::ServicesBatch(vec![omni_web()]));
    deliver(&mut s, &fx, Loaded::ServicesDone(Ok(())));
    s
}

fn fetch_id(fx: &[Effect]) -> u64 {
    first_fetch(fx)
}

fn snap(name: &str, state: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), text(&render(state, 80, 24)));
    insta::assert_snapshot!(format!("{name}_160x48"), text(&render(state, 160, 48)));
}

#[test]
fn actions_menu_and_read_only() {
    let mut s = services_state();
    key(&mut s, KeyCode::Char('a'));
    snap("actions_menu", &s);
    s.settings.read_only = true;
    key(&mut s, KeyCode::Char('s'));
    snap("actions_menu_read_only", &s);
}

#[test]
fn scale_dialog_warns_when_autoscaling_would_undo_the_count() {
    let mut s = services_state();
    key(&mut s, KeyCode::Char('a'));
    let fx = key(&mut s, KeyCode::Char('s'));
    let target = ScalableTarget {
        min: 2,
        max: 10,
        suspended: false,
    };
    update(
        &mut s,
        Action::Loaded(
            fetch_id(&fx),
            Box::new(Loaded::ScalableTarget(Ok(Some(target)))),
        ),
        t0(),
    );
    for c in "12".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    snap("scale_dialog_outside_autoscaling", &s);
    let buffer = render(&s, 160, 48);
    assert_eq!(
        colour_of(&buffer, "⚠ autoscaling keeps"),
        Some(Color::Yellow),
        "the warning is amber"
    );
    // A refused input is said in the dialog, in the error colour.
    for _ in 0..2 {
        key(&mut s, KeyCode::Backspace);
    }
    for c in "2.5".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    key(&mut s, KeyCode::Enter);
    let buffer = render(&s, 80, 24);
    let screen = text(&buffer);
    assert!(
        screen.contains("'2.5' is not a whole number from 0 to 5000"),
        "{screen}"
    );
    assert_eq!(colour_of(&buffer, "'2.5' is not"), Some(Color::Red));
}

fn revision(
    rev: i32,
    tag: &str,
    cpu: &str,
    env: &[(&str, &str)],
    secrets: &[&str],
) -> TaskDefinition {
    TaskDefinition {
        arn: td(rev),
        family: "omni-web".into(),
        revision: rev,
        status: "ACTIVE".into(),
        cpu: cpu.into(),
        memory: "1024".into(),
        network_mode: "awsvpc".into(),
        task_role_arn: format!("arn:aws:iam::{ACCOUNT}:role/omni-web-task"),
        execution_role_arn: format!("arn:aws:iam::{ACCOUNT}:role/omni-web-execution"),
        containers: vec![ContainerDefinition {
            name: "omni-web".into(),
            image: format!("{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/omni/web:{tag}"),
            essential: true,
            port_mappings: vec![PortMapping {
                container_port: Some(3000),
                protocol: "tcp".into(),
                ..Default::default()
            }],
            environment: env
                .iter()
                .map(|(k, v)| EnvVar {
                    name: k.to_string(),
                    value: v.to_string(),
                })
                .collect(),
            secrets: secrets
                .iter()
                .map(|n| Secret {
                    name: n.to_string(),
                    value_from: format!(
                        "arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:omni/{n}"
                    ),
                })
                .collect(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn rollback_state() -> State {
    let mut s = services_state();
    key(&mut s, KeyCode::Char('a'));
    let fx = key(&mut s, KeyCode::Char('b'));
    let revisions = [15, 14, 13, 12, 11]
        .iter()
        .filter_map(|r| TaskDefinitionRef::parse(&td(*r)))
        .collect();
    let fx = update(
        &mut s,
        Action::Loaded(
            fetch_id(&fx),
            Box::new(Loaded::RollbackRevisions(Ok(revisions))),
        ),
        t0(),
    );
    let running = revision(
        14,
        "1.5.0",
        "1024",
        &[("NODE_ENV", "production"), ("FEATURE_SEARCH_V2", "on")],
        &["DATABASE_URL"],
    );
    let target = revision(
        13,
        "1.4.2",
        "512",
        &[("NODE_ENV", "production")],
        &["DATABASE_URL", "LEGACY_API_KEY"],
    );
    update(
        &mut s,
        Action::Loaded(
            fetch_id(&fx),
            Box::new(Loaded::RollbackDiff(Ok(diff(&running, &target)))),
        ),
        t0(),
    );
    for c in "omni-w".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    key(&mut s, KeyCode::Tab);
    s
}

#[test]
fn rollback_dialog_shows_the_revisions_and_what_changes() {
    let s = rollback_state();
    snap("rollback_dialog", &s);
    let screen = text(&render(&s, 160, 48));
    for expected in [
        "omni-web:14 → omni-web:13",
        "image :1.5.0 → :1.4.2",
        "[x] deregister omni-web:14",
        "account   123456789012",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    assert!(
        !screen.contains("secretsmanager"),
        "secret sources stay out of the summary:\n{screen}"
    );
}

/// The service detail following a rollback 14 → 13 that AWS accepted.
fn following() -> State {
    let mut s = rollback_state();
    key(&mut s, KeyCode::Char('e'));
    key(&mut s, KeyCode::Char('b'));
    let fx = key(&mut s, KeyCode::Enter);
    let id = fx
        .iter()
        .find_map(|e| match e {
            Effect::Mutate { id, .. } => Some(*id),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no mutation in {fx:?}"));
    update(
        &mut s,
        Action::Loaded(
            id,
            Box::new(Loaded::Mutated(Ok(Accepted {
                request_id: Some("5f8c2a1e-0b7d-4c3e-9a6f-1d2e3f4a5b6c".into()),
                deployment_id: Some("ecs-svc/13".into()),
            }))),
        ),
        t0(),
    );
    s
}

fn deliver_service(s: &mut State, service: Service, at: chrono::DateTime<chrono::Utc>) {
    let id = match s.view() {
        Some(opsdeck::state::View::Service(v)) => v.load.in_flight,
        _ => None,
    }
    .unwrap_or_else(|| panic!("no service fetch in flight"));
    update(
        s,
        Action::Loaded(id, Box::new(Loaded::Service(Ok(service)))),
        at,
    );
}

#[test]
fn rollout_panel_in_progress() {
    let mut s = following();
    let mut live = omni_web();
    live.task_definition = td(13);
    live.running = 5;
    live.pending = 1;
    live.deployments = vec![
        deployment("ecs-svc/13", "PRIMARY", "IN_PROGRESS", 13, 1, 0),
        deployment("ecs-svc/14", "ACTIVE", "COMPLETED", 14, 4, 0),
    ];
    live.events.insert(
        0,
        ServiceEvent {
            id: "e-new".into(),
            created_at: ago(-20),
            message: "(service omni-web) has started 1 tasks: (task 6f1c2a9e).".into(),
        },
    );
    let later = t0() + TimeDelta::seconds(24);
    deliver_service(&mut s, live, later);
    update(&mut s, Action::Tick, later);
    snap("rollout_in_progress", &s);
    let buffer = render(&s, 160, 48);
    assert_eq!(colour_of(&buffer, "following · 24s"), Some(Color::Yellow));
}

#[test]
fn rollout_panel_failed_by_the_circuit_breaker() {
    let mut s = following();
    let mut live = omni_web();
    live.deployments = vec![
        deployment("ecs-svc/14", "PRIMARY", "IN_PROGRESS", 14, 4, 0),
        deployment("ecs-svc/13", "ACTIVE", "FAILED", 13, 0, 3),
    ];
    live.events.insert(
        0,
        ServiceEvent {
            id: "e-fail".into(),
            created_at: ago(-90),
            message: "(service omni-web) (deployment ecs-svc/13) deployment failed: tasks failed to start.".into(),
        },
    );
    let later = t0() + TimeDelta::seconds(125);
    deliver_service(&mut s, live, later);
    snap("rollout_failed", &s);
    let buffer = render(&s, 160, 48);
    assert_eq!(colour_of(&buffer, "FAILED after 2m 05s"), Some(Color::Red));
    let screen = text(&buffer);
    assert!(
        screen.contains("omni-web: omni-web:14 → omni-web:13 FAILED after 2m 05s: ECS deployment circuit breaker"),
        "the notice says how it ended:\n{screen}"
    );
}

#[test]
fn a_long_rollback_diff_keeps_the_confirmation_on_an_80x24_screen() {
    let mut s = services_state();
    key(&mut s, KeyCode::Char('a'));
    let fx = key(&mut s, KeyCode::Char('b'));
    let revisions = [14, 13]
        .iter()
        .filter_map(|r| TaskDefinitionRef::parse(&td(*r)))
        .collect();
    let fx = update(
        &mut s,
        Action::Loaded(
            fetch_id(&fx),
            Box::new(Loaded::RollbackRevisions(Ok(revisions))),
        ),
        t0(),
    );
    let names: Vec<String> = (0..12).map(|i| format!("FLAG_{i:02}")).collect();
    let env: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "on")).collect();
    let running = revision(14, "1.5.0", "1024", &env, &[]);
    let target = revision(13, "1.4.2", "1024", &[], &[]);
    update(
        &mut s,
        Action::Loaded(
            fetch_id(&fx),
            Box::new(Loaded::RollbackDiff(Ok(diff(&running, &target)))),
        ),
        t0(),
    );
    let screen = text(&render(&s, 80, 24));
    assert!(
        screen.contains("more changes (pagedown shows them)"),
        "{screen}"
    );
    assert!(
        screen.contains("enter roll back"),
        "the keys stay visible:\n{screen}"
    );
    assert!(!screen.contains("FLAG_11"), "{screen}");
    for _ in 0..3 {
        key(&mut s, KeyCode::PageDown);
    }
    let screen = text(&render(&s, 80, 24));
    assert!(
        screen.contains("FLAG_11"),
        "page down reaches the last change:\n{screen}"
    );
}

#[test]
fn force_new_deployment_and_stop_task_confirmations_name_where_and_what() {
    let mut s = services_state();
    key(&mut s, KeyCode::Char('a'));
    key(&mut s, KeyCode::Char('f'));
    snap("confirm_force_new_deployment", &s);
    let fx = key(&mut s, KeyCode::Enter);
    assert!(fx.iter().any(|e| matches!(e, Effect::Mutate { .. })));
    let screen = text(&render(&s, 80, 24));
    assert!(screen.contains("sending…"), "{screen}");

    let mut s = services_state();
    let fx = key(&mut s, KeyCode::Char('t'));
    let task = opsdeck::model::Task {
        arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task/omni-acme-cluster/0f6a1c2b9d8e4f70a1b2c3d4e5f60718"),
        id: "0f6a1c2b9d8e4f70a1b2c3d4e5f60718".into(),
        last_status: "RUNNING".into(),
        desired_status: "RUNNING".into(),
        group: "service:omni-web".into(),
        task_definition: td(14),
        ..Default::default()
    };
    deliver(&mut s, &fx, Loaded::Tasks(Ok(vec![task])));
    key(&mut s, KeyCode::Char('a'));
    key(&mut s, KeyCode::Char('x'));
    snap("confirm_stop_task", &s);
    let screen = text(&render(&s, 80, 24));
    assert!(
        screen.contains("reason    stopped from opsdeck by OpsdeckOnCall/alice"),
        "{screen}"
    );
}
