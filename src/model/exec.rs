//! ECS Exec: the session ECS hands out and the credentials the plugin may need.

/// The SSM session from ecs:ExecuteCommand. The token is a secret: Debug hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct ExecSession {
    pub session_id: String,
    pub stream_url: String,
    pub token_value: String,
}

impl std::fmt::Debug for ExecSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExecSession")
            .field("session_id", &self.session_id)
            .finish_non_exhaustive()
    }
}

/// Temporary credentials of an assumed role, handed to the plugin. Never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct TempCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for TempCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TempCredentials(..)")
    }
}
