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
