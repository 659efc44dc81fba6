//! ssm:StartSession for port forwarding through an ECS task.

use super::error::classify;
use super::{Clients, ErrorKind};
use crate::exec::ExecProblem;
use crate::model::{ExecSession, TunnelTarget};

/// Start a port-forwarding session to `target` (`ecs:<cluster>_<task id>_<runtime id>`).
pub async fn start_port_forwarding(
    clients: &Clients,
    target: &str,
    to: &TunnelTarget,
    local_port: u16,
) -> Result<ExecSession, ExecProblem> {
    let mut request = clients
        .ssm
        .start_session()
        .target(target)
        .document_name(to.document())
        .parameters("portNumber", vec![to.port().to_string()])
        .parameters("localPortNumber", vec![local_port.to_string()]);
    if let TunnelTarget::RemoteHost { host, .. } = to {
        request = request.parameters("host", vec![host.clone()]);
    }
    let resp = request.send().await.map_err(|e| {
        let err = classify("ssm:StartSession", &e);
        match err.kind {
            ErrorKind::AccessDenied if err.message.to_lowercase().contains("kms") => {
                ExecProblem::KmsAccess {
                    detail: err.message,
                }
            }
            ErrorKind::AccessDenied => ExecProblem::SsmAccessDenied {
                detail: err.message,
            },
            _ => ExecProblem::Aws(err.to_string()),
        }
    })?;
    let text = |s: Option<&str>| s.unwrap_or_default().to_string();
    Ok(ExecSession {
        session_id: text(resp.session_id()),
        stream_url: text(resp.stream_url()),
        token_value: text(resp.token_value()),
    })
}

/// The StartSession request as the plugin gets it (its fifth argument).
pub fn parameters_json(target: &str, to: &TunnelTarget, local_port: u16) -> String {
    let mut parameters = serde_json::json!({
        "portNumber": [to.port().to_string()],
        "localPortNumber": [local_port.to_string()],
    });
    if let TunnelTarget::RemoteHost { host, .. } = to {
        parameters["host"] = serde_json::json!([host]);
    }
    serde_json::json!({
        "Target": target,
        "DocumentName": to.document(),
        "Parameters": parameters,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plugin_gets_the_whole_start_session_request() {
        let remote = TunnelTarget::RemoteHost {
            host: "omni-acme-db.c9akciq32.us-east-1.rds.amazonaws.com".into(),
            port: 5432,
        };
        let json: serde_json::Value =
            serde_json::from_str(&parameters_json("ecs:c_t_r", &remote, 15432))
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json["Target"], "ecs:c_t_r");
        assert_eq!(
            json["DocumentName"],
            "AWS-StartPortForwardingSessionToRemoteHost"
        );
        assert_eq!(json["Parameters"]["portNumber"][0], "5432");
        assert_eq!(json["Parameters"]["localPortNumber"][0], "15432");
        assert_eq!(
            json["Parameters"]["host"][0],
            "omni-acme-db.c9akciq32.us-east-1.rds.amazonaws.com"
        );
        let task = TunnelTarget::TaskPort { port: 8080 };
        let json: serde_json::Value =
            serde_json::from_str(&parameters_json("ecs:c_t_r", &task, 8080))
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json["DocumentName"], "AWS-StartPortForwardingSession");
        assert!(json["Parameters"].get("host").is_none());
    }
}
