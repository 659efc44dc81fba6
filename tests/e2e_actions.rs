//! End-to-end: service actions typed into the real `opsdeck` binary in a pseudo-terminal,
//! against the emulator. Each test seeds its own account (so the shared demo world is left
//! alone for the other tests) with a service named like the demo's, makes the change with
//! the keyboard, and watches the rollout panel until AWS says it is done.
//!
//! The emulator completes deployments at once, so these panels end COMPLETED within a
//! refresh or two; IN_PROGRESS and FAILED panels are covered by update and snapshot tests.

mod common;

use std::path::Path;

use common::emulator::{self, eventually};
use common::pty::{Key, Options, Pty};

const CLUSTER: &str = "omni-acme-cluster";
const SERVICE: &str = "omni-web";

/// A fresh account with `omni-web` in `omni-acme-cluster`, on the last of `tags`' revisions.
/// Returns the account and the revisions' ARNs.
async fn seed(tags: &[&str], desired: i32) -> (String, Vec<String>, aws_sdk_ecs::Client) {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    emulator::create_cluster(&sdk, CLUSTER).await;
    let mut revisions = Vec::new();
    for tag in tags {
        revisions.push(emulator::register_task_definition(&sdk, SERVICE, tag).await);
    }
    let last = revisions.last().cloned().unwrap_or_default();
    emulator::create_service(&sdk, CLUSTER, SERVICE, &last, desired).await;
    let clients = emulator::clients(&url, &account);
    eventually("the seeded service running", || async {
        let s = opsdeck::aws::ecs::service(&clients, CLUSTER, SERVICE)
            .await
            .ok()?;
        (s.running == desired).then_some(())
    })
    .await;
    (account, revisions, sdk)
}

/// opsdeck on the service's detail, as `account`, with its state (audit log) in `state_dir`.
fn opsdeck(account: &str, state_dir: &Path, extra: &[&str], rows: u16, cols: u16) -> Pty {
    let url = emulator::url();
    let mut args = vec![
        "--endpoint-url",
        &url,
        "--region",
        "us-east-1",
        "--cluster",
        CLUSTER,
        "--service",
        SERVICE,
    ];
    args.extend_from_slice(extra);
    let mut opts = Options::size(rows, cols);
    opts.env = vec![
        ("AWS_ACCESS_KEY_ID".into(), account.into()),
        (
            "XDG_STATE_HOME".into(),
            state_dir.to_string_lossy().into_owned(),
        ),
    ];
    Pty::spawn_with(&args, opts)
}

/// `opsdeck audit` with the same state directory.
fn audit(state_dir: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_opsdeck"))
        .arg("audit")
        .env_clear()
        .env("XDG_STATE_HOME", state_dir)
        .output()
        .unwrap_or_else(|e| panic!("running opsdeck audit: {e}"));
    assert!(out.status.success(), "opsdeck audit: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn scale_omni_web_from_2_to_3_and_see_running_reach_3() {
    let (account, _, sdk) = seed(&["1.27"], 2).await;
    let state_dir = emulator::empty_dir("e2e-scale");
    let mut pty = opsdeck(&account, &state_dir, &[], 24, 80);
    pty.expect("desired/running/pending 2/2/0");

    pty.send("a");
    pty.expect_all(&["force new deployment", "scale", "roll back"]);
    pty.send("s");
    pty.expect_all(&[
        "new desired count",
        &format!("account   {account}"),
        "region us-east-1",
        "cluster   omni-acme-cluster",
        "service   omni-web",
    ]);
    pty.send("3");
    pty.send_key(Key::Enter);
    pty.expect("change    desired 2 → 3");
    // Nothing is sent before the second enter.
    let desired = sdk
        .describe_services()
        .cluster(CLUSTER)
        .services(SERVICE)
        .send()
        .await
        .ok()
        .and_then(|r| r.services().first().map(|s| s.desired_count()));
    assert_eq!(
        desired,
        Some(2),
        "{}",
        pty.diagnostic("scaled before confirming")
    );
    pty.send_key(Key::Enter);

    let screen = pty.expect_all(&[
        "rollout: desired 2 → 3",
        "COMPLETED in",
        "desired/running/pending 3/3/0",
    ]);
    assert!(
        !screen.contains("new desired count"),
        "the dialog closed:\n{screen}"
    );

    let log = audit(&state_dir);
    assert!(
        log.contains("scale  omni-acme-cluster/omni-web  desired 2 → 3  accepted  request "),
        "opsdeck audit printed:\n{log}"
    );
    assert!(log.contains(&format!("{account}/us-east-1")), "{log}");
    pty.send("q");
    pty.expect_exit();
    pty.assert_restored();
}

#[tokio::test(flavor = "multi_thread")]
async fn roll_back_and_see_the_rollout_panel_reach_completed() {
    let (account, revisions, sdk) = seed(&["1.27", "1.28"], 1).await;
    let state_dir = emulator::empty_dir("e2e-rollback");
    let mut pty = opsdeck(&account, &state_dir, &[], 40, 120);
    pty.expect("task definition omni-web:2");

    pty.send("a");
    pty.expect("roll back");
    pty.send("b");
    // The default target is the newest older ACTIVE revision, with what changes.
    pty.expect_all(&[
        "omni-web:2 → omni-web:1",
        "image :1.28 → :1.27",
        "type the service name",
    ]);
    pty.send("omni-web");
    pty.send_key(Key::Tab);
    pty.expect("[x] deregister omni-web:2 after the rollout completes");
    pty.send_key(Key::Enter);

    pty.expect_all(&["rollout: omni-web:2 → omni-web:1", "COMPLETED in"]);
    pty.expect("deregistered omni-web:2");
    pty.expect("task definition omni-web:1");

    let service = sdk
        .describe_services()
        .cluster(CLUSTER)
        .services(SERVICE)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        service.services()[0].task_definition(),
        Some(revisions[0].as_str())
    );
    let rev2 = sdk
        .describe_task_definition()
        .task_definition(&revisions[1])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        rev2.task_definition()
            .and_then(|t| t.status())
            .map(|s| s.as_str()),
        Some("INACTIVE")
    );
    let log = audit(&state_dir);
    assert!(
        log.contains("rollback  omni-acme-cluster/omni-web  omni-web:2 → omni-web:1  accepted"),
        "{log}"
    );
    assert!(
        log.contains("deregister_task_definition  omni-web:2  deregister omni-web:2  accepted"),
        "{log}"
    );
    pty.send("q");
    pty.expect_exit();
}

#[tokio::test(flavor = "multi_thread")]
async fn read_only_shows_the_actions_unavailable() {
    let (account, _, sdk) = seed(&["1.27"], 1).await;
    let describe = || async {
        let s = sdk
            .describe_services()
            .cluster(CLUSTER)
            .services(SERVICE)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let s = &s.services()[0];
        let deployments: Vec<String> = s
            .deployments()
            .iter()
            .map(|d| d.id().unwrap_or_default().to_string())
            .collect();
        (
            s.desired_count(),
            s.task_definition().map(str::to_string),
            deployments,
        )
    };
    let before = describe().await;
    let state_dir = emulator::empty_dir("e2e-read-only");
    let mut pty = opsdeck(&account, &state_dir, &["--read-only"], 24, 80);
    pty.expect("desired/running/pending 1/1/0");
    pty.send("a");
    pty.expect("unavailable: read-only session (--read-only)");
    // Every action of the menu, and what would confirm it: all refused.
    for letter in ["f", "s", "b"] {
        pty.send(letter);
        pty.expect("read-only session (--read-only): changes are turned off");
        pty.send("0");
        pty.send_key(Key::Enter);
    }
    pty.send_key(Key::Esc);
    pty.expect_gone("esc cancel");
    pty.send("t");
    pty.expect("RUNNING");
    pty.send("a");
    pty.expect("stop task");
    pty.send("x");
    pty.expect("read-only session (--read-only): changes are turned off");
    pty.send_key(Key::Enter);
    pty.send_key(Key::Esc);
    pty.expect_gone("esc cancel");
    assert_eq!(describe().await, before, "the service is as it was");
    assert!(
        audit(&state_dir).contains("no audit entries"),
        "nothing was attempted"
    );
    pty.send("q");
    pty.expect_exit();
}
