use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::format::{age_since, dash_if_empty};
use super::table::{self, cell, ListSpec};
use crate::model::Severity;
use crate::state::{State, TasksView};
use crate::theme::Theme;

const WIDTHS: [Constraint; 8] = [
    Constraint::Length(8),
    Constraint::Length(14),
    Constraint::Length(9),
    Constraint::Fill(2),
    Constraint::Length(7),
    Constraint::Length(10),
    Constraint::Length(15),
    Constraint::Fill(3),
];

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &TasksView, theme: &Theme) {
    let which = if view.stopped {
        "stopped tasks"
    } else {
        "running tasks"
    };
    let scope = match &view.service {
        Some(s) => format!("{which} of {s}"),
        None => format!("{which} of cluster {}", view.cluster),
    };
    let spec = ListSpec {
        title: scope,
        widths: &WIDTHS,
        empty: if view.stopped {
            "no stopped tasks (ECS keeps them for about an hour)"
        } else {
            "no running tasks (press s for stopped ones)"
        },
        // HEALTH and AZ give way to the stopped reason on an 80-column screen.
        hide_when_narrow: &[2, 5],
    };
    let now = state.now;
    table::draw(frame, area, theme, &view.table, &view.load, spec, |t| {
        let stop = if t.stop_code.is_empty() {
            t.stopped_reason.clone()
        } else {
            format!("{}: {}", t.stop_code, t.stopped_reason)
        };
        vec![
            Cell::from(t.short_id().to_string()),
            cell(
                if t.last_status == t.desired_status {
                    t.last_status.clone()
                } else {
                    format!("{}→{}", t.last_status, t.desired_status)
                },
                theme.severity(Severity::of_task_status(&t.last_status)),
            ),
            cell(
                dash_if_empty(&t.health).to_string(),
                theme.severity(Severity::of_health(&t.health)),
            ),
            Cell::from(t.task_definition_short().to_string()),
            Cell::from(age_since(now, t.started_at)),
            Cell::from(dash_if_empty(&t.availability_zone).to_string()),
            Cell::from(dash_if_empty(&t.private_ip).to_string()),
            cell(stop, theme.muted),
        ]
    });
}
