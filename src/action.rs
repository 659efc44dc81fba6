//! Everything that can happen to the state: keys, the clock, and AWS results.

use crossterm::event::KeyEvent;

use crate::aws::AwsError;
use crate::effect::RequestId;
use crate::model::{
    Cache, Cluster, Database, DatastoreDetail, MetricsReport, Service, Stack, StackDetail, Task,
    TaskDefinition, TaskDefinitionRef, TimelineData,
};

#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    /// The terminal changed size; redraw.
    Resize,
    /// A clock tick: drives auto-refresh and age labels.
    Tick,
    /// A result (or part of one) of the request with this id.
    Loaded(RequestId, Box<Loaded>),
    /// AWS requests sent so far (shown in the footer).
    ApiCalls(u64),
    /// The wheel or a click (only with the mouse turned on).
    Mouse(Mouse),
    /// A context switch connected (or failed); the loop adopts its clients first.
    Connected(Box<Connected>),
    /// A context written to config.toml (or why not).
    ContextSaved {
        name: String,
        context: Box<crate::config::ContextConfig>,
        result: Result<(), String>,
    },
    /// The ECS Exec session ended and opsdeck has the terminal back.
    ExecEnded(crate::exec::handoff::Outcome),
    /// A port-forwarding tunnel opened, or stopped (and why).
    Tunnel(crate::model::TunnelId, crate::model::TunnelState),
}

#[derive(Debug, Clone)]
pub enum Loaded {
    Clusters(Result<Vec<Cluster>, AwsError>),
    /// One DescribeServices batch of a services load still in progress.
    ServicesBatch(Vec<Service>),
    /// The services load ended (all pages listed and described, or failed).
    ServicesDone(Result<(), AwsError>),
    Service(Result<Service, AwsError>),
    Tasks(Result<Vec<Task>, AwsError>),
    Task(Result<Option<Task>, AwsError>),
    ExecReady(Result<crate::exec::Invocation, crate::exec::ExecProblem>),
    Endpoints(Result<Vec<crate::model::Destination>, AwsError>),
    TaskDefinitionFamilies(Result<Vec<String>, AwsError>),
    TaskDefinitionRevisions(Result<Vec<TaskDefinitionRef>, AwsError>),
    /// In the order asked.
    TaskDefinitions(Result<Vec<TaskDefinition>, AwsError>),
    /// The outcome of an `Effect::Mutate`.
    Mutated(Result<crate::model::Accepted, AwsError>),
    ScalableTarget(Result<Option<crate::model::ScalableTarget>, AwsError>),
    RollbackRevisions(Result<Vec<crate::model::TaskDefinitionRef>, AwsError>),
    RollbackDiff(Result<crate::model::task_definition_diff::TaskDefinitionDiff, AwsError>),
    LogTargets(Result<crate::model::log_tail::Discovered, AwsError>),
    LogEvents(Result<crate::model::log_tail::LogBatch, AwsError>),
    /// One report of a Live Tail session (several per request).
    LiveTail(crate::model::live_tail::LiveTailReport),
    LogGroups(Result<Vec<crate::model::LogGroup>, AwsError>),
    LogStreams(Result<Vec<crate::model::LogStream>, AwsError>),
    /// The path written, or why not.
    LogsSaved(Result<String, String>),
    Stacks(Result<Vec<Stack>, AwsError>),
    Stack(Result<StackDetail, AwsError>),
    Timeline(Result<TimelineData, AwsError>),
    Databases(Result<Vec<Database>, AwsError>),
    Caches(Result<Vec<Cache>, AwsError>),
    Datastore(Result<Box<DatastoreDetail>, AwsError>),
    Metrics(Result<MetricsReport, AwsError>),
}

/// The outcome of connecting to another context.
#[derive(Debug, Clone)]
pub struct Connected {
    pub context: crate::config::Context,
    pub result: Result<crate::aws::AwsContext, String>,
}

/// What the mouse did, where (screen row), on a screen of `rows` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub row: u16,
    pub rows: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    ScrollUp,
    ScrollDown,
    Click,
}
