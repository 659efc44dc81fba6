//! The events a logs pane holds: in time order, bounded (the oldest go first and
//! are counted), with an anchor (the selected event) that stays on its event while
//! lines arrive and old ones are evicted.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::LogEvent;

/// Events kept per pane unless configured otherwise (`--log-buffer`).
pub const DEFAULT_CAPACITY: usize = 100_000;

/// `--log-buffer`, set once at start-up before any pane opens.
static CAPACITY: AtomicUsize = AtomicUsize::new(DEFAULT_CAPACITY);

pub fn set_default_capacity(events: usize) {
    CAPACITY.store(events.max(1), Ordering::Relaxed);
}

#[derive(Debug, Clone)]
pub struct LogBuffer {
    events: VecDeque<LogEvent>,
    pub capacity: usize,
    /// Old events evicted to make room.
    pub dropped: u64,
}

impl Default for LogBuffer {
    fn default() -> Self {
        LogBuffer::with_capacity(CAPACITY.load(Ordering::Relaxed))
    }
}

impl LogBuffer {
    pub fn with_capacity(capacity: usize) -> Self {
        LogBuffer {
            events: VecDeque::new(),
            capacity: capacity.max(1),
            dropped: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&LogEvent> {
        self.events.get(index)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &LogEvent> {
        self.events.iter()
    }

    pub fn clear(&mut self) {
        self.events.clear();
        self.dropped = 0;
    }

    /// The newest timestamp held.
    pub fn newest(&self) -> Option<i64> {
        self.events.back().map(|e| e.timestamp)
    }

    /// Insert events (in time order) where their timestamps put them: usually at the
    /// end; an event that reached CloudWatch late from another stream goes before
    /// newer ones. `anchor` (an index) keeps pointing at the same event.
    pub fn insert(&mut self, batch: Vec<LogEvent>, anchor: &mut usize) {
        for event in batch {
            if self
                .events
                .back()
                .is_none_or(|last| last.timestamp <= event.timestamp)
            {
                self.events.push_back(event);
                continue;
            }
            let at = self
                .events
                .partition_point(|e| e.timestamp <= event.timestamp);
            if at <= *anchor && !self.events.is_empty() {
                *anchor += 1;
            }
            self.events.insert(at, event);
        }
        let over = self.events.len().saturating_sub(self.capacity);
        if over > 0 {
            self.events.drain(..over);
            self.dropped += over as u64;
            *anchor = anchor.saturating_sub(over);
        }
    }

    /// Keep only the newest `n` (the first read of a "last N" tail).
    pub fn keep_last(&mut self, n: usize) {
        let over = self.events.len().saturating_sub(n);
        self.events.drain(..over);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn event(ts: i64, text: &str) -> LogEvent {
        LogEvent::ingest(ts, Arc::from("s"), text)
    }

    fn texts(b: &LogBuffer) -> Vec<String> {
        b.iter().map(|e| e.text.to_string()).collect()
    }

    #[test]
    fn late_events_are_interleaved_by_time_and_the_anchor_follows_its_event() {
        let mut b = LogBuffer::with_capacity(10);
        let mut anchor = 0;
        b.insert(vec![event(1, "a"), event(5, "c")], &mut anchor);
        anchor = 1; // "c" selected
        b.insert(vec![event(3, "b"), event(7, "d")], &mut anchor);
        assert_eq!(texts(&b), ["a", "b", "c", "d"]);
        assert_eq!(b.get(anchor).map(|e| &*e.text), Some("c"));
        // Equal timestamps keep arrival order.
        b.insert(vec![event(5, "c2")], &mut anchor);
        assert_eq!(texts(&b), ["a", "b", "c", "c2", "d"]);
    }

    #[test]
    fn a_full_buffer_drops_the_oldest_and_counts_them_never_the_new() {
        let mut b = LogBuffer::with_capacity(3);
        let mut anchor = 2;
        b.insert(
            (0..5).map(|i| event(i, &i.to_string())).collect(),
            &mut anchor,
        );
        assert_eq!(texts(&b), ["2", "3", "4"]);
        assert_eq!(b.dropped, 2);
        assert_eq!(anchor, 0);
        b.keep_last(1);
        assert_eq!(texts(&b), ["4"]);
    }
}
