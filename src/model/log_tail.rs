//! What a log tail reads and where it got to: the scope (a service, a task, a
//! container, streams of a group), where it starts, and the cursor that makes
//! every poll continue exactly where the last one ended (no duplicates, no gaps).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::logs::LogEvent;
use super::Timestamp;

/// What the logs pane tails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogScope {
    /// Every container of every task of the service (new tasks join while tailing).
    Service { cluster: String, service: String },
    /// Every container of one task.
    Task { cluster: String, task_arn: String },
    /// One container of one task.
    Container {
        cluster: String,
        task_arn: String,
        container: String,
    },
    /// Named streams of a log group (one or several).
    Streams { group: String, streams: Vec<String> },
    /// A whole log group (new streams appear by themselves).
    Group { group: String },
}

impl LogScope {
    /// ECS scopes find their streams from the task definition's awslogs settings.
    pub fn needs_discovery(&self) -> bool {
        matches!(
            self,
            LogScope::Service { .. } | LogScope::Task { .. } | LogScope::Container { .. }
        )
    }

    /// A short name for the title and for saved files.
    pub fn label(&self) -> String {
        match self {
            LogScope::Service { service, .. } => service.clone(),
            LogScope::Task { task_arn, .. } => {
                format!("task {}", short(super::arn_tail(task_arn)))
            }
            LogScope::Container {
                task_arn,
                container,
                ..
            } => format!("{container} of task {}", short(super::arn_tail(task_arn))),
            LogScope::Streams { group, streams } if streams.len() == 1 => {
                format!("{group} › {}", streams[0])
            }
            LogScope::Streams { group, streams } => format!("{group} › {} streams", streams.len()),
            LogScope::Group { group } => group.clone(),
        }
    }
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// One stream to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LogTarget {
    pub group: String,
    pub stream: String,
}

/// The awslogs settings of one container of a task definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerLogConfig {
    pub container: String,
    /// None when the container does not log with the awslogs driver (the why is in `note`).
    pub group: Option<String>,
    pub stream_prefix: Option<String>,
    pub note: Option<String>,
}

impl ContainerLogConfig {
    /// The stream of this container in a task: `<prefix>/<container>/<task id>`.
    pub fn target(&self, task_id: &str) -> Option<LogTarget> {
        Some(LogTarget {
            group: self.group.clone()?,
            stream: format!(
                "{}/{}/{task_id}",
                self.stream_prefix.as_ref()?,
                self.container
            ),
        })
    }
}

/// Streams found for an ECS scope, and why some containers have none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Discovered {
    pub targets: Vec<LogTarget>,
    pub notes: Vec<String>,
}

/// Where a tail starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartPoint {
    /// The last N events.
    Last(usize),
    /// Events of the last N seconds.
    Since(i64),
    /// Events from this instant.
    At(Timestamp),
}

impl Default for StartPoint {
    fn default() -> Self {
        StartPoint::Last(500)
    }
}

impl StartPoint {
    /// `500` (lines), `30s` `5m` `1h` `2d`, `14:05` (UTC today), `2026-11-23 14:05[:ss]`,
    /// or RFC 3339. None when the text is none of these.
    pub fn parse(text: &str, now: Timestamp) -> Option<StartPoint> {
        let t = text.trim();
        if let Ok(n) = t.parse::<usize>() {
            return (n > 0).then_some(StartPoint::Last(n));
        }
        if let Some(unit) = t.chars().last().filter(|c| "smhd".contains(*c)) {
            if let Ok(n) = t[..t.len() - 1].parse::<i64>() {
                let secs = match unit {
                    's' => n,
                    'm' => n * 60,
                    'h' => n * 3600,
                    _ => n * 86_400,
                };
                return (n > 0).then_some(StartPoint::Since(secs));
            }
        }
        if let Ok(at) = chrono::DateTime::parse_from_rfc3339(t) {
            return Some(StartPoint::At(at.with_timezone(&Utc)));
        }
        for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"] {
            if let Ok(at) = NaiveDateTime::parse_from_str(t, format) {
                return Some(StartPoint::At(Utc.from_utc_datetime(&at)));
            }
        }
        for format in ["%H:%M:%S", "%H:%M"] {
            if let Ok(time) = NaiveTime::parse_from_str(t, format) {
                let today: NaiveDate = now.date_naive();
                let mut at = Utc.from_utc_datetime(&today.and_time(time));
                if at > now {
                    at -= chrono::Duration::days(1);
                }
                return Some(StartPoint::At(at));
            }
        }
        None
    }

    /// As typed into the start prompt.
    pub fn text(&self) -> String {
        match self {
            StartPoint::Last(n) => n.to_string(),
            StartPoint::Since(s) if s % 86_400 == 0 => format!("{}d", s / 86_400),
            StartPoint::Since(s) if s % 3600 == 0 => format!("{}h", s / 3600),
            StartPoint::Since(s) if s % 60 == 0 => format!("{}m", s / 60),
            StartPoint::Since(s) => format!("{s}s"),
            StartPoint::At(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        }
    }

    /// As shown in the pane's title.
    pub fn describe(&self) -> String {
        match self {
            StartPoint::Last(n) => format!("last {n}"),
            StartPoint::At(_) => format!("since {} UTC", self.text()),
            _ => format!("since {}", self.text()),
        }
    }
}

/// How a tail reads: one GetLogEvents per stream (exact forward tokens), or
/// FilterLogEvents per group (many streams in one call, or a filter pattern).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TailMethod {
    PerStream,
    Filter,
}

/// Up to this many streams are read one GetLogEvents each; more go through FilterLogEvents.
pub const PER_STREAM_MAX: usize = 3;

impl TailMethod {
    pub fn choose(streams: usize, whole_group: bool, pattern: &str) -> TailMethod {
        if whole_group || !pattern.is_empty() || streams > PER_STREAM_MAX {
            TailMethod::Filter
        } else {
            TailMethod::PerStream
        }
    }
}

/// Where a FilterLogEvents tail of one group got to. Each poll asks again from
/// `from` (a window behind the newest event, so events that reach CloudWatch late
/// from another stream are not missed) and skips the event ids already seen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterCursor {
    pub from: i64,
    /// Event id → timestamp, for every event seen at or after `from`.
    pub seen: BTreeMap<String, i64>,
}

/// Where each stream or group of a tail got to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TailCursor {
    /// GetLogEvents: the forward token per stream.
    pub tokens: BTreeMap<LogTarget, String>,
    /// FilterLogEvents: per group.
    pub groups: BTreeMap<String, FilterCursor>,
}

/// One poll of a tail, as the runner needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogQuery {
    pub method: TailMethod,
    /// Streams to read; empty with `whole_group` set reads every stream of it.
    pub targets: Vec<LogTarget>,
    pub whole_group: Option<String>,
    /// Streams never read yet (discovered since the last poll): read from `start_ms`.
    pub fresh: Vec<LogTarget>,
    /// A CloudWatch filter pattern ("" for none).
    pub pattern: String,
    pub start_ms: i64,
    /// Read only the last N events of each stream the first time (PerStream).
    pub last: Option<usize>,
    pub cursor: TailCursor,
}

/// What a poll brought: new events in time order and the cursor to continue from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogBatch {
    pub events: Vec<LogEvent>,
    pub cursor: TailCursor,
    /// More were waiting than one poll reads; poll again soon.
    pub more: bool,
    /// Streams that do not exist (yet): a task whose container has not logged.
    pub missing: Vec<LogTarget>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        chrono::DateTime::from_timestamp(1_763_900_000, 0).unwrap_or_default()
    }

    #[test]
    fn start_points_parse_from_what_people_type() {
        assert_eq!(StartPoint::parse("200", now()), Some(StartPoint::Last(200)));
        assert_eq!(StartPoint::parse("5m", now()), Some(StartPoint::Since(300)));
        assert_eq!(
            StartPoint::parse("1h", now()),
            Some(StartPoint::Since(3600))
        );
        let at = StartPoint::parse("2025-11-23 10:15", now());
        assert_eq!(at.map(|s| s.text()), Some("2025-11-23 10:15:00".into()));
        // A time of day later than now means yesterday.
        let Some(StartPoint::At(t)) = StartPoint::parse("23:59", now()) else {
            panic!("time of day parses");
        };
        assert!(t <= now() && now() - t < chrono::Duration::days(1));
        assert_eq!(StartPoint::parse("soon", now()), None);
        assert_eq!(StartPoint::parse("0", now()), None);
    }

    #[test]
    fn few_streams_read_one_by_one_many_or_filtered_through_filter_events() {
        assert_eq!(TailMethod::choose(2, false, ""), TailMethod::PerStream);
        assert_eq!(TailMethod::choose(8, false, ""), TailMethod::Filter);
        assert_eq!(TailMethod::choose(1, false, "ERROR"), TailMethod::Filter);
        assert_eq!(TailMethod::choose(0, true, ""), TailMethod::Filter);
    }
}
