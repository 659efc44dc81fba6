//! CPU and memory of ECS services (AWS/ECS, ClusterName + ServiceName) and their firing
//! alarms: two list cells for the services view and a short panel for the service detail.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph};
use ratatui::Frame;

use super::databases::marked;
use super::sparkline;
use crate::model::metrics::{ECS_CPU, ECS_MEMORY};
use crate::model::Service;
use crate::state::Health;
use crate::theme::Theme;

/// Bars in the services list's CPU cell.
const LIST_BARS: usize = 4;

fn query(cluster: &str, service: &str, cpu: bool) -> crate::model::MetricQuery {
    let spec = if cpu { &ECS_CPU } else { &ECS_MEMORY };
    spec.query(&[("ClusterName", cluster), ("ServiceName", service)])
}

/// The CPU and MEM cells of a service row; marks the name cell when an alarm fires.
pub fn cells(
    name: &mut Cell<'static>,
    cluster: &str,
    s: &Service,
    health: &Health,
    theme: &Theme,
) -> [Cell<'static>; 2] {
    if health.alarms.iter().any(|a| a.on_service(cluster, &s.name)) {
        *name = marked(&s.name, true, theme);
    }
    let cpu = health.points(&query(cluster, &s.name, true));
    let mem = health.points(&query(cluster, &s.name, false));
    [
        Cell::from(sparkline::cell(
            cpu.map(Vec::as_slice),
            LIST_BARS,
            ECS_CPU.unit,
            theme,
        )),
        Cell::from(sparkline::current(mem.map(Vec::as_slice), ECS_MEMORY.unit)),
    ]
}

/// The service detail's trends panel: firing alarms, then CPU and memory of the last hour.
pub fn lines<'a>(
    cluster: &str,
    service: &str,
    health: &Health,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = health
        .alarms
        .iter()
        .filter(|a| a.on_service(cluster, service))
        .map(|a| {
            Line::from(vec![
                Span::styled(format!("! {}", a.name), theme.failed),
                Span::styled(format!("  {}", a.reason), theme.muted),
            ])
        })
        .collect();
    let bars = (width as usize)
        .saturating_sub(2 + 16 + 8 + 26)
        .clamp(8, 60);
    for cpu in [true, false] {
        let spec = if cpu { &ECS_CPU } else { &ECS_MEMORY };
        let points = health.points(&query(cluster, service, cpu));
        lines.push(sparkline::line(
            spec.label,
            points.map(Vec::as_slice),
            bars,
            spec.unit,
            theme,
        ));
    }
    lines
}

pub fn draw(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, theme: &Theme) {
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" cpu and memory, last hour ", theme.title));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
