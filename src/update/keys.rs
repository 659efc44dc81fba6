//! Keys → commands (through the keymap) → state changes.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::navigation::{
    containers_view, fetch, pop, push, refresh_now, service_view, services_view, tasks_view,
};
use crate::effect::Effect;
use crate::keymap::Command;
use crate::state::{Mode, State, View};

/// Rows moved by page up / page down.
const PAGE: isize = 10;

pub fn on_key(state: &mut State, key: KeyEvent, fx: &mut Vec<Effect>) {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    match state.mode {
        Mode::Help => {
            state.mode = Mode::Normal;
            if !ctrl_c {
                return;
            }
        }
        Mode::Filter if !ctrl_c => return filter_key(state, key),
        _ => {}
    }
    let sections = state.view().map(View::sections).unwrap_or_default();
    if let Some(command) = state.keymap.command(key, sections) {
        run(state, command, fx);
    }
}

fn run(state: &mut State, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::Quit => {
            state.quitting = true;
            fx.push(Effect::Quit);
        }
        Command::Help => state.mode = Mode::Help,
        Command::Back => pop(state, fx),
        Command::Refresh => refresh_now(state, fx),
        Command::Up => move_by(state, -1),
        Command::Down => move_by(state, 1),
        Command::PageUp => move_by(state, -PAGE),
        Command::PageDown => move_by(state, PAGE),
        Command::Top => move_by(state, isize::MIN / 2),
        Command::Bottom => move_by(state, isize::MAX / 2),
        Command::Select => select(state, fx),
        Command::OpenTasks => open_tasks(state, fx),
        Command::Filter => {
            if state.view().is_some_and(|v| v.filter().is_some()) {
                state.mode = Mode::Filter;
            }
        }
        Command::SortNext | Command::SortReverse => sort(state, command),
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
    match state.view_mut() {
        Some(View::Service(v)) => {
            let events = v.service.as_ref().map_or(0, |s| s.events.len());
            let target = (v.events_scroll as isize).saturating_add(delta);
            v.events_scroll = target.clamp(0, events.saturating_sub(1) as isize) as usize;
        }
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
