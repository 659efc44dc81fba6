//! The new-context dialog: name, label, role ARN, External ID, region, environment.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::input;
use crate::state::{ContextDialog, State, CONTEXT_FIELDS};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, _state: &State, dialog: &ContextDialog, theme: &Theme) {
    let mut lines = vec![
        Line::from(Span::styled(
            "A customer's account: the role they created for you and its External ID.",
            theme.muted,
        )),
        Line::from(Span::styled(
            "Saved to config.toml; read-only by default when an External ID is set.",
            theme.muted,
        )),
        Line::default(),
    ];
    for (i, (label, input)) in CONTEXT_FIELDS.iter().zip(&dialog.inputs).enumerate() {
        let focused = i == dialog.focus;
        let mut spans = vec![Span::styled(
            format!("{label:<13}"),
            if focused { theme.title } else { theme.muted },
        )];
        if focused {
            spans.extend(input::spans(input, theme.filter));
        } else {
            spans.push(Span::styled(input.text().to_string(), theme.text));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(Span::styled(
        "             environment: prod, staging, dev or empty",
        theme.muted,
    )));
    if let Some(error) = &dialog.error {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(error.clone(), theme.error)));
    }
    let rect = super::popup::centered(area, 78, &lines);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" New context ", theme.title))
        .title_bottom(Span::styled(
            " enter save and switch · tab next field · esc cancel ",
            theme.muted,
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
