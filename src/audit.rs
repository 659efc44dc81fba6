//! The audit log: every mutating request opsdeck makes (or refuses), one JSON object a
//! line in `$XDG_STATE_HOME/opsdeck/audit.jsonl`, readable only by its owner (0600).
//!
//! Each request writes two lines sharing an `id`: the attempt before the call and the
//! outcome after it, so a crash in between still leaves the attempt behind.
//! `opsdeck audit` prints the recent entries ([`format_recent`]).

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "audit.jsonl";

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// RFC 3339, UTC.
    pub time: String,
    /// Shared by an attempt and its outcome.
    pub id: String,
    /// `attempt` or `outcome`.
    pub phase: String,
    pub caller_arn: String,
    /// The config context acted in (its label); empty when none was used.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub context: String,
    pub account: String,
    pub region: String,
    /// e.g. `scale`, `rollback`, `stop_task`.
    pub action: String,
    pub target: String,
    /// The change in words (`desired 2 → 4`).
    pub change: String,
    pub parameters: serde_json::Value,
    /// Outcome lines: `accepted`, `refused: …` or `error: …`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Where audit entries go.
#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
}

impl AuditLog {
    pub fn at(path: impl Into<PathBuf>) -> Self {
        AuditLog { path: path.into() }
    }

    /// `$XDG_STATE_HOME/opsdeck/audit.jsonl` (beside the log file).
    pub fn default_location() -> Option<Self> {
        crate::logging::log_dir().map(|d| AuditLog::at(d.join(FILE_NAME)))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append one entry and flush it to disk. The file is created 0600, and tightened to
    /// 0600 if someone widened it.
    pub fn append(&self, entry: &Entry) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&self.path)?;
        let meta = file.metadata()?;
        if meta.permissions().mode() & 0o777 != 0o600 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
        line.push('\n');
        // One write per line: concurrent appenders never interleave within a line.
        file.write_all(line.as_bytes())?;
        file.sync_data()
    }

    /// Every entry in the file, oldest first; unreadable lines are skipped.
    pub fn read(&self) -> std::io::Result<Vec<Entry>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        Ok(text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect())
    }
}

/// The last `count` requests, one line each, oldest first: time, caller, where, action,
/// target, change, outcome and request id. An attempt without an outcome says so.
pub fn format_recent(entries: &[Entry], count: usize) -> Vec<String> {
    let attempts: Vec<&Entry> = entries.iter().filter(|e| e.phase == "attempt").collect();
    let skip = attempts.len().saturating_sub(count);
    attempts
        .into_iter()
        .skip(skip)
        .map(|a| {
            let outcome = entries
                .iter()
                .find(|o| o.phase == "outcome" && o.id == a.id);
            let (result, request) = match outcome {
                Some(o) => (
                    o.outcome.clone().unwrap_or_else(|| "-".into()),
                    o.request_id.clone().unwrap_or_else(|| "-".into()),
                ),
                None => ("no outcome recorded".into(), "-".into()),
            };
            format!(
                "{}  {}  {}/{}  {}  {}  {}  {}  request {}",
                a.time,
                crate::aws::context::caller_name(&a.caller_arn),
                a.account,
                a.region,
                a.action,
                a.target,
                a.change,
                result,
                request
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, phase: &str, outcome: Option<&str>) -> Entry {
        Entry {
            time: "2026-11-23T16:40:01Z".into(),
            id: id.into(),
            phase: phase.into(),
            caller_arn: "arn:aws:sts::123456789012:assumed-role/Ops/alice".into(),
            context: "Acme production".into(),
            account: "123456789012".into(),
            region: "us-east-1".into(),
            action: "scale".into(),
            target: "omni-acme-cluster/omni-web".into(),
            change: "desired 2 → 3".into(),
            parameters: serde_json::json!({"desiredCount": 3}),
            outcome: outcome.map(str::to_string),
            request_id: outcome.map(|_| "req-1".to_string()),
        }
    }

    #[test]
    fn appends_lines_with_owner_only_permissions() {
        let dir = std::env::temp_dir().join(format!("opsdeck-audit-{}", rand::random::<u32>()));
        let log = AuditLog::at(dir.join("state/audit.jsonl"));
        log.append(&entry("1", "attempt", None))
            .unwrap_or_else(|e| panic!("{e}"));
        log.append(&entry("1", "outcome", Some("accepted")))
            .unwrap_or_else(|e| panic!("{e}"));
        let mode = std::fs::metadata(log.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let read = log.read().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.len(), 2);
        assert_eq!(read[1].outcome.as_deref(), Some("accepted"));
        // A widened file is tightened again on the next append.
        std::fs::set_permissions(log.path(), std::fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
        log.append(&entry("2", "attempt", None))
            .unwrap_or_else(|e| panic!("{e}"));
        let mode = std::fs::metadata(log.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn recent_pairs_attempts_with_outcomes() {
        let entries = vec![
            entry("1", "attempt", None),
            entry("1", "outcome", Some("accepted")),
            entry("2", "attempt", None),
        ];
        let lines = format_recent(&entries, 10);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].contains("Ops/alice"), "{}", lines[0]);
        assert!(
            lines[0].contains("desired 2 → 3  accepted  request req-1"),
            "{}",
            lines[0]
        );
        assert!(lines[1].contains("no outcome recorded"), "{}", lines[1]);
        assert_eq!(format_recent(&entries, 1).len(), 1);
    }
}
