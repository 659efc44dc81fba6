//! The task definition panes in `update`: opening them, their requests and results,
//! their keys (view, mark, diff, raw JSON, copy ARN) and scrolling.

use std::time::Duration;

use super::navigation::push;
use crate::action::Loaded;
use crate::effect::{Effect, Request, RequestId};
use crate::keymap::Command;
use crate::model::{TaskDefinitionRef, Timestamp};
use crate::state::taskdefs::{Family, ServiceRuns};
use crate::state::{
    FamiliesView, NoticeKind, RevisionDiffView, RevisionView, RevisionsView, ServiceRef, State,
    View,
};
use crate::ui::taskdefs_text;

/// Revisions described per DescribeTaskDefinition batch (calls run 4 at a time).
pub const DESCRIBE_BATCH: usize = 20;
/// Rows around the selection whose details are fetched: a screenful and a bit.
const DESCRIBE_BEFORE: usize = 5;
const DESCRIBE_AFTER: usize = 45;
/// Wait before describing again after throttling or a network failure.
const DESCRIBE_RETRY: Duration = Duration::from_secs(5);
/// Families and revisions change only when someone registers one: listed again at most
/// this often (`r` refreshes at once).
pub const LIST_REFRESH: Duration = Duration::from_secs(30);
/// A revision never changes once registered: its view and diff are not refreshed by the clock.
const IMMUTABLE: Duration = Duration::from_secs(365 * 24 * 3600);

/// The cluster of the nearest view that has one (for the service markers).
fn current_cluster(state: &State) -> Option<String> {
    state.views.iter().rev().find_map(|v| match v {
        View::Services(v) => Some(v.cluster.clone()),
        View::Service(v) => Some(v.cluster.clone()),
        View::Tasks(v) => Some(v.cluster.clone()),
        View::Containers(v) => Some(v.cluster.clone()),
        View::Families(v) => v.cluster.clone(),
        View::Revisions(v) => v.cluster.clone(),
        _ => None,
    })
}

/// A revisions pane for `family`; markers start from the services list already loaded
/// below it (no extra call), then follow the pane's own services load.
pub fn revisions_view(state: &State, family: &str, service: Option<ServiceRef>) -> View {
    let cluster = service
        .as_ref()
        .map(|s| s.cluster.clone())
        .or_else(|| current_cluster(state));
    let mut view = RevisionsView {
        family: family.to_string(),
        cluster: cluster.clone(),
        ..Default::default()
    };
    view.service = service;
    if let Some(services) = state.views.iter().rev().find_map(|v| match v {
        View::Services(s) if Some(&s.cluster) == cluster.as_ref() => Some(s),
        _ => None,
    }) {
        let runs: Vec<ServiceRuns> = services.table.rows().iter().map(ServiceRuns::of).collect();
        // The service detail it was opened from may be newer than the list below it.
        let own = view.service.clone();
        view.set_services(&runs);
        view.service = own;
    }
    if let Some(arn) = view.service.as_ref().map(|s| s.task_definition.clone()) {
        view.table.select_key(&arn);
    }
    View::Revisions(view)
}

/// Keys of the task definition panes; false when the command is not theirs.
pub fn on_command(state: &mut State, command: Command, fx: &mut Vec<Effect>) -> bool {
    match command {
        Command::OpenFamilies => {
            if !matches!(state.view(), Some(View::Families(_))) {
                let cluster = current_cluster(state);
                push(
                    state,
                    View::Families(FamiliesView {
                        cluster,
                        ..Default::default()
                    }),
                    fx,
                );
            }
        }
        Command::OpenRevisions => open_from_service(state, fx),
        Command::ViewRevision => view_revision(state, fx),
        Command::MarkRevision => mark(state),
        Command::DiffRevisions => open_diff(state, fx),
        Command::ToggleRaw => {
            if let Some(View::Revision(v)) = state.view_mut() {
                v.raw = !v.raw;
                v.scroll = 0;
            }
        }
        Command::CopyArn => copy_arn(state, fx),
        _ => return false,
    }
    true
}

/// `d` on a service (services list or detail): its family, its revision selected.
fn open_from_service(state: &mut State, fx: &mut Vec<Effect>) {
    let service = match state.view() {
        Some(View::Services(v)) => v.table.selected().map(|s| (v.cluster.clone(), s.clone())),
        Some(View::Service(v)) => v.service.clone().map(|s| (v.cluster.clone(), s)),
        _ => return,
    };
    let Some((cluster, service)) = service else {
        state.notify(NoticeKind::Warning, "no service loaded yet");
        return;
    };
    let Some(revision) = TaskDefinitionRef::parse(&service.task_definition) else {
        state.notify(
            NoticeKind::Warning,
            format!("{} has no task definition revision", service.name),
        );
        return;
    };
    let service = ServiceRef {
        cluster,
        name: service.name.clone(),
        task_definition: service.task_definition.clone(),
    };
    let view = revisions_view(state, &revision.family, Some(service));
    push(state, view, fx);
}

/// Enter on a family opens its revisions.
pub fn open_family(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(View::Families(v)) = state.view() else {
        return;
    };
    let Some(family) = v.table.selected().map(|f| f.name.clone()) else {
        return;
    };
    let view = revisions_view(state, &family, None);
    push(state, view, fx);
}

fn view_revision(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(View::Revisions(v)) = state.view() else {
        return;
    };
    let Some(arn) = v.selected_arn().map(str::to_string) else {
        return;
    };
    let view = View::Revision(RevisionView {
        detail: v.details.get(&arn).cloned(),
        task_definition: arn,
        service: v.service.clone(),
        ..Default::default()
    });
    push(state, view, fx);
}

fn mark(state: &mut State) {
    let Some(View::Revisions(v)) = state.view_mut() else {
        return;
    };
    let Some(selected) = v.table.selected().map(|r| r.revision.clone()) else {
        return;
    };
    let text = if v.marked.as_deref() == Some(selected.arn.as_str()) {
        v.marked = None;
        format!("unmarked {}", selected.short_name())
    } else {
        v.marked = Some(selected.arn.clone());
        let diff = state.keymap.key_for(Command::DiffRevisions).unwrap_or("d");
        format!(
            "marked {} — select another revision and press {diff} to diff",
            selected.short_name()
        )
    };
    state.notify(NoticeKind::Info, text);
}

/// The two sides of a diff from the revisions list: the marked revision, else the one the
/// service runs, else the revision before the selected one; always ending at the selected.
fn diff_sides(v: &RevisionsView) -> Option<(String, String)> {
    let selected = v.table.selected()?.revision.clone();
    let from = v
        .marked
        .clone()
        .filter(|m| *m != selected.arn)
        .or_else(|| {
            v.service_revision()
                .filter(|s| *s != selected.arn)
                .map(str::to_string)
        })
        .or_else(|| {
            v.revisions
                .iter()
                .filter(|r| r.revision < selected.revision)
                .max_by_key(|r| r.revision)
                .map(|r| r.arn.clone())
        })?;
    Some((from, selected.arn))
}

fn open_diff(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(View::Revisions(v)) = state.view() else {
        return;
    };
    let Some((from, to)) = diff_sides(v) else {
        state.notify(
            NoticeKind::Warning,
            "nothing to diff against: mark a revision with m first",
        );
        return;
    };
    let mut view = RevisionDiffView {
        from: from.clone(),
        to: to.clone(),
        service: v.service.clone(),
        ..Default::default()
    };
    if let (Some(a), Some(b)) = (v.details.get(&from), v.details.get(&to)) {
        view.set_details(vec![a.clone(), b.clone()]);
    }
    push(state, View::RevisionDiff(view), fx);
}

fn copy_arn(state: &mut State, fx: &mut Vec<Effect>) {
    let arn = match state.view() {
        Some(View::Revisions(v)) => v.selected_arn().map(str::to_string),
        Some(View::Revision(v)) => Some(
            v.detail
                .as_ref()
                .map(|t| t.arn.clone())
                .unwrap_or_else(|| v.task_definition.clone()),
        ),
        Some(View::RevisionDiff(v)) => Some(
            v.details
                .get(1)
                .map(|t| t.arn.clone())
                .unwrap_or_else(|| v.to.clone()),
        ),
        _ => None,
    };
    if let Some(arn) = arn {
        state.notify(NoticeKind::Success, format!("copied {arn}"));
        fx.push(Effect::CopyToClipboard(arn));
    }
}

/// Scroll the revision view or the diff; false for other views.
pub fn scroll(state: &mut State, delta: isize) -> bool {
    let (scroll, lines) = match state.view_mut() {
        Some(View::Revision(v)) => {
            let lines = v
                .detail
                .as_ref()
                .map_or(0, |t| taskdefs_text::revision_line_count(t, v.raw));
            (&mut v.scroll, lines)
        }
        Some(View::RevisionDiff(v)) => {
            let lines = v.diff.as_ref().map_or(0, taskdefs_text::diff_line_count);
            (&mut v.scroll, lines)
        }
        _ => return false,
    };
    let target = (*scroll as isize).saturating_add(delta);
    *scroll = target.clamp(0, lines.saturating_sub(1) as isize) as usize;
    true
}

/// The requests that fill one of these views (called by `navigation::fetch`, which has
/// cancelled the main request already).
pub fn fetch(
    view: &mut View,
    id: RequestId,
    next_request: &mut RequestId,
    now: Timestamp,
    fx: &mut Vec<Effect>,
) {
    let request = match view {
        View::Families(_) => Request::TaskDefinitionFamilies,
        View::Revisions(v) => {
            if let Some(cluster) = v.cluster.clone() {
                if let Some(old) = v.services_load.in_flight.take() {
                    fx.push(Effect::Cancel(old));
                }
                let services = *next_request;
                *next_request += 1;
                v.services_seen.clear();
                v.services_load.start(services);
                fx.push(Effect::Fetch {
                    id: services,
                    request: Request::Services { cluster },
                });
            }
            // A refresh asks again for revisions that failed to describe.
            v.describe_failed.clear();
            Request::TaskDefinitionRevisions {
                family: v.family.clone(),
            }
        }
        View::Revision(v) => {
            if v.detail.is_some() && v.load.loaded_at.is_none() {
                // Handed over by the revisions list: nothing to ask.
                settled(&mut v.load, now);
                return;
            }
            Request::TaskDefinitions {
                task_definitions: vec![v.task_definition.clone()],
            }
        }
        View::RevisionDiff(v) => {
            if v.diff.is_some() && v.load.loaded_at.is_none() {
                settled(&mut v.load, now);
                return;
            }
            Request::TaskDefinitions {
                task_definitions: vec![v.from.clone(), v.to.clone()],
            }
        }
        _ => return,
    };
    view.load_mut().start(id);
    fx.push(Effect::Fetch { id, request });
}

/// Requests beyond the main one, cancelled when the view goes.
pub fn cancel_extra(view: &mut View, fx: &mut Vec<Effect>) {
    if let View::Revisions(v) = view {
        if let Some(id) = v.services_load.in_flight.take() {
            fx.push(Effect::Cancel(id));
        }
        if let Some((id, _)) = v.describing.take() {
            fx.push(Effect::Cancel(id));
        }
    }
}

fn settled(load: &mut crate::state::Load, now: Timestamp) {
    load.succeeded(now, IMMUTABLE);
}

/// A result for one of these views; false when it is not theirs.
pub fn apply(
    view: &mut View,
    id: RequestId,
    loaded: Loaded,
    now: Timestamp,
    every: Duration,
) -> Result<(), Box<Loaded>> {
    match (view, loaded) {
        (View::Families(v), Loaded::TaskDefinitionFamilies(result)) => match result {
            Ok(names) => {
                v.table
                    .set_rows(names.into_iter().map(|name| Family { name }).collect());
                v.load.succeeded(now, every.max(LIST_REFRESH));
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Revisions(v), Loaded::TaskDefinitionRevisions(result)) => match result {
            Ok(revisions) => {
                v.revisions = revisions;
                v.rebuild();
                v.load.succeeded(now, every.max(LIST_REFRESH));
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::Revisions(v), Loaded::TaskDefinitions(result)) => {
            let asked = v.describing.take().map(|(_, a)| a).unwrap_or_default();
            match result {
                Ok(details) => {
                    for td in details {
                        v.details.insert(td.arn.clone(), td);
                    }
                    v.describe_after = None;
                    if v.load
                        .error
                        .as_ref()
                        .is_some_and(|e| e.operation == "ecs:DescribeTaskDefinition")
                    {
                        v.load.error = None;
                    }
                    v.rebuild();
                }
                Err(e) => {
                    if e.is_transient() {
                        v.describe_after = Some(now + DESCRIBE_RETRY);
                    } else {
                        v.describe_failed.extend(asked);
                    }
                    // Shown in the footer; the list itself still stands.
                    v.load.error = Some(e);
                }
            }
        }
        (View::Revisions(v), Loaded::ServicesBatch(batch)) => {
            v.services_seen.extend(batch.iter().map(ServiceRuns::of));
        }
        (View::Revisions(v), Loaded::ServicesDone(result)) => match result {
            Ok(()) => {
                let seen = std::mem::take(&mut v.services_seen);
                v.set_services(&seen);
                v.services_load.succeeded(now, every);
                v.rebuild();
            }
            // Markers are a bonus: the revisions stand without them.
            Err(e) => v.services_load.failed(now, every, e, id),
        },
        (View::Revision(v), Loaded::TaskDefinitions(result)) => match result {
            Ok(mut details) if !details.is_empty() => {
                v.detail = Some(details.remove(0));
                settled(&mut v.load, now);
            }
            Ok(_) => v.load.failed(
                now,
                every,
                crate::aws::AwsError::new(
                    crate::aws::ErrorKind::NotFound,
                    "ecs:DescribeTaskDefinition",
                    format!("task definition '{}' was not found", v.task_definition),
                ),
                id,
            ),
            Err(e) => v.load.failed(now, every, e, id),
        },
        (View::RevisionDiff(v), Loaded::TaskDefinitions(result)) => match result {
            Ok(details) => {
                v.set_details(details);
                settled(&mut v.load, now);
            }
            Err(e) => v.load.failed(now, every, e, id),
        },
        (_, other) => return Err(Box::new(other)),
    }
    Ok(())
}

/// After every action: the revisions list on screen asks for the details of the rows
/// around the selection that it does not have yet, one batch at a time.
pub fn follow_up(state: &mut State, fx: &mut Vec<Effect>) {
    let (id, now) = (state.next_request, state.now);
    let Some(View::Revisions(v)) = state.views.last_mut() else {
        return;
    };
    if v.describing.is_some() || v.table.is_empty() || v.describe_after.is_some_and(|t| now < t) {
        return;
    }
    let selected = v.table.selected_index();
    let start = selected.saturating_sub(DESCRIBE_BEFORE);
    let end = (selected + DESCRIBE_AFTER).min(v.table.len());
    let mut wanted: Vec<String> = (start..end)
        .filter_map(|i| v.table.visible_row(i))
        .map(|r| r.revision.arn.clone())
        .filter(|arn| !v.details.contains_key(arn) && !v.describe_failed.contains(arn))
        .take(DESCRIBE_BATCH)
        .collect();
    // The service's revision and the marked one are what a diff needs first.
    for arn in [v.service_revision(), v.marked.as_deref()]
        .into_iter()
        .flatten()
    {
        let known = v.revisions.iter().any(|r| r.arn == arn);
        if known
            && !v.details.contains_key(arn)
            && !wanted.iter().any(|w| w == arn)
            && !v.describe_failed.iter().any(|f| f == arn)
        {
            wanted.push(arn.to_string());
        }
    }
    if wanted.is_empty() {
        return;
    }
    state.next_request += 1;
    v.describing = Some((id, wanted.clone()));
    fx.push(Effect::Fetch {
        id,
        request: Request::TaskDefinitions {
            task_definitions: wanted,
        },
    });
}
