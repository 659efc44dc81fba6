//! Log groups that are not ECS: PostgreSQL logs exported by RDS and a Lambda function's logs.

use anyhow::Result;
use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use crate::aws::Aws;
use crate::logs::{self, Event};
use crate::tasklogs::{gap_ms, seed_of, stamp};
use crate::timeline::{self, HISTORY};

fn postgres_line(rng: &mut StdRng, t: DateTime<Utc>, cidr: &str, incident: bool) -> String {
    let prefix = format!(
        "{} UTC:{cidr}.{}.{}({}):app@app:[{}]:",
        t.format("%Y-%m-%d %H:%M:%S"),
        rng.random_range(10..13),
        rng.random_range(4..250),
        rng.random_range(32_768..60_999),
        rng.random_range(1_000..65_000)
    );
    if incident && rng.random_bool(0.5) {
        return format!("{prefix}FATAL:  remaining connection slots are reserved for non-replication superuser connections");
    }
    let x: f64 = rng.random();
    if x < 0.55 {
        let table = [
            "documents",
            "search_events",
            "users",
            "tenants",
            "audit_log",
        ]
        .choose(rng)
        .copied()
        .unwrap_or("documents");
        format!(
            "{prefix}LOG:  duration: {:.3} ms  statement: SELECT * FROM {table} WHERE tenant_id = $1 ORDER BY updated_at DESC LIMIT 50",
            rng.random_range(500.0..4_000.0)
        )
    } else if x < 0.8 {
        format!(
            "{prefix}LOG:  checkpoint complete: wrote {} buffers ({:.1}%); 0 WAL file(s) added, 0 removed, {} recycled; write={:.3} s, sync={:.3} s, total={:.3} s",
            rng.random_range(200..9_000),
            rng.random_range(0.5..12.0),
            rng.random_range(0..4),
            rng.random_range(20.0..270.0),
            rng.random_range(0.001..0.2),
            rng.random_range(20.0..270.5)
        )
    } else if x < 0.93 {
        format!("{prefix}LOG:  automatic vacuum of table \"app.public.search_events\": index scans: 1\n\tpages: 0 removed, {} remain, 0 skipped due to pins\n\ttuples: {} removed, {} remain, 0 are dead but not yet removable",
            rng.random_range(1_000..90_000), rng.random_range(100..50_000), rng.random_range(100_000..9_000_000))
    } else {
        format!("{prefix}ERROR:  deadlock detected\n{prefix}DETAIL:  Process 4123 waits for ShareLock on transaction 9812734; blocked by process 4188.\n\tProcess 4188 waits for ShareLock on transaction 9812731; blocked by process 4123.\n{prefix}HINT:  See server log for query details.")
    }
}

fn postgres(now: DateTime<Utc>, instance: &str, cidr: &str) -> Vec<Event> {
    let mut rng = StdRng::seed_from_u64(seed_of(instance));
    let mut out = Vec::new();
    let mut t = now - HISTORY;
    loop {
        t += Duration::milliseconds(gap_ms(&mut rng, 45_000.0));
        if t >= now {
            break;
        }
        let incident = timeline::in_incident(now, t);
        let line = postgres_line(&mut rng, t, cidr, incident);
        stamp(&mut out, t, vec![line]);
    }
    out
}

fn lambda(now: DateTime<Utc>) -> Vec<Event> {
    let mut rng = StdRng::seed_from_u64(seed_of("thumbnailer"));
    let mut out = Vec::new();
    let mut t = now - Duration::minutes(50);
    loop {
        t += Duration::milliseconds(gap_ms(&mut rng, 90_000.0));
        if t >= now {
            break;
        }
        let id = format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            rng.random::<u32>(),
            rng.random::<u16>(),
            rng.random_range(0..0xfff),
            rng.random_range(0..0xfff),
            rng.random::<u64>() & 0xffff_ffff_ffff
        );
        let ms: f64 = rng.random_range(180.0..2_400.0);
        let mut lines = vec![
            format!("START RequestId: {id} Version: $LATEST"),
            format!(
                "{}\t{id}\tINFO\tgenerated 3 thumbnails for uploads/{}.png",
                t.format("%Y-%m-%dT%H:%M:%S%.3fZ"),
                rng.random_range(10_000..99_999)
            ),
        ];
        if rng.random_bool(0.05) {
            lines.push(format!("{}\t{id}\tERROR\tInvoke Error \t{{\"errorType\":\"Error\",\"errorMessage\":\"Input buffer contains unsupported image format\",\"stack\":[\"Error: Input buffer contains unsupported image format\",\"    at Sharp.toBuffer (/var/task/node_modules/sharp/lib/output.js:163:17)\",\"    at Runtime.handler (/var/task/index.js:42:8)\"]}}", t.format("%Y-%m-%dT%H:%M:%S%.3fZ")));
        }
        lines.push(format!("END RequestId: {id}"));
        lines.push(format!(
            "REPORT RequestId: {id}\tDuration: {ms:.2} ms\tBilled Duration: {} ms\tMemory Size: 1024 MB\tMax Memory Used: {} MB",
            ms.ceil() as i64,
            rng.random_range(180..420)
        ));
        stamp(&mut out, t, lines);
    }
    out
}

/// Writes the non-ECS groups' streams (the groups must exist); returns (streams, events).
pub async fn seed(aws: &Aws, now: DateTime<Utc>) -> Result<(usize, usize)> {
    let day = now.format("%Y/%m/%d");
    let jobs = vec![
        (
            "/aws/rds/instance/omni-acme-db/postgresql",
            "omni-acme-db.0".to_string(),
            postgres(now, "omni-acme-db", "10.40"),
        ),
        (
            "/aws/rds/instance/farsight-db/postgresql",
            "farsight-db.0".to_string(),
            postgres(now, "farsight-db", "10.50"),
        ),
        (
            "/aws/lambda/omni-acme-thumbnailer",
            format!(
                "{day}/[$LATEST]{:032x}",
                seed_of("thumbnailer-stream") as u128 * 7919
            ),
            lambda(now),
        ),
    ];
    let streams = jobs.len();
    let written =
        futures::future::try_join_all(jobs.into_iter().map(|(group, stream, events)| async move {
            logs::write(aws, group, &stream, events).await
        }))
        .await?;
    Ok((streams, written.iter().sum()))
}
