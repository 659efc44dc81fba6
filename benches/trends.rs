//! What metric trends cost the UI: the once-a-second check of which series a view wants
//! (on a 10,000-service cluster, where only 250 services fit one GetMetricData call), and
//! drawing the services table with CPU sparklines and alarm marks.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use opsdeck::action::{Action, Loaded};
use opsdeck::aws::Identity;
use opsdeck::effect::{Effect, Request};
use opsdeck::keymap::Keymap;
use opsdeck::model::{Alarm, MetricsReport, Service, Timestamp};
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
        name,
        status: "ACTIVE".into(),
        desired: 2,
        running: 2,
        ..Default::default()
    }
}

/// A 10,000-service view with its trends (and one alarm) in.
fn state_with_trends() -> State {
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
    let batch = (0..10_000).map(service).collect();
    update(
        &mut state,
        Action::Loaded(id, Box::new(Loaded::ServicesBatch(batch))),
        t0(),
    );
    let fx = update(
        &mut state,
        Action::Loaded(id, Box::new(Loaded::ServicesDone(Ok(())))),
        t0(),
    );
    let Some((mid, queries)) = fx.iter().find_map(|e| match e {
        Effect::Fetch {
            id,
            request: Request::Metrics { queries, .. },
        } => Some((*id, queries.clone())),
        _ => None,
    }) else {
        panic!("no metrics fetch")
    };
    let series = queries
        .into_iter()
        .map(|q| {
            let points = (0..60)
                .map(|i| (i % 50 != 7).then_some(20.0 + (i % 9) as f64))
                .collect();
            (q, points)
        })
        .collect();
    let alarm = Alarm {
        name: "svc-00003-cpu-high".into(),
        reason: "Threshold Crossed".into(),
        namespace: "AWS/ECS".into(),
        metric: "CPUUtilization".into(),
        dimensions: vec![
            ("ClusterName".into(), "big".into()),
            ("ServiceName".into(), "svc-00003".into()),
        ],
    };
    let report = MetricsReport {
        series,
        alarms: vec![alarm],
    };
    update(
        &mut state,
        Action::Loaded(mid, Box::new(Loaded::Metrics(Ok(report)))),
        t0(),
    );
    state
}

fn trends(c: &mut Criterion) {
    let state = state_with_trends();
    c.bench_function(
        "tick on 10000 services with trends (which series to ask for)",
        |b| {
            b.iter_batched(
                || state.clone(),
                |mut s| update(&mut s, Action::Tick, t0() + chrono::TimeDelta::seconds(1)),
                criterion::BatchSize::LargeInput,
            )
        },
    );
    let theme = Theme::default_theme().unwrap_or_else(|e| panic!("{e}"));
    for (w, h) in [(80, 24), (160, 48)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
        c.bench_function(
            &format!("draw 10000 services with CPU trends at {w}x{h}"),
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

criterion_group!(benches, trends);
criterion_main!(benches);
