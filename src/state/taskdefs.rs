//! The task definition panes: families, revisions of a family, one revision, and the diff
//! between two revisions.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use super::table::{Row, Table};
use super::Load;
use crate::effect::RequestId;
use crate::model::task_definition_diff::TaskDefinitionDiff;
use crate::model::{TaskDefinition, TaskDefinitionRef, Timestamp};

/// The service a revisions pane was opened from: the one "roll back / deploy" would act on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceRef {
    pub cluster: String,
    pub name: String,
    /// ARN of the revision the service runs (its task definition when opened).
    pub task_definition: String,
}

/// A task definition family in the families list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Family {
    pub name: String,
}

impl Row for Family {
    const COLUMNS: &'static [&'static str] = &["FAMILY"];
    fn key(&self) -> &str {
        &self.name
    }
    fn matches(&self, filter: &str) -> bool {
        self.name.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, _column: usize) -> Ordering {
        self.name.cmp(&other.name)
    }
}

#[derive(Debug, Clone, Default)]
pub struct FamiliesView {
    pub table: Table<Family>,
    pub load: Load,
    /// The cluster in view when the list was opened, for the revisions' service markers.
    pub cluster: Option<String>,
}

/// One row of the revisions list: what ListTaskDefinitions says, and what
/// DescribeTaskDefinition added once it answered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RevisionRow {
    pub revision: TaskDefinitionRef,
    pub registered_at: Option<Timestamp>,
    pub registered_by: String,
    /// `512/1024`, empty until described.
    pub size: String,
    /// `container:tag` per container, empty until described.
    pub images: Vec<String>,
    /// Services of the current cluster running this revision.
    pub services: Vec<String>,
    pub described: bool,
}

impl RevisionRow {
    pub fn new(
        revision: TaskDefinitionRef,
        detail: Option<&TaskDefinition>,
        services: Vec<String>,
    ) -> Self {
        let mut row = RevisionRow {
            revision,
            services,
            ..Default::default()
        };
        if let Some(td) = detail {
            row.registered_at = td.registered_at;
            row.registered_by = td.registered_by.clone();
            row.size = match (td.cpu.as_str(), td.memory.as_str()) {
                ("", "") => String::new(),
                (cpu, mem) => format!("{}/{}", dash(cpu), dash(mem)),
            };
            row.images = td
                .containers
                .iter()
                .map(|c| {
                    let tag = c.image_tag();
                    format!("{}:{}", c.name, if tag.is_empty() { "latest" } else { tag })
                })
                .collect();
            row.described = true;
            // DescribeTaskDefinition is newer than the listing it came with.
            if !td.status.is_empty() {
                row.revision.status = td.status.clone();
            }
        }
        row
    }
}

fn dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

impl Row for RevisionRow {
    const COLUMNS: &'static [&'static str] = &[
        "REV",
        "STATUS",
        "REGISTERED",
        "BY",
        "CPU/MEM",
        "IMAGES",
        "SERVICES",
    ];
    fn key(&self) -> &str {
        &self.revision.arn
    }
    fn matches(&self, filter: &str) -> bool {
        self.revision.revision.to_string() == filter
            || self.revision.status.to_lowercase().contains(filter)
            || self
                .images
                .iter()
                .any(|i| i.to_lowercase().contains(filter))
            || self
                .services
                .iter()
                .any(|s| s.to_lowercase().contains(filter))
            || self.registered_by.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.revision.status.cmp(&other.revision.status),
            2 => other.registered_at.cmp(&self.registered_at),
            3 => self.registered_by.cmp(&other.registered_by),
            4 => self.size.cmp(&other.size),
            5 => self.images.cmp(&other.images),
            6 => other.services.len().cmp(&self.services.len()),
            // Newest first reads naturally; `O` flips it.
            _ => other.revision.revision.cmp(&self.revision.revision),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RevisionsView {
    pub family: String,
    /// The cluster whose services are marked beside the revisions they run.
    pub cluster: Option<String>,
    /// The service the pane was opened from (`d` on a service).
    pub service: Option<ServiceRef>,
    pub table: Table<RevisionRow>,
    /// Listing the revisions (ListTaskDefinitions per status).
    pub load: Load,
    pub revisions: Vec<TaskDefinitionRef>,
    /// Revisions described so far; a revision never changes, so this is kept.
    pub details: HashMap<String, TaskDefinition>,
    /// DescribeTaskDefinition batch in flight and the ARNs it asked for.
    pub describing: Option<(RequestId, Vec<String>)>,
    /// Describing failed for these (not asked again until a refresh).
    pub describe_failed: Vec<String>,
    /// After a throttled or timed-out batch, describe again no sooner than this.
    pub describe_after: Option<Timestamp>,
    /// The cluster's services, for the markers: task definition ARN → service names.
    pub running: BTreeMap<String, Vec<String>>,
    pub services_load: Load,
    /// Services seen during the services load in flight.
    pub services_seen: Vec<ServiceRuns>,
    /// Revision marked for a diff (`m`), by ARN.
    pub marked: Option<String>,
}

impl RevisionsView {
    /// Rebuild the rows from the listing, the details and the markers.
    pub fn rebuild(&mut self) {
        let rows = self
            .revisions
            .iter()
            .map(|r| {
                RevisionRow::new(
                    r.clone(),
                    self.details.get(&r.arn),
                    self.running.get(&r.arn).cloned().unwrap_or_default(),
                )
            })
            .collect();
        self.table.set_rows(rows);
    }

    /// The selected revision's ARN: what "copy ARN", "view" and "deploy" act on.
    pub fn selected_arn(&self) -> Option<&str> {
        self.table.selected().map(|r| r.revision.arn.as_str())
    }

    /// The revision the pane's service runs, if it was opened from one.
    pub fn service_revision(&self) -> Option<&str> {
        self.service
            .as_ref()
            .map(|s| s.task_definition.as_str())
            .filter(|t| !t.is_empty())
    }
}

/// What one service runs: its task definition, and during a rollout also the revisions
/// of its other deployments (tasks of both run until the rollout ends).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceRuns {
    pub name: String,
    pub primary: String,
    pub revisions: Vec<String>,
}

impl ServiceRuns {
    pub fn of(service: &crate::model::Service) -> Self {
        let mut revisions = vec![service.task_definition.clone()];
        for d in &service.deployments {
            if !d.task_definition.is_empty() && !revisions.contains(&d.task_definition) {
                revisions.push(d.task_definition.clone());
            }
        }
        ServiceRuns {
            name: service.name.clone(),
            primary: service.task_definition.clone(),
            revisions,
        }
    }
}

impl RevisionsView {
    /// Set the markers from what the cluster's services run.
    pub fn set_services(&mut self, services: &[ServiceRuns]) {
        self.running.clear();
        for s in services {
            for td in &s.revisions {
                self.running
                    .entry(td.clone())
                    .or_default()
                    .push(s.name.clone());
            }
        }
        for names in self.running.values_mut() {
            names.sort();
            names.dedup();
        }
        // The pane's own service moves with a deploy or a rollback.
        if let Some(own) = self.service.as_mut() {
            if let Some(s) = services.iter().find(|s| s.name == own.name) {
                own.task_definition = s.primary.clone();
            }
        }
    }
}

/// One revision, readable or as raw JSON.
#[derive(Debug, Clone, Default)]
pub struct RevisionView {
    /// ARN or `family:revision`.
    pub task_definition: String,
    pub detail: Option<TaskDefinition>,
    pub load: Load,
    /// Raw, pretty-printed JSON instead of the readable view.
    pub raw: bool,
    /// First line shown.
    pub scroll: usize,
    pub service: Option<ServiceRef>,
}

/// The difference between two revisions.
#[derive(Debug, Clone, Default)]
pub struct RevisionDiffView {
    /// The older side (or the one the service runs), ARN or `family:revision`.
    pub from: String,
    pub to: String,
    pub details: Vec<TaskDefinition>,
    pub diff: Option<TaskDefinitionDiff>,
    pub load: Load,
    pub scroll: usize,
    pub service: Option<ServiceRef>,
}

impl RevisionDiffView {
    /// Compute the diff once both sides are known.
    pub fn set_details(&mut self, details: Vec<TaskDefinition>) {
        let find = |name: &str| {
            details
                .iter()
                .find(|t| t.arn == name || t.short_name() == name)
                .cloned()
        };
        if let (Some(a), Some(b)) = (find(&self.from), find(&self.to)) {
            self.diff = Some(crate::model::task_definition_diff::diff(&a, &b));
            self.details = vec![a, b];
        }
    }
}

/// What "roll back / deploy this revision" would act on in the view on screen: the
/// selected (or shown) revision's ARN and the service the pane was opened from. `None`
/// outside these panes, before anything is selected, or when opened from the families
/// list (no service).
pub fn deploy_target(view: &super::View) -> Option<(String, &ServiceRef)> {
    use super::View;
    match view {
        View::Revisions(v) => Some((v.selected_arn()?.to_string(), v.service.as_ref()?)),
        View::Revision(v) => {
            let arn = v.detail.as_ref().map_or(&v.task_definition, |t| &t.arn);
            Some((arn.clone(), v.service.as_ref()?))
        }
        View::RevisionDiff(v) => {
            let arn = v.details.get(1).map_or(&v.to, |t| &t.arn);
            Some((arn.clone(), v.service.as_ref()?))
        }
        _ => None,
    }
}
