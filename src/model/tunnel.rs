//! Port forwarding through a task (SSM sessions run by session-manager-plugin in the
//! background): what is forwarded where, and how each tunnel is doing.

use super::Timestamp;

pub type TunnelId = u64;

/// Where the far end of a tunnel is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TunnelTarget {
    /// A port of the task itself (AWS-StartPortForwardingSession).
    TaskPort { port: u16 },
    /// A host the task can reach, e.g. a private RDS or Redis endpoint
    /// (AWS-StartPortForwardingSessionToRemoteHost).
    RemoteHost { host: String, port: u16 },
}

impl TunnelTarget {
    pub fn port(&self) -> u16 {
        match self {
            TunnelTarget::TaskPort { port } | TunnelTarget::RemoteHost { port, .. } => *port,
        }
    }

    /// The SSM document that forwards to this kind of target.
    pub fn document(&self) -> &'static str {
        match self {
            TunnelTarget::TaskPort { .. } => "AWS-StartPortForwardingSession",
            TunnelTarget::RemoteHost { .. } => "AWS-StartPortForwardingSessionToRemoteHost",
        }
    }
}

/// A private endpoint of the account offered as a tunnel destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// What it is, e.g. "RDS omni-acme-db (writer)".
    pub label: String,
    pub host: String,
    pub port: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TunnelState {
    /// Checking the task, starting the SSM session and the plugin.
    Starting,
    /// The plugin listens on the local port.
    Open,
    /// It could not start, or it stopped by itself: why, in words.
    Failed(String),
    /// Closed by the user.
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tunnel {
    pub id: TunnelId,
    /// `id` as text: the row's identity in the tunnels table.
    pub key: String,
    pub local_port: u16,
    pub target: TunnelTarget,
    pub cluster: String,
    pub task_id: String,
    pub container: String,
    pub opened_at: Timestamp,
    pub state: TunnelState,
}

impl Tunnel {
    /// "omni-acme-db.xxxx.rds.amazonaws.com:5432" or "task 1a2b3c4d:8080".
    pub fn target_label(&self) -> String {
        match &self.target {
            TunnelTarget::TaskPort { port } => {
                format!(
                    "task {}:{port}",
                    self.task_id.get(..8).unwrap_or(&self.task_id)
                )
            }
            TunnelTarget::RemoteHost { host, port } => format!("{host}:{port}"),
        }
    }

    pub fn is_live(&self) -> bool {
        matches!(self.state, TunnelState::Starting | TunnelState::Open)
    }
}
