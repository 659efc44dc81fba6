//! ECS Exec end to end: the real binary in a pseudo-terminal against the seeded emulator,
//! with a stand-in `session-manager-plugin` first on PATH (AWS's plugin can't be installed
//! here). The stand-in records its argv and environment and behaves like a remote shell:
//! it echoes each line typed and reports Ctrl-C. The checks: the argv/env match the AWS
//! CLI's observed form, every typed keystroke reaches the child, Ctrl-C goes to the child
//! and not to opsdeck, and opsdeck comes back to the same view afterwards.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{Key, Options, Pty, TempDir};

const STAND_IN: &str = r#"#!/bin/bash
# A stand-in for AWS's session-manager-plugin (test only).
if [ "$1" = "--version" ]; then echo "1.2.694.0"; exit 0; fi
log="$STANDIN_LOG"
{
  printf 'argc=%s\n' "$#"
  for a in "$@"; do printf 'arg=%s\n' "$a"; done
  printf 'session_env=%s\n' "$AWS_SSM_START_SESSION_RESPONSE"
} > "$log.argv"
if [ "$STANDIN_MODE" = "forward" ]; then
  echo $$ >> "$log.pids"
  echo "Starting session with SessionId: s-0123456789abcdef0"
  echo "Port opened for sessionId s-0123456789abcdef0."
  echo "Waiting for connections..."
  exec sleep 600
fi
if [ "$STANDIN_MODE" = "fail" ]; then
  echo "An error occurred (TargetNotConnectedException) when calling the StartSession operation."
  exit 0
fi
trap 'echo "[stand-in] got SIGINT"; echo "<SIGINT>" >> "$log.input"' INT
echo "[stand-in] remote shell ready"
while true; do
  IFS= read -r line
  status=$?
  if [ $status -gt 128 ]; then continue; fi
  if [ $status -ne 0 ]; then break; fi
  printf '%s\n' "$line" >> "$log.input"
  if [ "$line" = "exit" ]; then break; fi
  echo "you typed: $line"
done
echo "[stand-in] session closed"
"#;

struct StandIn {
    dir: TempDir,
}

impl StandIn {
    fn new() -> StandIn {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new();
        let path = dir.path().join("session-manager-plugin");
        std::fs::write(&path, STAND_IN).unwrap_or_else(|e| panic!("write stand-in: {e}"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("chmod stand-in: {e}"));
        StandIn { dir }
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("record")
    }

    fn read(&self, suffix: &str) -> String {
        let path = format!("{}.{suffix}", self.log().display());
        std::fs::read_to_string(Path::new(&path)).unwrap_or_default()
    }

    fn env(&self, mode: &str) -> Vec<(String, String)> {
        let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
        vec![
            (
                "PATH".into(),
                format!("{}:{path}", self.dir.path().display()),
            ),
            ("STANDIN_LOG".into(), self.log().display().to_string()),
            ("STANDIN_MODE".into(), mode.into()),
        ]
    }
}

fn opsdeck(service: &str, env: Vec<(String, String)>) -> Pty {
    let url = common::required_env("OPSDECK_EMULATOR_URL");
    let args = [
        "--endpoint-url",
        &url,
        "--region",
        "us-east-1",
        "--cluster",
        "omni-acme-cluster",
        "--service",
        service,
    ];
    Pty::spawn_with(
        &args,
        Options {
            env,
            ..Options::default()
        },
    )
}

/// From the service detail: open its running tasks and the exec dialog on the first one.
fn open_exec_dialog(pty: &mut Pty, service: &str) {
    pty.expect("deployments");
    pty.send("t");
    pty.expect(&format!("{service} › tasks"));
    pty.expect("RUNNING");
    pty.send("e");
    pty.expect_all(&["ECS Exec", "command", "/bin/sh"]);
}

#[test]
fn exec_hands_the_terminal_to_the_plugin_and_takes_it_back() {
    let stand_in = StandIn::new();
    let mut pty = opsdeck("omni-web", stand_in.env("shell"));
    open_exec_dialog(&mut pty, "omni-web");
    pty.send_key(Key::Enter);
    pty.expect("[stand-in] remote shell ready");
    let started = Instant::now();
    assert!(
        !pty.alternate_screen(),
        "{}",
        pty.diagnostic("the plugin runs on the normal screen")
    );

    // Keystrokes, typed in a burst, twice: every one arrives, in order.
    let mut sent = Vec::new();
    for round in 0..2 {
        let mut burst = String::new();
        for i in 0..15 {
            let line = format!("round{round}-line{i:02} echo 'quote' \"dq\" $HOME ~!@#%^&*()_+");
            burst.push_str(&line);
            burst.push('\r');
            sent.push(line);
        }
        pty.send(&burst);
        pty.expect(&format!("you typed: round{round}-line14"));
    }
    // Ctrl-C goes to the remote shell; opsdeck stays.
    pty.send_key(Key::CtrlC);
    pty.expect("[stand-in] got SIGINT");
    pty.send("after-ctrl-c\r");
    pty.expect("you typed: after-ctrl-c");
    assert!(
        pty.wait_exit(Duration::from_millis(300)).is_none(),
        "opsdeck exited on Ctrl-C"
    );

    // A session longer than a few seconds returns straight to opsdeck.
    if let Some(rest) = Duration::from_secs(6).checked_sub(started.elapsed()) {
        std::thread::sleep(rest);
    }
    pty.send("exit\r");
    pty.expect_all(&["omni-web › tasks", "ECS Exec session ended after"]);
    assert!(
        pty.alternate_screen(),
        "{}",
        pty.diagnostic("back on the alternate screen")
    );
    pty.assert_raw_mode();

    let input = stand_in.read("input");
    let mut expected: Vec<String> = sent.clone();
    expected.push("<SIGINT>".into());
    expected.push("after-ctrl-c".into());
    expected.push("exit".into());
    assert_eq!(
        input.lines().collect::<Vec<_>>(),
        expected,
        "what the child received"
    );

    // The argv of the AWS CLI's six-argument form, session in the environment.
    let argv = stand_in.read("argv");
    let args: Vec<&str> = argv
        .lines()
        .filter_map(|l| l.strip_prefix("arg="))
        .collect();
    assert!(argv.starts_with("argc=6\n"), "{argv}");
    assert_eq!(args[0], "AWS_SSM_START_SESSION_RESPONSE");
    assert_eq!(args[1], "us-east-1");
    assert_eq!(args[2], "StartSession");
    assert_eq!(args[3], "");
    assert!(
        args[4].starts_with(r#"{"Target":"ecs:omni-acme-cluster_"#) && args[4].ends_with(r#""}"#),
        "{}",
        args[4]
    );
    assert_eq!(args[5], "https://ssm.us-east-1.amazonaws.com");
    let session = argv
        .lines()
        .find_map(|l| l.strip_prefix("session_env="))
        .unwrap_or_default();
    let session: serde_json::Value =
        serde_json::from_str(session).unwrap_or_else(|e| panic!("session JSON: {e}: {session}"));
    for field in ["sessionId", "streamUrl", "tokenValue"] {
        assert!(
            session[field].as_str().is_some_and(|v| !v.is_empty()),
            "{field} in {session}"
        );
    }

    // The same view, still usable: quit cleanly.
    pty.send("q");
    assert!(pty.expect_exit().success());
    pty.assert_restored();

    // The session is on record in the audit log: attempt, then outcome.
    let audit =
        std::fs::read_to_string(pty.log_path().with_file_name("audit.jsonl")).unwrap_or_default();
    let entries: Vec<serde_json::Value> = audit
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|e: &serde_json::Value| e["action"] == "exec")
        .collect();
    assert_eq!(entries.len(), 2, "{audit}");
    assert_eq!(entries[0]["phase"], "attempt");
    assert_eq!(entries[0]["parameters"]["command"], "/bin/sh");
    assert!(
        entries[1]["outcome"]
            .as_str()
            .is_some_and(|o| o.starts_with("accepted")),
        "{audit}"
    );

    // The command is remembered for the service across restarts.
    let remembered = pty.log_path().with_file_name("exec-commands.json");
    let text = std::fs::read_to_string(&remembered).unwrap_or_default();
    assert!(
        text.contains(r#""omni-web": "/bin/sh""#),
        "{}: {text}",
        remembered.display()
    );
}

#[test]
fn a_session_that_fails_at_once_keeps_its_output_until_enter() {
    let stand_in = StandIn::new();
    let mut pty = opsdeck("omni-web", stand_in.env("fail"));
    open_exec_dialog(&mut pty, "omni-web");
    pty.send_key(Key::Enter);
    pty.expect_all(&[
        "TargetNotConnectedException",
        "Press Enter to return to opsdeck.",
    ]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        pty.screen_text().contains("TargetNotConnectedException"),
        "{}",
        pty.diagnostic("the plugin's output stays until Enter")
    );
    pty.send_key(Key::Enter);
    pty.expect_all(&["omni-web › tasks", "ECS Exec session ended after"]);
    pty.send("q");
    assert!(pty.expect_exit().success());
    pty.assert_restored();
}

#[test]
fn a_missing_plugin_is_explained_in_the_dialog() {
    let empty = TempDir::new();
    let env = vec![(
        "PATH".to_string(),
        format!("{}:/usr/bin:/bin", empty.path().display()),
    )];
    let mut pty = opsdeck("omni-web", env);
    open_exec_dialog(&mut pty, "omni-web");
    pty.send_key(Key::Enter);
    pty.expect("session-manager-plugin was not found on PATH");
    // Esc closes the dialog and nothing else changed.
    pty.send_key(Key::Esc);
    pty.expect_gone("ECS Exec");
    pty.expect("omni-web › tasks");
    pty.send("q");
    assert!(pty.expect_exit().success());
}

#[test]
fn a_service_without_exec_says_how_to_enable_it() {
    let stand_in = StandIn::new();
    let mut pty = opsdeck("omni-searcher", stand_in.env("shell"));
    open_exec_dialog(&mut pty, "omni-searcher");
    pty.expect_all(&[
        "ECS Exec is not enabled on task",
        "--enable-execute-command)",
    ]);
    pty.send_key(Key::Esc);
    pty.expect_gone("ECS Exec");
    pty.send("q");
    assert!(pty.expect_exit().success());
    assert!(
        stand_in.read("argv").is_empty(),
        "the plugin must not have run"
    );
}

// ---------------------------------------------------------------------------------------
// Port forwarding: ministack has no SSM sessions, so a stand-in SSM endpoint on loopback
// (AWS_ENDPOINT_URL_SSM) answers StartSession and records the requests.

struct StandInSsm {
    url: String,
    bodies: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl StandInSsm {
    fn start() -> StandInSsm {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap_or_else(|e| panic!("bind stand-in SSM: {e}"));
        let url = format!(
            "http://{}",
            listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
        );
        let bodies = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = bodies.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream);
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    continue;
                }
                if let Ok(mut all) = seen.lock() {
                    all.push(String::from_utf8_lossy(&body).to_string());
                }
                let answer = r#"{"SessionId":"s-0123456789abcdef0","StreamUrl":"wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/s-0123456789abcdef0","TokenValue":"tok-pf"}"#;
                let mut stream = reader.into_inner();
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        StandInSsm { url, bodies }
    }

    fn requests(&self) -> Vec<serde_json::Value> {
        self.bodies
            .lock()
            .map(|b| {
                b.iter()
                    .filter_map(|s| serde_json::from_str(s).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("free port: {e}"))
}

fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    unsafe { libc::kill(pid, 0) == 0 }
}

fn wait_dead(pid: i32, what: &str) {
    let until = Instant::now() + Duration::from_secs(10);
    while alive(pid) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50));
    }
    // A zombie still answers kill(0); its parent (opsdeck) reaps it, or it is gone with it.
    let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let zombie = state.split_whitespace().nth(2) == Some("Z");
    assert!(!alive(pid) || zombie, "{what}: plugin {pid} still runs");
}

fn plugin_pids(stand_in: &StandIn, at_least: usize) -> Vec<i32> {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let pids: Vec<i32> = stand_in
            .read("pids")
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        if pids.len() >= at_least || Instant::now() > until {
            return pids;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn port_forwarding_to_the_database_runs_in_the_background_and_closes() {
    let stand_in = StandIn::new();
    let ssm = StandInSsm::start();
    let mut env = stand_in.env("forward");
    env.push(("AWS_ENDPOINT_URL_SSM".into(), ssm.url.clone()));
    let mut pty = opsdeck("omni-web", env);
    pty.expect("deployments");
    pty.send("t");
    pty.expect("omni-web › tasks");
    pty.expect("RUNNING");

    // To the database, through the task.
    pty.send("p");
    pty.expect_all(&["Port forwarding", "a port of this task", "RDS "]);
    pty.send_key(Key::Tab);
    pty.send_key(Key::Tab);
    pty.send_key(Key::Down);
    pty.send_key(Key::Tab);
    pty.send_key(Key::Tab);
    let local = free_port();
    for _ in 0..6 {
        pty.send_key(Key::Backspace);
    }
    pty.send(&local.to_string());
    pty.send_key(Key::Enter);
    pty.expect(&format!("tunnel open: 127.0.0.1:{local}"));
    let first = plugin_pids(&stand_in, 1)[0];
    assert!(alive(first));

    let requests = ssm.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    let start = &requests[0];
    assert!(
        start["Target"]
            .as_str()
            .is_some_and(|t| t.starts_with("ecs:omni-acme-cluster_")),
        "{start}"
    );
    assert_eq!(
        start["DocumentName"],
        "AWS-StartPortForwardingSessionToRemoteHost"
    );
    assert_eq!(start["Parameters"]["portNumber"][0], "5432");
    assert_eq!(start["Parameters"]["localPortNumber"][0], local.to_string());
    assert!(start["Parameters"]["host"][0]
        .as_str()
        .is_some_and(|h| !h.is_empty()));
    let argv = stand_in.read("argv");
    let args: Vec<&str> = argv
        .lines()
        .filter_map(|l| l.strip_prefix("arg="))
        .collect();
    assert_eq!(args[2], "StartSession");
    let params: serde_json::Value = serde_json::from_str(args[4]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        params["DocumentName"],
        "AWS-StartPortForwardingSessionToRemoteHost"
    );
    assert_eq!(params["Target"], start["Target"]);

    // The tunnels list; x closes it and the plugin goes.
    pty.send("P");
    pty.expect_all(&[
        "port-forwarding tunnels (1 open)",
        &format!("127.0.0.1:{local}"),
    ]);
    pty.send("x");
    pty.expect("closed");
    wait_dead(first, "after x");

    // A second tunnel (a port of the task) is closed when opsdeck quits.
    pty.send_key(Key::Esc);
    pty.expect("omni-web › tasks");
    pty.send("p");
    pty.expect("Port forwarding");
    let second_port = free_port();
    pty.send("8080");
    pty.send_key(Key::Tab);
    pty.send(&second_port.to_string());
    pty.send_key(Key::Enter);
    pty.expect(&format!("tunnel open: 127.0.0.1:{second_port}"));
    let second = plugin_pids(&stand_in, 2)[1];
    assert!(alive(second));
    pty.send("q");
    assert!(pty.expect_exit().success());
    pty.assert_restored();
    wait_dead(second, "after quitting opsdeck");
}
