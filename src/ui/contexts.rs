//! The contexts list: name, label, where it acts, region, environment, safety.

use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::table::{self, cell, ListSpec};
use crate::config::Environment;
use crate::state::{ContextsView, State};
use crate::theme::Theme;

const WIDTHS: [Constraint; 6] = [
    Constraint::Fill(2),
    Constraint::Fill(3),
    Constraint::Fill(4),
    Constraint::Length(14),
    Constraint::Length(8),
    Constraint::Length(10),
];

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &ContextsView, theme: &Theme) {
    let spec = ListSpec {
        title: format!("contexts (now: {})", display(&state.context.label)),
        widths: &WIDTHS,
        empty: "no contexts in config.toml",
        hide_when_narrow: &[2],
    };
    table::draw(frame, area, theme, &view.table, &view.load, spec, |c| {
        let env_style = match c.environment {
            Some(Environment::Prod) => theme.failed,
            Some(Environment::Staging) => theme.progress,
            Some(Environment::Dev) => theme.ok,
            None => theme.muted,
        };
        vec![
            Cell::from(c.name.clone()),
            Cell::from(c.label.clone()),
            Cell::from(c.principal()),
            Cell::from(c.options.region.clone().unwrap_or_else(|| "-".into())),
            cell(
                c.environment.map_or("-", |e| e.name()).to_string(),
                env_style,
            ),
            cell(
                if c.read_only { "read-only" } else { "changes" }.to_string(),
                if c.read_only {
                    theme.ok
                } else {
                    theme.progress
                },
            ),
        ]
    });
}

fn display(label: &str) -> &str {
    if label.is_empty() {
        "command-line flags"
    } else {
        label
    }
}
