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
    /// Hand the terminal to session-manager-plugin until it exits (ECS Exec).
    Exec(crate::exec::Invocation),
    /// Start a port-forwarding tunnel in the background.
    OpenTunnel(crate::exec::tunnels::TunnelRequest),
    /// Stop a tunnel's plugin.
    CloseTunnel(crate::model::TunnelId),
    /// Put text on the user's clipboard: an OSC 52 sequence written to the terminal, so
    /// it works over SSH (the terminal, not the host, owns the clipboard).
    CopyToClipboard(String),
    /// A confirmed change to AWS; its outcome comes back as `Loaded::Mutated`.
    /// Never cancelled: once sent, its outcome must reach the audit log.
    Mutate {
        id: RequestId,
        mutation: crate::model::Mutation,
    },
    /// Connect to another context (account, role, region) in the background.
    SwitchContext(Box<crate::config::Context>),
    /// Append a context to config.toml; `Action::ContextSaved` says how it went.
    SaveContext {
        name: String,
        context: Box<crate::config::ContextConfig>,
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
    /// ECS Exec: checks, the plugin, ExecuteCommand (a read as far as ECS state goes).
    ExecPrepare(crate::exec::ExecRequest),
    /// The account's database and cache endpoints (port-forwarding destinations).
    Endpoints,
    /// Task definition families (ListTaskDefinitionFamilies).
    TaskDefinitionFamilies,
    /// Every revision of a family, in every status, newest first.
    TaskDefinitionRevisions {
        family: String,
    },
    /// Revisions in full (DescribeTaskDefinition each), by ARN or `family:revision`.
    TaskDefinitions {
        task_definitions: Vec<String>,
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
    /// The streams of an ECS scope (from its task definitions' awslogs settings).
    LogTargets(crate::model::LogScope),
    /// One poll of a log tail.
    LogEvents(Box<crate::model::LogQuery>),
    /// A CloudWatch Live Tail session: reports `Loaded::LiveTail` until it ends or
    /// is cancelled (cancelling ends the session, and its billing).
    LiveTail(Box<crate::model::live_tail::LiveTailPlan>),
    LogGroups,
    LogStreams {
        group: String,
    },
    /// Write a logs pane's lines to a file named after `name` in the state dir.
    SaveLogs {
        name: String,
        text: String,
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
    /// RDS DB instances and clusters.
    Databases,
    /// ElastiCache replication groups and cache clusters.
    Caches,
    /// One database or cache with its events (and RDS pending maintenance).
    Datastore {
        target: crate::model::DatastoreTarget,
    },
    /// Every metric series of a view in one GetMetricData call, and the alarms in ALARM.
    Metrics {
        queries: Vec<crate::model::MetricQuery>,
        /// The trend is the hour before this minute boundary.
        end: crate::model::Timestamp,
    },
}
