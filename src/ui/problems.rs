//! What was wrong with the user's files at start-up, until a key is pressed:
//! opsdeck runs with the defaults meanwhile.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::state::State;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut lines = vec![Line::from(Span::styled(
        "Some of your files could not be used; opsdeck runs with the defaults for them:",
        theme.title,
    ))];
    for problem in &state.problems {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(problem.clone(), theme.error)));
    }
    let rect = super::popup::centered(area, 78, &lines);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" configuration ", theme.title))
        .title_bottom(Span::styled(" any key continues ", theme.muted));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
