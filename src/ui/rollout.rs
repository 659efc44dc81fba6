//! The rollout panel on the service detail while a change is followed: every deployment
//! with running/desired/pending/failed and rollout state, the service events that arrived
//! since the change, and the elapsed time; how it ended once it has.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::format::{age_since, dash_if_empty};
use crate::model::{arn_tail, Service, Severity, Timestamp};
use crate::state::follow::{duration_words, Follow, Until};
use crate::theme::Theme;

/// New events shown at most (the events panel has them all).
const NEW_EVENTS: usize = 4;

/// Rows the panel wants inside its border.
pub fn height(service: &Service, follow: &Follow) -> u16 {
    let events = new_events(service, follow).count().min(NEW_EVENTS);
    let reasons = service
        .deployments
        .iter()
        .filter(|d| failed_reason(d))
        .count();
    (1 + service.deployments.len() + reasons + 1 + events.max(1)) as u16
}

/// A failed deployment's reason gets its own line: it says why the rollout failed.
fn failed_reason(d: &crate::model::Deployment) -> bool {
    d.rollout_state == "FAILED" && !d.rollout_reason.is_empty()
}

fn new_events<'a>(
    service: &'a Service,
    follow: &'a Follow,
) -> impl Iterator<Item = &'a crate::model::ServiceEvent> {
    service
        .events
        .iter()
        .filter(|e| !follow.known_events.contains(&e.id))
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    now: Timestamp,
    service: &Service,
    follow: &Follow,
    theme: &Theme,
) {
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{:<8} {:<11} {:<22} {:>11} {:>4} {:>4}",
            "STATUS", "ROLLOUT", "TASK DEFINITION", "RUN/DESIRED", "PEND", "FAIL"
        ),
        theme.column_header,
    ))];
    let tracked = match &follow.until {
        Until::Deployment(Some(id)) => Some(id.as_str()),
        _ => None,
    };
    for d in &service.deployments {
        let marker = if tracked == Some(d.id.as_str()) {
            theme.title
        } else {
            theme.text
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<8} ", d.status), marker),
            Span::styled(
                format!("{:<11} ", dash_if_empty(&d.rollout_state)),
                theme.severity(Severity::of_rollout(&d.rollout_state)),
            ),
            Span::raw(format!("{:<22} ", arn_tail(&d.task_definition))),
            Span::raw(format!("{:>11} ", format!("{}/{}", d.running, d.desired))),
            Span::raw(format!("{:>4} ", d.pending)),
            Span::styled(
                format!("{:>4}", d.failed),
                if d.failed > 0 {
                    theme.failed
                } else {
                    theme.text
                },
            ),
        ]));
        if failed_reason(d) {
            lines.push(Line::from(Span::styled(
                format!("         {}", d.rollout_reason),
                theme.failed,
            )));
        }
    }
    lines.push(Line::from(Span::styled("new service events", theme.muted)));
    let mut any = false;
    for e in new_events(service, follow).take(NEW_EVENTS) {
        any = true;
        lines.push(Line::from(vec![
            Span::styled(format!("{:>4} ", age_since(now, e.created_at)), theme.muted),
            Span::raw(e.message.clone()),
        ]));
    }
    if !any {
        lines.push(Line::from(Span::styled("  none yet", theme.muted)));
    }
    let elapsed = duration_words(follow.elapsed_secs(now));
    let (state, style) = match &follow.ended {
        Some(e) if e.ok => (format!("{} in {elapsed}", e.state), theme.ok),
        Some(e) => (format!("{} after {elapsed}", e.state), theme.failed),
        None => (format!("following · {elapsed}"), theme.progress),
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" rollout: {} ", follow.change),
            theme.title,
        ))
        .title(Span::styled(format!(" {state} "), style));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
