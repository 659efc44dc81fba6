//! CloudFormation stacks, their events, resources, outputs and parameters, and what an
//! event sequence says about the operation in progress.

use std::collections::HashMap;

use super::{Severity, Timestamp};

/// Which stack a stack view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StackRef {
    /// A stack name or ARN (an ARN also finds a deleted stack).
    Id(String),
    /// The stack named by a service's `aws:cloudformation:stack-name` tag.
    OwnerOf { cluster: String, service: String },
}

/// What the stack view loads in one request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StackDetail {
    pub stack: Stack,
    /// Newest first; with nested stacks' events merged in when asked for.
    pub events: Vec<StackEvent>,
    pub resources: Vec<StackResource>,
}

/// A stack as the stacks list and the stack view show it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stack {
    /// The stack ARN (unique, also for deleted stacks of the same name).
    pub id: String,
    pub name: String,
    pub status: String,
    pub status_reason: String,
    pub description: String,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    pub deleted_at: Option<Timestamp>,
    /// DRIFTED / IN_SYNC / NOT_CHECKED / UNKNOWN; empty when not reported.
    pub drift: String,
    /// None when the call that listed it does not say (ListStacks for deleted stacks).
    pub termination_protection: Option<bool>,
    /// ARN of the stack this one is nested in.
    pub parent_id: Option<String>,
    pub outputs: Vec<StackOutput>,
    pub parameters: Vec<StackParameter>,
    /// Nesting depth in the stacks list (0 = top level); set by [`nest`].
    pub depth: usize,
    /// Sorts a nested stack right under its parent; set by [`nest`].
    pub tree_key: String,
}

impl Stack {
    pub fn in_progress(&self) -> bool {
        self.status.ends_with("_IN_PROGRESS")
    }

    /// When the stack last changed: updated, else created.
    pub fn changed_at(&self) -> Option<Timestamp> {
        self.updated_at.or(self.created_at)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StackOutput {
    pub key: String,
    pub value: String,
    pub description: String,
    pub export_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StackParameter {
    pub key: String,
    pub value: String,
    /// For SSM parameter types: the value CloudFormation resolved.
    pub resolved_value: String,
}

/// What CloudFormation returns in place of a NoEcho parameter's value.
pub const NO_ECHO_MASK: &str = "****";

impl StackParameter {
    /// NoEcho values come back masked; they are shown as such, never guessed at.
    pub fn no_echo(&self) -> bool {
        self.value == NO_ECHO_MASK
    }
}

/// One row of DescribeStackEvents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StackEvent {
    pub id: String,
    /// The stack the event belongs to (differs from the viewed stack for merged nested events).
    pub stack_name: String,
    pub logical_id: String,
    pub physical_id: String,
    pub resource_type: String,
    pub status: String,
    /// Shown whole: this is what explains a failure.
    pub reason: String,
    pub at: Option<Timestamp>,
}

pub const STACK_TYPE: &str = "AWS::CloudFormation::Stack";

impl StackEvent {
    /// An event about a stack itself (its own, or a nested stack's as a resource).
    pub fn is_stack(&self) -> bool {
        self.resource_type == STACK_TYPE
    }

    pub fn failed(&self) -> bool {
        self.status.ends_with("_FAILED")
    }

    /// The first event of an operation someone started: a stack-level *_IN_PROGRESS event
    /// with reason "User Initiated" (or, from endpoints that leave the reason out, the stack
    /// entering CREATE/UPDATE/DELETE/IMPORT_IN_PROGRESS).
    pub fn starts_operation(&self, stack_name: &str) -> bool {
        self.is_stack()
            && self.logical_id == stack_name
            && (self.reason == "User Initiated"
                || matches!(
                    self.status.as_str(),
                    "CREATE_IN_PROGRESS"
                        | "UPDATE_IN_PROGRESS"
                        | "DELETE_IN_PROGRESS"
                        | "IMPORT_IN_PROGRESS"
                        | "REVIEW_IN_PROGRESS"
                ))
    }
}

/// One row of ListStackResources.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StackResource {
    pub logical_id: String,
    pub physical_id: String,
    pub resource_type: String,
    pub status: String,
    pub reason: String,
    pub drift: String,
    pub updated_at: Option<Timestamp>,
}

impl Severity {
    /// Stack and stack-resource statuses: failures red, rollbacks magenta, work in
    /// progress amber, done green, deleted or skipped muted.
    pub fn of_stack_status(status: &str) -> Severity {
        if status.ends_with("_FAILED") {
            Severity::Failed
        } else if status.contains("ROLLBACK") {
            Severity::Rollback
        } else if status.ends_with("_IN_PROGRESS") {
            Severity::Progress
        } else if status == "DELETE_COMPLETE" || status.ends_with("_SKIPPED") {
            Severity::Muted
        } else if status.ends_with("_COMPLETE") {
            Severity::Ok
        } else {
            Severity::Neutral
        }
    }

    /// Drift status of a stack or a resource.
    pub fn of_drift(drift: &str) -> Severity {
        match drift {
            "DRIFTED" | "MODIFIED" | "DELETED" => Severity::Failed,
            "IN_SYNC" => Severity::Ok,
            _ => Severity::Muted,
        }
    }
}

/// Position of the latest operation's first event in a newest-first list, if it is there.
pub fn operation_start(events: &[StackEvent], stack_name: &str) -> Option<usize> {
    events.iter().position(|e| e.starts_operation(stack_name))
}

/// The events of the latest operation (newest first); all of them when its start is not
/// among the events loaded.
pub fn current_operation<'a>(events: &'a [StackEvent], stack_name: &str) -> &'a [StackEvent] {
    match operation_start(events, stack_name) {
        Some(i) => &events[..=i],
        None => events,
    }
}

/// Resources counted by their latest state in the current operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Resources of the stack not yet touched by a create or delete (None for updates,
    /// where untouched resources are simply unchanged).
    pub pending: Option<usize>,
    pub in_progress: usize,
    pub complete: usize,
    pub failed: usize,
}

/// Count the current operation's resources by their latest event. `events` are newest first
/// (as DescribeStackEvents returns them); `resources` is the stack's resource list, used
/// for the pending count of creates and deletes. Events of the stack itself are not counted.
pub fn progress(events: &[StackEvent], resources: &[StackResource], stack_name: &str) -> Progress {
    let op = current_operation(events, stack_name);
    let mut latest: HashMap<&str, &str> = HashMap::new();
    // Newest first: the first event seen for a resource is its latest.
    // Merged nested stacks' events are not this stack's resources.
    let own = |e: &&StackEvent| e.stack_name.is_empty() || e.stack_name == stack_name;
    for e in op
        .iter()
        .filter(own)
        .filter(|e| !(e.is_stack() && e.logical_id == stack_name))
    {
        latest.entry(e.logical_id.as_str()).or_insert(&e.status);
    }
    let mut p = Progress::default();
    for status in latest.values() {
        if status.ends_with("_FAILED") {
            p.failed += 1;
        } else if status.ends_with("_IN_PROGRESS") {
            p.in_progress += 1;
        } else {
            p.complete += 1;
        }
    }
    let kind = op
        .last()
        .filter(|e| e.starts_operation(stack_name))
        .map(|e| e.status.as_str());
    if matches!(kind, Some("CREATE_IN_PROGRESS" | "DELETE_IN_PROGRESS")) {
        p.pending = Some(
            resources
                .iter()
                .filter(|r| !latest.contains_key(r.logical_id.as_str()))
                .count(),
        );
    }
    p
}

/// Order stacks so that nested stacks sit under their parent, and record each one's depth.
/// A parent that is not in the list (deleted, or filtered out by AWS) leaves its children at
/// the top level.
pub fn nest(mut stacks: Vec<Stack>) -> Vec<Stack> {
    let by_id: HashMap<String, (String, Option<String>)> = stacks
        .iter()
        .map(|s| (s.id.clone(), (s.name.clone(), s.parent_id.clone())))
        .collect();
    for s in &mut stacks {
        let mut path = vec![s.name.clone()];
        let mut parent = s.parent_id.clone();
        // Bounded walk: a malformed answer with a parent cycle must not hang the UI.
        while let Some((name, grand)) = parent.as_ref().and_then(|p| by_id.get(p)) {
            if path.len() > 16 {
                break;
            }
            path.push(name.clone());
            parent = grand.clone();
        }
        s.depth = path.len() - 1;
        path.reverse();
        // A separator below every printable character keeps a parent before its children.
        s.tree_key = path.join("\u{1}");
    }
    stacks
}

/// Merge several newest-first event lists (a stack's and its nested stacks') into one,
/// newest first; events with equal times keep the order their own list gave them.
pub fn merge_events(lists: Vec<Vec<StackEvent>>) -> Vec<StackEvent> {
    let mut tagged: Vec<(usize, usize, StackEvent)> = lists
        .into_iter()
        .enumerate()
        .flat_map(|(l, list)| list.into_iter().enumerate().map(move |(i, e)| (l, i, e)))
        .collect();
    tagged.sort_by(|a, b| b.2.at.cmp(&a.2.at).then(a.1.cmp(&b.1)).then(a.0.cmp(&b.0)));
    tagged.into_iter().map(|(_, _, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Option<Timestamp> {
        chrono::DateTime::from_timestamp(1_763_900_000 + secs, 0)
    }

    fn ev(t: i64, logical: &str, status: &str, reason: &str) -> StackEvent {
        StackEvent {
            id: format!("{logical}-{status}-{t}"),
            stack_name: "app".into(),
            logical_id: logical.into(),
            resource_type: if logical == "app" {
                STACK_TYPE.into()
            } else {
                "AWS::SQS::Queue".into()
            },
            status: status.into(),
            reason: reason.into(),
            at: at(t),
            ..Default::default()
        }
    }

    fn newest_first(mut v: Vec<StackEvent>) -> Vec<StackEvent> {
        v.reverse();
        v
    }

    #[test]
    fn progress_counts_only_the_latest_operation() {
        let events = newest_first(vec![
            // An earlier, finished update.
            ev(0, "app", "UPDATE_IN_PROGRESS", "User Initiated"),
            ev(1, "Old", "UPDATE_FAILED", "boom"),
            ev(2, "app", "UPDATE_ROLLBACK_COMPLETE", ""),
            // The update in flight.
            ev(10, "app", "UPDATE_IN_PROGRESS", "User Initiated"),
            ev(11, "Queue", "UPDATE_IN_PROGRESS", ""),
            ev(12, "Topic", "UPDATE_IN_PROGRESS", ""),
            ev(13, "Queue", "UPDATE_COMPLETE", ""),
            ev(14, "Role", "UPDATE_IN_PROGRESS", ""),
            ev(15, "Role", "UPDATE_FAILED", "Access denied"),
        ]);
        let mut with_nested = events.clone();
        let mut nested = ev(14, "Db", "UPDATE_IN_PROGRESS", "");
        nested.stack_name = "app-Db-1X".into();
        with_nested.insert(1, nested);
        let p = progress(&with_nested, &[], "app");
        assert_eq!(
            p,
            Progress {
                pending: None,
                in_progress: 1,
                complete: 1,
                failed: 1
            }
        );
        assert_eq!(current_operation(&events, "app").len(), 6);
    }

    #[test]
    fn creates_count_untouched_resources_as_pending() {
        let events = newest_first(vec![
            ev(0, "app", "CREATE_IN_PROGRESS", "User Initiated"),
            ev(1, "Queue", "CREATE_IN_PROGRESS", ""),
            ev(2, "Queue", "CREATE_COMPLETE", ""),
            ev(3, "Topic", "CREATE_IN_PROGRESS", ""),
        ]);
        let resources: Vec<StackResource> = ["Queue", "Topic", "Role", "Bucket"]
            .iter()
            .map(|l| StackResource {
                logical_id: l.to_string(),
                ..Default::default()
            })
            .collect();
        let p = progress(&events, &resources, "app");
        assert_eq!(p.pending, Some(2));
        assert_eq!((p.in_progress, p.complete, p.failed), (1, 1, 0));
    }

    #[test]
    fn without_user_initiated_reason_the_stack_status_marks_the_start() {
        let events = newest_first(vec![
            ev(0, "app", "CREATE_IN_PROGRESS", ""),
            ev(1, "Queue", "CREATE_COMPLETE", ""),
            ev(2, "app", "CREATE_COMPLETE", ""),
            ev(3, "app", "UPDATE_IN_PROGRESS", ""),
            ev(4, "Queue", "UPDATE_IN_PROGRESS", ""),
        ]);
        assert_eq!(operation_start(&events, "app"), Some(1));
        assert_eq!(progress(&events, &[], "app").in_progress, 1);
        // A rollback does not start an operation: it belongs to the update.
        assert!(!ev(5, "app", "UPDATE_ROLLBACK_IN_PROGRESS", "").starts_operation("app"));
    }

    #[test]
    fn statuses_map_to_colours_by_meaning() {
        assert_eq!(Severity::of_stack_status("CREATE_COMPLETE"), Severity::Ok);
        assert_eq!(
            Severity::of_stack_status("UPDATE_IN_PROGRESS"),
            Severity::Progress
        );
        assert_eq!(Severity::of_stack_status("UPDATE_FAILED"), Severity::Failed);
        assert_eq!(
            Severity::of_stack_status("UPDATE_ROLLBACK_FAILED"),
            Severity::Failed
        );
        assert_eq!(
            Severity::of_stack_status("UPDATE_ROLLBACK_COMPLETE"),
            Severity::Rollback
        );
        assert_eq!(
            Severity::of_stack_status("ROLLBACK_IN_PROGRESS"),
            Severity::Rollback
        );
        assert_eq!(
            Severity::of_stack_status("DELETE_COMPLETE"),
            Severity::Muted
        );
    }

    #[test]
    fn nested_stacks_sort_under_their_parent() {
        let stack = |id: &str, name: &str, parent: Option<&str>| Stack {
            id: id.into(),
            name: name.into(),
            parent_id: parent.map(str::to_string),
            ..Default::default()
        };
        let mut stacks = nest(vec![
            stack("3", "app-Db-1X", Some("1")),
            stack("2", "app-Net-9Q", Some("1")),
            stack("1", "app", None),
            stack("0", "app-admin", None),
            stack("4", "app-Db-1X-Replica", Some("3")),
        ]);
        stacks.sort_by(|a, b| a.tree_key.cmp(&b.tree_key));
        let shown: Vec<(usize, &str)> = stacks.iter().map(|s| (s.depth, s.name.as_str())).collect();
        assert_eq!(
            shown,
            [
                (0, "app"),
                (1, "app-Db-1X"),
                (2, "app-Db-1X-Replica"),
                (1, "app-Net-9Q"),
                (0, "app-admin"),
            ]
        );
    }

    #[test]
    fn merged_events_are_newest_first_and_stable_on_ties() {
        let mut nested = ev(5, "Db", "CREATE_COMPLETE", "");
        nested.stack_name = "app-Db".into();
        let merged = merge_events(vec![
            newest_first(vec![
                ev(1, "Queue", "CREATE_IN_PROGRESS", ""),
                ev(5, "Queue", "CREATE_COMPLETE", ""),
            ]),
            vec![nested],
        ]);
        let order: Vec<(&str, &str)> = merged
            .iter()
            .map(|e| (e.logical_id.as_str(), e.status.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                ("Queue", "CREATE_COMPLETE"),
                ("Db", "CREATE_COMPLETE"),
                ("Queue", "CREATE_IN_PROGRESS")
            ]
        );
    }
}
