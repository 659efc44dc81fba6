//! CloudWatch metrics with realistic shapes: a baseline with noise and slow drift, and a bump
//! during the incident (see timeline.rs). One point per minute.

use anyhow::Result;
use aws_sdk_cloudwatch::primitives::DateTime as AwsDateTime;
use aws_sdk_cloudwatch::types::{Dimension, MetricDatum, StandardUnit};
use chrono::{DateTime, Duration, DurationRound, Utc};
use futures::stream::{self, StreamExt, TryStreamExt};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::aws::{Aws, Ctx};
use crate::catalog::{AURORA_INSTANCES, PROJECTS};
use crate::rds;
use crate::tasklogs::seed_of;
use crate::timeline;

/// PutMetricData takes up to 1,000 data points per call; stay well under the 1 MB payload.
const BATCH: usize = 500;

#[derive(Clone, Copy)]
pub struct Shape {
    pub base: f64,
    /// Relative noise (0.1 = ±10 %).
    pub noise: f64,
    /// Added at the incident's peak.
    pub spike: f64,
    /// Change per hour (seeded history ends at the baseline).
    pub drift: f64,
    pub max: Option<f64>,
    pub whole: bool,
}

const fn shape(base: f64, noise: f64, spike: f64) -> Shape {
    Shape {
        base,
        noise,
        spike,
        drift: 0.0,
        max: None,
        whole: false,
    }
}

pub struct Series {
    pub namespace: &'static str,
    pub name: &'static str,
    pub dimensions: Vec<(&'static str, String)>,
    pub unit: StandardUnit,
    pub shape: Shape,
}

impl Series {
    fn value(&self, rng: &mut StdRng, now: DateTime<Utc>, t: DateTime<Utc>) -> f64 {
        let s = self.shape;
        let hours_ago = (now - t).num_seconds() as f64 / 3600.0;
        let noise = 1.0 + s.noise * (rng.random::<f64>() * 2.0 - 1.0);
        let v =
            (s.base - s.drift * hours_ago) * noise + s.spike * timeline::incident_intensity(now, t);
        let v = v.max(0.0);
        let v = s.max.map_or(v, |m| v.min(m));
        if s.whole {
            v.round()
        } else {
            v
        }
    }
}

fn percent(base: f64, noise: f64, spike: f64) -> Shape {
    Shape {
        max: Some(100.0),
        ..shape(base, noise, spike)
    }
}

fn whole(base: f64, noise: f64, spike: f64) -> Shape {
    Shape {
        whole: true,
        ..shape(base, noise, spike)
    }
}

pub fn ecs_series() -> Vec<Series> {
    let mut out = Vec::new();
    for p in PROJECTS {
        for s in p.services {
            let dims = vec![
                ("ClusterName", p.cluster.to_string()),
                ("ServiceName", s.name.to_string()),
            ];
            out.push(Series {
                namespace: "AWS/ECS",
                name: "CPUUtilization",
                dimensions: dims.clone(),
                unit: StandardUnit::Percent,
                shape: percent(s.cpu, 0.18, 30.0),
            });
            out.push(Series {
                namespace: "AWS/ECS",
                name: "MemoryUtilization",
                dimensions: dims,
                unit: StandardUnit::Percent,
                shape: Shape {
                    drift: 2.0,
                    ..percent(s.mem, 0.03, 7.0)
                },
            });
        }
    }
    out
}

pub fn rds_series() -> Vec<Series> {
    let mut out = Vec::new();
    let ids = rds::INSTANCES.iter().map(|i| i.id);
    for (i, id) in ids.chain(AURORA_INSTANCES.iter().copied()).enumerate() {
        let busy = 1.0 + (i % 2) as f64 * 0.4;
        let dims = vec![("DBInstanceIdentifier", id.to_string())];
        let mut add = |name, unit, shape| {
            out.push(Series {
                namespace: "AWS/RDS",
                name,
                dimensions: dims.clone(),
                unit,
                shape,
            })
        };
        add(
            "CPUUtilization",
            StandardUnit::Percent,
            percent(21.0 * busy, 0.15, 62.0),
        );
        add(
            "DatabaseConnections",
            StandardUnit::Count,
            whole(46.0 * busy, 0.1, 150.0),
        );
        add(
            "FreeStorageSpace",
            StandardUnit::Bytes,
            Shape {
                drift: -0.4e9,
                ..shape(118.0e9 / busy, 0.0005, 0.0)
            },
        );
        add(
            "FreeableMemory",
            StandardUnit::Bytes,
            shape(5.6e9, 0.02, -2.4e9),
        );
        add(
            "ReadLatency",
            StandardUnit::Seconds,
            shape(0.0012, 0.3, 0.045),
        );
        add(
            "WriteLatency",
            StandardUnit::Seconds,
            shape(0.0021, 0.3, 0.03),
        );
    }
    out
}

pub fn cache_series(cluster_ids: &[String]) -> Vec<Series> {
    let mut out = Vec::new();
    for id in cluster_ids {
        let dims = vec![("CacheClusterId", id.clone())];
        let mut add = |name, unit, shape| {
            out.push(Series {
                namespace: "AWS/ElastiCache",
                name,
                dimensions: dims.clone(),
                unit,
                shape,
            })
        };
        add(
            "CPUUtilization",
            StandardUnit::Percent,
            percent(4.5, 0.2, 6.0),
        );
        add(
            "EngineCPUUtilization",
            StandardUnit::Percent,
            percent(9.0, 0.2, 28.0),
        );
        add(
            "DatabaseMemoryUsagePercentage",
            StandardUnit::Percent,
            Shape {
                drift: 1.5,
                ..percent(41.0, 0.01, 3.0)
            },
        );
        add(
            "CurrConnections",
            StandardUnit::Count,
            whole(142.0, 0.08, 260.0),
        );
        add("Evictions", StandardUnit::Count, whole(0.0, 0.0, 120.0));
        // Only a replica lags; a primary or a standalone node reports no replication lag.
        if id.ends_with("-002") {
            add(
                "ReplicationLag",
                StandardUnit::Seconds,
                shape(0.02, 0.5, 0.8),
            );
        }
    }
    out
}

/// The minute boundaries of the last `minutes` minutes, oldest first.
pub fn minutes(now: DateTime<Utc>, minutes: i64) -> Vec<DateTime<Utc>> {
    let top = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    (0..minutes)
        .rev()
        .map(|i| top - Duration::minutes(i))
        .collect()
}

fn datum(s: &Series, t: DateTime<Utc>, value: f64) -> MetricDatum {
    let mut b = MetricDatum::builder()
        .metric_name(s.name)
        .timestamp(AwsDateTime::from_secs(t.timestamp()))
        .value(value)
        .unit(s.unit.clone())
        .storage_resolution(60);
    for (k, v) in &s.dimensions {
        b = b.dimensions(Dimension::builder().name(*k).value(v).build());
    }
    b.build()
}

/// Puts one point per series per given minute; returns the number of points.
pub async fn put(
    aws: &Aws,
    series: &[Series],
    now: DateTime<Utc>,
    at: &[DateTime<Utc>],
) -> Result<usize> {
    let mut batches: Vec<(&'static str, Vec<MetricDatum>)> = Vec::new();
    for s in series {
        let mut rng = StdRng::seed_from_u64(
            seed_of(s.name) ^ seed_of(&s.dimensions[0].1) ^ now.timestamp() as u64,
        );
        for t in at {
            let d = datum(s, *t, s.value(&mut rng, now, *t));
            match batches.last_mut() {
                Some((ns, b)) if *ns == s.namespace && b.len() < BATCH => b.push(d),
                _ => batches.push((s.namespace, vec![d])),
            }
        }
    }
    let counts: Vec<usize> = stream::iter(batches.into_iter().map(|(ns, data)| async move {
        let n = data.len();
        aws.cw
            .put_metric_data()
            .namespace(ns)
            .set_metric_data(Some(data))
            .send()
            .await
            .ctx(format!("PutMetricData {ns}"))?;
        Ok::<_, anyhow::Error>(n)
    }))
    .buffer_unordered(4)
    .try_collect()
    .await?;
    Ok(counts.iter().sum())
}
