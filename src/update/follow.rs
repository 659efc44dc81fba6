//! Following an accepted change until AWS says it is done: the service detail refreshes
//! every [`FOLLOW_EVERY_SECS`] seconds until the deployment's rolloutState is COMPLETED
//! or FAILED (or, for a scale, running reaches the new count), or the user leaves.
//! Then a notice says how it ended and how long it took.

use chrono::TimeDelta;

use super::navigation::{fetch, push, service_view};
use crate::action::Loaded;
use crate::effect::{Effect, RequestId};
use crate::model::{Accepted, Mutation, Service};
use crate::state::follow::{duration_words, Ended, Follow, Until, FOLLOW_EVERY_SECS};
use crate::state::{NoticeKind, State, View};

/// Show the rollout panel on the service's detail (pushed if it is not on screen) and
/// refresh it now.
pub fn start(
    state: &mut State,
    cluster: &str,
    service: &Service,
    mutation: &Mutation,
    accepted: Accepted,
    deregister: Option<String>,
    fx: &mut Vec<Effect>,
) {
    let follow = Follow {
        change: mutation.change(),
        until: match mutation {
            Mutation::Scale { to, .. } => Until::Running(*to),
            _ => match accepted.deployment_id {
                Some(id) => Until::Deployment(Some(id)),
                None => {
                    Until::NewPrimary(service.deployments.iter().map(|d| d.id.clone()).collect())
                }
            },
        },
        started_at: state.now,
        known_events: service.events.iter().map(|e| e.id.clone()).collect(),
        ended: None,
        deregister,
        deregister_sent: None,
    };
    if let Some(View::Service(v)) = state.view_mut() {
        if v.cluster == cluster && v.name == service.name {
            v.follow = Some(follow);
            v.events_scroll = 0;
            fetch(state, fx);
            return;
        }
    }
    let mut view = service_view(cluster, &service.name);
    if let View::Service(v) = &mut view {
        v.service = Some(service.clone());
        v.follow = Some(follow);
    }
    push(state, view, fx);
}

/// After a result reached a view: has the followed change on screen ended?
pub fn after_load(state: &mut State, fx: &mut Vec<Effect>) {
    let now = state.now;
    let Some(View::Service(v)) = state.views.last_mut() else {
        return;
    };
    let (Some(f), Some(service)) = (v.follow.as_mut(), v.service.as_ref()) else {
        return;
    };
    // Only data loaded after the change was accepted counts.
    let fresh = v.load.loaded_at.filter(|t| *t >= f.started_at);
    let Some(loaded_at) = fresh else {
        return;
    };
    if f.ended.is_some() {
        return;
    }
    let elapsed = now.signed_duration_since(f.started_at).num_seconds().max(0);
    match check(&f.until, service, elapsed) {
        None => {
            if v.load.in_flight.is_none() && v.load.error.is_none() {
                v.load.next_at = Some(loaded_at + TimeDelta::seconds(FOLLOW_EVERY_SECS));
            }
        }
        Some(ended) => {
            let name = service.name.clone();
            let text = if ended.ok {
                format!(
                    "{name}: {} {} in {}",
                    f.change,
                    ended.state,
                    duration_words(ended.after_secs)
                )
            } else {
                format!(
                    "{name}: {} {} after {}{}",
                    f.change,
                    ended.state,
                    duration_words(ended.after_secs),
                    if ended.reason.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", ended.reason)
                    }
                )
            };
            let kind = if ended.ok {
                NoticeKind::Success
            } else {
                NoticeKind::Error
            };
            let deregister = if ended.ok { f.deregister.clone() } else { None };
            f.ended = Some(ended);
            let id = state.next_request;
            if let Some(task_definition) = deregister {
                state.next_request += 1;
                f.deregister_sent = Some(id);
                fx.push(Effect::Mutate {
                    id,
                    mutation: Mutation::DeregisterTaskDefinition { task_definition },
                });
            }
            state.notify(kind, text);
        }
    }
}

/// Has the change ended, and how? None while it is still going.
pub fn check(until: &Until, service: &Service, elapsed: i64) -> Option<Ended> {
    let ended = |state: &str, ok: bool, reason: &str| {
        Some(Ended {
            state: state.to_string(),
            ok,
            after_secs: elapsed,
            reason: reason.to_string(),
        })
    };
    match until {
        Until::NewPrimary(before) => match service.primary_deployment() {
            Some(d) if !before.contains(&d.id) => {
                check(&Until::Deployment(Some(d.id.clone())), service, elapsed)
            }
            _ => None,
        },
        Until::Deployment(id) => {
            let deployment = match id {
                Some(id) => service.deployments.iter().find(|d| &d.id == id),
                None => service.primary_deployment(),
            };
            let Some(d) = deployment else {
                return ended(
                    "SUPERSEDED",
                    false,
                    "the deployment is no longer listed: another deployment replaced it",
                );
            };
            match d.rollout_state.as_str() {
                "COMPLETED" => ended("COMPLETED", true, &d.rollout_reason),
                "FAILED" => ended("FAILED", false, &d.rollout_reason),
                "" => ended(
                    "UNKNOWN",
                    false,
                    "ECS reports no rollout state for this service's deployment controller",
                ),
                _ => None,
            }
        }
        Until::Running(to) => {
            let primary = service.primary_deployment();
            if let Some(d) = primary.filter(|d| d.rollout_state == "FAILED") {
                return ended("FAILED", false, &d.rollout_reason);
            }
            if service.desired != *to {
                return ended(
                    "CHANGED",
                    false,
                    &format!(
                        "desired is now {} (autoscaling or someone else changed it)",
                        service.desired
                    ),
                );
            }
            let settled = primary.is_none_or(|d| d.rollout_state != "IN_PROGRESS");
            (service.running == *to && service.pending == 0 && settled).then(|| Ended {
                state: "COMPLETED".into(),
                ok: true,
                after_secs: elapsed,
                reason: format!("running {} of {}", service.running, to),
            })
        }
    }
}

/// The follow on the view on screen, if any is still going: (stack depth, service,
/// elapsed, revision that would have been deregistered).
pub fn watching(state: &State) -> Option<(usize, String, i64, Option<String>)> {
    match state.view() {
        Some(View::Service(v)) => v.follow.as_ref().filter(|f| f.ended.is_none()).map(|f| {
            (
                state.views.len(),
                v.name.clone(),
                f.elapsed_secs(state.now),
                f.deregister.clone(),
            )
        }),
        _ => None,
    }
}

/// The user left a followed service's detail: say that following stopped (the rollout
/// goes on in AWS) and that nothing was deregistered.
pub fn left(state: &mut State, before: Option<(usize, String, i64, Option<String>)>) {
    let Some((depth, name, elapsed, deregister)) = before else {
        return;
    };
    if state.views.len() >= depth {
        return;
    }
    let mut text = format!(
        "stopped following {name} after {} (the rollout goes on in AWS)",
        duration_words(elapsed)
    );
    if let Some(td) = deregister {
        text.push_str(&format!(
            "; {} was not deregistered",
            crate::model::arn_tail(&td)
        ));
    }
    state.notify(NoticeKind::Warning, text);
}

/// Is a followed view waiting for this deregistration's outcome?
pub fn owns(state: &State, id: RequestId) -> bool {
    state.views.iter().any(|v| match v {
        View::Service(v) => v
            .follow
            .as_ref()
            .is_some_and(|f| f.deregister_sent == Some(id)),
        _ => false,
    })
}

pub fn on_loaded(state: &mut State, id: RequestId, loaded: Loaded) {
    let mut revision = String::new();
    for view in state.views.iter_mut() {
        if let View::Service(v) = view {
            if let Some(f) = v.follow.as_mut().filter(|f| f.deregister_sent == Some(id)) {
                f.deregister_sent = None;
                revision = f
                    .deregister
                    .take()
                    .map(|td| crate::model::arn_tail(&td).to_string())
                    .unwrap_or_default();
            }
        }
    }
    match loaded {
        Loaded::Mutated(Ok(_)) => {
            state.notify(NoticeKind::Success, format!("deregistered {revision}"))
        }
        Loaded::Mutated(Err(e)) => state.notify(
            NoticeKind::Error,
            format!("could not deregister {revision}: {}", e.summary()),
        ),
        _ => {}
    }
}
