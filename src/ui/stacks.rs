//! The stacks list: nested stacks indented under their parent, statuses coloured by meaning.

use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::format::{age_since, dash_if_empty};
use super::table::{self, cell, ListSpec};
use crate::model::{Severity, Stack, Timestamp};
use crate::state::{StacksView, State};
use crate::theme::Theme;

const WIDTHS: [Constraint; 7] = [
    Constraint::Fill(3),
    Constraint::Length(27),
    Constraint::Length(11),
    Constraint::Length(7),
    Constraint::Length(7),
    Constraint::Length(9),
    Constraint::Fill(3),
];

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &StacksView, theme: &Theme) {
    let spec = ListSpec {
        title: if view.deleted {
            "stacks, deleted included".into()
        } else {
            "stacks".into()
        },
        widths: &WIDTHS,
        empty: "no stacks in this region",
        // DRIFT, CREATED and PROTECTED matter least on an 80-column screen.
        hide_when_narrow: &[2, 3, 5],
    };
    let now = state.now;
    table::draw(frame, area, theme, &view.table, &view.load, spec, |s| {
        row(s, now, theme)
    });
}

fn row(s: &Stack, now: Timestamp, theme: &Theme) -> Vec<Cell<'static>> {
    let name = if s.depth == 0 {
        s.name.clone()
    } else {
        format!("{}└ {}", "  ".repeat(s.depth - 1), s.name)
    };
    let name_style = if s.deleted_at.is_some() {
        theme.muted
    } else {
        theme.text
    };
    vec![
        cell(name, name_style),
        cell(
            s.status.clone(),
            theme.severity(Severity::of_stack_status(&s.status)),
        ),
        cell(
            dash_if_empty(&s.drift).to_string(),
            theme.severity(Severity::of_drift(&s.drift)),
        ),
        Cell::from(age_since(now, s.created_at)),
        Cell::from(age_since(now, s.deleted_at.or(s.changed_at()))),
        Cell::from(match s.termination_protection {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        }),
        cell(s.description.clone(), theme.muted),
    ]
}
