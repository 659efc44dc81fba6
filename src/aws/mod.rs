//! The only place that imports `aws_sdk_*` and `aws_config`. Everything leaving
//! this module is a domain type from `crate::model` or an [`AwsError`].

mod api_counter;
pub mod cloudwatch;
pub mod context;
pub mod ecs;
mod ecs_convert;
pub mod elasticache;
mod elasticache_convert;
pub mod error;
pub mod rds;
mod rds_convert;

pub use api_counter::ApiCounter;
pub use context::{connect, AwsContext, ContextOptions, Identity, StartupError};
pub use error::{AwsError, ErrorKind};

use aws_config::SdkConfig;

/// One client per AWS service, all sharing credentials and the request counter.
#[derive(Debug, Clone)]
pub struct Clients {
    pub(crate) ecs: aws_sdk_ecs::Client,
    pub(crate) sts: aws_sdk_sts::Client,
    pub(crate) rds: aws_sdk_rds::Client,
    pub(crate) elasticache: aws_sdk_elasticache::Client,
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
        let rds = aws_sdk_rds::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        let elasticache = aws_sdk_elasticache::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        let cloudwatch = aws_sdk_cloudwatch::config::Builder::from(config)
            .interceptor(counter.clone())
            .build();
        Clients {
            ecs: aws_sdk_ecs::Client::from_conf(ecs),
            sts: aws_sdk_sts::Client::from_conf(sts),
            rds: aws_sdk_rds::Client::from_conf(rds),
            elasticache: aws_sdk_elasticache::Client::from_conf(elasticache),
            cloudwatch: aws_sdk_cloudwatch::Client::from_conf(cloudwatch),
            counter,
        }
    }
}
