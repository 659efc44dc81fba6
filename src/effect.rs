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
    /// The stacks of the region; `deleted` adds the recently deleted ones.
    Stacks {
        deleted: bool,
    },
    /// One stack with events and resources; `nested` merges its nested stacks' events.
    Stack {
        target: crate::model::StackRef,
        nested: bool,
    },
    /// A service's deploy timeline.
    Timeline {
        cluster: String,
        service: String,
    },
}
