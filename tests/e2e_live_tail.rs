//! End-to-end: the real `opsdeck` binary in a pseudo-terminal against the seeded
//! emulator, with `--live-tail`. Where the emulator can serve StartLiveTail (host
//! prefix injection off, as AWS's setting allows), omni-web's lines are pushed and
//! the pane says LIVE TAIL and that it is billed; `T` turns it off and polling goes
//! on. Where it can't (the SDK's `stream-` host does not resolve), the pane says
//! why and polls.

mod common;

use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use chrono::Utc;
use common::pty::{Options, Pty, ACCOUNT, TIMEOUT};
use opsdeck::aws::logs;
use opsdeck::model::log_tail::LogScope;

fn opsdeck(url: &str, env: &[(&str, &str)]) -> Pty {
    Pty::spawn_with(
        &[
            "--endpoint-url",
            url,
            "--region",
            "us-east-1",
            "--cluster",
            "omni-acme-cluster",
            "--service",
            "omni-web",
            "--live-tail",
        ],
        Options {
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Options::size(48, 160)
        },
    )
}

/// Write one line into omni-web's first stream, as a task would.
fn put_line(url: &str, message: &str) {
    let runtime = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
    let clients = common::emulator::clients(url, ACCOUNT);
    let scope = LogScope::Service {
        cluster: "omni-acme-cluster".into(),
        service: "omni-web".into(),
    };
    let found = runtime
        .block_on(logs::discover(&clients, &scope))
        .unwrap_or_else(|e| panic!("discover omni-web: {}", e.summary()));
    let target = found
        .targets
        .first()
        .unwrap_or_else(|| panic!("omni-web has awslogs streams"));
    runtime.block_on(async {
        let cw =
            aws_sdk_cloudwatchlogs::Client::new(&common::emulator::account_config(url, ACCOUNT));
        let event = InputLogEvent::builder()
            .timestamp(Utc::now().timestamp_millis())
            .message(message)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        cw.put_log_events()
            .log_group_name(&target.group)
            .log_stream_name(&target.stream)
            .log_events(event)
            .send()
            .await
            .unwrap_or_else(|e| panic!("PutLogEvents: {e:?}"));
    });
}

#[test]
fn live_tail_pushes_omni_webs_lines_says_it_is_billed_and_t_hands_back_to_polling() {
    let url = common::required_env("OPSDECK_EMULATOR_URL");
    let mut pty = opsdeck(&url, &[("AWS_DISABLE_HOST_PREFIX_INJECTION", "true")]);
    pty.expect("service omni-web");
    pty.send("l");
    pty.expect("logs · omni-web");
    let screen = pty
        .wait_for("● LIVE TAIL · billed per minute", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        screen.contains("Live Tail"),
        "the title says how it reads:\n{screen}"
    );
    assert!(!screen.contains("polling 1s"), "{screen}");

    let marker = format!("live-marker-{}", rand::random::<u32>());
    put_line(&url, &format!("INFO {marker} pushed by Live Tail"));
    pty.wait_for(&format!("{marker} pushed by Live Tail"), TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));

    // Off: the session ends, polling takes over, lines keep coming.
    pty.send("T");
    let screen = pty
        .wait_for("Live Tail off: polling", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!screen.contains("● LIVE TAIL"), "{screen}");
    put_line(&url, &format!("INFO {marker} read by polling"));
    let screen = pty
        .wait_for(&format!("{marker} read by polling"), TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        screen
            .matches(&format!("{marker} pushed by Live Tail"))
            .count(),
        1,
        "the line pushed before the switch is shown once:\n{screen}"
    );

    pty.send("q");
    let status = pty.expect_exit();
    assert!(status.success(), "{}", pty.diagnostic("q exits 0"));
    pty.assert_restored();
}

#[test]
fn where_live_tail_cannot_connect_the_pane_says_why_and_polls() {
    let url = common::required_env("OPSDECK_EMULATOR_URL");
    // Host prefix injection on (the default): StartLiveTail goes to stream-127.0.0.1.
    let mut pty = opsdeck(&url, &[]);
    pty.expect("service omni-web");
    pty.send("l");
    let screen = pty
        .wait_for("Live Tail unavailable, polling", TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(screen.contains("polling"), "{screen}");

    let marker = format!("fallback-marker-{}", rand::random::<u32>());
    put_line(&url, &format!("INFO {marker} read by polling"));
    let screen = pty
        .wait_for(&format!("{marker} read by polling"), TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(screen.contains("Live Tail unavailable"), "{screen}");

    pty.send("q");
    pty.expect_exit();
    pty.assert_restored();
}
