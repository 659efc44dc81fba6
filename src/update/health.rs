//! Metric trends and alarms: which series each view shows, and when to ask again. A
//! view's trends are its own request (see [`crate::state::Health`]); they start once the
//! view's rows are known and refresh every minute while the view is on screen.

use std::collections::HashSet;

use crate::action::Loaded;
use crate::aws::AwsError;
use crate::effect::{Effect, Request, RequestId};
use crate::model::metrics::{MetricSpec, ECS_CPU, ECS_MEMORY, RDS_METRICS, REDIS_METRICS};
use crate::model::{arn_tail, DatastoreItem, MetricQuery, MetricsReport, Timestamp};
use crate::state::health::METRICS_EVERY;
use crate::state::{Row, State, Table, View};

/// GetMetricData's limit per call; a view never asks for more in one go.
pub const MAX_QUERIES: usize = 500;

/// The list columns that read metrics: CPU and free storage per DB instance.
pub const DB_LIST: [&MetricSpec; 2] = [&RDS_METRICS[0], &RDS_METRICS[2]];
/// Engine CPU and memory used per cache cluster.
pub const CACHE_LIST: [&MetricSpec; 2] = [&REDIS_METRICS[0], &REDIS_METRICS[2]];

/// The rows to ask about: all of them when they fit in one call (so filtering and sorting
/// ask nothing new), else the first ones in the order shown.
/// Called every second: it looks at no more rows than one call can take.
fn rows<T: Row>(table: &Table<T>, per_row: usize) -> Vec<&T> {
    let fit = MAX_QUERIES / per_row.max(1);
    if table.rows().len() <= fit {
        table.rows().iter().collect()
    } else {
        (0..table.len().min(fit))
            .filter_map(|i| table.visible_row(i))
            .collect()
    }
}

/// Every series the view on screen shows, without duplicates, at most [`MAX_QUERIES`],
/// sorted (GetMetricData does not care about order; comparing sets does).
pub fn queries(view: &View) -> Vec<MetricQuery> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |q: MetricQuery| {
        if out.len() < MAX_QUERIES && seen.insert(q.clone()) {
            out.push(q);
        }
    };
    match view {
        View::Services(v) => {
            let cluster = arn_tail(&v.cluster);
            // A huge cluster: the rows in the order shown, as many as one call takes.
            for s in rows(&v.table, 2) {
                for spec in [&ECS_CPU, &ECS_MEMORY] {
                    add(spec.query(&[("ClusterName", cluster), ("ServiceName", &s.name)]));
                }
            }
        }
        View::Service(v) => {
            let cluster = arn_tail(&v.cluster);
            for spec in [&ECS_CPU, &ECS_MEMORY] {
                add(spec.query(&[("ClusterName", cluster), ("ServiceName", &v.name)]));
            }
        }
        View::Databases(v) => {
            for db in rows(&v.table, 2) {
                for id in db.instance_ids() {
                    for spec in DB_LIST {
                        add(spec.query(&[("DBInstanceIdentifier", &id)]));
                    }
                }
            }
        }
        View::Caches(v) => {
            for c in rows(&v.table, 2) {
                for id in c.cluster_ids() {
                    for spec in CACHE_LIST {
                        add(spec.query(&[("CacheClusterId", &id)]));
                    }
                }
            }
        }
        View::Datastore(v) => match v.detail.as_ref().map(|d| &d.item) {
            Some(DatastoreItem::Database(db)) => {
                for spec in RDS_METRICS {
                    for id in db.instance_ids() {
                        add(spec.query(&[("DBInstanceIdentifier", &id)]));
                    }
                }
            }
            Some(DatastoreItem::Cache(c)) => {
                for spec in REDIS_METRICS {
                    for id in c.cluster_ids() {
                        add(spec.query(&[("CacheClusterId", &id)]));
                    }
                }
            }
            None => {}
        },
        _ => {}
    }
    out.sort();
    out
}

/// The hour of trends ends at the last whole minute.
fn trend_end(now: Timestamp) -> Timestamp {
    let secs = now.timestamp() - now.timestamp().rem_euclid(60);
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or(now)
}

/// Ask for the view's trends if its rows are in and the trends are due (a minute passed,
/// or the rows changed so the series asked for differ).
pub fn poll(state: &mut State, fx: &mut Vec<Effect>) {
    let now = state.now;
    let id = state.next_request;
    let Some(view) = state.views.last_mut() else {
        return;
    };
    if view.load().loaded_at.is_none() {
        return;
    }
    let wanted = queries(view);
    let Some(health) = view.health_mut() else {
        return;
    };
    if health.load.in_flight.is_some() || wanted.is_empty() {
        return;
    }
    if !(health.load.due(now) || wanted != health.queries) {
        return;
    }
    state.next_request += 1;
    health.queries = wanted.clone();
    health.load.start(id);
    fx.push(Effect::Fetch {
        id,
        request: Request::Metrics {
            queries: wanted,
            end: trend_end(now),
        },
    });
}

/// The view is left: its trends request is no longer wanted.
pub fn cancel(view: &mut View, fx: &mut Vec<Effect>) {
    if let Some(id) = view.health_mut().and_then(|h| h.load.in_flight.take()) {
        fx.push(Effect::Cancel(id));
    }
}

/// What became of a result offered to a view's trends.
pub enum Outcome {
    /// Not a trends result of this view: the caller handles it.
    NotMine(Box<Loaded>),
    Stored,
    /// The first failure in a row, worded for the footer (lists have no room for it).
    Failed(String),
}

/// A trends result for the view that asked.
pub fn apply(view: &mut View, id: RequestId, loaded: Loaded, now: Timestamp) -> Outcome {
    let Some(health) = view.health_mut().filter(|h| h.load.is_current(id)) else {
        return Outcome::NotMine(Box::new(loaded));
    };
    let Loaded::Metrics(result) = loaded else {
        return Outcome::NotMine(Box::new(loaded));
    };
    store(health, result, now, id)
}

fn store(
    health: &mut crate::state::Health,
    result: Result<MetricsReport, AwsError>,
    now: Timestamp,
    id: RequestId,
) -> Outcome {
    match result {
        Ok(report) => {
            health.store(report);
            health.load.succeeded(now, METRICS_EVERY);
            Outcome::Stored
        }
        Err(e) => {
            let text = format!("metrics and alarms unavailable: {}", e.summary());
            health.load.failed(now, METRICS_EVERY, e, id);
            if health.load.failures == 1 {
                Outcome::Failed(text)
            } else {
                Outcome::Stored
            }
        }
    }
}
