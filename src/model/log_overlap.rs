//! When a tail changes how it reads (polling → Live Tail, Live Tail → polling), the
//! new read starts a little before the old one ended so nothing falls in the gap.
//! The same event can then arrive twice, from two reads that share no event ids
//! (Live Tail events have none). `Overlap` admits an event once across reads,
//! while keeping genuine repeats within one read (two identical lines in the
//! same millisecond are two lines).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::LogEvent;

/// How far before the old read ended the new one starts: events reach CloudWatch
/// up to a few seconds after their timestamp, so both reads' last moments overlap.
pub const GAP_LOOKBACK_MS: i64 = 15_000;

/// Which read an event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Already on screen when the overlap began.
    Shown,
    /// A poll (GetLogEvents / FilterLogEvents).
    Poll,
    /// A Live Tail session.
    Live,
}

impl Read {
    fn index(self) -> usize {
        match self {
            Read::Shown => 0,
            Read::Poll => 1,
            Read::Live => 2,
        }
    }
}

/// Events of a shared time window, counted per read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlap {
    /// Events older than this can't be in two reads.
    pub from_ms: i64,
    counts: HashMap<u64, [u32; 3]>,
}

impl Overlap {
    /// An overlap from `from_ms`, knowing the events already shown.
    pub fn new<'a>(from_ms: i64, shown: impl IntoIterator<Item = &'a LogEvent>) -> Overlap {
        let mut overlap = Overlap {
            from_ms,
            counts: HashMap::new(),
        };
        for e in shown {
            if e.timestamp >= from_ms {
                overlap.counts.entry(fingerprint(e)).or_default()[0] += 1;
            }
        }
        overlap
    }

    /// Should this event be shown? False when another read already brought it
    /// (that copy is used up, so a genuine repeat is still shown).
    pub fn admit(&mut self, read: Read, event: &LogEvent) -> bool {
        if event.timestamp < self.from_ms {
            return true;
        }
        let counts = self.counts.entry(fingerprint(event)).or_default();
        let own = read.index();
        if let Some(other) = (0..3).find(|&i| i != own && counts[i] > 0) {
            counts[other] -= 1;
            return false;
        }
        counts[own] += 1;
        true
    }

    /// Keep the events of a batch that no other read brought.
    pub fn filter(&mut self, read: Read, events: Vec<LogEvent>) -> Vec<LogEvent> {
        events.into_iter().filter(|e| self.admit(read, e)).collect()
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// The same event read twice has the same time, stream and text.
fn fingerprint(e: &LogEvent) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    e.timestamp.hash(&mut h);
    e.stream.hash(&mut h);
    e.text.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn event(ts: i64, stream: &str, text: &str) -> LogEvent {
        LogEvent::ingest(ts, Arc::from(stream), text)
    }

    #[test]
    fn an_event_two_reads_bring_is_shown_once() {
        let shown = [event(100, "a", "one")];
        let mut o = Overlap::new(50, &shown);
        assert!(
            !o.admit(Read::Poll, &event(100, "a", "one")),
            "already shown"
        );
        assert!(o.admit(Read::Live, &event(200, "a", "two")));
        assert!(
            !o.admit(Read::Poll, &event(200, "a", "two")),
            "live brought it"
        );
        assert!(o.admit(Read::Poll, &event(300, "a", "three")));
        assert!(
            !o.admit(Read::Live, &event(300, "a", "three")),
            "the poll brought it"
        );
    }

    #[test]
    fn identical_lines_within_one_read_are_all_kept() {
        let mut o = Overlap::new(0, &[]);
        assert!(o.admit(Read::Live, &event(10, "a", "retry")));
        assert!(
            o.admit(Read::Live, &event(10, "a", "retry")),
            "a genuine repeat"
        );
        // The poll brings both copies too: both are duplicates, a third is not.
        assert!(!o.admit(Read::Poll, &event(10, "a", "retry")));
        assert!(!o.admit(Read::Poll, &event(10, "a", "retry")));
        assert!(o.admit(Read::Poll, &event(10, "a", "retry")));
    }

    #[test]
    fn same_text_on_another_stream_or_time_is_another_event() {
        let mut o = Overlap::new(0, &[event(10, "a", "x")]);
        assert!(o.admit(Read::Poll, &event(10, "b", "x")));
        assert!(o.admit(Read::Poll, &event(11, "a", "x")));
    }

    #[test]
    fn events_before_the_window_pass_untouched() {
        let mut o = Overlap::new(1_000, &[event(10, "a", "x")]);
        assert!(
            o.is_empty(),
            "shown events before the window are not remembered"
        );
        assert!(o.admit(Read::Poll, &event(10, "a", "x")));
        let kept = o.filter(
            Read::Live,
            vec![event(2_000, "a", "y"), event(2_000, "a", "y")],
        );
        assert_eq!(kept.len(), 2);
    }
}
