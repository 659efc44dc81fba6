//! Runs `Fetch`/`Cancel` effects: every AWS request in its own task, results sent
//! back as actions tagged with the request id. The UI loop never awaits AWS.

use std::collections::HashMap;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::action::{Action, Loaded};
use crate::aws::{self, Clients};
use crate::effect::{Request, RequestId};

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
        Request::LogTargets(scope) => send(Loaded::LogTargets(
            aws::logs::discover(clients, &scope).await,
        )),
        Request::LogEvents(query) => {
            send(Loaded::LogEvents(aws::logs::poll(clients, *query).await))
        }
        Request::LogGroups => send(Loaded::LogGroups(aws::logs::log_groups(clients).await)),
        Request::LogStreams { group } => send(Loaded::LogStreams(
            aws::logs::log_streams(clients, &group).await,
        )),
        Request::SaveLogs { name, text } => send(Loaded::LogsSaved(save_logs(&name, &text))),
    }
}

/// `<state dir>/logs/<name>.log`; the name is made safe for a file name.
fn save_logs(name: &str, text: &str) -> Result<String, String> {
    let dir = crate::logging::log_dir()
        .ok_or("no state directory (set HOME or XDG_STATE_HOME)")?
        .join("logs");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!("{safe}.log"));
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.display().to_string())
}
