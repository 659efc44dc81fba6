//! AWS's `session-manager-plugin`: finding it, asking its version, and the exact
//! command line the AWS CLI gives it (see ../shared/reference/aws-cli-execute-command.md).
//!
//! The six-argument form: session JSON (or the name of the environment variable that
//! holds it), region, "StartSession", profile ("" for none), the StartSession
//! parameters (`{"Target": "ecs:<cluster>_<task id>_<runtime id>"}`), and the SSM
//! endpoint the plugin calls for ResumeSession / TerminateSession.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::ExecProblem;
use crate::model::{ExecSession, TempCredentials};

pub const PLUGIN: &str = "session-manager-plugin";

/// Plugins newer than this read the session from `AWS_SSM_START_SESSION_RESPONSE`,
/// which keeps the session token out of the process list.
const ENV_SESSION_SINCE: [u64; 4] = [1, 2, 497, 0];
pub const SESSION_ENV: &str = "AWS_SSM_START_SESSION_RESPONSE";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plugin {
    pub path: PathBuf,
    /// As printed by `--version`, e.g. "1.2.694.0".
    pub version: String,
}

impl Plugin {
    fn reads_session_from_env(&self) -> bool {
        let parts: Vec<u64> = self
            .version
            .trim()
            .split('.')
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        parts.as_slice() > ENV_SESSION_SINCE.as_slice()
    }
}

/// What to run. Holds a session token and maybe credentials: Debug shows neither.
#[derive(Clone, PartialEq, Eq)]
pub struct Invocation {
    pub program: PathBuf,
    pub args: Vec<String>,
    /// Added to (or replacing in) the inherited environment.
    pub env: Vec<(String, String)>,
    /// Said to the user before the terminal is handed over.
    pub banner: String,
}

impl fmt::Debug for Invocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let env: Vec<&str> = self.env.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("Invocation")
            .field("program", &self.program)
            .field("args", &self.args.len())
            .field("env", &env)
            .finish()
    }
}

/// Where the plugin is on PATH (the first executable file of that name).
pub fn find_on_path(path_var: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path_var?)
        .map(|dir| dir.join(PLUGIN))
        .find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Find the plugin and ask its version (the presence check the AWS CLI makes too).
pub async fn locate() -> Result<Plugin, ExecProblem> {
    let path =
        find_on_path(std::env::var_os("PATH").as_deref()).ok_or(ExecProblem::PluginMissing)?;
    let broken = |detail: String| ExecProblem::PluginBroken {
        path: path.display().to_string(),
        detail,
    };
    let run = tokio::process::Command::new(&path)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .map_err(|_| broken("`--version` did not answer within 10 s".into()))?
        .map_err(|e| broken(e.to_string()))?;
    if !output.status.success() {
        return Err(broken(format!("`--version` exited with {}", output.status)));
    }
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    Ok(Plugin { path, version })
}

/// Where the plugin talks to SSM in a region.
pub fn ssm_endpoint(region: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://ssm.{region}.{suffix}")
}

/// Everything that goes on the plugin's command line and environment for one session.
pub struct SessionSpec<'a> {
    /// The session as JSON: `{"sessionId", "streamUrl", "tokenValue"}` (from
    /// ecs:ExecuteCommand) or `{"SessionId", "StreamUrl", "TokenValue"}` (from
    /// ssm:StartSession); the plugin reads either.
    pub session_json: String,
    pub region: &'a str,
    /// The profile opsdeck runs with; "" when none (or when credentials are passed).
    pub profile: &'a str,
    /// The StartSession request as JSON: `{"Target": …}` plus, for port forwarding,
    /// `"DocumentName"` and `"Parameters"`.
    pub parameters_json: String,
    /// Set when opsdeck assumed a role: the plugin can't redo that itself.
    pub credentials: Option<&'a TempCredentials>,
    pub banner: String,
}

/// The session JSON of an ECS Exec session, as the AWS CLI passes it.
pub fn ecs_session_json(session: &ExecSession) -> String {
    serde_json::json!({
        "sessionId": session.session_id,
        "streamUrl": session.stream_url,
        "tokenValue": session.token_value,
    })
    .to_string()
}

/// The session JSON of an SSM StartSession response, as the AWS CLI passes it.
pub fn ssm_session_json(session: &ExecSession) -> String {
    serde_json::json!({
        "SessionId": session.session_id,
        "StreamUrl": session.stream_url,
        "TokenValue": session.token_value,
    })
    .to_string()
}

pub fn invocation(plugin: &Plugin, spec: SessionSpec<'_>) -> Invocation {
    let mut env = Vec::new();
    let first = if plugin.reads_session_from_env() {
        env.push((SESSION_ENV.to_string(), spec.session_json));
        SESSION_ENV.to_string()
    } else {
        spec.session_json
    };
    let mut profile = spec.profile.to_string();
    if let Some(creds) = spec.credentials {
        // The plugin signs ResumeSession/TerminateSession itself: give it the role's
        // credentials, and no profile (which would point it at the caller's own).
        profile.clear();
        env.push(("AWS_ACCESS_KEY_ID".into(), creds.access_key_id.clone()));
        env.push((
            "AWS_SECRET_ACCESS_KEY".into(),
            creds.secret_access_key.clone(),
        ));
        if let Some(token) = &creds.session_token {
            env.push(("AWS_SESSION_TOKEN".into(), token.clone()));
        }
        env.push(("AWS_REGION".into(), spec.region.to_string()));
    }
    Invocation {
        program: plugin.path.clone(),
        args: vec![
            first,
            spec.region.to_string(),
            "StartSession".into(),
            profile,
            spec.parameters_json,
            ssm_endpoint(spec.region),
        ],
        env,
        banner: spec.banner,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> ExecSession {
        ExecSession {
            session_id: "ecs-execute-command-0123456789abcdef0".into(),
            stream_url: "wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/ecs-execute-command-0123456789abcdef0?role=publish_subscribe&cell-number=AAAA".into(),
            token_value: "tok-3f9a1c".into(),
        }
    }

    fn plugin(version: &str) -> Plugin {
        Plugin {
            path: "/usr/local/bin/session-manager-plugin".into(),
            version: version.into(),
        }
    }

    fn spec<'a>(
        s: &'a ExecSession,
        profile: &'a str,
        creds: Option<&'a TempCredentials>,
    ) -> SessionSpec<'a> {
        SessionSpec {
            session_json: ecs_session_json(s),
            region: "us-east-1",
            profile,
            parameters_json: serde_json::json!({
                "Target": "ecs:c1_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef-2531612879"
            })
            .to_string(),
            credentials: creds,
            banner: String::new(),
        }
    }

    #[test]
    fn old_plugins_get_the_cli_form_with_the_session_in_argv() {
        let s = session();
        let inv = invocation(&plugin("1.2.497.0"), spec(&s, "", None));
        let session: serde_json::Value =
            serde_json::from_str(&inv.args[0]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            session["sessionId"],
            "ecs-execute-command-0123456789abcdef0"
        );
        assert_eq!(session["tokenValue"], "tok-3f9a1c");
        assert_eq!(
            inv.args[1..],
            [
                "us-east-1",
                "StartSession",
                "",
                r#"{"Target":"ecs:c1_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef-2531612879"}"#,
                "https://ssm.us-east-1.amazonaws.com",
            ]
        );
        assert!(inv.env.is_empty());
    }

    #[test]
    fn newer_plugins_read_the_session_from_the_environment() {
        let s = session();
        let inv = invocation(&plugin("1.2.694.0\n"), spec(&s, "prod", None));
        assert_eq!(inv.args[0], SESSION_ENV);
        assert_eq!(inv.args[3], "prod");
        let (name, value) = &inv.env[0];
        assert_eq!(name, SESSION_ENV);
        assert!(value.contains("\"tokenValue\":\"tok-3f9a1c\""));
        assert!(
            !inv.args.iter().any(|a| a.contains("tok-3f9a1c")),
            "the token stays out of argv"
        );
    }

    #[test]
    fn an_assumed_role_passes_its_credentials_and_no_profile() {
        let s = session();
        let creds = TempCredentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI".into(),
            session_token: Some("FwoGZXIvYXdz".into()),
        };
        let inv = invocation(&plugin("1.2.694.0"), spec(&s, "support", Some(&creds)));
        assert_eq!(inv.args[3], "");
        let env: std::collections::HashMap<_, _> = inv.env.iter().cloned().collect();
        assert_eq!(env["AWS_ACCESS_KEY_ID"], "ASIAEXAMPLE");
        assert_eq!(env["AWS_SECRET_ACCESS_KEY"], "wJalrXUtnFEMI");
        assert_eq!(env["AWS_SESSION_TOKEN"], "FwoGZXIvYXdz");
        let shown = format!("{inv:?}");
        for secret in ["wJalrXUtnFEMI", "FwoGZXIvYXdz", "tok-3f9a1c"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[test]
    fn ssm_endpoints_per_partition() {
        assert_eq!(
            ssm_endpoint("eu-west-1"),
            "https://ssm.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            ssm_endpoint("cn-north-1"),
            "https://ssm.cn-north-1.amazonaws.com.cn"
        );
    }

    #[test]
    fn the_plugin_is_found_on_path_only_when_executable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("opsdeck-plugin-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(PLUGIN);
        std::fs::write(&file, "#!/bin/sh\n").unwrap_or_else(|e| panic!("{e}"));
        let path = std::env::join_paths([dir.clone()]).unwrap_or_else(|e| panic!("{e}"));
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(find_on_path(Some(&path)), None);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(find_on_path(Some(&path)), Some(file));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
