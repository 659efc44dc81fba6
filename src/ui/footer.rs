//! Status (freshness, loading, errors, API calls) and the keys that apply here.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::format::freshness;
use crate::keymap::Command;
use crate::state::{Mode, NoticeKind, State, View};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    frame.render_widget(
        Paragraph::new(vec![status_line(state, theme), keys_line(state, theme)]),
        area,
    );
}

fn status_line<'a>(state: &State, theme: &Theme) -> Line<'a> {
    let mut spans = Vec::new();
    if state.mode == Mode::Filter {
        let filter = state.view().and_then(|v| v.filter()).unwrap_or_default();
        spans.push(Span::styled(format!(" /{filter}▏"), theme.filter));
        spans.push(Span::styled("  enter keep · esc clear ", theme.muted));
        return Line::from(spans);
    }
    if let Some(notice) = state.notice.as_ref().filter(|n| n.visible(state.now)) {
        let style = match notice.kind {
            NoticeKind::Info => theme.text,
            NoticeKind::Success => theme.ok,
            NoticeKind::Warning => theme.progress,
            NoticeKind::Error => theme.error,
        };
        spans.push(Span::styled(format!(" {} ", notice.text), style));
        spans.push(Span::styled("│", theme.muted));
    }
    let Some(view) = state.view() else {
        return Line::from(spans);
    };
    let load = view.load();
    if load.in_flight.is_some() {
        spans.push(Span::styled(" loading… ", theme.progress));
    }
    match load.loaded_at {
        Some(t) => spans.push(Span::styled(
            format!(
                " updated {} ",
                freshness(state.now.signed_duration_since(t))
            ),
            theme.muted,
        )),
        None if load.in_flight.is_none() && load.error.is_none() => {
            spans.push(Span::styled(" not loaded ", theme.muted))
        }
        None => {}
    }
    spans.push(Span::styled(
        format!("· API {} ", state.api_calls),
        theme.muted,
    ));
    if let Some(err) = &load.error {
        let retry = load
            .next_at
            .map(|at| format!(" (retry in {}s)", (at - state.now).num_seconds().max(0)))
            .unwrap_or_default();
        spans.push(Span::styled(
            format!(" {}{retry}", err.summary()),
            theme.error,
        ));
    }
    Line::from(spans)
}

fn keys_line<'a>(state: &State, theme: &Theme) -> Line<'a> {
    let mut hints: Vec<Command> = match state.view() {
        Some(View::Clusters(_)) => vec![Command::Select, Command::OpenTasks, Command::Filter],
        Some(View::Services(_)) => vec![
            Command::Select,
            Command::OpenTasks,
            Command::Filter,
            Command::SortNext,
        ],
        Some(View::Service(_)) => vec![Command::Select],
        Some(View::Tasks(_)) => vec![Command::Select, Command::ToggleStopped, Command::Filter],
        Some(View::Containers(_)) => vec![Command::Filter],
        Some(View::Databases(_) | View::Caches(_)) => vec![
            Command::Select,
            Command::SwitchDatastores,
            Command::Filter,
            Command::SortNext,
        ],
        Some(View::Datastore(_)) => vec![],
        None => vec![],
    };
    if state.views.len() > 1 {
        hints.push(Command::Back);
    }
    hints.extend([Command::Refresh, Command::Help, Command::Quit]);
    let mut spans = vec![Span::raw(" ")];
    for command in hints {
        let Some(key) = state.keymap.key_for(command) else {
            continue;
        };
        let label = match command {
            Command::Select if matches!(state.view(), Some(View::Service(_))) => "tasks",
            c => c.hint(),
        };
        spans.push(Span::styled(key.to_string(), theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.muted));
    }
    Line::from(spans)
}
