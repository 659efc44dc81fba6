//! The tunnels list: local port, where it leads, through which task, state, age.

use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::format::age_since;
use super::table::{self, cell, ListSpec};
use crate::model::TunnelState;
use crate::state::{Load, State};
use crate::theme::Theme;

const WIDTHS: [Constraint; 5] = [
    Constraint::Length(16),
    Constraint::Fill(3),
    Constraint::Length(8),
    Constraint::Fill(3),
    Constraint::Length(5),
];

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let spec = ListSpec {
        title: format!(
            "port-forwarding tunnels ({} open)",
            state
                .tunnels
                .rows()
                .iter()
                .filter(|t| t.state == TunnelState::Open)
                .count()
        ),
        widths: &WIDTHS,
        empty: "no tunnels: p on a task opens one",
        hide_when_narrow: &[2],
    };
    // Tunnels report by themselves: there is no load to show.
    let load = Load::default();
    table::draw(frame, area, theme, &state.tunnels, &load, spec, |t| {
        let (status, style) = match &t.state {
            TunnelState::Starting => ("starting…".to_string(), theme.progress),
            TunnelState::Open => ("open".to_string(), theme.ok),
            TunnelState::Failed(why) => (format!("stopped: {why}"), theme.failed),
            TunnelState::Closed => ("closed".to_string(), theme.muted),
        };
        vec![
            Cell::from(format!("127.0.0.1:{}", t.local_port)),
            Cell::from(t.target_label()),
            Cell::from(t.task_id.get(..8).unwrap_or(&t.task_id).to_string()),
            cell(status, style),
            Cell::from(age_since(state.now, Some(t.opened_at))),
        ]
    });
}
