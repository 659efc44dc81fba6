//! The log pipeline without a network: ingest (sanitise + level/JSON detection + store
//! into the pane's buffer) of typical lines, and drawing one frame of a 100,000-event
//! buffer at 160x48 (following, and paused mid-buffer with a search hiding lines).
//! Also prints how much memory 100,000 typical events add to this process.
//!
//! Targets (issue 4): ingest ≥ 100,000 lines/s on one core; a frame < 2 ms.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use opsdeck::aws::Identity;
use opsdeck::keymap::Keymap;
use opsdeck::model::log_tail::LogScope;
use opsdeck::model::LogEvent;
use opsdeck::state::log_buffer::LogBuffer;
use opsdeck::state::{Settings, State, View};
use opsdeck::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const LINES: usize = 100_000;

#[path = "support/typical_lines.rs"]
mod typical;
use typical::typical_lines;

fn ingest(raw: &[(i64, Arc<str>, String)], capacity: usize) -> LogBuffer {
    let mut buffer = LogBuffer::with_capacity(capacity);
    let mut anchor = 0;
    let events: Vec<LogEvent> = raw
        .iter()
        .map(|(ts, stream, text)| LogEvent::ingest(*ts, stream.clone(), text))
        .collect();
    buffer.insert(events, &mut anchor);
    buffer
}

fn state_with(buffer: LogBuffer) -> State {
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    let identity = Identity {
        account: "123456789012".into(),
        caller: "OpsdeckOnCall/alice".into(),
        region: "us-east-1".into(),
        ..Default::default()
    };
    let settings = Settings {
        refresh: std::time::Duration::from_secs(5),
        read_only: false,
        live_tail: false,
    };
    let now = chrono::DateTime::from_timestamp(1_763_900_100, 0).unwrap_or_default();
    let mut state = State::new(identity, settings, keymap, now);
    let mut view = opsdeck::update::logs::logs_view(
        LogScope::Service {
            cluster: "omni-acme-cluster".into(),
            service: "omni-web".into(),
        },
        now,
    );
    if let View::Logs(v) = &mut view {
        v.buffer = buffer;
        v.follow_end();
    }
    state.views.push(view);
    state
}

fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn bench(c: &mut Criterion) {
    let raw = typical_lines(LINES);
    let bytes: usize = raw.iter().map(|(_, _, t)| t.len()).sum();
    println!("typical lines: {LINES}, average {} bytes", bytes / LINES);

    let mut group = c.benchmark_group("logs_ingest");
    group.sample_size(10);
    group.throughput(Throughput::Elements(LINES as u64));
    group.bench_function("100k typical lines: sanitise + level/JSON + store", |b| {
        b.iter(|| black_box(ingest(&raw, LINES)))
    });
    group.finish();

    let before = rss_kb();
    let buffer = ingest(&raw, LINES);
    drop(raw);
    if let (Some(before), Some(after)) = (before, rss_kb()) {
        println!(
            "memory: 100,000 buffered events add {:.1} MB to this process (VmRSS {:.1} MB)",
            (after.saturating_sub(before)) as f64 / 1024.0,
            after as f64 / 1024.0
        );
    }
    let theme = Theme::default_theme().unwrap_or_else(|e| panic!("{e}"));
    let following = state_with(buffer.clone());
    let mut paused = state_with(buffer);
    if let Some(View::Logs(v)) = paused.view_mut() {
        v.move_by(-(LINES as isize) / 2);
        v.search = "/health".into();
        v.invert = true;
        v.wrap = true;
    }
    let mut group = c.benchmark_group("logs_frame_160x48");
    for (name, state) in [
        ("following", &following),
        ("paused mid-buffer, wrap, search hiding lines", &paused),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched_ref(
                || Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| panic!("{e}")),
                |terminal| {
                    terminal
                        .draw(|f| opsdeck::ui::draw(f, state, &theme))
                        .unwrap_or_else(|e| panic!("{e}"));
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
