//! Moving between views and deciding what to fetch for the view on screen.

use crate::effect::{Effect, Request};
use crate::state::{
    ClustersView, ContainersView, ServiceView, ServicesView, State, TasksView, View,
};

/// The first views: clusters, then (with --cluster) its services, then (with --service)
/// that service. Back (Esc) walks up this stack.
pub fn open_initial_views(
    state: &mut State,
    cluster: Option<&str>,
    service: Option<&str>,
) -> Vec<Effect> {
    state.views.push(View::Clusters(ClustersView::default()));
    if let Some(cluster) = cluster {
        state.views.push(services_view(cluster));
        if let Some(service) = service {
            state.views.push(service_view(cluster, service));
        }
    }
    let mut fx = Vec::new();
    fetch(state, &mut fx);
    fx
}

pub fn services_view(cluster: &str) -> View {
    View::Services(ServicesView {
        cluster: cluster.to_string(),
        ..Default::default()
    })
}

pub fn service_view(cluster: &str, service: &str) -> View {
    View::Service(ServiceView {
        cluster: cluster.to_string(),
        name: service.to_string(),
        ..Default::default()
    })
}

pub fn tasks_view(cluster: &str, service: Option<&str>) -> View {
    View::Tasks(TasksView {
        cluster: cluster.to_string(),
        service: service.map(str::to_string),
        ..Default::default()
    })
}

pub fn containers_view(cluster: &str, task_arn: &str) -> View {
    View::Containers(ContainersView {
        cluster: cluster.to_string(),
        task_arn: task_arn.to_string(),
        ..Default::default()
    })
}

/// Show a new view on top; the one below stops loading (it is no longer seen).
pub fn push(state: &mut State, view: View, fx: &mut Vec<Effect>) {
    state.forward.clear();
    show(state, view, fx);
}

fn show(state: &mut State, view: View, fx: &mut Vec<Effect>) {
    if let Some(current) = state.view_mut() {
        leave(current, fx);
    }
    state.views.push(view);
    fetch(state, fx);
}

/// Back to the view last left with back (browser-style history).
pub fn forward(state: &mut State, fx: &mut Vec<Effect>) {
    if let Some(view) = state.forward.pop() {
        show(state, view, fx);
    }
}

/// Start over from `views` (a context switch, `:clusters`): no history to go back to.
pub fn replace_all(state: &mut State, views: Vec<View>, fx: &mut Vec<Effect>) {
    for mut gone in std::mem::take(&mut state.views) {
        leave(&mut gone, fx);
    }
    state.forward.clear();
    state.views = views;
    fetch(state, fx);
}

/// Go back; the view returned to refreshes at once if its data is due.
pub fn pop(state: &mut State, fx: &mut Vec<Effect>) {
    if state.views.len() <= 1 {
        return;
    }
    if let Some(mut gone) = state.views.pop() {
        leave(&mut gone, fx);
        state.forward.push(gone);
    }
    refresh_if_due(state, fx);
}

pub fn refresh_if_due(state: &mut State, fx: &mut Vec<Effect>) {
    let now = state.now;
    if state.view().is_some_and(|v| v.load().due(now)) {
        fetch(state, fx);
    }
}

/// Refresh now, unless the same request is already on its way (coalesce).
pub fn refresh_now(state: &mut State, fx: &mut Vec<Effect>) {
    if state.view().is_some_and(|v| v.load().in_flight.is_none()) {
        fetch(state, fx);
    }
}

/// Start (or restart) the request that fills the view on screen.
pub fn fetch(state: &mut State, fx: &mut Vec<Effect>) {
    if let Some(View::Logs(_)) = state.views.last() {
        return super::logs::fetch(state, fx);
    }
    let id = state.next_request;
    let Some(view) = state.views.last_mut() else {
        return;
    };
    state.next_request += 1;
    cancel(view, fx);
    let request = match view {
        View::Clusters(_) => Request::Clusters,
        View::Services(v) => {
            v.seen.clear();
            Request::Services {
                cluster: v.cluster.clone(),
            }
        }
        View::Service(v) => Request::Service {
            cluster: v.cluster.clone(),
            service: v.name.clone(),
        },
        View::Tasks(v) => Request::Tasks {
            cluster: v.cluster.clone(),
            service: v.service.clone(),
            stopped: v.stopped,
        },
        View::Containers(v) => Request::Task {
            cluster: v.cluster.clone(),
            task: v.task_arn.clone(),
        },
        // Tunnels report by themselves; nothing to fetch.
        View::Tunnels(_) | View::Contexts(_) => return,
        View::Families(_) | View::Revisions(_) | View::Revision(_) | View::RevisionDiff(_) => {
            return super::taskdefs::fetch(view, id, &mut state.next_request, state.now, fx);
        }
        View::LogGroups(_) => Request::LogGroups,
        View::LogStreams(v) => Request::LogStreams {
            group: v.group.clone(),
        },
        // Handled above.
        View::Logs(_) => return,
        View::Stacks(_) | View::Stack(_) | View::Timeline(_) => {
            match super::stacks::request(view) {
                Some(request) => request,
                None => return,
            }
        }
        _ => match super::datastores::request(view) {
            Some(request) => request,
            None => return,
        },
    };
    view.load_mut().start(id);
    fx.push(Effect::Fetch { id, request });
}

/// A view no longer on screen stops everything it asked for (its trends too).
fn leave(view: &mut View, fx: &mut Vec<Effect>) {
    cancel(view, fx);
    super::health::cancel(view, fx);
}

/// Stop the view's own requests (a refresh restarts them; its trends go on).
fn cancel(view: &mut View, fx: &mut Vec<Effect>) {
    if let Some(id) = view.load_mut().in_flight.take() {
        fx.push(Effect::Cancel(id));
    }
    super::taskdefs::cancel_extra(view, fx);
    // A logs pane also stops looking for streams when it is left.
    if let View::Logs(v) = view {
        if let Some(id) = v.discover.in_flight.take() {
            fx.push(Effect::Cancel(id));
        }
        super::live_tail::suspend(v, fx);
    }
}
