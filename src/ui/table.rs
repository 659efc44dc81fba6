//! A list view drawn from a [`Table`]: only the rows that fit are formatted, so a
//! frame costs the same for 20 rows as for 20,000.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, Paragraph, Row as TableRow, Table as TableWidget, TableState, Wrap,
};
use ratatui::Frame;

use crate::state::{Load, Row, Table};
use crate::theme::Theme;

pub struct ListSpec<'a> {
    pub title: String,
    pub widths: &'a [Constraint],
    /// Shown instead of rows when there are none.
    pub empty: &'a str,
    /// Columns dropped when the list is narrower than [`NARROW`] (80x24 terminals).
    pub hide_when_narrow: &'a [usize],
}

/// Below this many columns, lists drop their least important columns.
pub const NARROW: u16 = 110;

pub fn draw<T: Row, F>(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    table: &Table<T>,
    load: &Load,
    spec: ListSpec,
    cells: F,
) where
    F: Fn(&T) -> Vec<Cell<'static>>,
{
    let count = if table.filter.is_empty() {
        format!("{}", table.rows().len())
    } else {
        format!(
            "{}/{} matching '{}'",
            table.len(),
            table.rows().len(),
            table.filter
        )
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ({count}) ", spec.title),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if table.is_empty() {
        draw_empty(
            frame,
            inner,
            theme,
            load,
            spec.empty,
            !table.rows().is_empty(),
        );
        return;
    }

    // One line for the column header; the rest for rows.
    let height = inner.height.saturating_sub(1) as usize;
    let selected = table.selected_index();
    let offset = selected.saturating_sub(height.saturating_sub(1));
    let shown: Vec<usize> = (0..T::COLUMNS.len())
        .filter(|i| area.width >= NARROW || !spec.hide_when_narrow.contains(i))
        .collect();
    let keep = |all: Vec<Cell<'static>>| -> Vec<Cell<'static>> {
        all.into_iter()
            .enumerate()
            .filter(|(i, _)| shown.contains(i))
            .map(|(_, c)| c)
            .collect()
    };
    let rows: Vec<TableRow> = (offset..(offset + height).min(table.len()))
        .filter_map(|i| table.visible_row(i))
        .map(|r| TableRow::new(keep(cells(r))))
        .collect();
    let header = TableRow::new(shown.iter().map(|&i| {
        let mark = match (i == table.sort_column, table.descending) {
            (true, false) => "▲",
            (true, true) => "▼",
            _ => "",
        };
        Cell::from(format!("{}{mark}", T::COLUMNS[i]))
    }))
    .style(theme.column_header);
    let widths: Vec<Constraint> = shown
        .iter()
        .filter_map(|&i| spec.widths.get(i).copied())
        .collect();
    let widget = TableWidget::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selection);
    let mut state = TableState::default().with_selected(Some(selected - offset));
    frame.render_stateful_widget(widget, inner, &mut state);
}

fn draw_empty(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    load: &Load,
    empty: &str,
    filtered: bool,
) {
    let (text, style): (String, Style) = if let Some(err) = &load.error {
        (err.summary(), theme.error)
    } else if load.in_flight.is_some() && load.loaded_at.is_none() {
        ("loading…".into(), theme.progress)
    } else if filtered {
        (
            "no rows match the filter (esc clears it)".into(),
            theme.muted,
        )
    } else {
        (empty.to_string(), theme.muted)
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(text, style))).wrap(Wrap { trim: false }),
        area,
    );
}

/// A cell coloured by what its value means.
pub fn cell(text: impl Into<String>, style: Style) -> Cell<'static> {
    Cell::from(Span::styled(text.into(), style))
}
