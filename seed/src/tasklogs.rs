//! Log streams of ECS tasks: `<prefix>/<container>/<task id>` in the project's log group, with
//! a history that matches what happened to the task (started two hours ago, or by the recent
//! deployment or scale-out; stopped by the deployment).

use std::collections::HashMap;

use anyhow::Result;
use chrono::{DateTime, Duration, Utc};
use futures::stream::{self, StreamExt, TryStreamExt};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::aws::Aws;
use crate::catalog::{self, After, Project, Service};
use crate::ecs::TaskRef;
use crate::lines::{self, Source};
use crate::logs::{self, Event};
use crate::taskdefs::image_tag;
use crate::timeline::{self, DEPLOY_AGO, HISTORY, SCALE_AGO};

/// One container's stream of one task.
pub struct StreamPlan {
    pub project: &'static Project,
    pub service: &'static Service,
    pub source: Source,
    pub group: &'static str,
    pub stream: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub revision: i32,
    pub stopped: bool,
}

pub fn stream_name(s: &Service, container: &str, task_id: &str) -> String {
    format!("{}/{container}/{task_id}", s.stream_prefix)
}

pub fn revision_of(task_definition: &str) -> i32 {
    task_definition
        .rsplit(':')
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1)
}

/// A stable seed for a stream, so the same world gets the same lines.
pub fn seed_of(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Plans the streams of the given tasks (tasks of services not in the catalog are skipped).
pub fn plan(tasks: &[TaskRef], now: DateTime<Utc>) -> Vec<StreamPlan> {
    // Order each service's running tasks by start, to tell the scale-out's new tasks apart.
    let mut by_service: HashMap<(&str, &str), Vec<&TaskRef>> = HashMap::new();
    for t in tasks.iter().filter(|t| t.running) {
        by_service
            .entry((&t.cluster, &t.group))
            .or_default()
            .push(t);
    }
    let mut late: Vec<&str> = Vec::new();
    for ((cluster, group), mut ts) in by_service {
        if let Some((_, s)) = catalog::service_for_group(cluster, group) {
            if let Some(After::ScaleTo(_)) = s.after {
                ts.sort_by_key(|t| (t.started_at, t.id.clone()));
                late.extend(ts.iter().skip(s.desired as usize).map(|t| t.id.as_str()));
            }
        }
    }
    let mut plans = Vec::new();
    for t in tasks {
        let Some((p, s)) = catalog::service_for_group(&t.cluster, &t.group) else {
            continue;
        };
        let revision = revision_of(&t.task_definition);
        let (start, end) = if s.after == Some(After::DeployLatest) {
            let created = s.revisions - s.behind;
            let started = |r| timeline::revision_started(now, created, s.revisions, r);
            if t.running {
                (started(revision), now)
            } else {
                (started(revision), started(revision + 1))
            }
        } else if !t.running {
            (now - HISTORY, now - DEPLOY_AGO)
        } else if late.contains(&t.id.as_str()) {
            (now - SCALE_AGO, now)
        } else {
            (now - HISTORY, now)
        };
        for c in s.containers {
            if !t.containers.iter().any(|n| n == c.name) {
                continue;
            }
            plans.push(StreamPlan {
                project: p,
                service: s,
                source: Source::new(s.name, c.style, p.vpc_cidr_prefix, &t.id),
                group: p.log_group,
                stream: stream_name(s, c.name, &t.id),
                start,
                end,
                revision,
                stopped: !t.running,
            });
        }
    }
    plans
}

/// Exponentially distributed gap with the given mean, in milliseconds (at least 1).
pub fn gap_ms(rng: &mut StdRng, mean: f64) -> i64 {
    let u: f64 = rng.random_range(f64::EPSILON..1.0);
    ((-u.ln() * mean) as i64).max(1)
}

/// Attaches consecutive millisecond timestamps to the messages of one moment.
pub fn stamp(out: &mut Vec<Event>, t: DateTime<Utc>, messages: Vec<String>) {
    let ms = t.timestamp_millis();
    out.extend(
        messages
            .into_iter()
            .enumerate()
            .map(|(i, m)| (ms + i as i64, m)),
    );
}

/// The events of a planned stream, in time order.
pub fn generate(plan: &StreamPlan, now: DateTime<Utc>) -> Vec<Event> {
    let mut rng = StdRng::seed_from_u64(seed_of(&plan.stream));
    let mut out = Vec::new();
    let tag = image_tag(plan.project, plan.service, plan.revision);
    let mut t = plan.start;
    stamp(&mut out, t, lines::startup(&mut rng, &plan.source, t, &tag));
    let mean = plan.source.mean_interval_ms();
    loop {
        t += Duration::milliseconds(gap_ms(&mut rng, mean) + 10);
        if t >= plan.end {
            break;
        }
        let incident = timeline::in_incident(now, t);
        stamp(
            &mut out,
            t,
            lines::event(&mut rng, &plan.source, t, incident),
        );
    }
    if plan.stopped {
        stamp(&mut out, plan.end, lines::shutdown(&plan.source, plan.end));
    }
    out
}

/// Writes the streams of all given tasks; returns (streams, events).
pub async fn seed(aws: &Aws, tasks: &[TaskRef], now: DateTime<Utc>) -> Result<(usize, usize)> {
    let plans = plan(tasks, now);
    let streams = plans.len();
    let events: Vec<usize> = stream::iter(plans.into_iter().map(|p| {
        let events = generate(&p, now);
        async move { logs::write(aws, p.group, &p.stream, events).await }
    }))
    .buffer_unordered(8)
    .try_collect()
    .await?;
    Ok((streams, events.iter().sum()))
}
