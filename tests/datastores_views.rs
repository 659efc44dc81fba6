//! Databases, caches and their detail, and the services' CPU/memory: update tests (what is
//! fetched, when, and in how many requests) and screens at 80x24 and 160x48 with colour
//! checks. The data is shaped like AWS's documented responses, including what the emulator
//! cannot produce (failed and modifying databases, long endpoints, pending maintenance,
//! missing minutes).

use crossterm::event::KeyCode;
use opsdeck::action::{Action, Loaded};
use opsdeck::effect::{Effect, Request};
use opsdeck::model::metrics::{Points, ECS_MEMORY, RDS_METRICS};
use opsdeck::model::{
    Alarm, Cache, CacheKind, CacheNode, Database, DatastoreDetail, DatastoreItem, DbKind, Endpoint,
    Maintenance, MetricQuery, MetricsReport, SourceEvent,
};
use opsdeck::state::{State, View};
use opsdeck::update::{open_initial_views, update};
use ratatui::style::Color;

mod common;
use common::screen::*;

const LONG_ENDPOINT: &str =
    "orders-production-primary-database.c9akciq32xyz.eu-central-1.rds.amazonaws.com";

fn db(id: &str, status: &str, kind: DbKind) -> Database {
    Database {
        kind,
        id: id.into(),
        arn: format!("arn:aws:rds:us-east-1:{ACCOUNT}:db:{id}"),
        status: status.into(),
        engine: if kind == DbKind::Cluster {
            "aurora-postgresql".into()
        } else {
            "postgres".into()
        },
        engine_version: "16.4".into(),
        class: "db.r6g.large".into(),
        multi_az: true,
        zones: vec!["us-east-1a".into(), "us-east-1b".into()],
        storage_gb: (kind == DbKind::Instance).then_some(200),
        storage_type: "gp3".into(),
        endpoint: Some(Endpoint {
            address: format!("{id}.c9akciq32xyz.us-east-1.rds.amazonaws.com"),
            port: Some(5432),
        }),
        reader_endpoint: None,
        parameter_group: "default.postgres16".into(),
        parameter_status: "in-sync".into(),
        pending: Vec::new(),
        backup_window: "03:00-03:30".into(),
        latest_restorable: ago(240),
        cluster: None,
        members: Vec::new(),
    }
}

/// One of each status colour group, a pending reboot, a cluster, and a long endpoint.
fn databases() -> Vec<Database> {
    let mut orders = db("orders-db", "available", DbKind::Instance);
    orders.endpoint = Some(Endpoint {
        address: LONG_ENDPOINT.into(),
        port: Some(5432),
    });
    orders.parameter_status = "pending-reboot".into();
    orders.pending = vec!["class → db.r6g.2xlarge".into()];
    let mut epr = db("epr-aurora", "available", DbKind::Cluster);
    epr.class = String::new();
    epr.members = vec![
        "epr-aurora-1 (writer)".into(),
        "epr-aurora-2 (reader)".into(),
    ];
    epr.reader_endpoint =
        Some("epr-aurora.cluster-ro-c9akciq32xyz.us-east-1.rds.amazonaws.com".into());
    vec![
        orders,
        db("billing-db", "modifying", DbKind::Instance),
        db("ledger-db", "storage-full", DbKind::Instance),
        db("legacy-db", "incompatible-parameters", DbKind::Instance),
        db("reports-db", "backing-up", DbKind::Instance),
        epr,
    ]
}

fn cache_cluster(id: &str, status: &str, group: Option<&str>) -> Cache {
    Cache {
        kind: CacheKind::CacheCluster,
        id: id.into(),
        arn: format!("arn:aws:elasticache:us-east-1:{ACCOUNT}:cluster:{id}"),
        status: status.into(),
        engine: "redis".into(),
        engine_version: "7.1".into(),
        node_type: "cache.r6g.large".into(),
        cluster_mode: String::new(),
        primary_endpoint: None,
        reader_endpoint: None,
        members: Vec::new(),
        automatic_failover: String::new(),
        multi_az: String::new(),
        nodes: vec![CacheNode {
            id: "0001".into(),
            status: status.into(),
            endpoint: Some(Endpoint {
                address: format!("{id}.x1y2z3.0001.use1.cache.amazonaws.com"),
                port: Some(6379),
            }),
        }],
        num_nodes: Some(1),
        replication_group: group.map(str::to_string),
    }
}

fn caches() -> Vec<Cache> {
    let group = Cache {
        kind: CacheKind::ReplicationGroup,
        id: "sessions".into(),
        arn: format!("arn:aws:elasticache:us-east-1:{ACCOUNT}:replicationgroup:sessions"),
        status: "available".into(),
        engine: "redis".into(),
        engine_version: "7.1".into(),
        node_type: "cache.r6g.large".into(),
        cluster_mode: "disabled".into(),
        primary_endpoint: Some(Endpoint {
            address: "master.sessions-production-eu.x1y2z3.euc1.cache.amazonaws.com".into(),
            port: Some(6379),
        }),
        reader_endpoint: Some(Endpoint {
            address: "replica.sessions-production-eu.x1y2z3.euc1.cache.amazonaws.com".into(),
            port: Some(6379),
        }),
        members: vec!["sessions-001".into(), "sessions-002".into()],
        automatic_failover: "enabled".into(),
        multi_az: "enabled".into(),
        nodes: Vec::new(),
        num_nodes: Some(2),
        replication_group: None,
    };
    vec![
        group,
        cache_cluster("sessions-001", "available", Some("sessions")),
        cache_cluster("sessions-002", "modifying", Some("sessions")),
        cache_cluster("ratelimit", "create-failed", None),
    ]
}

/// A realistic hour: a baseline with a bump, the newest two minutes not yet published,
/// and a hole of three minutes in the middle.
fn hour(base: f64, bump: f64) -> Points {
    (0..60)
        .map(|i| match i {
            58 | 59 | 30..=32 => None,
            40..=44 => Some(base + bump),
            _ => Some(base + (i % 7) as f64 * base * 0.03),
        })
        .collect()
}

fn report(queries: &[MetricQuery], alarms: Vec<Alarm>) -> MetricsReport {
    let series = queries
        .iter()
        .map(|q| {
            let points = match q.name.as_str() {
                // Missing data: a series CloudWatch has nothing for.
                _ if q
                    .dimensions
                    .iter()
                    .any(|(_, v)| v == "reports-db" || v == "sessions-002")
                    && q.name != "ReplicationLag" =>
                {
                    vec![None; 60]
                }
                "CPUUtilization" | "EngineCPUUtilization" => hour(22.0, 55.0),
                "FreeStorageSpace" => hour(118.0e9, -30.0e9),
                "FreeableMemory" => hour(5.6e9, -2.0e9),
                "DatabaseConnections" | "CurrConnections" => hour(46.0, 150.0),
                "ReadLatency" | "WriteLatency" => hour(0.0012, 0.04),
                "DatabaseMemoryUsagePercentage" => hour(41.0, 3.0),
                "MemoryUtilization" => hour(61.0, 7.0),
                "ReplicationLag" => hour(0.02, 0.8),
                _ => vec![None; 60],
            };
            (q.clone(), points)
        })
        .collect();
    MetricsReport { series, alarms }
}

fn alarm(name: &str, dimension: &str, value: &str) -> Alarm {
    Alarm {
        name: name.into(),
        reason: "Threshold Crossed: 3 out of the last 3 datapoints [14.2 (23/11/26 16:02:00), 12.8 (23/11/26 16:01:00), 11.0 (23/11/26 16:00:00)] were greater than the threshold (10.0).".into(),
        namespace: "AWS/RDS".into(),
        metric: "DiskQueueDepth".into(),
        dimensions: vec![(dimension.into(), value.into())],
    }
}

fn press(state: &mut State, c: char) -> Vec<Effect> {
    key(state, KeyCode::Char(c))
}

/// The one metrics request among effects: its id and queries.
fn metrics_fetch(fx: &[Effect]) -> Option<(u64, Vec<MetricQuery>)> {
    let found: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch {
                id,
                request: Request::Metrics { queries, .. },
            } => Some((*id, queries.clone())),
            _ => None,
        })
        .collect();
    assert!(found.len() <= 1, "one metrics request per view: {fx:?}");
    found.into_iter().next()
}

fn loaded(state: &mut State, id: u64, l: Loaded) -> Vec<Effect> {
    update(state, Action::Loaded(id, Box::new(l)), t0())
}

fn with_metrics(state: &mut State, fx: &[Effect], alarms: Vec<Alarm>) {
    let (id, queries) = metrics_fetch(fx).unwrap_or_else(|| panic!("no metrics fetch in {fx:?}"));
    loaded(state, id, Loaded::Metrics(Ok(report(&queries, alarms))));
}

fn databases_state(alarms: Vec<Alarm>) -> State {
    let mut s = state(false);
    open_initial_views(&mut s, None, None);
    let fx = press(&mut s, 'D');
    let fx = loaded(&mut s, first_fetch(&fx), Loaded::Databases(Ok(databases())));
    with_metrics(&mut s, &fx, alarms);
    s
}

fn caches_state(alarms: Vec<Alarm>) -> State {
    let mut s = state(false);
    open_initial_views(&mut s, None, None);
    let fx = press(&mut s, 'E');
    let fx = loaded(&mut s, first_fetch(&fx), Loaded::Caches(Ok(caches())));
    with_metrics(&mut s, &fx, alarms);
    s
}

fn events() -> Vec<SourceEvent> {
    [
        (120, "Multi-AZ instance failover completed"),
        (180, "DB instance restarted"),
        (200, "Multi-AZ instance failover started"),
        (
            86_400,
            "Finished applying modification to DB instance class",
        ),
        (90_000, "Applying modification to database instance class"),
    ]
    .iter()
    .map(|(secs, m)| SourceEvent {
        at: ago(*secs),
        source: "orders-db".into(),
        message: m.to_string(),
    })
    .collect()
}

fn database_detail_state(alarmed: bool) -> State {
    let alarms = || {
        if alarmed {
            vec![alarm(
                "orders-db-disk-queue-high",
                "DBInstanceIdentifier",
                "orders-db",
            )]
        } else {
            Vec::new()
        }
    };
    let mut s = databases_state(alarms());
    // orders-db is the 5th row by identifier: billing, epr, ledger, legacy, orders.
    for _ in 0..4 {
        press(&mut s, 'j');
    }
    let fx = key(&mut s, KeyCode::Enter);
    assert!(
        fx.iter().any(|e| matches!(
            e,
            Effect::Fetch {
                request: Request::Datastore { .. },
                ..
            }
        )),
        "{fx:?}"
    );
    let orders = databases().remove(0);
    let detail = DatastoreDetail {
        item: DatastoreItem::Database(orders),
        events: Ok(events()),
        maintenance: Ok(vec![Maintenance {
            action: "system-update".into(),
            description: "New Operating System update is available".into(),
            apply_after: None,
            opt_in: "next-maintenance".into(),
        }]),
    };
    let fx = loaded(
        &mut s,
        first_fetch(&fx),
        Loaded::Datastore(Ok(Box::new(detail))),
    );
    with_metrics(&mut s, &fx, alarms());
    s
}

fn cache_detail_state() -> State {
    let mut s = caches_state(Vec::new());
    // sessions is the 2nd row by id: ratelimit, sessions.
    press(&mut s, 'j');
    let fx = key(&mut s, KeyCode::Enter);
    let group = caches().remove(0);
    let detail = DatastoreDetail {
        item: DatastoreItem::Cache(group),
        events: Ok(vec![SourceEvent {
            at: ago(600),
            source: "sessions".into(),
            message: "Failover to replica node sessions-002-001 completed".into(),
        }]),
        maintenance: Ok(Vec::new()),
    };
    let fx = loaded(
        &mut s,
        first_fetch(&fx),
        Loaded::Datastore(Ok(Box::new(detail))),
    );
    with_metrics(&mut s, &fx, Vec::new());
    s
}

fn both_sizes(name: &str, state: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), text(&render(state, 80, 24)));
    insta::assert_snapshot!(format!("{name}_160x48"), text(&render(state, 160, 48)));
}

// ----------------------------------------------------------------------------------------
// update

#[test]
fn d_and_e_open_databases_and_caches_and_tab_switches_between_them() {
    let mut s = state(false);
    open_initial_views(&mut s, None, None);
    let fx = press(&mut s, 'D');
    assert!(matches!(s.view(), Some(View::Databases(_))));
    assert!(fx.contains(&Effect::Fetch {
        id: first_fetch(&fx),
        request: Request::Databases
    }));
    let fx = key(&mut s, KeyCode::Tab);
    assert!(matches!(s.view(), Some(View::Caches(_))));
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Cancel(_))),
        "the databases load stops: {fx:?}"
    );
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Fetch {
            request: Request::Caches,
            ..
        }
    )));
    assert_eq!(
        s.views.len(),
        2,
        "tab replaces, so esc goes back to where D was pressed"
    );
    key(&mut s, KeyCode::Esc);
    assert!(matches!(s.view(), Some(View::Clusters(_))));
}

#[test]
fn a_views_series_are_asked_for_in_one_request_once_its_rows_are_in() {
    let mut s = state(false);
    open_initial_views(&mut s, None, None);
    let fx = press(&mut s, 'D');
    assert!(
        metrics_fetch(&fx).is_none(),
        "no rows yet, nothing to ask for"
    );
    let fx = loaded(&mut s, first_fetch(&fx), Loaded::Databases(Ok(databases())));
    let (_, queries) = metrics_fetch(&fx).unwrap_or_else(|| panic!("{fx:?}"));
    // CPU and free storage of 5 instances and 2 cluster members, once each.
    assert_eq!(queries.len(), 14, "{queries:?}");
    let cpu = RDS_METRICS[0].query(&[("DBInstanceIdentifier", "epr-aurora-2")]);
    assert!(queries.contains(&cpu));
}

#[test]
fn trends_refresh_every_minute_not_with_every_list_refresh() {
    let mut s = databases_state(Vec::new());
    let at = |secs| t0() + chrono::TimeDelta::seconds(secs);
    // The list refreshes (every 5 s here); the trends wait for their minute.
    let fx = update(&mut s, Action::Tick, at(6));
    let list = first_fetch(&fx);
    let fx = update(
        &mut s,
        Action::Loaded(list, Box::new(Loaded::Databases(Ok(databases())))),
        at(7),
    );
    assert!(metrics_fetch(&fx).is_none(), "{fx:?}");
    let fx = update(&mut s, Action::Tick, at(61));
    assert!(metrics_fetch(&fx).is_some(), "a minute later: {fx:?}");
}

#[test]
fn new_rows_ask_for_their_series_at_once_and_stale_trends_are_dropped() {
    let mut s = state(false);
    open_initial_views(&mut s, None, None);
    let fx = press(&mut s, 'D');
    let mut few = databases();
    few.truncate(1);
    let fx = loaded(&mut s, first_fetch(&fx), Loaded::Databases(Ok(few)));
    let (old, _) = metrics_fetch(&fx).unwrap_or_else(|| panic!("{fx:?}"));
    // Leaving the view cancels the trends request; its late answer changes nothing.
    let fx = key(&mut s, KeyCode::Esc);
    assert!(fx.contains(&Effect::Cancel(old)), "{fx:?}");
    loaded(&mut s, old, Loaded::Metrics(Ok(report(&[], Vec::new()))));
    assert!(matches!(s.view(), Some(View::Clusters(_))));
}

#[test]
fn the_services_view_asks_for_cpu_and_memory_of_every_service_in_one_request() {
    let mut s = state(false);
    let fx = open_initial_views(&mut s, Some("omni-acme-cluster"), None);
    let id = first_fetch(&fx);
    let svc = |name: &str| {
        let mut one = Vec::new();
        one.push(opsdeck::model::Service {
            arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:service/omni-acme-cluster/{name}"),
            name: name.into(),
            ..Default::default()
        });
        one
    };
    loaded(&mut s, id, Loaded::ServicesBatch(svc("omni-web")));
    loaded(&mut s, id, Loaded::ServicesBatch(svc("omni-searcher")));
    let fx = loaded(&mut s, id, Loaded::ServicesDone(Ok(())));
    let (mid, queries) = metrics_fetch(&fx).unwrap_or_else(|| panic!("{fx:?}"));
    assert_eq!(queries.len(), 4);
    assert!(queries.contains(&ECS_MEMORY.query(&[
        ("ClusterName", "omni-acme-cluster"),
        ("ServiceName", "omni-searcher")
    ])));
    // Both requests belong to the services view: the list's and the trends'.
    let view = s.view().unwrap_or_else(|| panic!("no view"));
    assert!(view.owns(mid));
    loaded(
        &mut s,
        mid,
        Loaded::Metrics(Ok(report(
            &queries,
            vec![Alarm {
                name: "omni-searcher-running-tasks-low".into(),
                reason: "Threshold Crossed".into(),
                namespace: "ECS/ContainerInsights".into(),
                metric: "RunningTaskCount".into(),
                dimensions: vec![
                    ("ClusterName".into(), "omni-acme-cluster".into()),
                    ("ServiceName".into(), "omni-searcher".into()),
                ],
            }],
        ))),
    );
    let screen = text(&render(&s, 80, 24));
    assert!(screen.contains("! omni-searcher"), "{screen}");
    assert!(!screen.contains("! omni-web"), "{screen}");
    assert!(screen.contains("CPU"), "{screen}");
    insta::assert_snapshot!("services_with_trends_80x24", screen);
    insta::assert_snapshot!("services_with_trends_160x48", text(&render(&s, 160, 48)));
}

// ----------------------------------------------------------------------------------------
// screens

#[test]
fn databases_list() {
    let s = databases_state(vec![alarm(
        "ledger-db-free-storage-low",
        "DBInstanceIdentifier",
        "ledger-db",
    )]);
    both_sizes("databases", &s);
    let screen = render(&s, 160, 48);
    assert_eq!(colour_of(&screen, "available"), Some(Color::Green));
    assert_eq!(colour_of(&screen, "modifying"), Some(Color::Yellow));
    assert_eq!(colour_of(&screen, "backing-up"), Some(Color::Yellow));
    assert_eq!(colour_of(&screen, "storage-full"), Some(Color::Red));
    assert_eq!(colour_of(&screen, "incompatible"), Some(Color::Red));
    assert_eq!(colour_of(&screen, "pending-reboot"), Some(Color::Yellow));
    assert_eq!(colour_of(&screen, "! ledger-db"), Some(Color::Red));
    let wide = text(&screen);
    // A long endpoint is cut to its column in the list (the detail shows it whole).
    assert!(wide.contains("orders-production-primary-"), "{wide}");
    // reports-db has no data at all: a dash, not 0%.
    let reports = wide
        .lines()
        .find(|l| l.contains("reports-db"))
        .unwrap_or_else(|| panic!("{wide}"));
    assert!(!reports.contains("0%"), "{reports}");
}

#[test]
fn caches_list() {
    let s = caches_state(vec![alarm(
        "sessions-001-swap",
        "CacheClusterId",
        "sessions-001",
    )]);
    both_sizes("caches", &s);
    let screen = render(&s, 160, 48);
    assert_eq!(colour_of(&screen, "create-failed"), Some(Color::Red));
    assert_eq!(colour_of(&screen, "modifying"), Some(Color::Yellow));
    assert_eq!(
        colour_of(&screen, "! sessions "),
        Some(Color::Red),
        "the group of an alarmed member"
    );
}

#[test]
fn database_detail() {
    let s = database_detail_state(true);
    both_sizes("database_detail", &s);
    let narrow = text(&render(&s, 80, 24));
    // The long endpoint is read whole on 80 columns (it wraps), as are alarm and reason.
    let joined: String = narrow.lines().map(|l| l.trim_matches('│')).collect();
    assert!(
        joined.contains("orders-production-primary-database"),
        "{narrow}"
    );
    assert!(
        narrow.contains("! ALARM orders-db-disk-queue-high"),
        "{narrow}"
    );
    assert!(narrow.contains("free storage"), "{narrow}");
    let screen = render(&s, 80, 24);
    assert_eq!(colour_of(&screen, "! ALARM"), Some(Color::Red));
}

#[test]
fn cache_detail_with_missing_series() {
    let s = cache_detail_state();
    both_sizes("cache_detail", &s);
    let wide = text(&render(&s, 160, 48));
    assert!(wide.contains("worst of 2 members"), "{wide}");
    assert!(wide.contains("master.sessions-production-eu"), "{wide}");
}

#[test]
fn a_database_without_any_metrics_says_no_data() {
    let mut s = databases_state(Vec::new());
    // reports-db is the 5th row by identifier order: billing, epr, ledger, legacy, orders, reports.
    for _ in 0..5 {
        press(&mut s, 'j');
    }
    let fx = key(&mut s, KeyCode::Enter);
    let detail = DatastoreDetail {
        item: DatastoreItem::Database(db("reports-db", "backing-up", DbKind::Instance)),
        events: Ok(Vec::new()),
        maintenance: Ok(Vec::new()),
    };
    let fx = loaded(
        &mut s,
        first_fetch(&fx),
        Loaded::Datastore(Ok(Box::new(detail))),
    );
    with_metrics(&mut s, &fx, Vec::new());
    let screen = text(&render(&s, 80, 24));
    assert!(screen.contains("databases › reports-db"), "{screen}");
    assert_eq!(screen.matches("no data").count(), 6, "{screen}");
    assert!(screen.contains("no events in the last week"), "{screen}");
    insta::assert_snapshot!("database_no_data_80x24", screen);
}

#[test]
fn a_long_endpoint_is_read_whole_in_the_detail_at_80x24() {
    let s = database_detail_state(false);
    let screen = text(&render(&s, 80, 24));
    let joined: String = screen.lines().map(|l| l.trim_matches('│')).collect();
    assert!(
        joined.contains(&format!("{LONG_ENDPOINT}:5432")),
        "{screen}"
    );
    assert!(joined.contains("pending-reboot"), "{screen}");
    insta::assert_snapshot!("database_long_endpoint_80x24", screen);
}

#[test]
fn filtering_and_sorting_ask_for_no_new_series() {
    let mut s = databases_state(Vec::new());
    press(&mut s, '/');
    for c in "orders".chars() {
        press(&mut s, c);
    }
    key(&mut s, KeyCode::Enter);
    press(&mut s, 'o');
    let later = t0() + chrono::TimeDelta::seconds(2);
    let fx = update(&mut s, Action::Tick, later);
    assert!(metrics_fetch(&fx).is_none(), "{fx:?}");
    // The filtered-out rows keep their trends for when the filter is cleared.
    let screen = text(&render(&s, 80, 24));
    assert!(screen.contains("1/6 matching 'orders'"), "{screen}");
}

#[test]
fn a_detail_asks_for_every_metric_of_every_member_in_one_request_and_scrolls_its_events() {
    let mut s = caches_state(Vec::new());
    press(&mut s, 'j');
    let fx = key(&mut s, KeyCode::Enter);
    let detail = DatastoreDetail {
        item: DatastoreItem::Cache(caches().remove(0)),
        events: Ok(events()),
        maintenance: Ok(Vec::new()),
    };
    let fx = loaded(
        &mut s,
        first_fetch(&fx),
        Loaded::Datastore(Ok(Box::new(detail))),
    );
    let (_, queries) = metrics_fetch(&fx).unwrap_or_else(|| panic!("{fx:?}"));
    // Six Redis metrics for each of the two members.
    assert_eq!(queries.len(), 12, "{queries:?}");
    let first = text(&render(&s, 160, 48));
    assert!(
        first.contains("Multi-AZ instance failover completed"),
        "{first}"
    );
    press(&mut s, 'j');
    let scrolled = text(&render(&s, 160, 48));
    assert!(!scrolled.contains("failover completed"), "{scrolled}");
    assert!(scrolled.contains("DB instance restarted"), "{scrolled}");
}

#[test]
fn a_huge_cluster_asks_for_as_many_services_as_one_call_takes_in_the_order_shown() {
    let mut s = state(false);
    let fx = open_initial_views(&mut s, Some("big"), None);
    let id = first_fetch(&fx);
    let batch = (0..600)
        .map(|i| opsdeck::model::Service {
            arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:service/big/svc-{i:04}"),
            name: format!("svc-{i:04}"),
            ..Default::default()
        })
        .collect();
    loaded(&mut s, id, Loaded::ServicesBatch(batch));
    let fx = loaded(&mut s, id, Loaded::ServicesDone(Ok(())));
    let (_, queries) = metrics_fetch(&fx).unwrap_or_else(|| panic!("{fx:?}"));
    assert_eq!(queries.len(), 500, "GetMetricData's limit");
    let asked = |name: &str| {
        queries
            .iter()
            .any(|q| q.dimensions.iter().any(|(_, v)| v == name))
    };
    assert!(asked("svc-0000") && asked("svc-0249"));
    assert!(!asked("svc-0250"), "beyond one call");
}

#[test]
fn trends_denied_leave_the_list_and_say_why_in_the_footer() {
    let mut s = state(false);
    open_initial_views(&mut s, None, None);
    let fx = press(&mut s, 'D');
    let fx = loaded(&mut s, first_fetch(&fx), Loaded::Databases(Ok(databases())));
    let (id, _) = metrics_fetch(&fx).unwrap_or_else(|| panic!("{fx:?}"));
    let denied = opsdeck::aws::AwsError::new(
        opsdeck::aws::ErrorKind::AccessDenied,
        "cloudwatch:GetMetricData",
        "User is not authorized to perform: cloudwatch:GetMetricData",
    );
    loaded(&mut s, id, Loaded::Metrics(Err(denied)));
    let screen = text(&render(&s, 160, 48));
    assert!(screen.contains("billing-db"), "{screen}");
    assert!(
        screen.contains("metrics and alarms unavailable: cloudwatch:GetMetricData: access denied"),
        "{screen}"
    );
}
