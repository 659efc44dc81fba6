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
