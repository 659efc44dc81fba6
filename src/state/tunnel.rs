//! Port forwarding: the dialog that opens a tunnel, and the tunnels list.

use std::cmp::Ordering;

use super::table::Row;
use super::{Load, TextInput};
use crate::effect::RequestId;
use crate::model::{Destination, Task, Tunnel, TunnelState};

/// Which field of the dialog keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TunnelField {
    Destination,
    RemotePort,
    LocalPort,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TunnelDialog {
    pub cluster: String,
    pub task: Task,
    /// Index into `task.containers`: the container whose agent carries the tunnel.
    pub container: usize,
    /// The account's database and cache endpoints, once loaded.
    pub endpoints: Vec<Destination>,
    /// The DescribeDB*/DescribeReplicationGroups request in flight.
    pub endpoints_request: Option<RequestId>,
    pub endpoints_error: Option<String>,
    /// 0: a port of the task itself; n: `endpoints[n - 1]`.
    pub choice: usize,
    pub remote_port: TextInput,
    pub local_port: TextInput,
    pub focus: TunnelField,
    /// Why the input was refused.
    pub error: Option<String>,
}

impl TunnelDialog {
    pub fn chosen_endpoint(&self) -> Option<&Destination> {
        self.choice
            .checked_sub(1)
            .and_then(|i| self.endpoints.get(i))
    }
}

/// The tunnels list (the tunnels themselves live in `State::tunnels`, beyond any view).
#[derive(Debug, Clone, Default)]
pub struct TunnelsView {
    pub load: Load,
}

impl Row for Tunnel {
    const COLUMNS: &'static [&'static str] = &["LOCAL", "TARGET", "TASK", "STATE", "AGE"];
    fn key(&self) -> &str {
        &self.key
    }
    fn matches(&self, filter: &str) -> bool {
        self.target_label().to_lowercase().contains(filter)
            || self.local_port.to_string().contains(filter)
    }
    fn compare(&self, other: &Self, column: usize) -> Ordering {
        match column {
            1 => self.target_label().cmp(&other.target_label()),
            2 => self.task_id.cmp(&other.task_id),
            3 => state_rank(&self.state).cmp(&state_rank(&other.state)),
            4 => other.opened_at.cmp(&self.opened_at),
            _ => self.local_port.cmp(&other.local_port),
        }
    }
}

fn state_rank(s: &TunnelState) -> u8 {
    match s {
        TunnelState::Open => 0,
        TunnelState::Starting => 1,
        TunnelState::Failed(_) => 2,
        TunnelState::Closed => 3,
    }
}
