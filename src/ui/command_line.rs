//! The `:` command line in the footer and its completions just above it.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

use super::input;
use crate::state::State;
use crate::theme::Theme;

/// Most completions shown at once.
const SHOWN: usize = 6;

/// The footer's status line while typing a command.
pub fn status_line<'a>(state: &State, theme: &Theme) -> Line<'a> {
    let line = &state.command_line;
    let mut spans = vec![Span::styled(" :", theme.filter)];
    spans.extend(input::spans(&line.input, theme.filter));
    match &line.error {
        Some(e) => spans.push(Span::styled(format!("  {e}"), theme.error)),
        None => spans.push(Span::styled(
            "  tab complete · enter run · esc cancel",
            theme.muted,
        )),
    }
    Line::from(spans)
}

/// The best completions in a box at the bottom of the body.
pub fn draw_completions(frame: &mut Frame, body: Rect, state: &State, theme: &Theme) {
    let line = &state.command_line;
    if line.completions.is_empty() || body.height < 4 {
        return;
    }
    let start = line.selected.saturating_sub(SHOWN - 1);
    let rows: Vec<Line> = line
        .completions
        .iter()
        .enumerate()
        .skip(start)
        .take(SHOWN)
        .map(|(i, c)| {
            let style = if i == line.selected {
                theme.selection
            } else {
                theme.text
            };
            Line::from(vec![
                Span::styled(format!(" {:<28}", c.line), style),
                Span::styled(format!(" {}", c.about), theme.muted),
            ])
        })
        .collect();
    let height = (rows.len() as u16 + 2).min(body.height);
    let width = body.width.min(72);
    let rect = Rect {
        x: body.x,
        y: body.y + body.height - height,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(rows).block(Block::bordered().border_style(theme.border)),
        rect,
    );
}
