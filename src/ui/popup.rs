//! A box centred over the body, for dialogs and overlays.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

/// The centred rectangle of at most `width` columns that fits `lines` wrapped inside
/// a border (capped at the area).
pub fn centered(area: Rect, width: u16, lines: &[Line]) -> Rect {
    let width = area.width.min(width);
    let inner = width.saturating_sub(2).max(1);
    let wrapped: u16 = lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(inner).max(1))
        .sum();
    let height = (wrapped + 2).min(area.height);
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
    rect
}
