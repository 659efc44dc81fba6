//! End-to-end: the CloudFormation pane in the real binary, in a pseudo-terminal, against the
//! seeded emulator (`OPSDECK_EMULATOR_URL`): `S` lists the stacks, Enter shows the failed and
//! rolled-back update of omni-acme-infra with its failure reason, `c` on a service opens the
//! stack that owns it and `T` its deploy timeline.

mod common;

use common::pty::{Key, Options, Pty, TIMEOUT};

fn opsdeck(extra: &[&str], rows: u16, cols: u16) -> Pty {
    let url = common::required_env("OPSDECK_EMULATOR_URL");
    let mut args = vec!["--endpoint-url", url.as_str(), "--region", "us-east-1"];
    args.extend_from_slice(extra);
    Pty::spawn_with(&args, Options::size(rows, cols))
}

fn quit(pty: &mut Pty) {
    pty.send("q");
    let status = pty.expect_exit();
    assert!(
        status.success(),
        "{}",
        pty.diagnostic("q should exit cleanly")
    );
    pty.assert_restored();
}

#[test]
fn stacks_list_and_the_rolled_back_update_with_its_reason() {
    let mut pty = opsdeck(&[], 40, 160);
    pty.expect("clusters (3)");
    pty.send("S");
    pty.expect_all(&[
        "omni-acme-infra",
        "UPDATE_ROLLBACK_COMPLETE",
        "opsdeck-customer-bootstrap",
    ]);
    pty.send("/");
    pty.send("omni-acme");
    pty.expect("matching 'omni-acme'");
    pty.send_key(Key::Enter);
    pty.send_key(Key::Enter);
    let screen = pty.expect_all(&[
        "stack omni-acme-infra",
        "AuditLogStream",
        "The specified log group does not exist: /omni-acme/audit",
    ]);
    assert!(screen.contains("UPDATE_FAILED"), "{screen}");
    // Only the latest operation: the earlier successful update's events go.
    pty.send("u");
    pty.expect("[current operation]");
    pty.expect("events (14)");
    quit(&mut pty);
}

#[test]
fn from_a_service_to_its_stack_and_deploy_timeline() {
    let mut pty = opsdeck(
        &["--cluster", "omni-acme-cluster", "--service", "omni-web"],
        24,
        80,
    );
    pty.expect("service omni-web");
    pty.send("c");
    pty.expect_all(&["stack omni-acme-infra", "UPDATE_ROLLBACK_COMPLETE"]);
    pty.send_key(Key::Esc);
    pty.expect("service omni-web");
    pty.send("T");
    pty.expect_all(&["deploy timeline of omni-web", "stack omni-acme-infra"]);
    // Near the bottom (the oldest entries): the current deployment starting, the window's
    // start; only tasks of that same second sort after it.
    pty.send("G");
    pty.send(&"k".repeat(20));
    pty.wait_until("the deployment's start at the bottom", TIMEOUT, |s| {
        s.lines().any(|l| {
            l.contains("deploy ") && l.contains("deployment ecs-svc/") && l.contains("started")
        })
    })
    .unwrap_or_else(|e| panic!("{e}"));
    quit(&mut pty);
}
