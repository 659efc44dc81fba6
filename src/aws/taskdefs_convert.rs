//! ECS task definition SDK types → opsdeck's `TaskDefinition`. Every string passes
//! through `sanitize`; free text (commands, environment values) keeps its line breaks,
//! which serde escapes in JSON and the readable view shows as `↵`.

use std::collections::BTreeMap;

use aws_sdk_ecs::types as sdk;

use super::ecs_convert::time;
use crate::model::{
    ContainerDefinition, ContainerDependency, EnvVar, HealthCheck, LogConfiguration, MountPoint,
    PortMapping, RuntimePlatform, Secret, TaskDefinition, Ulimit, Volume,
};
use crate::sanitize::{clean, one_line};

fn text(s: Option<&str>) -> String {
    one_line(s.unwrap_or_default())
}

/// Untrusted multi-line text: each line cleaned, the breaks kept.
fn multi_line(s: &str) -> String {
    s.split('\n')
        .map(|l| clean(l.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .join("\n")
}

fn words(items: &[String]) -> Vec<String> {
    items.iter().map(|s| multi_line(s)).collect()
}

pub fn task_definition(t: &sdk::TaskDefinition) -> TaskDefinition {
    TaskDefinition {
        arn: text(t.task_definition_arn()),
        family: text(t.family()),
        revision: t.revision(),
        status: t
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        registered_at: time(t.registered_at()),
        registered_by: text(t.registered_by()),
        deregistered_at: time(t.deregistered_at()),
        cpu: text(t.cpu()),
        memory: text(t.memory()),
        network_mode: t
            .network_mode()
            .map(|m| m.as_str().to_string())
            .unwrap_or_default(),
        requires_compatibilities: t
            .requires_compatibilities()
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
        compatibilities: t
            .compatibilities()
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
        task_role_arn: text(t.task_role_arn()),
        execution_role_arn: text(t.execution_role_arn()),
        runtime_platform: t.runtime_platform().map(|p| RuntimePlatform {
            cpu_architecture: p
                .cpu_architecture()
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
            operating_system_family: p
                .operating_system_family()
                .map(|o| o.as_str().to_string())
                .unwrap_or_default(),
        }),
        ephemeral_storage_gib: t.ephemeral_storage().map(|e| e.size_in_gib()),
        pid_mode: t
            .pid_mode()
            .map(|m| m.as_str().to_string())
            .unwrap_or_default(),
        ipc_mode: t
            .ipc_mode()
            .map(|m| m.as_str().to_string())
            .unwrap_or_default(),
        volumes: t.volumes().iter().map(volume).collect(),
        placement_constraints: t
            .placement_constraints()
            .iter()
            .map(|p| {
                let kind = p.r#type().map(|k| k.as_str()).unwrap_or_default();
                one_line(&format!("{kind} {}", p.expression().unwrap_or_default()))
            })
            .collect(),
        containers: t.container_definitions().iter().map(container).collect(),
    }
}

fn volume(v: &sdk::Volume) -> Volume {
    let (kind, source) = if let Some(efs) = v.efs_volume_configuration() {
        let root = efs.root_directory().unwrap_or("/");
        ("efs", format!("{}:{root}", efs.file_system_id()))
    } else if let Some(docker) = v.docker_volume_configuration() {
        let driver = docker.driver().unwrap_or("local");
        let scope = docker.scope().map(|s| s.as_str()).unwrap_or("task");
        ("docker", format!("{driver} ({scope})"))
    } else if let Some(fsx) = v.fsx_windows_file_server_volume_configuration() {
        (
            "fsx",
            format!("{}:{}", fsx.file_system_id(), fsx.root_directory()),
        )
    } else if let Some(path) = v.host().and_then(|h| h.source_path()) {
        ("host", path.to_string())
    } else {
        ("bind", String::new())
    };
    Volume {
        name: text(v.name()),
        kind: kind.to_string(),
        source: one_line(&source),
    }
}

pub fn container(c: &sdk::ContainerDefinition) -> ContainerDefinition {
    ContainerDefinition {
        name: text(c.name()),
        image: text(c.image()),
        essential: c.essential().unwrap_or(true),
        cpu: c.cpu(),
        memory: c.memory(),
        memory_reservation: c.memory_reservation(),
        entry_point: words(c.entry_point()),
        command: words(c.command()),
        port_mappings: c.port_mappings().iter().map(port_mapping).collect(),
        environment: c
            .environment()
            .iter()
            .map(|kv| EnvVar {
                name: text(kv.name()),
                value: multi_line(kv.value().unwrap_or_default()),
            })
            .collect(),
        environment_files: c
            .environment_files()
            .iter()
            .map(|f| one_line(f.value()))
            .collect(),
        secrets: c.secrets().iter().map(secret).collect(),
        log_configuration: c.log_configuration().map(|l| LogConfiguration {
            log_driver: l.log_driver().as_str().to_string(),
            options: string_map(l.options()),
            secret_options: l.secret_options().iter().map(secret).collect(),
        }),
        health_check: c.health_check().map(|h| HealthCheck {
            command: words(h.command()),
            interval: h.interval(),
            timeout: h.timeout(),
            retries: h.retries(),
            start_period: h.start_period(),
        }),
        depends_on: c
            .depends_on()
            .iter()
            .map(|d| ContainerDependency {
                container_name: one_line(d.container_name()),
                condition: d.condition().as_str().to_string(),
            })
            .collect(),
        mount_points: c
            .mount_points()
            .iter()
            .map(|m| MountPoint {
                source_volume: text(m.source_volume()),
                container_path: text(m.container_path()),
                read_only: m.read_only().unwrap_or(false),
            })
            .collect(),
        ulimits: c
            .ulimits()
            .iter()
            .map(|u| Ulimit {
                name: u.name().as_str().to_string(),
                soft_limit: u.soft_limit(),
                hard_limit: u.hard_limit(),
            })
            .collect(),
        user: text(c.user()),
        working_directory: text(c.working_directory()),
        readonly_root_filesystem: c.readonly_root_filesystem(),
        privileged: c.privileged(),
        init_process_enabled: c.linux_parameters().and_then(|l| l.init_process_enabled()),
        start_timeout: c.start_timeout(),
        stop_timeout: c.stop_timeout(),
        repository_credentials: c
            .repository_credentials()
            .map(|r| one_line(r.credentials_parameter()))
            .unwrap_or_default(),
        docker_labels: string_map(c.docker_labels()),
    }
}

fn port_mapping(p: &sdk::PortMapping) -> PortMapping {
    PortMapping {
        container_port: p.container_port(),
        host_port: p.host_port(),
        protocol: p
            .protocol()
            .map(|x| x.as_str().to_string())
            .unwrap_or_else(|| "tcp".to_string()),
        name: text(p.name()),
        app_protocol: p
            .app_protocol()
            .map(|a| a.as_str().to_string())
            .unwrap_or_default(),
        container_port_range: text(p.container_port_range()),
    }
}

fn secret(s: &sdk::Secret) -> Secret {
    Secret {
        name: one_line(s.name()),
        value_from: one_line(s.value_from()),
    }
}

/// Sorted, so the JSON and the diff do not depend on the SDK's hash order.
fn string_map(m: Option<&std::collections::HashMap<String, String>>) -> BTreeMap<String, String> {
    m.into_iter()
        .flatten()
        .map(|(k, v)| (one_line(k), multi_line(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::DateTime;

    fn sdk_api_task() -> sdk::TaskDefinition {
        let api = sdk::ContainerDefinition::builder()
            .name("api")
            .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/omni/api:1.4.2")
            .essential(true)
            .cpu(256)
            .memory(512)
            .memory_reservation(256)
            .entry_point("/bin/sh")
            .entry_point("-c")
            .command("exec ./server\n--port 8080")
            .port_mappings(
                sdk::PortMapping::builder()
                    .container_port(8080)
                    .host_port(8080)
                    .protocol(sdk::TransportProtocol::Tcp)
                    .build(),
            )
            .environment(
                sdk::KeyValuePair::builder()
                    .name("LOG_LEVEL")
                    .value("info")
                    .build(),
            )
            .secrets(
                sdk::Secret::builder()
                    .name("DATABASE_URL")
                    .value_from("arn:aws:secretsmanager:us-east-1:123456789012:secret:omni/db")
                    .build()
                    .unwrap_or_else(|e| panic!("{e}")),
            )
            .log_configuration(
                sdk::LogConfiguration::builder()
                    .log_driver(sdk::LogDriver::Awslogs)
                    .options("awslogs-group", "/ecs/omni-api")
                    .options("awslogs-stream-prefix", "api")
                    .build()
                    .unwrap_or_else(|e| panic!("{e}")),
            )
            .health_check(
                sdk::HealthCheck::builder()
                    .command("CMD-SHELL")
                    .command("curl -f http://localhost:8080/health || exit 1")
                    .interval(30)
                    .retries(3)
                    .build()
                    .unwrap_or_else(|e| panic!("{e}")),
            )
            .depends_on(
                sdk::ContainerDependency::builder()
                    .container_name("audit")
                    .condition(sdk::ContainerCondition::Start)
                    .build()
                    .unwrap_or_else(|e| panic!("{e}")),
            )
            .build();
        let audit = sdk::ContainerDefinition::builder()
            .name("audit")
            .image("omni/audit:2.0\x1b[2J")
            .essential(false)
            .build();
        sdk::TaskDefinition::builder()
            .task_definition_arn("arn:aws:ecs:us-east-1:123456789012:task-definition/omni-api:7")
            .family("omni-api")
            .revision(7)
            .status(sdk::TaskDefinitionStatus::Active)
            .registered_at(DateTime::from_secs(1_700_000_000))
            .registered_by("arn:aws:iam::123456789012:role/deployer")
            .cpu("512")
            .memory("1024")
            .network_mode(sdk::NetworkMode::Awsvpc)
            .requires_compatibilities(sdk::Compatibility::Fargate)
            .compatibilities(sdk::Compatibility::Ec2)
            .compatibilities(sdk::Compatibility::Fargate)
            .task_role_arn("arn:aws:iam::123456789012:role/omni-api-task")
            .execution_role_arn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
            .container_definitions(api)
            .container_definitions(audit)
            .build()
    }

    #[test]
    fn multi_container_task_converts_completely() {
        let t = task_definition(&sdk_api_task());
        assert_eq!(t.short_name(), "omni-api:7");
        assert_eq!((t.cpu.as_str(), t.memory.as_str()), ("512", "1024"));
        assert_eq!(t.network_mode, "awsvpc");
        assert_eq!(t.compatibilities, ["EC2", "FARGATE"]);
        assert_eq!(t.requires_compatibilities, ["FARGATE"]);
        assert_eq!(t.registered_by, "arn:aws:iam::123456789012:role/deployer");
        assert_eq!(t.containers.len(), 2);
        let api = &t.containers[0];
        assert_eq!(api.image_tag(), "1.4.2");
        assert_eq!(api.entry_point, ["/bin/sh", "-c"]);
        assert_eq!(
            api.command,
            ["exec ./server\n--port 8080"],
            "line breaks kept"
        );
        assert_eq!(api.port_mappings[0].label(), "8080/tcp");
        assert_eq!(api.environment[0].value, "info");
        assert_eq!(api.secrets[0].name, "DATABASE_URL");
        let log = api.log_configuration.as_ref().unwrap_or_else(|| panic!());
        assert_eq!(log.log_driver, "awslogs");
        assert_eq!(log.options["awslogs-group"], "/ecs/omni-api");
        let hc = api.health_check.as_ref().unwrap_or_else(|| panic!());
        assert_eq!(
            (hc.interval, hc.retries, hc.timeout),
            (Some(30), Some(3), None)
        );
        assert_eq!(api.depends_on[0].condition, "START");
        assert_eq!(
            (api.cpu, api.memory, api.memory_reservation),
            (256, Some(512), Some(256))
        );
        let audit = &t.containers[1];
        assert!(!audit.essential);
        assert!(!audit.image.contains('\x1b'), "escape sequences defused");
    }

    #[test]
    fn raw_json_uses_aws_field_names_and_never_a_secret_value() {
        let json = task_definition(&sdk_api_task()).raw_json();
        assert!(json.contains("\"taskDefinitionArn\""));
        assert!(json.contains("\"containerDefinitions\""));
        assert!(json.contains("\"valueFrom\""));
        assert!(json.contains("\"registeredAt\": \"2023-11-14T22:13:20Z\""));
        assert!(json.contains("\"command\": [\n        \"exec ./server\\n--port 8080\""));
    }
}
