//! Application Auto Scaling: the range autoscaling keeps an ECS service's desired
//! count in, so the scale dialog can warn that a manual count would be undone.

use aws_sdk_applicationautoscaling::types::{self as sdk, ScalableDimension, ServiceNamespace};

use super::error::classify;
use super::{AwsError, Clients};
use crate::model::ScalableTarget;

/// The scalable target of a service, None when autoscaling does not manage it.
pub async fn scalable_target(
    clients: &Clients,
    cluster: &str,
    service: &str,
) -> Result<Option<ScalableTarget>, AwsError> {
    let resp = clients
        .autoscaling
        .describe_scalable_targets()
        .service_namespace(ServiceNamespace::Ecs)
        .scalable_dimension(ScalableDimension::EcsServiceDesiredCount)
        .resource_ids(resource_id(cluster, service))
        .send()
        .await
        .map_err(|e| classify("application-autoscaling:DescribeScalableTargets", &e))?;
    Ok(resp.scalable_targets().first().map(convert))
}

/// `service/<cluster>/<service>`, the resource id Application Auto Scaling uses for ECS.
pub fn resource_id(cluster: &str, service: &str) -> String {
    format!("service/{cluster}/{service}")
}

pub fn convert(t: &sdk::ScalableTarget) -> ScalableTarget {
    let suspended = t.suspended_state().is_some_and(|s| {
        s.dynamic_scaling_in_suspended() == Some(true)
            && s.dynamic_scaling_out_suspended() == Some(true)
    });
    ScalableTarget {
        min: t.min_capacity(),
        max: t.max_capacity(),
        suspended,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(suspend: Option<(bool, bool)>) -> sdk::ScalableTarget {
        let mut b = sdk::ScalableTarget::builder()
            .service_namespace(ServiceNamespace::Ecs)
            .resource_id(resource_id("omni-acme-cluster", "omni-web"))
            .scalable_dimension(ScalableDimension::EcsServiceDesiredCount)
            .min_capacity(2)
            .max_capacity(10)
            .role_arn("arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService")
            .creation_time(aws_smithy_types::DateTime::from_secs(1_763_000_000));
        if let Some((scale_in, scale_out)) = suspend {
            b = b.suspended_state(
                sdk::SuspendedState::builder()
                    .dynamic_scaling_in_suspended(scale_in)
                    .dynamic_scaling_out_suspended(scale_out)
                    .scheduled_scaling_suspended(false)
                    .build(),
            );
        }
        b.build().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn converts_the_range_and_suspension() {
        assert_eq!(
            convert(&target(None)),
            ScalableTarget {
                min: 2,
                max: 10,
                suspended: false
            }
        );
        assert!(!convert(&target(Some((true, false)))).suspended);
        assert!(convert(&target(Some((true, true)))).suspended);
        assert_eq!(resource_id("c", "s"), "service/c/s");
    }
}
