//! Database or cache detail: configuration, firing alarms, metric trends of the last hour
//! and recent events (plus RDS pending maintenance).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

use super::format::{age_since, dash_if_empty};
use super::sparkline;
use crate::model::metrics::{MetricSpec, RDS_METRICS, REDIS_METRICS};
use crate::model::{
    Alarm, Cache, CacheKind, Database, DatastoreDetail, DatastoreItem, DbKind, Severity, Timestamp,
};
use crate::state::{DatastoreView, Health, State};
use crate::theme::Theme;

/// Wide enough to put events beside the configuration and trends.
const SIDE_BY_SIDE: u16 = 140;
/// The longest sparkline: one bar per minute of the hour.
const MAX_BARS: usize = 60;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &DatastoreView, theme: &Theme) {
    let Some(detail) = &view.detail else {
        let (text, style) = match &view.load.error {
            Some(e) => (e.summary(), theme.error),
            None => ("loading…".to_string(), theme.progress),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, style))
                .wrap(Wrap { trim: false })
                .block(block(view.target.id(), theme)),
            area,
        );
        return;
    };
    let now = state.now;
    let (title, summary) = match &detail.item {
        DatastoreItem::Database(db) => (
            format!("{} {}", db.kind_label(), db.id),
            database_lines(db, detail, now, theme),
        ),
        DatastoreItem::Cache(c) => (
            format!(
                "{} {}",
                match c.kind {
                    CacheKind::ReplicationGroup => "replication group",
                    CacheKind::CacheCluster => "cache cluster",
                },
                c.id
            ),
            cache_lines(c, theme),
        ),
    };
    let mut summary = summary;
    summary.splice(0..0, alarm_lines(detail, &view.health, theme));
    let trends = trend_lines(detail, &view.health, area.width, theme);
    let trends_h = trends.len() as u16 + 2;
    // The trends keep their height; the summary gets what is left after them (and, when
    // stacked, after three rows of events), so a long alarm reason cannot squeeze them out.
    let (left, events_area) = if area.width >= SIDE_BY_SIDE {
        let [l, r] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(area);
        (l, r)
    } else {
        let summary_h = wrapped_height(&summary, area.width.saturating_sub(2)) + 2;
        let summary_h = summary_h
            .min(area.height.saturating_sub(trends_h + 3))
            .max(3);
        let [l, r] =
            Layout::vertical([Constraint::Length(summary_h + trends_h), Constraint::Min(3)])
                .areas(area);
        (l, r)
    };
    let summary_h = wrapped_height(&summary, left.width.saturating_sub(2)) + 2;
    let summary_h = summary_h.min(left.height.saturating_sub(trends_h)).max(3);
    let [top, middle] =
        Layout::vertical([Constraint::Length(summary_h), Constraint::Min(3)]).areas(left);
    frame.render_widget(
        Paragraph::new(summary)
            .wrap(Wrap { trim: false })
            .block(block(&title, theme)),
        top,
    );
    let trends_title = " metrics, last hour (1 min) ".to_string();
    frame.render_widget(
        Paragraph::new(trends).block(
            Block::bordered()
                .border_style(theme.border)
                .title(Span::styled(trends_title, theme.title)),
        ),
        middle,
    );
    draw_events(frame, events_area, now, detail, view.events_scroll, theme);
}

fn block<'a>(title: &str, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// Rows the lines take once wrapped at `width` (at least one per line).
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = width.max(1) as usize;
    lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(width) as u16)
        .sum()
}

fn label<'a>(t: &str, theme: &Theme) -> Span<'a> {
    Span::styled(format!("{t} "), theme.muted)
}

fn database_lines<'a>(
    db: &Database,
    detail: &DatastoreDetail,
    now: Timestamp,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(vec![
        label("status", theme),
        Span::styled(
            db.status.clone(),
            theme.severity(Severity::of_db_status(&db.status)),
        ),
        label("  engine", theme),
        Span::raw(format!("{} {}", db.engine, db.engine_version)),
        label("  class", theme),
        Span::raw(dash_if_empty(&db.class).to_string()),
    ])];
    lines.push(Line::from(vec![
        label("multi-az", theme),
        Span::raw(if db.multi_az { "yes" } else { "no" }),
        Span::raw(format!(" ({})", dash_if_empty(&db.zones.join(", ")))),
        label("  storage", theme),
        Span::raw(match db.storage_gb {
            Some(g) => format!("{g} GiB {}", db.storage_type),
            None => dash_if_empty(&db.storage_type).to_string(),
        }),
    ]));
    lines.push(Line::from(vec![
        label("endpoint", theme),
        Span::raw(
            db.endpoint
                .as_ref()
                .map_or_else(|| "-".into(), |e| e.label()),
        ),
    ]));
    if let Some(reader) = &db.reader_endpoint {
        lines.push(Line::from(vec![
            label("reader", theme),
            Span::raw(reader.clone()),
        ]));
    }
    lines.push(Line::from(vec![
        label("parameters", theme),
        Span::raw(dash_if_empty(&db.parameter_group).to_string()),
        Span::styled(
            format!(" ({})", dash_if_empty(&db.parameter_status)),
            if db.pending_reboot() {
                theme.progress
            } else {
                theme.muted
            },
        ),
        label("  backup", theme),
        Span::raw(dash_if_empty(&db.backup_window).to_string()),
        label("  restorable to", theme),
        Span::raw(match db.latest_restorable {
            Some(_) => format!("{} ago", age_since(now, db.latest_restorable)),
            None => "-".into(),
        }),
    ]));
    if db.kind == DbKind::Cluster {
        lines.push(Line::from(vec![
            label("members", theme),
            Span::raw(dash_if_empty(&db.members.join(", ")).to_string()),
        ]));
    }
    if !db.pending.is_empty() {
        lines.push(Line::from(vec![
            label("pending", theme),
            Span::styled(db.pending.join(", "), theme.progress),
        ]));
    }
    match &detail.maintenance {
        Ok(actions) => {
            for a in actions {
                lines.push(Line::from(vec![
                    label("maintenance", theme),
                    Span::styled(a.action.clone(), theme.progress),
                    Span::raw(format!(" {}", a.description)),
                    Span::styled(
                        match a.apply_after {
                            Some(t) => format!(" (from {})", t.format("%Y-%m-%d %H:%M UTC")),
                            None => " (next maintenance window)".into(),
                        },
                        theme.muted,
                    ),
                ]));
            }
        }
        Err(e) => lines.push(Line::from(vec![
            label("maintenance", theme),
            Span::styled(e.summary(), theme.error),
        ])),
    }
    lines
}

fn cache_lines<'a>(c: &Cache, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(vec![
        label("status", theme),
        Span::styled(
            c.status.clone(),
            theme.severity(Severity::of_cache_status(&c.status)),
        ),
        label("  engine", theme),
        Span::raw(format!("{} {}", c.engine, c.engine_version)),
        label("  node type", theme),
        Span::raw(dash_if_empty(&c.node_type).to_string()),
    ])];
    let endpoint =
        |e: &Option<crate::model::Endpoint>| e.as_ref().map_or_else(|| "-".into(), |e| e.label());
    match c.kind {
        CacheKind::ReplicationGroup => {
            lines.push(Line::from(vec![
                label("cluster mode", theme),
                Span::raw(dash_if_empty(&c.cluster_mode).to_string()),
                label("  automatic failover", theme),
                Span::raw(dash_if_empty(&c.automatic_failover).to_string()),
                label("  multi-az", theme),
                Span::raw(dash_if_empty(&c.multi_az).to_string()),
            ]));
            lines.push(Line::from(vec![
                label("primary", theme),
                Span::raw(endpoint(&c.primary_endpoint)),
            ]));
            lines.push(Line::from(vec![
                label("reader", theme),
                Span::raw(endpoint(&c.reader_endpoint)),
            ]));
            lines.push(Line::from(vec![
                label("members", theme),
                Span::raw(dash_if_empty(&c.members.join(", ")).to_string()),
            ]));
        }
        CacheKind::CacheCluster => {
            if let Some(group) = &c.replication_group {
                lines.push(Line::from(vec![
                    label("replication group", theme),
                    Span::raw(group.clone()),
                ]));
            }
            if c.primary_endpoint.is_some() {
                lines.push(Line::from(vec![
                    label("configuration", theme),
                    Span::raw(endpoint(&c.primary_endpoint)),
                ]));
            }
            for n in &c.nodes {
                lines.push(Line::from(vec![
                    label(&format!("node {}", n.id), theme),
                    Span::styled(
                        n.status.clone(),
                        theme.severity(Severity::of_cache_status(&n.status)),
                    ),
                    Span::raw(format!("  {}", endpoint(&n.endpoint))),
                ]));
            }
        }
    }
    lines
}

/// What the trends and alarms of a database or cache are keyed by: its metrics, the
/// dimension naming its members, the members, and the dimension naming itself.
type Keys = (
    &'static [MetricSpec],
    &'static str,
    Vec<String>,
    (&'static str, String),
);

fn keys(detail: &DatastoreDetail) -> Keys {
    match &detail.item {
        DatastoreItem::Database(db) => (
            RDS_METRICS,
            "DBInstanceIdentifier",
            db.instance_ids(),
            ("DBClusterIdentifier", db.id.clone()),
        ),
        DatastoreItem::Cache(c) => (
            REDIS_METRICS,
            "CacheClusterId",
            c.cluster_ids(),
            ("ReplicationGroupId", c.id.clone()),
        ),
    }
}

/// Alarms in ALARM on the resource or its members: name and reason, at the top of the
/// summary (which wraps, so the reason is read whole even on 80 columns).
fn alarm_lines<'a>(detail: &DatastoreDetail, health: &Health, theme: &Theme) -> Vec<Line<'a>> {
    let (_, dimension, ids, own) = keys(detail);
    let own_ids = [own.1];
    let mut seen = std::collections::HashSet::new();
    let alarms: Vec<&Alarm> = health
        .alarms_on(dimension, &ids)
        .chain(health.alarms_on(own.0, &own_ids))
        .filter(|a| seen.insert(a.name.as_str()))
        .collect();
    alarms
        .into_iter()
        .map(|a| {
            Line::from(vec![
                Span::styled(format!("! ALARM {}", a.name), theme.failed),
                Span::styled(format!(" {}", a.reason), theme.muted),
            ])
        })
        .collect()
}

/// One trend per metric. A cluster or group shows the worst of its members each minute.
fn trend_lines<'a>(
    detail: &DatastoreDetail,
    health: &Health,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let (specs, dimension, ids, _) = keys(detail);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(e) = &health.load.error {
        lines.push(Line::from(Span::styled(e.summary(), theme.error)));
    }
    // Label, value and range take about 40 columns; the rest is the sparkline.
    let bars = (width as usize)
        .saturating_sub(2 + 16 + 8 + 26)
        .clamp(8, MAX_BARS);
    let bars = if width >= SIDE_BY_SIDE {
        (width as usize * 55 / 100)
            .saturating_sub(2 + 16 + 8 + 26)
            .clamp(8, MAX_BARS)
    } else {
        bars
    };
    if ids.len() > 1 {
        lines.push(Line::from(Span::styled(
            format!("worst of {} members each minute", ids.len()),
            theme.muted,
        )));
    }
    for spec in specs {
        let points = health.combined(spec, dimension, &ids);
        lines.push(sparkline::line(
            spec.label,
            points.as_deref(),
            bars,
            spec.unit,
            theme,
        ));
    }
    if health.load.loaded_at.is_none() && health.load.error.is_none() {
        lines.push(Line::from(Span::styled("loading metrics…", theme.progress)));
    }
    lines
}

fn draw_events(
    frame: &mut Frame,
    area: Rect,
    now: Timestamp,
    detail: &DatastoreDetail,
    scroll: usize,
    theme: &Theme,
) {
    let (lines, count): (Vec<Line>, usize) = match &detail.events {
        Ok(events) if events.is_empty() => (
            vec![Line::from(Span::styled(
                "no events in the last week",
                theme.muted,
            ))],
            0,
        ),
        Ok(events) => (
            events
                .iter()
                .skip(scroll)
                .take(area.height as usize)
                .map(|e| {
                    Line::from(vec![
                        Span::styled(format!("{:>4} ", age_since(now, e.at)), theme.muted),
                        Span::raw(e.message.clone()),
                    ])
                })
                .collect(),
            events.len(),
        ),
        Err(e) => (vec![Line::from(Span::styled(e.summary(), theme.error))], 0),
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" events ({count}) newest first "),
            theme.title,
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
