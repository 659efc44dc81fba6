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
        Paragraph::new(vec![
            status_line(state, theme),
            keys_line(state, theme, area.width),
        ]),
        area,
    );
}

fn status_line<'a>(state: &State, theme: &Theme) -> Line<'a> {
    let mut spans = Vec::new();
    if state.mode == Mode::Command {
        return super::command_line::status_line(state, theme);
    }
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

/// The view's own keys first, as many as fit; `? help` and `q quit` always show
/// (help lists everything that did not fit).
fn keys_line<'a>(state: &State, theme: &Theme, width: u16) -> Line<'a> {
    let mut hints: Vec<Command> = match state.view() {
        Some(View::Clusters(_)) => vec![Command::Select, Command::OpenTasks, Command::Filter],
        Some(View::Services(_)) => vec![
            Command::Select,
            Command::Actions,
            Command::OpenTasks,
            Command::OpenLogs,
            Command::Filter,
            Command::SortNext,
        ],
        Some(View::Service(_)) => vec![Command::Select, Command::Actions, Command::OpenLogs],
        Some(View::Tasks(_)) => vec![
            Command::Select,
            Command::Actions,
            Command::OpenLogs,
            Command::Exec,
            Command::PortForward,
            Command::ToggleStopped,
            Command::Filter,
        ],
        Some(View::Containers(_)) => vec![
            Command::OpenLogs,
            Command::Exec,
            Command::PortForward,
            Command::Filter,
        ],
        Some(View::Tunnels(_)) => vec![Command::CloseTunnel],
        Some(View::Contexts(_)) => vec![Command::Select, Command::NewContext, Command::Filter],
        Some(View::Families(_)) => vec![Command::Select, Command::Filter],
        Some(View::Revisions(_)) => vec![
            Command::ViewRevision,
            Command::MarkRevision,
            Command::DiffRevisions,
            Command::DeployRevision,
            Command::CopyArn,
            Command::Filter,
        ],
        Some(View::Revision(_)) => vec![
            Command::ToggleRaw,
            Command::DeployRevision,
            Command::CopyArn,
        ],
        Some(View::RevisionDiff(_)) => vec![Command::DeployRevision, Command::CopyArn],
        Some(View::LogGroups(_)) => vec![Command::Select, Command::OpenLogs, Command::Filter],
        Some(View::LogStreams(_)) => vec![
            Command::Select,
            Command::Mark,
            Command::OpenLogs,
            Command::Filter,
        ],
        Some(View::Logs(_)) => vec![
            Command::Search,
            Command::NextMatch,
            Command::FilterPattern,
            Command::StartAt,
            Command::Bottom,
            Command::ToggleWrap,
            Command::PrettyJson,
            Command::SaveLogs,
            Command::LiveTail,
        ],
        Some(v @ (View::Stacks(_) | View::Stack(_) | View::Timeline(_))) => super::stack::hints(v),
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
    hints.push(Command::Refresh);
    let always = [Command::Help, Command::Quit];
    let hint = |command: Command| {
        let key = state.keymap.key_for(command)?;
        let label = match command {
            Command::Select if matches!(state.view(), Some(View::Service(_))) => "tasks",
            Command::Select if matches!(state.view(), Some(View::LogStreams(_))) => "tail",
            Command::OpenLogs if matches!(state.view(), Some(View::LogStreams(_))) => {
                "tail marked/all"
            }
            c => c.hint(),
        };
        Some((key.to_string(), format!(" {label}  ")))
    };
    let cost = |(k, l): &(String, String)| k.chars().count() + l.chars().count();
    let tail: Vec<_> = always.iter().filter_map(|c| hint(*c)).collect();
    let mut room = usize::from(width).saturating_sub(1 + tail.iter().map(cost).sum::<usize>());
    let mut shown = Vec::new();
    for h in hints.into_iter().filter_map(hint) {
        if cost(&h) > room {
            break;
        }
        room -= cost(&h);
        shown.push(h);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, label) in shown.into_iter().chain(tail) {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(label, theme.muted));
    }
    Line::from(spans)
}
