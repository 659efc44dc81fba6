//! Figures that need the emulator (run with `scripts/bench`):
//! - launch → services table showing data, for the real binary in a pseudo-terminal,
//!   against the emulator's own response time for the same calls;
//! - a 2,000-service cluster: time to first rows, to all rows, AWS requests per full refresh;
//! - idle: CPU time and bytes written to the terminal over 30 s with nothing changing.
//!
//! Needs OPSDECK_EMULATOR_URL (a seeded emulator) and OPSDECK_SCALE_CLUSTER (a cluster
//! with many services, made by `opsdeck-seed scale`).

use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const ACCOUNT: &str = "123456789012";

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run scripts/bench"))
}

fn main() {
    let url = env("OPSDECK_EMULATOR_URL");
    let scale_cluster = env("OPSDECK_SCALE_CLUSTER");
    // Set before any thread starts: the SDK's credential chain reads these.
    std::env::set_var("AWS_ACCESS_KEY_ID", ACCOUNT);
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "bench");
    std::env::set_var("AWS_REGION", "us-east-1");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    let emulator_ms = runtime.block_on(emulator_response(&url, "omni-acme-cluster"));
    let launches: Vec<f64> = (0..5)
        .map(|_| launch_to_data(&url, "omni-acme-cluster", "omni-web", None).0)
        .collect();
    let median = median(launches.clone());
    println!("launch → services table with data (omni-acme-cluster, 5 runs): median {median:.0} ms, runs {launches:.0?}");
    println!(
        "  emulator's own time for STS + ListServices + DescribeServices: {emulator_ms:.0} ms"
    );
    println!(
        "  opsdeck's own cost beyond the emulator: {:.0} ms",
        median - emulator_ms
    );

    runtime.block_on(scale(&url, &scale_cluster));

    let (_, idle) = launch_to_data(
        &url,
        "omni-acme-cluster",
        "omni-web",
        Some(Duration::from_secs(30)),
    );
    if let Some((bytes, cpu_ms)) = idle {
        println!("idle 30 s on omni-acme-cluster (refresh every 5 s): {bytes} bytes written to the terminal, {cpu_ms} ms CPU");
    }
}

async fn emulator_response(url: &str, cluster: &str) -> f64 {
    let opts = opsdeck::aws::ContextOptions {
        endpoint_url: Some(url.to_string()),
        ..Default::default()
    };
    let mut samples = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let ctx = opsdeck::aws::connect(&opts)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        opsdeck::aws::ecs::services(&ctx.clients, cluster, |_| {})
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    median(samples)
}

async fn scale(url: &str, cluster: &str) {
    let opts = opsdeck::aws::ContextOptions {
        endpoint_url: Some(url.to_string()),
        ..Default::default()
    };
    let ctx = opsdeck::aws::connect(&opts)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for run in 1..=3 {
        let before = ctx.clients.counter.get();
        let start = Instant::now();
        let mut first = None;
        let mut rows = 0usize;
        opsdeck::aws::ecs::services(&ctx.clients, cluster, |batch| {
            first.get_or_insert_with(|| start.elapsed());
            rows += batch.len();
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let all = start.elapsed();
        let requests = ctx.clients.counter.get() - before;
        let minimum = rows.div_ceil(opsdeck::aws::ecs::DESCRIBE_SERVICES_MAX);
        println!(
            "{cluster} run {run}: {rows} services, first rows after {:.0} ms, all rows after {:.0} ms, {requests} AWS requests ({minimum} DescribeServices minimum + list pages)",
            first.unwrap_or_default().as_secs_f64() * 1000.0,
            all.as_secs_f64() * 1000.0
        );
    }
}

/// Spawn opsdeck in a pseudo-terminal; time until `expect` shows. With `idle`, keep it
/// running that long afterwards and return bytes written and CPU used meanwhile.
fn launch_to_data(
    url: &str,
    cluster: &str,
    expect: &str,
    idle: Option<Duration>,
) -> (f64, Option<(usize, u64)>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_opsdeck"));
    cmd.args(["--endpoint-url", url, "--cluster", cluster]);
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pty
        .slave
        .spawn_command(cmd)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut reader = pty
        .master
        .try_clone_reader()
        .unwrap_or_else(|e| panic!("{e}"));
    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let bytes = Arc::new(AtomicUsize::new(0));
    {
        let (parser, bytes) = (parser.clone(), bytes.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                bytes.fetch_add(n, Ordering::Relaxed);
                if let Ok(mut p) = parser.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
    }
    let elapsed = loop {
        let shown = parser
            .lock()
            .map(|p| p.screen().contents().contains(expect))
            .unwrap_or(false);
        if shown {
            break start.elapsed();
        }
        if start.elapsed() > Duration::from_secs(30) {
            panic!("{expect} did not appear");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let idle_figures = idle.map(|span| {
        // Let the first refresh settle before measuring.
        std::thread::sleep(Duration::from_secs(2));
        let pid = child.process_id().unwrap_or_default();
        let (b0, c0) = (bytes.load(Ordering::Relaxed), cpu_ms(pid));
        std::thread::sleep(span);
        (
            bytes.load(Ordering::Relaxed) - b0,
            cpu_ms(pid).saturating_sub(c0),
        )
    });
    let _ = child.kill();
    let _ = child.wait();
    (elapsed.as_secs_f64() * 1000.0, idle_figures)
}

/// utime + stime of a process from /proc, in milliseconds.
fn cpu_ms(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11).and_then(|v| v.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|v| v.parse().ok()).unwrap_or(0);
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    ticks * 1000 / hz
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or_default()
}
