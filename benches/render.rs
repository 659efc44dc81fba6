//! Drawing cost must follow visible rows, not total rows: a 10,000-service table
//! at 160x48 should draw in well under 2 ms.

use std::time::Duration;

use chrono::TimeDelta;
use criterion::{criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use opsdeck::action::{Action, Loaded};
use opsdeck::aws::Identity;
use opsdeck::effect::Effect;
use opsdeck::keymap::Keymap;
use opsdeck::model::{Deployment, Service, ServiceEvent, Timestamp};
use opsdeck::state::{Settings, State};
use opsdeck::theme::Theme;
use opsdeck::update::{open_initial_views, update};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn t0() -> Timestamp {
    chrono::DateTime::from_timestamp(1_763_900_000, 0).unwrap_or_default()
}

fn service(i: usize) -> Service {
    let name = format!("svc-{i:05}");
    Service {
        arn: format!("arn:aws:ecs:us-east-1:123456789012:service/big/{name}"),
        task_definition: format!(
            "arn:aws:ecs:us-east-1:123456789012:task-definition/{name}:{}",
            i % 40 + 1
        ),
        name,
        status: "ACTIVE".into(),
        desired: 2,
        running: (i % 3) as i32,
        launch_type: "FARGATE".into(),
        deployments: vec![Deployment {
            status: "PRIMARY".into(),
            rollout_state: ["COMPLETED", "IN_PROGRESS", "FAILED"][i % 3].into(),
            ..Default::default()
        }],
        events: vec![ServiceEvent {
            id: format!("e{i}"),
            created_at: Some(t0() - TimeDelta::seconds(i as i64)),
            message: "has reached a steady state.".into(),
        }],
        ..Default::default()
    }
}

fn loaded_state(rows: usize) -> State {
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    let settings = Settings {
        refresh: Duration::from_secs(5),
        read_only: false,
        live_tail: false,
    };
    let mut state = State::new(Identity::default(), settings, keymap, t0());
    let fx = open_initial_views(&mut state, Some("big"), None);
    let Some(Effect::Fetch { id, .. }) = fx.first().cloned() else {
        panic!("no fetch")
    };
    let batch = (0..rows).map(service).collect();
    update(
        &mut state,
        Action::Loaded(id, Box::new(Loaded::ServicesBatch(batch))),
        t0(),
    );
    update(
        &mut state,
        Action::Loaded(id, Box::new(Loaded::ServicesDone(Ok(())))),
        t0(),
    );
    // Select a row in the middle so the window is not simply the first page.
    for _ in 0..500 {
        update(
            &mut state,
            Action::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)),
            t0(),
        );
    }
    state
}

fn render(c: &mut Criterion) {
    let theme = Theme::default_theme().unwrap_or_else(|e| panic!("{e}"));
    for (rows, w, h) in [(10_000, 160, 48), (10_000, 80, 24), (100, 160, 48)] {
        let state = loaded_state(rows);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
        c.bench_function(
            &format!("draw services table {rows} rows at {w}x{h}"),
            |b| {
                b.iter(|| {
                    terminal
                        .draw(|f| opsdeck::ui::draw(f, &state, &theme))
                        .unwrap_or_else(|e| panic!("{e}"));
                })
            },
        );
    }
}

fn filter(c: &mut Criterion) {
    let base = loaded_state(10_000);
    c.bench_function("type one filter character over 10000 services", |b| {
        b.iter_batched(
            || {
                let mut s = base.clone();
                update(
                    &mut s,
                    Action::Key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE)),
                    t0(),
                );
                s
            },
            |mut s| {
                update(
                    &mut s,
                    Action::Key(KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE)),
                    t0(),
                )
            },
            criterion::BatchSize::LargeInput,
        )
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = render, filter
}
criterion_main!(benches);
