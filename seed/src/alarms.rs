//! CloudWatch alarms: three in ALARM (a database, a cache node and a service) and one OK.
//! The alarms in ALARM watch metrics the demo does not publish, so the emulator's alarm
//! evaluation (which runs on every PutMetricData) leaves the state set here alone.

use anyhow::Result;
use aws_sdk_cloudwatch::types::{ComparisonOperator, Dimension, StateValue, Statistic};

use crate::aws::{Aws, Ctx};
use crate::catalog::{PROJECTS, REPLICATION_GROUP};
use crate::rds;

pub struct SeededAlarm {
    pub name: String,
    namespace: &'static str,
    metric: &'static str,
    dimensions: Vec<(&'static str, String)>,
    operator: ComparisonOperator,
    threshold: f64,
    /// Some: forced into ALARM with this reason.
    firing: Option<&'static str>,
}

pub fn all() -> Vec<SeededAlarm> {
    let cluster = PROJECTS[0].cluster.to_string();
    vec![
        SeededAlarm {
            name: format!("{}-disk-queue-high", rds::INSTANCES[0].id),
            namespace: "AWS/RDS",
            metric: "DiskQueueDepth",
            dimensions: vec![("DBInstanceIdentifier", rds::INSTANCES[0].id.to_string())],
            operator: ComparisonOperator::GreaterThanThreshold,
            threshold: 10.0,
            firing: Some("Threshold Crossed: 3 out of the last 3 datapoints [14.2 (23/11/26 16:02:00), 12.8 (23/11/26 16:01:00), 11.0 (23/11/26 16:00:00)] were greater than the threshold (10.0) (minimum 3 datapoints for OK -> ALARM transition)."),
        },
        SeededAlarm {
            name: format!("{REPLICATION_GROUP}-swap-high"),
            namespace: "AWS/ElastiCache",
            metric: "SwapUsage",
            dimensions: vec![("CacheClusterId", format!("{REPLICATION_GROUP}-0001-001"))],
            operator: ComparisonOperator::GreaterThanThreshold,
            threshold: 50e6,
            firing: Some("Threshold Crossed: 1 datapoint [71303168.0 (23/11/26 16:03:00)] was greater than the threshold (5.0E7)."),
        },
        SeededAlarm {
            name: "omni-searcher-running-tasks-low".into(),
            namespace: "ECS/ContainerInsights",
            metric: "RunningTaskCount",
            dimensions: vec![
                ("ClusterName", cluster.clone()),
                ("ServiceName", "omni-searcher".into()),
            ],
            operator: ComparisonOperator::LessThanThreshold,
            threshold: 2.0,
            firing: Some("Threshold Crossed: 2 out of the last 2 datapoints [1.0 (23/11/26 16:03:00), 1.0 (23/11/26 16:02:00)] were less than the threshold (2.0)."),
        },
        SeededAlarm {
            name: "omni-web-cpu-high".into(),
            namespace: "AWS/ECS",
            metric: "CPUUtilization",
            dimensions: vec![("ClusterName", cluster), ("ServiceName", "omni-web".into())],
            operator: ComparisonOperator::GreaterThanThreshold,
            threshold: 90.0,
            firing: None,
        },
    ]
}

/// Creates the alarms; returns how many are in ALARM.
pub async fn seed(aws: &Aws) -> Result<usize> {
    let alarms = all();
    for a in &alarms {
        aws.cw
            .put_metric_alarm()
            .alarm_name(&a.name)
            .namespace(a.namespace)
            .metric_name(a.metric)
            .set_dimensions(Some(
                a.dimensions
                    .iter()
                    .map(|(k, v)| Dimension::builder().name(*k).value(v).build())
                    .collect(),
            ))
            .statistic(Statistic::Average)
            .period(60)
            .evaluation_periods(3)
            .threshold(a.threshold)
            .comparison_operator(a.operator.clone())
            .send()
            .await
            .ctx(format!("PutMetricAlarm {}", a.name))?;
        if let Some(reason) = a.firing {
            aws.cw
                .set_alarm_state()
                .alarm_name(&a.name)
                .state_value(StateValue::Alarm)
                .state_reason(reason)
                .send()
                .await
                .ctx(format!("SetAlarmState {}", a.name))?;
        }
    }
    Ok(alarms.iter().filter(|a| a.firing.is_some()).count())
}
