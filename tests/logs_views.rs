//! The logs pane and the log-group browser drawn at 80x24 and 160x48 from realistic
//! CloudWatch data, snapshot-tested, with colour checks where colour carries meaning
//! and hostile lines checked to reach the screen inert.

use std::sync::Arc;

use chrono::TimeDelta;
use crossterm::event::KeyCode;
use opsdeck::action::{Action, Loaded};
use opsdeck::effect::{Effect, Request};
use opsdeck::model::log_tail::{Discovered, LogBatch, LogScope};
use opsdeck::model::{LogEvent, LogGroup, LogStream, LogTarget};
use opsdeck::state::{State, View};
use opsdeck::update::{logs, update};
use ratatui::style::Color;

mod common;
use common::screen::*;

const GROUP: &str = "/ecs/omni-acme";
const TASKS: [&str; 2] = [
    "3f1c9a2e-8b4d-4c1e-9f2a-7d6e5c4b3a21",
    "a7e2d4c1-5f3b-4a9e-8c7d-1b2a3c4d5e6f",
];

fn stream(task: usize, container: &str) -> String {
    format!("omni-web/{container}/{}", TASKS[task])
}

fn targets() -> Vec<LogTarget> {
    (0..2)
        .flat_map(|t| ["web", "audit"].map(|c| (t, c)))
        .map(|(t, c)| LogTarget {
            group: GROUP.into(),
            stream: stream(t, c),
        })
        .collect()
}

/// What omni-web's containers write: JSON access logs, text lines, a stack trace,
/// a coloured line, and one hostile line.
fn lines() -> Vec<(usize, &'static str, &'static str)> {
    vec![
        (0, "web", r#"{"time":"2025-11-23T12:13:01Z","level":"info","msg":"GET /api/orders 200","ms":12,"trace":"1-6742a1"}"#),
        (1, "web", r#"{"time":"2025-11-23T12:13:02Z","level":"info","msg":"GET /health 200","ms":1}"#),
        (0, "audit", "2025-11-23 12:13:03,120 INFO  audit user=alice action=export rows=1200"),
        (1, "web", r#"{"time":"2025-11-23T12:13:04Z","level":"warn","msg":"slow query","ms":1840,"sql":"SELECT * FROM orders WHERE tenant_id = $1"}"#),
        (0, "web", "java.lang.IllegalStateException: payment provider timed out\n\tat com.omni.pay.Client.charge(Client.java:88)\n\tat com.omni.api.Orders.create(Orders.java:41)"),
        (1, "web", r#"{"time":"2025-11-23T12:13:06Z","level":"error","msg":"POST /api/payments 502","ms":30012,"error":"upstream timeout"}"#),
        (1, "audit", "\x1b[32mOK\x1b[0m nightly export finished in \x1b[1m42s\x1b[0m"),
        (0, "web", "user agent said \x1b[2J\x1b[H\x1b]52;c;cm0gLXJmIH4=\x07 hello"),
        (0, "web", r#"{"time":"2025-11-23T12:13:09Z","level":"info","msg":"GET /health 200","ms":1}"#),
        (1, "audit", "2025-11-23 12:13:10,002 DEBUG audit heartbeat"),
    ]
}

fn batch() -> LogBatch {
    let base = (t0() - TimeDelta::seconds(20)).timestamp_millis();
    LogBatch {
        events: lines()
            .into_iter()
            .enumerate()
            .map(|(i, (task, container, text))| {
                LogEvent::ingest(
                    base + i as i64 * 1000,
                    Arc::from(stream(task, container)),
                    text,
                )
            })
            .collect(),
        ..Default::default()
    }
}

fn fetch_ids(fx: &[Effect]) -> (Option<u64>, Option<u64>) {
    let mut discover = None;
    let mut poll = None;
    for e in fx {
        if let Effect::Fetch { id, request } = e {
            match request {
                Request::LogTargets(_) => discover = Some(*id),
                Request::LogEvents(_) => poll = Some(*id),
                _ => {}
            }
        }
    }
    (discover, poll)
}

/// omni-web's logs, discovered and read once, following.
fn omni_web_logs() -> State {
    let mut state = state(false);
    state.views.push(logs::logs_view(
        LogScope::Service {
            cluster: "omni-acme-cluster".into(),
            service: "omni-web".into(),
        },
        t0(),
    ));
    let mut fx = Vec::new();
    logs::fetch(&mut state, &mut fx);
    let (discover, _) = fetch_ids(&fx);
    let discover = discover.unwrap_or_else(|| panic!("discovery first: {fx:?}"));
    let found = Discovered {
        targets: targets(),
        notes: vec!["xray: no log configuration".into()],
    };
    // The streams found are read at once.
    let fx = update(
        &mut state,
        Action::Loaded(discover, Box::new(Loaded::LogTargets(Ok(found)))),
        t0(),
    );
    let (_, poll) = fetch_ids(&fx);
    let poll = poll.unwrap_or_else(|| panic!("then a poll: {fx:?}"));
    update(
        &mut state,
        Action::Loaded(poll, Box::new(Loaded::LogEvents(Ok(batch())))),
        t0(),
    );
    state
}

fn both_sizes(name: &str, state: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), text(&render(state, 80, 24)));
    insta::assert_snapshot!(format!("{name}_160x48"), text(&render(state, 160, 48)));
}

#[test]
fn following_a_service_interleaves_its_tasks_and_containers() {
    let state = omni_web_logs();
    both_sizes("logs_following", &state);
    let screen = render(&state, 160, 48);
    // Level colours: the error line red, the warning amber; SGR green kept.
    assert_eq!(
        colour_of(&screen, r#"{"time":"2025-11-23T12:13:06Z","level":"error""#),
        Some(Color::Red)
    );
    assert_eq!(
        colour_of(&screen, r#"{"time":"2025-11-23T12:13:04Z""#),
        Some(Color::Yellow)
    );
    assert_eq!(colour_of(&screen, "OK nightly"), Some(Color::Indexed(2)));
    // The hostile line is shown, inert.
    let t = text(&screen);
    assert!(
        t.contains("user agent said ␛[2J␛[H␛]52;c;cm0gLXJmIH4=␇ hello"),
        "{t}"
    );
    // The stack trace stays one event on three rows.
    assert!(t.contains("    at com.omni.pay.Client.charge(Client.java:88)"));
}

#[test]
fn paused_with_a_search_pretty_json_and_new_lines_below() {
    let mut state = omni_web_logs();
    key(&mut state, KeyCode::Char('/'));
    for c in "health".chars() {
        key(&mut state, KeyCode::Char(c));
    }
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Char('N'));
    key(&mut state, KeyCode::Char('p'));
    if let Some(View::Logs(v)) = state.view_mut() {
        v.unseen = 3;
    }
    both_sizes("logs_paused_search_pretty", &state);
    let screen = render(&state, 160, 48);
    let t = text(&screen);
    assert!(t.contains("paused · ▼ 3 new (G follows)"), "{t}");
    assert!(
        t.contains(r#"  "msg": "GET /health 200","#),
        "pretty JSON of the selected event: {t}"
    );
}

#[test]
fn wrapped_lines_hidden_matches_and_the_filter_prompt() {
    let mut state = omni_web_logs();
    key(&mut state, KeyCode::Char('w'));
    key(&mut state, KeyCode::Char('/'));
    for c in "/health".chars() {
        key(&mut state, KeyCode::Char(c));
    }
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Char('v'));
    key(&mut state, KeyCode::Char('f'));
    for c in "ERROR".chars() {
        key(&mut state, KeyCode::Char(c));
    }
    both_sizes("logs_wrapped_hiding_prompt", &state);
    let t = text(&render(&state, 160, 48));
    assert!(
        !t.contains("GET /health"),
        "inverted search hides the matches: {t}"
    );
    assert!(t.contains("filter pattern: ERROR"));
}

#[test]
fn finding_streams_then_none_with_a_reason() {
    let mut state = state(false);
    state.views.push(logs::logs_view(
        LogScope::Task {
            cluster: "omni-acme-cluster".into(),
            task_arn: format!(
                "arn:aws:ecs:us-east-1:{ACCOUNT}:task/omni-acme-cluster/{}",
                TASKS[0]
            ),
        },
        t0(),
    ));
    let mut fx = Vec::new();
    logs::fetch(&mut state, &mut fx);
    assert!(text(&render(&state, 80, 24)).contains("finding the log streams of task 3f1c9a2e…"));
    let (discover, _) = fetch_ids(&fx);
    let none = Discovered {
        targets: vec![],
        notes: vec!["web: logs with the splunk driver, not awslogs".into()],
    };
    update(
        &mut state,
        Action::Loaded(
            discover.unwrap_or_default(),
            Box::new(Loaded::LogTargets(Ok(none))),
        ),
        t0(),
    );
    both_sizes("logs_no_streams", &state);
}

#[test]
fn the_log_group_browser_lists_groups_then_streams_with_marks() {
    let mut state = state(false);
    let fx = key(&mut state, KeyCode::Char('L'));
    let groups = vec![
        LogGroup {
            name: GROUP.into(),
            stored_bytes: 48_200_000,
            retention_days: Some(30),
            created_at: ago(86_400 * 40),
        },
        LogGroup {
            name: "/aws/rds/instance/omni-acme-db/postgresql".into(),
            stored_bytes: 1_200,
            retention_days: None,
            created_at: ago(86_400 * 3),
        },
    ];
    deliver(&mut state, &fx, Loaded::LogGroups(Ok(groups)));
    both_sizes("log_groups", &state);
    key(&mut state, KeyCode::Char('j'));
    let fx = key(&mut state, KeyCode::Enter);
    let streams = (0..2)
        .flat_map(|t| ["web", "audit"].map(|c| (t, c)))
        .enumerate()
        .map(|(i, (t, c))| LogStream {
            name: stream(t, c),
            last_event_at: ago(5 + i as i64 * 70),
            created_at: ago(7200),
        })
        .collect();
    deliver(&mut state, &fx, Loaded::LogStreams(Ok(streams)));
    // Space marks a stream and moves down: the two most recently written.
    key(&mut state, KeyCode::Char(' '));
    key(&mut state, KeyCode::Char(' '));
    both_sizes("log_streams_marked", &state);
    // `l` tails the two marked streams.
    key(&mut state, KeyCode::Char('l'));
    let Some(View::Logs(v)) = state.view() else {
        panic!("l opens the logs pane");
    };
    assert_eq!(
        v.scope,
        LogScope::Streams {
            group: GROUP.into(),
            streams: vec![stream(0, "web"), stream(0, "audit")]
        }
    );
}

/// omni-web's logs with Live Tail asked for: the session starts after the first
/// read, then AWS accepts it (or it ends with a reason).
fn omni_web_live(report: opsdeck::model::live_tail::LiveTailReport) -> State {
    let mut state = omni_web_logs();
    if let Some(View::Logs(v)) = state.view_mut() {
        v.live.wanted = true;
    }
    let mut fx = Vec::new();
    logs::fetch(&mut state, &mut fx);
    let session = fx
        .iter()
        .find_map(|e| match e {
            Effect::Fetch {
                id,
                request: Request::LiveTail(_),
            } => Some(*id),
            _ => None,
        })
        .unwrap_or_else(|| panic!("a Live Tail session: {fx:?}"));
    update(
        &mut state,
        Action::Loaded(session, Box::new(Loaded::LiveTail(report))),
        t0(),
    );
    state.notice = None;
    state
}

#[test]
fn live_tail_shows_a_green_indicator_that_says_it_is_billed() {
    use opsdeck::model::live_tail::LiveTailReport;
    let state = omni_web_live(LiveTailReport::Started);
    both_sizes("logs_live_tail", &state);
    let screen = render(&state, 80, 24);
    assert_eq!(colour_of(&screen, "● LIVE TAIL"), Some(Color::Green));
    assert!(
        text(&screen).contains("· Live Tail ·"),
        "the title says how it reads"
    );
}

#[test]
fn live_tail_refused_shows_why_in_red_and_polling_goes_on() {
    use opsdeck::aws::{AwsError, ErrorKind};
    use opsdeck::model::live_tail::LiveTailReport;
    let denied = AwsError::new(
        ErrorKind::AccessDenied,
        "logs:StartLiveTail",
        "User is not authorized to perform: logs:StartLiveTail",
    );
    let state = omni_web_live(LiveTailReport::Ended(denied));
    both_sizes("logs_live_tail_unavailable", &state);
    let screen = render(&state, 160, 48);
    assert_eq!(
        colour_of(&screen, "Live Tail unavailable"),
        Some(Color::Red)
    );
    assert!(text(&screen).contains("polling"), "{}", text(&screen));
}
