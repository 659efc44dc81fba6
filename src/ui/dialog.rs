//! Dialogs over the view: the actions menu and the confirmations. Every confirmation
//! names the account, region, cluster, service (or task) and the exact change.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::format::dash_if_empty;
use super::input;
use crate::keymap::Command;
use crate::model::task_definition_diff::ChangeKind;
use crate::state::dialog::{Autoscaling, Dialog, DialogKind, Rollback, Scale, Subject};
use crate::state::State;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, dialog: &Dialog, theme: &Theme) {
    let (lines, wide) = match &dialog.kind {
        DialogKind::Menu(subject) => (menu(state, dialog, subject, theme), false),
        DialogKind::Confirm(c) => {
            let mut lines = where_lines(state, dialog, theme);
            if let Some(s) = &c.service {
                lines.push(field("service", &s.name, theme));
            }
            if let Some(t) = &c.task {
                // A service's task carries `service:<name>` as its group.
                if let Some(service) = t.group.strip_prefix("service:") {
                    lines.push(field("service", service, theme));
                }
                lines.push(field("task", &t.id, theme));
                lines.push(field(
                    "now",
                    &format!(
                        "{} · {} · {}",
                        t.task_definition_short(),
                        t.last_status,
                        dash_if_empty(&t.availability_zone)
                    ),
                    theme,
                ));
            }
            if let crate::model::Mutation::StopTask { reason, .. } = &c.mutation {
                lines.push(field("reason", reason, theme));
            }
            if let Some(s) = &c.service {
                lines.push(field(
                    "now",
                    &format!(
                        "{} · desired {} · running {}",
                        s.task_definition_short(),
                        s.desired,
                        s.running
                    ),
                    theme,
                ));
            }
            lines.push(change(&c.mutation.change(), theme));
            if state.in_prod() {
                let mut name = vec![Span::styled(
                    format!(" prod context: type '{}' to confirm: ", c.expected_name()),
                    theme.muted,
                )];
                name.extend(input::spans(&c.name, theme.filter));
                lines.push(Line::from(name));
            }
            lines.extend(status(dialog, theme));
            lines.push(keys(
                state,
                &[(Command::Confirm, "confirm"), (Command::Cancel, "cancel")],
                theme,
            ));
            (lines, false)
        }
        DialogKind::Scale(s) => (scale(state, dialog, s, theme), false),
        DialogKind::Rollback(r) => (rollback(state, dialog, r, area.height, theme), true),
    };
    let width = if wide { 110 } else { 76 }.min(area.width);
    let height = (wrapped_rows(&lines, width.saturating_sub(2)) + 2).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", dialog.title()), theme.title));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}

/// Rows the lines take when wrapped to `width` (a row of slack for each wrapped line,
/// since words wrap earlier than characters would).
fn wrapped_rows(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| match l.width() {
            0 => 1,
            w if w <= width => 1,
            w => w.div_ceil(width) + 1,
        })
        .sum::<usize>()
        .try_into()
        .unwrap_or(u16::MAX)
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
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

fn field<'a>(label: &str, value: &str, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!(" {label:<9} "), theme.muted),
        Span::styled(value.to_string(), theme.text),
    ])
}

fn change<'a>(text: &str, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!(" {:<9} ", "change"), theme.muted),
        Span::styled(text.to_string(), theme.title),
    ])
}

/// Account, region and cluster: where the change lands.
fn where_lines<'a>(state: &State, dialog: &Dialog, theme: &Theme) -> Vec<Line<'a>> {
    vec![
        Line::from(vec![
            Span::styled(format!(" {:<9} ", "account"), theme.muted),
            Span::styled(state.identity.account.clone(), theme.text),
            Span::styled("  region ", theme.muted),
            Span::styled(state.identity.region.clone(), theme.text),
        ]),
        field("cluster", &dialog.cluster, theme),
    ]
}

/// Sending, or the last refusal / AWS error.
fn status<'a>(dialog: &Dialog, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    if dialog.sent.is_some() {
        lines.push(Line::from(Span::styled(" sending…", theme.progress)));
    }
    if let Some(e) = &dialog.error {
        lines.push(Line::from(Span::styled(format!(" {e}"), theme.error)));
    }
    lines
}

fn keys<'a>(state: &State, hints: &[(Command, &str)], theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::raw(" ")];
    for (command, label) in hints {
        if let Some(key) = state.keymap.key_for(*command) {
            spans.push(Span::styled(key.to_string(), theme.key));
            spans.push(Span::styled(format!(" {label}  "), theme.muted));
        }
    }
    Line::from(spans)
}

fn menu<'a>(state: &State, dialog: &Dialog, subject: &Subject, theme: &Theme) -> Vec<Line<'a>> {
    let what = match subject {
        Subject::Service(_) => "service",
        Subject::Task(_) => "task",
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {} ", subject.name()), theme.title),
        Span::styled(format!("({what} in {})", dialog.cluster), theme.muted),
    ])];
    let read_only = state.settings.read_only;
    for &action in subject.actions() {
        let key = state.keymap.key_for(action).unwrap_or("?").to_string();
        let reason = subject.unavailable(action, read_only);
        let style = if reason.is_some() {
            theme.muted
        } else {
            theme.text
        };
        let mut spans = vec![
            Span::styled(format!("  {key:<3}"), theme.key),
            Span::styled(action.hint().to_string(), style),
        ];
        if let Some(reason) = reason.filter(|_| !read_only) {
            spans.push(Span::styled(
                format!(" — unavailable: {reason}"),
                theme.muted,
            ));
        }
        lines.push(Line::from(spans));
    }
    match &dialog.error {
        Some(e) => lines.push(Line::from(Span::styled(format!(" {e}"), theme.error))),
        None if read_only => lines.push(Line::from(Span::styled(
            " unavailable: read-only session (--read-only)",
            theme.progress,
        ))),
        None => {}
    }
    lines.push(keys(state, &[(Command::Cancel, "cancel")], theme));
    lines
}

fn scale<'a>(state: &State, dialog: &Dialog, s: &Scale, theme: &Theme) -> Vec<Line<'a>> {
    let svc = &s.service;
    let mut lines = where_lines(state, dialog, theme);
    lines.push(field("service", &svc.name, theme));
    lines.push(field(
        "now",
        &format!(
            "desired {} · running {} · pending {}",
            svc.desired, svc.running, svc.pending
        ),
        theme,
    ));
    let (auto, style) = match &s.autoscaling {
        Autoscaling::Loading(_) => ("checking…".to_string(), theme.progress),
        Autoscaling::None => ("not managed by autoscaling".to_string(), theme.muted),
        Autoscaling::Target(t) if t.suspended => (
            format!("min {} · max {} (scaling suspended)", t.min, t.max),
            theme.text,
        ),
        Autoscaling::Target(t) => (format!("min {} · max {}", t.min, t.max), theme.text),
        // One line: the whole error is in the log file.
        Autoscaling::Unknown(e) => {
            let what = e.split_once(": ").map_or(e.as_str(), |(_, rest)| rest);
            (
                super::format::truncate(&format!("could not check: {what}"), 60),
                theme.muted,
            )
        }
    };
    lines.push(Line::from(vec![
        Span::styled(format!(" {:<9} ", "autoscale"), theme.muted),
        Span::styled(auto, style),
    ]));
    let typed = crate::update::dialog::parse_desired(s.input.text()).ok();
    let to = s.to.or(typed);
    let mut field_line = vec![Span::styled(" new desired count: ", theme.muted)];
    if s.to.is_none() {
        field_line.extend(input::spans(&s.input, theme.filter));
    } else {
        field_line.push(Span::styled(s.input.text().to_string(), theme.text));
    }
    lines.push(Line::from(field_line));
    if let Some(to) = to {
        lines.push(change(&format!("desired {} → {to}", svc.desired), theme));
        if let Autoscaling::Target(t) = &s.autoscaling {
            if t.undoes(to) {
                lines.push(Line::from(Span::styled(
                    format!(
                        " ⚠ autoscaling keeps {} between {} and {}: it would undo {to}",
                        svc.name, t.min, t.max
                    ),
                    theme.progress,
                )));
            }
        }
    }
    if s.to == Some(0) || (s.to.is_some() && state.in_prod()) {
        if s.to == Some(0) {
            lines.push(Line::from(Span::styled(
                format!(" scaling to 0 stops every task of {}.", svc.name),
                theme.failed,
            )));
        }
        let mut name = vec![Span::styled(
            " type the service name to confirm: ",
            theme.muted,
        )];
        name.extend(input::spans(&s.name, theme.filter));
        lines.push(Line::from(name));
    }
    lines.extend(status(dialog, theme));
    let confirm = if s.to.is_some() { "send" } else { "next" };
    lines.push(keys(
        state,
        &[(Command::Confirm, confirm), (Command::Cancel, "cancel")],
        theme,
    ));
    lines
}

/// Lines of the rollback dialog besides the change summary.
const ROLLBACK_FRAME: u16 = 14;

fn rollback<'a>(
    state: &State,
    dialog: &Dialog,
    r: &Rollback,
    height: u16,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let svc = &r.service;
    let mut lines = where_lines(state, dialog, theme);
    lines.push(field("service", &svc.name, theme));
    lines.push(field("running", svc.task_definition_short(), theme));
    // The ACTIVE revisions, the chosen one marked.
    let mut choices = vec![Span::styled(format!(" {:<9} ", "revisions"), theme.muted)];
    if r.revisions_load.is_some() {
        choices.push(Span::styled("listing ACTIVE revisions…", theme.progress));
    }
    for (i, t) in r.revisions.iter().enumerate() {
        let text = format!("{} ", t.revision);
        if Some(i) == r.chosen {
            choices.push(Span::styled(format!("[{}] ", t.revision), theme.selection));
        } else {
            choices.push(Span::styled(text, theme.muted));
        }
    }
    lines.push(Line::from(choices));
    match r.target() {
        Some(t) => lines.push(change(
            &format!("{} → {}", svc.task_definition_short(), t.short_name()),
            theme,
        )),
        None if r.revisions_load.is_none() => {
            lines.push(field("change", "no revision chosen", theme))
        }
        None => {}
    }
    lines.push(Line::from(Span::styled(
        " what changes (secret values are never shown):",
        theme.muted,
    )));
    if r.diff_load.is_some() {
        lines.push(Line::from(Span::styled(
            "   describing both revisions…",
            theme.progress,
        )));
    }
    if let Some(e) = &r.diff_error {
        lines.push(Line::from(Span::styled(format!("   {e}"), theme.error)));
    }
    if let Some(diff) = &r.diff {
        if diff.changes.is_empty() {
            lines.push(Line::from(Span::styled(
                "   nothing but bookkeeping fields differs",
                theme.muted,
            )));
        }
        // Keep the confirmation on screen: a long summary ends with how much is left out.
        let room = usize::from(height.saturating_sub(ROLLBACK_FRAME).max(1));
        let shown = if diff.changes.len() > room {
            room.saturating_sub(1)
        } else {
            room
        };
        for c in diff.changes.iter().skip(r.diff_scroll).take(shown) {
            let (sign, style): (&str, Style) = match c.kind {
                ChangeKind::Added => ("+", theme.ok),
                ChangeKind::Removed => ("-", theme.failed),
                ChangeKind::Changed => ("~", theme.progress),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("   {sign} "), style),
                Span::styled(format!("{c}"), theme.text),
            ]));
        }
        let hidden = diff.changes.len().saturating_sub(r.diff_scroll + shown);
        if hidden > 0 {
            lines.push(Line::from(Span::styled(
                format!(
                    "   … {hidden} more changes ({} shows them)",
                    state.keymap.key_for(Command::PageDown).unwrap_or("?")
                ),
                theme.muted,
            )));
        }
    }
    let mark = if r.deregister { "[x]" } else { "[ ]" };
    let option_key = state
        .keymap
        .key_for(Command::ToggleOption)
        .unwrap_or("?")
        .to_string();
    lines.push(Line::from(vec![
        Span::styled(format!(" {mark} "), theme.text),
        Span::styled(
            format!(
                "deregister {} after the rollout completes ",
                svc.task_definition_short()
            ),
            theme.text,
        ),
        Span::styled(format!("({option_key})"), theme.key),
    ]));
    let mut name = vec![Span::styled(
        " type the service name to confirm: ",
        theme.muted,
    )];
    name.extend(input::spans(&r.name, theme.filter));
    lines.push(Line::from(name));
    lines.extend(status(dialog, theme));
    lines.push(keys(
        state,
        &[
            (Command::Confirm, "roll back"),
            (Command::ChoiceDown, "older"),
            (Command::ChoiceUp, "newer"),
            (Command::Cancel, "cancel"),
        ],
        theme,
    ));
    lines
}
