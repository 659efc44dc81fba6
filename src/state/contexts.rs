//! The contexts list (`C` or `:ctx`): the config's named accounts/roles/regions.

use std::cmp::Ordering;

use super::table::Row;
use super::{Load, Table};
use crate::config::Context;

#[derive(Debug, Clone, Default)]
pub struct ContextsView {
    pub table: Table<Context>,
    /// Contexts come from the config file: nothing to fetch.
    pub load: Load,
}

impl Row for Context {
    const COLUMNS: &'static [&'static str] =
        &["NAME", "LABEL", "ACCOUNT / ROLE", "REGION", "ENV", "SAFETY"];
    fn key(&self) -> &str {
        &self.name
    }
    fn matches(&self, filter: &str) -> bool {
        self.name.to_lowercase().contains(filter) || self.label.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.label.cmp(&other.label),
            3 => self.options.region.cmp(&other.options.region),
            4 => self
                .environment
                .map(|e| e.name())
                .cmp(&other.environment.map(|e| e.name())),
            5 => self.read_only.cmp(&other.read_only),
            _ => self.name.cmp(&other.name),
        }
    }
}

impl Context {
    /// Where it acts: the role it assumes, else the profile, else the default chain.
    pub fn principal(&self) -> String {
        match (&self.options.role_arn, &self.options.profile) {
            (Some(role), _) => role.clone(),
            (None, Some(profile)) => format!("profile {profile}"),
            (None, None) => "default credentials".into(),
        }
    }
}
