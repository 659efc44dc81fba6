//! CloudWatch Live Tail (StartLiveTail) against the local emulator over HTTP: a
//! session reports `Started`, then pushes the lines written to its streams while
//! it runs; it ends with a reason in words when it can't run. Each test works in
//! its own fresh account.

mod common;

use std::time::Duration;

use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use chrono::Utc;
use opsdeck::aws::{self, ErrorKind};
use opsdeck::model::live_tail::{log_group_arn, LiveTailPlan, LiveTailReport};
use tokio::sync::mpsc::{self, UnboundedReceiver};

use common::emulator::{self, account_config, REGION};

const GROUP: &str = "/test/live";

async fn seed(url: &str, account: &str, streams: &[&str]) -> aws_sdk_cloudwatchlogs::Client {
    let cw = aws_sdk_cloudwatchlogs::Client::new(&account_config(url, account));
    cw.create_log_group()
        .log_group_name(GROUP)
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateLogGroup: {e:?}"));
    for stream in streams {
        cw.create_log_stream()
            .log_group_name(GROUP)
            .log_stream_name(*stream)
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateLogStream {stream}: {e:?}"));
    }
    cw
}

async fn put(cw: &aws_sdk_cloudwatchlogs::Client, stream: &str, messages: &[&str]) {
    let now = Utc::now().timestamp_millis();
    let events = messages
        .iter()
        .map(|m| {
            InputLogEvent::builder()
                .timestamp(now)
                .message(*m)
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

fn plan(account: &str, streams: Option<&[&str]>, pattern: &str) -> LiveTailPlan {
    LiveTailPlan {
        groups: vec![log_group_arn(REGION, account, GROUP)],
        streams: streams.map(|s| s.iter().map(|s| s.to_string()).collect()),
        pattern: pattern.into(),
    }
}

/// Start a session in the background; its reports arrive on the receiver.
fn start(
    clients: aws::Clients,
    plan: LiveTailPlan,
) -> (
    UnboundedReceiver<LiveTailReport>,
    tokio::task::JoinHandle<()>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let handle = tokio::spawn(async move {
        aws::live_tail::run(&clients, &plan, |report| {
            let _ = tx.send(report);
        })
        .await;
    });
    (rx, handle)
}

async fn next(rx: &mut UnboundedReceiver<LiveTailReport>) -> LiveTailReport {
    match tokio::time::timeout(Duration::from_secs(20), rx.recv()).await {
        Ok(Some(report)) => report,
        Ok(None) => panic!("the session stopped reporting without Ended"),
        Err(_) => panic!("no Live Tail report within 20 s"),
    }
}

/// Lines pushed until `want` lines arrived (or the session ended: that fails).
async fn lines(rx: &mut UnboundedReceiver<LiveTailReport>, want: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    while out.len() < want {
        match next(rx).await {
            LiveTailReport::Events { events, .. } => out.extend(
                events
                    .into_iter()
                    .map(|e| (e.stream.to_string(), e.text.to_string())),
            ),
            LiveTailReport::Ended(e) => panic!("the session ended: {}", e.summary()),
            LiveTailReport::Started => panic!("Started twice"),
        }
    }
    out
}

#[tokio::test]
async fn a_session_pushes_the_lines_written_to_its_streams_and_only_those() {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    let cw = seed(&url, &account, &["web/a", "web/b", "other"]).await;
    let clients = emulator::clients(&url, &account).without_host_prefix();
    let (mut rx, handle) = start(clients, plan(&account, Some(&["web/a", "web/b"]), ""));
    assert_eq!(next(&mut rx).await, LiveTailReport::Started);

    put(&cw, "other", &["not mine"]).await;
    put(&cw, "web/a", &["first", "second"]).await;
    put(&cw, "web/b", &["third \u{1b}[2J"]).await;
    let got = lines(&mut rx, 3).await;
    assert_eq!(
        got,
        vec![
            ("web/a".to_string(), "first".to_string()),
            ("web/a".into(), "second".into()),
            ("web/b".into(), "third ␛[2J".into()),
        ],
        "named streams only, in order, and pushed text is sanitised like polled text"
    );
    handle.abort();
}

#[tokio::test]
async fn a_filter_pattern_narrows_what_the_session_pushes() {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    let cw = seed(&url, &account, &["web/a"]).await;
    let clients = emulator::clients(&url, &account).without_host_prefix();
    let (mut rx, handle) = start(clients, plan(&account, None, "ERROR"));
    assert_eq!(next(&mut rx).await, LiveTailReport::Started);
    put(
        &cw,
        "web/a",
        &["INFO fine", "ERROR broken", "INFO fine again"],
    )
    .await;
    put(&cw, "web/a", &["ERROR again"]).await;
    let got: Vec<String> = lines(&mut rx, 2)
        .await
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(got, vec!["ERROR broken", "ERROR again"]);
    handle.abort();
}

#[tokio::test]
async fn a_group_that_does_not_exist_ends_the_session_with_not_found() {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    let clients = emulator::clients(&url, &account).without_host_prefix();
    let (mut rx, _handle) = start(clients, plan(&account, None, ""));
    match next(&mut rx).await {
        LiveTailReport::Ended(e) => {
            assert_eq!(e.kind, ErrorKind::NotFound, "{}", e.summary());
            assert!(
                e.summary().contains("logs:StartLiveTail"),
                "{}",
                e.summary()
            );
        }
        other => panic!("expected Ended, got {other:?}"),
    }
}

#[tokio::test]
async fn with_host_prefix_injection_on_an_emulator_is_unreachable_and_says_what_to_set() {
    let (url, account) = (emulator::url(), emulator::fresh_account());
    seed(&url, &account, &["web/a"]).await;
    // The SDK sends StartLiveTail to stream-127.0.0.1, which does not resolve.
    let (mut rx, _handle) = start(emulator::clients(&url, &account), plan(&account, None, ""));
    match next(&mut rx).await {
        LiveTailReport::Ended(e) => {
            assert_eq!(e.kind, ErrorKind::Unreachable, "{}", e.summary());
            assert!(
                e.message.contains("AWS_DISABLE_HOST_PREFIX_INJECTION=true"),
                "{}",
                e.summary()
            );
        }
        other => panic!("expected Ended, got {other:?}"),
    }
}

/// On the IAM-enforcing emulator, a caller allowed to read logs but not to start
/// Live Tail is denied in words (the pane then polls; see the update tests).
#[tokio::test]
async fn a_caller_without_start_live_tail_is_denied_in_words() {
    let (url, account) = (emulator::auth_url(), emulator::fresh_account());
    seed(&url, &account, &["web/a"]).await;
    let policy = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": ["logs:Describe*", "logs:GetLogEvents", "logs:FilterLogEvents"],
            "Resource": "*"
        }]
    });
    let key = emulator::create_user(&url, &account, "log-reader", &policy);
    let config = emulator::sdk_config(&url, &key.id, &key.secret, None);
    let clients = aws::Clients::new(&config, aws::ApiCounter::default()).without_host_prefix();
    let groups = aws::logs::log_groups(&clients)
        .await
        .unwrap_or_else(|e| panic!("the caller may read logs: {}", e.summary()));
    assert!(groups.iter().any(|g| g.name == GROUP), "polling would work");
    let (mut rx, _handle) = start(clients, plan(&account, None, ""));
    match next(&mut rx).await {
        LiveTailReport::Ended(e) => {
            assert_eq!(e.kind, ErrorKind::AccessDenied, "{}", e.summary());
            assert!(
                e.summary().starts_with("logs:StartLiveTail: access denied"),
                "{}",
                e.summary()
            );
        }
        other => panic!("expected Ended, got {other:?}"),
    }
}
