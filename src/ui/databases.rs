//! The databases list: RDS DB instances and Aurora clusters, with CPU trend, free storage
//! and a mark on rows with a firing alarm.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::format::dash_if_empty;
use super::sparkline;
use super::table::{self, cell, ListSpec};
use crate::model::metrics::{format_value, stats, RDS_METRICS};
use crate::model::{Database, Severity};
use crate::state::{DatabasesView, Health, State};
use crate::theme::Theme;

/// Identifiers get what most need; the endpoint takes the rest (cut on narrow screens,
/// whole in the detail).
const WIDTHS: [Constraint; 11] = [
    Constraint::Min(26),
    Constraint::Length(8),
    Constraint::Length(12),
    Constraint::Length(17),
    Constraint::Length(13),
    Constraint::Length(6),
    Constraint::Length(9),
    Constraint::Length(6),
    Constraint::Length(11),
    Constraint::Length(14),
    Constraint::Fill(1),
];

/// Bars in a list's trend cell.
pub const LIST_BARS: usize = 5;

pub fn draw(frame: &mut Frame, area: Rect, _state: &State, view: &DatabasesView, theme: &Theme) {
    let spec = ListSpec {
        title: "databases".into(),
        widths: &WIDTHS,
        empty: "no RDS databases in this region",
        // On 80 columns: identifier, status, free storage, CPU and endpoint.
        hide_when_narrow: &[1, 3, 4, 5, 6, 9],
    };
    table::draw(frame, area, theme, &view.table, &view.load, spec, |d| {
        row(d, &view.health, theme)
    });
}

/// The identifier, marked when an alarm on it (or a member) is firing.
pub fn marked<'a>(name: &str, alarmed: bool, theme: &Theme) -> Cell<'a> {
    if alarmed {
        Cell::from(Line::from(vec![
            Span::styled("! ", theme.failed),
            Span::styled(name.to_string(), theme.failed),
        ]))
    } else {
        Cell::from(name.to_string())
    }
}

fn row(d: &Database, health: &Health, theme: &Theme) -> Vec<Cell<'static>> {
    let ids = d.instance_ids();
    let cpu = health.combined(&RDS_METRICS[0], "DBInstanceIdentifier", &ids);
    let free = health.combined(&RDS_METRICS[2], "DBInstanceIdentifier", &ids);
    let alarmed = health
        .alarms_on("DBInstanceIdentifier", &ids)
        .next()
        .is_some()
        || health
            .alarms_on("DBClusterIdentifier", std::slice::from_ref(&d.id))
            .next()
            .is_some();
    let free = free
        .as_deref()
        .and_then(stats)
        .and_then(|s| s.current)
        .map_or_else(|| "-".into(), |v| format_value(RDS_METRICS[2].unit, v));
    vec![
        marked(&d.id, alarmed, theme),
        Cell::from(d.kind_label()),
        cell(
            d.status.clone(),
            theme.severity(Severity::of_db_status(&d.status)),
        ),
        Cell::from(format!("{} {}", d.engine, d.engine_version)),
        Cell::from(dash_if_empty(&d.class).to_string()),
        Cell::from(if d.multi_az { "multi" } else { "single" }),
        Cell::from(match d.storage_gb {
            Some(g) => format!("{g}G {}", d.storage_type),
            None => dash_if_empty(&d.storage_type).to_string(),
        }),
        Cell::from(free),
        Cell::from(sparkline::cell(
            cpu.as_deref(),
            LIST_BARS,
            RDS_METRICS[0].unit,
            theme,
        )),
        cell(
            dash_if_empty(&d.parameter_status).to_string(),
            if d.pending_reboot() {
                theme.progress
            } else {
                theme.text
            },
        ),
        Cell::from(
            d.endpoint
                .as_ref()
                .map_or_else(|| "-".into(), |e| e.label()),
        ),
    ]
}
