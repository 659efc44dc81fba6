//! Update tests for the actions menu, every dialog path (refused inputs included), and
//! following a change through to its end.

use chrono::TimeDelta;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::tests::{new_state, service, t0};
use super::*;
use crate::action::Loaded;
use crate::aws::{AwsError, ErrorKind};
use crate::effect::{Effect, Request};
use crate::model::task_definition_diff::TaskDefinitionDiff;
use crate::model::{
    Accepted, Deployment, Mutation, ScalableTarget, Service, Task, TaskDefinitionRef,
};
use crate::state::dialog::{Autoscaling, DialogKind};
use crate::state::follow::Until;
use crate::state::{NoticeKind, State, View};

const CLUSTER: &str = "omni-acme-cluster";

fn td(rev: i32) -> String {
    format!("arn:aws:ecs:us-east-1:123456789012:task-definition/omni-web:{rev}")
}

fn press(state: &mut State, code: KeyCode) -> Vec<Effect> {
    update(
        state,
        Action::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        state.now,
    )
}

fn typed(state: &mut State, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| press(state, KeyCode::Char(c)))
        .collect()
}

fn deliver(state: &mut State, id: u64, loaded: Loaded) -> Vec<Effect> {
    update(state, Action::Loaded(id, Box::new(loaded)), state.now)
}

fn mutations(fx: &[Effect]) -> Vec<(u64, Mutation)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Mutate { id, mutation } => Some((*id, mutation.clone())),
            _ => None,
        })
        .collect()
}

fn fetches(fx: &[Effect]) -> Vec<(u64, Request)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect()
}

fn error(state: &State) -> String {
    state
        .dialog
        .as_ref()
        .and_then(|d| d.error.clone())
        .unwrap_or_default()
}

/// omni-web (desired 2 on omni-web:3) selected in omni-acme-cluster's services.
fn services_state() -> State {
    let mut state = new_state();
    let fx = open_initial_views(&mut state, Some(CLUSTER), None);
    let (id, _) = fetches(&fx)[0].clone();
    let mut web = service("omni-web", "COMPLETED");
    web.deployments[0].id = "ecs-svc/old".into();
    web.events = vec![crate::model::ServiceEvent {
        id: "e-old".into(),
        created_at: Some(t0()),
        message: "(service omni-web) has reached a steady state.".into(),
    }];
    deliver(&mut state, id, Loaded::ServicesBatch(vec![web]));
    deliver(&mut state, id, Loaded::ServicesDone(Ok(())));
    state
}

/// `a` then the action's letter: the dialog for it.
fn open(state: &mut State, letter: char) -> Vec<Effect> {
    let mut fx = press(state, KeyCode::Char('a'));
    fx.extend(press(state, KeyCode::Char(letter)));
    fx
}

#[test]
fn actions_menu_opens_on_the_selected_service_and_cancel_sends_nothing() {
    let mut state = services_state();
    press(&mut state, KeyCode::Char('a'));
    let dialog = state.dialog.as_ref().unwrap_or_else(|| panic!("no menu"));
    assert!(
        matches!(&dialog.kind, DialogKind::Menu(crate::state::dialog::Subject::Service(s)) if s.name == "omni-web")
    );
    // Keys go to the dialog: q does not quit, j does not move the list.
    assert!(press(&mut state, KeyCode::Char('q')).is_empty());
    assert!(!state.quitting && state.dialog.is_some());
    let fx = press(&mut state, KeyCode::Esc);
    assert!(state.dialog.is_none() && fx.is_empty());
    assert_eq!(state.views.len(), 2, "esc closed the dialog, not the view");
    // Cancelling a confirmation says nothing was sent.
    open(&mut state, 'f');
    assert!(press(&mut state, KeyCode::Esc).is_empty());
    assert!(state.dialog.is_none());
    let notice = state.notice.clone().unwrap_or_else(|| panic!("no notice"));
    assert!(notice.text.contains("nothing was sent"), "{}", notice.text);
}

#[test]
fn force_new_deployment_confirms_once_and_follows_the_new_deployment() {
    let mut state = services_state();
    assert!(
        mutations(&open(&mut state, 'f')).is_empty(),
        "no request before confirming"
    );
    let fx = press(&mut state, KeyCode::Enter);
    let sent = mutations(&fx);
    assert_eq!(
        sent.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>(),
        [Mutation::ForceNewDeployment {
            cluster: CLUSTER.into(),
            service: "omni-web".into()
        }]
    );
    // Confirming twice sends one request; esc waits for the answer.
    assert!(mutations(&press(&mut state, KeyCode::Enter)).is_empty());
    press(&mut state, KeyCode::Esc);
    assert!(state.dialog.is_some(), "the dialog waits for AWS's answer");

    let accepted = Accepted {
        request_id: Some("req-1".into()),
        deployment_id: Some("ecs-svc/new".into()),
    };
    let fx = deliver(&mut state, sent[0].0, Loaded::Mutated(Ok(accepted)));
    assert!(state.dialog.is_none());
    let notice = state.notice.clone().unwrap_or_else(|| panic!("no notice"));
    assert_eq!(notice.kind, NoticeKind::Success);
    assert!(
        notice.text.contains("accepted by AWS (request req-1)"),
        "{}",
        notice.text
    );
    // The service detail is pushed with the rollout panel, and fetched now.
    let Some(View::Service(v)) = state.view() else {
        panic!("the service detail is not on screen");
    };
    let follow = v.follow.clone().unwrap_or_else(|| panic!("not following"));
    assert_eq!(follow.until, Until::Deployment(Some("ecs-svc/new".into())));
    assert!(follow.known_events.contains("e-old"));
    assert!(
        matches!(&fetches(&fx)[..], [(_, Request::Service { service, .. })] if service == "omni-web")
    );
}

/// A service as DescribeServices returns it while following.
fn described(deployments: Vec<Deployment>, desired: i32, running: i32) -> Service {
    let mut s = service("omni-web", "");
    s.desired = desired;
    s.running = running;
    s.deployments = deployments;
    s
}

fn deployment(id: &str, status: &str, rollout: &str, rev: i32) -> Deployment {
    Deployment {
        id: id.into(),
        status: status.into(),
        task_definition: td(rev),
        desired: 2,
        running: 2,
        rollout_state: rollout.into(),
        rollout_reason: match rollout {
            "FAILED" => "ECS deployment circuit breaker: tasks failed to start.".into(),
            _ => String::new(),
        },
        ..Default::default()
    }
}

/// Accept a rollback 3 → 2 (deregister option on), return the state following it.
fn following_rollback(deregister: bool) -> State {
    let mut state = services_state();
    let fx = open(&mut state, 'b');
    let (id, _) = fetches(&fx)[0].clone();
    let revisions = [3, 2, 1]
        .iter()
        .filter_map(|r| TaskDefinitionRef::parse(&td(*r)))
        .collect();
    let fx = deliver(&mut state, id, Loaded::RollbackRevisions(Ok(revisions)));
    let (diff_id, _) = fetches(&fx)[0].clone();
    deliver(&mut state, diff_id, Loaded::RollbackDiff(Ok(empty_diff())));
    typed(&mut state, "omni-web");
    if deregister {
        press(&mut state, KeyCode::Tab);
    }
    let sent = mutations(&press(&mut state, KeyCode::Enter));
    let accepted = Accepted {
        request_id: None,
        deployment_id: Some("ecs-svc/rollback".into()),
    };
    deliver(&mut state, sent[0].0, Loaded::Mutated(Ok(accepted)));
    state
}

fn empty_diff() -> TaskDefinitionDiff {
    TaskDefinitionDiff {
        from: "omni-web:3".into(),
        to: "omni-web:2".into(),
        changes: vec![],
        lines: vec![],
    }
}

fn service_fetch_id(state: &State) -> u64 {
    match state.view() {
        Some(View::Service(v)) => v
            .load
            .in_flight
            .unwrap_or_else(|| panic!("no service fetch")),
        _ => panic!("not on the service detail"),
    }
}

#[test]
fn a_followed_rollout_refreshes_every_two_seconds_until_completed_then_deregisters() {
    let mut state = following_rollback(true);
    let id = service_fetch_id(&state);
    let in_progress = described(
        vec![
            deployment("ecs-svc/rollback", "PRIMARY", "IN_PROGRESS", 2),
            deployment("ecs-svc/old", "ACTIVE", "COMPLETED", 3),
        ],
        2,
        2,
    );
    let fx = deliver(&mut state, id, Loaded::Service(Ok(in_progress)));
    assert!(mutations(&fx).is_empty());
    let next = match state.view() {
        Some(View::Service(v)) => v.load.next_at,
        _ => None,
    };
    assert_eq!(
        next,
        Some(t0() + TimeDelta::seconds(2)),
        "refreshes in 2 s, not 5"
    );

    // Two seconds later: a refresh; it comes back COMPLETED.
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(2));
    let (id, _) = fetches(&fx)[0].clone();
    let done = described(
        vec![deployment("ecs-svc/rollback", "PRIMARY", "COMPLETED", 2)],
        2,
        2,
    );
    let fx = deliver(&mut state, id, Loaded::Service(Ok(done)));
    let notice = state.notice.clone().unwrap_or_else(|| panic!("no notice"));
    assert_eq!(notice.kind, NoticeKind::Success);
    assert_eq!(
        notice.text,
        "omni-web: omni-web:3 → omni-web:2 COMPLETED in 2s"
    );
    // The option: the revision rolled back from is deregistered now, through the choke point.
    let sent = mutations(&fx);
    assert_eq!(
        sent.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>(),
        [Mutation::DeregisterTaskDefinition {
            task_definition: td(3)
        }]
    );
    deliver(
        &mut state,
        sent[0].0,
        Loaded::Mutated(Ok(Accepted::default())),
    );
    let notice = state.notice.clone().unwrap_or_else(|| panic!("no notice"));
    assert_eq!(notice.text, "deregistered omni-web:3");
    // Ended: back to the normal refresh interval.
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(4));
    assert!(fetches(&fx).is_empty());
}

#[test]
fn a_failed_rollout_says_why_and_deregisters_nothing() {
    let mut state = following_rollback(true);
    let id = service_fetch_id(&state);
    let failed = described(
        vec![
            deployment("ecs-svc/old", "PRIMARY", "IN_PROGRESS", 3),
            deployment("ecs-svc/rollback", "ACTIVE", "FAILED", 2),
        ],
        2,
        1,
    );
    let fx = deliver(&mut state, id, Loaded::Service(Ok(failed)));
    assert!(
        mutations(&fx).is_empty(),
        "nothing deregistered after a failure"
    );
    let notice = state.notice.clone().unwrap_or_else(|| panic!("no notice"));
    assert_eq!(notice.kind, NoticeKind::Error);
    assert!(
        notice
            .text
            .contains("FAILED after 0s: ECS deployment circuit breaker"),
        "{}",
        notice.text
    );
}

#[test]
fn leaving_a_followed_rollout_says_so() {
    let mut state = following_rollback(true);
    update(&mut state, Action::Tick, t0() + TimeDelta::seconds(7));
    press(&mut state, KeyCode::Esc);
    let notice = state.notice.clone().unwrap_or_else(|| panic!("no notice"));
    assert_eq!(
        notice.text,
        "stopped following omni-web after 7s (the rollout goes on in AWS); omni-web:3 was not deregistered"
    );
}

fn scale_dialog() -> (State, u64) {
    let mut state = services_state();
    let fx = open(&mut state, 's');
    let (id, request) = fetches(&fx)[0].clone();
    assert_eq!(
        request,
        Request::ScalableTarget {
            cluster: CLUSTER.into(),
            service: "omni-web".into()
        }
    );
    (state, id)
}

#[test]
fn scale_refuses_anything_but_a_whole_number_in_range_and_sends_nothing() {
    let (mut state, _) = scale_dialog();
    for (input, message) in [
        ("", "type the new desired count"),
        ("abc", "'abc' is not a whole number from 0 to 5000"),
        ("-1", "'-1' is not a whole number"),
        ("2.5", "'2.5' is not a whole number"),
        ("1e9", "'1e9' is not a whole number"),
        (
            "5001",
            "5001 is more than ECS allows for one service (5000 tasks)",
        ),
        (
            "99999999999999999999999",
            "is more than ECS allows for one service",
        ),
        ("2", "omni-web already wants 2 tasks: nothing to change"),
    ] {
        let mut fx = press(&mut state, KeyCode::Char('u'));
        // ctrl-u clears the field (plain u was typed above, then cleared).
        fx.extend(update(
            &mut state,
            Action::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
            t0(),
        ));
        fx.extend(typed(&mut state, input));
        fx.extend(press(&mut state, KeyCode::Enter));
        fx.extend(press(&mut state, KeyCode::Enter));
        assert!(mutations(&fx).is_empty(), "{input:?} sent a request");
        assert!(
            error(&state).contains(message),
            "{input:?}: {}",
            error(&state)
        );
        let Some(DialogKind::Scale(s)) = state.dialog.as_ref().map(|d| &d.kind) else {
            panic!("the scale dialog closed on {input:?}");
        };
        assert_eq!(s.to, None, "{input:?} got past the input step");
    }
}

#[test]
fn scale_shows_the_change_then_sends_it_on_the_second_enter() {
    let (mut state, _) = scale_dialog();
    typed(&mut state, "4");
    assert!(mutations(&press(&mut state, KeyCode::Enter)).is_empty());
    let sent = mutations(&press(&mut state, KeyCode::Enter));
    assert_eq!(
        sent.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>(),
        [Mutation::Scale {
            cluster: CLUSTER.into(),
            service: "omni-web".into(),
            from: 2,
            to: 4
        }]
    );
    // AWS refuses: the error shows in the dialog, which stays; a retry sends again.
    let denied = AwsError::new(
        ErrorKind::AccessDenied,
        "ecs:UpdateService",
        "User is not authorized to perform: ecs:UpdateService",
    );
    deliver(&mut state, sent[0].0, Loaded::Mutated(Err(denied)));
    assert!(
        error(&state).contains("ecs:UpdateService: access denied"),
        "{}",
        error(&state)
    );
    assert_eq!(mutations(&press(&mut state, KeyCode::Enter)).len(), 1);
}

#[test]
fn scaling_to_zero_needs_the_service_name() {
    let (mut state, _) = scale_dialog();
    typed(&mut state, "0");
    press(&mut state, KeyCode::Enter);
    assert!(mutations(&press(&mut state, KeyCode::Enter)).is_empty());
    assert!(error(&state).contains("type the service name 'omni-web' to scale it to 0"));
    typed(&mut state, "omni-wbe");
    assert!(mutations(&press(&mut state, KeyCode::Enter)).is_empty());
    for _ in 0..8 {
        press(&mut state, KeyCode::Backspace);
    }
    typed(&mut state, "omni-web");
    let sent = mutations(&press(&mut state, KeyCode::Enter));
    assert!(
        matches!(&sent[..], [(_, Mutation::Scale { to: 0, .. })]),
        "{sent:?}"
    );
}

#[test]
fn scale_keeps_what_autoscaling_says_or_why_it_could_not_ask() {
    let (mut state, id) = scale_dialog();
    let target = ScalableTarget {
        min: 2,
        max: 10,
        suspended: false,
    };
    deliver(&mut state, id, Loaded::ScalableTarget(Ok(Some(target))));
    let Some(DialogKind::Scale(s)) = state.dialog.as_ref().map(|d| &d.kind) else {
        panic!("no scale dialog");
    };
    assert_eq!(s.autoscaling, Autoscaling::Target(target));
    assert!(target.undoes(12) && !target.undoes(4));

    let (mut state, id) = scale_dialog();
    let err = AwsError::new(
        ErrorKind::AccessDenied,
        "application-autoscaling:DescribeScalableTargets",
        "not authorized",
    );
    deliver(&mut state, id, Loaded::ScalableTarget(Err(err)));
    let Some(DialogKind::Scale(s)) = state.dialog.as_ref().map(|d| &d.kind) else {
        panic!("no scale dialog");
    };
    assert!(matches!(&s.autoscaling, Autoscaling::Unknown(e) if e.contains("access denied")));
    // Scaling still works without the range.
    typed(&mut state, "3");
    press(&mut state, KeyCode::Enter);
    assert_eq!(mutations(&press(&mut state, KeyCode::Enter)).len(), 1);
}

#[test]
fn scale_follows_until_running_reaches_the_new_count() {
    let (mut state, _) = scale_dialog();
    typed(&mut state, "3");
    press(&mut state, KeyCode::Enter);
    let sent = mutations(&press(&mut state, KeyCode::Enter));
    deliver(
        &mut state,
        sent[0].0,
        Loaded::Mutated(Ok(Accepted::default())),
    );
    let id = service_fetch_id(&state);
    let primary = vec![deployment("ecs-svc/old", "PRIMARY", "COMPLETED", 3)];
    deliver(
        &mut state,
        id,
        Loaded::Service(Ok(described(primary.clone(), 3, 2))),
    );
    assert!(
        state
            .notice
            .as_ref()
            .is_some_and(|n| n.text.contains("accepted")),
        "still going at 2 of 3"
    );
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(2));
    let (id, _) = fetches(&fx)[0].clone();
    deliver(
        &mut state,
        id,
        Loaded::Service(Ok(described(primary, 3, 3))),
    );
    let notice = state.notice.clone().unwrap_or_else(|| panic!("no notice"));
    assert_eq!(notice.text, "omni-web: desired 2 → 3 COMPLETED in 2s");
}

fn task() -> Task {
    Task {
        arn: "arn:aws:ecs:us-east-1:123456789012:task/omni-acme-cluster/0f6a1c2b9d8e4f70a1b2c3d4e5f60718".into(),
        id: "0f6a1c2b9d8e4f70a1b2c3d4e5f60718".into(),
        last_status: "RUNNING".into(),
        desired_status: "RUNNING".into(),
        group: "service:omni-web".into(),
        ..Default::default()
    }
}

#[test]
fn stop_task_records_who_stopped_it_and_shows_aws_errors_in_the_dialog() {
    let mut state = services_state();
    let fx = press(&mut state, KeyCode::Char('t'));
    let (id, _) = fetches(&fx)[0].clone();
    deliver(&mut state, id, Loaded::Tasks(Ok(vec![task()])));
    // Services actions are not offered for a task.
    assert!(open(&mut state, 'f').is_empty());
    assert!(matches!(
        state.dialog.as_ref().map(|d| &d.kind),
        Some(DialogKind::Menu(_))
    ));
    press(&mut state, KeyCode::Char('x'));
    let sent = mutations(&press(&mut state, KeyCode::Enter));
    assert_eq!(
        sent.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>(),
        [Mutation::StopTask {
            cluster: CLUSTER.into(),
            task: task().arn,
            reason: "stopped from opsdeck by OpsRole/alice".into()
        }]
    );
    let throttled = AwsError::new(ErrorKind::Throttled, "ecs:StopTask", "Rate exceeded");
    deliver(&mut state, sent[0].0, Loaded::Mutated(Err(throttled)));
    assert!(error(&state).contains("throttled"), "{}", error(&state));
    let sent = mutations(&press(&mut state, KeyCode::Enter));
    let fx = deliver(
        &mut state,
        sent[0].0,
        Loaded::Mutated(Ok(Accepted::default())),
    );
    assert!(state.dialog.is_none());
    assert!(
        matches!(&fetches(&fx)[..], [(_, Request::Tasks { .. })]),
        "the task list refreshes: {fx:?}"
    );
}

#[test]
fn read_only_shows_every_action_unavailable_and_sends_nothing() {
    let mut state = services_state();
    state.settings.read_only = true;
    for letter in ['f', 's', 'b'] {
        let mut fx = open(&mut state, letter);
        fx.extend(press(&mut state, KeyCode::Enter));
        assert!(fx.is_empty(), "{letter}: {fx:?}");
        assert!(
            error(&state).contains("read-only"),
            "{letter}: {}",
            error(&state)
        );
        press(&mut state, KeyCode::Esc);
    }
}

#[test]
fn rollback_defaults_to_the_newest_older_active_revision_and_needs_the_diff_and_the_name() {
    let mut state = services_state();
    let fx = open(&mut state, 'b');
    let (id, request) = fetches(&fx)[0].clone();
    assert_eq!(
        request,
        Request::RollbackRevisions {
            family: "omni-web".into()
        }
    );
    let revisions = [5, 4, 3, 2, 1]
        .iter()
        .filter_map(|r| TaskDefinitionRef::parse(&td(*r)))
        .collect();
    let fx = deliver(&mut state, id, Loaded::RollbackRevisions(Ok(revisions)));
    let (diff_id, request) = fetches(&fx)[0].clone();
    assert_eq!(
        request,
        Request::RollbackDiff {
            from: td(3),
            to: td(2)
        },
        "running :3, default target :2 (newest older ACTIVE)"
    );
    // No confirming before the diff is there.
    typed(&mut state, "omni-web");
    assert!(mutations(&press(&mut state, KeyCode::Enter)).is_empty());
    assert!(
        error(&state).contains("wait for the changes"),
        "{}",
        error(&state)
    );
    // Another revision: the old diff request is cancelled, a new one made.
    let fx = press(&mut state, KeyCode::Up);
    assert!(fx.contains(&Effect::Cancel(diff_id)));
    assert_eq!(
        fetches(&fx)[0].1,
        Request::RollbackDiff {
            from: td(3),
            to: td(4)
        }
    );
    let fx = press(&mut state, KeyCode::Down);
    let (diff_id, _) = fetches(&fx)[0].clone();
    deliver(&mut state, diff_id, Loaded::RollbackDiff(Ok(empty_diff())));
    // A wrong name is refused.
    press(&mut state, KeyCode::Backspace);
    assert!(mutations(&press(&mut state, KeyCode::Enter)).is_empty());
    assert!(error(&state).contains("type the service name 'omni-web'"));
    typed(&mut state, "b");
    let sent = mutations(&press(&mut state, KeyCode::Enter));
    assert_eq!(
        sent.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>(),
        [Mutation::Rollback {
            cluster: CLUSTER.into(),
            service: "omni-web".into(),
            from: td(3),
            to: td(2)
        }]
    );
}

#[test]
fn rollback_opens_on_a_chosen_revision_from_elsewhere() {
    let mut state = services_state();
    let web = service("omni-web", "COMPLETED");
    let mut fx = Vec::new();
    dialog::open_rollback(&mut state, CLUSTER, &web, Some(&td(5)), &mut fx);
    let (id, _) = fetches(&fx)[0].clone();
    let revisions = [5, 4, 3, 2]
        .iter()
        .filter_map(|r| TaskDefinitionRef::parse(&td(*r)))
        .collect();
    let fx = deliver(&mut state, id, Loaded::RollbackRevisions(Ok(revisions)));
    assert_eq!(
        fetches(&fx)[0].1,
        Request::RollbackDiff {
            from: td(3),
            to: td(5)
        }
    );
}

#[test]
fn rollback_with_nothing_older_says_so() {
    let mut state = services_state();
    let fx = open(&mut state, 'b');
    let (id, _) = fetches(&fx)[0].clone();
    let only_current = vec![TaskDefinitionRef::parse(&td(3)).unwrap_or_else(|| panic!("parses"))];
    deliver(&mut state, id, Loaded::RollbackRevisions(Ok(only_current)));
    assert!(
        error(&state).contains("no other ACTIVE revision"),
        "{}",
        error(&state)
    );
    typed(&mut state, "omni-web");
    assert!(mutations(&press(&mut state, KeyCode::Enter)).is_empty());
}

#[test]
fn without_a_deployment_id_the_follow_waits_for_a_new_primary() {
    let mut state = services_state();
    open(&mut state, 'f');
    let sent = mutations(&press(&mut state, KeyCode::Enter));
    deliver(
        &mut state,
        sent[0].0,
        Loaded::Mutated(Ok(Accepted::default())),
    );
    let id = service_fetch_id(&state);
    // Only the old deployment, COMPLETED: that is not the end of the new one.
    let old = vec![deployment("ecs-svc/old", "PRIMARY", "COMPLETED", 3)];
    deliver(&mut state, id, Loaded::Service(Ok(described(old, 2, 2))));
    assert!(
        matches!(state.view(), Some(View::Service(v)) if v.follow.as_ref().is_some_and(|f| f.ended.is_none()))
    );
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(2));
    let (id, _) = fetches(&fx)[0].clone();
    let new = vec![
        deployment("ecs-svc/new", "PRIMARY", "COMPLETED", 3),
        deployment("ecs-svc/old", "ACTIVE", "COMPLETED", 3),
    ];
    deliver(&mut state, id, Loaded::Service(Ok(described(new, 2, 2))));
    let notice = state.notice.clone().unwrap_or_else(|| panic!("no notice"));
    assert!(notice.text.ends_with("COMPLETED in 2s"), "{}", notice.text);
}

/// In a context tagged prod, every change is confirmed by typing its name.
fn prod(mut state: State) -> State {
    state.context.environment = Some(crate::config::Environment::Prod);
    state
}

#[test]
fn in_prod_force_new_deployment_needs_the_service_name_typed() {
    let mut state = prod(services_state());
    open(&mut state, 'f');
    let fx = press(&mut state, KeyCode::Enter);
    assert!(mutations(&fx).is_empty(), "{fx:?}");
    assert_eq!(error(&state), "prod context: type 'omni-web' to confirm");
    typed(&mut state, "omni-web");
    let fx = press(&mut state, KeyCode::Enter);
    assert_eq!(mutations(&fx).len(), 1, "{fx:?}");
}

#[test]
fn in_prod_scaling_to_any_count_needs_the_service_name_typed() {
    let (state, _) = scale_dialog();
    let mut state = prod(state);
    typed(&mut state, "3");
    press(&mut state, KeyCode::Enter);
    let fx = press(&mut state, KeyCode::Enter);
    assert!(mutations(&fx).is_empty(), "{fx:?}");
    assert_eq!(error(&state), "prod context: type 'omni-web' to confirm");
    typed(&mut state, "omni-web");
    let fx = press(&mut state, KeyCode::Enter);
    assert_eq!(mutations(&fx).len(), 1, "{fx:?}");
}

#[test]
fn in_prod_stopping_a_task_needs_its_id_typed() {
    let mut state = prod(services_state());
    let mut view = crate::state::TasksView {
        cluster: CLUSTER.into(),
        service: Some("omni-web".into()),
        ..Default::default()
    };
    view.table.set_rows(vec![crate::model::Task {
        arn: format!("arn:aws:ecs:us-east-1:123456789012:task/{CLUSTER}/4f0c2a7d9be54e0f"),
        id: "4f0c2a7d9be54e0f".into(),
        last_status: "RUNNING".into(),
        desired_status: "RUNNING".into(),
        ..Default::default()
    }]);
    state.views.push(View::Tasks(view));
    open(&mut state, 'x');
    let fx = press(&mut state, KeyCode::Enter);
    assert!(mutations(&fx).is_empty());
    assert_eq!(error(&state), "prod context: type '4f0c2a7d' to confirm");
    typed(&mut state, "4f0c2a7d");
    assert_eq!(mutations(&press(&mut state, KeyCode::Enter)).len(), 1);
}
