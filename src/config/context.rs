//! A named context: which account (profile and/or role with External ID), region and
//! cluster, how careful to be there (read-only, environment), and how it is labelled.

use serde::Deserialize;

use crate::aws::ContextOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Prod,
    Staging,
    Dev,
}

impl Environment {
    pub fn name(self) -> &'static str {
        match self {
            Environment::Prod => "prod",
            Environment::Staging => "staging",
            Environment::Dev => "dev",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ContextConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// Default: true when an External ID is set (a customer's account).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<Environment>,
    /// A local emulator instead of AWS (demo contexts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint_url: Option<String>,
}

/// A context ready to connect with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    pub name: String,
    pub label: String,
    pub environment: Option<Environment>,
    pub read_only: bool,
    pub cluster: Option<String>,
    pub options: ContextOptions,
}

impl ContextConfig {
    pub fn to_context(&self, name: &str) -> Context {
        Context {
            name: name.to_string(),
            label: self.label.clone().unwrap_or_else(|| name.to_string()),
            environment: self.environment,
            read_only: self.read_only.unwrap_or(self.external_id.is_some()),
            cluster: self.cluster.clone(),
            options: ContextOptions {
                profile: self.profile.clone(),
                region: self.region.clone(),
                role_arn: self.role_arn.clone(),
                external_id: self.external_id.clone(),
                role_session_name: self.session_name.clone(),
                endpoint_url: self.endpoint_url.clone(),
            },
        }
    }
}
