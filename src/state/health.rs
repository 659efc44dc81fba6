//! Metric trends and firing alarms of a view: its own request (one GetMetricData call for
//! every series on the view, plus DescribeAlarms), refreshed every minute, separately from
//! the view's main load.

use std::collections::HashMap;
use std::time::Duration;

use super::Load;
use crate::model::metrics::{combine, MetricSpec, Points};
use crate::model::{Alarm, MetricQuery, MetricsReport};

/// CloudWatch's period is a minute: asking more often shows nothing new.
pub const METRICS_EVERY: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Default)]
pub struct Health {
    pub load: Load,
    /// What the last request asked for; a different set (new rows) asks again at once.
    pub queries: Vec<MetricQuery>,
    pub series: HashMap<MetricQuery, Points>,
    pub alarms: Vec<Alarm>,
}

impl Health {
    pub fn store(&mut self, report: MetricsReport) {
        self.series = report.series.into_iter().collect();
        self.alarms = report.alarms;
    }

    pub fn points(&self, query: &MetricQuery) -> Option<&Points> {
        self.series.get(query)
    }

    /// One metric over several resources (members of a cluster or group), combined.
    pub fn combined(&self, spec: &MetricSpec, dimension: &str, ids: &[String]) -> Option<Points> {
        let found: Vec<&Points> = ids
            .iter()
            .filter_map(|id| self.points(&spec.query(&[(dimension, id)])))
            .collect();
        combine(found.into_iter(), spec.low_is_bad)
    }

    /// Alarms whose dimension `dimension` names one of `ids`.
    pub fn alarms_on<'a>(
        &'a self,
        dimension: &'a str,
        ids: &'a [String],
    ) -> impl Iterator<Item = &'a Alarm> + 'a {
        self.alarms
            .iter()
            .filter(move |a| a.points_at(dimension, ids))
    }
}
