//! Live Tail in the logs pane: a session starts once the first read is in (Live
//! Tail pushes only new events); its pushes join the pane; when it can't start or
//! breaks, the pane polls again, from a little before the last push, showing
//! each event once (see `model::log_overlap`). Leaving the pane ends the session
//! (it is billed per minute); coming back starts another.

use std::time::Duration;

use super::logs::show;
use crate::effect::{Effect, Request, RequestId};
use crate::model::live_tail::{LiveTailPlan, LiveTailReport};
use crate::model::log_overlap::{Overlap, Read, GAP_LOOKBACK_MS};
use crate::model::Timestamp;
use crate::state::{LiveMode, LiveTail, LogsView, NoticeKind, PollRead, State, View};

/// How long after an overlapping read Live Tail may still push the same events.
const SETTLE: Duration = Duration::from_secs(10);

pub const BILLING: &str = "AWS bills Live Tail per session-minute";

/// Start a session when Live Tail is wanted and the first read is in; start
/// another when the streams changed (a new task) so the session covers them.
pub fn start_if_due(
    v: &mut LogsView,
    account: &str,
    region: &str,
    next_id: &mut RequestId,
    fx: &mut Vec<Effect>,
) -> Option<(NoticeKind, String)> {
    if !v.live.wanted || v.targets.is_empty() && v.whole_group().is_none() {
        return None;
    }
    let plan = LiveTailPlan::for_tail(&v.scope, &v.targets, &v.pattern, account, region);
    if let Some(running) = v.live.session {
        if plan.as_ref().ok() == v.live.plan.as_ref() {
            return None;
        }
        // The streams changed: this session no longer covers the tail.
        fx.push(Effect::Cancel(running));
        stop(v, LiveMode::Polling);
    }
    // Live Tail pushes only new events: the first read (and any gap read) goes first.
    let first_read_in =
        v.read_until.is_some() && v.trim_to.is_none() && v.live.window_from.is_none();
    if v.live.mode != LiveMode::Polling || !first_read_in {
        return None;
    }
    match plan {
        Ok(plan) => {
            fx.push(Effect::Fetch {
                id: *next_id,
                request: Request::LiveTail(Box::new(plan.clone())),
            });
            v.live.session = Some(*next_id);
            v.live.plan = Some(plan);
            v.live.mode = LiveMode::Connecting;
            *next_id += 1;
            None
        }
        Err(why) => {
            v.live.mode = LiveMode::Unavailable(why.clone());
            Some((
                NoticeKind::Warning,
                format!("Live Tail can't serve this tail: {why}; polling instead"),
            ))
        }
    }
}

/// A report of the pane's session.
pub fn report(
    v: &mut LogsView,
    report: LiveTailReport,
    now: Timestamp,
) -> Option<(NoticeKind, String)> {
    match report {
        LiveTailReport::Started => {
            v.live.mode = LiveMode::Live { since: now };
            v.live.last_push = None;
            // Close the gap between the last poll and the session's start.
            let from = v.read_until.unwrap_or(now).timestamp_millis() - GAP_LOOKBACK_MS;
            open_window(v, from);
            Some((
                NoticeKind::Success,
                format!("Live Tail on: lines arrive as they are written ({BILLING}; T stops it)"),
            ))
        }
        LiveTailReport::Events { events, sampled } => {
            v.live.last_push = Some(now);
            v.live.sampled = sampled;
            // Whole groups are tailed when the streams span several: keep the pane's own.
            let whole_group = v.whole_group().is_some();
            let mut events: Vec<_> = events
                .into_iter()
                .filter(|e| whole_group || v.targets.iter().any(|t| *t.stream == *e.stream))
                .collect();
            if let Some(overlap) = v.live.overlap.as_mut() {
                events = overlap.filter(Read::Live, events);
            }
            show(v, events, now);
            None
        }
        LiveTailReport::Ended(error) => {
            let why = error.summary();
            stop(v, LiveMode::Unavailable(why.clone()));
            Some((
                NoticeKind::Warning,
                format!("Live Tail stopped, polling instead (T tries again): {why}"),
            ))
        }
    }
}

/// The session is over (its request already ended or cancelled). If it was
/// pushing, polling takes over: every stream again from a little before the last
/// push (or the session's start).
fn stop(v: &mut LogsView, mode: LiveMode) {
    if let LiveMode::Live { since } = v.live.mode {
        let last = v.live.last_push.unwrap_or(since);
        open_window(v, last.timestamp_millis() - GAP_LOOKBACK_MS);
    }
    v.live.session = None;
    v.live.plan = None;
    v.live.mode = mode;
}

/// A read of every stream from `from_ms` is due now; what it brings twice is dropped.
fn open_window(v: &mut LogsView, from_ms: i64) {
    // Streams found since the last read are read from the tail's start, like any new stream.
    let from = if v.fresh.is_empty() {
        from_ms.max(v.start_ms)
    } else {
        v.start_ms
    };
    v.live.window_from = Some(from);
    v.live.overlap = Some(Overlap::new(from, v.buffer.iter()));
    v.live.overlap_until = None;
    // A poll on its way read from the old cursor: its result is no longer wanted.
    v.load.in_flight = None;
    v.poll_read = PollRead::Continue;
    v.load.next_at = None;
}

/// A gap-closing read (or a read of new streams) is done.
pub fn read_settled(v: &mut LogsView, read: PollRead, now: Timestamp) {
    if read == PollRead::Window {
        v.live.window_from = None;
    }
    v.live.overlap_until = Some(now + SETTLE);
}

/// Forget the overlap once its reads are done and Live Tail had time to push.
pub fn expire_overlap(v: &mut LogsView, now: Timestamp) {
    if v.live.overlap_until.is_some_and(|t| t <= now) && v.load.in_flight.is_none() {
        v.live.overlap = None;
        v.live.overlap_until = None;
    }
}

/// The pane is left or re-queried: its session ends (it is billed per minute).
/// Coming back starts another once the gap is read.
pub fn suspend(v: &mut LogsView, fx: &mut Vec<Effect>) {
    if let Some(id) = v.live.session {
        fx.push(Effect::Cancel(id));
        stop(v, LiveMode::Polling);
    }
}

/// Forget everything of the old session (a new pattern or start re-reads from scratch).
pub fn reset(v: &mut LogsView, fx: &mut Vec<Effect>) {
    if let Some(id) = v.live.session.take() {
        fx.push(Effect::Cancel(id));
    }
    v.live = LiveTail {
        wanted: v.live.wanted,
        ..LiveTail::default()
    };
}

/// The pane's Live Tail key: on (or try again) / off.
pub fn toggle(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(View::Logs(v)) = state.view_mut() else {
        return;
    };
    let text = if v.live.session.is_some() || v.live.wanted && v.live.mode == LiveMode::Polling {
        suspend(v, fx);
        v.live.wanted = false;
        v.live.mode = LiveMode::Polling;
        "Live Tail off: polling (the session ended, so did its billing)".to_string()
    } else {
        v.live.wanted = true;
        v.live.mode = LiveMode::Polling;
        format!("Live Tail: starting a session ({BILLING})")
    };
    state.notify(NoticeKind::Info, text);
    super::logs::fetch(state, fx);
}
