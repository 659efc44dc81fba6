//! ecs:ExecuteCommand, and the credentials handed to session-manager-plugin.

use aws_credential_types::provider::ProvideCredentials;

use super::error::classify;
use super::{Clients, ErrorKind};
use crate::exec::ExecProblem;
use crate::model::{ExecSession, TempCredentials};

/// What ExecuteCommand returned: the session, and the cluster's name (the plugin's
/// target names the cluster, whatever form the request used).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub session: ExecSession,
    pub cluster_name: String,
}

pub async fn execute_command(
    clients: &Clients,
    cluster: &str,
    task_arn: &str,
    container: &str,
    command: &str,
) -> Result<Started, ExecProblem> {
    let resp = clients
        .ecs
        .execute_command()
        .cluster(cluster)
        .task(task_arn)
        .container(container)
        .command(command)
        .interactive(true)
        .send()
        .await
        .map_err(|e| {
            let code = e.as_service_error().and_then(|s| {
                use aws_smithy_types::error::metadata::ProvideErrorMetadata;
                s.code().map(str::to_string)
            });
            problem(
                code.as_deref(),
                classify("ecs:ExecuteCommand", &e),
                task_arn,
            )
        })?;
    let session = resp
        .session()
        .ok_or_else(|| ExecProblem::Aws("ecs:ExecuteCommand answered without a session".into()))?;
    let text = |s: Option<&str>| s.unwrap_or_default().to_string();
    let cluster_arn = resp.cluster_arn().unwrap_or(cluster);
    Ok(Started {
        session: ExecSession {
            session_id: text(session.session_id()),
            stream_url: text(session.stream_url()),
            token_value: text(session.token_value()),
        },
        cluster_name: crate::model::arn_tail(cluster_arn).to_string(),
    })
}

/// ExecuteCommand's failures, in the words of what to do about them.
fn problem(code: Option<&str>, err: super::AwsError, task_arn: &str) -> ExecProblem {
    let detail = err.message.clone();
    let lower = detail.to_lowercase();
    match code {
        Some("TargetNotConnectedException") => ExecProblem::TargetNotConnected { detail },
        _ if lower.contains("kms") => ExecProblem::KmsAccess { detail },
        _ if err.kind == ErrorKind::AccessDenied => ExecProblem::AccessDenied { detail },
        _ if err.kind == ErrorKind::NotFound
            || lower.contains("not found")
            || lower.contains("stopped") =>
        {
            ExecProblem::TaskGone {
                task: crate::model::arn_tail(task_arn)
                    .get(..8)
                    .unwrap_or(task_arn)
                    .to_string(),
            }
        }
        _ => ExecProblem::Aws(err.to_string()),
    }
}

/// The session's current credentials, for the plugin's environment.
pub async fn credentials(clients: &Clients) -> Result<TempCredentials, ExecProblem> {
    let provider = clients
        .credentials
        .as_ref()
        .ok_or_else(|| ExecProblem::Aws("no credentials to hand to the plugin".into()))?;
    let creds = provider
        .provide_credentials()
        .await
        .map_err(|e| ExecProblem::Aws(format!("could not refresh the role's credentials: {e}")))?;
    Ok(TempCredentials {
        access_key_id: creds.access_key_id().to_string(),
        secret_access_key: creds.secret_access_key().to_string(),
        session_token: creds.session_token().map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::AwsError;

    fn err(kind: ErrorKind, msg: &str) -> AwsError {
        AwsError::new(kind, "ecs:ExecuteCommand", msg)
    }

    #[test]
    fn execute_command_errors_become_advice() {
        let task = "arn:aws:ecs:us-east-1:1:task/c/0123456789abcdef";
        assert!(matches!(
            problem(
                None,
                err(
                    ErrorKind::AccessDenied,
                    "User: x is not authorized to perform: ecs:ExecuteCommand"
                ),
                task
            ),
            ExecProblem::AccessDenied { .. }
        ));
        assert!(matches!(
            problem(
                None,
                err(
                    ErrorKind::AccessDenied,
                    "not authorized to perform kms:GenerateDataKey"
                ),
                task
            ),
            ExecProblem::KmsAccess { .. }
        ));
        assert!(matches!(
            problem(
                Some("TargetNotConnectedException"),
                err(
                    ErrorKind::Other,
                    "The execute command failed due to an internal error."
                ),
                task
            ),
            ExecProblem::TargetNotConnected { .. }
        ));
        assert_eq!(
            problem(
                None,
                err(ErrorKind::Other, "The referenced task was not found."),
                task
            ),
            ExecProblem::TaskGone {
                task: "01234567".into()
            }
        );
    }
}
