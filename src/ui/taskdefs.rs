//! The task definition families list and the revisions of a family.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;
use ratatui::Frame;

use super::format::age_since;
use super::table::{self, cell, ListSpec};
use super::taskdefs_text::principal;
use crate::model::Timestamp;
use crate::state::taskdefs::Family;
use crate::state::{FamiliesView, RevisionRow, RevisionsView, State};
use crate::theme::Theme;

pub fn draw_families(
    frame: &mut Frame,
    area: Rect,
    _state: &State,
    view: &FamiliesView,
    theme: &Theme,
) {
    let spec = ListSpec {
        title: "task definition families".into(),
        widths: &[Constraint::Fill(1)],
        empty: "no task definition families in this account and region",
        hide_when_narrow: &[],
    };
    table::draw(
        frame,
        area,
        theme,
        &view.table,
        &view.load,
        spec,
        |f: &Family| vec![Cell::from(f.name.clone())],
    );
}

const WIDTHS: [Constraint; 7] = [
    Constraint::Length(6),
    Constraint::Length(8),
    Constraint::Length(10),
    Constraint::Fill(2),
    Constraint::Length(9),
    Constraint::Fill(4),
    Constraint::Fill(3),
];

pub fn draw_revisions(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    view: &RevisionsView,
    theme: &Theme,
) {
    let markers = match &view.cluster {
        Some(cluster) => format!(" · ● runs in {cluster}"),
        None => String::new(),
    };
    let marked = view
        .marked
        .as_deref()
        .map(|m| format!(" · ◆ marked {}", crate::model::arn_tail(m)))
        .unwrap_or_default();
    let spec = ListSpec {
        title: format!("revisions of {}{markers}{marked}", view.family),
        widths: &WIDTHS,
        empty: "no revisions of this family",
        // Who registered a revision matters least on an 80-column screen.
        hide_when_narrow: &[3],
    };
    let now = state.now;
    let service = view.service.as_ref().map(|s| s.name.as_str());
    table::draw(frame, area, theme, &view.table, &view.load, spec, |r| {
        row(r, view.marked.as_deref(), service, now, theme)
    });
}

fn row(
    r: &RevisionRow,
    marked: Option<&str>,
    service: Option<&str>,
    now: Timestamp,
    theme: &Theme,
) -> Vec<Cell<'static>> {
    let mark = if marked == Some(r.revision.arn.as_str()) {
        "◆"
    } else {
        " "
    };
    let (status, status_style) = match r.revision.status.as_str() {
        "ACTIVE" => ("ACTIVE", theme.ok),
        "INACTIVE" => ("INACTIVE", theme.muted),
        "DELETE_IN_PROGRESS" => ("DELETING", theme.failed),
        other => (other, theme.text),
    };
    let pending = |text: String| {
        if r.described {
            cell(text, theme.text)
        } else {
            cell("…", theme.muted)
        }
    };
    let services = if r.services.is_empty() {
        Cell::from("")
    } else {
        let mut spans = vec![Span::styled("● ", theme.ok)];
        for (i, name) in r.services.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(", "));
            }
            let style = if Some(name.as_str()) == service {
                theme.title
            } else {
                theme.text
            };
            spans.push(Span::styled(name.clone(), style));
        }
        Cell::from(Line::from(spans))
    };
    vec![
        cell(format!("{mark}{:>4}", r.revision.revision), theme.text),
        cell(status.to_string(), status_style),
        pending(age_since(now, r.registered_at)),
        pending(principal(&r.registered_by)),
        pending(r.size.clone()),
        pending(r.images.join(", ")),
        services,
    ]
}
