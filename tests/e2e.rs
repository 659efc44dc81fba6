//! End-to-end: the real `opsdeck` binary in a pseudo-terminal against the seeded emulator
//! (`OPSDECK_EMULATOR_URL`, started and seeded by `scripts/test`). Each test types keys and
//! reads the screen a user would see; waits are generous (they are waits, not timing checks).
//!
//! The first tests check the harness itself: that reading termios through the pty master
//! really sees the program's raw mode, so "the terminal was restored" cannot pass vacuously.

mod common;

use common::pty::{Key, LineMode, Options, Pty, ACCOUNT, TIMEOUT};

const OMNI_SERVICES: [&str; 4] = ["omni-web", "omni-searcher", "omni-indexer", "omni-ai"];
const CLUSTERS: [&str; 3] = ["omni-acme-cluster", "omen-production", "farsight-cluster"];

fn emulator() -> String {
    common::required_env("OPSDECK_EMULATOR_URL")
}

/// `opsdeck --endpoint-url URL --region us-east-1 <extra>` at 80x24.
fn opsdeck(url: &str, extra: &[&str]) -> Pty {
    opsdeck_with(url, extra, Options::default())
}

fn opsdeck_with(url: &str, extra: &[&str], opts: Options) -> Pty {
    let mut args = vec!["--endpoint-url", url, "--region", "us-east-1"];
    args.extend_from_slice(extra);
    Pty::spawn_with(&args, opts)
}

/// Is there a table row (inside a `│` border) whose first cell is exactly `name`?
fn has_row(screen: &str, name: &str) -> bool {
    screen.lines().any(|line| {
        // A firing alarm puts "! " before the name; the row is still that one.
        line.trim_start_matches(['│', ' '])
            .trim_start_matches("! ")
            .split_whitespace()
            .next()
            .is_some_and(|first| first == name)
    })
}

fn expect_rows(pty: &mut Pty, names: &[&str]) -> String {
    pty.wait_until(&format!("table rows {names:?}"), TIMEOUT, |s| {
        names.iter().all(|n| has_row(s, n))
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

/// `/`, type `text`, Enter to keep the filter; waits for each step to show.
fn filter(pty: &mut Pty, text: &str) {
    pty.send("/");
    pty.expect("enter keep · esc clear");
    pty.send(text);
    pty.expect(&format!("matching '{text}'"));
    pty.send_key(Key::Enter);
    pty.expect_gone("enter keep · esc clear");
}

fn quit_cleanly(pty: &mut Pty) {
    pty.send("q");
    let status = pty.expect_exit();
    assert!(
        status.success(),
        "{}",
        pty.diagnostic(&format!("q should exit with code 0, got {status:?}"))
    );
    pty.assert_restored();
}

// ---------------------------------------------------------------------------------------
// The harness's own control experiments (no emulator needed).

fn sh(script: &str) -> Pty {
    Pty::spawn_program("/bin/sh", &["-c", script], Options::default())
}

/// A fresh pty is cooked; a program's `stty -icanon -echo` is seen through the master while it
/// runs and is still seen after it exits without undoing it (the kernel does not reset it, so
/// a cooked reading after exit means the program restored the terminal).
#[test]
fn harness_sees_raw_mode_while_running_and_after_an_unclean_exit() {
    let mut pty = sh("echo started; read a; stty -icanon -echo; echo now-raw; read b; echo bye");
    pty.expect("started");
    assert_eq!(
        pty.line_mode(),
        LineMode {
            icanon: true,
            echo: true
        },
        "a fresh pty should be in cooked mode"
    );
    pty.send("\n");
    pty.expect("now-raw");
    assert!(
        pty.line_mode().is_raw(),
        "{}",
        pty.diagnostic("stty -icanon -echo not seen")
    );
    pty.send("\n");
    let status = pty.expect_exit();
    assert!(status.success(), "{status:?}");
    assert!(pty.screen_text().contains("bye"));
    assert!(
        pty.line_mode().is_raw(),
        "{}",
        pty.diagnostic("after exiting without restoring, the tty must still read as raw")
    );
}

/// ...and a program that restores the terminal before exiting reads as cooked afterwards.
#[test]
fn harness_sees_the_terminal_restored_after_a_clean_exit() {
    let mut pty = sh("stty -icanon -echo; echo now-raw; read b; stty icanon echo; echo restored");
    pty.expect("now-raw");
    pty.assert_raw_mode();
    pty.send("\n");
    pty.expect_exit();
    pty.expect("restored");
    pty.assert_restored();
}

// ---------------------------------------------------------------------------------------
// opsdeck against the seeded emulator.

/// Control for every `assert_restored` below: opsdeck killed with SIGKILL (no chance to clean
/// up) leaves the alternate screen, a hidden cursor and raw mode behind, and the check says so.
#[test]
fn restore_check_catches_a_killed_opsdeck() {
    let url = emulator();
    let mut pty = opsdeck(&url, &["--cluster", "omni-acme-cluster"]);
    expect_rows(&mut pty, &OMNI_SERVICES);
    pty.signal(libc::SIGKILL);
    let status = pty.expect_exit();
    assert!(status.signal().is_some(), "{status:?}");
    let failure = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pty.assert_restored()))
        .expect_err("assert_restored must fail after SIGKILL");
    let message = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    for problem in [
        "alternate screen",
        "cursor is still hidden",
        "ICANON off",
        "ECHO off",
    ] {
        assert!(
            message.contains(problem),
            "the restore check should report {problem:?}:\n{message}"
        );
    }
}

/// 1. Services of a named cluster, the identity banner, the drill-down service → tasks →
///    containers and back, and `q` giving the terminal back.
#[test]
fn drill_down_from_a_cluster_to_containers_and_quit() {
    let url = emulator();
    let mut pty = opsdeck(&url, &["--cluster", "omni-acme-cluster"]);
    let screen = expect_rows(&mut pty, &OMNI_SERVICES);
    assert!(
        screen.contains(&format!("account {ACCOUNT}")),
        "the header names the account:\n{screen}"
    );
    assert!(
        screen.contains(&url),
        "the header shows the endpoint ({url}):\n{screen}"
    );
    assert!(
        screen.contains("services of omni-acme-cluster (4)"),
        "{screen}"
    );
    // Control for the restore check at the end: while opsdeck runs, the tty is raw.
    pty.assert_raw_mode();
    assert!(
        pty.alternate_screen(),
        "opsdeck draws on the alternate screen"
    );

    filter(&mut pty, "omni-web");
    let screen = pty.screen_text();
    assert!(has_row(&screen, "omni-web"), "{screen}");
    assert!(
        !has_row(&screen, "omni-searcher") && !has_row(&screen, "omni-ai"),
        "the filter hides the other services:\n{screen}"
    );

    pty.send_key(Key::Enter);
    let screen = pty.expect_all(&["service omni-web", "deployments (", "circuit breaker"]);
    assert!(
        screen.contains("PRIMARY"),
        "the detail lists the primary deployment:\n{screen}"
    );
    assert!(screen.contains("omni-acme-cluster › omni-web"), "{screen}");

    pty.send_key(Key::Enter);
    let screen = pty.expect_all(&["running tasks of omni-web", "RUNNING"]);
    assert!(
        screen.contains("omni-web › tasks"),
        "breadcrumb of the tasks view:\n{screen}"
    );

    pty.send_key(Key::Enter);
    pty.expect("containers of task");
    // The task runs one container, named like the service, from the service's task definition.
    let screen = expect_rows(&mut pty, &["omni-web"]);
    assert!(screen.contains("(omni-web:"), "{screen}");
    assert!(screen.contains("RUNNING"), "{screen}");

    pty.send_key(Key::Esc);
    pty.expect_gone("containers of task");
    pty.expect_all(&["running tasks of omni-web", "RUNNING"]);

    quit_cleanly(&mut pty);
}

/// 2. Without --cluster: the clusters of the account, and Enter opens one's services.
#[test]
fn clusters_list_drills_into_services() {
    let url = emulator();
    let mut pty = opsdeck(&url, &[]);
    let screen = expect_rows(&mut pty, &CLUSTERS);
    assert!(screen.contains("clusters (3)"), "{screen}");
    pty.assert_raw_mode();

    filter(&mut pty, "omni-acme");
    pty.send_key(Key::Enter);
    let screen = expect_rows(&mut pty, &OMNI_SERVICES);
    assert!(screen.contains("services of omni-acme-cluster"), "{screen}");

    pty.send_key(Key::Esc);
    pty.expect_gone("services of omni-acme-cluster");
    pty.expect("clusters (1/3 matching 'omni-acme')");
    quit_cleanly(&mut pty);
}

/// 3. A service whose task runs two containers: both are listed.
#[test]
fn containers_of_a_two_container_task() {
    let url = emulator();
    let mut pty = opsdeck(&url, &["--cluster", "omen-production"]);
    expect_rows(&mut pty, &["omen-epr-service"]);
    filter(&mut pty, "omen-epr");
    pty.send_key(Key::Enter);
    pty.expect_all(&["service omen-epr-service", "circuit breaker"]);
    pty.send_key(Key::Enter);
    pty.expect_all(&["running tasks of omen-epr-service", "RUNNING"]);
    pty.send_key(Key::Enter);
    pty.expect("containers of task");
    let screen = expect_rows(&mut pty, &["api", "audit-worker"]);
    let title = screen
        .lines()
        .find(|l| l.contains("containers of task"))
        .unwrap_or_default();
    assert!(
        title.contains(") (2) "),
        "the title counts two containers: {title:?}\n{screen}"
    );
    quit_cleanly(&mut pty);
}

/// 4. Signals: the terminal is given back and the exit code tells which signal it was.
fn signal_restores_the_terminal(signal: libc::c_int, code: u32) {
    let url = emulator();
    let mut pty = opsdeck(&url, &["--cluster", "omni-acme-cluster"]);
    // Signal handlers are installed before the first frame is drawn.
    expect_rows(&mut pty, &OMNI_SERVICES);
    pty.assert_raw_mode();
    assert!(pty.alternate_screen());
    pty.signal(signal);
    let status = pty.expect_exit();
    assert!(
        status.signal().is_none() && status.exit_code() == code,
        "{}",
        pty.diagnostic(&format!(
            "signal {signal}: expected exit code {code} after a handled signal, got {status:?}"
        ))
    );
    pty.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal(libc::SIGTERM, 143);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal(libc::SIGHUP, 129);
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores_the_terminal(libc::SIGINT, 130);
}

/// The terminal itself goes away (an SSH link drops): opsdeck must not linger, still polling
/// AWS with nobody watching.
#[test]
fn terminal_hangup_ends_opsdeck() {
    let url = emulator();
    let mut pty = opsdeck(&url, &["--cluster", "omni-acme-cluster"]);
    expect_rows(&mut pty, &OMNI_SERVICES);
    pty.hang_up();
    // Any exit will do (the terminal is gone, nothing can be restored on it); hanging on does not.
    let status = pty.expect_exit();
    assert!(
        status.signal().is_none(),
        "{}",
        pty.diagnostic(&format!(
            "opsdeck should handle the hang-up, not be killed by it: {status:?}"
        ))
    );
}

/// 5. A cluster that does not exist: a clear error, and Esc leads to the real clusters.
#[test]
fn missing_cluster_says_so_and_esc_shows_the_clusters() {
    let url = emulator();
    let mut pty = opsdeck(&url, &["--cluster", "does-not-exist"]);
    let screen = pty
        .wait_until("an error naming the missing cluster", TIMEOUT, |s| {
            let lower = s.to_lowercase();
            s.contains("'does-not-exist'")
                && (lower.contains("not found") || lower.contains("does not exist"))
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !screen.contains("loading…"),
        "the error replaces the loading state:\n{screen}"
    );
    pty.send_key(Key::Esc);
    let screen = expect_rows(&mut pty, &CLUSTERS);
    assert!(
        !screen.contains("'does-not-exist'"),
        "the error belongs to the view that was left:\n{screen}"
    );
    // The rest works: open a real cluster from here.
    filter(&mut pty, "farsight");
    pty.send_key(Key::Enter);
    expect_rows(&mut pty, &["farsight-api-server", "farsight-worker"]);
    quit_cleanly(&mut pty);
}

/// 6. An endpoint nobody listens on: a plain message, exit code 2, no raw-mode leftovers.
#[test]
fn unreachable_endpoint_exits_2_with_a_message() {
    // Not the emulator, but this test belongs to the emulator suite: require it like the rest.
    let _ = emulator();
    let mut pty = Pty::spawn(
        &[
            "--endpoint-url",
            "http://127.0.0.1:1",
            "--region",
            "us-east-1",
        ],
        &[],
    );
    let status = pty.expect_exit();
    let screen = pty.screen_text();
    assert_eq!(
        (status.exit_code(), status.signal()),
        (2, None),
        "{}",
        pty.diagnostic("an unreachable endpoint should exit with code 2")
    );
    assert!(
        screen.contains("Could not reach http://127.0.0.1:1"),
        "{}",
        pty.diagnostic("the message should say which endpoint could not be reached")
    );
    assert!(
        !screen.contains("panicked"),
        "{}",
        pty.diagnostic("no panic")
    );
    pty.assert_restored();
}

/// 7. On a wide terminal the services list shows every column.
#[test]
fn wide_terminal_shows_all_service_columns() {
    let url = emulator();
    let columns = [
        "NAME",
        "STATUS",
        "DES/RUN/PEN",
        "TASK DEFINITION",
        "ROLLOUT",
        "DEPL",
        "LAUNCH",
        "EVENT",
    ];
    let header = |screen: &str| -> Option<String> {
        screen
            .lines()
            .find(|l| l.contains("NAME") && l.contains("DES/RUN/PEN"))
            .map(str::to_string)
    };

    let mut wide = opsdeck_with(
        &url,
        &["--cluster", "omni-acme-cluster"],
        Options::size(48, 160),
    );
    let screen = expect_rows(&mut wide, &OMNI_SERVICES);
    let line = header(&screen).unwrap_or_else(|| panic!("no column header at 160x48:\n{screen}"));
    for c in columns {
        assert!(
            line.contains(c),
            "column {c} missing at 160x48: {line:?}\n{screen}"
        );
    }
    assert!(
        screen.contains("FARGATE"),
        "the launch type column has values:\n{screen}"
    );
    quit_cleanly(&mut wide);

    // Contrast: at 80x24 the least important columns give way (so the check above means something).
    let mut narrow = opsdeck(&url, &["--cluster", "omni-acme-cluster"]);
    let screen = expect_rows(&mut narrow, &OMNI_SERVICES);
    let line = header(&screen).unwrap_or_else(|| panic!("no column header at 80x24:\n{screen}"));
    assert!(!line.contains("LAUNCH"), "80x24 drops LAUNCH: {line:?}");
    quit_cleanly(&mut narrow);
}

/// 8. While a request hangs, keys are still answered: the help overlay opens and closes, and
///    the list fills in once the request is let through. The relay holds every ECS request
///    until released, so "in flight" is certain, not a matter of timing.
#[test]
fn keys_are_answered_while_a_request_is_in_flight() {
    let url = emulator();
    let gate = gate::Gate::closed(&url);
    let mut pty = opsdeck(gate.url(), &[]);
    pty.expect_all(&[&format!("account {ACCOUNT}"), "loading…"]);
    gate.wait_held(1, &mut pty);

    pty.send("?");
    let screen = pty.expect_all(&["show or hide this help", "quit opsdeck", "move down"]);
    assert!(
        screen.contains("loading…"),
        "the request is still in flight under the help:\n{screen}"
    );
    assert_eq!(gate.held(), 1, "the ECS request is still held");
    assert!(!has_row(&screen, "omni-acme-cluster"), "{screen}");

    pty.send_key(Key::Esc);
    pty.expect_gone("show or hide this help");
    pty.expect("loading…");

    gate.open();
    expect_rows(&mut pty, &CLUSTERS);
    quit_cleanly(&mut pty);
}

/// `q` quits at once even while an AWS request hangs, and gives the terminal back.
#[test]
fn quit_does_not_wait_for_a_hanging_request() {
    let url = emulator();
    let gate = gate::Gate::closed(&url);
    let mut pty = opsdeck(gate.url(), &["--cluster", "omni-acme-cluster"]);
    pty.expect_all(&["services of omni-acme-cluster", "loading…"]);
    gate.wait_held(1, &mut pty);
    pty.assert_raw_mode();
    quit_cleanly(&mut pty);
    assert_eq!(
        gate.held(),
        1,
        "the request was still held when opsdeck quit"
    );
}

/// A tiny HTTP/1.1 relay in front of the emulator that can hold ECS requests.
mod gate {
    use std::io::{self, BufRead, BufReader, Read, Write};
    use std::net::{Shutdown, TcpListener, TcpStream};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Condvar, Mutex};
    use std::time::{Duration, Instant};

    use super::common::pty::{Pty, TIMEOUT};

    struct Shared {
        open: Mutex<bool>,
        changed: Condvar,
        /// ECS requests that arrived while the gate was closed.
        held: AtomicUsize,
    }

    pub struct Gate {
        url: String,
        shared: Arc<Shared>,
    }

    impl Gate {
        /// A relay to `upstream` (http://host:port) that holds ECS requests until [`open`].
        pub fn closed(upstream: &str) -> Gate {
            let upstream = upstream
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string();
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind relay");
            let url = format!("http://{}", listener.local_addr().expect("relay addr"));
            let shared = Arc::new(Shared {
                open: Mutex::new(false),
                changed: Condvar::new(),
                held: AtomicUsize::new(0),
            });
            let accept_shared = shared.clone();
            std::thread::spawn(move || {
                for client in listener.incoming().flatten() {
                    let (upstream, shared) = (upstream.clone(), accept_shared.clone());
                    std::thread::spawn(move || {
                        let _ = relay(client, &upstream, &shared);
                    });
                }
            });
            Gate { url, shared }
        }

        pub fn url(&self) -> &str {
            &self.url
        }

        pub fn held(&self) -> usize {
            self.shared.held.load(Ordering::SeqCst)
        }

        pub fn open(&self) {
            *self.shared.open.lock().unwrap_or_else(|p| p.into_inner()) = true;
            self.shared.changed.notify_all();
        }

        /// Wait until `n` ECS requests are being held (opsdeck has sent them).
        pub fn wait_held(&self, n: usize, pty: &mut Pty) {
            let deadline = Instant::now() + TIMEOUT;
            while self.held() < n {
                if Instant::now() >= deadline {
                    panic!(
                        "{}",
                        pty.diagnostic(&format!(
                            "only {} of {n} ECS requests reached the relay",
                            self.held()
                        ))
                    );
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }

    impl Drop for Gate {
        fn drop(&mut self) {
            self.open();
        }
    }

    /// Forward requests one by one (HTTP/1.1, Content-Length bodies, as the AWS SDK sends
    /// them); responses stream back untouched.
    fn relay(client: TcpStream, upstream: &str, shared: &Shared) -> io::Result<()> {
        let server = TcpStream::connect(upstream)?;
        let (mut from_server, mut to_client) = (server.try_clone()?, client.try_clone()?);
        std::thread::spawn(move || {
            let _ = io::copy(&mut from_server, &mut to_client);
            let _ = to_client.shutdown(Shutdown::Write);
        });
        let mut from_client = BufReader::new(client);
        let mut to_server = server;
        loop {
            let mut head = Vec::new();
            loop {
                let mut line = Vec::new();
                if from_client.read_until(b'\n', &mut line)? == 0 {
                    let _ = to_server.shutdown(Shutdown::Write);
                    return Ok(());
                }
                head.extend_from_slice(&line);
                if line == b"\r\n" {
                    break;
                }
            }
            let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
            if text.contains("transfer-encoding: chunked") {
                return Err(io::Error::other("chunked request bodies are not relayed"));
            }
            let length = text
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            let mut body = vec![0; length];
            from_client.read_exact(&mut body)?;
            if text.contains("x-amz-target: amazonec2containerservice") {
                let open = shared.open.lock().unwrap_or_else(|p| p.into_inner());
                if !*open {
                    shared.held.fetch_add(1, Ordering::SeqCst);
                }
                let _open = shared
                    .changed
                    .wait_while(open, |open| !*open)
                    .unwrap_or_else(|p| p.into_inner());
            }
            to_server.write_all(&head)?;
            to_server.write_all(&body)?;
        }
    }
}
