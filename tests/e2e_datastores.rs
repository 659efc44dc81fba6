//! End-to-end: the databases and caches panes of the real binary in a pseudo-terminal,
//! against the seeded emulator (`OPSDECK_EMULATOR_URL`, demo world with its alarms).

mod common;

use common::pty::{Key, Options, Pty, TIMEOUT};

fn opsdeck(extra: &[&str]) -> Pty {
    let url = common::required_env("OPSDECK_EMULATOR_URL");
    let mut args = vec!["--endpoint-url", url.as_str(), "--region", "us-east-1"];
    args.extend_from_slice(extra);
    Pty::spawn_with(&args, Options::default())
}

/// A row whose trend cell has a value: bars then a percentage.
fn has_cpu(screen: &str, row: &str) -> bool {
    screen
        .lines()
        .find(|l| l.contains(row))
        .is_some_and(|l| l.contains('%') && l.chars().any(|c| ('▁'..='█').contains(&c)))
}

#[test]
fn d_shows_the_demo_databases_with_cpu_and_the_alarm_then_its_detail() {
    let mut pty = opsdeck(&[]);
    pty.expect("omni-acme-cluster");
    pty.send("D");
    let screen = pty
        .wait_until("databases with trends and the alarm mark", TIMEOUT, |s| {
            s.contains("farsight-db") && s.contains("! omni-acme-db") && has_cpu(s, "farsight-db")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(screen.contains("omen-production-aurora"), "{screen}");
    // The demo's omni-acme-db is the last row by identifier.
    pty.send("G");
    pty.send_key(Key::Enter);
    let detail = pty.expect_all(&[
        "instance omni-acme-db",
        "! ALARM omni-acme-db-disk-queue-high",
        "free storage",
        "restarted",
    ]);
    assert!(detail.contains("write latency"), "{detail}");
    pty.send("q");
    assert!(pty.expect_exit().success());
    pty.assert_restored();
}

#[test]
fn e_and_tab_show_the_demo_caches_and_the_replication_group_detail() {
    let mut pty = opsdeck(&[]);
    pty.expect("omni-acme-cluster");
    pty.send("D");
    pty.expect("farsight-db");
    pty.send_key(Key::Tab);
    let screen = pty
        .wait_until("caches with trends", TIMEOUT, |s| {
            s.contains("! omni-acme-redis")
                && s.contains("omen-sessions")
                && has_cpu(s, "omen-sessions")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(screen.contains("omni-acme-redis-0001-002"), "{screen}");
    // omni-acme-redis (the group) is the third row: farsight-cache, omen-sessions, omni-acme-redis.
    pty.send("jj");
    pty.send_key(Key::Enter);
    pty.expect_all(&[
        "replication group omni-acme-redis",
        "worst of 2 members",
        "! ALARM omni-acme-redis-swap-high",
        "engine cpu",
    ]);
    pty.send_key(Key::Esc);
    pty.expect("caches (5)");
    pty.send("q");
    assert!(pty.expect_exit().success());
}

#[test]
fn services_show_cpu_trends_and_the_firing_alarm_and_the_detail_names_it() {
    let mut pty = opsdeck(&["--cluster", "omni-acme-cluster"]);
    let screen = pty
        .wait_until("services with CPU and the alarm mark", TIMEOUT, |s| {
            s.contains("! omni-searcher") && has_cpu(s, "omni-web")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !screen.contains("! omni-web"),
        "omni-web's alarm is OK: {screen}"
    );
    // omni-searcher is the third row by name: omni-ai, omni-indexer, omni-searcher.
    pty.send("jj");
    pty.send_key(Key::Enter);
    pty.expect_all(&[
        "service omni-searcher",
        "cpu and memory, last hour",
        "! omni-searcher-running-tasks-low",
    ]);
    pty.send("q");
    assert!(pty.expect_exit().success());
}
