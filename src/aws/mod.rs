//! The only place that imports `aws_sdk_*` and `aws_config`. Everything leaving
//! this module is a domain type from `crate::model` or an [`AwsError`].

mod api_counter;
pub mod context;
pub mod ecs;
mod ecs_convert;
pub mod error;
pub mod logs;
mod logs_budget;
mod logs_convert;

pub use api_counter::ApiCounter;
pub use context::{connect, AwsContext, ContextOptions, Identity, StartupError};
pub use error::{AwsError, ErrorKind};
pub use logs_budget::LogsBudget;

use std::sync::Arc;

use aws_config::SdkConfig;

/// One client per AWS service, all sharing credentials and the request counter.
#[derive(Debug, Clone)]
pub struct Clients {
    pub(crate) ecs: aws_sdk_ecs::Client,
    pub(crate) sts: aws_sdk_sts::Client,
    pub(crate) logs: aws_sdk_cloudwatchlogs::Client,
    /// One CloudWatch Logs request budget for every tail (see `logs_budget.rs`).
    pub logs_budget: Arc<LogsBudget>,
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
        let logs = aws_sdk_cloudwatchlogs::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        Clients {
            ecs: aws_sdk_ecs::Client::from_conf(ecs),
            sts: aws_sdk_sts::Client::from_conf(sts),
            logs: aws_sdk_cloudwatchlogs::Client::from_conf(logs),
            logs_budget: Arc::new(LogsBudget::default()),
            counter,
        }
    }
}
