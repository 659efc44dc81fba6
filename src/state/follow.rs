//! Following a change through on the service detail: the rollout panel's state.
//! `update/follow.rs` decides when it has ended; `ui/rollout.rs` draws it.

use std::collections::HashSet;

use crate::effect::RequestId;
use crate::model::Timestamp;

/// Seconds between refreshes of a followed service.
pub const FOLLOW_EVERY_SECS: i64 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    /// The change in words (`desired 2 → 3`, `omni-web:14 → omni-web:12`).
    pub change: String,
    pub until: Until,
    pub started_at: Timestamp,
    /// Events already there when the change was made; the panel shows the others.
    pub known_events: HashSet<String>,
    pub ended: Option<Ended>,
    /// Deregister this revision once the rollout completes (rollback option).
    pub deregister: Option<String>,
    pub deregister_sent: Option<RequestId>,
}

/// What "done" means for the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Until {
    /// The deployment (by id, or the PRIMARY when AWS did not say) reaches COMPLETED or
    /// FAILED: rolloutState, not "steady state".
    Deployment(Option<String>),
    /// AWS named no deployment: wait for a PRIMARY that is not one of these (the
    /// deployments there before the change), then as above.
    NewPrimary(HashSet<String>),
    /// Scaling changes no deployment: running reaches the new desired count (or the
    /// primary deployment fails).
    Running(i32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ended {
    /// COMPLETED or FAILED (or what happened instead, in words).
    pub state: String,
    pub ok: bool,
    pub after_secs: i64,
    pub reason: String,
}

impl Follow {
    pub fn elapsed_secs(&self, now: Timestamp) -> i64 {
        match &self.ended {
            Some(e) => e.after_secs,
            None => now
                .signed_duration_since(self.started_at)
                .num_seconds()
                .max(0),
        }
    }
}

/// `14s`, `2m 05s`, `1h 02m`.
pub fn duration_words(secs: i64) -> String {
    let s = secs.max(0);
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, (s % 3600) / 60),
    }
}
