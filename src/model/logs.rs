//! CloudWatch Logs as opsdeck shows them: log groups and streams (the browser), and
//! log events already made safe for the terminal (the tail's buffer).

use std::sync::Arc;

use super::Timestamp;

/// A log group row in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogGroup {
    pub name: String,
    pub stored_bytes: i64,
    /// None: never expire.
    pub retention_days: Option<i32>,
    pub created_at: Option<Timestamp>,
}

/// A log stream row in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogStream {
    pub name: String,
    pub last_event_at: Option<Timestamp>,
    pub created_at: Option<Timestamp>,
}

/// How serious a line says it is (from a JSON level field or a level word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Level {
    #[default]
    Unknown,
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}

impl Level {
    /// Parse a level name as loggers write it (`error`, `WARN`, `Warning`, `err`, `30`…).
    pub fn parse(text: &str) -> Level {
        let t = text.trim();
        let lower = |s: &str| t.eq_ignore_ascii_case(s);
        if lower("error") || lower("err") || lower("severe") || lower("50") {
            Level::Error
        } else if lower("warn") || lower("warning") || lower("40") {
            Level::Warn
        } else if lower("info") || lower("information") || lower("notice") || lower("30") {
            Level::Info
        } else if lower("debug") || lower("20") {
            Level::Debug
        } else if lower("trace") || lower("10") {
            Level::Trace
        } else if ["fatal", "critical", "crit", "panic", "emerg", "alert", "60"]
            .iter()
            .any(|s| lower(s))
        {
            Level::Fatal
        } else {
            Level::Unknown
        }
    }
}

/// A terminal colour taken from an SGR sequence in a log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The look an SGR sequence asked for; ui turns it into a ratatui style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ansi {
    pub fg: Option<Paint>,
    pub bg: Option<Paint>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underline: bool,
    pub reverse: bool,
}

impl Ansi {
    pub fn is_plain(&self) -> bool {
        *self == Ansi::default()
    }
}

/// Bytes `start..end` of an event's text drawn with `ansi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StyledRun {
    pub start: u32,
    pub end: u32,
    pub ansi: Ansi,
}

/// One log event, sanitised: `text` holds no control or escape characters except
/// `\n` between the lines of a multi-line event (a stack trace stays one event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEvent {
    /// Milliseconds since the epoch, as CloudWatch stores it.
    pub timestamp: i64,
    /// The stream it came from (shared between the events of a stream).
    pub stream: Arc<str>,
    pub level: Level,
    /// The message is a JSON object (pretty-printing is offered).
    pub json: bool,
    pub text: Box<str>,
    /// Colours the line asked for with SGR codes; None for plain lines (most).
    pub runs: Option<Box<[StyledRun]>>,
}

impl LogEvent {
    pub fn time(&self) -> Option<Timestamp> {
        chrono::DateTime::from_timestamp_millis(self.timestamp)
    }
}

/// A short source tag for a stream: `<task id 8>/<container>` for ECS's
/// `<prefix>/<container>/<task id>` names, else the stream name's last part.
pub fn source_tag(stream: &str) -> String {
    let parts: Vec<&str> = stream.split('/').collect();
    match parts.as_slice() {
        [_, container, task]
            if task.len() >= 8 && task.chars().all(|c| c.is_ascii_hexdigit() || c == '-') =>
        {
            format!("{}/{}", &task[..8], container)
        }
        _ => {
            let last = parts.last().copied().unwrap_or(stream);
            let tag: String = last.chars().rev().take(20).collect();
            tag.chars().rev().collect()
        }
    }
}

/// A stable small number for a stream, to pick its tag colour.
pub fn source_hue(stream: &str) -> usize {
    stream
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
        .wrapping_shr(7) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_from_common_spellings() {
        assert_eq!(Level::parse("ERROR"), Level::Error);
        assert_eq!(Level::parse("Warning"), Level::Warn);
        assert_eq!(Level::parse("30"), Level::Info);
        assert_eq!(Level::parse("critical"), Level::Fatal);
        assert_eq!(Level::parse("verbose-ish"), Level::Unknown);
    }

    #[test]
    fn ecs_stream_names_become_task_and_container_tags() {
        assert_eq!(
            source_tag("web/api/0123456789abcdef0123456789abcdef"),
            "01234567/api"
        );
        assert_eq!(
            source_tag("web/api/0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
            "0a1b2c3d/api"
        );
        assert_eq!(source_tag("i-0abc/var/log/messages"), "messages");
        assert_eq!(source_tag("plain"), "plain");
    }
}
