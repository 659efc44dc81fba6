//! The only place that imports `aws_sdk_*` and `aws_config`. Everything leaving
//! this module is a domain type from `crate::model` or an [`AwsError`].

mod api_counter;
pub mod cfn;
mod cfn_convert;
pub mod context;
pub mod ecs;
mod ecs_convert;
pub mod error;

pub use api_counter::ApiCounter;
pub use context::{connect, AwsContext, ContextOptions, Identity, StartupError};
pub use error::{AwsError, ErrorKind};

use aws_config::SdkConfig;

/// One client per AWS service, all sharing credentials and the request counter.
#[derive(Debug, Clone)]
pub struct Clients {
    pub(crate) ecs: aws_sdk_ecs::Client,
    pub(crate) cfn: aws_sdk_cloudformation::Client,
    pub(crate) sts: aws_sdk_sts::Client,
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
        let cfn = aws_sdk_cloudformation::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        Clients {
            ecs: aws_sdk_ecs::Client::from_conf(ecs),
            cfn: aws_sdk_cloudformation::Client::from_conf(cfn),
            sts: aws_sdk_sts::Client::from_conf(sts),
            counter,
        }
    }
}
