//! ECS SDK types → opsdeck domain types. Every string from AWS passes through
//! `sanitize` here, so nothing downstream can print a raw control sequence.

use aws_sdk_ecs::types as sdk;

use crate::model::{
    arn_tail, CircuitBreaker, Cluster, Container, Deployment, DeploymentConfig, LoadBalancer,
    NetworkConfig, Service, ServiceEvent, Task, Timestamp,
};
use crate::sanitize::{clean, one_line};

pub fn time(t: Option<&aws_smithy_types::DateTime>) -> Option<Timestamp> {
    t.and_then(|t| chrono::DateTime::from_timestamp(t.secs(), t.subsec_nanos()))
}

fn text(s: Option<&str>) -> String {
    one_line(s.unwrap_or_default())
}

pub fn cluster(c: &sdk::Cluster) -> Cluster {
    Cluster {
        arn: text(c.cluster_arn()),
        name: text(c.cluster_name()),
        status: text(c.status()),
        active_services: c.active_services_count(),
        running_tasks: c.running_tasks_count(),
        pending_tasks: c.pending_tasks_count(),
        capacity_providers: c.capacity_providers().iter().map(|p| one_line(p)).collect(),
    }
}

pub fn service(s: &sdk::Service) -> Service {
    let launch_type = match s.launch_type() {
        Some(lt) => lt.as_str().to_string(),
        None => s
            .capacity_provider_strategy()
            .iter()
            .map(|c| one_line(c.capacity_provider()))
            .collect::<Vec<_>>()
            .join("+"),
    };
    Service {
        arn: text(s.service_arn()),
        name: text(s.service_name()),
        cluster_arn: text(s.cluster_arn()),
        status: text(s.status()),
        desired: s.desired_count(),
        running: s.running_count(),
        pending: s.pending_count(),
        task_definition: text(s.task_definition()),
        launch_type,
        created_at: time(s.created_at()),
        deployments: s.deployments().iter().map(deployment).collect(),
        events: s
            .events()
            .iter()
            .map(|e| ServiceEvent {
                id: text(e.id()),
                created_at: time(e.created_at()),
                // Event messages can be long; they are wrapped on screen, never cut here.
                message: clean(e.message().unwrap_or_default()),
            })
            .collect(),
        load_balancers: s
            .load_balancers()
            .iter()
            .map(|lb| LoadBalancer {
                target: text(lb.target_group_arn().or(lb.load_balancer_name())),
                container: text(lb.container_name()),
                port: lb.container_port(),
            })
            .collect(),
        network: s
            .network_configuration()
            .and_then(|n| n.awsvpc_configuration())
            .map(|v| NetworkConfig {
                subnets: v.subnets().iter().map(|x| one_line(x)).collect(),
                security_groups: v.security_groups().iter().map(|x| one_line(x)).collect(),
                public_ip: matches!(v.assign_public_ip(), Some(sdk::AssignPublicIp::Enabled)),
            }),
        deployment_config: s
            .deployment_configuration()
            .map(|d| DeploymentConfig {
                min_healthy_percent: d.minimum_healthy_percent(),
                max_percent: d.maximum_percent(),
                circuit_breaker: d.deployment_circuit_breaker().map(|c| CircuitBreaker {
                    enabled: c.enable(),
                    rollback: c.rollback(),
                }),
            })
            .unwrap_or_default(),
        exec_enabled: s.enable_execute_command(),
    }
}

fn deployment(d: &sdk::Deployment) -> Deployment {
    Deployment {
        id: text(d.id()),
        status: text(d.status()),
        task_definition: text(d.task_definition()),
        desired: d.desired_count(),
        pending: d.pending_count(),
        running: d.running_count(),
        failed: d.failed_tasks(),
        rollout_state: d
            .rollout_state()
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
        rollout_reason: text(d.rollout_state_reason()),
        created_at: time(d.created_at()),
        updated_at: time(d.updated_at()),
    }
}

pub fn task(t: &sdk::Task) -> Task {
    let arn = text(t.task_arn());
    // awsvpc tasks carry their ENI address in the attachment details.
    let private_ip = t
        .attachments()
        .iter()
        .flat_map(|a| a.details())
        .find(|kv| kv.name() == Some("privateIPv4Address"))
        .and_then(|kv| kv.value())
        .or_else(|| {
            t.containers()
                .iter()
                .flat_map(|c| c.network_interfaces())
                .find_map(|n| n.private_ipv4_address())
        });
    Task {
        id: arn_tail(&arn).to_string(),
        arn,
        last_status: text(t.last_status()),
        desired_status: text(t.desired_status()),
        health: t
            .health_status()
            .map(|h| h.as_str().to_string())
            .unwrap_or_default(),
        task_definition: text(t.task_definition_arn()),
        group: text(t.group()),
        started_at: time(t.started_at()),
        stopped_at: time(t.stopped_at()),
        availability_zone: text(t.availability_zone()),
        private_ip: text(private_ip),
        stopped_reason: text(t.stopped_reason()),
        stop_code: t
            .stop_code()
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        exec_enabled: t.enable_execute_command(),
        containers: t.containers().iter().map(container).collect(),
    }
}

fn container(c: &sdk::Container) -> Container {
    Container {
        name: text(c.name()),
        image: text(c.image()),
        last_status: text(c.last_status()),
        health: c
            .health_status()
            .map(|h| h.as_str().to_string())
            .unwrap_or_default(),
        exit_code: c.exit_code(),
        reason: text(c.reason()),
        runtime_id: text(c.runtime_id()),
        exec_agent: c
            .managed_agents()
            .iter()
            .find(|a| a.name().map(|n| n.as_str()) == Some("ExecuteCommandAgent"))
            .map(|a| text(a.last_status())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::DateTime;

    #[test]
    fn service_with_two_deployments_converts_completely() {
        let sdk_service = sdk::Service::builder()
            .service_arn("arn:aws:ecs:us-east-1:123456789012:service/omni-acme-cluster/omni-web")
            .service_name("omni-web")
            .status("ACTIVE")
            .desired_count(4)
            .running_count(3)
            .pending_count(1)
            .task_definition("arn:aws:ecs:us-east-1:123456789012:task-definition/omni-web:14")
            .launch_type(sdk::LaunchType::Fargate)
            .deployments(
                sdk::Deployment::builder()
                    .id("ecs-svc/1")
                    .status("PRIMARY")
                    .rollout_state(sdk::DeploymentRolloutState::InProgress)
                    .rollout_state_reason("ECS deployment ecs-svc/1 in progress.")
                    .desired_count(4)
                    .running_count(2)
                    .failed_tasks(1)
                    .build(),
            )
            .deployments(
                sdk::Deployment::builder()
                    .id("ecs-svc/0")
                    .status("ACTIVE")
                    .rollout_state(sdk::DeploymentRolloutState::Completed)
                    .build(),
            )
            .events(
                sdk::ServiceEvent::builder()
                    .id("e1")
                    .created_at(DateTime::from_secs(1_700_000_000))
                    .message("(service omni-web) has started 1 tasks: \x1b[31m(task abc).")
                    .build(),
            )
            .deployment_configuration(
                sdk::DeploymentConfiguration::builder()
                    .minimum_healthy_percent(100)
                    .maximum_percent(200)
                    .deployment_circuit_breaker(
                        sdk::DeploymentCircuitBreaker::builder()
                            .enable(true)
                            .rollback(true)
                            .build(),
                    )
                    .build(),
            )
            .build();
        let s = service(&sdk_service);
        assert_eq!(s.name, "omni-web");
        assert_eq!(s.task_definition_short(), "omni-web:14");
        assert_eq!((s.desired, s.running, s.pending), (4, 3, 1));
        assert_eq!(s.launch_type, "FARGATE");
        assert_eq!(s.rollout_state(), "IN_PROGRESS");
        assert_eq!(s.deployments[0].failed, 1);
        assert_eq!(s.deployments.len(), 2);
        assert!(
            !s.events[0].message.contains('\x1b'),
            "escape sequences are defused"
        );
        assert_eq!(
            s.deployment_config.circuit_breaker,
            Some(CircuitBreaker {
                enabled: true,
                rollback: true
            })
        );
        assert_eq!(
            s.last_event_at().map(|t| t.timestamp()),
            Some(1_700_000_000)
        );
    }

    #[test]
    fn stopped_task_keeps_reason_code_and_ip() {
        let t = sdk::Task::builder()
            .task_arn("arn:aws:ecs:us-east-1:123456789012:task/omni-acme-cluster/0123456789abcdef0123456789abcdef")
            .last_status("STOPPED")
            .desired_status("STOPPED")
            .stop_code(sdk::TaskStopCode::EssentialContainerExited)
            .stopped_reason("Essential container in task exited")
            .attachments(
                sdk::Attachment::builder()
                    .r#type("ElasticNetworkInterface")
                    .details(
                        sdk::KeyValuePair::builder()
                            .name("privateIPv4Address")
                            .value("10.0.1.23")
                            .build(),
                    )
                    .build(),
            )
            .containers(
                sdk::Container::builder()
                    .name("api")
                    .exit_code(137)
                    .runtime_id("0123456789abcdef0123456789abcdef-2531612879")
                    .health_status(sdk::HealthStatus::Unhealthy)
                    .build(),
            )
            .build();
        let task = task(&t);
        assert_eq!(task.short_id(), "01234567");
        assert_eq!(task.private_ip, "10.0.1.23");
        assert_eq!(task.stop_code, "EssentialContainerExited");
        assert_eq!(task.containers[0].exit_code, Some(137));
        assert_eq!(task.containers[0].health, "UNHEALTHY");
    }
}
