//! The CloudFormation views stay cheap with big stacks: drawing a stack view holding 500
//! events and 500 resources (an in-progress stack, so the progress line is counted every
//! frame), applying such a result, and merging a deploy timeline of ~2,000 entries.

use std::time::Duration;

use chrono::TimeDelta;
use criterion::{criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use opsdeck::action::{Action, Loaded};
use opsdeck::aws::Identity;
use opsdeck::effect::Effect;
use opsdeck::keymap::Keymap;
use opsdeck::model::stack::STACK_TYPE;
use opsdeck::model::{
    Deployment, Service, ServiceEvent, Stack, StackDetail, StackEvent, StackResource, Task,
    TimelineData, Timestamp,
};
use opsdeck::state::{Settings, State};
use opsdeck::theme::Theme;
use opsdeck::update::{open_initial_views, update};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn t0() -> Timestamp {
    chrono::DateTime::from_timestamp(1_763_900_000, 0).unwrap_or_default()
}

fn ago(secs: i64) -> Option<Timestamp> {
    Some(t0() - TimeDelta::seconds(secs))
}

fn events(n: usize) -> Vec<StackEvent> {
    let mut out: Vec<StackEvent> = (0..n)
        .map(|i| StackEvent {
            id: format!("e{i}"),
            stack_name: "big".into(),
            logical_id: format!("Resource{:03}", i / 2),
            resource_type: "AWS::SQS::Queue".into(),
            status: if i % 50 == 7 {
                "UPDATE_FAILED"
            } else if i % 2 == 0 {
                "UPDATE_COMPLETE"
            } else {
                "UPDATE_IN_PROGRESS"
            }
            .into(),
            reason: if i % 50 == 7 {
                "Resource handler returned message: \"Rate exceeded (Service: Sqs, Status Code: 400)\"".into()
            } else {
                String::new()
            },
            at: ago(i as i64),
            ..Default::default()
        })
        .collect();
    out.push(StackEvent {
        id: "start".into(),
        stack_name: "big".into(),
        logical_id: "big".into(),
        resource_type: STACK_TYPE.into(),
        status: "UPDATE_IN_PROGRESS".into(),
        reason: "User Initiated".into(),
        at: ago(n as i64),
        ..Default::default()
    });
    out
}

fn detail() -> StackDetail {
    StackDetail {
        stack: Stack {
            id: "arn:aws:cloudformation:us-east-1:123456789012:stack/big/1".into(),
            name: "big".into(),
            status: "UPDATE_IN_PROGRESS".into(),
            ..Default::default()
        },
        events: events(500),
        resources: (0..500)
            .map(|i| StackResource {
                logical_id: format!("Resource{i:03}"),
                physical_id: format!("https://sqs.us-east-1.amazonaws.com/123456789012/q{i}"),
                resource_type: "AWS::SQS::Queue".into(),
                status: "UPDATE_COMPLETE".into(),
                ..Default::default()
            })
            .collect(),
    }
}

fn stack_state() -> (State, u64) {
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    let settings = Settings {
        refresh: Duration::from_secs(5),
        read_only: false,
        live_tail: false,
    };
    let mut state = State::new(Identity::default(), settings, keymap, t0());
    open_initial_views(&mut state, None, None);
    let fx = update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::NONE)),
        t0(),
    );
    let Some(Effect::Fetch { id, .. }) = fx
        .iter()
        .find(|e| matches!(e, Effect::Fetch { .. }))
        .cloned()
    else {
        panic!("no fetch")
    };
    update(
        &mut state,
        Action::Loaded(id, Box::new(Loaded::Stacks(Ok(vec![detail().stack])))),
        t0(),
    );
    let fx = update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        t0(),
    );
    let Some(Effect::Fetch { id, .. }) = fx
        .iter()
        .find(|e| matches!(e, Effect::Fetch { .. }))
        .cloned()
    else {
        panic!("no fetch")
    };
    (state, id)
}

fn timeline_data() -> TimelineData {
    TimelineData {
        service: Service {
            name: "web".into(),
            deployments: vec![Deployment {
                status: "PRIMARY".into(),
                created_at: ago(86_400),
                ..Default::default()
            }],
            events: (0..100)
                .map(|i| ServiceEvent {
                    id: format!("s{i}"),
                    created_at: ago(i * 60),
                    message: "(service web) has started 1 tasks: (task abc).".into(),
                })
                .collect(),
            ..Default::default()
        },
        stack: Some("big".into()),
        stack_events: events(500),
        tasks: (0..700)
            .map(|i| Task {
                arn: format!("arn:aws:ecs:us-east-1:123456789012:task/c/{i:032x}"),
                id: format!("{i:032x}"),
                started_at: ago(i * 90),
                stopped_at: ago(i * 90 - 30),
                stop_code: "EssentialContainerExited".into(),
                stopped_reason: "Essential container in task exited".into(),
                ..Default::default()
            })
            .collect(),
    }
}

fn bench(c: &mut Criterion) {
    let theme = Theme::default_theme().unwrap_or_else(|e| panic!("{e}"));
    let (mut state, id) = stack_state();
    c.bench_function("stack_result_500_events_500_resources", |b| {
        b.iter(|| {
            let (mut s, id) = (state.clone(), id);
            update(
                &mut s,
                Action::Loaded(id, Box::new(Loaded::Stack(Ok(detail())))),
                t0(),
            );
            s
        })
    });
    update(
        &mut state,
        Action::Loaded(id, Box::new(Loaded::Stack(Ok(detail())))),
        t0(),
    );
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("draw_stack_events_500_160x48", |b| {
        b.iter(|| {
            terminal
                .draw(|f| opsdeck::ui::draw(f, &state, &theme))
                .unwrap_or_else(|e| panic!("{e}"));
        })
    });
    let data = timeline_data();
    c.bench_function("timeline_merge_2000_entries", |b| {
        b.iter(|| opsdeck::model::timeline::merge(&data, chrono::DateTime::UNIX_EPOCH))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
