//! AWS results into the state. A result whose request id no view is waiting for
//! is stale (the view was left or refreshed again) and is dropped.

use crate::action::Loaded;
use crate::aws::{AwsError, ErrorKind};
use crate::effect::RequestId;
use crate::state::{State, View};

pub fn apply(state: &mut State, id: RequestId, loaded: Loaded) {
    let (now, every) = (state.now, state.settings.refresh);
    let Some(view) = state.views.iter_mut().rev().find(|v| v.owns(id)) else {
        tracing::debug!(id, "dropped a stale result");
        return;
    };
    state.dirty = true;
    let mut notice = None;
    let loaded = match super::health::apply(view, id, loaded, now) {
        super::health::Outcome::NotMine(loaded) => *loaded,
        super::health::Outcome::Stored => return,
        super::health::Outcome::Failed(text) => {
            return state.notify(crate::state::NoticeKind::Warning, text);
        }
    };
    let Some(loaded) = super::datastores::apply(view, id, loaded, now, every) else {
        return;
    };
    match (view, loaded) {
        (View::Clusters(v), Loaded::Clusters(result)) => match result {
            Ok(rows) => {
                v.table.set_rows(rows);
                v.load.succeeded(now, every);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Services(v), Loaded::ServicesBatch(batch)) => {
            v.seen.extend(batch.iter().map(|s| s.arn.clone()));
            v.table.upsert(batch);
        }
        (View::Services(v), Loaded::ServicesDone(result)) => match result {
            Ok(()) => {
                let seen = std::mem::take(&mut v.seen);
                v.table.retain_keys(&seen);
                v.load.succeeded(now, every);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Service(v), Loaded::Service(result)) => match result {
            Ok(service) => {
                v.service = Some(service);
                v.load.succeeded(now, every);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Tasks(v), Loaded::Tasks(result)) => match result {
            Ok(rows) => {
                v.table.set_rows(rows);
                v.load.succeeded(now, every);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Containers(v), Loaded::Task(result)) => match result {
            Ok(Some(task)) => {
                v.table.set_rows(task.containers.clone());
                v.task = Some(task);
                v.load.succeeded(now, every);
            }
            Ok(None) => {
                let gone = AwsError::new(
                    ErrorKind::NotFound,
                    "ecs:DescribeTasks",
                    "the task no longer exists (ECS forgets stopped tasks after about an hour)",
                );
                v.load.failed(now, every, gone, id);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (
            view @ (View::Families(_)
            | View::Revisions(_)
            | View::Revision(_)
            | View::RevisionDiff(_)),
            loaded,
        ) => {
            let title = view.title();
            if let Err(other) = super::taskdefs::apply(view, id, loaded, now, every) {
                tracing::warn!(view = %title, ?other, "result of the wrong kind for the view");
            }
        }
        (View::Logs(v), loaded) => notice = super::logs::apply(v, id, loaded, now),
        (View::LogGroups(v), Loaded::LogGroups(result)) => match result {
            Ok(rows) => {
                v.table.set_rows(rows);
                v.load.succeeded(now, every);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::LogStreams(v), Loaded::LogStreams(result)) => match result {
            Ok(rows) => {
                v.table.set_rows(rows);
                v.load.succeeded(now, every);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (view @ (View::Stacks(_) | View::Stack(_) | View::Timeline(_)), loaded) => {
            if let Some(other) = super::stacks::loaded(view, id, loaded, now, every) {
                tracing::warn!(view = %view.title(), ?other, "result of the wrong kind for the view");
            }
        }
        (view, other) => {
            tracing::warn!(view = %view.title(), ?other, "result of the wrong kind for the view");
        }
    }
    if let Some((kind, text)) = notice {
        state.notify(kind, text);
    }
}
