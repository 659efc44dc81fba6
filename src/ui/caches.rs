//! The caches list: ElastiCache replication groups and cache clusters, with engine CPU and
//! memory trends and a mark on rows with a firing alarm.

use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::databases::{marked, LIST_BARS};
use super::format::dash_if_empty;
use super::sparkline;
use super::table::{self, cell, ListSpec};
use crate::model::metrics::REDIS_METRICS;
use crate::model::{Cache, CacheKind, Severity};
use crate::state::{CachesView, Health, State};
use crate::theme::Theme;

/// Ids get what most need (`! ` + a 24-character member id); the endpoint takes the rest.
const WIDTHS: [Constraint; 10] = [
    Constraint::Min(26),
    Constraint::Length(7),
    Constraint::Length(13),
    Constraint::Length(12),
    Constraint::Length(16),
    Constraint::Length(12),
    Constraint::Length(8),
    Constraint::Length(11),
    Constraint::Length(5),
    Constraint::Fill(1),
];

pub fn draw(frame: &mut Frame, area: Rect, _state: &State, view: &CachesView, theme: &Theme) {
    let spec = ListSpec {
        title: "caches".into(),
        widths: &WIDTHS,
        empty: "no ElastiCache replication groups or clusters in this region",
        // On 80 columns: id, status, CPU, memory and endpoint.
        hide_when_narrow: &[1, 3, 4, 5, 6],
    };
    table::draw(frame, area, theme, &view.table, &view.load, spec, |c| {
        row(c, &view.health, theme)
    });
}

/// Node health at a glance: `2 members`, or `1 available` / `1 of 2 available`.
fn nodes(c: &Cache) -> String {
    match c.kind {
        CacheKind::ReplicationGroup => format!("{} members", c.members.len()),
        CacheKind::CacheCluster => {
            let total = c.num_nodes.unwrap_or(c.nodes.len() as i32);
            let up = c.nodes.iter().filter(|n| n.status == "available").count();
            if c.nodes.is_empty() {
                format!("{total} nodes")
            } else if up as i32 == total {
                format!("{total} available")
            } else {
                format!("{up} of {total} up")
            }
        }
    }
}

fn row(c: &Cache, health: &Health, theme: &Theme) -> Vec<Cell<'static>> {
    let ids = c.cluster_ids();
    let cpu = health.combined(&REDIS_METRICS[0], "CacheClusterId", &ids);
    let mem = health.combined(&REDIS_METRICS[2], "CacheClusterId", &ids);
    let alarmed = health.alarms_on("CacheClusterId", &ids).next().is_some()
        || health
            .alarms_on("ReplicationGroupId", std::slice::from_ref(&c.id))
            .next()
            .is_some();
    vec![
        marked(&c.id, alarmed, theme),
        Cell::from(c.kind_label()),
        cell(
            c.status.clone(),
            theme.severity(Severity::of_cache_status(&c.status)),
        ),
        Cell::from(format!("{} {}", c.engine, c.engine_version)),
        Cell::from(dash_if_empty(&c.node_type).to_string()),
        Cell::from(nodes(c)),
        Cell::from(dash_if_empty(&c.automatic_failover).to_string()),
        Cell::from(sparkline::cell(
            cpu.as_deref(),
            LIST_BARS,
            REDIS_METRICS[0].unit,
            theme,
        )),
        Cell::from(sparkline::current(mem.as_deref(), REDIS_METRICS[2].unit)),
        Cell::from(c.endpoint_label()),
    ]
}
