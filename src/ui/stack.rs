//! One stack: its status and progress, then a tab of events (failures with their whole
//! reason), resources (with where Enter leads), outputs or parameters (NoEcho masked).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Wrap};
use ratatui::Frame;

use super::format::{age_since, dash_if_empty, truncate};
use super::table::{self, cell, ListSpec};
use crate::keymap::Command;
use crate::model::stack::progress;
use crate::model::{Severity, Stack, StackEvent, Timestamp};
use crate::state::stacks::opens;
use crate::state::{StackTab, StackView, State};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &StackView, theme: &Theme) {
    let Some(stack) = &view.stack else {
        let (text, style) = match &view.load.error {
            Some(e) => (e.summary(), theme.error),
            None => ("loading…".to_string(), theme.progress),
        };
        let block = Block::bordered()
            .border_style(theme.border)
            .title(Span::styled(format!(" {} ", view.name()), theme.title));
        frame.render_widget(
            Paragraph::new(Span::styled(text, style))
                .wrap(Wrap { trim: false })
                .block(block),
            area,
        );
        return;
    };
    let summary = summary_lines(state.now, stack, view, theme);
    // Lines wrap on narrow screens; give the box the rows they take.
    let inner = area.width.saturating_sub(2).max(1) as usize;
    let rows: usize = summary
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner))
        .sum();
    let [top, tabs, body] = Layout::vertical([
        Constraint::Length(rows as u16 + 2),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" stack {} ", stack.name), theme.title));
    frame.render_widget(
        Paragraph::new(summary)
            .wrap(Wrap { trim: false })
            .block(block),
        top,
    );
    frame.render_widget(Paragraph::new(tab_bar(view, theme)), tabs);
    let now = state.now;
    match view.tab {
        StackTab::Events => draw_events(frame, body, now, stack, view, theme),
        StackTab::Resources => {
            let spec = ListSpec {
                title: "resources".into(),
                widths: &[
                    Constraint::Fill(2),
                    Constraint::Fill(3),
                    Constraint::Fill(2),
                    Constraint::Length(20),
                    Constraint::Length(11),
                    Constraint::Length(8),
                ],
                empty: "no resources",
                hide_when_narrow: &[1, 4],
            };
            table::draw(frame, body, theme, &view.resources, &view.load, spec, |r| {
                vec![
                    Cell::from(r.logical_id.clone()),
                    Cell::from(dash_if_empty(&r.physical_id).to_string()),
                    cell(r.resource_type.clone(), theme.muted),
                    cell(
                        r.status.clone(),
                        theme.severity(Severity::of_stack_status(&r.status)),
                    ),
                    cell(
                        dash_if_empty(&r.drift).to_string(),
                        theme.severity(Severity::of_drift(&r.drift)),
                    ),
                    cell(opens(r).to_string(), theme.key),
                ]
            });
        }
        StackTab::Outputs => {
            let spec = ListSpec {
                title: "outputs".into(),
                widths: &[
                    Constraint::Fill(2),
                    Constraint::Fill(4),
                    Constraint::Fill(2),
                    Constraint::Fill(2),
                ],
                empty: "no outputs",
                hide_when_narrow: &[3],
            };
            table::draw(frame, body, theme, &view.outputs, &view.load, spec, |o| {
                vec![
                    Cell::from(o.key.clone()),
                    Cell::from(o.value.clone()),
                    Cell::from(dash_if_empty(&o.export_name).to_string()),
                    cell(o.description.clone(), theme.muted),
                ]
            });
        }
        StackTab::Parameters => {
            let spec = ListSpec {
                title: "parameters".into(),
                widths: &[
                    Constraint::Fill(2),
                    Constraint::Fill(4),
                    Constraint::Fill(3),
                ],
                empty: "no parameters",
                hide_when_narrow: &[],
            };
            table::draw(
                frame,
                body,
                theme,
                &view.parameters,
                &view.load,
                spec,
                |p| {
                    let value = if p.no_echo() {
                        cell("•••• (NoEcho)", theme.muted)
                    } else {
                        Cell::from(p.value.clone())
                    };
                    vec![
                        Cell::from(p.key.clone()),
                        value,
                        Cell::from(dash_if_empty(&p.resolved_value).to_string()),
                    ]
                },
            );
        }
    }
}

fn summary_lines(now: Timestamp, s: &Stack, view: &StackView, theme: &Theme) -> Vec<Line<'static>> {
    let label = |t: &str| Span::styled(format!("{t} "), theme.muted);
    let mut first = vec![
        label("status"),
        Span::styled(
            s.status.clone(),
            theme.severity(Severity::of_stack_status(&s.status)),
        ),
        label("  created"),
        Span::raw(age_since(now, s.created_at)),
        label("  updated"),
        Span::raw(age_since(now, s.updated_at)),
        label("  drift"),
        Span::styled(
            dash_if_empty(&s.drift).to_string(),
            theme.severity(Severity::of_drift(&s.drift)),
        ),
        label("  protected"),
        Span::raw(match s.termination_protection {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        }),
    ];
    if s.parent_id.is_some() {
        first.push(label("  nested"));
    }
    let mut lines = vec![Line::from(first)];
    if !s.status_reason.is_empty() {
        lines.push(Line::from(Span::styled(
            s.status_reason.clone(),
            theme.severity(Severity::of_stack_status(&s.status)),
        )));
    }
    if !s.description.is_empty() {
        lines.push(Line::from(Span::styled(s.description.clone(), theme.muted)));
    }
    if s.in_progress() {
        let p = progress(&view.events, view.resources.rows(), &s.name);
        let mut spans = vec![Span::styled("in progress: ", theme.progress)];
        if let Some(pending) = p.pending {
            spans.push(Span::raw(format!("{pending} pending · ")));
        }
        spans.push(Span::styled(
            format!("{} in progress", p.in_progress),
            theme.progress,
        ));
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(format!("{} complete", p.complete), theme.ok));
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            format!("{} failed", p.failed),
            if p.failed > 0 {
                theme.failed
            } else {
                theme.text
            },
        ));
        lines.push(Line::from(spans));
    }
    lines
}

fn tab_bar(view: &StackView, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for tab in StackTab::ALL {
        let count = match tab {
            StackTab::Events => view.shown_events().len(),
            StackTab::Resources => view.resources.rows().len(),
            StackTab::Outputs => view.outputs.rows().len(),
            StackTab::Parameters => view.parameters.rows().len(),
        };
        let style = if tab == view.tab {
            theme.selection
        } else {
            theme.muted
        };
        spans.push(Span::styled(format!(" {} ({count}) ", tab.label()), style));
        spans.push(Span::raw(" "));
    }
    let mut modes = Vec::new();
    if view.current_only {
        modes.push("current operation");
    }
    if view.nested {
        modes.push("nested merged");
    }
    if !modes.is_empty() {
        spans.push(Span::styled(
            format!(" [{}]", modes.join(", ")),
            theme.filter,
        ));
    }
    Line::from(spans)
}

fn draw_events(
    frame: &mut Frame,
    area: Rect,
    now: Timestamp,
    stack: &Stack,
    view: &StackView,
    theme: &Theme,
) {
    let events = view.shown_events();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" events ({}) newest first ", events.len()),
            theme.title,
        ));
    let inner = block.inner(area);
    let width = inner.width as usize;
    let wide = area.width >= table::NARROW;
    // Events of other (nested) stacks name their stack.
    let merged = events.iter().any(|e| e.stack_name != stack.name);
    let mut lines = Vec::new();
    for e in events.iter().skip(view.events_scroll) {
        if lines.len() >= inner.height as usize {
            break;
        }
        lines.push(event_line(now, e, stack, merged, wide, width, theme));
        // A failure's reason is what the reader came for: whole, wrapped, on its own line.
        if e.failed() && !e.reason.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("     {}", e.reason),
                theme.failed,
            )));
        }
    }
    if events.is_empty() {
        lines.push(Line::from(Span::styled("no events", theme.muted)));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

fn event_line(
    now: Timestamp,
    e: &StackEvent,
    stack: &Stack,
    merged: bool,
    wide: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let style = theme.severity(Severity::of_stack_status(&e.status));
    let logical = if merged && e.stack_name != stack.name {
        format!("{}/{}", e.stack_name, e.logical_id)
    } else {
        e.logical_id.clone()
    };
    // Merged events carry their stack's name: give the column room for it.
    let id_width = if merged && wide { 44 } else { 24 };
    let mut head = format!(
        "{:>4} {:<id_width$} ",
        age_since(now, e.at),
        truncate(&logical, id_width)
    );
    if wide {
        head.push_str(&format!("{:<30} ", truncate(&e.resource_type, 30)));
    }
    let status = format!("{:<28} ", e.status);
    let used = head.chars().count() + status.chars().count();
    let mut spans = vec![Span::raw(head), Span::styled(status, style)];
    // Other reasons stay on the line, cut to fit; failures get theirs below in full.
    if !e.failed() && !e.reason.is_empty() {
        spans.push(Span::styled(
            truncate(&e.reason, width.saturating_sub(used)),
            theme.muted,
        ));
    }
    Line::from(spans)
}

/// Footer hints for the CloudFormation views.
pub fn hints(view: &crate::state::View) -> Vec<Command> {
    use crate::state::View;
    match view {
        View::Stacks(_) => vec![
            Command::OpenLink,
            Command::Filter,
            Command::ToggleDeletedStacks,
        ],
        View::Stack(v) => {
            let mut h = vec![Command::NextTab];
            match v.tab {
                StackTab::Events => h.extend([Command::CurrentOperation, Command::MergeNested]),
                StackTab::Resources => h.extend([Command::OpenLink, Command::Filter]),
                _ => h.push(Command::Filter),
            }
            h
        }
        View::Timeline(_) => vec![Command::TimelineWindow, Command::OwningStack],
        _ => vec![],
    }
}
