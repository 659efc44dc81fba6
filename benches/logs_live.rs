//! Log figures that need the emulator (OPSDECK_EMULATOR_URL), for the real binary in a
//! pseudo-terminal, in a fresh account:
//! - whole-process memory (VmRSS) of opsdeck with 100,000 typical lines buffered;
//! - latency from PutLogEvents to the line on screen while tailing, for a one-stream
//!   tail (GetLogEvents) and a whole-group tail (FilterLogEvents), lines flowing;
//!   and the same whole group through CloudWatch Live Tail (StartLiveTail).
//!
//! Targets (issue 4): < 64 MB RSS; < 2 s latency when polling; Live Tail is for
//! sub-second delivery where AWS offers it.

use std::time::{Duration, Instant};

use aws_sdk_cloudwatchlogs::types::InputLogEvent;

#[path = "../tests/common/pty.rs"]
mod pty;
#[allow(dead_code)]
#[path = "support/typical_lines.rs"]
mod typical;

use pty::{Key, Options, Pty};

const GROUP: &str = "/bench/logs";
const LINES: usize = 100_000;

fn main() {
    let url = std::env::var("OPSDECK_EMULATOR_URL")
        .unwrap_or_else(|_| panic!("OPSDECK_EMULATOR_URL is not set: start an emulator first"));
    let account = format!("8{:011}", rand::random::<u64>() % 100_000_000_000);
    let runtime = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
    let cw = logs_client(&url, &account);
    runtime.block_on(seed(&cw));

    let mut opsdeck = Pty::spawn_with(
        &["--endpoint-url", &url, "--region", "us-east-1"],
        Options {
            rows: 48,
            cols: 160,
            env: vec![
                ("AWS_ACCESS_KEY_ID".into(), account.clone()),
                // The emulator has no stream- host for StartLiveTail.
                ("AWS_DISABLE_HOST_PREFIX_INJECTION".into(), "true".into()),
            ],
        },
    );
    // The browser: the group, its streams, then the big stream from an hour back.
    opsdeck.send("L");
    opsdeck.expect(GROUP);
    opsdeck.send_key(Key::Enter);
    opsdeck.expect("streams of /bench/logs");
    opsdeck.send("/big");
    opsdeck.expect("matching 'big'");
    opsdeck.send_key(Key::Enter);
    opsdeck.expect_gone("enter keep · esc clear");
    opsdeck.send_key(Key::Enter);
    opsdeck.expect("logs · /bench/logs › big");
    opsdeck.send("b");
    opsdeck.expect("start from:");
    opsdeck.send("\x15"); // ctrl-u clears the field
    opsdeck.send("1h");
    let start = Instant::now();
    opsdeck.send_key(Key::Enter);
    opsdeck
        .wait_for(&format!("{LINES} lines"), Duration::from_secs(120))
        .unwrap_or_else(|e| panic!("{e}"));
    let loaded = start.elapsed();
    std::thread::sleep(Duration::from_secs(2));
    let rss = rss_mb(opsdeck.pid());
    println!(
        "memory: opsdeck with {LINES} typical lines buffered: VmRSS {rss:.1} MB (read in {:.1} s)",
        loaded.as_secs_f64()
    );

    // Latency, one stream: back to the streams, tail "live".
    opsdeck.send_key(Key::Esc);
    opsdeck.expect("streams of /bench/logs");
    // Clear the filter (esc in filter mode), then filter for "live".
    opsdeck.send("/");
    opsdeck.expect("enter keep · esc clear");
    opsdeck.send_key(Key::Esc);
    opsdeck.expect_gone("matching 'big'");
    opsdeck.send("/live");
    opsdeck.expect("matching 'live'");
    opsdeck.send_key(Key::Enter);
    opsdeck.expect_gone("enter keep · esc clear");
    opsdeck.send_key(Key::Enter);
    opsdeck.expect("logs · /bench/logs › live");
    let per_stream = latency(&runtime, &cw, &mut opsdeck, "one stream, GetLogEvents");

    // Latency, the whole group.
    opsdeck.send_key(Key::Esc);
    opsdeck.expect("streams of /bench/logs");
    opsdeck.send_key(Key::Esc);
    opsdeck.expect("log groups");
    opsdeck.send("l");
    opsdeck.expect("logs · /bench/logs · all streams");
    let group = latency(&runtime, &cw, &mut opsdeck, "whole group, FilterLogEvents");

    // Latency, the whole group through Live Tail.
    opsdeck.send("T");
    opsdeck
        .wait_for("LIVE TAIL", Duration::from_secs(20))
        .unwrap_or_else(|e| panic!("Live Tail did not start: {e}"));
    let live = latency(&runtime, &cw, &mut opsdeck, "whole group, Live Tail");
    println!("latency PutLogEvents → on screen, lines flowing (20 lines each, 0.3–1.7 s apart):");
    for (name, samples) in [
        ("one stream (GetLogEvents)", per_stream),
        ("whole group (FilterLogEvents)", group),
        ("whole group (Live Tail)", live),
    ] {
        let mut s = samples;
        s.sort_by(f64::total_cmp);
        println!(
            "  {name}: median {:.0} ms, p90 {:.0} ms, max {:.0} ms",
            s[s.len() / 2],
            s[s.len() * 9 / 10],
            s[s.len() - 1]
        );
    }
    opsdeck.send("q");
    opsdeck.expect_exit();
}

fn logs_client(url: &str, account: &str) -> aws_sdk_cloudwatchlogs::Client {
    let credentials = aws_credential_types::Credentials::new(account, "bench", None, None, "bench");
    let config = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(credentials),
        )
        .build();
    aws_sdk_cloudwatchlogs::Client::new(&config)
}

async fn put(cw: &aws_sdk_cloudwatchlogs::Client, stream: &str, events: &[(i64, String)]) {
    for chunk in events.chunks(5_000) {
        let batch = chunk
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
            .set_log_events(Some(batch))
            .send()
            .await
            .unwrap_or_else(|e| panic!("PutLogEvents: {e:?}"));
    }
}

/// A group with a 100,000-line stream (the last 50 minutes) and an empty "live" one.
async fn seed(cw: &aws_sdk_cloudwatchlogs::Client) {
    cw.create_log_group()
        .log_group_name(GROUP)
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateLogGroup: {e:?}"));
    for s in ["big", "live"] {
        cw.create_log_stream()
            .log_group_name(GROUP)
            .log_stream_name(s)
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateLogStream: {e:?}"));
    }
    let start = chrono::Utc::now().timestamp_millis() - 50 * 60 * 1000;
    let lines: Vec<(i64, String)> = typical::typical_lines(LINES)
        .into_iter()
        .enumerate()
        .map(|(i, (_, _, text))| (start + i as i64 * 30, text))
        .collect();
    put(cw, "big", &lines).await;
}

/// Put a marked line, time until it is on screen; repeated at uneven gaps so the
/// samples fall at every phase of the poll cycle.
fn latency(
    runtime: &tokio::runtime::Runtime,
    cw: &aws_sdk_cloudwatchlogs::Client,
    opsdeck: &mut Pty,
    what: &str,
) -> Vec<f64> {
    let mut samples = Vec::new();
    for i in 0..20 {
        let marker = format!("latency-probe-{}-{i}", rand::random::<u32>());
        let line = format!("INFO {marker} GET /api/orders 200");
        let sent = Instant::now();
        runtime.block_on(put(
            cw,
            "live",
            &[(chrono::Utc::now().timestamp_millis(), line)],
        ));
        opsdeck
            .wait_for(&marker, Duration::from_secs(15))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        samples.push(sent.elapsed().as_secs_f64() * 1000.0);
        let gap = 300 + rand::random::<u64>() % 1400;
        std::thread::sleep(Duration::from_millis(gap));
    }
    samples
}

fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
