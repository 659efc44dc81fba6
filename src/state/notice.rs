//! One-line messages in the footer: how an action ended, where a file was saved,
//! why a key did nothing. They fade after [`NOTICE_FOR`] seconds.

use crate::model::Timestamp;

/// Seconds a notice stays in the footer.
pub const NOTICE_FOR: i64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    pub at: Timestamp,
}

impl Notice {
    pub fn visible(&self, now: Timestamp) -> bool {
        now.signed_duration_since(self.at).num_seconds() < NOTICE_FOR
    }
}
