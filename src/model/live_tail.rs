//! CloudWatch Live Tail (StartLiveTail): what a session listens to, and what it
//! reports. Live Tail pushes events about a second after they are written but
//! is billed per session-minute, so it is opt-in; polling is the fallback.

use super::log_tail::{LogScope, LogTarget};
use super::LogEvent;

/// A session takes at most this many log groups.
pub const MAX_GROUPS: usize = 10;
/// A session takes at most this many stream names (and then exactly one group).
pub const MAX_STREAMS: usize = 100;

/// What one Live Tail session listens to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveTailPlan {
    /// Log group ARNs (Live Tail names groups by ARN, without the trailing `:*`).
    pub groups: Vec<String>,
    /// Stream names, when the tail reads named streams of one group; None reads
    /// whole groups (the pane keeps only its own streams).
    pub streams: Option<Vec<String>>,
    /// A CloudWatch filter pattern ("" for none).
    pub pattern: String,
}

impl LiveTailPlan {
    /// The session for a tail, or why Live Tail can't serve it. `account` and
    /// `region` make the group ARNs.
    pub fn for_tail(
        scope: &LogScope,
        targets: &[LogTarget],
        pattern: &str,
        account: &str,
        region: &str,
    ) -> Result<LiveTailPlan, String> {
        let mut groups: Vec<&str> = Vec::new();
        if let LogScope::Group { group } = scope {
            groups.push(group);
        }
        for t in targets {
            if !groups.contains(&t.group.as_str()) {
                groups.push(&t.group);
            }
        }
        if groups.is_empty() {
            return Err("no log stream to tail yet".into());
        }
        if groups.len() > MAX_GROUPS {
            return Err(format!(
                "Live Tail takes at most {MAX_GROUPS} log groups; this tail reads {}",
                groups.len()
            ));
        }
        if account.is_empty() {
            return Err("the account id is unknown, so the log group ARNs can't be made".into());
        }
        let named = !matches!(scope, LogScope::Group { .. })
            && groups.len() == 1
            && targets.len() <= MAX_STREAMS;
        let mut streams: Vec<String> = targets.iter().map(|t| t.stream.clone()).collect();
        streams.sort();
        streams.dedup();
        Ok(LiveTailPlan {
            groups: groups
                .iter()
                .map(|g| log_group_arn(region, account, g))
                .collect(),
            streams: named.then_some(streams),
            pattern: pattern.to_string(),
        })
    }
}

/// `arn:<partition>:logs:<region>:<account>:log-group:<name>` (no `:*`, as Live Tail wants).
pub fn log_group_arn(region: &str, account: &str, group: &str) -> String {
    let partition = if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    };
    format!("arn:{partition}:logs:{region}:{account}:log-group:{group}")
}

/// What a running session reports, in order: `Started`, any number of
/// `Events`, then `Ended` (or nothing, when the pane stopped it).
#[derive(Debug, Clone, PartialEq)]
pub enum LiveTailReport {
    /// AWS accepted the session: events written from now on are pushed.
    Started,
    /// Events pushed since the last report, in time order. `sampled`: AWS sent
    /// only a sample because more than it streams were written (about 500/s).
    Events {
        events: Vec<LogEvent>,
        sampled: bool,
    },
    /// The session is over: refused, broken, or timed out (three hours at most).
    Ended(crate::aws::AwsError),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(group: &str, stream: &str) -> LogTarget {
        LogTarget {
            group: group.into(),
            stream: stream.into(),
        }
    }

    fn service() -> LogScope {
        LogScope::Service {
            cluster: "c".into(),
            service: "web".into(),
        }
    }

    #[test]
    fn streams_of_one_group_are_named_and_groups_are_arns() {
        let targets = [
            target("/ecs/web", "ecs/web/b"),
            target("/ecs/web", "ecs/web/a"),
        ];
        let plan =
            LiveTailPlan::for_tail(&service(), &targets, "ERROR", "123456789012", "eu-west-1")
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            plan.groups,
            vec!["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web"]
        );
        assert_eq!(
            plan.streams,
            Some(vec!["ecs/web/a".into(), "ecs/web/b".into()])
        );
        assert_eq!(plan.pattern, "ERROR");
    }

    #[test]
    fn several_groups_are_tailed_whole_and_a_group_scope_never_names_streams() {
        let targets = [target("/ecs/web", "a"), target("/ecs/sidecar", "b")];
        let plan = LiveTailPlan::for_tail(&service(), &targets, "", "1", "us-east-1")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan.groups.len(), 2);
        assert_eq!(plan.streams, None, "stream names need exactly one group");

        let group = LogScope::Group { group: "/g".into() };
        let plan = LiveTailPlan::for_tail(&group, &[], "", "1", "us-east-1")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan.streams, None);
    }

    #[test]
    fn more_than_ten_groups_or_nothing_to_tail_is_refused_with_the_reason() {
        let targets: Vec<LogTarget> = (0..11).map(|i| target(&format!("/g{i}"), "s")).collect();
        let why = LiveTailPlan::for_tail(&service(), &targets, "", "1", "us-east-1")
            .err()
            .unwrap_or_default();
        assert!(
            why.contains("at most 10 log groups") && why.contains("11"),
            "{why}"
        );
        assert!(LiveTailPlan::for_tail(&service(), &[], "", "1", "us-east-1").is_err());
    }

    #[test]
    fn arns_carry_the_partition_of_the_region() {
        assert!(log_group_arn("cn-north-1", "1", "g").starts_with("arn:aws-cn:logs:cn-north-1:1:"));
        assert!(log_group_arn("us-gov-west-1", "1", "g").starts_with("arn:aws-us-gov:"));
        assert!(!log_group_arn("us-east-1", "1", "g").ends_with(":*"));
    }
}
