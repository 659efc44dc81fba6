//! `draw`: a pure function of the state and theme onto a frame.

mod caches;
mod clusters;
mod command_line;
mod containers;
mod context_dialog;
mod contexts;
mod databases;
mod datastore;
mod dialog;
mod exec;
mod footer;
pub mod format;
mod header;
mod help;
pub use help::line_count as help_lines;
pub mod input;
mod log_groups;
mod logs;
mod popup;
mod problems;
mod rollout;
mod service;
mod service_health;
mod services;
pub mod sparkline;
mod stack;
mod stacks;
mod table;
mod taskdef_view;
mod taskdefs;
pub mod taskdefs_text;
mod tasks;
mod timeline;
mod tunnel_dialog;
mod tunnels;

use ratatui::layout::{Constraint, Layout};
use ratatui::Frame;

use crate::state::{Mode, State, View};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(frame.area());
    header::draw(frame, head, state, theme);
    match state.view() {
        Some(View::Clusters(v)) => clusters::draw(frame, body, state, v, theme),
        Some(View::Services(v)) => services::draw(frame, body, state, v, theme),
        Some(View::Service(v)) => service::draw(frame, body, state, v, theme),
        Some(View::Tasks(v)) => tasks::draw(frame, body, state, v, theme),
        Some(View::Containers(v)) => containers::draw(frame, body, state, v, theme),
        Some(View::Tunnels(_)) => tunnels::draw(frame, body, state, theme),
        Some(View::Contexts(v)) => contexts::draw(frame, body, state, v, theme),
        Some(View::Families(v)) => taskdefs::draw_families(frame, body, state, v, theme),
        Some(View::Revisions(v)) => taskdefs::draw_revisions(frame, body, state, v, theme),
        Some(View::Revision(v)) => taskdef_view::draw_revision(frame, body, state, v, theme),
        Some(View::RevisionDiff(v)) => taskdef_view::draw_diff(frame, body, state, v, theme),
        Some(View::Logs(v)) => logs::draw(frame, body, state, v, theme),
        Some(View::LogGroups(v)) => log_groups::draw_groups(frame, body, state, v, theme),
        Some(View::LogStreams(v)) => log_groups::draw_streams(frame, body, state, v, theme),
        Some(View::Stacks(v)) => stacks::draw(frame, body, state, v, theme),
        Some(View::Stack(v)) => stack::draw(frame, body, state, v, theme),
        Some(View::Timeline(v)) => timeline::draw(frame, body, state, v, theme),
        Some(View::Databases(v)) => databases::draw(frame, body, state, v, theme),
        Some(View::Caches(v)) => caches::draw(frame, body, state, v, theme),
        Some(View::Datastore(v)) => datastore::draw(frame, body, state, v, theme),
        None => {}
    }
    footer::draw(frame, foot, state, theme);
    if let Some(dialog) = &state.context_dialog {
        context_dialog::draw(frame, body, state, dialog, theme);
    }
    if let Some(dialog) = &state.tunnel_dialog {
        tunnel_dialog::draw(frame, body, state, dialog, theme);
    }
    if let Some(dialog) = &state.exec {
        exec::draw(frame, body, state, dialog, theme);
    }
    if let Some(d) = &state.dialog {
        dialog::draw(frame, body, state, d, theme);
    }
    if state.mode == Mode::Command {
        command_line::draw_completions(frame, body, state, theme);
    }
    if !state.problems.is_empty() {
        problems::draw(frame, body, state, theme);
    }
    if state.mode == Mode::Help {
        help::draw(frame, body, state, theme);
    }
}

/// Colours the terminal can't show become their nearest ones it can (256 or 16).
pub fn fit_colours(buffer: &mut ratatui::buffer::Buffer, depth: crate::config::ColorDepth) {
    if depth == crate::config::ColorDepth::TrueColor {
        return;
    }
    for cell in buffer.content.iter_mut() {
        cell.fg = depth.fit(cell.fg);
        cell.bg = depth.fit(cell.bg);
    }
}
