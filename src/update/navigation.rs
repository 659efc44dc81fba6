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
    if let Some(current) = state.view_mut() {
        cancel(current, fx);
        super::health::cancel(current, fx);
    }
    state.views.push(view);
    fetch(state, fx);
}

/// Go back; the view returned to refreshes at once if its data is due.
pub fn pop(state: &mut State, fx: &mut Vec<Effect>) {
    if state.views.len() <= 1 {
        return;
    }
    if let Some(mut gone) = state.views.pop() {
        cancel(&mut gone, fx);
        super::health::cancel(&mut gone, fx);
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
        _ => match super::datastores::request(view) {
            Some(request) => request,
            None => return,
        },
    };
    view.load_mut().start(id);
    fx.push(Effect::Fetch { id, request });
}

fn cancel(view: &mut View, fx: &mut Vec<Effect>) {
    if let Some(id) = view.load_mut().in_flight.take() {
        fx.push(Effect::Cancel(id));
    }
}
