//! Service detail: configuration, deployments with rollout state, and service events.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

use super::format::{age_since, dash_if_empty};
use crate::model::timeline::service_event_severity;
use crate::model::{Service, Severity, Timestamp};
use crate::state::{ServiceView, State};
use crate::theme::Theme;

/// Wide enough to put events beside the configuration.
const SIDE_BY_SIDE: u16 = 140;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &ServiceView, theme: &Theme) {
    let Some(service) = &view.service else {
        let (text, style) = match &view.load.error {
            Some(e) => (e.summary(), theme.error),
            None => ("loading…".to_string(), theme.progress),
        };
        let block = Block::bordered()
            .border_style(theme.border)
            .title(Span::styled(format!(" {} ", view.name), theme.title));
        frame.render_widget(
            Paragraph::new(Span::styled(text, style))
                .wrap(Wrap { trim: false })
                .block(block),
            area,
        );
        return;
    };
    let deploy_rows = match &view.follow {
        Some(f) => super::rollout::height(service, f),
        None => 1 + service.deployments.len() as u16 * 2,
    };
    let summary = summary_lines(service, theme);
    // CPU/memory trends and firing alarms along the bottom (ui/service_health.rs).
    let cluster = crate::model::arn_tail(&view.cluster);
    let trends = super::service_health::lines(cluster, &view.name, &view.health, area.width, theme);
    let [area, trends_area] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(trends.len() as u16 + 2),
    ])
    .areas(area);
    super::service_health::draw(frame, trends_area, trends, theme);
    if area.width >= SIDE_BY_SIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        let [top, deps] = Layout::vertical([
            Constraint::Length(summary.len() as u16 + 2),
            Constraint::Min(deploy_rows + 2),
        ])
        .areas(left);
        draw_summary(frame, top, service, summary, theme);
        draw_deployments(frame, deps, state.now, view, service, theme);
        draw_events(frame, right, state.now, service, view.events_scroll, theme);
    } else {
        let [top, deps, events] = Layout::vertical([
            Constraint::Length(summary.len() as u16 + 2),
            Constraint::Length(deploy_rows + 2),
            Constraint::Min(3),
        ])
        .areas(area);
        draw_summary(frame, top, service, summary, theme);
        draw_deployments(frame, deps, state.now, view, service, theme);
        draw_events(frame, events, state.now, service, view.events_scroll, theme);
    }
}

fn summary_lines(s: &Service, theme: &Theme) -> Vec<Line<'static>> {
    let label = |t: &str| Span::styled(format!("{t} "), theme.muted);
    let mut lines = vec![Line::from(vec![
        label("status"),
        Span::styled(
            s.status.clone(),
            theme.severity(Severity::of_resource_status(&s.status)),
        ),
        label("  task definition"),
        Span::raw(s.task_definition_short().to_string()),
        label("  desired/running/pending"),
        Span::raw(format!("{}/{}/{}", s.desired, s.running, s.pending)),
    ])];
    let dc = &s.deployment_config;
    let breaker = match dc.circuit_breaker {
        Some(cb) if cb.enabled && cb.rollback => "on, rolls back",
        Some(cb) if cb.enabled => "on, no rollback",
        _ => "off",
    };
    lines.push(Line::from(vec![
        label("launch"),
        Span::raw(dash_if_empty(&s.launch_type).to_string()),
        label("  min/max"),
        Span::raw(format!(
            "{}%/{}%",
            dc.min_healthy_percent.map_or("-".into(), |v| v.to_string()),
            dc.max_percent.map_or("-".into(), |v| v.to_string())
        )),
        label("  circuit breaker"),
        Span::raw(breaker),
        label("  exec"),
        Span::raw(if s.exec_enabled {
            "enabled"
        } else {
            "disabled"
        }),
    ]));
    if let Some(net) = &s.network {
        lines.push(Line::from(vec![
            label("subnets"),
            Span::raw(net.subnets.join(",")),
            label("  security groups"),
            Span::raw(net.security_groups.join(",")),
            label("  public ip"),
            Span::raw(if net.public_ip { "yes" } else { "no" }),
        ]));
    }
    for lb in &s.load_balancers {
        lines.push(Line::from(vec![
            label("load balancer"),
            Span::raw(crate::model::arn_tail(&lb.target).to_string()),
            Span::raw(format!(
                " → {}:{}",
                lb.container,
                lb.port.map_or("-".into(), |p| p.to_string())
            )),
        ]));
    }
    lines
}

fn draw_summary(
    frame: &mut Frame,
    area: Rect,
    s: &Service,
    lines: Vec<Line<'static>>,
    theme: &Theme,
) {
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" service {} ", s.name), theme.title));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn draw_deployments(
    frame: &mut Frame,
    area: Rect,
    now: Timestamp,
    view: &ServiceView,
    s: &Service,
    theme: &Theme,
) {
    // While a change is followed, the rollout panel takes the deployments' place.
    if let Some(follow) = &view.follow {
        return super::rollout::draw(frame, area, now, s, follow, theme);
    }
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{:<8} {:<11} {:<22} {:>12} {:>4} {:>7} {:>7}",
            "STATUS", "ROLLOUT", "TASK DEFINITION", "DES/RUN/PEN", "FAIL", "CREATED", "UPDATED"
        ),
        theme.column_header,
    ))];
    for d in &s.deployments {
        let primary = if d.status == "PRIMARY" {
            theme.title
        } else {
            theme.text
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<8} ", d.status), primary),
            Span::styled(
                format!("{:<11} ", dash_if_empty(&d.rollout_state)),
                theme.severity(Severity::of_rollout(&d.rollout_state)),
            ),
            Span::raw(format!(
                "{:<22} ",
                crate::model::arn_tail(&d.task_definition)
            )),
            Span::raw(format!(
                "{:>12} ",
                format!("{}/{}/{}", d.desired, d.running, d.pending)
            )),
            Span::styled(
                format!("{:>4} ", d.failed),
                if d.failed > 0 {
                    theme.failed
                } else {
                    theme.text
                },
            ),
            Span::raw(format!(
                "{:>7} {:>7}",
                age_since(now, d.created_at),
                age_since(now, d.updated_at)
            )),
        ]));
        // The reason gets the whole width: it is what explains a failed rollout.
        if !d.rollout_reason.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("         {}", d.rollout_reason),
                theme.muted,
            )));
        }
    }
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" deployments ({}) ", s.deployments.len()),
            theme.title,
        ));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn draw_events(
    frame: &mut Frame,
    area: Rect,
    now: Timestamp,
    s: &Service,
    scroll: usize,
    theme: &Theme,
) {
    let lines: Vec<Line> = s
        .events
        .iter()
        .skip(scroll)
        .take(area.height as usize)
        .map(|e| {
            Line::from(vec![
                Span::styled(format!("{:>4} ", age_since(now, e.created_at)), theme.muted),
                Span::styled(
                    e.message.clone(),
                    theme.severity(service_event_severity(&e.message)),
                ),
            ])
        })
        .collect();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" events ({}) newest first ", s.events.len()),
            theme.title,
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
