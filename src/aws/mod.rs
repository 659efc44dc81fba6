//! The only place that imports `aws_sdk_*` and `aws_config`. Everything leaving
//! this module is a domain type from `crate::model` or an [`AwsError`].

mod api_counter;
pub mod autoscaling;
pub mod cfn;
mod cfn_convert;
pub mod cloudwatch;
pub mod context;
pub mod ecs;
mod ecs_convert;
pub mod elasticache;
mod elasticache_convert;
pub mod endpoints;
pub mod error;
pub mod exec;
mod host_prefix;
pub mod live_tail;
pub mod logs;
mod logs_budget;
mod logs_convert;
pub mod mutation;
pub mod rds;
mod rds_convert;
pub mod ssm;
pub mod taskdefs;
mod taskdefs_convert;

pub use api_counter::ApiCounter;
pub use context::{connect, AwsContext, ContextOptions, Identity, StartupError};
pub use error::{AwsError, ErrorKind};
pub use logs_budget::LogsBudget;
pub use mutation::Mutator;

use std::sync::Arc;

use aws_config::SdkConfig;

/// One client per AWS service, all sharing credentials and the request counter.
#[derive(Debug, Clone)]
pub struct Clients {
    pub(crate) ecs: aws_sdk_ecs::Client,
    pub(crate) cfn: aws_sdk_cloudformation::Client,
    pub(crate) sts: aws_sdk_sts::Client,
    pub(crate) ssm: aws_sdk_ssm::Client,
    pub(crate) rds: aws_sdk_rds::Client,
    pub(crate) elasticache: aws_sdk_elasticache::Client,
    /// The session's credentials (the assumed role's, when one was assumed), for
    /// programs that sign their own calls (session-manager-plugin).
    pub(crate) credentials: Option<aws_credential_types::provider::SharedCredentialsProvider>,
    pub(crate) autoscaling: aws_sdk_applicationautoscaling::Client,
    pub(crate) logs: aws_sdk_cloudwatchlogs::Client,
    /// One CloudWatch Logs request budget for every tail (see `logs_budget.rs`).
    pub logs_budget: Arc<LogsBudget>,
    pub(crate) cloudwatch: aws_sdk_cloudwatch::Client,
    pub counter: ApiCounter,
}

impl Clients {
    pub fn new(config: &SdkConfig, counter: ApiCounter) -> Self {
        let ecs = aws_sdk_ecs::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        let sts = aws_sdk_sts::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        let mut ssm = aws_sdk_ssm::config::Builder::from(config).interceptor(counter.clone());
        // Emulators rarely offer SSM sessions: AWS_ENDPOINT_URL_SSM may send SSM elsewhere
        // even when --endpoint-url names one endpoint for everything else.
        if let Some(url) = std::env::var("AWS_ENDPOINT_URL_SSM")
            .ok()
            .filter(|u| !u.is_empty())
        {
            ssm = ssm.endpoint_url(url);
        }
        let ssm = ssm.build();
        let rds = aws_sdk_rds::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        let elasticache = aws_sdk_elasticache::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        let autoscaling = aws_sdk_applicationautoscaling::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        let logs = aws_sdk_cloudwatchlogs::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        let cfn = aws_sdk_cloudformation::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        let cloudwatch = aws_sdk_cloudwatch::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        Clients {
            autoscaling: aws_sdk_applicationautoscaling::Client::from_conf(autoscaling),
            ecs: aws_sdk_ecs::Client::from_conf(ecs),
            ssm: aws_sdk_ssm::Client::from_conf(ssm),
            rds: aws_sdk_rds::Client::from_conf(rds),
            elasticache: aws_sdk_elasticache::Client::from_conf(elasticache),
            cfn: aws_sdk_cloudformation::Client::from_conf(cfn),
            sts: aws_sdk_sts::Client::from_conf(sts),
            credentials: config.credentials_provider(),
            logs: aws_sdk_cloudwatchlogs::Client::from_conf(logs),
            logs_budget: Arc::new(LogsBudget::default()),
            cloudwatch: aws_sdk_cloudwatch::Client::from_conf(cloudwatch),
            counter,
        }
    }

    /// CloudWatch Logs calls go to the endpoint as configured, without the host
    /// prefix some operations add (see `host_prefix.rs`).
    pub fn without_host_prefix(mut self) -> Self {
        let config = self
            .logs
            .config()
            .to_builder()
            .interceptor(host_prefix::NoHostPrefix)
            .build();
        self.logs = aws_sdk_cloudwatchlogs::Client::from_conf(config);
        self
    }
}
