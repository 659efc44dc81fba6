//! Runs `Fetch`/`Cancel` effects: every AWS request in its own task, results sent
//! back as actions tagged with the request id. The UI loop never awaits AWS.

use std::collections::HashMap;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::action::{Action, Loaded};
use crate::aws::{self, Clients};
use crate::effect::{Request, RequestId};
use crate::model::DatastoreTarget;

pub struct Runner {
    clients: Clients,
    tx: UnboundedSender<Action>,
    running: HashMap<RequestId, AbortHandle>,
}

impl Runner {
    pub fn new(clients: Clients, tx: UnboundedSender<Action>) -> Self {
        Runner {
            clients,
            tx,
            running: HashMap::new(),
        }
    }

    pub fn fetch(&mut self, id: RequestId, request: Request) {
        self.running.retain(|_, h| !h.is_finished());
        let (clients, tx) = (self.clients.clone(), self.tx.clone());
        let handle = tokio::spawn(async move {
            run(&clients, &tx, id, request).await;
            let _ = tx.send(Action::ApiCalls(clients.counter.get()));
        });
        self.running.insert(id, handle.abort_handle());
    }

    pub fn cancel(&mut self, id: RequestId) {
        if let Some(handle) = self.running.remove(&id) {
            handle.abort();
        }
    }

    /// Requests started and not yet finished (for tests and diagnostics).
    pub fn in_flight(&self) -> usize {
        self.running.values().filter(|h| !h.is_finished()).count()
    }
}

async fn run(clients: &Clients, tx: &UnboundedSender<Action>, id: RequestId, request: Request) {
    let send = |loaded| {
        // The receiver is gone only when the app is quitting.
        let _ = tx.send(Action::Loaded(id, Box::new(loaded)));
    };
    match request {
        Request::Clusters => send(Loaded::Clusters(aws::ecs::clusters(clients).await)),
        Request::Services { cluster } => {
            let done = aws::ecs::services(clients, &cluster, |batch| {
                send(Loaded::ServicesBatch(batch))
            })
            .await;
            send(Loaded::ServicesDone(done));
        }
        Request::Service { cluster, service } => send(Loaded::Service(
            aws::ecs::service(clients, &cluster, &service).await,
        )),
        Request::Tasks {
            cluster,
            service,
            stopped,
        } => send(Loaded::Tasks(
            aws::ecs::tasks(clients, &cluster, service.as_deref(), stopped).await,
        )),
        Request::Task { cluster, task } => {
            let result = aws::ecs::describe_tasks(clients, &cluster, vec![task])
                .await
                .map(|tasks| tasks.into_iter().next());
            send(Loaded::Task(result));
        }
        Request::Databases => send(Loaded::Databases(aws::rds::databases(clients).await)),
        Request::Caches => send(Loaded::Caches(aws::elasticache::caches(clients).await)),
        Request::Datastore { target } => {
            let detail = match &target {
                DatastoreTarget::Database(kind, id) => aws::rds::detail(clients, *kind, id).await,
                DatastoreTarget::Cache(kind, id) => {
                    aws::elasticache::detail(clients, *kind, id).await
                }
            };
            send(Loaded::Datastore(detail.map(Box::new)));
        }
        Request::Metrics { queries, end } => send(Loaded::Metrics(
            aws::cloudwatch::metrics(clients, &queries, end).await,
        )),
    }
}
