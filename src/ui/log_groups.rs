//! The log-group browser: groups (name, stored bytes, retention), then a group's
//! streams (name, last event age), marked streams shown with a bullet.

use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::format::age_since;
use super::table::{self, cell, ListSpec};
use crate::state::{LogGroupsView, LogStreamsView, State};
use crate::theme::Theme;

const GROUP_WIDTHS: [Constraint; 4] = [
    Constraint::Fill(4),
    Constraint::Length(10),
    Constraint::Length(12),
    Constraint::Length(8),
];

const STREAM_WIDTHS: [Constraint; 3] = [
    Constraint::Fill(4),
    Constraint::Length(11),
    Constraint::Length(8),
];

pub fn draw_groups(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    view: &LogGroupsView,
    theme: &Theme,
) {
    let spec = ListSpec {
        title: "log groups".into(),
        widths: &GROUP_WIDTHS,
        empty: "no log groups in this account and region",
        hide_when_narrow: &[3],
    };
    let now = state.now;
    table::draw(frame, area, theme, &view.table, &view.load, spec, |g| {
        vec![
            Cell::from(g.name.clone()),
            Cell::from(bytes(g.stored_bytes)),
            match g.retention_days {
                Some(d) => Cell::from(format!("{d} days")),
                None => cell("never expire", theme.muted),
            },
            Cell::from(age_since(now, g.created_at)),
        ]
    });
}

pub fn draw_streams(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    view: &LogStreamsView,
    theme: &Theme,
) {
    let marked = if view.marked.is_empty() {
        String::new()
    } else {
        format!(", {} marked", view.marked.len())
    };
    let spec = ListSpec {
        title: format!("streams of {}{marked}", view.group),
        widths: &STREAM_WIDTHS,
        empty: "no streams in this group",
        hide_when_narrow: &[2],
    };
    let now = state.now;
    table::draw(frame, area, theme, &view.table, &view.load, spec, |s| {
        let name = if view.marked.contains(&s.name) {
            cell(format!("● {}", s.name), theme.key)
        } else {
            Cell::from(format!("  {}", s.name))
        };
        vec![
            name,
            Cell::from(age_since(now, s.last_event_at)),
            Cell::from(age_since(now, s.created_at)),
        ]
    });
}

/// `1.2 MB`-style sizes.
fn bytes(n: i64) -> String {
    let n = n.max(0) as f64;
    match n {
        n if n >= 1e9 => format!("{:.1} GB", n / 1e9),
        n if n >= 1e6 => format!("{:.1} MB", n / 1e6),
        n if n >= 1e3 => format!("{:.1} kB", n / 1e3),
        n => format!("{n} B"),
    }
}
