//! Update tests: build a state, apply actions, assert the new state and the effects.

use std::time::Duration;

use chrono::TimeDelta;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::action::Loaded;
use crate::aws::{AwsError, ErrorKind, Identity};
use crate::effect::Request;
use crate::keymap::Keymap;
use crate::model::{Deployment, Service, Task};
use crate::state::{Mode, Settings, View};

pub fn t0() -> Timestamp {
    chrono::DateTime::from_timestamp(1_763_900_000, 0).unwrap_or_default()
}

pub fn new_state() -> State {
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    let identity = Identity {
        account: "123456789012".into(),
        caller: "OpsRole/alice".into(),
        region: "us-east-1".into(),
        profile: "default".into(),
        ..Default::default()
    };
    let settings = Settings {
        refresh: Duration::from_secs(5),
        read_only: false,
        live_tail: false,
    };
    State::new(identity, settings, keymap, t0())
}

pub fn service(name: &str, rollout: &str) -> Service {
    Service {
        arn: format!("arn:aws:ecs:us-east-1:123456789012:service/omni-acme-cluster/{name}"),
        name: name.into(),
        status: "ACTIVE".into(),
        desired: 2,
        running: 2,
        task_definition: format!("arn:aws:ecs:us-east-1:123456789012:task-definition/{name}:3"),
        launch_type: "FARGATE".into(),
        deployments: vec![Deployment {
            status: "PRIMARY".into(),
            rollout_state: rollout.into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn key(c: char) -> Action {
    Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn special(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn loaded(id: u64, l: Loaded) -> Action {
    Action::Loaded(id, Box::new(l))
}

/// The id of the single fetch among the effects.
fn fetched(fx: &[Effect]) -> (u64, Request) {
    let fetches: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(fetches.len(), 1, "expected one fetch in {fx:?}");
    fetches[0].clone()
}

fn service_names(state: &State) -> Vec<String> {
    match state.view() {
        Some(View::Services(v)) => (0..v.table.len())
            .filter_map(|i| v.table.visible_row(i))
            .map(|s| s.name.clone())
            .collect(),
        other => panic!("not the services view: {other:?}"),
    }
}

/// A state showing omni-acme-cluster's services, loaded.
fn with_services(names: &[&str]) -> (State, u64) {
    let mut state = new_state();
    let fx = open_initial_views(&mut state, Some("omni-acme-cluster"), None);
    let (id, _) = fetched(&fx);
    let batch = names.iter().map(|n| service(n, "COMPLETED")).collect();
    update(&mut state, loaded(id, Loaded::ServicesBatch(batch)), t0());
    update(&mut state, loaded(id, Loaded::ServicesDone(Ok(()))), t0());
    (state, id)
}

#[test]
fn cluster_flag_opens_services_above_clusters_and_fetches_only_what_is_shown() {
    let mut state = new_state();
    let fx = open_initial_views(&mut state, Some("omni-acme-cluster"), None);
    assert_eq!(state.views.len(), 2);
    assert_eq!(
        fetched(&fx).1,
        Request::Services {
            cluster: "omni-acme-cluster".into()
        }
    );
}

#[test]
fn rows_appear_as_batches_arrive_and_vanished_services_leave_at_the_end() {
    let mut state = new_state();
    let fx = open_initial_views(&mut state, Some("omni-acme-cluster"), None);
    let (id, _) = fetched(&fx);
    update(
        &mut state,
        loaded(
            id,
            Loaded::ServicesBatch(vec![service("omni-web", "COMPLETED")]),
        ),
        t0(),
    );
    assert_eq!(
        service_names(&state),
        ["omni-web"],
        "first batch shows before the load ends"
    );
    update(
        &mut state,
        loaded(
            id,
            Loaded::ServicesBatch(vec![service("omni-ai", "IN_PROGRESS")]),
        ),
        t0(),
    );
    update(&mut state, loaded(id, Loaded::ServicesDone(Ok(()))), t0());
    assert_eq!(service_names(&state), ["omni-ai", "omni-web"]);

    // Next refresh: omni-ai was deleted in AWS.
    let fx = update(&mut state, key('r'), t0());
    let (id2, _) = fetched(&fx);
    update(
        &mut state,
        loaded(
            id2,
            Loaded::ServicesBatch(vec![service("omni-web", "COMPLETED")]),
        ),
        t0(),
    );
    assert_eq!(
        service_names(&state).len(),
        2,
        "old rows stay while refreshing"
    );
    update(&mut state, loaded(id2, Loaded::ServicesDone(Ok(()))), t0());
    assert_eq!(service_names(&state), ["omni-web"]);
}

#[test]
fn selection_and_filter_survive_a_refresh() {
    let (mut state, _) = with_services(&["omni-ai", "omni-indexer", "omni-web"]);
    for c in "/omni".chars() {
        update(&mut state, key(c), t0());
    }
    update(&mut state, special(KeyCode::Enter), t0());
    update(&mut state, key('j'), t0());
    update(&mut state, key('j'), t0());
    let fx = update(&mut state, key('r'), t0());
    let (id, _) = fetched(&fx);
    // A new service sorts first; the selection must stay on omni-web.
    let batch = ["omni-aaa", "omni-ai", "omni-indexer", "omni-web"]
        .iter()
        .map(|n| service(n, "COMPLETED"))
        .collect();
    update(&mut state, loaded(id, Loaded::ServicesBatch(batch)), t0());
    update(&mut state, loaded(id, Loaded::ServicesDone(Ok(()))), t0());
    let Some(View::Services(v)) = state.view() else {
        panic!("services view")
    };
    assert_eq!(v.table.filter, "omni");
    assert_eq!(
        v.table.selected().map(|s| s.name.as_str()),
        Some("omni-web")
    );
}

#[test]
fn filter_narrows_as_you_type_and_esc_clears_it() {
    let (mut state, _) = with_services(&["omni-web", "omni-ai", "farsight-worker"]);
    update(&mut state, key('/'), t0());
    assert_eq!(state.mode, Mode::Filter);
    update(&mut state, key('w'), t0());
    assert_eq!(service_names(&state), ["farsight-worker", "omni-web"]);
    update(&mut state, key('e'), t0());
    assert_eq!(service_names(&state), ["omni-web"]);
    // 'q' while typing a filter is text, not quit.
    let fx = update(&mut state, key('q'), t0());
    assert!(fx.is_empty());
    assert!(service_names(&state).is_empty());
    update(&mut state, special(KeyCode::Esc), t0());
    assert_eq!(state.mode, Mode::Normal);
    assert_eq!(service_names(&state).len(), 3);
}

#[test]
fn sort_cycles_columns_and_reverses() {
    let mut state = new_state();
    let fx = open_initial_views(&mut state, Some("c"), None);
    let (id, _) = fetched(&fx);
    let mut a = service("alpha", "COMPLETED");
    a.desired = 9;
    let b = service("beta", "FAILED");
    update(
        &mut state,
        loaded(id, Loaded::ServicesBatch(vec![a, b])),
        t0(),
    );
    assert_eq!(service_names(&state), ["alpha", "beta"]);
    update(&mut state, key('o'), t0()); // STATUS (equal) → name tiebreak
    update(&mut state, key('o'), t0()); // DES/RUN/PEN
    assert_eq!(service_names(&state), ["beta", "alpha"]);
    update(&mut state, key('O'), t0());
    assert_eq!(service_names(&state), ["alpha", "beta"]);
}

#[test]
fn enter_opens_detail_and_a_late_result_for_the_left_view_is_dropped() {
    let mut state = new_state();
    let fx = open_initial_views(&mut state, Some("omni-acme-cluster"), None);
    let (services_id, _) = fetched(&fx);
    update(
        &mut state,
        loaded(
            services_id,
            Loaded::ServicesBatch(vec![service("omni-web", "COMPLETED")]),
        ),
        t0(),
    );
    // Enter while the services load is still running: it is cancelled.
    let fx = update(&mut state, special(KeyCode::Enter), t0());
    assert!(fx.contains(&Effect::Cancel(services_id)));
    let (detail_id, request) = fetched(&fx);
    assert_eq!(
        request,
        Request::Service {
            cluster: "omni-acme-cluster".into(),
            service: "omni-web".into()
        }
    );
    // The cancelled load's last batch arrives anyway: dropped, nothing redrawn.
    state.dirty = false;
    update(
        &mut state,
        loaded(
            services_id,
            Loaded::ServicesBatch(vec![service("zombie", "FAILED")]),
        ),
        t0(),
    );
    assert!(!state.dirty);
    update(
        &mut state,
        loaded(
            detail_id,
            Loaded::Service(Ok(service("omni-web", "IN_PROGRESS"))),
        ),
        t0(),
    );
    let Some(View::Service(v)) = state.view() else {
        panic!("detail view")
    };
    assert_eq!(
        v.service.as_ref().map(|s| s.rollout_state()),
        Some("IN_PROGRESS")
    );

    // Back: the services view is refreshed since its load was cancelled.
    let fx = update(&mut state, special(KeyCode::Esc), t0());
    assert!(matches!(fetched(&fx).1, Request::Services { .. }));
    assert!(!service_names(&state).contains(&"zombie".to_string()));
}

#[test]
fn refresh_runs_when_due_and_coalesces_while_in_flight() {
    let (mut state, _) = with_services(&["omni-web"]);
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(2));
    assert!(fx.is_empty(), "not due yet");
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(5));
    let (id, _) = fetched(&fx);
    // Pressing r while that refresh runs sends nothing more.
    let fx = update(&mut state, key('r'), t0() + TimeDelta::seconds(5));
    assert!(fx.is_empty(), "{fx:?}");
    update(
        &mut state,
        loaded(id, Loaded::ServicesDone(Ok(()))),
        t0() + TimeDelta::seconds(6),
    );
}

#[test]
fn idle_ticks_do_not_redraw() {
    let (mut state, _) = with_services(&["omni-web"]);
    state.dirty = false;
    update(&mut state, Action::Tick, t0() + TimeDelta::seconds(1));
    update(&mut state, Action::Tick, t0() + TimeDelta::seconds(2));
    assert!(!state.dirty, "nothing on screen changed");
}

#[test]
fn errors_keep_rows_show_the_error_and_back_off() {
    let (mut state, _) = with_services(&["omni-web"]);
    let fx = update(&mut state, key('r'), t0());
    let (id, _) = fetched(&fx);
    let throttled = AwsError::new(ErrorKind::Throttled, "ecs:ListServices", "Rate exceeded");
    update(
        &mut state,
        loaded(id, Loaded::ServicesDone(Err(throttled))),
        t0(),
    );
    assert_eq!(service_names(&state), ["omni-web"]);
    let load = state.view().map(|v| v.load().clone()).unwrap_or_default();
    assert_eq!(load.error.map(|e| e.kind), Some(ErrorKind::Throttled));
    // Not retried at the normal interval: backed off.
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(6));
    assert!(fx.is_empty());
}

#[test]
fn tasks_toggle_between_running_and_stopped() {
    let (mut state, _) = with_services(&["omni-web"]);
    let fx = update(&mut state, key('t'), t0());
    assert_eq!(
        fetched(&fx).1,
        Request::Tasks {
            cluster: "omni-acme-cluster".into(),
            service: Some("omni-web".into()),
            stopped: false
        }
    );
    let (id, _) = fetched(&fx);
    update(
        &mut state,
        loaded(
            id,
            Loaded::Tasks(Ok(vec![Task {
                arn: "arn:aws:ecs:us-east-1:1:task/c/abc".into(),
                id: "abc".into(),
                ..Default::default()
            }])),
        ),
        t0(),
    );
    let fx = update(&mut state, key('s'), t0());
    assert!(matches!(
        fetched(&fx).1,
        Request::Tasks { stopped: true, .. }
    ));
    let Some(View::Tasks(v)) = state.view() else {
        panic!("tasks view")
    };
    assert!(
        v.table.is_empty(),
        "running rows are not shown as stopped ones"
    );
}

#[test]
fn keys_are_answered_while_a_request_is_in_flight() {
    let mut state = new_state();
    let _ = open_initial_views(&mut state, Some("omni-acme-cluster"), None);
    update(&mut state, key('?'), t0());
    assert_eq!(state.mode, Mode::Help);
    update(&mut state, key('x'), t0());
    assert_eq!(state.mode, Mode::Normal);
    let fx = update(&mut state, key('q'), t0());
    assert_eq!(fx, vec![Effect::Quit]);
}

#[test]
fn back_on_the_first_view_does_nothing() {
    let mut state = new_state();
    let _ = open_initial_views(&mut state, None, None);
    let fx = update(&mut state, special(KeyCode::Esc), t0());
    assert!(fx.is_empty());
    assert_eq!(state.views.len(), 1);
}
