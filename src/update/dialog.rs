//! The actions menu and the confirmations of changes. Nothing here talks to AWS: a
//! confirmed change becomes `Effect::Mutate`, whose outcome comes back as
//! `Loaded::Mutated`; reads the dialogs need (autoscaling range, revisions, the
//! revision diff) are ordinary fetches the dialog owns.

use crossterm::event::{KeyCode, KeyEvent};

use super::follow;
use super::navigation::refresh_now;
use crate::action::Loaded;
use crate::effect::{Effect, Request, RequestId};
use crate::keymap::{Command, Section};
use crate::model::{Mutation, Service, Task, TaskDefinitionRef};
use crate::state::dialog::{
    Autoscaling, Confirm, Dialog, DialogKind, Rollback, Scale, Subject, ECS_MAX_DESIRED,
};
use crate::state::{Edit, NoticeKind, State, TextInput, View};

/// Summary lines moved by page up / page down in the rollback dialog.
const DIFF_PAGE: usize = 5;

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

/// Open the rollback dialog for `service`, optionally with a chosen target revision
/// (the revisions pane's "deploy this revision"). The revisions are listed and the
/// diff fetched before anything can be confirmed.
pub fn open_rollback(
    state: &mut State,
    cluster: &str,
    service: &Service,
    target: Option<&str>,
    fx: &mut Vec<Effect>,
) {
    let Some(current) = TaskDefinitionRef::parse(&service.task_definition) else {
        state.notify(
            NoticeKind::Error,
            format!("{}: its task definition is unknown", service.name),
        );
        return;
    };
    if let Some(reason) = Subject::Service(Box::new(service.clone()))
        .unavailable(Command::RollBack, state.settings.read_only)
    {
        state.notify(NoticeKind::Warning, format!("roll back: {reason}"));
        return;
    }
    let id = next_id(state);
    fx.push(Effect::Fetch {
        id,
        request: Request::RollbackRevisions {
            family: current.family,
        },
    });
    state.dialog = Some(Dialog {
        cluster: cluster.to_string(),
        kind: DialogKind::Rollback(Rollback {
            service: Box::new(service.clone()),
            revisions: Vec::new(),
            revisions_load: Some(id),
            chosen: None,
            wanted: target.map(str::to_string),
            diff: None,
            diff_load: None,
            diff_error: None,
            diff_scroll: 0,
            deregister: false,
            name: TextInput::default(),
        }),
        sent: None,
        error: None,
    });
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
fn command(state: &State, key: KeyEvent, typing: bool) -> Option<Command> {
    if typing && matches!(key.code, KeyCode::Char(_)) {
        return None;
    }
    state.keymap.command_in(key, Section::Dialog)
}

/// Cancel closes a dialog, except while its request is on the way (its outcome is
/// shown here when AWS answers, within seconds).
fn cancel(state: &mut State, dialog: &mut Dialog) -> bool {
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
    let DialogKind::Confirm(c) = &dialog.kind else {
        return false;
    };
    match command(state, key, false) {
        Some(Command::Confirm) => {
            let mutation = c.mutation.clone();
            send(state, dialog, mutation, fx);
            true
        }
        Some(Command::Cancel) => cancel(state, dialog),
        _ => true,
    }
}

/// Send the mutation, once: a dialog with a request on the way sends nothing more.
fn send(state: &mut State, dialog: &mut Dialog, mutation: Mutation, fx: &mut Vec<Effect>) {
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

fn next_id(state: &mut State) -> RequestId {
    let id = state.next_request;
    state.next_request += 1;
    id
}

/// The desired count typed into the scale dialog, or why it is refused.
pub fn parse_desired(text: &str) -> Result<i32, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!(
            "type the new desired count: a whole number from 0 to {ECS_MAX_DESIRED}"
        ));
    }
    if !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "'{t}' is not a whole number from 0 to {ECS_MAX_DESIRED}"
        ));
    }
    match t.parse::<u64>() {
        Ok(n) if n <= ECS_MAX_DESIRED as u64 => Ok(n as i32),
        _ => Err(format!(
            "{t} is more than ECS allows for one service ({ECS_MAX_DESIRED} tasks)"
        )),
    }
}

fn scale_key(state: &mut State, dialog: &mut Dialog, key: KeyEvent, fx: &mut Vec<Effect>) -> bool {
    let DialogKind::Scale(s) = &mut dialog.kind else {
        return false;
    };
    let typing = s.to.is_none() || s.to == Some(0);
    match command(state, key, typing) {
        Some(Command::Cancel) => return cancel(state, dialog),
        Some(Command::Confirm) => {}
        _ => {
            if dialog.sent.is_none() {
                let field = if s.to.is_none() {
                    &mut s.input
                } else {
                    &mut s.name
                };
                if field.handle(key) == Edit::Changed {
                    dialog.error = None;
                }
            }
            return true;
        }
    }
    // Confirm: first the count is checked, then (a second enter) the change is sent.
    let Some(to) = s.to else {
        match parse_desired(s.input.text()) {
            Ok(n) if n == s.service.desired => {
                dialog.error = Some(format!(
                    "{} already wants {n} tasks: nothing to change",
                    s.service.name
                ))
            }
            Ok(n) => {
                s.to = Some(n);
                dialog.error = None;
            }
            Err(e) => dialog.error = Some(e),
        }
        return true;
    };
    if to == 0 && s.name.text() != s.service.name {
        dialog.error = Some(format!(
            "type the service name '{}' to scale it to 0",
            s.service.name
        ));
        return true;
    }
    let mutation = Mutation::Scale {
        cluster: dialog.cluster.clone(),
        service: s.service.name.clone(),
        from: s.service.desired,
        to,
    };
    send(state, dialog, mutation, fx);
    true
}

fn rollback_key(
    state: &mut State,
    dialog: &mut Dialog,
    key: KeyEvent,
    fx: &mut Vec<Effect>,
) -> bool {
    let DialogKind::Rollback(r) = &mut dialog.kind else {
        return false;
    };
    match command(state, key, true) {
        Some(Command::Cancel) => cancel(state, dialog),
        Some(Command::ToggleOption) => {
            r.deregister = !r.deregister;
            true
        }
        Some(Command::PageDown) => {
            let changes = r.diff.as_ref().map_or(0, |d| d.changes.len());
            r.diff_scroll = (r.diff_scroll + DIFF_PAGE).min(changes.saturating_sub(1));
            true
        }
        Some(Command::PageUp) => {
            r.diff_scroll = r.diff_scroll.saturating_sub(DIFF_PAGE);
            true
        }
        Some(c @ (Command::ChoiceUp | Command::ChoiceDown)) => {
            if dialog.sent.is_some() || r.revisions.is_empty() {
                return true;
            }
            let last = r.revisions.len() - 1;
            // The list is newest first: down is older.
            r.chosen = Some(match (r.chosen, c) {
                (None, _) => 0,
                (Some(i), Command::ChoiceUp) => i.saturating_sub(1),
                (Some(i), _) => (i + 1).min(last),
            });
            fetch_diff(state, dialog, fx);
            true
        }
        Some(Command::Confirm) => {
            let Some(target) = r.target().cloned() else {
                dialog.error = Some("choose a revision to roll back to (↑/↓)".into());
                return true;
            };
            if r.diff.is_none() {
                dialog.error = Some("wait for the changes between the revisions to show".into());
                return true;
            }
            if r.name.text() != r.service.name {
                dialog.error = Some(format!(
                    "type the service name '{}' to confirm",
                    r.service.name
                ));
                return true;
            }
            let mutation = Mutation::Rollback {
                cluster: dialog.cluster.clone(),
                service: r.service.name.clone(),
                from: r.service.task_definition.clone(),
                to: target.arn.clone(),
            };
            send(state, dialog, mutation, fx);
            true
        }
        _ => {
            if dialog.sent.is_none() && r.name.handle(key) == Edit::Changed {
                dialog.error = None;
            }
            true
        }
    }
}

/// Ask for the diff between the running revision and the chosen one.
fn fetch_diff(state: &mut State, dialog: &mut Dialog, fx: &mut Vec<Effect>) {
    let id = next_id(state);
    let DialogKind::Rollback(r) = &mut dialog.kind else {
        return;
    };
    if let Some(old) = r.diff_load.take() {
        fx.push(Effect::Cancel(old));
    }
    r.diff = None;
    r.diff_error = None;
    r.diff_scroll = 0;
    let Some(target) = r.target() else {
        return;
    };
    fx.push(Effect::Fetch {
        id,
        request: Request::RollbackDiff {
            from: r.service.task_definition.clone(),
            to: target.arn.clone(),
        },
    });
    r.diff_load = Some(id);
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

/// ACTIVE revisions other than the running one, newest first; the default target is
/// the newest older than the running one (what ecspresso does), unless one was asked for.
fn choose_default(r: &mut Rollback, mut revisions: Vec<TaskDefinitionRef>) {
    let current = TaskDefinitionRef::parse(&r.service.task_definition);
    let running = current.as_ref().map_or(i32::MAX, |c| c.revision);
    revisions.retain(|t| t.revision != running);
    revisions.sort_by_key(|t| std::cmp::Reverse(t.revision));
    let wanted = r.wanted.as_deref().and_then(|w| {
        let w = TaskDefinitionRef::parse(w)?;
        revisions
            .iter()
            .position(|t| t.family == w.family && t.revision == w.revision)
    });
    r.chosen = wanted.or_else(|| revisions.iter().position(|t| t.revision < running));
    r.revisions = revisions;
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
