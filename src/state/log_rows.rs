//! Log groups and streams as rows of the log-group browser.

use std::cmp::Ordering;

use super::table::Row;
use crate::model::{LogGroup, LogStream};

impl Row for LogGroup {
    const COLUMNS: &'static [&'static str] = &["LOG GROUP", "STORED", "RETENTION", "CREATED"];
    fn key(&self) -> &str {
        &self.name
    }
    fn matches(&self, filter: &str) -> bool {
        self.name.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => other.stored_bytes.cmp(&self.stored_bytes),
            2 => self.retention_days.cmp(&other.retention_days),
            3 => other.created_at.cmp(&self.created_at),
            _ => self.name.cmp(&other.name),
        }
    }
}

impl Row for LogStream {
    const COLUMNS: &'static [&'static str] = &["LOG STREAM", "LAST EVENT", "CREATED"];
    fn key(&self) -> &str {
        &self.name
    }
    fn matches(&self, filter: &str) -> bool {
        self.name.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => other
                .last_event_at
                .cmp(&self.last_event_at)
                .then_with(|| self.name.cmp(&other.name)),
            2 => other.created_at.cmp(&self.created_at),
            _ => self.name.cmp(&other.name),
        }
    }
}
