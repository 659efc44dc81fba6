//! The rollback dialog: ACTIVE revisions of the family, the default target (the newest
//! older than the running one, as ecspresso picks), the diff between the two, and the
//! typed service name that confirms it.

use crossterm::event::KeyEvent;

use super::dialog::{cancel, command, next_id, send};
use crate::effect::{Effect, Request};
use crate::keymap::Command;
use crate::model::{Mutation, Service, TaskDefinitionRef};
use crate::state::dialog::{Dialog, DialogKind, Rollback, Subject};
use crate::state::{Edit, NoticeKind, State, TextInput};

/// Summary lines moved by page up / page down in the rollback dialog.
const DIFF_PAGE: usize = 5;

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

pub(super) fn rollback_key(
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
pub(super) fn fetch_diff(state: &mut State, dialog: &mut Dialog, fx: &mut Vec<Effect>) {
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

/// ACTIVE revisions other than the running one, newest first; the default target is
/// the newest older than the running one (what ecspresso does), unless one was asked for.
pub(super) fn choose_default(r: &mut Rollback, mut revisions: Vec<TaskDefinitionRef>) {
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
