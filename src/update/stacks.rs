//! Keys and results of the CloudFormation views: the stacks list, a stack, and a service's
//! deploy timeline; links from stack resources to other views.

use std::time::Duration;

use super::navigation::{fetch, push, service_view, services_view};
use crate::action::Loaded;
use crate::effect::{Effect, Request, RequestId};
use crate::keymap::Command;
use crate::model::stack::{nest, StackRef};
use crate::model::timeline::merge;
use crate::model::{CacheKind, DatastoreTarget, DbKind, Jump, Timestamp};
use crate::state::{NoticeKind, StackTab, StackView, StacksView, State, TimelineView, View};

/// How often a view refreshes while a stack operation or a deployment is in flight.
pub const LIVE_REFRESH: Duration = Duration::from_secs(2);

pub fn stacks_view() -> View {
    View::Stacks(StacksView::default())
}

pub fn stack_view(target: StackRef) -> View {
    View::Stack(Box::new(StackView::new(target)))
}

pub fn timeline_view(cluster: &str, service: &str) -> View {
    View::Timeline(Box::new(TimelineView {
        cluster: cluster.to_string(),
        service: service.to_string(),
        ..Default::default()
    }))
}

/// The request that fills one of these views.
pub fn request(view: &View) -> Option<Request> {
    Some(match view {
        View::Stacks(v) => Request::Stacks { deleted: v.deleted },
        View::Stack(v) => Request::Stack {
            target: v.target.clone(),
            nested: v.nested,
        },
        View::Timeline(v) => Request::Timeline {
            cluster: v.cluster.clone(),
            service: v.service.clone(),
        },
        _ => return None,
    })
}

/// The service a key applies to: the selected one in the services list, or the one shown.
fn service_in_view(state: &State) -> Option<(String, String)> {
    match state.view() {
        Some(View::Services(v)) => v
            .table
            .selected()
            .map(|s| (v.cluster.clone(), s.name.clone())),
        Some(View::Service(v)) => Some((v.cluster.clone(), v.name.clone())),
        Some(View::Timeline(v)) => Some((v.cluster.clone(), v.service.clone())),
        _ => None,
    }
}

pub fn command(state: &mut State, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::OpenStacks if !matches!(state.view(), Some(View::Stacks(_))) => {
            push(state, stacks_view(), fx)
        }
        Command::OwningStack => match service_in_view(state) {
            Some((cluster, service)) => push(
                state,
                stack_view(StackRef::OwnerOf { cluster, service }),
                fx,
            ),
            None => state.notify(NoticeKind::Info, "select a service to open its stack"),
        },
        Command::DeployTimeline => match service_in_view(state) {
            Some(_) if matches!(state.view(), Some(View::Timeline(_))) => {}
            Some((cluster, service)) => push(state, timeline_view(&cluster, &service), fx),
            None => state.notify(
                NoticeKind::Info,
                "select a service to see its deploy timeline",
            ),
        },
        Command::ToggleDeletedStacks => {
            if let Some(View::Stacks(v)) = state.view_mut() {
                v.deleted = !v.deleted;
                fetch(state, fx);
            }
        }
        Command::CurrentOperation => {
            if let Some(View::Stack(v)) = state.view_mut() {
                v.current_only = !v.current_only;
                v.tab = StackTab::Events;
                v.events_scroll = 0;
            }
        }
        Command::MergeNested => {
            if let Some(View::Stack(v)) = state.view_mut() {
                v.nested = !v.nested;
                v.tab = StackTab::Events;
                v.events_scroll = 0;
                fetch(state, fx);
            }
        }
        Command::NextTab | Command::PreviousTab => {
            if let Some(View::Stack(v)) = state.view_mut() {
                v.tab = v.tab.step(command == Command::PreviousTab);
            }
        }
        Command::TimelineWindow => {
            let now = state.now;
            if let Some(View::Timeline(v)) = state.view_mut() {
                v.window = v.window.next();
                v.scroll = 0;
                remerge(v, now);
            }
        }
        _ => {}
    }
}

/// Enter in these views: open the selected stack, or follow a stack resource's link.
/// Returns false when the view is not one of them.
pub fn select(state: &mut State, fx: &mut Vec<Effect>) -> bool {
    let jump = match state.view() {
        Some(View::Stacks(v)) => v.table.selected().map(|s| Jump::Stack(s.id.clone())),
        Some(View::Stack(v)) if v.tab == StackTab::Resources => {
            let Some(r) = v.resources.selected() else {
                return true;
            };
            match Jump::from_resource(&r.resource_type, &r.physical_id) {
                Some(jump) => Some(jump),
                None => {
                    let text = if r.physical_id.is_empty() {
                        format!("{} does not exist (no physical id)", r.logical_id)
                    } else {
                        format!("opsdeck has no view for {}", r.resource_type)
                    };
                    state.notify(NoticeKind::Info, text);
                    return true;
                }
            }
        }
        Some(View::Stack(_) | View::Timeline(_)) => None,
        _ => return false,
    };
    if let Some(jump) = jump {
        open(state, jump, fx);
    }
    true
}

/// Open the view a link leads to.
pub fn open(state: &mut State, jump: Jump, fx: &mut Vec<Effect>) {
    match jump {
        Jump::Service { cluster, service } => push(state, service_view(&cluster, &service), fx),
        Jump::Cluster(cluster) => push(state, services_view(&cluster), fx),
        Jump::Stack(id) => push(state, stack_view(StackRef::Id(id)), fx),
        Jump::TaskDefinition(arn) => {
            let view = View::Revision(crate::state::RevisionView {
                task_definition: arn,
                ..Default::default()
            });
            push(state, view, fx);
        }
        Jump::LogGroup(group) => {
            let view = super::logs::pane(state, crate::model::LogScope::Group { group });
            push(state, view, fx);
        }
        Jump::DbInstance(id) => {
            datastore(state, DatastoreTarget::Database(DbKind::Instance, id), fx)
        }
        Jump::DbCluster(id) => datastore(state, DatastoreTarget::Database(DbKind::Cluster, id), fx),
        Jump::CacheCluster(id) => datastore(
            state,
            DatastoreTarget::Cache(CacheKind::CacheCluster, id),
            fx,
        ),
        Jump::ReplicationGroup(id) => datastore(
            state,
            DatastoreTarget::Cache(CacheKind::ReplicationGroup, id),
            fx,
        ),
    }
}

fn datastore(state: &mut State, target: DatastoreTarget, fx: &mut Vec<Effect>) {
    push(
        state,
        View::Datastore(crate::state::DatastoreView::new(target)),
        fx,
    );
}

/// Up/down in the views that scroll rather than select. Returns false for other views.
pub fn move_by(view: &mut View, delta: isize) -> bool {
    let (scroll, len) = match view {
        View::Stack(v) if v.tab == StackTab::Events => {
            let len = v.shown_events().len();
            (&mut v.events_scroll, len)
        }
        View::Timeline(v) => (&mut v.scroll, v.entries.len()),
        _ => return false,
    };
    let target = (*scroll as isize).saturating_add(delta);
    *scroll = target.clamp(0, len.saturating_sub(1) as isize) as usize;
    true
}

fn remerge(v: &mut TimelineView, now: Timestamp) {
    if let Some(data) = &v.data {
        v.entries = merge(data, v.window.start(&data.service, now));
        v.scroll = v.scroll.min(v.entries.len().saturating_sub(1));
    }
}

/// A result for one of these views. Returns it back when it is not theirs.
pub fn loaded(
    view: &mut View,
    id: RequestId,
    loaded: Loaded,
    now: Timestamp,
    every: Duration,
) -> Option<Loaded> {
    let live = every.min(LIVE_REFRESH);
    match (view, loaded) {
        (View::Stacks(v), Loaded::Stacks(result)) => match result {
            Ok(stacks) => {
                let busy = stacks.iter().any(|s| s.in_progress());
                v.table.set_rows(nest(stacks));
                v.load.succeeded(now, if busy { live } else { every });
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Stack(v), Loaded::Stack(result)) => match result {
            Ok(detail) => {
                let busy = detail.stack.in_progress();
                // Refreshes go straight to the stack (no second owner lookup).
                v.target = StackRef::Id(detail.stack.id.clone());
                v.outputs.set_rows(detail.stack.outputs.clone());
                v.parameters.set_rows(detail.stack.parameters.clone());
                v.resources.set_rows(detail.resources);
                v.events = detail.events;
                v.stack = Some(detail.stack);
                v.events_scroll = v
                    .events_scroll
                    .min(v.shown_events().len().saturating_sub(1));
                v.load.succeeded(now, if busy { live } else { every });
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Timeline(v), Loaded::Timeline(result)) => match result {
            Ok(data) => {
                let busy = data.service.rollout_state() == "IN_PROGRESS"
                    || data
                        .stack_events
                        .first()
                        .is_some_and(|e| e.status.ends_with("_IN_PROGRESS"));
                v.data = Some(data);
                remerge(v, now);
                v.load.succeeded(now, if busy { live } else { every });
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (_, other) => return Some(other),
    }
    None
}
