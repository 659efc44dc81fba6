//! RDS, ElastiCache and CloudWatch reads (`opsdeck::aws::{rds, elasticache, cloudwatch}`)
//! against the emulator's seeded demo world (account 123456789012, `opsdeck-seed world`):
//! every database, cache, event, metric series and alarm the demo creates comes through
//! converted, and a view's metrics are ONE GetMetricData request.

mod common;

use common::emulator;
use opsdeck::aws::{cloudwatch, elasticache, rds, ErrorKind};
use opsdeck::model::metrics::{ECS_CPU, ECS_MEMORY, RDS_METRICS, REDIS_METRICS};
use opsdeck::model::{CacheKind, DatastoreItem, DbKind, MetricQuery};

const DEMO: &str = "123456789012";

fn demo() -> opsdeck::aws::Clients {
    emulator::clients(&emulator::url(), DEMO)
}

/// The end of the last whole minute: the trend hour the views ask for.
fn minute_now() -> opsdeck::model::Timestamp {
    let now = chrono::Utc::now().timestamp();
    chrono::DateTime::from_timestamp(now - now % 60, 0).unwrap_or_default()
}

#[tokio::test]
async fn the_demo_databases_are_instances_and_an_aurora_cluster_with_its_members() {
    let dbs = rds::databases(&demo())
        .await
        .unwrap_or_else(|e| panic!("databases(): {}", e.summary()));
    let ids: Vec<(&str, DbKind)> = dbs.iter().map(|d| (d.id.as_str(), d.kind)).collect();
    for (id, kind) in [
        ("omni-acme-db", DbKind::Instance),
        ("farsight-db", DbKind::Instance),
        ("omen-production-aurora", DbKind::Cluster),
        ("omen-production-aurora-1", DbKind::Instance),
        ("omen-production-aurora-2", DbKind::Instance),
    ] {
        assert!(ids.contains(&(id, kind)), "{id} missing from {ids:?}");
    }
    let omni = dbs
        .iter()
        .find(|d| d.id == "omni-acme-db")
        .unwrap_or_else(|| panic!("omni-acme-db"));
    assert_eq!(omni.engine, "postgres");
    assert_eq!(omni.engine_version, "16.4");
    assert_eq!(omni.class, "db.r6g.large");
    assert!(omni.multi_az);
    assert_eq!(omni.storage_gb, Some(200));
    assert_eq!(omni.storage_type, "gp3");
    assert!(!omni.backup_window.is_empty());
    let endpoint = omni.endpoint.clone().unwrap_or_default();
    assert!(
        !endpoint.address.is_empty() && endpoint.port.is_some(),
        "{endpoint:?}"
    );
    assert!(!omni.status.is_empty());

    let aurora = dbs
        .iter()
        .find(|d| d.id == "omen-production-aurora")
        .unwrap_or_else(|| panic!("aurora"));
    assert_eq!(aurora.engine, "aurora-postgresql");
    assert_eq!(
        aurora.instance_ids(),
        vec!["omen-production-aurora-1", "omen-production-aurora-2"],
        "writer first: {:?}",
        aurora.members
    );
    assert!(
        aurora.members[0].ends_with("(writer)"),
        "{:?}",
        aurora.members
    );
}

#[tokio::test]
async fn a_database_detail_has_its_failover_reboot_event_and_maintenance() {
    let detail = rds::detail(&demo(), DbKind::Instance, "omni-acme-db")
        .await
        .unwrap_or_else(|e| panic!("detail: {}", e.summary()));
    let DatastoreItem::Database(db) = &detail.item else {
        panic!("not a database: {detail:?}")
    };
    assert_eq!(db.id, "omni-acme-db");
    let events = detail
        .events
        .unwrap_or_else(|e| panic!("events: {}", e.summary()));
    assert!(
        events
            .iter()
            .any(|e| e.source == "omni-acme-db" && e.message.contains("restarted")),
        "{events:?}"
    );
    assert!(detail.maintenance.is_ok(), "{:?}", detail.maintenance);

    let missing = rds::detail(&demo(), DbKind::Instance, "no-such-db").await;
    assert_eq!(missing.map_err(|e| e.kind).err(), Some(ErrorKind::NotFound));
}

#[tokio::test]
async fn the_demo_caches_are_a_replication_group_and_its_member_and_standalone_clusters() {
    let caches = elasticache::caches(&demo())
        .await
        .unwrap_or_else(|e| panic!("caches(): {}", e.summary()));
    let group = caches
        .iter()
        .find(|c| c.kind == CacheKind::ReplicationGroup && c.id == "omni-acme-redis")
        .unwrap_or_else(|| panic!("replication group missing: {caches:?}"));
    assert_eq!(group.members.len(), 2, "{:?}", group.members);
    assert_eq!(group.automatic_failover, "enabled");
    assert_eq!(group.multi_az, "enabled");
    assert_eq!(group.node_type, "cache.r6g.large");
    assert_eq!(group.engine_version, "7.1", "taken from a member");
    assert_ne!(group.endpoint_label(), "-");
    for id in group
        .members
        .iter()
        .map(String::as_str)
        .chain(["farsight-cache", "omen-sessions"])
    {
        let c = caches
            .iter()
            .find(|c| c.kind == CacheKind::CacheCluster && c.id == id)
            .unwrap_or_else(|| panic!("cache cluster {id} missing"));
        assert_eq!(c.engine, "redis");
        assert!(!c.nodes.is_empty(), "{id}: node info asked for: {c:?}");
    }
    let sessions = caches
        .iter()
        .find(|c| c.id == "omen-sessions")
        .unwrap_or_else(|| panic!("omen-sessions"));
    assert_eq!(
        (
            sessions.engine_version.as_str(),
            sessions.node_type.as_str()
        ),
        ("6.2", "cache.t4g.medium")
    );
}

/// ministack sends ElastiCache event dates as epoch seconds, which is not a valid
/// `Date` for the SDK: the detail must still show the cache, with the events' error.
#[tokio::test]
async fn a_cache_detail_survives_events_that_cannot_be_read() {
    let detail = elasticache::detail(&demo(), CacheKind::ReplicationGroup, "omni-acme-redis")
        .await
        .unwrap_or_else(|e| panic!("detail: {}", e.summary()));
    let DatastoreItem::Cache(c) = &detail.item else {
        panic!("not a cache: {detail:?}")
    };
    assert_eq!(c.id, "omni-acme-redis");
    match &detail.events {
        Ok(events) => assert!(
            events.iter().any(|e| e.message.contains("created")),
            "{events:?}"
        ),
        Err(e) => {
            assert_eq!(e.operation, "elasticache:DescribeEvents")
        }
    }
}

/// Puts one point per minute of the hour before `end` (value = minute + 1), except `skip`.
async fn put_hour(
    cw: &aws_sdk_cloudwatch::Client,
    q: &MetricQuery,
    end: opsdeck::model::Timestamp,
    skip: usize,
) {
    use aws_sdk_cloudwatch::primitives::DateTime;
    use aws_sdk_cloudwatch::types::{Dimension, MetricDatum};
    let start = end.timestamp() - 3600;
    let data = (0..60)
        .filter(|i| *i != skip)
        .map(|i| {
            let mut d = MetricDatum::builder()
                .metric_name(&q.name)
                .timestamp(DateTime::from_secs(start + i as i64 * 60))
                .value(i as f64 + 1.0);
            for (k, v) in &q.dimensions {
                d = d.dimensions(Dimension::builder().name(k).value(v).build());
            }
            d.build()
        })
        .collect();
    cw.put_metric_data()
        .namespace(&q.namespace)
        .set_metric_data(Some(data))
        .send()
        .await
        .unwrap_or_else(|e| panic!("PutMetricData: {e:?}"));
}

/// The series the demo's databases, caches and services views would show: 36 of them.
fn view_queries() -> Vec<MetricQuery> {
    let mut queries: Vec<MetricQuery> = Vec::new();
    for id in ["omni-acme-db", "omen-production-aurora-1"] {
        queries.extend(
            RDS_METRICS
                .iter()
                .map(|s| s.query(&[("DBInstanceIdentifier", id)])),
        );
    }
    for id in ["omni-acme-redis-0001-002", "omen-sessions"] {
        queries.extend(
            REDIS_METRICS
                .iter()
                .map(|s| s.query(&[("CacheClusterId", id)])),
        );
    }
    for service in ["omni-web", "omni-searcher", "omni-indexer", "omni-ai"] {
        for spec in [&ECS_CPU, &ECS_MEMORY] {
            queries.push(spec.query(&[
                ("ClusterName", "omni-acme-cluster"),
                ("ServiceName", service),
            ]));
        }
    }
    queries
}

#[tokio::test]
async fn all_series_of_a_view_come_in_one_get_metric_data_request_with_gaps_kept() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let clients = emulator::clients(&url, &account);
    let cw = aws_sdk_cloudwatch::Client::new(&emulator::account_config(&url, &account));
    let end = minute_now();
    let queries = view_queries();
    // Three series with data, each missing one minute; the others have none at all.
    let with_data = [(&queries[0], 30), (&queries[14], 0), (&queries[30], 59)];
    for (q, skip) in with_data {
        put_hour(&cw, q, end, skip).await;
    }

    let before = clients.counter.get();
    let series = cloudwatch::series(&clients, &queries, end)
        .await
        .unwrap_or_else(|e| panic!("series: {}", e.summary()));
    assert_eq!(
        clients.counter.get() - before,
        1,
        "{} series in one request",
        queries.len()
    );
    assert_eq!(series.len(), queries.len());
    for (q, points) in &series {
        assert_eq!(points.len(), 60);
        match with_data.iter().find(|(d, _)| *d == q) {
            Some((_, skip)) => {
                for (i, p) in points.iter().enumerate() {
                    let want = (i != *skip).then_some(i as f64 + 1.0);
                    assert_eq!(*p, want, "{q:?} minute {i}");
                }
            }
            // Missing data stays missing: no zeros.
            None => assert!(points.iter().all(Option::is_none), "{q:?}: {points:?}"),
        }
    }

    // With the alarms: two requests for a whole view, whatever its number of series.
    let before = clients.counter.get();
    let report = cloudwatch::metrics(&clients, &queries, end)
        .await
        .unwrap_or_else(|e| panic!("metrics: {}", e.summary()));
    assert_eq!(clients.counter.get() - before, 2);
    assert_eq!(report.series.len(), queries.len());
}

/// The demo's own series, as seeded (the hour before `opsdeck-seed world` ran): every one
/// the views show comes back with points, in range.
#[tokio::test]
async fn the_demo_metric_series_are_read() {
    let clients = demo();
    let queries = view_queries();
    // The seeder's newest point is the minute it ran; look at the hour up to now.
    let series = cloudwatch::series(
        &clients,
        &queries,
        minute_now() + chrono::TimeDelta::minutes(1),
    )
    .await
    .unwrap_or_else(|e| panic!("series: {}", e.summary()));
    for (q, points) in &series {
        let present = points.iter().flatten().count();
        if q.name == "ReplicationLag" && q.dimensions[0].1 == "omen-sessions" {
            // A standalone node reports no replication lag.
            assert_eq!(present, 0, "{q:?}");
        } else {
            assert!(
                present > 0,
                "{q:?}: no points in the last hour (was the demo seeded more than an hour ago?)"
            );
        }
        if q.name.contains("CPU") || q.name.ends_with("Percentage") {
            assert!(
                points.iter().flatten().all(|v| *v > 0.0 && *v <= 100.0),
                "{q:?}"
            );
        }
    }
}

#[tokio::test]
async fn alarms_in_alarm_point_at_the_database_the_cache_node_and_the_service() {
    let alarms = cloudwatch::alarms(&demo())
        .await
        .unwrap_or_else(|e| panic!("alarms: {}", e.summary()));
    let names: Vec<&str> = alarms.iter().map(|a| a.name.as_str()).collect();
    assert!(
        !names.contains(&"omni-web-cpu-high"),
        "OK alarms are left out: {names:?}"
    );
    let by = |name: &str| {
        alarms
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name} not in {names:?}"))
    };
    assert!(by("omni-acme-db-disk-queue-high")
        .points_at("DBInstanceIdentifier", &["omni-acme-db".into()]));
    assert!(by("omni-acme-redis-swap-high")
        .points_at("CacheClusterId", &["omni-acme-redis-0001-001".into()]));
    let searcher = by("omni-searcher-running-tasks-low");
    assert!(searcher.on_service("omni-acme-cluster", "omni-searcher"));
    assert!(
        searcher.reason.contains("less than the threshold"),
        "{}",
        searcher.reason
    );
}
