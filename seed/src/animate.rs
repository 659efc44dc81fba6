//! `opsdeck-seed animate`: keeps the demo world alive until SIGINT/SIGTERM/SIGHUP. Every ~2 s
//! new log lines for running tasks, every minute new metric points and a fresh look at the
//! tasks, every ~90 s a forced deployment of one omni-acme service. Errors are reported and the
//! loop goes on.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::Result;
use chrono::Utc;
use futures::stream::{self, StreamExt};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::time::{interval, Instant, MissedTickBehavior};

use crate::aws::{Aws, Ctx};
use crate::catalog::{self, Project, Service, CACHE_CLUSTERS, PROJECTS, REPLICATION_GROUP};
use crate::ecs::{self, TaskRef};
use crate::lines::{self, Source};
use crate::logs::{self, Event};
use crate::metrics;
use crate::signals;
use crate::taskdefs::image_tag;
use crate::tasklogs::{revision_of, stamp, stream_name};

const LOG_TICK: Duration = Duration::from_secs(2);
const DISCOVER_EVERY: Duration = Duration::from_secs(60);
const METRICS_EVERY: Duration = Duration::from_secs(60);
const DEPLOY_EVERY: Duration = Duration::from_secs(90);

struct Live {
    project: &'static Project,
    service: &'static Service,
    source: Source,
    revision: i32,
}

#[derive(Default)]
struct State {
    /// Running tasks' streams, by stream name.
    streams: HashMap<String, Live>,
    /// Events waiting to be written, by stream name.
    pending: HashMap<String, Vec<Event>>,
    deploys: usize,
}

impl State {
    /// Starts streams for new tasks and ends the streams of tasks that are gone.
    fn reconcile(&mut self, tasks: &[TaskRef], rng: &mut StdRng) {
        let now = Utc::now();
        let mut seen = Vec::new();
        for t in tasks {
            let Some((p, s)) = catalog::service_for_group(&t.cluster, &t.group) else {
                continue;
            };
            for c in s.containers {
                if !t.containers.iter().any(|n| n == c.name) {
                    continue;
                }
                let name = stream_name(s, c.name, &t.id);
                seen.push(name.clone());
                if self.streams.contains_key(&name) {
                    continue;
                }
                let live = Live {
                    project: p,
                    service: s,
                    source: Source::new(s.name, c.style, p.vpc_cidr_prefix, &t.id),
                    revision: revision_of(&t.task_definition),
                };
                let tag = image_tag(live.project, live.service, live.revision);
                let entry = self.pending.entry(name.clone()).or_default();
                stamp(entry, now, lines::startup(rng, &live.source, now, &tag));
                self.streams.insert(name, live);
            }
        }
        let gone: Vec<String> = self
            .streams
            .keys()
            .filter(|k| !seen.contains(k))
            .cloned()
            .collect();
        for name in gone {
            if let Some(live) = self.streams.remove(&name) {
                let entry = self.pending.entry(name).or_default();
                stamp(entry, now, lines::shutdown(&live.source, now));
            }
        }
    }

    /// A few new lines for each running stream.
    fn tick(&mut self, rng: &mut StdRng) {
        let now = Utc::now();
        for (name, live) in &self.streams {
            // About three times the seeded rate, so a tail visibly moves.
            let p = (LOG_TICK.as_millis() as f64 * 3.0 / live.source.mean_interval_ms()).min(1.0);
            if !rng.random_bool(p) {
                continue;
            }
            let messages = lines::event(rng, &live.source, now, false);
            stamp(self.pending.entry(name.clone()).or_default(), now, messages);
        }
    }

    async fn flush(&mut self, aws: &Aws) {
        let pending = std::mem::take(&mut self.pending);
        let writes = pending.into_iter().filter_map(|(name, events)| {
            let group = self
                .streams
                .get(&name)
                .map(|l| l.project.log_group)
                .or_else(|| group_of_stream(&name))?;
            Some(async move { (name.clone(), logs::write(aws, group, &name, events).await) })
        });
        let results: Vec<_> = stream::iter(writes).buffer_unordered(8).collect().await;
        for (name, r) in results {
            if let Err(e) = r {
                eprintln!("opsdeck-seed animate: {name}: {e:#}");
            }
        }
    }
}

/// The log group of a stream whose task is gone (from its prefix).
fn group_of_stream(name: &str) -> Option<&'static str> {
    let prefix = name.split('/').next()?;
    PROJECTS
        .iter()
        .find(|p| p.services.iter().any(|s| s.stream_prefix == prefix))
        .map(|p| p.log_group)
}

async fn deploy(aws: &Aws, n: usize) -> Result<()> {
    let p = &PROJECTS[0];
    let s = &p.services[n % p.services.len()];
    aws.ecs
        .update_service()
        .cluster(p.cluster)
        .service(s.name)
        .force_new_deployment(true)
        .send()
        .await
        .ctx(format!(
            "UpdateService {}/{} forceNewDeployment",
            p.cluster, s.name
        ))?;
    println!(
        "opsdeck-seed animate: new deployment of {}/{}",
        p.cluster, s.name
    );
    Ok(())
}

async fn cache_ids(aws: &Aws) -> Vec<String> {
    let listed = aws.cache.describe_cache_clusters().send().await;
    match listed {
        Ok(o) => o
            .cache_clusters()
            .iter()
            .filter_map(|c| c.cache_cluster_id().map(str::to_string))
            .collect(),
        Err(_) => {
            let mut ids = vec![
                format!("{REPLICATION_GROUP}-001"),
                format!("{REPLICATION_GROUP}-002"),
            ];
            ids.extend(CACHE_CLUSTERS.iter().map(|s| s.to_string()));
            ids
        }
    }
}

async fn discover(aws: &Aws, state: &mut State, rng: &mut StdRng) {
    let clusters: Vec<&str> = PROJECTS.iter().map(|p| p.cluster).collect();
    match ecs::all_tasks(aws, &clusters, false).await {
        Ok(tasks) => state.reconcile(&tasks, rng),
        Err(e) => eprintln!("opsdeck-seed animate: {e:#}"),
    }
}

pub async fn run(aws: &Aws) -> Result<()> {
    let stop = signals::shutdown();
    tokio::pin!(stop);
    let mut rng = StdRng::seed_from_u64(Utc::now().timestamp_micros() as u64);
    let mut state = State::default();
    let mut series = metrics::ecs_series();
    series.extend(metrics::rds_series());
    series.extend(metrics::cache_series(&cache_ids(aws).await));

    let mut ticker = interval(LOG_TICK);
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let start = Instant::now();
    let (mut next_discover, mut next_metrics, mut next_deploy) =
        (start, start + METRICS_EVERY, start + DEPLOY_EVERY);
    println!("opsdeck-seed animate: running (Ctrl-C or SIGTERM stops)");
    loop {
        tokio::select! {
            _ = &mut stop => break,
            _ = ticker.tick() => {}
        }
        let now = Instant::now();
        if now >= next_deploy {
            next_deploy = now + DEPLOY_EVERY;
            match deploy(aws, state.deploys).await {
                Ok(()) => next_discover = now,
                Err(e) => eprintln!("opsdeck-seed animate: {e:#}"),
            }
            state.deploys += 1;
        }
        if now >= next_discover {
            next_discover = now + DISCOVER_EVERY;
            discover(aws, &mut state, &mut rng).await;
        }
        if now >= next_metrics {
            next_metrics = now + METRICS_EVERY;
            let t = Utc::now();
            if let Err(e) = metrics::put(aws, &series, t, &metrics::minutes(t, 1)).await {
                eprintln!("opsdeck-seed animate: {e:#}");
            }
        }
        state.tick(&mut rng);
        state.flush(aws).await;
    }
    println!("opsdeck-seed animate: stopped");
    Ok(())
}
