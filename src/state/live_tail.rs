//! How a logs pane reads: polling, or (opt-in) a CloudWatch Live Tail session,
//! with polling as the fallback whenever Live Tail can't serve the tail.

use crate::effect::RequestId;
use crate::model::live_tail::LiveTailPlan;
use crate::model::log_overlap::Overlap;
use crate::model::Timestamp;

/// What the pane's mode indicator says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LiveMode {
    /// Reading by polling (Live Tail not asked for, or not started yet).
    #[default]
    Polling,
    /// StartLiveTail sent; polling goes on until AWS accepts the session.
    Connecting,
    /// AWS pushes the events; no polling.
    Live { since: Timestamp },
    /// Live Tail was asked for but can't serve this tail (why); polling instead.
    Unavailable(String),
}

#[derive(Debug, Clone, Default)]
pub struct LiveTail {
    /// The user asked for Live Tail (`--live-tail`, `live_tail = true`, or the pane's key).
    pub wanted: bool,
    pub mode: LiveMode,
    /// The session's request (cancelling it ends the session and its billing).
    pub session: Option<RequestId>,
    /// What the session listens to; a new stream or pattern starts another.
    pub plan: Option<LiveTailPlan>,
    /// When AWS last pushed events (a fallback read starts a little before).
    pub last_push: Option<Timestamp>,
    /// AWS sent only a sample of the latest events (more than it streams were written).
    pub sampled: bool,
    /// Two reads of the same moments (polling and Live Tail): each event shown once.
    pub overlap: Option<Overlap>,
    /// When the overlap can be forgotten (its reads are done).
    pub overlap_until: Option<Timestamp>,
    /// A read that closes the gap when the mode changes is due: every stream, from
    /// this instant (ms), with a fresh cursor.
    pub window_from: Option<i64>,
}

impl LiveTail {
    pub fn is_live(&self) -> bool {
        matches!(self.mode, LiveMode::Live { .. })
    }

    /// The short indicator for the pane's bottom line.
    pub fn label(&self) -> Option<String> {
        match &self.mode {
            LiveMode::Polling if self.wanted => {
                Some("Live Tail: waiting for the first read".into())
            }
            LiveMode::Polling => None,
            LiveMode::Connecting => Some("Live Tail: connecting (polling meanwhile)".into()),
            LiveMode::Live { .. } if self.sampled => {
                Some("● LIVE TAIL · sampled by AWS · billed per minute".into())
            }
            LiveMode::Live { .. } => Some("● LIVE TAIL · billed per minute".into()),
            LiveMode::Unavailable(why) => Some(format!("Live Tail unavailable, polling: {why}")),
        }
    }
}
