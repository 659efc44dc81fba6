//! The logs pane (a live tail) and the log-group browser's two lists.

use std::collections::HashSet;

use super::live_tail::LiveTail;
use super::log_buffer::LogBuffer;
use super::{Load, Table, TextInput};
use crate::effect::RequestId;
use crate::model::log_tail::{LogScope, StartPoint, TailCursor, TailMethod};
use crate::model::{LogEvent, LogGroup, LogStream, LogTarget, Timestamp};

/// What the pane's one-line prompt is typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogPrompt {
    /// Client-side search (highlight, n/N).
    Search,
    /// CloudWatch filter pattern (re-queries).
    Pattern,
    /// Where the tail starts (re-queries).
    Start,
}

/// What the poll in flight reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PollRead {
    /// The next poll, continuing the cursor.
    #[default]
    Continue,
    /// Every stream again from a little before the old read ended (the mode changed).
    Window,
    /// Streams found while Live Tail runs, from the tail's start.
    Fresh,
}

#[derive(Debug, Clone)]
pub struct LogsView {
    pub scope: LogScope,
    /// Streams read so far (stopped tasks' streams stay).
    pub targets: Vec<LogTarget>,
    /// Streams found since the last poll, not read yet.
    pub fresh: Vec<LogTarget>,
    /// The fresh streams the poll in flight reads (they stop being fresh when it succeeds).
    pub fresh_sent: Vec<LogTarget>,
    /// Streams that did not exist at the last poll (a container that has not logged).
    pub missing: Vec<LogTarget>,
    /// Containers that have no awslogs stream, and why.
    pub notes: Vec<String>,
    /// Finding the streams of an ECS scope; repeats to pick up new tasks.
    pub discover: Load,
    /// The poll.
    pub load: Load,
    pub method: Option<TailMethod>,
    pub cursor: TailCursor,
    pub start: StartPoint,
    /// Where streams never read before start (ms since the epoch).
    pub start_ms: i64,
    /// Keep only the newest N once the first read is in ("last N" through FilterLogEvents).
    pub trim_to: Option<usize>,
    /// A CloudWatch filter pattern ("" for none).
    pub pattern: String,
    pub buffer: LogBuffer,
    /// Stay at the newest line as lines arrive.
    pub follow: bool,
    /// The selected event (an index into the buffer) while paused.
    pub selected: usize,
    /// Lines that arrived while paused.
    pub unseen: usize,
    pub utc: bool,
    pub tags: bool,
    pub wrap: bool,
    /// Pretty-print the selected event if it is JSON.
    pub pretty: bool,
    /// Client-side search ("" for none); smart case.
    pub search: String,
    /// Hide the lines that match the search instead of highlighting them.
    pub invert: bool,
    pub prompt: Option<(LogPrompt, TextInput)>,
    /// When the poll in flight was sent (the next one is timed from it).
    pub poll_started: Option<Timestamp>,
    /// When the newest line arrived (polls slow down when the tail is quiet).
    pub last_line_at: Option<Timestamp>,
    /// A save in progress.
    pub saving: Option<RequestId>,
    /// Live Tail (opt-in) and the mode indicator.
    pub live: LiveTail,
    /// What the poll in flight reads.
    pub poll_read: PollRead,
    /// When the last poll that succeeded was sent: events written before it are shown.
    pub read_until: Option<Timestamp>,
}

impl LogsView {
    pub fn new(scope: LogScope) -> Self {
        let targets = match &scope {
            LogScope::Streams { group, streams } => streams
                .iter()
                .map(|s| LogTarget {
                    group: group.clone(),
                    stream: s.clone(),
                })
                .collect(),
            _ => Vec::new(),
        };
        LogsView {
            scope,
            fresh: targets.clone(),
            fresh_sent: Vec::new(),
            targets,
            missing: Vec::new(),
            notes: Vec::new(),
            discover: Load::default(),
            load: Load::default(),
            method: None,
            cursor: TailCursor::default(),
            start: StartPoint::default(),
            start_ms: 0,
            trim_to: None,
            pattern: String::new(),
            buffer: LogBuffer::default(),
            follow: true,
            selected: 0,
            unseen: 0,
            utc: true,
            tags: true,
            wrap: false,
            pretty: false,
            search: String::new(),
            invert: false,
            prompt: None,
            poll_started: None,
            last_line_at: None,
            saving: None,
            live: LiveTail::default(),
            poll_read: PollRead::Continue,
            read_until: None,
        }
    }

    pub fn owns(&self, id: RequestId) -> bool {
        self.load.is_current(id)
            || self.discover.is_current(id)
            || self.saving == Some(id)
            || self.live.session == Some(id)
    }

    pub fn whole_group(&self) -> Option<&str> {
        match &self.scope {
            LogScope::Group { group } => Some(group),
            _ => None,
        }
    }

    /// The event the view ends at (the newest when following).
    pub fn anchor(&self) -> Option<usize> {
        if self.buffer.is_empty() {
            return None;
        }
        let last = self.buffer.len() - 1;
        if self.follow {
            (0..=last).rev().find(|&i| self.shown(i))
        } else {
            Some(self.selected.min(last))
        }
    }

    /// Is the event at `index` shown (not hidden by an inverted search)?
    pub fn shown(&self, index: usize) -> bool {
        !self.invert
            || self.search.is_empty()
            || self.buffer.get(index).is_some_and(|e| !self.matches(e))
    }

    /// Does the event contain the search text? Smart case: all lower case ignores case.
    pub fn matches(&self, event: &LogEvent) -> bool {
        !self.search.is_empty() && find(&event.text, &self.search).is_some()
    }

    /// Move the selection by `delta` shown events; moving past the newest follows again.
    pub fn move_by(&mut self, delta: isize) {
        let Some(from) = self.anchor() else {
            return;
        };
        let last = self.buffer.len() - 1;
        let mut at = from;
        let mut left = delta.unsigned_abs();
        while left > 0 {
            let next = if delta < 0 {
                (0..at).rev().find(|&i| self.shown(i))
            } else {
                (at + 1..=last).find(|&i| self.shown(i))
            };
            match next {
                Some(i) => at = i,
                None if delta > 0 => return self.follow_end(),
                None => break,
            }
            left -= 1;
        }
        self.follow = false;
        self.selected = at;
    }

    pub fn follow_end(&mut self) {
        self.follow = true;
        self.unseen = 0;
        self.selected = self.buffer.len().saturating_sub(1);
    }

    /// Select the next (or previous) event that matches the search.
    pub fn jump(&mut self, forward: bool) -> bool {
        let Some(from) = self.anchor() else {
            return false;
        };
        let hit = if forward {
            (from + 1..self.buffer.len()).find(|&i| self.hit(i))
        } else {
            (0..from).rev().find(|&i| self.hit(i))
        };
        match hit {
            Some(i) => {
                self.follow = false;
                self.selected = i;
                true
            }
            None => false,
        }
    }

    fn hit(&self, index: usize) -> bool {
        self.buffer.get(index).is_some_and(|e| self.matches(e))
    }
}

/// Byte range of the first match of `needle` in `hay`. Smart case: a needle with no
/// upper-case letter matches ignoring ASCII case.
pub fn find(hay: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    if needle.chars().any(char::is_uppercase) {
        return hay.find(needle).map(|i| (i, i + needle.len()));
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len())
        .filter(|&i| hay.is_char_boundary(i) && hay.is_char_boundary(i + n.len()))
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
        .map(|i| (i, i + n.len()))
}

#[derive(Debug, Clone, Default)]
pub struct LogGroupsView {
    pub table: Table<LogGroup>,
    pub load: Load,
}

#[derive(Debug, Clone, Default)]
pub struct LogStreamsView {
    pub group: String,
    pub table: Table<LogStream>,
    pub load: Load,
    /// Streams marked to tail together.
    pub marked: HashSet<String>,
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn view(lines: &[&str]) -> LogsView {
        let mut v = LogsView::new(LogScope::Group { group: "g".into() });
        let events = lines
            .iter()
            .enumerate()
            .map(|(i, l)| LogEvent::ingest(i as i64, Arc::from("s"), l))
            .collect();
        let mut anchor = 0;
        v.buffer.insert(events, &mut anchor);
        v
    }

    #[test]
    fn search_is_smart_case_and_jumps_between_matches() {
        assert_eq!(find("GET /Health 200", "health"), Some((5, 11)));
        assert_eq!(find("GET /Health 200", "health2"), None);
        assert_eq!(find("GET /Health 200", "Health"), Some((5, 11)));
        assert_eq!(find("GET /health 200", "Health"), None);
        assert_eq!(find("é health", "health"), Some((3, 9)));

        let mut v = view(&["ERROR a", "ok", "error b", "ok", "ok"]);
        v.search = "error".into();
        assert!(v.jump(false));
        assert_eq!((v.follow, v.selected), (false, 2));
        assert!(v.jump(false));
        assert_eq!(v.selected, 0);
        assert!(!v.jump(false), "no earlier match");
        assert!(v.jump(true));
        assert_eq!(v.selected, 2);
    }

    #[test]
    fn inverted_search_hides_matching_lines_from_moves() {
        let mut v = view(&["GET /health", "boom", "GET /health", "GET /health"]);
        v.search = "/health".into();
        v.invert = true;
        assert_eq!(v.anchor(), Some(1), "the newest shown line is the anchor");
        v.move_by(-1);
        assert_eq!(v.selected, 1);
        v.move_by(1);
        assert!(v.follow, "moving past the newest shown line follows again");
    }

    #[test]
    fn scrolling_back_pauses_and_the_end_resumes_following() {
        let mut v = view(&["1", "2", "3"]);
        v.move_by(-1);
        assert!(!v.follow);
        assert_eq!(v.selected, 1);
        v.unseen = 4;
        v.follow_end();
        assert!(v.follow && v.unseen == 0);
    }
}
