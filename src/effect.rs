//! What `update` asks the app loop to do. Effects are data; the loop runs them.

/// Identifies one request; results carrying an old id are stale and dropped.
pub type RequestId = u64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Fetch {
        id: RequestId,
        request: Request,
    },
    /// The view that wanted this result is gone; stop the request.
    Cancel(RequestId),
    Quit,
}

/// An AWS read, described in domain terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Clusters,
    Services {
        cluster: String,
    },
    Service {
        cluster: String,
        service: String,
    },
    Tasks {
        cluster: String,
        service: Option<String>,
        stopped: bool,
    },
    Task {
        cluster: String,
        task: String,
    },
    /// The streams of an ECS scope (from its task definitions' awslogs settings).
    LogTargets(crate::model::LogScope),
    /// One poll of a log tail.
    LogEvents(Box<crate::model::LogQuery>),
    LogGroups,
    LogStreams {
        group: String,
    },
    /// Write a logs pane's lines to a file named after `name` in the state dir.
    SaveLogs {
        name: String,
        text: String,
    },
}
