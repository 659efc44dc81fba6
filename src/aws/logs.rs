//! CloudWatch Logs reads: the log-group browser, finding an ECS scope's streams
//! from its task definitions' awslogs settings, and one poll of a tail.
//!
//! A poll continues exactly where the last one ended. GetLogEvents (a few streams)
//! carries a forward token per stream. FilterLogEvents (many streams, a whole group,
//! or a filter pattern) asks again from a window behind the newest event it has seen
//! and skips the event ids it already has, so events that reach CloudWatch late from
//! another stream are not lost and none is shown twice. Every call waits for the
//! shared [`LogsBudget`](super::logs_budget::LogsBudget).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::error::classify;
use super::logs_convert as convert;
use super::{AwsError, Clients, ErrorKind};
use crate::model::log_tail::{ContainerLogConfig, Discovered, FilterCursor, LogBatch};
use crate::model::{
    LogEvent, LogGroup, LogQuery, LogScope, LogStream, LogTarget, TailMethod, Task,
};

/// Pages one stream or one FilterLogEvents query may read in a poll; more waits for the
/// next poll, sent at once. Small polls keep a long read's memory peak low (freed pages
/// are not all given back to the system) and show its first lines sooner.
const MAX_PAGES: usize = 2;
/// FilterLogEvents takes at most 100 stream names.
const NAMES_PER_CALL: usize = 100;
/// How far behind the newest event a FilterLogEvents tail asks again (late arrivals).
pub const LOOKBACK_MS: i64 = 15_000;
/// Streams listed for a group in the browser (newest first); groups can hold millions.
const STREAM_PAGES: usize = 4;

/// Every log group of the region (paged to the end).
pub async fn log_groups(clients: &Clients) -> Result<Vec<LogGroup>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients.logs.describe_log_groups().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify("logs:DescribeLogGroups", &e))?;
        out.extend(page.log_groups().iter().map(convert::log_group));
    }
    Ok(out)
}

/// The most recently written streams of a group.
pub async fn log_streams(clients: &Clients, group: &str) -> Result<Vec<LogStream>, AwsError> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..STREAM_PAGES {
        clients.logs_budget.take().await;
        let page = clients
            .logs
            .describe_log_streams()
            .log_group_name(group)
            .order_by(aws_sdk_cloudwatchlogs::types::OrderBy::LastEventTime)
            .descending(true)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| classify("logs:DescribeLogStreams", &e))?;
        out.extend(page.log_streams().iter().map(convert::log_stream));
        match page.next_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => break,
        }
    }
    Ok(out)
}

/// The awslogs settings of each container of a task definition.
pub async fn container_log_configs(
    clients: &Clients,
    task_definition: &str,
) -> Result<Vec<ContainerLogConfig>, AwsError> {
    let resp = clients
        .ecs
        .describe_task_definition()
        .task_definition(task_definition)
        .send()
        .await
        .map_err(|e| classify("ecs:DescribeTaskDefinition", &e))?;
    let region = clients
        .ecs
        .config()
        .region()
        .map(|r| r.to_string())
        .unwrap_or_default();
    Ok(resp
        .task_definition()
        .map(|td| {
            td.container_definitions()
                .iter()
                .map(|c| convert::container_log_config(c, &region))
                .collect()
        })
        .unwrap_or_default())
}

/// The streams of an ECS scope's containers (running tasks of a service, one task,
/// one container), and a note for each container that has none.
pub async fn discover(clients: &Clients, scope: &LogScope) -> Result<Discovered, AwsError> {
    let (tasks, only): (Vec<Task>, Option<&str>) = match scope {
        LogScope::Service { cluster, service } => (
            super::ecs::tasks(clients, cluster, Some(service), false).await?,
            None,
        ),
        LogScope::Task { cluster, task_arn } => (one_task(clients, cluster, task_arn).await?, None),
        LogScope::Container {
            cluster,
            task_arn,
            container,
        } => (
            one_task(clients, cluster, task_arn).await?,
            Some(container.as_str()),
        ),
        LogScope::Streams { .. } | LogScope::Group { .. } => return Ok(Discovered::default()),
    };
    let mut configs: HashMap<&str, Vec<ContainerLogConfig>> = HashMap::new();
    for task in &tasks {
        if !configs.contains_key(task.task_definition.as_str()) {
            let found = container_log_configs(clients, &task.task_definition).await?;
            configs.insert(&task.task_definition, found);
        }
    }
    let mut out = Discovered::default();
    for task in &tasks {
        for config in configs
            .get(task.task_definition.as_str())
            .into_iter()
            .flatten()
        {
            if only.is_some_and(|c| c != config.container) {
                continue;
            }
            match config.target(&task.id) {
                Some(target) if !out.targets.contains(&target) => out.targets.push(target),
                Some(_) => {}
                None => {
                    let note = config.note.clone().unwrap_or_default();
                    if !out.notes.contains(&note) {
                        out.notes.push(note);
                    }
                }
            }
        }
    }
    Ok(out)
}

async fn one_task(clients: &Clients, cluster: &str, task: &str) -> Result<Vec<Task>, AwsError> {
    let tasks = super::ecs::describe_tasks(clients, cluster, vec![task.to_string()]).await?;
    if tasks.is_empty() {
        return Err(AwsError::new(
            ErrorKind::NotFound,
            "ecs:DescribeTasks",
            "the task no longer exists (ECS forgets stopped tasks after about an hour)",
        ));
    }
    Ok(tasks)
}

/// A raw event before sanitising; sorted by time (then arrival) before ingest.
struct Raw {
    timestamp: i64,
    ingested: i64,
    stream: Arc<str>,
    message: String,
}

/// One poll of a tail: new events since the cursor, in time order.
pub async fn poll(clients: &Clients, query: LogQuery) -> Result<LogBatch, AwsError> {
    let mut batch = LogBatch {
        cursor: query.cursor.clone(),
        ..Default::default()
    };
    let mut raw = Vec::new();
    let mut names = Names::default();
    match query.method {
        TailMethod::PerStream => {
            for target in &query.targets {
                per_stream(clients, &query, target, &mut batch, &mut raw, &mut names).await?;
            }
        }
        TailMethod::Filter => filter(clients, &query, &mut batch, &mut raw, &mut names).await?,
    }
    raw.sort_by_key(|r| (r.timestamp, r.ingested));
    batch.events = raw
        .into_iter()
        .map(|r| LogEvent::ingest(r.timestamp, r.stream, &r.message))
        .collect();
    Ok(batch)
}

/// Stream names shared by their events.
#[derive(Default)]
struct Names(HashMap<String, Arc<str>>);

impl Names {
    fn get(&mut self, name: &str) -> Arc<str> {
        if let Some(n) = self.0.get(name) {
            return n.clone();
        }
        let n: Arc<str> = Arc::from(name);
        self.0.insert(name.to_string(), n.clone());
        n
    }
}

async fn per_stream(
    clients: &Clients,
    query: &LogQuery,
    target: &LogTarget,
    batch: &mut LogBatch,
    raw: &mut Vec<Raw>,
    names: &mut Names,
) -> Result<(), AwsError> {
    let mut token = batch.cursor.tokens.get(target).cloned();
    let stream = names.get(&target.stream);
    for page in 0..MAX_PAGES {
        clients.logs_budget.take().await;
        let mut request = clients
            .logs
            .get_log_events()
            .log_group_name(&target.group)
            .log_stream_name(&target.stream);
        let first_read_of_last = token.is_none() && query.last.is_some();
        request = match (&token, query.last) {
            (Some(t), _) => request.next_token(t).start_from_head(true),
            (None, Some(n)) => request
                .start_from_head(false)
                .limit(n.clamp(1, 10_000) as i32),
            (None, None) => request.start_time(query.start_ms).start_from_head(true),
        };
        let out = match request.send().await {
            Ok(out) => out,
            Err(e) => {
                let err = classify("logs:GetLogEvents", &e);
                if err.kind == ErrorKind::NotFound {
                    // The container has not logged yet; its stream appears later.
                    batch.missing.push(target.clone());
                    return Ok(());
                }
                return Err(err);
            }
        };
        raw.extend(out.events().iter().map(|e| Raw {
            timestamp: e.timestamp().unwrap_or(0),
            ingested: e.ingestion_time().unwrap_or(0),
            stream: stream.clone(),
            message: e.message().unwrap_or_default().to_string(),
        }));
        let next = out.next_forward_token().map(str::to_string);
        // A page short of both limits (10,000 events, 1 MB) is the end for now: no
        // second call just to hear the same token back.
        let bytes: usize = out
            .events()
            .iter()
            .map(|e| e.message().map_or(0, str::len) + 26)
            .sum();
        let short = out.events().len() < 10_000 && bytes < 900_000;
        let at_end = short || next.is_none() || next == token;
        if next.is_some() {
            token = next;
        }
        if at_end || first_read_of_last {
            break;
        }
        if page + 1 == MAX_PAGES {
            batch.more = true;
        }
    }
    if let Some(token) = token {
        batch.cursor.tokens.insert(target.clone(), token);
    }
    Ok(())
}

async fn filter(
    clients: &Clients,
    query: &LogQuery,
    batch: &mut LogBatch,
    raw: &mut Vec<Raw>,
    names: &mut Names,
) -> Result<(), AwsError> {
    // Group → streams (None: the whole group).
    let mut groups: BTreeMap<String, Option<Vec<String>>> = BTreeMap::new();
    if let Some(group) = &query.whole_group {
        groups.insert(group.clone(), None);
    }
    for t in &query.targets {
        if let Some(streams) = groups.entry(t.group.clone()).or_insert(Some(Vec::new())) {
            streams.push(t.stream.clone());
        }
    }
    for (group, streams) in groups {
        let known = batch.cursor.groups.contains_key(&group);
        let mut cursor = batch
            .cursor
            .groups
            .get(&group)
            .cloned()
            .unwrap_or(FilterCursor {
                from: query.start_ms,
                seen: BTreeMap::new(),
            });
        let mut found = Vec::new();
        let chunks: Vec<Option<Vec<String>>> = match &streams {
            None => vec![None],
            Some(s) => s.chunks(NAMES_PER_CALL).map(|c| Some(c.to_vec())).collect(),
        };
        let mut full = false;
        for chunk in chunks {
            full |= filter_pages(clients, query, &group, chunk, cursor.from, &mut found).await?;
        }
        // Streams found since the last poll are read from the tail's start, once.
        let fresh: Vec<String> = query
            .fresh
            .iter()
            .filter(|t| t.group == group)
            .map(|t| t.stream.clone())
            .collect();
        if known && !fresh.is_empty() {
            for chunk in fresh.chunks(NAMES_PER_CALL) {
                let names = Some(chunk.to_vec());
                full |=
                    filter_pages(clients, query, &group, names, query.start_ms, &mut found).await?;
            }
        }
        let mut newest = cursor.seen.values().copied().max().unwrap_or(cursor.from);
        let mut ids_now = HashSet::new();
        for e in found {
            let id = e.event_id.clone();
            if cursor.seen.contains_key(&id) || !ids_now.insert(id.clone()) {
                continue;
            }
            newest = newest.max(e.timestamp);
            cursor.seen.insert(id, e.timestamp);
            raw.push(Raw {
                timestamp: e.timestamp,
                ingested: e.ingested,
                stream: names.get(&e.stream),
                message: e.message,
            });
        }
        // A full page without a next token (some emulators) means more is waiting:
        // continue from the newest event rather than re-reading the window.
        let from = if full {
            batch.more = true;
            newest
        } else {
            newest - LOOKBACK_MS
        };
        cursor.from = cursor.from.max(from);
        let keep_from = cursor.from;
        cursor.seen.retain(|_, ts| *ts >= keep_from);
        batch.cursor.groups.insert(group, cursor);
    }
    Ok(())
}

struct Filtered {
    event_id: String,
    timestamp: i64,
    ingested: i64,
    stream: String,
    message: String,
}

/// FilterLogEvents pages from `from`; true when a page came back full with no next
/// token (an endpoint that truncates instead of paging).
async fn filter_pages(
    clients: &Clients,
    query: &LogQuery,
    group: &str,
    streams: Option<Vec<String>>,
    from: i64,
    found: &mut Vec<Filtered>,
) -> Result<bool, AwsError> {
    const LIMIT: usize = 10_000;
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        clients.logs_budget.take().await;
        let out = clients
            .logs
            .filter_log_events()
            .log_group_name(group)
            .set_log_stream_names(streams.clone())
            .start_time(from)
            .set_filter_pattern((!query.pattern.is_empty()).then(|| query.pattern.clone()))
            .limit(LIMIT as i32)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| classify("logs:FilterLogEvents", &e))?;
        let count = out.events().len();
        found.extend(out.events().iter().map(|e| {
            let timestamp = e.timestamp().unwrap_or(0);
            let stream = e.log_stream_name().unwrap_or_default().to_string();
            let message = e.message().unwrap_or_default().to_string();
            Filtered {
                // Every FilterLogEvents event has an id; a stand-in keeps dedup working if not.
                event_id: e
                    .event_id()
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{stream}\u{0}{timestamp}\u{0}{message}")),
                timestamp,
                ingested: e.ingestion_time().unwrap_or(0),
                stream,
                message,
            }
        }));
        match out.next_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return Ok(count >= LIMIT),
        }
    }
    Ok(true)
}
