//! The logs pane's update: opening, discovery, polls and their timing, pause and
//! follow, prompts that re-query, throttling, saving.

use std::sync::Arc;

use chrono::TimeDelta;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Loaded};
use crate::aws::{AwsError, ErrorKind};
use crate::effect::{Effect, Request};
use crate::model::log_tail::{Discovered, LogBatch, LogScope, StartPoint, TailMethod};
use crate::model::{LogEvent, LogQuery, LogTarget, Timestamp};
use crate::state::{State, View};
use crate::update::tests::{new_state, service, t0};
use crate::update::update;

fn press(state: &mut State, code: KeyCode, at: Timestamp) -> Vec<Effect> {
    update(
        state,
        Action::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        at,
    )
}

/// Start what the pane on top needs (as opening it does).
fn start(state: &mut State) -> Vec<Effect> {
    let mut fx = Vec::new();
    super::super::navigation::fetch(state, &mut fx);
    fx
}

fn char_key(state: &mut State, c: char) -> Vec<Effect> {
    let now = state.now;
    press(state, KeyCode::Char(c), now)
}

fn deliver(state: &mut State, id: u64, l: Loaded, at: Timestamp) -> Vec<Effect> {
    update(state, Action::Loaded(id, Box::new(l)), at)
}

fn fetches(fx: &[Effect]) -> Vec<(u64, Request)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect()
}

fn poll_of(fx: &[Effect]) -> (u64, LogQuery) {
    fetches(fx)
        .into_iter()
        .find_map(|(id, r)| match r {
            Request::LogEvents(q) => Some((id, *q)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no poll in {fx:?}"))
}

fn target(task: &str, container: &str) -> LogTarget {
    LogTarget {
        group: "/ecs/omni".into(),
        stream: format!("omni-web/{container}/{task}"),
    }
}

fn events(stream: &str, from: i64, lines: &[&str]) -> Vec<LogEvent> {
    let stream: Arc<str> = Arc::from(stream);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| LogEvent::ingest(from + i as i64, stream.clone(), l))
        .collect()
}

fn logs(state: &State) -> &crate::state::LogsView {
    match state.view() {
        Some(View::Logs(v)) => v,
        other => panic!("not the logs pane: {:?}", other.map(View::title)),
    }
}

/// The services list with omni-web selected, then `l`.
fn open_service_logs() -> (State, Vec<Effect>) {
    let mut state = new_state();
    state
        .views
        .push(super::super::navigation::services_view("omni-acme-cluster"));
    if let Some(View::Services(v)) = state.view_mut() {
        v.table.set_rows(vec![service("omni-web", "COMPLETED")]);
    }
    let fx = char_key(&mut state, 'l');
    (state, fx)
}

#[test]
fn l_on_a_service_finds_its_streams_then_tails_them_all_interleaved() {
    let (mut state, fx) = open_service_logs();
    let found = fetches(&fx);
    assert_eq!(found.len(), 1, "only discovery until the streams are known");
    let (discover_id, request) = found[0].clone();
    assert_eq!(
        request,
        Request::LogTargets(LogScope::Service {
            cluster: "omni-acme-cluster".into(),
            service: "omni-web".into()
        })
    );
    let targets: Vec<LogTarget> = ["a1", "b2"]
        .iter()
        .flat_map(|t| {
            [
                target(&format!("{t}000000"), "web"),
                target(&format!("{t}000000"), "audit"),
            ]
        })
        .collect();
    let fx = deliver(
        &mut state,
        discover_id,
        Loaded::LogTargets(Ok(Discovered {
            targets: targets.clone(),
            notes: vec!["xray: no log configuration".into()],
        })),
        t0(),
    );
    // The streams found are read at once: four go through one FilterLogEvents.
    let (poll_id, query) = poll_of(&fx);
    assert_eq!(query.method, TailMethod::Filter);
    assert_eq!(query.targets, targets);
    assert_eq!(query.fresh, targets, "first read of every stream");
    assert_eq!(
        query.start_ms,
        (t0() - TimeDelta::minutes(10)).timestamp_millis()
    );

    let mut batch = LogBatch {
        events: events("omni-web/web/a1000000", 10, &["one"]),
        ..Default::default()
    };
    batch
        .events
        .extend(events("omni-web/audit/b2000000", 11, &["two"]));
    batch
        .events
        .extend(events("omni-web/web/a1000000", 12, &["three"]));
    batch.events.sort_by_key(|e| e.timestamp);
    batch
        .cursor
        .groups
        .insert("/ecs/omni".into(), Default::default());
    let at = t0() + TimeDelta::milliseconds(1200);
    let fx = deliver(&mut state, poll_id, Loaded::LogEvents(Ok(batch)), at);
    let v = logs(&state);
    let texts: Vec<&str> = v.buffer.iter().map(|e| &*e.text).collect();
    assert_eq!(texts, ["one", "two", "three"]);
    assert!(v.fresh.is_empty());
    assert!(v.follow);
    assert_eq!(v.notes, ["xray: no log configuration"]);
    // Lines flowed: the next poll is about a second after the last one was sent.
    let next = v.load.next_at.unwrap_or_default();
    assert!(next <= t0() + TimeDelta::seconds(2), "{next}");
    // The poll was sent at 0 s, so the next one is due at once.
    let (_, again) = poll_of(&fx);
    assert!(again.fresh.is_empty());
    assert_eq!(again.last, None, "'last N' applies to the first read only");
}

#[test]
fn a_task_started_during_a_deploy_joins_the_tail_and_is_read_from_the_start() {
    let (mut state, fx) = open_service_logs();
    let (discover_id, _) = fetches(&fx)[0].clone();
    let first = vec![target("a1000000", "web")];
    let fx = deliver(
        &mut state,
        discover_id,
        Loaded::LogTargets(Ok(Discovered {
            targets: first.clone(),
            notes: vec![],
        })),
        t0(),
    );
    let (poll_id, query) = poll_of(&fx);
    assert_eq!(
        query.method,
        TailMethod::PerStream,
        "one stream: GetLogEvents"
    );
    let mut batch = LogBatch::default();
    batch.cursor.tokens.insert(first[0].clone(), "f/1".into());
    deliver(
        &mut state,
        poll_id,
        Loaded::LogEvents(Ok(batch)),
        t0() + TimeDelta::seconds(1),
    );
    // Ten seconds later the streams are looked for again and a new task is there.
    let later = t0() + TimeDelta::seconds(11);
    let fx = update(&mut state, Action::Tick, later);
    let (rediscover, request) = fetches(&fx)
        .into_iter()
        .find(|(_, r)| matches!(r, Request::LogTargets(_)))
        .unwrap_or_else(|| panic!("streams are looked for again: {fx:?}"));
    assert!(matches!(
        request,
        Request::LogTargets(LogScope::Service { .. })
    ));
    let (poll_id, _) = poll_of(&fx);
    deliver(
        &mut state,
        poll_id,
        Loaded::LogEvents(Ok({
            let mut b = LogBatch::default();
            b.cursor.tokens.insert(first[0].clone(), "f/1".into());
            b
        })),
        later,
    );
    let new_task = target("c3000000", "web");
    let fx = deliver(
        &mut state,
        rediscover,
        Loaded::LogTargets(Ok(Discovered {
            targets: vec![new_task.clone()],
            notes: vec![],
        })),
        later,
    );
    let v = logs(&state);
    assert_eq!(
        v.targets,
        vec![first[0].clone(), new_task.clone()],
        "the old stream stays"
    );
    // The new stream is read at once, however quiet the tail was.
    let (_, query) = poll_of(&fx);
    assert_eq!(query.fresh, vec![new_task]);
}

#[test]
fn scrolling_back_pauses_counts_new_lines_and_g_follows_again() {
    let mut state = new_state();
    state.views.push(super::logs_view(
        LogScope::Group { group: "g".into() },
        t0(),
    ));
    let fx = start(&mut state);
    let (id, _) = poll_of(&fx);
    let batch = LogBatch {
        events: events("s", 1, &["1", "2", "3"]),
        ..Default::default()
    };
    deliver(&mut state, id, Loaded::LogEvents(Ok(batch)), t0());
    press(&mut state, KeyCode::Up, t0());
    assert!(!logs(&state).follow);
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(1));
    let (id, _) = poll_of(&fx);
    let batch = LogBatch {
        events: events("s", 10, &["4", "5"]),
        ..Default::default()
    };
    deliver(
        &mut state,
        id,
        Loaded::LogEvents(Ok(batch)),
        t0() + TimeDelta::seconds(1),
    );
    let v = logs(&state);
    assert_eq!((v.unseen, v.selected), (2, 1), "the view stays on its line");
    assert_eq!(v.buffer.len(), 5);
    press(&mut state, KeyCode::Char('G'), t0());
    let v = logs(&state);
    assert!(v.follow && v.unseen == 0);
}

#[test]
fn throttling_backs_off_and_is_shown() {
    let mut state = new_state();
    state.views.push(super::logs_view(
        LogScope::Group { group: "g".into() },
        t0(),
    ));
    let fx = start(&mut state);
    let (id, _) = poll_of(&fx);
    let throttled = AwsError::new(
        ErrorKind::Throttled,
        "logs:FilterLogEvents",
        "Rate exceeded",
    );
    deliver(&mut state, id, Loaded::LogEvents(Err(throttled)), t0());
    let v = logs(&state);
    assert_eq!(
        v.load.error.as_ref().map(|e| e.kind),
        Some(ErrorKind::Throttled)
    );
    assert!(v.load.next_at.unwrap_or_default() >= t0() + TimeDelta::seconds(2));
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(1));
    assert!(fetches(&fx).is_empty(), "no poll while backing off");
}

#[test]
fn a_filter_pattern_or_a_new_start_re_queries_from_scratch() {
    let mut state = new_state();
    state.views.push(super::logs_view(
        LogScope::Streams {
            group: "g".into(),
            streams: vec!["s1".into()],
        },
        t0(),
    ));
    let fx = start(&mut state);
    let (id, query) = poll_of(&fx);
    assert_eq!(
        (query.method, query.last),
        (TailMethod::PerStream, Some(500))
    );
    let batch = LogBatch {
        events: events("s1", 1, &["INFO ok", "ERROR bad"]),
        ..Default::default()
    };
    deliver(&mut state, id, Loaded::LogEvents(Ok(batch)), t0());
    let fx = update(&mut state, Action::Tick, t0() + TimeDelta::seconds(1));
    let (in_flight, _) = poll_of(&fx);

    char_key(&mut state, 'f');
    for c in "ERROR".chars() {
        char_key(&mut state, c);
    }
    let fx = press(&mut state, KeyCode::Enter, t0() + TimeDelta::seconds(1));
    assert!(
        fx.contains(&Effect::Cancel(in_flight)),
        "the old poll is dropped: {fx:?}"
    );
    let (_, query) = poll_of(&fx);
    assert_eq!(query.pattern, "ERROR");
    assert_eq!(
        query.method,
        TailMethod::Filter,
        "patterns need FilterLogEvents"
    );
    assert!(logs(&state).buffer.is_empty());

    char_key(&mut state, 'b');
    press(&mut state, KeyCode::Char('u'), t0()); // appends to "500": not a start
    let fx = press(&mut state, KeyCode::Enter, t0());
    assert!(fetches(&fx).is_empty());
    assert!(state
        .notice
        .as_ref()
        .is_some_and(|n| n.text.contains("not a start")));
    // ctrl-u clears the field; type 5m.
    update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        t0(),
    );
    char_key(&mut state, '5');
    char_key(&mut state, 'm');
    let fx = press(&mut state, KeyCode::Enter, t0());
    let v = logs(&state);
    assert_eq!(v.start, StartPoint::Since(300));
    let polls = fetches(&fx);
    // The pattern's poll may still be in flight; a new start cancels and re-queries.
    assert_eq!(polls.len(), 1, "{fx:?}");
    let (_, query) = poll_of(&fx);
    assert_eq!(
        query.start_ms,
        (t0() - TimeDelta::minutes(5)).timestamp_millis()
    );
    assert_eq!(query.last, None);
}

#[test]
fn search_highlights_jumps_and_save_writes_the_lines_shown() {
    let mut state = new_state();
    state.views.push(super::logs_view(
        LogScope::Group { group: "g".into() },
        t0(),
    ));
    let fx = start(&mut state);
    let (id, _) = poll_of(&fx);
    let batch = LogBatch {
        events: events(
            "app/web/t1",
            1,
            &["GET /health", "boom", "GET /health", "late"],
        ),
        ..Default::default()
    };
    deliver(&mut state, id, Loaded::LogEvents(Ok(batch)), t0());
    char_key(&mut state, '/');
    for c in "health".chars() {
        char_key(&mut state, c);
    }
    assert_eq!(logs(&state).search, "health", "search applies as you type");
    press(&mut state, KeyCode::Enter, t0());
    char_key(&mut state, 'N');
    assert_eq!(logs(&state).selected, 2);
    char_key(&mut state, 'N');
    assert_eq!(logs(&state).selected, 0);
    char_key(&mut state, 'v');
    let fx = update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        t0(),
    );
    let (save_id, request) = fetches(&fx)
        .into_iter()
        .find(|(_, r)| matches!(r, Request::SaveLogs { .. }))
        .unwrap_or_else(|| panic!("a save: {fx:?}"));
    let Request::SaveLogs { name, text } = request else {
        unreachable!()
    };
    assert!(name.starts_with("g-2025"), "{name}");
    assert_eq!(
        text.lines().count(),
        2,
        "hidden lines are not saved: {text}"
    );
    assert!(text.contains("app/web/t1 boom"));
    deliver(
        &mut state,
        save_id,
        Loaded::LogsSaved(Ok("/home/u/.local/state/opsdeck/logs/g.log".into())),
        t0(),
    );
    let notice = state
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert_eq!(notice, "saved to /home/u/.local/state/opsdeck/logs/g.log");
}

#[test]
fn leaving_the_pane_stops_its_poll_and_discovery() {
    let (mut state, fx) = open_service_logs();
    let (discover_id, _) = fetches(&fx)[0].clone();
    let fx = press(&mut state, KeyCode::Esc, t0());
    assert!(fx.contains(&Effect::Cancel(discover_id)), "{fx:?}");
    assert!(matches!(state.view(), Some(View::Services(_))));
}

#[test]
fn l_on_a_task_or_a_container_tails_just_that() {
    let mut state = new_state();
    state.views.push(super::super::navigation::tasks_view(
        "omni-acme-cluster",
        Some("omni-web"),
    ));
    let task = crate::model::Task {
        arn: "arn:aws:ecs:us-east-1:123456789012:task/omni-acme-cluster/3f1c9a2e8b4d".into(),
        id: "3f1c9a2e8b4d".into(),
        containers: vec![crate::model::Container {
            name: "web".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    if let Some(View::Tasks(v)) = state.view_mut() {
        v.table.set_rows(vec![task.clone()]);
    }
    let fx = char_key(&mut state, 'l');
    assert!(matches!(
        &fetches(&fx)[..],
        [(_, Request::LogTargets(LogScope::Task { task_arn, .. }))] if *task_arn == task.arn
    ));
    assert_eq!(logs(&state).scope.label(), "task 3f1c9a2e");
    press(&mut state, KeyCode::Esc, t0());
    state.views.push(super::super::navigation::containers_view(
        "omni-acme-cluster",
        &task.arn,
    ));
    if let Some(View::Containers(v)) = state.view_mut() {
        v.table.set_rows(task.containers.clone());
    }
    let fx = char_key(&mut state, 'l');
    assert!(matches!(
        &fetches(&fx)[..],
        [(_, Request::LogTargets(LogScope::Container { container, .. }))] if container == "web"
    ));
}

#[test]
fn a_stream_found_while_a_poll_is_on_its_way_stays_fresh() {
    let mut state = new_state();
    state.views.push(super::logs_view(
        LogScope::Service {
            cluster: "c".into(),
            service: "s".into(),
        },
        t0(),
    ));
    let fx = start(&mut state);
    let (discover_id, _) = fetches(&fx)[0].clone();
    let many: Vec<LogTarget> = (0..4)
        .map(|i| target(&format!("t{i}000000"), "web"))
        .collect();
    let fx = deliver(
        &mut state,
        discover_id,
        Loaded::LogTargets(Ok(Discovered {
            targets: many.clone(),
            notes: vec![],
        })),
        t0(),
    );
    let (poll_id, _) = poll_of(&fx);
    // Rediscovery answers before the poll does, with a new task.
    let later = t0() + TimeDelta::seconds(12);
    if let Some(View::Logs(v)) = state.view_mut() {
        v.discover.next_at = None;
    }
    let mut fx = Vec::new();
    super::fetch(&mut state, &mut fx);
    let (rediscover, _) = fetches(&fx)[0].clone();
    let new_task = target("t9000000", "web");
    deliver(
        &mut state,
        rediscover,
        Loaded::LogTargets(Ok(Discovered {
            targets: vec![new_task.clone()],
            notes: vec![],
        })),
        later,
    );
    let mut batch = LogBatch::default();
    batch
        .cursor
        .groups
        .insert("/ecs/omni".into(), Default::default());
    deliver(&mut state, poll_id, Loaded::LogEvents(Ok(batch)), later);
    assert_eq!(
        logs(&state).fresh,
        vec![new_task],
        "read from the start at the next poll"
    );
}

#[test]
fn pretty_json_while_following_pauses_on_the_newest_line() {
    let mut state = new_state();
    state.views.push(super::logs_view(
        LogScope::Group { group: "g".into() },
        t0(),
    ));
    let fx = start(&mut state);
    let (id, _) = poll_of(&fx);
    let batch = LogBatch {
        events: events("s", 1, &[r#"{"level":"info"}"#, r#"{"level":"error"}"#]),
        ..Default::default()
    };
    deliver(&mut state, id, Loaded::LogEvents(Ok(batch)), t0());
    char_key(&mut state, 'p');
    let v = logs(&state);
    assert!(
        v.pretty && !v.follow,
        "the inspected line does not scroll away"
    );
    assert_eq!(v.selected, 1);
}
