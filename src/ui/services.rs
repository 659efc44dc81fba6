use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::format::{age_since, dash_if_empty};
use super::table::{self, cell, ListSpec};
use crate::model::{Service, Severity};
use crate::state::{ServicesView, State};
use crate::theme::Theme;

const WIDTHS: [Constraint; 10] = [
    Constraint::Fill(3),
    Constraint::Length(8),
    Constraint::Length(11),
    Constraint::Fill(2),
    Constraint::Length(11),
    Constraint::Length(4),
    Constraint::Length(7),
    Constraint::Length(5),
    Constraint::Length(9),
    Constraint::Length(4),
];

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &ServicesView, theme: &Theme) {
    let spec = ListSpec {
        title: format!("services of {}", view.cluster),
        widths: &WIDTHS,
        empty: "no services in this cluster",
        // STATUS, LAUNCH, DEPL and MEM matter least on an 80-column screen (CPU stays).
        hide_when_narrow: &[1, 5, 6, 9],
    };
    let now = state.now;
    let cluster = crate::model::arn_tail(&view.cluster);
    table::draw(frame, area, theme, &view.table, &view.load, spec, |s| {
        let mut cells = row(s, now, theme);
        let health = super::service_health::cells(&mut cells[0], cluster, s, &view.health, theme);
        cells.extend(health);
        cells
    });
}

fn row(s: &Service, now: crate::model::Timestamp, theme: &Theme) -> Vec<Cell<'static>> {
    let counts_style = if s.running < s.desired {
        theme.progress
    } else {
        theme.text
    };
    vec![
        Cell::from(s.name.clone()),
        cell(
            s.status.clone(),
            theme.severity(Severity::of_resource_status(&s.status)),
        ),
        cell(
            format!("{}/{}/{}", s.desired, s.running, s.pending),
            counts_style,
        ),
        Cell::from(s.task_definition_short().to_string()),
        cell(
            dash_if_empty(s.rollout_state()).to_string(),
            theme.severity(Severity::of_rollout(s.rollout_state())),
        ),
        cell(
            s.deployments.len().to_string(),
            if s.deployments.len() > 1 {
                theme.progress
            } else {
                theme.text
            },
        ),
        Cell::from(s.launch_type.clone()),
        Cell::from(age_since(now, s.last_event_at())),
    ]
}
