//! Log tails against the local emulator over HTTP: the real `update` and the real
//! runner drive `opsdeck::aws::logs`, while the test writes lines with PutLogEvents
//! behind the tail's back. Each test works in its own fresh account.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use aws_sdk_ecs::types::{ContainerDefinition, LogConfiguration, LogDriver};
use chrono::Utc;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use opsdeck::action::Action;
use opsdeck::aws::logs;
use opsdeck::effect::Effect;
use opsdeck::model::log_tail::{LogScope, TailMethod};
use opsdeck::runner::Runner;
use opsdeck::state::{LogsView, State, View};
use opsdeck::update::{logs::logs_view, update};
use tokio::sync::mpsc::{self, UnboundedReceiver};

use common::emulator::{self, account_config};

const GROUP: &str = "/test/app";

fn logs_client(url: &str, account: &str) -> aws_sdk_cloudwatchlogs::Client {
    aws_sdk_cloudwatchlogs::Client::new(&account_config(url, account))
}

async fn create_group(cw: &aws_sdk_cloudwatchlogs::Client, group: &str) {
    cw.create_log_group()
        .log_group_name(group)
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateLogGroup {group}: {e:?}"));
}

async fn create_stream(cw: &aws_sdk_cloudwatchlogs::Client, group: &str, stream: &str) {
    cw.create_log_stream()
        .log_group_name(group)
        .log_stream_name(stream)
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateLogStream {stream}: {e:?}"));
}

async fn put(cw: &aws_sdk_cloudwatchlogs::Client, stream: &str, events: &[(i64, String)]) {
    let events = events
        .iter()
        .map(|(ts, m)| {
            InputLogEvent::builder()
                .timestamp(*ts)
                .message(m)
                .build()
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    cw.put_log_events()
        .log_group_name(GROUP)
        .log_stream_name(stream)
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap_or_else(|e| panic!("PutLogEvents {stream}: {e:?}"));
}

fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// A logs pane driven by the real update and runner against the emulator.
struct Tail {
    state: State,
    runner: Runner,
    rx: UnboundedReceiver<Action>,
}

impl Tail {
    fn open(url: &str, account: &str, scope: LogScope, setup: impl FnOnce(&mut LogsView)) -> Tail {
        let (tx, rx) = mpsc::unbounded_channel();
        let runner = Runner::new(emulator::clients(url, account), tx);
        let mut state = common::screen::state(true);
        let mut view = logs_view(scope, Utc::now());
        if let View::Logs(v) = &mut view {
            setup(v);
        }
        state.views.push(view);
        Tail { state, runner, rx }
    }

    fn run(&mut self, fx: Vec<Effect>) {
        for effect in fx {
            match effect {
                Effect::Fetch { id, request } => self.runner.fetch(id, request),
                Effect::Cancel(id) => self.runner.cancel(id),
                // A tail reads: nothing else is asked of the loop here.
                other => panic!("a logs tail asked for {other:?}"),
            }
        }
    }

    /// Ask for a poll now (as `r` does) and apply every result that comes back.
    async fn poll(&mut self) {
        let fx = update(
            &mut self.state,
            Action::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE)),
            Utc::now(),
        );
        self.run(fx);
        while self.runner.in_flight() > 0 || !self.rx.is_empty() {
            let Ok(Some(action)) =
                tokio::time::timeout(Duration::from_secs(20), self.rx.recv()).await
            else {
                panic!("no result from the runner within 20 s");
            };
            let fx = update(&mut self.state, action, Utc::now());
            self.run(fx);
        }
        if let Some(err) = &self.view().load.error {
            panic!("poll failed: {}", err.summary());
        }
    }

    fn view(&self) -> &LogsView {
        match self.state.view() {
            Some(View::Logs(v)) => v,
            _ => panic!("the logs pane is not shown"),
        }
    }

    fn lines(&self) -> Vec<String> {
        self.view()
            .buffer
            .iter()
            .map(|e| e.text.to_string())
            .collect()
    }
}

fn streams_scope(streams: &[&str]) -> LogScope {
    LogScope::Streams {
        group: GROUP.into(),
        streams: streams.iter().map(|s| s.to_string()).collect(),
    }
}

#[tokio::test]
async fn lines_put_into_streams_appear_in_order_interleaved_across_streams() {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    let cw = logs_client(&url, &account);
    create_group(&cw, GROUP).await;
    for s in ["a", "b"] {
        create_stream(&cw, GROUP, s).await;
    }
    let t = now_ms() - 5_000;
    put(&cw, "a", &[(t, "a1".into()), (t + 20, "a3".into())]).await;
    put(&cw, "b", &[(t + 10, "b2".into()), (t + 30, "b4".into())]).await;
    // Two streams: GetLogEvents each; four: FilterLogEvents. Both interleave by time.
    for (streams, method) in [
        (vec!["a", "b"], TailMethod::PerStream),
        (vec!["a", "b", "c", "d"], TailMethod::Filter),
    ] {
        let mut tail = Tail::open(&url, &account, streams_scope(&streams), |_| {});
        tail.poll().await;
        assert_eq!(tail.view().method, Some(method));
        assert_eq!(tail.lines(), ["a1", "b2", "a3", "b4"], "{method:?}");
        let tags: Vec<&str> = tail.view().buffer.iter().map(|e| &*e.stream).collect();
        assert_eq!(tags, ["a", "b", "a", "b"]);
    }
}

/// Writes `rounds` batches into each stream while the tail polls; then every line
/// must have arrived exactly once, each stream's lines in order.
async fn tail_while_writing(method: TailMethod, streams: &[&str]) {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    let cw = logs_client(&url, &account);
    create_group(&cw, GROUP).await;
    for s in streams {
        create_stream(&cw, GROUP, s).await;
    }
    let mut tail = Tail::open(&url, &account, streams_scope(streams), |v| {
        v.start = opsdeck::model::StartPoint::Since(60);
    });
    tail.poll().await;
    assert_eq!(tail.view().method, Some(method));
    let names: Vec<String> = streams.iter().map(|s| s.to_string()).collect();
    let writer = {
        let cw = cw.clone();
        tokio::spawn(async move {
            let mut written = 0;
            for round in 0..40 {
                for (i, s) in names.iter().enumerate() {
                    // Some streams stamp their lines a little in the past, as a
                    // container with a slow log driver does: they arrive "late".
                    let skew = if i % 2 == 1 { 1_500 } else { 0 };
                    let ts = now_ms() - skew;
                    let batch: Vec<(i64, String)> = (0..5)
                        .map(|k| (ts + k, format!("{s} r{round:02} k{k}")))
                        .collect();
                    put(&cw, s, &batch).await;
                    written += batch.len();
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            written
        })
    };
    let mut polls = 1;
    while !writer.is_finished() {
        tail.poll().await;
        polls += 1;
    }
    let written = writer.await.unwrap_or_else(|e| panic!("writer: {e}"));
    tail.poll().await;
    tail.poll().await;
    let lines = tail.lines();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &lines {
        *counts.entry(l.as_str()).or_default() += 1;
    }
    let dupes: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        dupes.is_empty(),
        "{method:?}: duplicated over {polls} polls: {dupes:?}"
    );
    assert_eq!(
        lines.len(),
        written,
        "{method:?}: lines lost over {polls} polls"
    );
    assert!(
        polls >= 5,
        "the tail polled while lines were written ({polls})"
    );
    for s in streams {
        let mine: Vec<&String> = lines
            .iter()
            .filter(|l| l.starts_with(&format!("{s} ")))
            .collect();
        let mut sorted = mine.clone();
        sorted.sort();
        assert_eq!(mine, sorted, "{method:?}: stream {s} out of order");
    }
}

#[tokio::test]
async fn nothing_is_duplicated_or_lost_across_many_get_log_events_polls() {
    tail_while_writing(TailMethod::PerStream, &["p0", "p1"]).await;
}

#[tokio::test]
async fn nothing_is_duplicated_or_lost_across_many_filter_log_events_polls() {
    tail_while_writing(TailMethod::Filter, &["f0", "f1", "f2", "f3"]).await;
}

#[tokio::test]
async fn a_stream_created_after_the_tail_started_is_picked_up() {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    let cw = logs_client(&url, &account);
    create_group(&cw, GROUP).await;
    create_stream(&cw, GROUP, "old").await;
    put(&cw, "old", &[(now_ms() - 1_000, "before".into())]).await;
    let mut tail = Tail::open(
        &url,
        &account,
        LogScope::Group {
            group: GROUP.into(),
        },
        |_| {},
    );
    tail.poll().await;
    assert_eq!(tail.lines(), ["before"]);
    create_stream(&cw, GROUP, "new").await;
    put(&cw, "new", &[(now_ms(), "from the new stream".into())]).await;
    tail.poll().await;
    assert_eq!(tail.lines(), ["before", "from the new stream"]);
}

#[tokio::test]
async fn a_filter_pattern_narrows_the_result() {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    let cw = logs_client(&url, &account);
    create_group(&cw, GROUP).await;
    create_stream(&cw, GROUP, "s").await;
    let t = now_ms() - 2_000;
    put(
        &cw,
        "s",
        &[
            (t, "INFO GET /health 200".into()),
            (t + 1, "ERROR payment failed".into()),
            (t + 2, "INFO GET /orders 200".into()),
            (t + 3, "ERROR db timeout".into()),
        ],
    )
    .await;
    let mut tail = Tail::open(&url, &account, streams_scope(&["s"]), |v| {
        v.pattern = "ERROR".into();
    });
    tail.poll().await;
    assert_eq!(tail.view().method, Some(TailMethod::Filter));
    assert_eq!(tail.lines(), ["ERROR payment failed", "ERROR db timeout"]);
}

#[tokio::test]
async fn last_n_reads_only_the_newest_lines_and_missing_streams_are_not_errors() {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    let cw = logs_client(&url, &account);
    create_group(&cw, GROUP).await;
    create_stream(&cw, GROUP, "s").await;
    let t = now_ms() - 60_000;
    let history: Vec<(i64, String)> = (0..50).map(|i| (t + i, format!("line {i:02}"))).collect();
    put(&cw, "s", &history).await;
    let mut tail = Tail::open(&url, &account, streams_scope(&["s", "not-yet"]), |v| {
        v.start = opsdeck::model::StartPoint::Last(5);
    });
    tail.poll().await;
    assert_eq!(
        tail.lines(),
        ["line 45", "line 46", "line 47", "line 48", "line 49"]
    );
    assert_eq!(
        tail.view().missing.len(),
        1,
        "the stream not created yet is noted"
    );
    put(&cw, "s", &[(now_ms(), "fresh".into())]).await;
    tail.poll().await;
    assert_eq!(tail.lines().last().map(String::as_str), Some("fresh"));
    assert_eq!(tail.lines().len(), 6);
}

#[tokio::test]
async fn a_services_streams_come_from_its_task_definitions_awslogs_settings() {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    let ecs = emulator::ecs_client(&url, &account);
    emulator::create_cluster(&ecs, "logs-cluster").await;
    let awslogs = LogConfiguration::builder()
        .log_driver(LogDriver::Awslogs)
        .options("awslogs-group", GROUP)
        .options("awslogs-stream-prefix", "app")
        .options("awslogs-region", emulator::REGION)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let td = ecs
        .register_task_definition()
        .family("logs-app")
        .container_definitions(
            ContainerDefinition::builder()
                .name("web")
                .image("nginx:1")
                .log_configuration(awslogs)
                .build(),
        )
        .container_definitions(
            ContainerDefinition::builder()
                .name("sidecar")
                .image("busybox:1")
                .build(),
        )
        .send()
        .await
        .unwrap_or_else(|e| panic!("RegisterTaskDefinition: {e:?}"));
    let td_arn = td
        .task_definition()
        .and_then(|t| t.task_definition_arn())
        .unwrap_or_default()
        .to_string();
    emulator::create_service(&ecs, "logs-cluster", "web", &td_arn, 2).await;
    let clients = emulator::clients(&url, &account);
    let scope = LogScope::Service {
        cluster: "logs-cluster".into(),
        service: "web".into(),
    };
    let found = emulator::eventually("two running tasks' streams", || async {
        let d = logs::discover(&clients, &scope).await.ok()?;
        (d.targets.len() == 2).then_some(d)
    })
    .await;
    for t in &found.targets {
        assert_eq!(t.group, GROUP);
        assert!(t.stream.starts_with("app/web/"), "{}", t.stream);
    }
    assert_eq!(found.notes, ["sidecar: no log configuration"]);

    // The tail of the service reads what a task's container writes.
    let cw = logs_client(&url, &account);
    create_group(&cw, GROUP).await;
    let stream = found.targets[0].stream.clone();
    create_stream(&cw, GROUP, &stream).await;
    put(&cw, &stream, &[(now_ms(), "hello from web".into())]).await;
    let mut tail = Tail::open(&url, &account, scope, |_| {});
    tail.poll().await; // finds the streams
    tail.poll().await; // reads them
    assert_eq!(tail.lines(), ["hello from web"]);
    assert_eq!(
        tail.view().missing.len(),
        1,
        "the other task has not logged yet"
    );
}
