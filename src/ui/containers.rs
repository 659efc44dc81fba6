use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::format::dash_if_empty;
use super::table::{self, cell, ListSpec};
use crate::model::Severity;
use crate::state::{ContainersView, State};
use crate::theme::Theme;

const WIDTHS: [Constraint; 7] = [
    Constraint::Fill(2),
    Constraint::Fill(4),
    Constraint::Length(8),
    Constraint::Length(9),
    Constraint::Length(4),
    Constraint::Fill(2),
    Constraint::Fill(2),
];

pub fn draw(frame: &mut Frame, area: Rect, _state: &State, view: &ContainersView, theme: &Theme) {
    let title = match &view.task {
        Some(t) => format!(
            "containers of task {} ({})",
            t.short_id(),
            t.task_definition_short()
        ),
        None => "containers".into(),
    };
    let spec = ListSpec {
        title,
        widths: &WIDTHS,
        empty: "no containers",
        hide_when_narrow: &[6],
    };
    table::draw(frame, area, theme, &view.table, &view.load, spec, |c| {
        let exit_style = match c.exit_code {
            Some(0) | None => theme.text,
            Some(_) => theme.failed,
        };
        vec![
            Cell::from(c.name.clone()),
            Cell::from(c.image.clone()),
            cell(
                c.last_status.clone(),
                theme.severity(Severity::of_task_status(&c.last_status)),
            ),
            cell(
                dash_if_empty(&c.health).to_string(),
                theme.severity(Severity::of_health(&c.health)),
            ),
            cell(
                c.exit_code
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "-".into()),
                exit_style,
            ),
            Cell::from(dash_if_empty(&c.reason).to_string()),
            Cell::from(dash_if_empty(&c.runtime_id).to_string()),
        ]
    });
}
