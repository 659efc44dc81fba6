//! A raw CloudWatch message → a [`LogEvent`]: sanitised, its level found (a JSON
//! level field, or a level word near the start of a text line), JSON flagged.

use std::sync::Arc;

use serde::Deserialize;

use super::logs::{Level, LogEvent};
use crate::sanitize_log::log_text;

impl LogEvent {
    pub fn ingest(timestamp: i64, stream: Arc<str>, raw: &str) -> LogEvent {
        let (text, runs) = log_text(raw);
        let (json, level) = match json_level(&text) {
            Some(level) => (true, level),
            None => (false, word_level(&text)),
        };
        LogEvent {
            timestamp,
            stream,
            level,
            json,
            text: text.into_boxed_str(),
            runs: (!runs.is_empty()).then(|| runs.into_boxed_slice()),
        }
    }
}

/// The level fields structured loggers use (pino, bunyan, zap, logrus, structlog, ECS).
#[derive(Deserialize)]
struct LevelFields {
    level: Option<serde_json::Value>,
    severity: Option<serde_json::Value>,
    lvl: Option<serde_json::Value>,
    levelname: Option<serde_json::Value>,
    #[serde(rename = "log.level")]
    log_level: Option<serde_json::Value>,
}

/// Some(level) when the line is a JSON object (Unknown when it names no level).
fn json_level(text: &str) -> Option<Level> {
    let t = text.trim();
    if !(t.starts_with('{') && t.ends_with('}')) {
        return None;
    }
    let fields: LevelFields = serde_json::from_str(t).ok()?;
    let value = [
        fields.level,
        fields.severity,
        fields.lvl,
        fields.levelname,
        fields.log_level,
    ]
    .into_iter()
    .flatten()
    .next();
    Some(match value {
        Some(serde_json::Value::String(s)) => Level::parse(&s),
        Some(serde_json::Value::Number(n)) => Level::parse(&n.to_string()),
        _ => Level::Unknown,
    })
}

/// An upper-case level word (`ERROR`, `[WARN]`, `level=error`) in the first 120 bytes.
fn word_level(text: &str) -> Level {
    let head = match text.char_indices().nth(120) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let mut previous = "";
    for word in head.split(|c: char| !c.is_ascii_alphanumeric() && c != '=') {
        if let Some(value) = word.strip_prefix("level=") {
            return Level::parse(value);
        }
        if word.len() >= 4 && word.bytes().all(|b| b.is_ascii_uppercase()) {
            let level = Level::parse(word);
            if level != Level::Unknown {
                return level;
            }
        }
        if previous == "level" || previous == "severity" {
            let level = Level::parse(word);
            if level != Level::Unknown {
                return level;
            }
        }
        previous = word;
    }
    Level::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ingest(raw: &str) -> LogEvent {
        LogEvent::ingest(0, Arc::from("s"), raw)
    }

    #[test]
    fn json_lines_are_detected_with_their_level() {
        let e = ingest(r#"{"time":"2026-11-23T10:00:00Z","level":"error","msg":"db down"}"#);
        assert!(e.json);
        assert_eq!(e.level, Level::Error);
        assert_eq!(ingest(r#"{"severity":"WARNING","m":1}"#).level, Level::Warn);
        assert_eq!(ingest(r#"{"level":30,"msg":"pino"}"#).level, Level::Info);
        assert_eq!(ingest(r#"{"log.level":"debug"}"#).level, Level::Debug);
        let no_level = ingest(r#"{"msg":"hello"}"#);
        assert!(no_level.json && no_level.level == Level::Unknown);
        // Braces alone do not make JSON.
        assert!(!ingest("{not json}").json);
    }

    #[test]
    fn text_lines_get_a_level_from_a_level_word() {
        assert_eq!(
            ingest("2026-11-23 10:00:01 ERROR [main] boom").level,
            Level::Error
        );
        assert_eq!(ingest("[WARN] slow query 1200ms").level, Level::Warn);
        assert_eq!(ingest("ts=1 level=info msg=ok").level, Level::Info);
        assert_eq!(ingest("INFO: started").level, Level::Info);
        // Prose that merely mentions an error is not an ERROR line.
        assert_eq!(
            ingest("GET /errors 200 retrieved error list").level,
            Level::Unknown
        );
    }

    #[test]
    fn ingest_sanitises_and_keeps_colour_runs() {
        let e = ingest("\x1b[31mERROR\x1b[0m \x1b[2Jgone");
        assert_eq!(&*e.text, "ERROR ␛[2Jgone");
        assert_eq!(e.level, Level::Error);
        assert!(e.runs.is_some());
    }
}
