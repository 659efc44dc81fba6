//! Who opsdeck talks to AWS as: credentials chain, optional role assumption
//! with an External ID, region, endpoint override, and the caller's identity.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::sts::AssumeRoleProvider;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};

use super::{ApiCounter, Clients};
use crate::sanitize::one_line;

/// What the command line (and the AWS environment variables) ask for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextOptions {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub role_arn: Option<String>,
    pub external_id: Option<String>,
    pub role_session_name: Option<String>,
    pub endpoint_url: Option<String>,
}

/// The identity banner: which account, as whom, where.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    pub account: String,
    pub arn: String,
    /// Role or user name, from the caller ARN.
    pub caller: String,
    pub region: String,
    pub profile: String,
    pub endpoint: Option<String>,
    pub role_arn: Option<String>,
}

/// Why opsdeck could not start talking to AWS, worded for the person at the keyboard.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StartupError {
    #[error("No AWS region is set.\nPass --region (e.g. --region eu-west-1), set AWS_REGION, or add `region = ...` to the profile in ~/.aws/config.")]
    NoRegion,
    #[error("No AWS credentials were found{profile_hint}.\nConfigure a profile (`aws configure` or `aws configure sso`), pass --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.\nDetail: {detail}")]
    NoCredentials {
        profile_hint: String,
        detail: String,
    },
    #[error("The SSO session for profile '{profile}' has expired or is missing.\nRun `aws sso login --profile {profile}` and start opsdeck again.\nDetail: {detail}")]
    SsoExpired { profile: String, detail: String },
    #[error("Assuming role {role_arn} was denied.\nCheck that the External ID is the one the account owner gave you{external_id_hint}, and that the role's trust policy allows your identity to assume it.\nDetail: {detail}")]
    AssumeRoleDenied {
        role_arn: String,
        external_id_hint: String,
        detail: String,
    },
    #[error("The AWS credentials were rejected or have expired.\nRefresh them (for SSO: `aws sso login`; for keys: check AWS_ACCESS_KEY_ID / AWS_SESSION_TOKEN) and start again.\nDetail: {detail}")]
    ExpiredCredentials { detail: String },
    #[error("Could not reach {endpoint}.\nCheck the network or VPN, the --endpoint-url / AWS_ENDPOINT_URL value, and the region.\nDetail: {detail}")]
    Unreachable { endpoint: String, detail: String },
    #[error("Could not start talking to AWS: {0}")]
    Other(String),
}

/// A ready context: configuration, clients and the identity they act as.
#[derive(Debug, Clone)]
pub struct AwsContext {
    pub config: SdkConfig,
    pub clients: Clients,
    pub identity: Identity,
}

/// Load configuration, resolve credentials once (so failures are reported before the
/// UI opens), and ask STS who we are.
pub async fn connect(opts: &ContextOptions) -> Result<AwsContext, StartupError> {
    let config = load_config(opts).await?;
    let provider = config
        .credentials_provider()
        .ok_or_else(|| StartupError::NoCredentials {
            profile_hint: profile_hint(opts),
            detail: "no credentials provider is configured".into(),
        })?;
    provider
        .provide_credentials()
        .await
        .map_err(|e| credentials_error(opts, &e))?;

    let counter = ApiCounter::default();
    let mut clients = Clients::new(&config, counter);
    if super::host_prefix::disabled(opts.profile.as_deref()).await {
        clients = clients.without_host_prefix();
    }
    let caller = clients
        .sts
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| caller_identity_error(opts, &config, &e))?;

    let arn = caller.arn().unwrap_or_default().to_string();
    let identity = Identity {
        account: caller.account().unwrap_or_default().to_string(),
        caller: caller_name(&arn),
        arn,
        region: config.region().map(|r| r.to_string()).unwrap_or_default(),
        profile: opts.profile.clone().unwrap_or_else(|| "default".into()),
        endpoint: opts.endpoint_url.clone(),
        role_arn: opts.role_arn.clone(),
    };
    tracing::info!(account = %identity.account, caller = %identity.caller, region = %identity.region, "connected");
    Ok(AwsContext {
        config,
        clients,
        identity,
    })
}

async fn load_config(opts: &ContextOptions) -> Result<SdkConfig, StartupError> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(200)),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(3))
                .operation_attempt_timeout(Duration::from_secs(20))
                .build(),
        );
    if let Some(profile) = &opts.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &opts.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(endpoint) = &opts.endpoint_url {
        loader = loader.endpoint_url(endpoint);
    }
    let base = loader.load().await;
    if base.region().is_none() {
        return Err(StartupError::NoRegion);
    }
    let Some(role_arn) = &opts.role_arn else {
        return Ok(base);
    };
    // The SDK's identity cache refreshes the assumed-role credentials before they expire.
    let mut role = AssumeRoleProvider::builder(role_arn.clone())
        .session_name(
            opts.role_session_name
                .clone()
                .unwrap_or_else(|| "opsdeck".into()),
        )
        .configure(&base);
    if let Some(external_id) = &opts.external_id {
        role = role.external_id(external_id.clone());
    }
    let provider = role.build().await;
    Ok(base
        .into_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .build())
}

fn profile_hint(opts: &ContextOptions) -> String {
    opts.profile
        .as_ref()
        .map(|p| format!(" for profile '{p}'"))
        .unwrap_or_default()
}

fn credentials_error(opts: &ContextOptions, err: &CredentialsError) -> StartupError {
    let detail = one_line(&super::error::chain(err));
    let lower = detail.to_ascii_lowercase();
    if let Some(role_arn) = &opts.role_arn {
        if lower.contains("accessdenied") || lower.contains("not authorized") {
            return StartupError::AssumeRoleDenied {
                role_arn: role_arn.clone(),
                external_id_hint: match &opts.external_id {
                    Some(_) => " (--external-id)".into(),
                    None => " (none was given: pass --external-id)".into(),
                },
                detail,
            };
        }
    }
    if lower.contains("sso") && (lower.contains("expired") || lower.contains("token")) {
        return StartupError::SsoExpired {
            profile: opts.profile.clone().unwrap_or_else(|| "default".into()),
            detail,
        };
    }
    match err {
        CredentialsError::CredentialsNotLoaded(_) => StartupError::NoCredentials {
            profile_hint: profile_hint(opts),
            detail,
        },
        _ if lower.contains("expired") || lower.contains("invalidclienttokenid") => {
            StartupError::ExpiredCredentials { detail }
        }
        _ if lower.contains("dispatch failure") || lower.contains("connect") => {
            StartupError::Unreachable {
                endpoint: endpoint_label(opts, "STS"),
                detail,
            }
        }
        _ => StartupError::Other(detail),
    }
}

fn caller_identity_error<E, R>(
    opts: &ContextOptions,
    config: &SdkConfig,
    err: &aws_smithy_runtime_api::client::result::SdkError<E, R>,
) -> StartupError
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let classified = super::error::classify("sts:GetCallerIdentity", err);
    let detail = classified.message.clone();
    match classified.kind {
        super::ErrorKind::Unreachable | super::ErrorKind::Timeout => StartupError::Unreachable {
            endpoint: match &opts.endpoint_url {
                Some(url) => url.clone(),
                None => format!(
                    "AWS STS in {}",
                    config.region().map(|r| r.to_string()).unwrap_or_default()
                ),
            },
            detail,
        },
        super::ErrorKind::ExpiredCredentials => StartupError::ExpiredCredentials { detail },
        super::ErrorKind::NoCredentials => StartupError::NoCredentials {
            profile_hint: profile_hint(opts),
            detail,
        },
        _ => StartupError::Other(classified.summary()),
    }
}

fn endpoint_label(opts: &ContextOptions, service: &str) -> String {
    opts.endpoint_url
        .clone()
        .unwrap_or_else(|| format!("AWS {service}"))
}

/// `arn:aws:sts::1:assumed-role/Ops/session` → `Ops/session`; `arn:aws:iam::1:user/alice` → `alice`.
pub fn caller_name(arn: &str) -> String {
    let resource = arn.splitn(6, ':').nth(5).unwrap_or(arn);
    match resource.split_once('/') {
        Some(("assumed-role", rest)) => rest.to_string(),
        Some((_, rest)) => rest.rsplit('/').next().unwrap_or(rest).to_string(),
        None => resource.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caller_names_read_like_the_console() {
        assert_eq!(
            caller_name("arn:aws:sts::123456789012:assumed-role/OpsdeckSupport/alice"),
            "OpsdeckSupport/alice"
        );
        assert_eq!(caller_name("arn:aws:iam::123456789012:user/bob"), "bob");
        assert_eq!(caller_name("arn:aws:iam::123456789012:root"), "root");
    }

    #[test]
    fn startup_messages_say_how_to_fix_it() {
        let sso = StartupError::SsoExpired {
            profile: "prod".into(),
            detail: "x".into(),
        };
        assert!(sso.to_string().contains("aws sso login --profile prod"));
        assert!(StartupError::NoRegion.to_string().contains("--region"));
    }
}
