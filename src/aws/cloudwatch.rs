//! CloudWatch reads for metric trends: every series a view shows in ONE GetMetricData
//! call (up to 500 queries, the API maximum), and the alarms currently in ALARM.

use aws_sdk_cloudwatch::types::{
    AlarmType, Dimension, Metric, MetricAlarm, MetricDataQuery, MetricStat, ScanBy, StateValue,
};
use aws_smithy_types::DateTime as AwsDateTime;

use super::rds::fail;
use super::{AwsError, Clients};
use crate::model::metrics::{Points, TREND_MINUTES};
use crate::model::{Alarm, MetricQuery, MetricsReport, Timestamp};
use crate::sanitize::one_line;

/// GetMetricData takes at most 500 queries per call.
pub const MAX_QUERIES: usize = 500;
/// One point per minute.
pub const PERIOD_SECONDS: i32 = 60;

/// The series for `queries` over the hour ending at `end` (a minute boundary), and the
/// alarms in ALARM, read concurrently.
pub async fn metrics(
    clients: &Clients,
    queries: &[MetricQuery],
    end: Timestamp,
) -> Result<MetricsReport, AwsError> {
    let (series, alarms) = tokio::try_join!(series(clients, queries, end), alarms(clients))?;
    Ok(MetricsReport { series, alarms })
}

fn query(i: usize, q: &MetricQuery) -> MetricDataQuery {
    let metric = Metric::builder()
        .namespace(&q.namespace)
        .metric_name(&q.name)
        .set_dimensions(Some(
            q.dimensions
                .iter()
                .map(|(k, v)| Dimension::builder().name(k).value(v).build())
                .collect(),
        ))
        .build();
    MetricDataQuery::builder()
        // Ids must start with a lower-case letter; the index maps results back.
        .id(format!("m{i}"))
        .metric_stat(
            MetricStat::builder()
                .metric(metric)
                .period(PERIOD_SECONDS)
                .stat(&q.stat)
                .build(),
        )
        .return_data(true)
        .build()
}

/// One call (more pages only when CloudWatch splits a very large answer).
pub async fn series(
    clients: &Clients,
    queries: &[MetricQuery],
    end: Timestamp,
) -> Result<Vec<(MetricQuery, Points)>, AwsError> {
    let queries = &queries[..queries.len().min(MAX_QUERIES)];
    let mut out: Vec<(MetricQuery, Points)> = queries
        .iter()
        .map(|q| (q.clone(), vec![None; TREND_MINUTES]))
        .collect();
    if queries.is_empty() {
        return Ok(out);
    }
    let start = end - chrono::TimeDelta::minutes(TREND_MINUTES as i64);
    let mut pages = clients
        .cloudwatch
        .get_metric_data()
        .set_metric_data_queries(Some(
            queries
                .iter()
                .enumerate()
                .map(|(i, q)| query(i, q))
                .collect(),
        ))
        .start_time(AwsDateTime::from_secs(start.timestamp()))
        .end_time(AwsDateTime::from_secs(end.timestamp()))
        .scan_by(ScanBy::TimestampAscending)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(fail!("cloudwatch:GetMetricData"))?;
        for result in page.metric_data_results() {
            let Some(index) = result
                .id()
                .and_then(|id| id.strip_prefix('m'))
                .and_then(|n| n.parse::<usize>().ok())
            else {
                continue;
            };
            let Some((_, points)) = out.get_mut(index) else {
                continue;
            };
            for (t, v) in result.timestamps().iter().zip(result.values()) {
                if let Some(slot) = slot(start, t.secs()) {
                    points[slot] = Some(*v);
                }
            }
        }
    }
    Ok(out)
}

/// Which minute of the hour a timestamp falls in; None outside it.
pub fn slot(start: Timestamp, secs: i64) -> Option<usize> {
    let offset = secs - start.timestamp();
    if offset < 0 {
        return None;
    }
    let i = (offset / PERIOD_SECONDS as i64) as usize;
    (i < TREND_MINUTES).then_some(i)
}

/// Metric alarms in ALARM, paged to the end.
pub async fn alarms(clients: &Clients) -> Result<Vec<Alarm>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients
        .cloudwatch
        .describe_alarms()
        .state_value(StateValue::Alarm)
        .alarm_types(AlarmType::MetricAlarm)
        // The API's largest page: fewest calls when many alarms fire at once.
        .max_records(100)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(fail!("cloudwatch:DescribeAlarms"))?;
        out.extend(page.metric_alarms().iter().map(alarm));
    }
    Ok(out)
}

pub fn alarm(a: &MetricAlarm) -> Alarm {
    let dim = |d: &Dimension| {
        (
            one_line(d.name().unwrap_or_default()),
            one_line(d.value().unwrap_or_default()),
        )
    };
    // A metric-math alarm keeps its dimensions in its queries.
    let mut dimensions: Vec<(String, String)> = a.dimensions().iter().map(dim).collect();
    for q in a.metrics() {
        if let Some(m) = q.metric_stat().and_then(|s| s.metric()) {
            dimensions.extend(m.dimensions().iter().map(dim));
        }
    }
    Alarm {
        name: one_line(a.alarm_name().unwrap_or_default()),
        reason: one_line(a.state_reason().unwrap_or_default()),
        namespace: one_line(a.namespace().unwrap_or_default()),
        metric: one_line(a.metric_name().unwrap_or_default()),
        dimensions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_land_in_their_minute_and_outside_points_are_dropped() {
        let start = chrono::DateTime::from_timestamp(1_763_896_400, 0).unwrap_or_default();
        let s = start.timestamp();
        assert_eq!(slot(start, s), Some(0));
        assert_eq!(slot(start, s + 59), Some(0));
        assert_eq!(slot(start, s + 60 * 59 + 30), Some(59));
        assert_eq!(slot(start, s + 3600), None);
        assert_eq!(slot(start, s - 1), None);
    }

    #[test]
    fn a_metric_math_alarm_still_points_at_its_resource() {
        let a = MetricAlarm::builder()
            .alarm_name("orders-db-io")
            .state_reason("Threshold Crossed")
            .metrics(
                MetricDataQuery::builder()
                    .id("m1")
                    .metric_stat(
                        MetricStat::builder()
                            .metric(
                                Metric::builder()
                                    .namespace("AWS/RDS")
                                    .metric_name("ReadIOPS")
                                    .dimensions(
                                        Dimension::builder()
                                            .name("DBInstanceIdentifier")
                                            .value("orders-db")
                                            .build(),
                                    )
                                    .build(),
                            )
                            .build(),
                    )
                    .build(),
            )
            .build();
        assert!(alarm(&a).points_at("DBInstanceIdentifier", &["orders-db".into()]));
    }
}
