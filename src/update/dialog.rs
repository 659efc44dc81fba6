//! The actions menu and the confirmations of changes (scale and rollback have their
//! own files: `scale.rs`, `rollback.rs`). Nothing here talks to AWS: a
//! confirmed change becomes `Effect::Mutate`, whose outcome comes back as
//! `Loaded::Mutated`; reads the dialogs need (autoscaling range, revisions, the
//! revision diff) are ordinary fetches the dialog owns.

use crossterm::event::{KeyCode, KeyEvent};

use super::follow;
use super::navigation::refresh_now;
pub use super::rollback::open_rollback;
use super::rollback::{choose_default, fetch_diff, rollback_key};
pub use super::scale::parse_desired;
use super::scale::scale_key;
use crate::action::Loaded;
use crate::effect::{Effect, Request, RequestId};
use crate::keymap::{Command, Section};
use crate::model::{Mutation, Service, Task};
use crate::state::dialog::{Autoscaling, Confirm, Dialog, DialogKind, Scale, Subject};
use crate::state::{Edit, NoticeKind, State, TextInput, View};

/// `a`: the actions menu for the selected service or task.
pub fn open_actions(state: &mut State) {
    let subject = match state.view() {
        Some(View::Services(v)) => v
            .table
            .selected()
            .map(|s| (v.cluster.clone(), Subject::Service(Box::new(s.clone())))),
        Some(View::Service(v)) => v
            .service
            .as_ref()
            .map(|s| (v.cluster.clone(), Subject::Service(Box::new(s.clone())))),
        Some(View::Tasks(v)) => v
            .table
            .selected()
            .map(|t| (v.cluster.clone(), Subject::Task(Box::new(t.clone())))),
        _ => None,
    };
    match subject {
        Some((cluster, subject)) => {
            state.dialog = Some(Dialog {
                cluster,
                kind: DialogKind::Menu(subject),
                sent: None,
                error: None,
            })
        }
        None => state.notify(
            NoticeKind::Info,
            "actions apply to a selected service or task",
        ),
    }
}

pub fn owns(state: &State, id: RequestId) -> bool {
    state.dialog.as_ref().is_some_and(|d| d.owns(id))
}

pub fn on_key(state: &mut State, key: KeyEvent, fx: &mut Vec<Effect>) {
    let Some(mut dialog) = state.dialog.take() else {
        return;
    };
    let keep = match &mut dialog.kind {
        DialogKind::Menu(_) => menu_key(state, &mut dialog, key, fx),
        DialogKind::Confirm(_) => confirm_key(state, &mut dialog, key, fx),
        DialogKind::Scale(_) => scale_key(state, &mut dialog, key, fx),
        DialogKind::Rollback(_) => rollback_key(state, &mut dialog, key, fx),
    };
    // A dialog whose key opened another one (the menu) has already put it in place.
    if keep && state.dialog.is_none() {
        state.dialog = Some(dialog);
    }
}

/// The dialog command for a key. In dialogs with a text field, character keys are
/// text, so only other keys (enter, esc, tab, arrows) are looked up.
pub(super) fn command(state: &State, key: KeyEvent, typing: bool) -> Option<Command> {
    if typing && matches!(key.code, KeyCode::Char(_)) {
        return None;
    }
    state.keymap.command_in(key, Section::Dialog)
}

/// Cancel closes a dialog, except while its request is on the way (its outcome is
/// shown here when AWS answers, within seconds).
pub(super) fn cancel(state: &mut State, dialog: &mut Dialog) -> bool {
    if dialog.sent.is_some() {
        dialog.error = Some("waiting for AWS to answer…".into());
        return true;
    }
    state.notify(NoticeKind::Info, "cancelled: nothing was sent");
    false
}

fn menu_key(state: &mut State, dialog: &mut Dialog, key: KeyEvent, fx: &mut Vec<Effect>) -> bool {
    let DialogKind::Menu(subject) = &dialog.kind else {
        return false;
    };
    let Some(action) = command(state, key, false) else {
        return true;
    };
    if action == Command::Cancel {
        return false;
    }
    if !subject.actions().contains(&action) {
        return true;
    }
    if let Some(reason) = subject.unavailable(action, state.settings.read_only) {
        dialog.error = Some(reason);
        return true;
    }
    let cluster = dialog.cluster.clone();
    match (subject.clone(), action) {
        (Subject::Service(service), Command::ForceNewDeployment) => {
            let mutation = Mutation::ForceNewDeployment {
                cluster: cluster.clone(),
                service: service.name.clone(),
            };
            state.dialog = Some(confirm_dialog(
                cluster,
                "force new deployment",
                (Some(service), None),
                mutation,
            ));
        }
        (Subject::Service(service), Command::Scale) => {
            let id = next_id(state);
            fx.push(Effect::Fetch {
                id,
                request: Request::ScalableTarget {
                    cluster: cluster.clone(),
                    service: service.name.clone(),
                },
            });
            state.dialog = Some(Dialog {
                cluster,
                kind: DialogKind::Scale(Scale {
                    service,
                    autoscaling: Autoscaling::Loading(id),
                    input: TextInput::default(),
                    to: None,
                    name: TextInput::default(),
                }),
                sent: None,
                error: None,
            });
        }
        (Subject::Service(service), Command::RollBack) => {
            open_rollback(state, &cluster, &service, None, fx);
        }
        (Subject::Task(task), Command::StopTask) => {
            let mutation = Mutation::StopTask {
                cluster: cluster.clone(),
                task: task.arn.clone(),
                reason: stop_reason(&state.identity.caller),
            };
            state.dialog = Some(confirm_dialog(
                cluster,
                "stop task",
                (None, Some(task)),
                mutation,
            ));
        }
        _ => return true,
    }
    // The menu made way for the action's dialog (or a notice said why not).
    false
}

/// The reason recorded on a task stopped from opsdeck (ECS keeps up to 255 characters).
pub fn stop_reason(caller: &str) -> String {
    let reason = format!("stopped from opsdeck by {caller}");
    reason.chars().take(255).collect()
}

fn confirm_dialog(
    cluster: String,
    title: &'static str,
    (service, task): (Option<Box<Service>>, Option<Box<Task>>),
    mutation: Mutation,
) -> Dialog {
    Dialog {
        cluster,
        kind: DialogKind::Confirm(Confirm {
            title,
            service,
            task,
            mutation,
            name: TextInput::default(),
        }),
        sent: None,
        error: None,
    }
}

fn confirm_key(
    state: &mut State,
    dialog: &mut Dialog,
    key: KeyEvent,
    fx: &mut Vec<Effect>,
) -> bool {
    let prod = state.in_prod();
    let DialogKind::Confirm(c) = &mut dialog.kind else {
        return false;
    };
    match command(state, key, prod) {
        Some(Command::Confirm) => {
            let expected = c.expected_name();
            if prod && c.name.text() != expected {
                dialog.error = Some(format!("prod context: type '{expected}' to confirm"));
                return true;
            }
            let mutation = c.mutation.clone();
            send(state, dialog, mutation, fx);
            true
        }
        Some(Command::Cancel) => cancel(state, dialog),
        _ => {
            if prod && dialog.sent.is_none() && c.name.handle(key) == Edit::Changed {
                dialog.error = None;
            }
            true
        }
    }
}

/// Send the mutation, once: a dialog with a request on the way sends nothing more.
pub(super) fn send(
    state: &mut State,
    dialog: &mut Dialog,
    mutation: Mutation,
    fx: &mut Vec<Effect>,
) {
    if dialog.sent.is_some() {
        return;
    }
    if state.settings.read_only {
        dialog.error = Some("read-only session (--read-only): nothing was sent".into());
        return;
    }
    let id = next_id(state);
    dialog.error = None;
    dialog.sent = Some((id, mutation.clone()));
    fx.push(Effect::Mutate { id, mutation });
}

pub(super) fn next_id(state: &mut State) -> RequestId {
    let id = state.next_request;
    state.next_request += 1;
    id
}

/// A result for the open dialog.
pub fn on_loaded(state: &mut State, loaded: Loaded, fx: &mut Vec<Effect>) {
    let Some(mut dialog) = state.dialog.take() else {
        return;
    };
    state.dirty = true;
    let keep = match loaded {
        Loaded::Mutated(result) => {
            let Some((_, mutation)) = dialog.sent.take() else {
                return;
            };
            match result {
                Ok(accepted) => {
                    let request = accepted
                        .request_id
                        .as_deref()
                        .map(|r| format!(" (request {r})"))
                        .unwrap_or_default();
                    state.notify(
                        NoticeKind::Success,
                        format!(
                            "{}: {} accepted by AWS{request}",
                            mutation.target(),
                            mutation.change()
                        ),
                    );
                    after_accepted(state, &dialog, &mutation, accepted, fx);
                    false
                }
                Err(e) => {
                    dialog.error = Some(e.summary());
                    true
                }
            }
        }
        Loaded::ScalableTarget(result) => {
            if let DialogKind::Scale(s) = &mut dialog.kind {
                s.autoscaling = match result {
                    Ok(Some(t)) => Autoscaling::Target(t),
                    Ok(None) => Autoscaling::None,
                    Err(e) => {
                        tracing::info!("autoscaling range unknown: {}", e.summary());
                        Autoscaling::Unknown(e.summary())
                    }
                };
            }
            true
        }
        Loaded::RollbackRevisions(result) => {
            if let DialogKind::Rollback(r) = &mut dialog.kind {
                r.revisions_load = None;
                match result {
                    Ok(revisions) => {
                        choose_default(r, revisions);
                        if r.chosen.is_none() && !r.revisions.is_empty() {
                            dialog.error = Some(
                                "no ACTIVE revision is older than the running one: ↑/↓ picks another"
                                    .into(),
                            );
                        } else if r.revisions.is_empty() {
                            dialog.error = Some(
                                "the family has no other ACTIVE revision to roll back to".into(),
                            );
                        }
                        fetch_diff(state, &mut dialog, fx);
                    }
                    Err(e) => dialog.error = Some(e.summary()),
                }
            }
            true
        }
        Loaded::RollbackDiff(result) => {
            if let DialogKind::Rollback(r) = &mut dialog.kind {
                r.diff_load = None;
                match result {
                    Ok(diff) => r.diff = Some(diff),
                    Err(e) => r.diff_error = Some(e.summary()),
                }
            }
            true
        }
        other => {
            tracing::warn!(?other, "a result of the wrong kind for the dialog");
            true
        }
    };
    if keep {
        state.dialog = Some(dialog);
    }
}

/// After AWS accepted: follow a service change on its detail; refresh a task list.
fn after_accepted(
    state: &mut State,
    dialog: &Dialog,
    mutation: &Mutation,
    accepted: crate::model::Accepted,
    fx: &mut Vec<Effect>,
) {
    let service = match &dialog.kind {
        DialogKind::Scale(s) => Some(&s.service),
        DialogKind::Rollback(r) => Some(&r.service),
        DialogKind::Confirm(c) => c.service.as_ref(),
        DialogKind::Menu(_) => None,
    };
    let deregister = match (&dialog.kind, mutation) {
        (DialogKind::Rollback(r), Mutation::Rollback { from, .. }) if r.deregister => {
            Some(from.clone())
        }
        _ => None,
    };
    match (mutation.service(), service) {
        (Some((cluster, _)), Some(service)) => {
            follow::start(state, cluster, service, mutation, accepted, deregister, fx)
        }
        _ => refresh_now(state, fx),
    }
}
