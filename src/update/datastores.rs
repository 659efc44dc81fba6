//! The databases and caches panes: opening them, their requests, and their results.

use super::navigation::{pop, push};
use crate::action::Loaded;
use crate::effect::{Effect, Request, RequestId};
use crate::model::{DatastoreTarget, Timestamp};
use crate::state::{CachesView, DatabasesView, DatastoreView, State, View};

/// `D`: the databases list (already on screen: nothing to do).
pub fn open_databases(state: &mut State, fx: &mut Vec<Effect>) {
    if !matches!(state.view(), Some(View::Databases(_))) {
        push(state, View::Databases(DatabasesView::default()), fx);
    }
}

/// `E`: the caches list.
pub fn open_caches(state: &mut State, fx: &mut Vec<Effect>) {
    if !matches!(state.view(), Some(View::Caches(_))) {
        push(state, View::Caches(CachesView::default()), fx);
    }
}

/// Tab: databases ⇄ caches, replacing the list on screen (so Esc goes back past both).
pub fn switch(state: &mut State, fx: &mut Vec<Effect>) {
    let next = match state.view() {
        Some(View::Databases(_)) => View::Caches(CachesView::default()),
        Some(View::Caches(_)) => View::Databases(DatabasesView::default()),
        _ => return,
    };
    if state.views.len() > 1 {
        pop(state, fx);
    }
    push(state, next, fx);
}

/// Enter on a database or cache: its detail.
pub fn select(state: &State) -> Option<View> {
    let target = match state.view()? {
        View::Databases(v) => v
            .table
            .selected()
            .map(|d| DatastoreTarget::Database(d.kind, d.id.clone())),
        View::Caches(v) => v
            .table
            .selected()
            .map(|c| DatastoreTarget::Cache(c.kind, c.id.clone())),
        _ => None,
    }?;
    Some(View::Datastore(DatastoreView::new(target)))
}

/// The request that fills one of these views.
pub fn request(view: &View) -> Option<Request> {
    match view {
        View::Databases(_) => Some(Request::Databases),
        View::Caches(_) => Some(Request::Caches),
        View::Datastore(v) => Some(Request::Datastore {
            target: v.target.clone(),
        }),
        _ => None,
    }
}

/// Scroll the detail's events.
pub fn scroll(view: &mut DatastoreView, delta: isize) {
    let events = view
        .detail
        .as_ref()
        .and_then(|d| d.events.as_ref().ok())
        .map_or(0, Vec::len);
    let target = (view.events_scroll as isize).saturating_add(delta);
    view.events_scroll = target.clamp(0, events.saturating_sub(1) as isize) as usize;
}

/// Store a result in its view; hands back results that are not for these views.
pub fn apply(
    view: &mut View,
    id: RequestId,
    loaded: Loaded,
    now: Timestamp,
    every: std::time::Duration,
) -> Option<Loaded> {
    match (view, loaded) {
        (View::Databases(v), Loaded::Databases(result)) => match result {
            Ok(rows) => {
                v.table.set_rows(rows);
                v.load.succeeded(now, every);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Caches(v), Loaded::Caches(result)) => match result {
            Ok(rows) => {
                v.table.set_rows(rows);
                v.load.succeeded(now, every);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Datastore(v), Loaded::Datastore(result)) => match result {
            Ok(detail) => {
                v.detail = Some(*detail);
                v.load.succeeded(now, every);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (_, other) => return Some(other),
    }
    None
}
