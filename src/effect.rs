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
    /// A confirmed change to AWS; its outcome comes back as `Loaded::Mutated`.
    /// Never cancelled: once sent, its outcome must reach the audit log.
    Mutate {
        id: RequestId,
        mutation: crate::model::Mutation,
    },
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
    /// ACTIVE revisions of a task definition family (the rollback dialog).
    RollbackRevisions {
        family: String,
    },
    /// Both revisions described and compared (the rollback dialog's diff).
    RollbackDiff {
        from: String,
        to: String,
    },
    /// Application Auto Scaling's range for a service (the scale dialog).
    ScalableTarget {
        cluster: String,
        service: String,
    },
}
