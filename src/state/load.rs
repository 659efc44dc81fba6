//! The freshness of a view's data: what is in flight, when it last arrived,
//! what went wrong, and when to try again.

use std::time::Duration;

use crate::aws::AwsError;
use crate::effect::RequestId;
use crate::model::Timestamp;

#[derive(Debug, Clone, Default)]
pub struct Load {
    pub in_flight: Option<RequestId>,
    pub loaded_at: Option<Timestamp>,
    pub error: Option<AwsError>,
    /// Failures in a row; stretches the wait before the next try.
    pub failures: u32,
    pub next_at: Option<Timestamp>,
}

/// The longest wait between tries after repeated failures.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

impl Load {
    pub fn start(&mut self, id: RequestId) {
        self.in_flight = Some(id);
    }

    pub fn is_current(&self, id: RequestId) -> bool {
        self.in_flight == Some(id)
    }

    pub fn succeeded(&mut self, now: Timestamp, every: Duration) {
        self.in_flight = None;
        self.loaded_at = Some(now);
        self.error = None;
        self.failures = 0;
        self.next_at = Some(now + every);
    }

    /// Back off exponentially with jitter; permanent errors (access denied, not found)
    /// are retried at the longest interval only.
    pub fn failed(&mut self, now: Timestamp, every: Duration, error: AwsError, id: RequestId) {
        self.in_flight = None;
        self.failures = self.failures.saturating_add(1);
        let wait = if error.is_transient() {
            let base = every
                .saturating_mul(1 << self.failures.min(4))
                .min(MAX_BACKOFF);
            // Deterministic jitter (update stays pure): up to a quarter of the wait.
            let jitter = base.mul_f64(((id.wrapping_mul(2_654_435_761) % 1000) as f64) / 4000.0);
            base + jitter
        } else {
            MAX_BACKOFF
        };
        self.error = Some(error);
        self.next_at = Some(now + wait);
    }

    pub fn due(&self, now: Timestamp) -> bool {
        self.in_flight.is_none() && self.next_at.is_none_or(|at| now >= at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ErrorKind;

    fn t0() -> Timestamp {
        chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default()
    }

    #[test]
    fn throttling_backs_off_longer_each_time_up_to_a_cap() {
        let every = Duration::from_secs(5);
        let mut load = Load::default();
        let throttled = AwsError::new(ErrorKind::Throttled, "ecs:ListServices", "Rate exceeded");
        let mut waits = Vec::new();
        for id in 1..=8 {
            load.failed(t0(), every, throttled.clone(), id);
            waits.push((load.next_at.unwrap_or_default() - t0()).num_seconds());
        }
        assert!(waits[0] >= 10 && waits[0] < 13, "{waits:?}");
        assert!(waits[1] > waits[0], "{waits:?}");
        assert!(waits.iter().all(|&w| w <= 75), "{waits:?}");
        load.succeeded(t0(), every);
        assert_eq!(load.failures, 0);
        assert!(load.error.is_none());
    }

    #[test]
    fn not_due_while_in_flight() {
        let mut load = Load::default();
        assert!(load.due(t0()));
        load.start(7);
        assert!(!load.due(t0()));
        assert!(load.is_current(7) && !load.is_current(6));
    }
}
