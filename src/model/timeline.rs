//! The deploy timeline of a service: the owning stack's events, the service's deployments,
//! its events and its tasks starting and stopping, merged into one time-ordered list.

use chrono::TimeDelta;

use super::stack::StackEvent;
use super::{Service, Severity, Task, Timestamp};

/// Everything the timeline is made from, as one request returns it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimelineData {
    pub service: Service,
    /// From the service's `aws:cloudformation:stack-name` tag.
    pub stack: Option<String>,
    /// Newest first.
    pub stack_events: Vec<StackEvent>,
    /// Running and recently stopped tasks of the service.
    pub tasks: Vec<Task>,
}

/// Where an entry comes from (its tag on screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Stack,
    Deployment,
    Event,
    Task,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Stack => "stack",
            Source::Deployment => "deploy",
            Source::Event => "event",
            Source::Task => "task",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub at: Timestamp,
    pub source: Source,
    pub severity: Severity,
    pub text: String,
}

/// How far back the timeline reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// Since the PRIMARY deployment was created.
    #[default]
    CurrentDeployment,
    Hours(i64),
}

impl Window {
    /// The next window for the key that cycles them.
    pub fn next(self) -> Window {
        match self {
            Window::CurrentDeployment => Window::Hours(1),
            Window::Hours(1) => Window::Hours(6),
            Window::Hours(6) => Window::Hours(24),
            _ => Window::CurrentDeployment,
        }
    }

    pub fn label(self) -> String {
        match self {
            Window::CurrentDeployment => "since the current deployment started".into(),
            Window::Hours(h) => format!("last {h} h"),
        }
    }

    /// The first instant shown. Without a deployment time the current-deployment window
    /// falls back to the last hour.
    pub fn start(self, service: &Service, now: Timestamp) -> Timestamp {
        match self {
            Window::CurrentDeployment => service
                .primary_deployment()
                .and_then(|d| d.created_at)
                .unwrap_or(now - TimeDelta::hours(1)),
            Window::Hours(h) => now - TimeDelta::hours(h),
        }
    }
}

/// Merge the sources into one list, newest first, keeping entries at or after `since`.
/// Entries at the same instant keep a fixed order (stack, deployment, event, task, then the
/// order their source gave them, newest first: a task's stop before its start), so refreshes
/// never shuffle the screen.
pub fn merge(data: &TimelineData, since: Timestamp) -> Vec<TimelineEntry> {
    let mut out: Vec<TimelineEntry> = Vec::new();
    for e in &data.stack_events {
        if let Some(at) = e.at {
            let mut text = format!("{} {} {}", e.logical_id, e.resource_type, e.status);
            if !e.reason.is_empty() {
                text.push_str(": ");
                text.push_str(&e.reason);
            }
            out.push(TimelineEntry {
                at,
                source: Source::Stack,
                severity: Severity::of_stack_status(&e.status),
                text,
            });
        }
    }
    for d in &data.service.deployments {
        let revision = super::arn_tail(&d.task_definition);
        let finished = matches!(d.rollout_state.as_str(), "COMPLETED" | "FAILED");
        if let (true, Some(at)) = (finished, d.updated_at) {
            let mut text = format!(
                "deployment {} {}: {revision}",
                d.id,
                d.rollout_state.to_lowercase()
            );
            if !d.rollout_reason.is_empty() {
                text.push_str(" — ");
                text.push_str(&d.rollout_reason);
            }
            out.push(TimelineEntry {
                at,
                source: Source::Deployment,
                severity: Severity::of_rollout(&d.rollout_state),
                text,
            });
        }
        if let Some(at) = d.created_at {
            out.push(TimelineEntry {
                at,
                source: Source::Deployment,
                severity: Severity::Progress,
                text: format!(
                    "deployment {} started: {revision}, {} desired",
                    d.id, d.desired
                ),
            });
        }
    }
    for e in &data.service.events {
        if let Some(at) = e.created_at {
            out.push(TimelineEntry {
                at,
                source: Source::Event,
                severity: service_event_severity(&e.message),
                text: e.message.clone(),
            });
        }
    }
    // Tasks arrive in whatever order their describe calls finished; fix one.
    let mut tasks: Vec<&Task> = data.tasks.iter().collect();
    tasks.sort_by(|a, b| a.arn.cmp(&b.arn));
    for t in tasks {
        let revision = t.task_definition_short();
        if let Some(at) = t.stopped_at {
            let mut text = format!("task {} stopped ({revision})", t.short_id());
            if !t.stopped_reason.is_empty() {
                text.push_str(": ");
                text.push_str(&t.stopped_reason);
            }
            out.push(TimelineEntry {
                at,
                source: Source::Task,
                severity: stop_severity(&t.stop_code),
                text,
            });
        }
        if let Some(at) = t.started_at {
            out.push(TimelineEntry {
                at,
                source: Source::Task,
                severity: Severity::Ok,
                text: format!("task {} started ({revision})", t.short_id()),
            });
        }
    }
    out.retain(|e| e.at >= since);
    // A stable sort: ties keep source order, then the order within the source.
    out.sort_by(|a, b| b.at.cmp(&a.at).then(a.source.cmp(&b.source)));
    out
}

/// A task stopped by ECS to replace or scale is routine; one whose container exited or
/// that failed to start is what the reader looks for.
fn stop_severity(stop_code: &str) -> Severity {
    match stop_code {
        "EssentialContainerExited" | "TaskFailedToStart" | "SpotInterruption" => Severity::Failed,
        _ => Severity::Muted,
    }
}

/// Service events carry no severity; their wording does.
pub fn service_event_severity(message: &str) -> Severity {
    let m = message.to_ascii_lowercase();
    if m.contains("unable")
        || m.contains("failed")
        || m.contains("unhealthy")
        || m.contains("error")
    {
        Severity::Failed
    } else if m.contains("rolling back") || m.contains("rolled back") {
        Severity::Rollback
    } else if m.contains("steady state") || m.contains("deployment completed") {
        Severity::Ok
    } else {
        Severity::Neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deployment, ServiceEvent};

    fn at(secs: i64) -> Timestamp {
        chrono::DateTime::from_timestamp(1_763_900_000 + secs, 0).unwrap_or_default()
    }

    fn data() -> TimelineData {
        let service = Service {
            name: "web".into(),
            deployments: vec![
                Deployment {
                    id: "ecs-svc/2".into(),
                    status: "PRIMARY".into(),
                    task_definition: "arn:aws:ecs:us-east-1:1:task-definition/web:8".into(),
                    desired: 2,
                    rollout_state: "IN_PROGRESS".into(),
                    created_at: Some(at(100)),
                    updated_at: Some(at(160)),
                    ..Default::default()
                },
                Deployment {
                    id: "ecs-svc/1".into(),
                    status: "ACTIVE".into(),
                    task_definition: "arn:aws:ecs:us-east-1:1:task-definition/web:7".into(),
                    rollout_state: "COMPLETED".into(),
                    created_at: Some(at(-5000)),
                    updated_at: Some(at(-4000)),
                    ..Default::default()
                },
            ],
            events: vec![
                ServiceEvent {
                    id: "e2".into(),
                    created_at: Some(at(150)),
                    message: "(service web) has started 1 tasks: (task bbbb).".into(),
                },
                ServiceEvent {
                    id: "e1".into(),
                    created_at: Some(at(-4000)),
                    message: "(service web) has reached a steady state.".into(),
                },
            ],
            ..Default::default()
        };
        let stack_event = |t, logical: &str, status: &str, reason: &str| StackEvent {
            logical_id: logical.into(),
            resource_type: "AWS::ECS::Service".into(),
            status: status.into(),
            reason: reason.into(),
            at: Some(at(t)),
            ..Default::default()
        };
        TimelineData {
            service,
            stack: Some("app".into()),
            stack_events: vec![
                stack_event(
                    150,
                    "Service",
                    "UPDATE_IN_PROGRESS",
                    "Resource update started",
                ),
                stack_event(90, "TaskDef", "UPDATE_COMPLETE", ""),
                stack_event(-4000, "Service", "UPDATE_COMPLETE", ""),
            ],
            tasks: vec![
                Task {
                    id: "aaaaaaaa1111".into(),
                    task_definition: "arn:aws:ecs:us-east-1:1:task-definition/web:8".into(),
                    started_at: Some(at(120)),
                    stopped_at: Some(at(140)),
                    stopped_reason: "Essential container in task exited".into(),
                    stop_code: "EssentialContainerExited".into(),
                    ..Default::default()
                },
                Task {
                    id: "bbbbbbbb2222".into(),
                    task_definition: "arn:aws:ecs:us-east-1:1:task-definition/web:8".into(),
                    started_at: Some(at(150)),
                    ..Default::default()
                },
            ],
        }
    }

    #[test]
    fn entries_are_newest_first_with_ties_in_source_order() {
        let d = data();
        let since = Window::CurrentDeployment.start(&d.service, at(200));
        assert_eq!(since, at(100));
        let got: Vec<(i64, Source)> = merge(&d, since)
            .iter()
            .map(|e| (e.at.timestamp() - 1_763_900_000, e.source))
            .collect();
        assert_eq!(
            got,
            [
                (150, Source::Stack),
                (150, Source::Event),
                (150, Source::Task),
                (140, Source::Task),
                (120, Source::Task),
                (100, Source::Deployment),
            ],
            "the stack event at 90 and everything older is before the window"
        );
    }

    #[test]
    fn wider_window_reaches_the_previous_deployment_and_colours_by_severity() {
        let d = data();
        let entries = merge(&d, Window::Hours(6).start(&d.service, at(200)));
        let stopped = entries
            .iter()
            .find(|e| e.text.contains("stopped"))
            .unwrap_or_else(|| panic!("no stopped task in {entries:?}"));
        assert_eq!(stopped.severity, Severity::Failed);
        assert!(stopped.text.ends_with("Essential container in task exited"));
        let completed = entries
            .iter()
            .find(|e| e.text.starts_with("deployment ecs-svc/1 completed"))
            .unwrap_or_else(|| panic!("no completed deployment in {entries:?}"));
        assert_eq!(completed.severity, Severity::Ok);
        assert_eq!(entries.last().map(|e| e.at), Some(at(-5000)));
        // Within one instant a task's stop reads above its start (newest first).
        let mut d = data();
        d.tasks[0].started_at = d.tasks[0].stopped_at;
        let same: Vec<String> = merge(&d, at(0))
            .into_iter()
            .filter(|e| e.text.contains("aaaaaaaa"))
            .map(|e| e.text)
            .collect();
        assert!(
            same[0].contains("stopped") && same[1].contains("started"),
            "{same:?}"
        );
        assert!(entries.windows(2).all(|w| w[0].at >= w[1].at));
    }

    #[test]
    fn windows_cycle_back_to_the_current_deployment() {
        let mut w = Window::default();
        let mut seen = vec![w];
        for _ in 0..4 {
            w = w.next();
            seen.push(w);
        }
        assert_eq!(seen.first(), seen.last());
        assert_eq!(seen[1], Window::Hours(1));
    }
}
