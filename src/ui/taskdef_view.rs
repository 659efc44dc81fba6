//! One revision (readable or raw JSON) and the diff between two revisions, scrollable.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

use super::taskdefs_text::{diff_lines, json_lines, readable};
use crate::state::{Load, RevisionDiffView, RevisionView, State};
use crate::theme::Theme;

pub fn draw_revision(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    view: &RevisionView,
    theme: &Theme,
) {
    let name = crate::model::arn_tail(&view.task_definition).to_string();
    let Some(td) = &view.detail else {
        return placeholder(frame, area, &name, &view.load, theme);
    };
    let (lines, mode) = if view.raw {
        (json_lines(&td.raw_json(), theme), "raw JSON")
    } else {
        (readable(td, Some(state.now), theme), "readable")
    };
    scrolled(
        frame,
        area,
        format!("{} · {mode}", td.short_name()),
        lines,
        view.scroll,
        theme,
    );
}

pub fn draw_diff(
    frame: &mut Frame,
    area: Rect,
    _state: &State,
    view: &RevisionDiffView,
    theme: &Theme,
) {
    let name = format!(
        "diff {} → {}",
        crate::model::arn_tail(&view.from),
        crate::model::arn_tail(&view.to)
    );
    let Some(diff) = &view.diff else {
        return placeholder(frame, area, &name, &view.load, theme);
    };
    scrolled(
        frame,
        area,
        name,
        diff_lines(diff, theme),
        view.scroll,
        theme,
    );
}

/// A bordered document from line `scroll` on, with the position in the title.
fn scrolled(
    frame: &mut Frame,
    area: Rect,
    title: String,
    lines: Vec<Line<'static>>,
    scroll: usize,
    theme: &Theme,
) {
    let total = lines.len();
    let scroll = scroll.min(total.saturating_sub(1));
    let height = area.height.saturating_sub(2) as usize;
    let position = if total > height {
        format!(
            " · lines {}-{} of {total}",
            scroll + 1,
            (scroll + height).min(total)
        )
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" {title}{position} "), theme.title));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

fn placeholder(frame: &mut Frame, area: Rect, name: &str, load: &Load, theme: &Theme) {
    let (text, style) = match &load.error {
        Some(e) => (e.summary(), theme.error),
        None => ("loading…".to_string(), theme.progress),
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" {name} "), theme.title));
    frame.render_widget(
        Paragraph::new(Span::styled(text, style))
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
