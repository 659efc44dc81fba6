use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::table::{self, cell, ListSpec};
use crate::model::Severity;
use crate::state::{ClustersView, State};
use crate::theme::Theme;

const WIDTHS: [Constraint; 6] = [
    Constraint::Fill(3),
    Constraint::Length(8),
    Constraint::Length(9),
    Constraint::Length(8),
    Constraint::Length(8),
    Constraint::Fill(2),
];

pub fn draw(frame: &mut Frame, area: Rect, _state: &State, view: &ClustersView, theme: &Theme) {
    let spec = ListSpec {
        title: "clusters".into(),
        widths: &WIDTHS,
        empty: "no ECS clusters in this region",
        hide_when_narrow: &[],
    };
    table::draw(frame, area, theme, &view.table, &view.load, spec, |c| {
        vec![
            Cell::from(c.name.clone()),
            cell(
                c.status.clone(),
                theme.severity(Severity::of_resource_status(&c.status)),
            ),
            Cell::from(c.active_services.to_string()),
            Cell::from(c.running_tasks.to_string()),
            cell(
                c.pending_tasks.to_string(),
                if c.pending_tasks > 0 {
                    theme.progress
                } else {
                    theme.text
                },
            ),
            Cell::from(c.capacity_providers.join(",")),
        ]
    });
}
