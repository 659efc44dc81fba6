//! The ECS Exec dialog, drawn over the view it was opened from.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::input;
use crate::sanitize::one_line;
use crate::state::{ExecDialog, ExecStage, State};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, dialog: &ExecDialog, theme: &Theme) {
    let task = &dialog.task;
    let mut lines = vec![
        Line::from(vec![
            Span::styled("task ", theme.muted),
            Span::styled(task.short_id().to_string(), theme.text),
            Span::styled(format!(" ({})", task.task_definition_short()), theme.muted),
            Span::styled(" in ", theme.muted),
            Span::styled(dialog.cluster.clone(), theme.text),
        ]),
        Line::from(Span::styled(
            format!(
                "account {} · {}",
                state.identity.account, state.identity.region
            ),
            theme.muted,
        )),
        Line::default(),
        Line::from(Span::styled("container", theme.title)),
    ];
    for (i, c) in task.containers.iter().enumerate() {
        let chosen = i == dialog.container;
        let agent = c.exec_agent.as_deref().unwrap_or("-");
        let style = if chosen { theme.selection } else { theme.text };
        lines.push(Line::from(vec![
            Span::styled(if chosen { " › " } else { "   " }, style),
            Span::styled(format!("{:<24}", one_line(&c.name)), style),
            Span::styled(format!(" {:<10} agent {agent}", c.last_status), theme.muted),
        ]));
    }
    lines.push(Line::default());
    let mut command = vec![Span::styled("command  ", theme.title)];
    command.extend(input::spans(&dialog.command, theme.filter));
    lines.push(Line::from(command));
    lines.push(Line::default());
    match &dialog.stage {
        ExecStage::Editing => {}
        ExecStage::Preparing(_) => lines.push(Line::from(Span::styled(
            "checking the task and the plugin, starting the session…",
            theme.progress,
        ))),
        ExecStage::Failed(why) => lines.push(Line::from(Span::styled(why.clone(), theme.error))),
    }
    let rect = super::popup::centered(area, 76, &lines);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" ECS Exec ", theme.title))
        .title_bottom(Span::styled(
            " enter start · ↑↓ container · esc cancel ",
            theme.muted,
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
