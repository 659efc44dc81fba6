//! Everything that can happen to the state: keys, the clock, and AWS results.

use crossterm::event::KeyEvent;

use crate::aws::AwsError;
use crate::effect::RequestId;
use crate::model::{Cache, Cluster, Database, DatastoreDetail, MetricsReport, Service, Task};

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
    Databases(Result<Vec<Database>, AwsError>),
    Caches(Result<Vec<Cache>, AwsError>),
    Datastore(Result<Box<DatastoreDetail>, AwsError>),
    Metrics(Result<MetricsReport, AwsError>),
}
