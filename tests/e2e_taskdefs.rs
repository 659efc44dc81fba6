//! End-to-end: the real `opsdeck` binary in a pseudo-terminal against the emulator, in a
//! fresh account seeded through the SDK. `d` on a service opens its family's revisions with
//! the running revision marked; the marker follows a deploy; enter shows a revision, `v` its
//! raw JSON; `d` diffs the selected revision against the one the service runs.

mod common;

use common::emulator;
use common::pty::{Key, Options, Pty, TIMEOUT};

fn has_revision_row(screen: &str, revision: i32, marker: &str) -> bool {
    screen.lines().any(|line| {
        let cells = line.trim_start_matches(['│', ' ']);
        cells.starts_with(&format!("{revision} ")) && cells.contains(marker)
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn revisions_of_a_service_marker_view_raw_json_and_diff() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let ecs = emulator::ecs_client(&url, &account);
    emulator::create_cluster(&ecs, "payments").await;
    let mut arns = Vec::new();
    for tag in ["1.0", "1.1", "1.2"] {
        arns.push(emulator::register_task_definition(&ecs, "payments-app", tag).await);
    }
    emulator::create_service(&ecs, "payments", "payments-api", &arns[1], 1).await;
    emulator::create_service(&ecs, "payments", "payments-worker", &arns[2], 1).await;

    let mut pty = Pty::spawn_with(
        &[
            "--endpoint-url",
            &url,
            "--region",
            "us-east-1",
            "--cluster",
            "payments",
        ],
        Options {
            env: vec![("AWS_ACCESS_KEY_ID".into(), account.clone())],
            ..Options::size(48, 160)
        },
    );
    pty.expect_all(&["payments-api", "payments-worker"]);
    // Sorted by name: payments-api is selected first.
    pty.send("d");
    let screen = pty
        .wait_until("revision 2 marked as run by payments-api", TIMEOUT, |s| {
            s.contains("revisions of payments-app") && has_revision_row(s, 2, "● payments-api")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        has_revision_row(&screen, 3, "● payments-worker"),
        "{}",
        pty.diagnostic("revision 3 should be marked for payments-worker")
    );
    assert!(
        has_revision_row(&screen, 1, "app:1.0"),
        "{}",
        pty.diagnostic("revision 1 described with its image tag")
    );

    // Selected: revision 2 (the service's). Up to 3, diff against the running revision.
    pty.send("k");
    pty.send("d");
    pty.expect_all(&[
        "diff payments-app:2 → payments-app:3",
        "app: image :1.1 → :1.2",
        "+      \"image\": \"public.ecr.aws/nginx/nginx:1.2\",",
    ]);
    pty.send_key(Key::Esc);
    pty.expect("revisions of payments-app");
    pty.send_key(Key::Enter);
    pty.expect_all(&[
        "payments-app:3 · readable",
        "▸ app essential",
        "image      nginx/nginx:1.2  from public.ecr.aws",
        "▸ log-router not essential",
        "network awsvpc",
    ]);
    pty.send("v");
    pty.expect_all(&["payments-app:3 · raw JSON", "\"containerDefinitions\": ["]);
    pty.send("y");
    pty.expect(&format!(
        "copied arn:aws:ecs:us-east-1:{account}:task-definition/payments-app:3"
    ));
    pty.send_key(Key::Esc);
    pty.expect("revisions of payments-app");

    // A deploy behind opsdeck's back: the marker follows on refresh.
    ecs.update_service()
        .cluster("payments")
        .service("payments-api")
        .task_definition(&arns[2])
        .send()
        .await
        .unwrap_or_else(|e| panic!("UpdateService: {e:?}"));
    pty.send("r");
    pty.wait_until("revision 3 run by both services", TIMEOUT, |s| {
        has_revision_row(s, 3, "● payments-api, payments-worker") && !has_revision_row(s, 2, "●")
    })
    .unwrap_or_else(|e| panic!("{e}"));

    pty.send("q");
    let status = pty.expect_exit();
    assert!(status.success(), "{status:?}");
    pty.assert_restored();
}
