//! A service's deploy timeline: stack events, deployments, service events and tasks in
//! one list, newest first, each tagged by its source and coloured by severity.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

use super::format::age_since;
use crate::model::timeline::Source;
use crate::state::{State, TimelineView};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &TimelineView, theme: &Theme) {
    let now = state.now;
    let mut title = format!(" deploy timeline of {} ", view.service);
    let mut lines = Vec::new();
    match &view.data {
        None => {
            let (text, style) = match &view.load.error {
                Some(e) => (e.summary(), theme.error),
                None => ("loading…".to_string(), theme.progress),
            };
            lines.push(Line::from(Span::styled(text, style)));
        }
        Some(data) => {
            title = format!(
                " deploy timeline of {} · {} ({}) ",
                view.service,
                view.window.label(),
                view.entries.len()
            );
            let stack = match &data.stack {
                Some(name) => Span::styled(format!("stack {name}"), theme.text),
                None => Span::styled("not managed by CloudFormation", theme.muted),
            };
            lines.push(Line::from(vec![
                Span::styled("since ", theme.muted),
                Span::raw(age_since(now, Some(view.window.start(&data.service, now)))),
                Span::styled(" ago · ", theme.muted),
                stack,
                Span::styled(
                    format!(
                        " · {} · {}",
                        count(data.service.deployments.len(), "deployment"),
                        count(data.tasks.len(), "task")
                    ),
                    theme.muted,
                ),
            ]));
            let height = area.height.saturating_sub(3) as usize;
            for e in view.entries.iter().skip(view.scroll).take(height) {
                let tag = match e.source {
                    Source::Stack => theme.key,
                    _ => theme.muted,
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("{:>4} ", age_since(now, Some(e.at))), theme.muted),
                    Span::styled(format!("{:<7}", e.source.label()), tag),
                    Span::styled(e.text.clone(), theme.severity(e.severity)),
                ]));
            }
            if view.entries.is_empty() {
                lines.push(Line::from(Span::styled(
                    "nothing happened in this window (w widens it)",
                    theme.muted,
                )));
            }
        }
    }
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(title, theme.title));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
