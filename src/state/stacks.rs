//! State of the CloudFormation views: the stacks list, one stack (events, resources,
//! outputs, parameters) and a service's deploy timeline.

use std::cmp::Ordering;

use super::table::{Row, Table};
use super::Load;
use crate::model::stack::StackRef;
use crate::model::timeline::Window;
use crate::model::{
    Jump, Stack, StackEvent, StackOutput, StackParameter, StackResource, TimelineData,
    TimelineEntry,
};

#[derive(Debug, Clone, Default)]
pub struct StacksView {
    pub table: Table<Stack>,
    pub load: Load,
    /// Also list stacks deleted in the last 90 days.
    pub deleted: bool,
}

/// The four lists of a stack view, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StackTab {
    #[default]
    Events,
    Resources,
    Outputs,
    Parameters,
}

impl StackTab {
    pub const ALL: [StackTab; 4] = [
        StackTab::Events,
        StackTab::Resources,
        StackTab::Outputs,
        StackTab::Parameters,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StackTab::Events => "events",
            StackTab::Resources => "resources",
            StackTab::Outputs => "outputs",
            StackTab::Parameters => "parameters",
        }
    }

    /// The next (or, with `back`, the previous) tab, wrapping around.
    pub fn step(self, back: bool) -> StackTab {
        let i = StackTab::ALL.iter().position(|t| *t == self).unwrap_or(0);
        let n = StackTab::ALL.len();
        StackTab::ALL[if back { (i + n - 1) % n } else { (i + 1) % n }]
    }
}

#[derive(Debug, Clone)]
pub struct StackView {
    /// What to load; an owner lookup becomes the stack's ARN once it is found.
    pub target: StackRef,
    pub stack: Option<Stack>,
    pub tab: StackTab,
    /// Newest first, as loaded (nested stacks' events merged in when `nested`).
    pub events: Vec<StackEvent>,
    /// First event shown.
    pub events_scroll: usize,
    /// Show only the latest operation's events.
    pub current_only: bool,
    /// Merge nested stacks' events into the list.
    pub nested: bool,
    pub resources: Table<StackResource>,
    pub outputs: Table<StackOutput>,
    pub parameters: Table<StackParameter>,
    pub load: Load,
}

impl StackView {
    pub fn new(target: StackRef) -> Self {
        StackView {
            target,
            stack: None,
            tab: StackTab::default(),
            events: Vec::new(),
            events_scroll: 0,
            current_only: false,
            nested: false,
            resources: Table::default(),
            outputs: Table::default(),
            parameters: Table::default(),
            load: Load::default(),
        }
    }

    /// The stack's name when known, else what is being looked up.
    pub fn name(&self) -> String {
        match (&self.stack, &self.target) {
            (Some(s), _) => s.name.clone(),
            (None, StackRef::Id(id)) => crate::model::jump::stack_name_of(id).to_string(),
            (None, StackRef::OwnerOf { service, .. }) => format!("stack of {service}"),
        }
    }

    /// The events the list shows: all loaded, or the latest operation's.
    pub fn shown_events(&self) -> &[StackEvent] {
        match (&self.stack, self.current_only) {
            (Some(s), true) => crate::model::stack::current_operation(&self.events, &s.name),
            _ => &self.events,
        }
    }

    /// The table of the tab on screen (the events tab scrolls instead).
    pub fn list_mut(&mut self) -> Option<&mut dyn super::List> {
        match self.tab {
            StackTab::Events => None,
            StackTab::Resources => Some(&mut self.resources),
            StackTab::Outputs => Some(&mut self.outputs),
            StackTab::Parameters => Some(&mut self.parameters),
        }
    }

    pub fn filter(&self) -> Option<&str> {
        match self.tab {
            StackTab::Events => None,
            StackTab::Resources => Some(&self.resources.filter),
            StackTab::Outputs => Some(&self.outputs.filter),
            StackTab::Parameters => Some(&self.parameters.filter),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct TimelineView {
    pub cluster: String,
    pub service: String,
    pub data: Option<TimelineData>,
    pub window: Window,
    /// Merged from `data` for `window`, newest first.
    pub entries: Vec<TimelineEntry>,
    /// First entry shown.
    pub scroll: usize,
    pub load: Load,
}

impl Row for Stack {
    const COLUMNS: &'static [&'static str] = &[
        "NAME",
        "STATUS",
        "DRIFT",
        "CREATED",
        "UPDATED",
        "PROTECTED",
        "DESCRIPTION",
    ];
    fn key(&self) -> &str {
        &self.id
    }
    fn matches(&self, filter: &str) -> bool {
        self.name.to_lowercase().contains(filter)
            || self.status.to_lowercase().contains(filter)
            || self.description.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.status.cmp(&other.status),
            2 => self.drift.cmp(&other.drift),
            3 => other.created_at.cmp(&self.created_at),
            4 => other.changed_at().cmp(&self.changed_at()),
            5 => self
                .termination_protection
                .cmp(&other.termination_protection),
            6 => self.description.cmp(&other.description),
            // By name, nested stacks right under their parent.
            _ => self.tree_key.cmp(&other.tree_key),
        }
    }
}

impl Row for StackResource {
    const COLUMNS: &'static [&'static str] = &[
        "LOGICAL ID",
        "PHYSICAL ID",
        "TYPE",
        "STATUS",
        "DRIFT",
        "OPENS",
    ];
    fn key(&self) -> &str {
        &self.logical_id
    }
    fn matches(&self, filter: &str) -> bool {
        self.logical_id.to_lowercase().contains(filter)
            || self.physical_id.to_lowercase().contains(filter)
            || self.resource_type.to_lowercase().contains(filter)
            || self.status.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.physical_id.cmp(&other.physical_id),
            2 => self.resource_type.cmp(&other.resource_type),
            3 => self.status.cmp(&other.status),
            4 => self.drift.cmp(&other.drift),
            5 => opens(self).cmp(opens(other)),
            _ => self.logical_id.cmp(&other.logical_id),
        }
    }
}

/// Which opsdeck view a resource's link opens, in one word ("" when none).
pub fn opens(r: &StackResource) -> &'static str {
    match Jump::from_resource(&r.resource_type, &r.physical_id) {
        Some(Jump::Service { .. }) => "service",
        Some(Jump::Cluster(_)) => "services",
        Some(Jump::TaskDefinition(_)) => "revision",
        Some(Jump::DbInstance(_) | Jump::DbCluster(_)) => "database",
        Some(Jump::CacheCluster(_) | Jump::ReplicationGroup(_)) => "cache",
        Some(Jump::LogGroup(_)) => "logs",
        Some(Jump::Stack(_)) => "stack",
        None => "",
    }
}

impl Row for StackOutput {
    const COLUMNS: &'static [&'static str] = &["KEY", "VALUE", "EXPORT", "DESCRIPTION"];
    fn key(&self) -> &str {
        &self.key
    }
    fn matches(&self, filter: &str) -> bool {
        self.key.to_lowercase().contains(filter)
            || self.value.to_lowercase().contains(filter)
            || self.export_name.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.value.cmp(&other.value),
            2 => self.export_name.cmp(&other.export_name),
            3 => self.description.cmp(&other.description),
            _ => self.key.cmp(&other.key),
        }
    }
}

impl Row for StackParameter {
    const COLUMNS: &'static [&'static str] = &["KEY", "VALUE", "RESOLVED"];
    fn key(&self) -> &str {
        &self.key
    }
    fn matches(&self, filter: &str) -> bool {
        // A masked value never matches: the mask is not the value.
        self.key.to_lowercase().contains(filter)
            || (!self.no_echo() && self.value.to_lowercase().contains(filter))
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.value.cmp(&other.value),
            2 => self.resolved_value.cmp(&other.resolved_value),
            _ => self.key.cmp(&other.key),
        }
    }
}
