//! CloudWatch metric series (the last hour, one point a minute) and alarms in ALARM.

/// Minutes in a trend: the last hour at a one-minute period.
pub const TREND_MINUTES: usize = 60;

/// How a metric's values read on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Percent,
    Bytes,
    Seconds,
    Count,
}

/// One series to fetch: a metric, its dimensions and the statistic.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MetricQuery {
    pub namespace: String,
    pub name: String,
    pub stat: String,
    pub dimensions: Vec<(String, String)>,
}

/// A metric a pane shows: what to ask for and how to label it.
#[derive(Debug, Clone, Copy)]
pub struct MetricSpec {
    pub label: &'static str,
    pub namespace: &'static str,
    pub name: &'static str,
    pub stat: &'static str,
    pub unit: Unit,
    /// Low values are the bad ones (free storage, freeable memory): members combine by
    /// their minimum instead of their maximum.
    pub low_is_bad: bool,
}

impl MetricSpec {
    pub fn query(&self, dimensions: &[(&str, &str)]) -> MetricQuery {
        MetricQuery {
            namespace: self.namespace.into(),
            name: self.name.into(),
            stat: self.stat.into(),
            dimensions: dimensions
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}

const fn spec(
    label: &'static str,
    namespace: &'static str,
    name: &'static str,
    stat: &'static str,
    unit: Unit,
) -> MetricSpec {
    MetricSpec {
        label,
        namespace,
        name,
        stat,
        unit,
        low_is_bad: false,
    }
}

const fn low_is_bad(s: MetricSpec) -> MetricSpec {
    MetricSpec {
        low_is_bad: true,
        ..s
    }
}

/// RDS, per DB instance (dimension DBInstanceIdentifier).
pub const RDS_METRICS: &[MetricSpec] = &[
    spec("cpu", "AWS/RDS", "CPUUtilization", "Average", Unit::Percent),
    spec(
        "connections",
        "AWS/RDS",
        "DatabaseConnections",
        "Average",
        Unit::Count,
    ),
    low_is_bad(spec(
        "free storage",
        "AWS/RDS",
        "FreeStorageSpace",
        "Minimum",
        Unit::Bytes,
    )),
    low_is_bad(spec(
        "freeable memory",
        "AWS/RDS",
        "FreeableMemory",
        "Minimum",
        Unit::Bytes,
    )),
    spec(
        "read latency",
        "AWS/RDS",
        "ReadLatency",
        "Average",
        Unit::Seconds,
    ),
    spec(
        "write latency",
        "AWS/RDS",
        "WriteLatency",
        "Average",
        Unit::Seconds,
    ),
];

/// Redis, per cache cluster (dimension CacheClusterId). Engine CPU is the one that
/// saturates (Redis is single-threaded); host CPU is shown too for small nodes.
pub const REDIS_METRICS: &[MetricSpec] = &[
    spec(
        "engine cpu",
        "AWS/ElastiCache",
        "EngineCPUUtilization",
        "Average",
        Unit::Percent,
    ),
    spec(
        "host cpu",
        "AWS/ElastiCache",
        "CPUUtilization",
        "Average",
        Unit::Percent,
    ),
    spec(
        "memory used",
        "AWS/ElastiCache",
        "DatabaseMemoryUsagePercentage",
        "Average",
        Unit::Percent,
    ),
    spec(
        "connections",
        "AWS/ElastiCache",
        "CurrConnections",
        "Average",
        Unit::Count,
    ),
    spec(
        "evictions",
        "AWS/ElastiCache",
        "Evictions",
        "Sum",
        Unit::Count,
    ),
    spec(
        "replication lag",
        "AWS/ElastiCache",
        "ReplicationLag",
        "Average",
        Unit::Seconds,
    ),
];

/// ECS, per service (dimensions ClusterName + ServiceName).
pub const ECS_CPU: MetricSpec = spec("cpu", "AWS/ECS", "CPUUtilization", "Average", Unit::Percent);
pub const ECS_MEMORY: MetricSpec = spec(
    "memory",
    "AWS/ECS",
    "MemoryUtilization",
    "Average",
    Unit::Percent,
);

/// The points of one series, oldest first, one per minute; `None` where CloudWatch has
/// no data (a gap, never a zero).
pub type Points = Vec<Option<f64>>;

/// Several members' series as one: per minute the worst present value (max, or min when
/// low is bad); a minute none of them reported stays a gap.
pub fn combine<'a>(series: impl Iterator<Item = &'a Points>, low_is_bad: bool) -> Option<Points> {
    let mut out: Option<Points> = None;
    for points in series {
        let acc = out.get_or_insert_with(|| vec![None; points.len()]);
        for (a, p) in acc.iter_mut().zip(points) {
            *a = match (*a, *p) {
                (None, p) => p,
                (a, None) => a,
                (Some(x), Some(y)) if low_is_bad => Some(x.min(y)),
                (Some(x), Some(y)) => Some(x.max(y)),
            };
        }
    }
    out
}

/// Summary of a series: the latest point, and the range over the hour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// The newest point present. CloudWatch publishes a minute or more late, so the newest
    /// minute is often still a gap; the bars show that gap, the value the last known point.
    pub current: Option<f64>,
    pub min: f64,
    pub max: f64,
}

/// None when the series has no point at all.
pub fn stats(points: &[Option<f64>]) -> Option<Stats> {
    let present = points.iter().flatten().copied();
    let (min, max) = present.fold(None, |acc: Option<(f64, f64)>, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })?;
    Some(Stats {
        current: points.iter().rev().find_map(|p| *p),
        min,
        max,
    })
}

/// A value in the metric's unit, short: `34%`, `5.6G`, `1.2ms`, `46`.
pub fn format_value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Percent => format!("{v:.0}%"),
        Unit::Count if v >= 10_000.0 => format!("{:.0}k", v / 1000.0),
        Unit::Count if v.fract() == 0.0 || v >= 100.0 => format!("{v:.0}"),
        Unit::Count => format!("{v:.1}"),
        Unit::Seconds if v < 1.0 => format!("{:.1}ms", v * 1000.0),
        Unit::Seconds => format!("{v:.2}s"),
        Unit::Bytes => {
            const STEPS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")];
            STEPS.iter().find(|(size, _)| v >= *size).map_or_else(
                || format!("{v:.0}B"),
                |(size, s)| format!("{:.1}{s}", v / size),
            )
        }
    }
}

/// A CloudWatch alarm currently in ALARM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    pub name: String,
    pub reason: String,
    pub namespace: String,
    pub metric: String,
    pub dimensions: Vec<(String, String)>,
}

impl Alarm {
    /// Does the alarm watch this resource (a dimension name with one of these values)?
    /// Alarms on ECS services carry both ClusterName and ServiceName; see [`Alarm::on_service`].
    pub fn points_at(&self, dimension: &str, values: &[String]) -> bool {
        self.dimensions
            .iter()
            .any(|(k, v)| k == dimension && values.iter().any(|x| x == v))
    }

    pub fn on_service(&self, cluster: &str, service: &str) -> bool {
        self.points_at("ClusterName", &[cluster.to_string()])
            && self.points_at("ServiceName", &[service.to_string()])
    }
}

/// What one metrics request brings back for a view.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsReport {
    pub series: Vec<(MetricQuery, Points)>,
    pub alarms: Vec<Alarm>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_skip_gaps_instead_of_counting_them_as_zero() {
        let s = stats(&[Some(40.0), None, Some(10.0), None]).unwrap_or_else(|| panic!("stats"));
        assert_eq!((s.min, s.max, s.current), (10.0, 40.0, Some(10.0)));
        assert!(stats(&[None, None]).is_none());
    }

    #[test]
    fn members_combine_by_their_worst_value_and_keep_common_gaps() {
        let a = vec![Some(10.0), None, None];
        let b = vec![Some(30.0), Some(5.0), None];
        let max = combine([&a, &b].into_iter(), false).unwrap_or_default();
        assert_eq!(max, vec![Some(30.0), Some(5.0), None]);
        let min = combine([&a, &b].into_iter(), true).unwrap_or_default();
        assert_eq!(min, vec![Some(10.0), Some(5.0), None]);
    }

    #[test]
    fn values_read_in_their_unit() {
        assert_eq!(format_value(Unit::Percent, 34.4), "34%");
        assert_eq!(format_value(Unit::Bytes, 5.6e9), "5.6G");
        assert_eq!(format_value(Unit::Seconds, 0.0012), "1.2ms");
        assert_eq!(format_value(Unit::Count, 46.0), "46");
    }
}
