//! Keys → commands (through the keymap) → state changes.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::navigation::{
    containers_view, fetch, pop, push, refresh_now, service_view, services_view, tasks_view,
};
use crate::effect::Effect;
use crate::keymap::{Command, Lookup};
use crate::state::{Mode, State, View};

/// Rows moved by page up / page down.
const PAGE: isize = 10;

pub fn on_key(state: &mut State, key: KeyEvent, fx: &mut Vec<Effect>) {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    if state.dialog.is_some() && !ctrl_c {
        return super::dialog::on_key(state, key, fx);
    }
    match state.mode {
        Mode::Help => {
            let step: isize = match key.code {
                KeyCode::Up | KeyCode::Char('k') => -1,
                KeyCode::Down | KeyCode::Char('j') => 1,
                KeyCode::PageUp => -10,
                KeyCode::PageDown => 10,
                _ => 0,
            };
            if step != 0 {
                // The overlay also clamps to what fits when it draws.
                let last = crate::ui::help_lines(state).saturating_sub(1);
                state.help_scroll = state.help_scroll.saturating_add_signed(step).min(last);
                return;
            }
            state.mode = Mode::Normal;
            if !ctrl_c {
                return;
            }
        }
        Mode::Filter if !ctrl_c => return filter_key(state, key),
        Mode::Command if !ctrl_c => return super::command_line::on_key(state, key, fx),
        _ => {}
    }
    if !state.problems.is_empty() {
        // The first key after start-up dismisses the report of broken files.
        state.problems.clear();
        return;
    }
    if let Some(View::Logs(v)) = state.view() {
        if v.prompt.is_some() && !ctrl_c {
            return super::logs::prompt_key(state, key, fx);
        }
    }
    let sections = state.view().map(View::sections).unwrap_or_default();
    state.pending_keys.push(key);
    match state.keymap.lookup(&state.pending_keys, sections) {
        Lookup::Run(commands) => {
            state.pending_keys.clear();
            for command in commands {
                run(state, command, fx);
            }
        }
        Lookup::Pending => {}
        Lookup::Unbound => {
            // "g x": the sequence failed; x may still mean something on its own.
            let retry = state.pending_keys.len() > 1;
            state.pending_keys.clear();
            if retry {
                on_key(state, key, fx);
            }
        }
    }
}

pub(super) fn run(state: &mut State, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::Quit => {
            state.quitting = true;
            fx.push(Effect::Quit);
        }
        Command::Help => {
            state.mode = Mode::Help;
            state.help_scroll = 0;
        }
        Command::Back => pop(state, fx),
        Command::Forward => super::navigation::forward(state, fx),
        Command::CommandLine => super::command_line::open(state),
        Command::Contexts => super::contexts::show(state, fx),
        Command::Copy => super::copy::copy_selected(state, fx),
        Command::NewContext => super::context_dialog::open(state),
        Command::Refresh => refresh_now(state, fx),
        Command::Up => move_by(state, -1),
        Command::Down => move_by(state, 1),
        Command::PageUp => move_by(state, -PAGE),
        Command::PageDown => move_by(state, PAGE),
        Command::Top => move_by(state, isize::MIN / 2),
        Command::Bottom => move_by(state, isize::MAX / 2),
        Command::Select | Command::OpenLink => select(state, fx),
        Command::OpenTasks => open_tasks(state, fx),
        Command::Filter => {
            if state.view().is_some_and(|v| v.filter().is_some()) {
                state.mode = Mode::Filter;
            }
        }
        Command::SortNext | Command::SortReverse => sort(state, command),
        Command::Exec => super::exec::open(state),
        Command::PortForward => super::tunnel::open_dialog(state, fx),
        Command::Tunnels => super::tunnel::show(state, fx),
        Command::CloseTunnel => super::tunnel::close_selected(state, fx),
        Command::OpenFamilies
        | Command::OpenRevisions
        | Command::ViewRevision
        | Command::MarkRevision
        | Command::DiffRevisions
        | Command::ToggleRaw
        | Command::CopyArn => {
            super::taskdefs::on_command(state, command, fx);
        }
        Command::DeployRevision => super::rollback::from_revisions(state, fx),
        Command::Actions => super::dialog::open_actions(state),
        // Dialog commands act only inside dialogs (update/dialog.rs).
        Command::Confirm
        | Command::Cancel
        | Command::ToggleOption
        | Command::ChoiceUp
        | Command::ChoiceDown
        | Command::ForceNewDeployment
        | Command::Scale
        | Command::RollBack
        | Command::StopTask => {}
        Command::OpenLogs | Command::Mark | Command::LogGroups => {
            super::logs::open(state, command, fx)
        }
        Command::Search
        | Command::NextMatch
        | Command::PrevMatch
        | Command::InvertSearch
        | Command::FilterPattern
        | Command::StartAt
        | Command::ToggleTime
        | Command::ToggleTags
        | Command::ToggleWrap
        | Command::PrettyJson
        | Command::SaveLogs => super::logs::command(state, command, fx),
        Command::LiveTail => super::live_tail::toggle(state, fx),
        Command::OpenStacks
        | Command::OwningStack
        | Command::DeployTimeline
        | Command::ToggleDeletedStacks
        | Command::CurrentOperation
        | Command::MergeNested
        | Command::NextTab
        | Command::PreviousTab
        | Command::TimelineWindow => super::stacks::command(state, command, fx),
        Command::OpenDatabases => super::datastores::open_databases(state, fx),
        Command::OpenCaches => super::datastores::open_caches(state, fx),
        Command::SwitchDatastores => super::datastores::switch(state, fx),
        Command::ToggleStopped => {
            if let Some(View::Tasks(v)) = state.view_mut() {
                v.stopped = !v.stopped;
                v.table.set_rows(Vec::new());
                v.load = Default::default();
                fetch(state, fx);
            }
        }
    }
}

fn move_by(state: &mut State, delta: isize) {
    if matches!(state.view(), Some(View::Tunnels(_))) {
        return state.tunnels.move_by(delta);
    }
    if super::taskdefs::scroll(state, delta) {
        return;
    }
    if state
        .view_mut()
        .is_some_and(|v| super::stacks::move_by(v, delta))
    {
        return;
    }
    match state.view_mut() {
        Some(View::Service(v)) => {
            let events = v.service.as_ref().map_or(0, |s| s.events.len());
            let target = (v.events_scroll as isize).saturating_add(delta);
            v.events_scroll = target.clamp(0, events.saturating_sub(1) as isize) as usize;
        }
        Some(View::Logs(v)) => v.move_by(delta),
        Some(View::Datastore(v)) => super::datastores::scroll(v, delta),
        Some(view) => {
            if let Some(list) = view.list_mut() {
                list.move_by(delta);
            }
        }
        None => {}
    }
}

fn sort(state: &mut State, command: Command) {
    if let Some(list) = state.view_mut().and_then(View::list_mut) {
        if command == Command::SortNext {
            list.sort_next()
        } else {
            list.sort_reverse()
        }
    }
}

fn select(state: &mut State, fx: &mut Vec<Effect>) {
    if matches!(state.view(), Some(View::Families(_))) {
        return super::taskdefs::open_family(state, fx);
    }
    if matches!(state.view(), Some(View::Contexts(_))) {
        return super::contexts::switch_to_selected(state, fx);
    }
    if super::stacks::select(state, fx) {
        return;
    }
    let next = match state.view() {
        Some(View::Clusters(v)) => v.table.selected().map(|c| services_view(&c.name)),
        Some(View::Services(v)) => v
            .table
            .selected()
            .map(|s| service_view(&v.cluster, &s.name)),
        Some(View::Service(v)) => Some(tasks_view(&v.cluster, Some(&v.name))),
        Some(View::Tasks(v)) => v
            .table
            .selected()
            .map(|t| containers_view(&v.cluster, &t.arn)),
        Some(View::LogGroups(_) | View::LogStreams(_)) => super::logs::select(state),
        Some(View::Databases(_) | View::Caches(_)) => super::datastores::select(state),
        _ => None,
    };
    if let Some(view) = next {
        push(state, view, fx);
    }
}

fn open_tasks(state: &mut State, fx: &mut Vec<Effect>) {
    let next = match state.view() {
        Some(View::Clusters(v)) => v.table.selected().map(|c| tasks_view(&c.name, None)),
        Some(View::Services(v)) => v
            .table
            .selected()
            .map(|s| tasks_view(&v.cluster, Some(&s.name))),
        Some(View::Service(v)) => Some(tasks_view(&v.cluster, Some(&v.name))),
        _ => None,
    };
    if let Some(view) = next {
        push(state, view, fx);
    }
}

/// Typing into the filter: as-you-type, Enter keeps it, Esc clears it.
fn filter_key(state: &mut State, key: KeyEvent) {
    let Some(mut filter) = state.view().and_then(|v| v.filter()).map(str::to_string) else {
        state.mode = Mode::Normal;
        return;
    };
    match key.code {
        KeyCode::Enter => {
            state.mode = Mode::Normal;
            return;
        }
        KeyCode::Esc => {
            state.mode = Mode::Normal;
            filter.clear();
        }
        KeyCode::Backspace => {
            filter.pop();
        }
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => filter.push(c),
        _ => return,
    }
    if let Some(list) = state.view_mut().and_then(View::list_mut) {
        list.set_filter(filter);
    }
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod keys_tests;
