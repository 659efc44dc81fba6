//! The port-forwarding dialog: where to (a port of the task, or a database or cache
//! endpoint through it), the remote port and the local port.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::input;
use crate::sanitize::one_line;
use crate::state::{State, TunnelDialog, TunnelField};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, dialog: &TunnelDialog, theme: &Theme) {
    let task = &dialog.task;
    let container = task
        .containers
        .get(dialog.container)
        .map_or("", |c| c.name.as_str());
    let focus = |f: TunnelField| {
        if dialog.focus == f {
            theme.title
        } else {
            theme.muted
        }
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("through task ", theme.muted),
            Span::styled(task.short_id().to_string(), theme.text),
            Span::styled(
                format!(" ({}, container {container})", task.task_definition_short()),
                theme.muted,
            ),
        ]),
        Line::from(Span::styled(
            format!(
                "account {} · {} · {}",
                state.identity.account, state.identity.region, dialog.cluster
            ),
            theme.muted,
        )),
        Line::default(),
        Line::from(Span::styled("to", focus(TunnelField::Destination))),
    ];
    let mut choice = |i: usize, label: String| {
        let chosen = i == dialog.choice;
        let style = if chosen { theme.selection } else { theme.text };
        lines.push(Line::from(vec![
            Span::styled(if chosen { " › " } else { "   " }, style),
            Span::styled(label, style),
        ]));
    };
    choice(0, "a port of this task".into());
    for (i, e) in dialog.endpoints.iter().enumerate() {
        choice(
            i + 1,
            format!("{}  {}:{}", one_line(&e.label), one_line(&e.host), e.port),
        );
    }
    if dialog.endpoints_request.is_some() {
        lines.push(Line::from(Span::styled(
            "   looking up databases and caches…",
            theme.progress,
        )));
    } else if let Some(err) = &dialog.endpoints_error {
        lines.push(Line::from(Span::styled(
            format!("   databases and caches: {err}"),
            theme.error,
        )));
    }
    lines.push(Line::default());
    let field = |label: &str, f: TunnelField, text: &crate::state::TextInput| {
        let mut spans = vec![Span::styled(format!("{label:<13}"), focus(f))];
        if dialog.focus == f {
            spans.extend(input::spans(text, theme.filter));
        } else {
            spans.push(Span::styled(text.text().to_string(), Style::default()));
        }
        Line::from(spans)
    };
    lines.push(field(
        "remote port",
        TunnelField::RemotePort,
        &dialog.remote_port,
    ));
    lines.push(field(
        "local port",
        TunnelField::LocalPort,
        &dialog.local_port,
    ));
    if let Some(error) = &dialog.error {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(error.clone(), theme.error)));
    }
    let rect = super::popup::centered(area, 76, &lines);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" Port forwarding ", theme.title))
        .title_bottom(Span::styled(
            " enter open · tab next field · ↑↓ destination · esc cancel ",
            theme.muted,
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
