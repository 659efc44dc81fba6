//! The SDK clients the seeder uses, all pointed at one endpoint with static credentials.

use std::fmt::Display;
use std::time::Duration;

use anyhow::anyhow;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::Credentials;
use aws_sdk_ecs::error::DisplayErrorContext;

/// The account id used when `AWS_ACCESS_KEY_ID` is not set (the emulator takes a 12-digit
/// access key id as the account id).
pub const DEFAULT_ACCOUNT: &str = "123456789012";

#[derive(Clone)]
pub struct Aws {
    pub account: String,
    pub region: String,
    pub ecs: aws_sdk_ecs::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
    pub cfn: aws_sdk_cloudformation::Client,
    pub rds: aws_sdk_rds::Client,
    pub cache: aws_sdk_elasticache::Client,
    pub cw: aws_sdk_cloudwatch::Client,
}

impl Aws {
    pub async fn connect(endpoint_url: &str, region: &str) -> Aws {
        let account = std::env::var("AWS_ACCESS_KEY_ID")
            .ok()
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| DEFAULT_ACCOUNT.to_string());
        let secret = std::env::var("AWS_SECRET_ACCESS_KEY")
            .ok()
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| "opsdeck-seed".to_string());
        let session = std::env::var("AWS_SESSION_TOKEN")
            .ok()
            .filter(|t| !t.is_empty());
        let credentials = Credentials::new(account.clone(), secret, session, None, "opsdeck-seed");
        let conf = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(region.to_string()))
            .endpoint_url(endpoint_url)
            .credentials_provider(credentials)
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(5))
                    .operation_timeout(Duration::from_secs(60))
                    .build(),
            )
            .load()
            .await;
        Aws {
            account,
            region: region.to_string(),
            ecs: aws_sdk_ecs::Client::new(&conf),
            logs: aws_sdk_cloudwatchlogs::Client::new(&conf),
            cfn: aws_sdk_cloudformation::Client::new(&conf),
            rds: aws_sdk_rds::Client::new(&conf),
            cache: aws_sdk_elasticache::Client::new(&conf),
            cw: aws_sdk_cloudwatch::Client::new(&conf),
        }
    }

    /// `123456789012.dkr.ecr.us-east-1.amazonaws.com/<repo>:<tag>`
    pub fn image(&self, repo: &str, tag: &str) -> String {
        format!(
            "{}.dkr.ecr.{}.amazonaws.com/{repo}:{tag}",
            self.account, self.region
        )
    }

    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:aws:{service}:{}:{}:{resource}",
            self.region, self.account
        )
    }
}

/// Turns an SDK error into an `anyhow::Error` that says what was being done and shows the
/// service's error code and message (the SDK's plain `Display` only says "service error").
pub trait Ctx<T> {
    fn ctx(self, what: impl Display) -> anyhow::Result<T>;
}

impl<T, E> Ctx<T> for Result<T, E>
where
    E: std::error::Error + Send + Sync + 'static,
{
    fn ctx(self, what: impl Display) -> anyhow::Result<T> {
        self.map_err(|e| anyhow!("{what}: {}", DisplayErrorContext(&e)))
    }
}

/// The error code of an SDK error (`ResourceAlreadyExistsException`, ...), if it has one.
pub fn error_code<E, R>(err: &aws_sdk_ecs::error::SdkError<E, R>) -> Option<&str>
where
    E: aws_sdk_ecs::error::ProvideErrorMetadata,
{
    err.as_service_error().and_then(|e| e.code())
}

/// The error message of an SDK error, if it has one.
pub fn error_message<E, R>(err: &aws_sdk_ecs::error::SdkError<E, R>) -> Option<&str>
where
    E: aws_sdk_ecs::error::ProvideErrorMetadata,
{
    err.as_service_error().and_then(|e| e.message())
}
