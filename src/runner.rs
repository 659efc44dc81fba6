//! Runs `Fetch`/`Cancel` effects: every AWS request in its own task, results sent
//! back as actions tagged with the request id. The UI loop never awaits AWS.

use std::collections::HashMap;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::action::{Action, Loaded};
use crate::aws::{self, AwsError, Clients, ErrorKind, Mutator};
use crate::effect::{Request, RequestId};
use crate::exec::tunnels::{self, Children, TunnelRequest};
use crate::model::DatastoreTarget;
use crate::model::Mutation;
use crate::model::TunnelId;

pub struct Runner {
    clients: Clients,
    tx: UnboundedSender<Action>,
    running: HashMap<RequestId, AbortHandle>,
    tunnels: HashMap<TunnelId, AbortHandle>,
    children: Children,
    /// Sends confirmed mutations; without one, every mutation is refused.
    mutator: Option<Mutator>,
    config_path: Option<std::path::PathBuf>,
}

impl Runner {
    pub fn new(clients: Clients, tx: UnboundedSender<Action>) -> Self {
        Runner {
            clients,
            tx,
            running: HashMap::new(),
            tunnels: HashMap::new(),
            children: Children::default(),
            mutator: None,
            config_path: None,
        }
    }

    /// Connect to another context in the background; `Action::Connected` says how it went.
    pub fn connect(&mut self, context: crate::config::Context) {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let result = aws::connect(&context.options)
                .await
                .map_err(|e| e.to_string().replace('\n', " "));
            let _ = tx.send(Action::Connected(Box::new(crate::action::Connected {
                context,
                result,
            })));
        });
    }

    /// From now on act as this context: nothing started for the old one goes on.
    pub fn adopt(&mut self, ctx: &aws::AwsContext, read_only: bool, label: &str) {
        for (_, handle) in self.running.drain() {
            handle.abort();
        }
        self.close_all_tunnels();
        self.clients = ctx.clients.clone();
        self.mutator = self
            .mutator
            .as_ref()
            .map(|m| m.for_context(ctx.clients.clone(), ctx.identity.clone(), read_only, label));
    }

    /// Where contexts created in the app are saved (`--config`, else the default path).
    pub fn with_config_path(mut self, path: Option<std::path::PathBuf>) -> Self {
        self.config_path = path;
        self
    }

    /// Append a context to config.toml (a small local write) and say how it went.
    pub fn save_context(&mut self, name: String, context: crate::config::ContextConfig) {
        let result = match &self.config_path {
            Some(path) => crate::config::save::append_context(path, &name, &context),
            None => Err("no config location (set XDG_CONFIG_HOME or HOME)".into()),
        };
        let _ = self.tx.send(Action::ContextSaved {
            name,
            context: Box::new(context),
            result,
        });
    }

    pub fn with_mutator(mut self, mutator: Mutator) -> Self {
        self.mutator = Some(mutator);
        self
    }

    /// Send a confirmed mutation through the choke point. Not abortable: its
    /// outcome must reach the audit log and the screen.
    pub fn mutate(&mut self, id: RequestId, mutation: Mutation) {
        let (mutator, tx, counter) = (
            self.mutator.clone(),
            self.tx.clone(),
            self.clients.counter.clone(),
        );
        tokio::spawn(async move {
            let result = match mutator {
                Some(m) => m.run(&mutation).await,
                None => Err(AwsError::new(
                    ErrorKind::Other,
                    mutation.operation(),
                    "no audit log location (set XDG_STATE_HOME or HOME); nothing was sent",
                )),
            };
            let _ = tx.send(Action::Loaded(id, Box::new(Loaded::Mutated(result))));
            let _ = tx.send(Action::ApiCalls(counter.get()));
        });
    }

    pub fn fetch(&mut self, id: RequestId, request: Request) {
        self.running.retain(|_, h| !h.is_finished());
        if let Request::ExecPrepare(req) = request {
            return self.exec_prepare(id, req);
        }
        let (clients, tx) = (self.clients.clone(), self.tx.clone());
        let handle = tokio::spawn(async move {
            run(&clients, &tx, id, request).await;
            let _ = tx.send(Action::ApiCalls(clients.counter.get()));
        });
        self.running.insert(id, handle.abort_handle());
    }

    /// ECS Exec's checks and ExecuteCommand, on record in the audit log (read-only
    /// sessions may exec, but it is recorded).
    fn exec_prepare(&mut self, id: RequestId, req: crate::exec::ExecRequest) {
        let (clients, tx, mutator) = (self.clients.clone(), self.tx.clone(), self.mutator.clone());
        let handle = tokio::spawn(async move {
            let attempt = mutator.as_ref().and_then(|m| {
                m.audit_attempt(
                    "exec",
                    format!("{}/{} ({})", req.cluster, req.task_arn, req.container),
                    format!("ECS Exec: {}", req.command),
                    serde_json::json!({
                        "cluster": req.cluster,
                        "task": req.task_arn,
                        "container": req.container,
                        "command": req.command,
                    }),
                )
            });
            let result = crate::exec::prepare(&clients, &req).await;
            if let (Some(m), Some(attempt)) = (&mutator, attempt) {
                let outcome = match &result {
                    Ok(_) => "accepted: session handed to session-manager-plugin".to_string(),
                    Err(problem) => format!("error: {problem}"),
                };
                m.audit_outcome(attempt, outcome);
            }
            let _ = tx.send(Action::Loaded(id, Box::new(Loaded::ExecReady(result))));
            let _ = tx.send(Action::ApiCalls(clients.counter.get()));
        });
        self.running.insert(id, handle.abort_handle());
    }

    pub fn cancel(&mut self, id: RequestId) {
        if let Some(handle) = self.running.remove(&id) {
            handle.abort();
        }
    }

    /// Start a port-forwarding tunnel; it reports through `Action::Tunnel`.
    pub fn open_tunnel(&mut self, request: TunnelRequest) {
        self.tunnels.retain(|_, h| !h.is_finished());
        let (clients, tx, children) =
            (self.clients.clone(), self.tx.clone(), self.children.clone());
        let id = request.id;
        let handle = tokio::spawn(async move {
            tunnels::run(&clients, &request, &children, |state| {
                let _ = tx.send(Action::Tunnel(id, state));
            })
            .await;
            let _ = tx.send(Action::ApiCalls(clients.counter.get()));
        });
        self.tunnels.insert(id, handle.abort_handle());
    }

    pub fn close_tunnel(&mut self, id: TunnelId) {
        self.children.kill(id);
        if let Some(handle) = self.tunnels.remove(&id) {
            handle.abort();
        }
    }

    /// On exit: every tunnel's plugin goes.
    pub fn close_all_tunnels(&mut self) {
        self.children.kill_all();
        for (_, handle) in self.tunnels.drain() {
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
        // Sent through `Runner::exec_prepare`, which audits it.
        Request::ExecPrepare(req) => {
            send(Loaded::ExecReady(crate::exec::prepare(clients, &req).await))
        }
        Request::Endpoints => send(Loaded::Endpoints(
            aws::endpoints::private_endpoints(clients).await,
        )),
        Request::TaskDefinitionFamilies => send(Loaded::TaskDefinitionFamilies(
            aws::taskdefs::families(clients, false).await,
        )),
        Request::TaskDefinitionRevisions { family } => send(Loaded::TaskDefinitionRevisions(
            aws::taskdefs::all_revisions(clients, &family).await,
        )),
        Request::TaskDefinitions { task_definitions } => send(Loaded::TaskDefinitions(
            aws::taskdefs::describe_many(clients, task_definitions).await,
        )),
        Request::RollbackRevisions { family } => send(Loaded::RollbackRevisions(
            aws::taskdefs::revisions(clients, &family, "ACTIVE").await,
        )),
        Request::RollbackDiff { from, to } => {
            let result = aws::taskdefs::describe_many(clients, vec![from, to])
                .await
                .and_then(|both| match both.as_slice() {
                    [from, to] => Ok(crate::model::task_definition_diff::diff(from, to)),
                    _ => Err(AwsError::new(
                        ErrorKind::NotFound,
                        "ecs:DescribeTaskDefinition",
                        "a revision to compare was not returned",
                    )),
                });
            send(Loaded::RollbackDiff(result));
        }
        Request::ScalableTarget { cluster, service } => send(Loaded::ScalableTarget(
            aws::autoscaling::scalable_target(clients, &cluster, &service).await,
        )),
        Request::LogTargets(scope) => send(Loaded::LogTargets(
            aws::logs::discover(clients, &scope).await,
        )),
        Request::LogEvents(query) => {
            send(Loaded::LogEvents(aws::logs::poll(clients, *query).await))
        }
        Request::LiveTail(plan) => {
            aws::live_tail::run(clients, &plan, |report| send(Loaded::LiveTail(report))).await
        }
        Request::LogGroups => send(Loaded::LogGroups(aws::logs::log_groups(clients).await)),
        Request::LogStreams { group } => send(Loaded::LogStreams(
            aws::logs::log_streams(clients, &group).await,
        )),
        Request::SaveLogs { name, text } => send(Loaded::LogsSaved(save_logs(&name, &text))),
        Request::Stacks { deleted } => {
            send(Loaded::Stacks(aws::cfn::stacks(clients, deleted).await))
        }
        Request::Stack { target, nested } => send(Loaded::Stack(
            aws::cfn::stack_detail(clients, &target, nested).await,
        )),
        Request::Timeline { cluster, service } => send(Loaded::Timeline(
            aws::cfn::timeline(clients, &cluster, &service).await,
        )),
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
