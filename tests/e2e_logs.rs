//! End-to-end: the real `opsdeck` binary in a pseudo-terminal against the seeded
//! emulator. Opens omni-web's logs and watches lines written while watching appear,
//! including a hostile one that must arrive inert.

mod common;

use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use chrono::Utc;
use common::pty::{Options, Pty, ACCOUNT, TIMEOUT};
use opsdeck::aws::logs;
use opsdeck::model::log_tail::LogScope;

fn opsdeck(url: &str, extra: &[&str]) -> Pty {
    let mut args = vec!["--endpoint-url", url, "--region", "us-east-1"];
    args.extend_from_slice(extra);
    Pty::spawn_with(&args, Options::size(48, 160))
}

fn put_line(url: &str, group: &str, stream: &str, message: &str) {
    let runtime = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
    runtime.block_on(async {
        let cw =
            aws_sdk_cloudwatchlogs::Client::new(&common::emulator::account_config(url, ACCOUNT));
        let event = InputLogEvent::builder()
            .timestamp(Utc::now().timestamp_millis())
            .message(message)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        cw.put_log_events()
            .log_group_name(group)
            .log_stream_name(stream)
            .log_events(event)
            .send()
            .await
            .unwrap_or_else(|e| panic!("PutLogEvents {group} {stream}: {e:?}"));
    });
}

/// omni-web's streams, found the way the pane finds them.
fn omni_web_streams(url: &str) -> Vec<(String, String)> {
    let runtime = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
    let clients = common::emulator::clients(url, ACCOUNT);
    let scope = LogScope::Service {
        cluster: "omni-acme-cluster".into(),
        service: "omni-web".into(),
    };
    let found = runtime
        .block_on(logs::discover(&clients, &scope))
        .unwrap_or_else(|e| panic!("discover omni-web: {}", e.summary()));
    assert!(!found.targets.is_empty(), "omni-web has awslogs streams");
    found
        .targets
        .into_iter()
        .map(|t| (t.group, t.stream))
        .collect()
}

#[test]
fn omni_web_logs_show_lines_written_while_watching() {
    let url = common::required_env("OPSDECK_EMULATOR_URL");
    let streams = omni_web_streams(&url);
    let mut pty = opsdeck(
        &url,
        &["--cluster", "omni-acme-cluster", "--service", "omni-web"],
    );
    pty.expect("service omni-web");
    pty.send("l");
    let screen = pty.expect("logs · omni-web");
    assert!(screen.contains("following"), "{screen}");
    // The seeded history shows first.
    pty.wait_until("seeded lines", TIMEOUT, |s| {
        s.contains(" lines ") && !s.contains("· 0 lines")
    })
    .unwrap_or_else(|e| panic!("{e}"));

    let marker = format!("e2e-marker-{}", rand::random::<u32>());
    let (group, stream) = &streams[0];
    put_line(
        &url,
        group,
        stream,
        &format!("INFO {marker} written while watching"),
    );
    let screen = pty
        .wait_for(&format!("{marker} written while watching"), TIMEOUT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(screen.contains("following"), "{screen}");

    // A hostile line: a screen clear and an OSC 52 clipboard write. Shown as text; the
    // screen keeps everything else.
    let (group, stream) = streams.last().unwrap_or(&streams[0]);
    put_line(
        &url,
        group,
        stream,
        &format!("{marker}-hostile \x1b[2J\x1b[H\x1b]52;c;cm0gLXJmIH4=\x07 end"),
    );
    let screen = pty
        .wait_for(
            &format!("{marker}-hostile ␛[2J␛[H␛]52;c;cm0gLXJmIH4=␇ end"),
            TIMEOUT,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        screen.contains(&format!("{marker} written while watching")),
        "the screen was not cleared:\n{screen}"
    );
    assert!(screen.contains("logs · omni-web"), "{screen}");

    pty.send("q");
    let status = pty.expect_exit();
    assert!(status.success(), "{}", pty.diagnostic("q exits 0"));
    pty.assert_restored();
}

#[test]
fn log_groups_browser_tails_a_whole_group() {
    let url = common::required_env("OPSDECK_EMULATOR_URL");
    let mut pty = opsdeck(&url, &[]);
    pty.send("L");
    pty.expect_all(&["log groups", "/ecs/omni-acme"]);
    pty.send("/");
    pty.send("/ecs/omni-acme");
    pty.expect("matching '/ecs/omni-acme'");
    pty.send("\r");
    pty.expect_gone("enter keep · esc clear");
    pty.send("l");
    let screen = pty.expect("logs · /ecs/omni-acme · all streams");
    assert!(screen.contains("FilterLogEvents"), "{screen}");
    pty.wait_until("lines of the group", TIMEOUT, |s| {
        !s.contains("· 0 lines") && s.contains(" lines ")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    pty.send("q");
    pty.expect_exit();
    pty.assert_restored();
}
