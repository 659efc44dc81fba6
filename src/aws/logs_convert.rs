//! CloudWatch Logs and ECS task-definition SDK types → the logs model.

use aws_sdk_cloudwatchlogs::types as cw;
use aws_sdk_ecs::types as ecs;

use crate::model::log_tail::ContainerLogConfig;
use crate::model::{LogGroup, LogStream, Timestamp};

fn millis(ms: Option<i64>) -> Option<Timestamp> {
    ms.and_then(chrono::DateTime::from_timestamp_millis)
}

pub fn log_group(g: &cw::LogGroup) -> LogGroup {
    LogGroup {
        name: g.log_group_name().unwrap_or_default().to_string(),
        stored_bytes: g.stored_bytes().unwrap_or(0),
        retention_days: g.retention_in_days(),
        created_at: millis(g.creation_time()),
    }
}

pub fn log_stream(s: &cw::LogStream) -> LogStream {
    LogStream {
        name: s.log_stream_name().unwrap_or_default().to_string(),
        last_event_at: millis(s.last_event_timestamp().or(s.last_ingestion_time())),
        created_at: millis(s.creation_time()),
    }
}

/// The awslogs settings of a container definition, or why it has none.
pub fn container_log_config(c: &ecs::ContainerDefinition, region: &str) -> ContainerLogConfig {
    let container = c.name().unwrap_or_default().to_string();
    let none = |note: String| ContainerLogConfig {
        container: container.clone(),
        group: None,
        stream_prefix: None,
        note: Some(note),
    };
    let Some(config) = c.log_configuration() else {
        return none(format!("{container}: no log configuration"));
    };
    if *config.log_driver() != ecs::LogDriver::Awslogs {
        return none(format!(
            "{container}: logs with the {} driver, not awslogs",
            config.log_driver().as_str()
        ));
    }
    let option = |name: &str| config.options().and_then(|o| o.get(name)).cloned();
    let Some(group) = option("awslogs-group") else {
        return none(format!("{container}: awslogs without awslogs-group"));
    };
    let Some(prefix) = option("awslogs-stream-prefix") else {
        return none(format!(
            "{container}: awslogs without a stream prefix (streams are named by container id)"
        ));
    };
    let note = option("awslogs-region")
        .filter(|r| !region.is_empty() && r != region)
        .map(|r| format!("{container}: logs go to region {r}, not this one"));
    ContainerLogConfig {
        container,
        group: note.is_none().then_some(group),
        stream_prefix: Some(prefix),
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(
        driver: Option<ecs::LogDriver>,
        options: &[(&str, &str)],
    ) -> ecs::ContainerDefinition {
        let mut c = ecs::ContainerDefinition::builder().name("api");
        if let Some(driver) = driver {
            let mut lc = ecs::LogConfiguration::builder().log_driver(driver);
            for (k, v) in options {
                lc = lc.options(*k, *v);
            }
            c = c.log_configuration(lc.build().unwrap_or_else(|e| panic!("{e}")));
        }
        c.build()
    }

    #[test]
    fn awslogs_containers_name_their_group_and_stream() {
        let c = container(
            Some(ecs::LogDriver::Awslogs),
            &[
                ("awslogs-group", "/ecs/omni"),
                ("awslogs-stream-prefix", "omni-web"),
                ("awslogs-region", "us-east-1"),
            ],
        );
        let config = container_log_config(&c, "us-east-1");
        let target = config
            .target("abc123")
            .unwrap_or_else(|| panic!("a target"));
        assert_eq!(target.group, "/ecs/omni");
        assert_eq!(target.stream, "omni-web/api/abc123");
    }

    #[test]
    fn containers_without_awslogs_say_why() {
        let none = container_log_config(&container(None, &[]), "us-east-1");
        assert_eq!(none.note.as_deref(), Some("api: no log configuration"));
        assert!(none.target("t").is_none());
        let splunk = container_log_config(&container(Some(ecs::LogDriver::Splunk), &[]), "");
        assert!(splunk.note.unwrap_or_default().contains("splunk driver"));
        let elsewhere = container_log_config(
            &container(
                Some(ecs::LogDriver::Awslogs),
                &[
                    ("awslogs-group", "g"),
                    ("awslogs-stream-prefix", "p"),
                    ("awslogs-region", "eu-west-1"),
                ],
            ),
            "us-east-1",
        );
        assert!(elsewhere.target("t").is_none());
        assert!(elsewhere.note.unwrap_or_default().contains("eu-west-1"));
    }
}
