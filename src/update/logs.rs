//! The logs pane and the log-group browser: opening a tail for what is selected,
//! polling while the pane is shown (adaptive: about a second while lines flow,
//! slower when quiet), rediscovering an ECS scope's streams, the pane's keys and
//! prompts, and results into the pane.

use std::time::Duration;

use crossterm::event::KeyEvent;

use super::live_tail;
use super::navigation::push;
use crate::action::Loaded;
use crate::effect::{Effect, Request, RequestId};
use crate::keymap::Command;
use crate::model::log_overlap::{Overlap, Read};
use crate::model::log_tail::{LogScope, StartPoint, TailMethod};
use crate::model::{LogEvent, LogQuery, LogTarget, Timestamp};
use crate::state::{
    Edit, LogGroupsView, LogPrompt, LogStreamsView, LogsView, NoticeKind, PollRead, State,
    TextInput, View,
};

/// How often an ECS scope's streams are looked for again (new tasks of a deploy).
pub const DISCOVER_EVERY: Duration = Duration::from_secs(10);
/// "Last N" through FilterLogEvents looks this far back.
const LAST_N_LOOKBACK_MS: i64 = 10 * 60 * 1000;
/// FilterLogEvents takes at most this many stream names per call; a tail of
/// marked or filtered streams is capped here.
const MAX_NAMED_STREAMS: usize = 100;

/// The next poll's delay: about a second while lines flow, slower when quiet.
pub fn poll_interval(now: Timestamp, last_line_at: Option<Timestamp>) -> Duration {
    // Nothing yet: a middle pace until the first line shows the tail is alive.
    let quiet = last_line_at.map_or(60, |t| (now - t).num_seconds());
    match quiet {
        q if q < 30 => Duration::from_secs(1),
        q if q < 300 => Duration::from_secs(2),
        _ => Duration::from_secs(4),
    }
}

pub fn logs_view(scope: LogScope, now: Timestamp) -> View {
    let mut v = LogsView::new(scope);
    reset_tail(&mut v, now);
    View::Logs(Box::new(v))
}

/// A logs pane as this session opens them (Live Tail asked for with `--live-tail`).
pub fn pane(state: &State, scope: LogScope) -> View {
    let mut view = logs_view(scope, state.now);
    if let View::Logs(v) = &mut view {
        v.live.wanted = state.settings.live_tail;
    }
    view
}

pub fn streams_view(group: &str) -> View {
    let mut view = LogStreamsView {
        group: group.to_string(),
        ..Default::default()
    };
    // Most recently written first: the streams people want to tail.
    view.table.sort_column = 1;
    View::LogStreams(view)
}

/// Forget what was read and start again from the start point (a new pattern or start).
fn reset_tail(v: &mut LogsView, now: Timestamp) {
    v.buffer.clear();
    v.cursor = Default::default();
    v.method = None;
    v.fresh = v.targets.clone();
    v.fresh_sent.clear();
    v.missing.clear();
    let now_ms = now.timestamp_millis();
    (v.start_ms, v.trim_to) = match v.start {
        StartPoint::Last(n) => (now_ms - LAST_N_LOOKBACK_MS, Some(n)),
        StartPoint::Since(secs) => (now_ms - secs * 1000, None),
        StartPoint::At(t) => (t.timestamp_millis(), None),
    };
    v.last_line_at = None;
    v.read_until = None;
    v.poll_read = PollRead::Continue;
    v.follow_end();
}

/// Start what the logs pane needs now: discovery when due, a Live Tail session
/// when asked for and due, and a poll unless one is on its way (or Live Tail
/// pushes the events). Called on every due tick, on refresh, and when the pane opens.
pub fn fetch(state: &mut State, fx: &mut Vec<Effect>) {
    let now = state.now;
    let mut next_id = state.next_request;
    let (account, region) = (
        state.identity.account.clone(),
        state.identity.region.clone(),
    );
    let Some(View::Logs(v)) = state.views.last_mut() else {
        return;
    };
    if v.scope.needs_discovery() && v.discover.due(now) {
        v.discover.start(next_id);
        fx.push(Effect::Fetch {
            id: next_id,
            request: Request::LogTargets(v.scope.clone()),
        });
        next_id += 1;
    }
    live_tail::expire_overlap(v, now);
    let notice = live_tail::start_if_due(v, &account, &region, &mut next_id, fx);
    let readable = !v.targets.is_empty() || v.whole_group().is_some();
    if v.load.in_flight.is_none() && readable {
        if let Some((read, query)) = next_read(v) {
            v.fresh_sent = query.fresh.clone();
            v.poll_read = read;
            v.load.start(next_id);
            v.poll_started = Some(now);
            fx.push(Effect::Fetch {
                id: next_id,
                request: Request::LogEvents(Box::new(query)),
            });
            next_id += 1;
        }
    }
    state.next_request = next_id;
    if let Some((kind, text)) = notice {
        state.notify(kind, text);
    }
}

/// After a result: a logs pane whose next read is due now (more was waiting, a new
/// stream was found, Live Tail started or stopped) reads at once, not at the next tick.
pub fn read_on(state: &mut State, fx: &mut Vec<Effect>) {
    let now = state.now;
    if matches!(state.view(), Some(View::Logs(v)) if v.load.due(now)) {
        fetch(state, fx);
    }
}

/// The next read: one that closes a gap when the mode changed, the new streams
/// while Live Tail runs, or the next poll when polling.
fn next_read(v: &mut LogsView) -> Option<(PollRead, LogQuery)> {
    let method = match v.method {
        Some(m) => m,
        None => TailMethod::choose(v.targets.len(), v.whole_group().is_some(), &v.pattern),
    };
    v.method = Some(method);
    let mut query = LogQuery {
        method,
        targets: v.targets.clone(),
        whole_group: v.whole_group().map(str::to_string),
        fresh: v.fresh.clone(),
        pattern: v.pattern.clone(),
        start_ms: v.start_ms,
        last: match v.start {
            StartPoint::Last(n) if v.cursor == Default::default() => Some(n),
            _ => None,
        },
        cursor: v.cursor.clone(),
    };
    if let Some(from) = v.live.window_from {
        // Every stream again from a little before the old read ended.
        query.start_ms = from.max(v.start_ms);
        query.fresh = v.targets.clone();
        query.last = None;
        query.cursor = Default::default();
        return Some((PollRead::Window, query));
    }
    if !v.live.is_live() {
        return Some((PollRead::Continue, query));
    }
    // Live Tail pushes new events; streams found since it started are read once
    // from the tail's start, when no other overlap is being settled.
    if v.fresh.is_empty() || v.live.overlap.is_some() {
        return None;
    }
    let fresh = v.fresh.clone();
    v.live.overlap = Some(Overlap::new(
        v.start_ms,
        v.buffer
            .iter()
            .filter(|e| fresh.iter().any(|t| *t.stream == *e.stream)),
    ));
    v.live.overlap_until = None;
    query.targets = fresh.clone();
    query.whole_group = None;
    query.fresh = fresh;
    query.last = None;
    query.cursor = Default::default();
    Some((PollRead::Fresh, query))
}

/// A result for the logs pane; returns a footer notice to show, if any.
pub fn apply(
    v: &mut LogsView,
    id: RequestId,
    loaded: Loaded,
    now: Timestamp,
) -> Option<(NoticeKind, String)> {
    match loaded {
        Loaded::LogTargets(Ok(found)) if v.discover.is_current(id) => {
            for target in found.targets {
                if !v.targets.contains(&target) {
                    v.targets.push(target.clone());
                    v.fresh.push(target);
                    // Read a new task's stream at the next tick, however quiet the tail was.
                    if v.load.in_flight.is_none() {
                        v.load.next_at = Some(now);
                    }
                }
            }
            v.notes = found.notes;
            v.discover.succeeded(now, DISCOVER_EVERY);
        }
        Loaded::LogTargets(Err(e)) if v.discover.is_current(id) => {
            v.discover.failed(now, DISCOVER_EVERY, e, id);
        }
        Loaded::LogEvents(Ok(batch)) if v.load.is_current(id) => {
            // The streams this poll read for the first time are no longer fresh; one
            // found while it was on its way, or not created yet (GetLogEvents), still is.
            let sent = std::mem::take(&mut v.fresh_sent);
            let read = |t: &LogTarget| match v.method {
                Some(TailMethod::PerStream) => batch.cursor.tokens.contains_key(t),
                _ => true,
            };
            let done: Vec<LogTarget> = sent.into_iter().filter(|t| read(t)).collect();
            v.fresh.retain(|t| !done.contains(t));
            let poll_read = std::mem::replace(&mut v.poll_read, PollRead::Continue);
            // A read of the new streams alone says nothing of the others.
            if poll_read != PollRead::Fresh {
                v.cursor = batch.cursor;
                v.read_until = v.poll_started;
            }
            v.missing = batch.missing;
            let events = match v.live.overlap.as_mut() {
                Some(overlap) => overlap.filter(Read::Poll, batch.events),
                None => batch.events,
            };
            show(v, events, now);
            // "Last N": keep the newest N until the first read has caught up (a window
            // can take several polls when an endpoint truncates instead of paging).
            if let Some(n) = v.trim_to {
                v.buffer.keep_last(n);
                if !batch.more {
                    v.trim_to = None;
                }
                if v.follow {
                    v.selected = v.buffer.len().saturating_sub(1);
                }
            }
            if poll_read != PollRead::Continue && !batch.more {
                live_tail::read_settled(v, poll_read, now);
            }
            let every = if batch.more {
                Duration::ZERO
            } else {
                poll_interval(now, v.last_line_at)
            };
            v.load.succeeded(now, every);
            // Time the next poll from when this one was sent, so a 1 s cadence keeps
            // to the 1 s clock instead of slipping a tick.
            let started = v.poll_started.unwrap_or(now);
            v.load.next_at = Some(started + every - Duration::from_millis(100).min(every));
        }
        Loaded::LogEvents(Err(e)) if v.load.is_current(id) => {
            let every = poll_interval(now, v.last_line_at);
            v.load.failed(now, every, e, id);
        }
        Loaded::LogsSaved(result) if v.saving == Some(id) => {
            v.saving = None;
            return Some(match result {
                Ok(path) => (NoticeKind::Success, format!("saved to {path}")),
                Err(e) => (NoticeKind::Error, format!("could not save: {e}")),
            });
        }
        Loaded::LiveTail(report) if v.live.session == Some(id) => {
            return live_tail::report(v, report, now);
        }
        other => tracing::debug!(?id, kind = ?std::mem::discriminant(&other), "stale logs result"),
    }
    None
}

/// New events into the pane: appended in time order; the view stays at the end
/// when following, else stays put and counts them.
pub(super) fn show(v: &mut LogsView, events: Vec<LogEvent>, now: Timestamp) {
    let arrived = events.len();
    if arrived > 0 {
        v.last_line_at = Some(now);
    }
    let mut anchor = v.selected;
    v.buffer.insert(events, &mut anchor);
    if v.follow {
        v.selected = v.buffer.len().saturating_sub(1);
    } else {
        v.selected = anchor;
        v.unseen += arrived;
    }
}

/// `l` (open logs), `space` (mark) and `L` (log groups).
pub fn open(state: &mut State, command: Command, fx: &mut Vec<Effect>) {
    if command == Command::LogGroups {
        return push(state, View::LogGroups(LogGroupsView::default()), fx);
    }
    if command == Command::Mark {
        if let Some(View::LogStreams(v)) = state.view_mut() {
            if let Some(name) = v.table.selected().map(|s| s.name.clone()) {
                if !v.marked.remove(&name) {
                    v.marked.insert(name);
                }
                v.table.move_by(1);
            }
        }
        return;
    }
    let scope = match state.view() {
        Some(View::Services(v)) => v.table.selected().map(|s| LogScope::Service {
            cluster: v.cluster.clone(),
            service: s.name.clone(),
        }),
        Some(View::Service(v)) => Some(LogScope::Service {
            cluster: v.cluster.clone(),
            service: v.name.clone(),
        }),
        Some(View::Tasks(v)) => v.table.selected().map(|t| LogScope::Task {
            cluster: v.cluster.clone(),
            task_arn: t.arn.clone(),
        }),
        Some(View::Containers(v)) => v.table.selected().map(|c| LogScope::Container {
            cluster: v.cluster.clone(),
            task_arn: v.task_arn.clone(),
            container: c.name.clone(),
        }),
        Some(View::LogGroups(v)) => v.table.selected().map(|g| LogScope::Group {
            group: g.name.clone(),
        }),
        Some(View::LogStreams(v)) => Some(streams_scope(v)),
        _ => None,
    };
    if let Some(scope) = scope {
        push(state, pane(state, scope), fx);
    }
}

/// Marked streams; else the streams the filter shows; else the whole group.
fn streams_scope(v: &LogStreamsView) -> LogScope {
    let mut streams: Vec<String> = if !v.marked.is_empty() {
        v.table
            .rows()
            .iter()
            .filter(|s| v.marked.contains(&s.name))
            .map(|s| s.name.clone())
            .collect()
    } else if !v.table.filter.is_empty() {
        (0..v.table.len())
            .filter_map(|i| v.table.visible_row(i))
            .map(|s| s.name.clone())
            .collect()
    } else {
        return LogScope::Group {
            group: v.group.clone(),
        };
    };
    streams.truncate(MAX_NAMED_STREAMS);
    LogScope::Streams {
        group: v.group.clone(),
        streams,
    }
}

/// Enter in the browser: a group's streams, or tail the selected stream.
pub fn select(state: &State) -> Option<View> {
    match state.view() {
        Some(View::LogGroups(v)) => v.table.selected().map(|g| streams_view(&g.name)),
        Some(View::LogStreams(v)) => v.table.selected().map(|s| {
            pane(
                state,
                LogScope::Streams {
                    group: v.group.clone(),
                    streams: vec![s.name.clone()],
                },
            )
        }),
        _ => None,
    }
}

/// The pane's own commands.
pub fn command(state: &mut State, command: Command, fx: &mut Vec<Effect>) {
    let next_id = state.next_request;
    let now = state.now;
    let Some(View::Logs(v)) = state.view_mut() else {
        return;
    };
    let mut notice = None;
    match command {
        Command::Search => v.prompt = Some((LogPrompt::Search, TextInput::new(&v.search))),
        Command::FilterPattern => v.prompt = Some((LogPrompt::Pattern, TextInput::new(&v.pattern))),
        Command::StartAt => v.prompt = Some((LogPrompt::Start, TextInput::new(&v.start.text()))),
        Command::NextMatch | Command::PrevMatch => {
            if v.search.is_empty() {
                notice = Some((NoticeKind::Info, "no search: press / first".to_string()));
            } else if !v.jump(command == Command::NextMatch) {
                notice = Some((
                    NoticeKind::Info,
                    format!("no more matches for '{}'", v.search),
                ));
            }
        }
        Command::InvertSearch => {
            v.invert = !v.invert;
            if v.search.is_empty() {
                notice = Some((NoticeKind::Info, "no search: press / first".to_string()));
            }
        }
        Command::ToggleTime => v.utc = !v.utc,
        Command::ToggleTags => v.tags = !v.tags,
        Command::ToggleWrap => v.wrap = !v.wrap,
        Command::PrettyJson => {
            v.pretty = !v.pretty;
            // Inspecting a line pauses on it, so it does not scroll away.
            if v.pretty && v.follow {
                if let Some(last) = v.anchor() {
                    v.follow = false;
                    v.selected = last;
                }
            }
        }
        Command::SaveLogs => {
            let text = saved_text(v);
            let name = format!("{}-{}", v.scope.label(), now.format("%Y%m%dT%H%M%SZ"));
            v.saving = Some(next_id);
            fx.push(Effect::Fetch {
                id: next_id,
                request: Request::SaveLogs { name, text },
            });
            state.next_request += 1;
        }
        _ => {}
    }
    if let Some((kind, text)) = notice {
        state.notify(kind, text);
    }
}

/// The lines shown (an inverted search leaves out what it hides), one per line of text.
fn saved_text(v: &LogsView) -> String {
    let mut out = String::new();
    for (i, e) in v.buffer.iter().enumerate() {
        if !v.shown(i) {
            continue;
        }
        let time = e
            .time()
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
            .unwrap_or_default();
        out.push_str(&format!("{time} {} {}\n", e.stream, e.text));
    }
    out
}

/// Typing into the pane's prompt.
pub fn prompt_key(state: &mut State, key: KeyEvent, fx: &mut Vec<Effect>) {
    let now = state.now;
    let Some(View::Logs(v)) = state.view_mut() else {
        return;
    };
    let Some((kind, input)) = v.prompt.as_mut() else {
        return;
    };
    let kind = *kind;
    let edit = input.handle(key);
    let text = input.text().trim().to_string();
    let mut restart = false;
    let mut notice = None;
    match (kind, edit) {
        // Search highlights as you type.
        (LogPrompt::Search, Edit::Changed) => v.search = text,
        (LogPrompt::Search, Edit::Submit) => {
            v.search = text;
            v.prompt = None;
        }
        (LogPrompt::Search, Edit::Cancel) => {
            v.search.clear();
            v.invert = false;
            v.prompt = None;
        }
        (LogPrompt::Pattern, Edit::Submit) => {
            v.prompt = None;
            if v.pattern != text {
                v.pattern = text;
                restart = true;
            }
        }
        (LogPrompt::Start, Edit::Submit) => match StartPoint::parse(&text, now) {
            Some(start) => {
                v.prompt = None;
                v.start = start;
                restart = true;
            }
            None => {
                notice = Some(format!(
                    "'{text}' is not a start: try 500 (lines), 5m, 1h, 14:05 or 2026-11-23 14:05"
                ))
            }
        },
        (_, Edit::Cancel) => v.prompt = None,
        _ => {}
    }
    if restart {
        if let Some(id) = v.load.in_flight.take() {
            fx.push(Effect::Cancel(id));
        }
        v.load = Default::default();
        live_tail::reset(v, fx);
        reset_tail(v, now);
        fetch(state, fx);
    }
    if let Some(text) = notice {
        state.notify(NoticeKind::Warning, text);
    }
}

#[cfg(test)]
mod tests;
