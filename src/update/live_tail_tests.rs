//! Live Tail in the logs pane: when a session starts, what its pushes do, how
//! polling takes over (from before the last push, each event once), the key,
//! and leaving the pane.

use std::sync::Arc;

use chrono::TimeDelta;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Loaded};
use crate::aws::{AwsError, ErrorKind};
use crate::effect::{Effect, Request};
use crate::model::live_tail::{LiveTailPlan, LiveTailReport};
use crate::model::log_tail::{LogBatch, LogScope};
use crate::model::{LogEvent, LogQuery, Timestamp};
use crate::state::{LiveMode, LogsView, NoticeKind, State, View};
use crate::update::tests::{new_state, t0};
use crate::update::update;

const GROUP: &str = "/ecs/omni";

fn at(secs: i64) -> Timestamp {
    t0() + TimeDelta::seconds(secs)
}

fn ms(secs: i64) -> i64 {
    at(secs).timestamp_millis()
}

fn lines(stream: &str, ts: i64, texts: &[&str]) -> Vec<LogEvent> {
    let stream: Arc<str> = Arc::from(stream);
    texts
        .iter()
        .map(|t| LogEvent::ingest(ts, stream.clone(), t))
        .collect()
}

fn deliver(state: &mut State, id: u64, loaded: Loaded, secs: i64) -> Vec<Effect> {
    update(state, Action::Loaded(id, Box::new(loaded)), at(secs))
}

fn tick(state: &mut State, secs: i64) -> Vec<Effect> {
    update(state, Action::Tick, at(secs))
}

fn key(state: &mut State, c: char, secs: i64) -> Vec<Effect> {
    update(
        state,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        at(secs),
    )
}

fn polls(fx: &[Effect]) -> Vec<(u64, LogQuery)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch {
                id,
                request: Request::LogEvents(q),
            } => Some((*id, (**q).clone())),
            _ => None,
        })
        .collect()
}

fn one_poll(fx: &[Effect]) -> (u64, LogQuery) {
    let mut found = polls(fx);
    assert_eq!(found.len(), 1, "one poll in {fx:?}");
    found.remove(0)
}

fn session(fx: &[Effect]) -> Option<(u64, LiveTailPlan)> {
    fx.iter().find_map(|e| match e {
        Effect::Fetch {
            id,
            request: Request::LiveTail(plan),
        } => Some((*id, (**plan).clone())),
        _ => None,
    })
}

fn pane(state: &State) -> &LogsView {
    match state.view() {
        Some(View::Logs(v)) => v,
        _ => panic!("the logs pane is not shown"),
    }
}

fn texts(state: &State) -> Vec<String> {
    pane(state)
        .buffer
        .iter()
        .map(|e| e.text.to_string())
        .collect()
}

/// A poll's answer; every stream exists (GetLogEvents hands back a token for each).
fn batch(events: Vec<LogEvent>) -> Loaded {
    let mut cursor = crate::model::TailCursor::default();
    for stream in ["web/a", "web/b", "omni-web/web/a1", "omni-web/web/b2"] {
        let target = crate::model::LogTarget {
            group: GROUP.into(),
            stream: stream.into(),
        };
        cursor.tokens.insert(target, format!("f/{stream}"));
    }
    Loaded::LogEvents(Ok(LogBatch {
        events,
        cursor,
        ..Default::default()
    }))
}

/// Two named streams of one group, opened with `--live-tail`, first read done:
/// returns the state and the session's request id (Connecting).
fn connecting() -> (State, u64) {
    let mut state = new_state();
    state.settings.live_tail = true;
    let scope = LogScope::Streams {
        group: GROUP.into(),
        streams: vec!["web/a".into(), "web/b".into()],
    };
    let view = super::logs::pane(&state, scope);
    state.views.push(view);
    state.now = at(0);
    let mut fx = Vec::new();
    super::logs::fetch(&mut state, &mut fx);
    assert!(session(&fx).is_none(), "Live Tail waits for the first read");
    assert_eq!(
        pane(&state).live.label().as_deref(),
        Some("Live Tail: waiting for the first read")
    );
    let (first, _) = one_poll(&fx);
    deliver(
        &mut state,
        first,
        batch(lines("web/a", ms(-5), &["old"])),
        0,
    );
    let fx = tick(&mut state, 1);
    let (id, plan) = session(&fx).unwrap_or_else(|| panic!("a session starts: {fx:?}"));
    assert_eq!(
        plan,
        LiveTailPlan {
            groups: vec![format!(
                "arn:aws:logs:us-east-1:123456789012:log-group:{GROUP}"
            )],
            streams: Some(vec!["web/a".into(), "web/b".into()]),
            pattern: String::new(),
        }
    );
    // Polling goes on until AWS accepts the session.
    assert_eq!(polls(&fx).len(), 1, "{fx:?}");
    assert_eq!(pane(&state).live.mode, LiveMode::Connecting);
    (state, id)
}

/// Connecting, then AWS accepts; the gap read done. Returns the session id.
fn live() -> (State, u64) {
    let (mut state, id) = connecting();
    // The poll sent with StartLiveTail answers after the session started: ignored.
    let stale_poll = state.next_request - 1;
    let started = deliver(&mut state, id, Loaded::LiveTail(LiveTailReport::Started), 2);
    let notice = state.notice.clone().map(|n| n.text).unwrap_or_default();
    assert!(notice.contains("per session-minute"), "{notice}");
    deliver(
        &mut state,
        stale_poll,
        batch(lines("web/a", ms(1), &["x"])),
        2,
    );
    assert_eq!(
        texts(&state),
        vec!["old"],
        "a poll sent before the session is dropped"
    );
    // The gap between the last poll that answered (sent at 0 s) and the session is
    // read again, at once.
    let (gap, query) = one_poll(&started);
    assert_eq!(query.start_ms, ms(0) - 15_000);
    assert_eq!(query.cursor, Default::default(), "a fresh cursor");
    let mut events = lines("web/a", ms(-5), &["old"]);
    events.extend(lines("web/b", ms(1), &["in the gap"]));
    deliver(&mut state, gap, batch(events), 3);
    assert_eq!(
        texts(&state),
        vec!["old", "in the gap"],
        "shown lines are not repeated"
    );
    (state, id)
}

#[test]
fn a_session_starts_after_the_first_read_then_pushes_replace_polling() {
    let (mut state, id) = live();
    assert!(
        polls(&tick(&mut state, 5)).is_empty(),
        "no polling while live"
    );
    assert!(polls(&tick(&mut state, 30)).is_empty());
    deliver(
        &mut state,
        id,
        Loaded::LiveTail(LiveTailReport::Events {
            events: lines("web/a", ms(30), &["pushed 1", "pushed 2"]),
            sampled: false,
        }),
        31,
    );
    assert_eq!(
        texts(&state),
        vec!["old", "in the gap", "pushed 1", "pushed 2"]
    );
    assert!(pane(&state).follow, "following stays at the newest line");
    assert_eq!(pane(&state).selected, 3);
    assert_eq!(
        pane(&state).live.label().as_deref(),
        Some("● LIVE TAIL · billed per minute")
    );
}

#[test]
fn an_event_both_the_gap_read_and_a_push_bring_is_shown_once() {
    let (mut state, id) = connecting();
    let started = deliver(&mut state, id, Loaded::LiveTail(LiveTailReport::Started), 2);
    let (gap, _) = one_poll(&started);
    let push = |state: &mut State, events: Vec<LogEvent>, sampled: bool, secs: i64| {
        deliver(
            state,
            id,
            Loaded::LiveTail(LiveTailReport::Events { events, sampled }),
            secs,
        );
    };
    // Pushed first, then the gap read brings it too.
    push(
        &mut state,
        lines("web/b", ms(2), &["pushed first"]),
        false,
        3,
    );
    let mut read = lines("web/b", ms(2), &["pushed first"]);
    read.extend(lines("web/a", ms(3), &["read first"]));
    deliver(&mut state, gap, batch(read), 3);
    // Read first, then pushed (Live Tail lags the write by about a second).
    push(&mut state, lines("web/a", ms(3), &["read first"]), true, 4);
    assert_eq!(texts(&state), vec!["old", "pushed first", "read first"]);
    let label = pane(&state).live.label().unwrap_or_default();
    assert!(label.contains("sampled"), "{label}");
    // Once the overlap settled, a repeat is a new line.
    tick(&mut state, 20);
    push(
        &mut state,
        lines("web/a", ms(3), &["read first"]),
        false,
        21,
    );
    assert_eq!(texts(&state).len(), 4);
}

#[test]
fn a_session_that_breaks_hands_back_to_polling_from_before_the_last_push() {
    let (mut state, id) = live();
    deliver(
        &mut state,
        id,
        Loaded::LiveTail(LiveTailReport::Events {
            events: lines("web/a", ms(40), &["pushed"]),
            sampled: false,
        }),
        41,
    );
    let denied = AwsError::new(
        ErrorKind::AccessDenied,
        "logs:StartLiveTail",
        "not authorized to perform logs:StartLiveTail",
    );
    let fx = deliver(
        &mut state,
        id,
        Loaded::LiveTail(LiveTailReport::Ended(denied)),
        50,
    );
    let notice = state.notice.clone().unwrap_or_else(|| panic!("a notice"));
    assert_eq!(notice.kind, NoticeKind::Warning);
    assert!(notice.text.contains("polling instead"), "{}", notice.text);
    assert!(notice.text.contains("access denied"), "{}", notice.text);
    assert!(matches!(pane(&state).live.mode, LiveMode::Unavailable(_)));
    // Polling again at once, from 15 s before the last push, every stream, a fresh cursor.
    let (read, query) = one_poll(&fx);
    assert_eq!(query.start_ms, ms(41) - 15_000);
    assert_eq!(query.cursor, Default::default());
    let mut events = lines("web/a", ms(40), &["pushed"]);
    events.extend(lines("web/a", ms(45), &["after the push"]));
    let fx = deliver(&mut state, read, batch(events), 51);
    assert_eq!(
        texts(&state),
        vec!["old", "in the gap", "pushed", "after the push"]
    );
    // Then ordinary polls continue the cursor; no second session on its own.
    assert!(session(&fx).is_none(), "T tries again, not a timer");
    let (_, next) = one_poll(&fx);
    assert_eq!(next.start_ms, pane(&state).start_ms);
}

#[test]
fn more_than_ten_log_groups_is_refused_up_front_and_polling_goes_on() {
    let mut state = new_state();
    state.settings.live_tail = true;
    let view = super::logs::pane(
        &state,
        LogScope::Group {
            group: GROUP.into(),
        },
    );
    state.views.push(view);
    if let Some(View::Logs(v)) = state.view_mut() {
        v.targets = (0..11)
            .map(|i| crate::model::LogTarget {
                group: format!("/g{i}"),
                stream: "s".into(),
            })
            .collect();
    }
    state.now = at(0);
    let mut fx = Vec::new();
    super::logs::fetch(&mut state, &mut fx);
    let (first, _) = one_poll(&fx);
    deliver(&mut state, first, batch(Vec::new()), 0);
    let fx = tick(&mut state, 2);
    assert!(session(&fx).is_none());
    assert_eq!(polls(&fx).len(), 1, "polling goes on");
    let label = pane(&state).live.label().unwrap_or_default();
    assert!(label.contains("at most 10 log groups"), "{label}");
}

#[test]
fn t_turns_live_tail_off_and_on_and_leaving_the_pane_ends_the_session() {
    let (mut state, id) = live();
    let fx = key(&mut state, 'T', 10);
    assert!(fx.contains(&Effect::Cancel(id)), "the session ends: {fx:?}");
    let (gap, query) = one_poll(&fx);
    assert_eq!(
        query.start_ms,
        ms(2) - 15_000,
        "from before the session started"
    );
    assert_eq!(pane(&state).live.label(), None, "plain polling");

    // On again: a new session once the gap read is in.
    assert!(
        session(&key(&mut state, 'T', 11)).is_none(),
        "not before the gap read"
    );
    let fx = deliver(&mut state, gap, batch(Vec::new()), 11);

    let (second, _) = session(&fx).unwrap_or_else(|| panic!("a new session: {fx:?}"));
    deliver(
        &mut state,
        second,
        Loaded::LiveTail(LiveTailReport::Started),
        12,
    );

    // Back to the view below: the session (and its billing) ends.
    state
        .views
        .insert(0, super::navigation::services_view("omni-acme-cluster"));
    let fx = update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        at(13),
    );
    assert!(fx.contains(&Effect::Cancel(second)), "{fx:?}");
}

#[test]
fn a_new_stream_while_live_restarts_the_session_to_cover_it() {
    let mut state = new_state();
    state.settings.live_tail = true;
    let scope = LogScope::Service {
        cluster: "omni-acme-cluster".into(),
        service: "omni-web".into(),
    };
    let view = super::logs::pane(&state, scope);
    state.views.push(view);
    state.now = at(0);
    let mut fx = Vec::new();
    super::logs::fetch(&mut state, &mut fx);
    let discover = state.next_request - 1;
    let target = |task: &str| crate::model::LogTarget {
        group: GROUP.into(),
        stream: format!("omni-web/web/{task}"),
    };
    let found = |tasks: &[&str]| {
        Loaded::LogTargets(Ok(crate::model::log_tail::Discovered {
            targets: tasks.iter().map(|t| target(t)).collect(),
            notes: Vec::new(),
        }))
    };
    let fx = deliver(&mut state, discover, found(&["a1"]), 0);
    let (first, _) = one_poll(&fx);
    deliver(&mut state, first, batch(Vec::new()), 1);
    let (id, plan) = session(&tick(&mut state, 2)).unwrap_or_else(|| panic!("a session"));
    assert_eq!(plan.streams, Some(vec!["omni-web/web/a1".into()]));
    let fx = deliver(&mut state, id, Loaded::LiveTail(LiveTailReport::Started), 2);
    let (gap, _) = one_poll(&fx);
    deliver(&mut state, gap, batch(Vec::new()), 3);

    // A deploy starts task b2; discovery finds its stream.
    let fx = tick(&mut state, 12);
    let rediscover = fx
        .iter()
        .find_map(|e| match e {
            Effect::Fetch {
                id,
                request: Request::LogTargets(_),
            } => Some(*id),
            _ => None,
        })
        .unwrap_or_else(|| panic!("discovery again: {fx:?}"));
    let fx = deliver(&mut state, rediscover, found(&["a1", "b2"]), 12);
    assert!(fx.contains(&Effect::Cancel(id)), "{fx:?}");
    // Polling bridges the restart, reading the new stream from the tail's start.
    let (bridge, query) = one_poll(&fx);
    assert_eq!(query.start_ms, pane(&state).start_ms);
    assert!(
        session(&fx).is_none(),
        "the new session waits for the bridge"
    );
    let fx = deliver(
        &mut state,
        bridge,
        batch(lines("omni-web/web/b2", ms(5), &["b2 starting"])),
        16,
    );
    assert_eq!(texts(&state), vec!["b2 starting"]);
    let (_, plan) = session(&fx).unwrap_or_else(|| panic!("a new session: {fx:?}"));
    assert_eq!(
        plan.streams,
        Some(vec!["omni-web/web/a1".into(), "omni-web/web/b2".into()])
    );
}
