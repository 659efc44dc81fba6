//! The rollback dialog: ACTIVE revisions of the family, the default target (the newest
//! older than the running one, as ecspresso picks), the diff between the two, and the
//! typed service name that confirms it.

use crossterm::event::KeyEvent;

use super::dialog::{cancel, command, next_id, send};
use crate::effect::{Effect, Request};
use crate::keymap::Command;
use crate::model::{Mutation, Service, TaskDefinitionRef};
use crate::state::dialog::{Dialog, DialogKind, Rollback, Subject};
use crate::state::{Edit, NoticeKind, State, TextInput, View};

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

/// From the revisions pane (list, revision or diff): deploy the revision shown or
/// selected to the service the pane was opened from, through the same confirmation.
pub fn from_revisions(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((arn, origin)) = state
        .view()
        .and_then(crate::state::taskdefs::deploy_target)
        .map(|(arn, s)| (arn, s.clone()))
    else {
        state.notify(
            NoticeKind::Info,
            "to deploy a revision, open the revisions from its service (d on the service)",
        );
        return;
    };
    let service = state.views.iter().rev().find_map(|v| match v {
        View::Service(v) if v.name == origin.name && v.cluster == origin.cluster => {
            v.service.clone()
        }
        View::Services(v) if v.cluster == origin.cluster => v
            .table
            .rows()
            .iter()
            .find(|s| s.name == origin.name)
            .cloned(),
        _ => None,
    });
    let Some(service) = service else {
        state.notify(
            NoticeKind::Warning,
            format!(
                "{} is not loaded any more: open it again and retry",
                origin.name
            ),
        );
        return;
    };
    let (Some(target), Some(running)) = (
        TaskDefinitionRef::parse(&arn),
        TaskDefinitionRef::parse(&service.task_definition),
    ) else {
        state.notify(
            NoticeKind::Error,
            format!("{arn} is not a task definition revision"),
        );
        return;
    };
    if (&target.family, target.revision) == (&running.family, running.revision) {
        state.notify(
            NoticeKind::Info,
            format!(
                "{} already runs {}:{}",
                service.name, target.family, target.revision
            ),
        );
        return;
    }
    open_rollback(state, &origin.cluster, &service, Some(&arn), fx);
}

#[cfg(test)]
mod from_revisions_tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::tests::{new_state, service, t0};
    use crate::action::Action;
    use crate::model::TaskDefinitionRef;
    use crate::state::dialog::DialogKind;
    use crate::state::{RevisionRow, RevisionsView, ServiceRef, ServicesView, State, View};
    use crate::update::update;

    const TD: &str = "arn:aws:ecs:us-east-1:123456789012:task-definition/omni-web";

    fn revisions_of_omni_web(selected: i32) -> State {
        let mut state = new_state();
        let mut services = ServicesView {
            cluster: "omni-acme-cluster".into(),
            ..Default::default()
        };
        services
            .table
            .set_rows(vec![service("omni-web", "COMPLETED")]);
        state.views.push(View::Services(services));
        let mut revisions = RevisionsView {
            family: "omni-web".into(),
            service: Some(ServiceRef {
                cluster: "omni-acme-cluster".into(),
                name: "omni-web".into(),
                task_definition: format!("{TD}:3"),
            }),
            ..Default::default()
        };
        let row = |n: i32| RevisionRow {
            revision: TaskDefinitionRef::parse(&format!("{TD}:{n}")).unwrap_or_default(),
            registered_at: None,
            registered_by: String::new(),
            size: String::new(),
            images: Vec::new(),
            services: Vec::new(),
            described: false,
        };
        revisions.table.set_rows(vec![row(selected)]);
        state.views.push(View::Revisions(revisions));
        state
    }

    fn press(state: &mut State, c: char) -> Vec<crate::effect::Effect> {
        update(
            state,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            t0(),
        )
    }

    #[test]
    fn b_in_the_revisions_pane_opens_the_rollback_confirmation_on_that_revision() {
        let mut state = revisions_of_omni_web(2);
        press(&mut state, 'b');
        match state.dialog.as_ref().map(|d| &d.kind) {
            Some(DialogKind::Rollback(r)) => {
                assert_eq!(r.wanted.as_deref(), Some(format!("{TD}:2").as_str()));
                assert_eq!(r.service.name, "omni-web");
            }
            other => panic!("no rollback dialog: {other:?}"),
        }
    }

    #[test]
    fn the_revision_the_service_runs_is_not_offered_again() {
        let mut state = revisions_of_omni_web(3);
        press(&mut state, 'b');
        assert!(state.dialog.is_none());
        let notice = state
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default();
        assert_eq!(notice, "omni-web already runs omni-web:3");
    }
}
