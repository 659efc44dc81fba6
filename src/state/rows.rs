//! How each ECS object behaves as a table row: key, filter match and column order.

use std::cmp::Ordering;

use super::table::Row;
use crate::model::{Cluster, Container, Service, Task};

impl Row for Cluster {
    const COLUMNS: &'static [&'static str] = &[
        "NAME",
        "STATUS",
        "SERVICES",
        "RUNNING",
        "PENDING",
        "CAPACITY PROVIDERS",
    ];
    fn key(&self) -> &str {
        &self.arn
    }
    fn matches(&self, filter: &str) -> bool {
        self.name.to_lowercase().contains(filter) || self.status.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.status.cmp(&other.status),
            2 => self.active_services.cmp(&other.active_services),
            3 => self.running_tasks.cmp(&other.running_tasks),
            4 => self.pending_tasks.cmp(&other.pending_tasks),
            5 => self.capacity_providers.cmp(&other.capacity_providers),
            _ => self.name.cmp(&other.name),
        }
    }
}

impl Row for Service {
    const COLUMNS: &'static [&'static str] = &[
        "NAME",
        "STATUS",
        "DES/RUN/PEN",
        "TASK DEFINITION",
        "ROLLOUT",
        "DEPL",
        "LAUNCH",
        "EVENT",
        "CPU",
        "MEM",
    ];
    fn key(&self) -> &str {
        &self.arn
    }
    fn matches(&self, filter: &str) -> bool {
        self.name.to_lowercase().contains(filter)
            || self.task_definition_short().to_lowercase().contains(filter)
            || self.rollout_state().to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.status.cmp(&other.status),
            2 => (self.desired, self.running).cmp(&(other.desired, other.running)),
            3 => self
                .task_definition_short()
                .cmp(other.task_definition_short()),
            4 => self.rollout_state().cmp(other.rollout_state()),
            5 => self.deployments.len().cmp(&other.deployments.len()),
            6 => self.launch_type.cmp(&other.launch_type),
            // Most recent event first reads naturally; `O` flips it.
            7 => other.last_event_at().cmp(&self.last_event_at()),
            // CPU and MEM live in the view's metrics, not the row: by name.
            _ => self.name.cmp(&other.name),
        }
    }
}

impl Row for Task {
    const COLUMNS: &'static [&'static str] = &[
        "TASK",
        "STATUS",
        "HEALTH",
        "REVISION",
        "STARTED",
        "AZ",
        "PRIVATE IP",
        "STOPPED REASON",
    ];
    fn key(&self) -> &str {
        &self.arn
    }
    fn matches(&self, filter: &str) -> bool {
        self.id.contains(filter)
            || self.last_status.to_lowercase().contains(filter)
            || self.health.to_lowercase().contains(filter)
            || self.private_ip.contains(filter)
            || self.stopped_reason.to_lowercase().contains(filter)
            || self.task_definition_short().to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.last_status.cmp(&other.last_status),
            2 => self.health.cmp(&other.health),
            3 => self
                .task_definition_short()
                .cmp(other.task_definition_short()),
            4 => other.started_at.cmp(&self.started_at),
            5 => self.availability_zone.cmp(&other.availability_zone),
            6 => self.private_ip.cmp(&other.private_ip),
            7 => self.stopped_reason.cmp(&other.stopped_reason),
            _ => self.id.cmp(&other.id),
        }
    }
}

impl Row for Container {
    const COLUMNS: &'static [&'static str] = &[
        "NAME",
        "IMAGE",
        "STATUS",
        "HEALTH",
        "EXIT",
        "REASON",
        "RUNTIME ID",
    ];
    fn key(&self) -> &str {
        &self.name
    }
    fn matches(&self, filter: &str) -> bool {
        self.name.to_lowercase().contains(filter) || self.image.to_lowercase().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.image.cmp(&other.image),
            2 => self.last_status.cmp(&other.last_status),
            3 => self.health.cmp(&other.health),
            4 => self.exit_code.cmp(&other.exit_code),
            5 => self.reason.cmp(&other.reason),
            6 => self.runtime_id.cmp(&other.runtime_id),
            _ => self.name.cmp(&other.name),
        }
    }
}
