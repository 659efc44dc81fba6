//! Help overlay, generated from the keymap in force.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

use crate::keymap::Section;
use crate::state::State;
use crate::theme::Theme;

/// How many lines the help has for the view shown (headings and bindings).
pub fn line_count(state: &State) -> usize {
    let here = state.view().map(|v| v.sections()).unwrap_or_default();
    std::iter::once(&Section::Global)
        .chain(here)
        .map(|section| {
            1 + state
                .keymap
                .listing()
                .iter()
                .filter(|(s, _, _)| s == section)
                .count()
        })
        .sum()
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut lines = Vec::new();
    let here = state.view().map(|v| v.sections()).unwrap_or_default();
    for &section in std::iter::once(&Section::Global).chain(here) {
        lines.push(Line::from(Span::styled(section.title(), theme.title)));
        for (s, commands, keys) in state.keymap.listing() {
            if *s != section {
                continue;
            }
            let doc = match commands.as_slice() {
                [] => "nothing (unbound)".to_string(),
                [one] => one.doc().to_string(),
                many => many
                    .iter()
                    .map(|c| c.doc())
                    .collect::<Vec<_>>()
                    .join(", then "),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22} ", shown_keys(keys)), theme.key),
                Span::raw(doc),
            ]));
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 78.min(area.width);
    // More lines than fit: scroll with ↑↓ (the offset is kept in range here).
    let room = height.saturating_sub(2) as usize;
    let scroll = state.help_scroll.min(lines.len().saturating_sub(room));
    let [_, mid, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, rect, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(mid);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" keys ", theme.title))
        .title_bottom(Span::styled(
            if lines.len() > room {
                " ↑↓ pgup pgdn scroll · any other key closes "
            } else {
                " any key closes this help "
            },
            theme.muted,
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(u16::MAX as usize) as u16, 0)),
        rect,
    );
}

/// Keys as written, a multi-key sequence ("g g") shown as "g→g" so it reads as one.
fn shown_keys(keys: &[String]) -> String {
    keys.iter()
        .map(|k| k.split_whitespace().collect::<Vec<_>>().join("→"))
        .collect::<Vec<_>>()
        .join(" ")
}
