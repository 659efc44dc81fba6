//! The one choke point for every request that changes AWS. It refuses them all in a
//! read-only session (whatever the UI did), and writes the audit log: the attempt
//! before the call, the outcome with AWS's request id after it.
//!
//! No other file calls a mutating SDK operation; `tests/aws_actions.rs` checks that.

use aws_sdk_ecs::operation::RequestId;

use super::error::classify;
use super::{AwsError, Clients, ErrorKind, Identity};
use crate::audit::{AuditLog, Entry};
use crate::model::{Accepted, Mutation};

/// Sends confirmed mutations, or refuses them.
#[derive(Debug, Clone)]
pub struct Mutator {
    clients: Clients,
    identity: Identity,
    read_only: bool,
    audit: AuditLog,
    /// The context's label, recorded with every entry.
    context: String,
}

impl Mutator {
    pub fn new(clients: Clients, identity: Identity, read_only: bool, audit: AuditLog) -> Self {
        Mutator {
            clients,
            identity,
            read_only,
            audit,
            context: String::new(),
        }
    }

    /// Record entries as made in this context (its label).
    pub fn with_context(mut self, label: &str) -> Self {
        self.context = label.to_string();
        self
    }

    /// The same audit log, for another context's clients and identity.
    pub fn for_context(
        &self,
        clients: Clients,
        identity: Identity,
        read_only: bool,
        label: &str,
    ) -> Self {
        Mutator::new(clients, identity, read_only, self.audit.clone()).with_context(label)
    }

    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Audit, check, send, audit. Nothing is sent when the attempt can't be recorded.
    pub async fn run(&self, mutation: &Mutation) -> Result<Accepted, AwsError> {
        let attempt = self.entry(mutation);
        if let Err(e) = self.audit.append(&attempt) {
            return Err(AwsError::new(
                ErrorKind::Other,
                mutation.operation(),
                format!(
                    "could not write the audit log {} ({e}); nothing was changed",
                    self.audit.path().display()
                ),
            ));
        }
        let result = if self.read_only {
            Err(read_only_refusal(mutation))
        } else {
            self.send(mutation).await
        };
        let (outcome, request_id) = match &result {
            Ok(accepted) => ("accepted".to_string(), accepted.request_id.clone()),
            Err((e, _)) if e.kind == ErrorKind::ReadOnly => {
                (format!("refused: {}", e.message), None)
            }
            Err((e, request_id)) => (format!("error: {}", e.summary()), request_id.clone()),
        };
        let done = Entry {
            time: now(),
            phase: "outcome".into(),
            outcome: Some(outcome),
            request_id,
            ..attempt
        };
        if let Err(e) = self.audit.append(&done) {
            tracing::error!(path = %self.audit.path().display(), "could not write an audit outcome: {e}");
        }
        result.map_err(|(e, _)| e)
    }

    async fn send(&self, mutation: &Mutation) -> Result<Accepted, (AwsError, Option<String>)> {
        let ecs = &self.clients.ecs;
        let op = mutation.operation();
        match mutation {
            Mutation::ForceNewDeployment { cluster, service } => {
                let out = ecs
                    .update_service()
                    .cluster(cluster)
                    .service(service)
                    .force_new_deployment(true)
                    .send()
                    .await
                    .map_err(|e| failed(op, &e))?;
                Ok(updated(out.request_id(), out.service()))
            }
            Mutation::Scale {
                cluster,
                service,
                to,
                ..
            } => {
                let out = ecs
                    .update_service()
                    .cluster(cluster)
                    .service(service)
                    .desired_count(*to)
                    .send()
                    .await
                    .map_err(|e| failed(op, &e))?;
                Ok(updated(out.request_id(), out.service()))
            }
            Mutation::Rollback {
                cluster,
                service,
                to,
                ..
            } => {
                let out = ecs
                    .update_service()
                    .cluster(cluster)
                    .service(service)
                    .task_definition(to)
                    .send()
                    .await
                    .map_err(|e| failed(op, &e))?;
                Ok(updated(out.request_id(), out.service()))
            }
            Mutation::StopTask {
                cluster,
                task,
                reason,
            } => {
                let out = ecs
                    .stop_task()
                    .cluster(cluster)
                    .task(task)
                    .reason(reason)
                    .send()
                    .await
                    .map_err(|e| failed(op, &e))?;
                Ok(Accepted {
                    request_id: out.request_id().map(str::to_string),
                    deployment_id: None,
                })
            }
            Mutation::DeregisterTaskDefinition { task_definition } => {
                let out = ecs
                    .deregister_task_definition()
                    .task_definition(task_definition)
                    .send()
                    .await
                    .map_err(|e| failed(op, &e))?;
                Ok(Accepted {
                    request_id: out.request_id().map(str::to_string),
                    deployment_id: None,
                })
            }
        }
    }

    /// Record the start of something that is not an AWS change but must be on record
    /// (an ECS Exec session, even in a read-only session). Returns the attempt, for
    /// [`Mutator::audit_outcome`]; None when the log could not be written (logged).
    pub fn audit_attempt(
        &self,
        action: &str,
        target: String,
        change: String,
        parameters: serde_json::Value,
    ) -> Option<Entry> {
        let entry = self.attempt(action, target, change, parameters);
        match self.audit.append(&entry) {
            Ok(()) => Some(entry),
            Err(e) => {
                tracing::error!(path = %self.audit.path().display(), "could not write an audit attempt: {e}");
                None
            }
        }
    }

    pub fn audit_outcome(&self, attempt: Entry, outcome: String) {
        let done = Entry {
            time: now(),
            phase: "outcome".into(),
            outcome: Some(outcome),
            ..attempt
        };
        if let Err(e) = self.audit.append(&done) {
            tracing::error!(path = %self.audit.path().display(), "could not write an audit outcome: {e}");
        }
    }

    fn entry(&self, mutation: &Mutation) -> Entry {
        self.attempt(
            mutation.action(),
            mutation.target(),
            mutation.change(),
            mutation.parameters(),
        )
    }

    fn attempt(
        &self,
        action: &str,
        target: String,
        change: String,
        parameters: serde_json::Value,
    ) -> Entry {
        Entry {
            time: now(),
            id: format!(
                "{}-{:08x}",
                chrono::Utc::now().timestamp_millis(),
                rand::random::<u32>()
            ),
            phase: "attempt".into(),
            caller_arn: self.identity.arn.clone(),
            context: self.context.clone(),
            account: self.identity.account.clone(),
            region: self.identity.region.clone(),
            action: action.into(),
            target,
            change,
            parameters,
            outcome: None,
            request_id: None,
        }
    }
}

/// The classified error and AWS's request id for it (the audit log keeps both).
fn failed<E>(
    op: &str,
    e: &aws_sdk_ecs::error::SdkError<E, aws_smithy_runtime_api::http::Response>,
) -> (AwsError, Option<String>)
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + 'static,
{
    (classify(op, e), e.request_id().map(str::to_string))
}

fn read_only_refusal(mutation: &Mutation) -> (AwsError, Option<String>) {
    let e = AwsError::new(
        ErrorKind::ReadOnly,
        mutation.operation(),
        "this session is read-only (--read-only); nothing was sent to AWS",
    );
    (e, None)
}

fn updated(request_id: Option<&str>, service: Option<&aws_sdk_ecs::types::Service>) -> Accepted {
    let deployment_id = service.and_then(|s| {
        s.deployments()
            .iter()
            .find(|d| d.status() == Some("PRIMARY"))
            .and_then(|d| d.id())
            .map(str::to_string)
    });
    Accepted {
        request_id: request_id.map(str::to_string),
        deployment_id,
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
