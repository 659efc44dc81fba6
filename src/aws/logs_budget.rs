//! One request budget for every CloudWatch Logs call opsdeck makes, however many
//! tails are open: a token bucket. CloudWatch Logs quotas are per account and
//! region (FilterLogEvents is 5 calls a second by default), so several panes must
//! share one allowance instead of each spending its own.

use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct LogsBudget {
    per_second: f64,
    burst: f64,
    state: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Calls a second all tails together may make, and the burst allowed after a quiet spell.
pub const CALLS_PER_SECOND: f64 = 4.0;
pub const BURST: f64 = 8.0;

impl Default for LogsBudget {
    fn default() -> Self {
        LogsBudget::new(CALLS_PER_SECOND, BURST)
    }
}

impl LogsBudget {
    pub fn new(per_second: f64, burst: f64) -> Self {
        LogsBudget {
            per_second,
            burst,
            state: Mutex::new(Bucket {
                tokens: burst,
                at: Instant::now(),
            }),
        }
    }

    /// Take one token now, or say how long to wait for one.
    pub fn try_take(&self, now: Instant) -> Result<(), Duration> {
        // A poisoned lock only means another task panicked mid-update; the numbers are still usable.
        let mut bucket = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - bucket.tokens) / self.per_second,
            ))
        }
    }

    /// Wait until the budget allows one more call.
    pub async fn take(&self) {
        while let Err(wait) = self.try_take(Instant::now()) {
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_calls_are_spaced_at_the_rate() {
        let budget = LogsBudget::new(4.0, 8.0);
        let t0 = Instant::now();
        for _ in 0..8 {
            assert!(budget.try_take(t0).is_ok());
        }
        let wait = budget.try_take(t0).unwrap_err();
        assert!(wait > Duration::from_millis(200) && wait <= Duration::from_millis(260));
        assert!(budget.try_take(t0 + Duration::from_millis(250)).is_ok());
        assert!(budget.try_take(t0 + Duration::from_millis(260)).is_err());
    }
}
