//! Task definition revisions: each family evolves over its revisions the way real ones do (image
//! tags move on, environment variables appear and change, secrets are added, cpu/memory grow).

use anyhow::Result;
use aws_sdk_ecs::types::{
    Compatibility, ContainerDefinition, CpuArchitecture, HealthCheck, KeyValuePair,
    LinuxParameters, LogConfiguration, LogDriver, NetworkMode, OsFamily, PortMapping,
    RuntimePlatform, Secret, Tag, TransportProtocol,
};

use crate::aws::{Aws, Ctx};
use crate::catalog::{Container, Project, Service, Style};
use crate::cfn::Outputs;

/// The image tag of a family's revision `r` (1-based).
pub fn image_tag(p: &Project, s: &Service, r: i32) -> String {
    match p.name {
        "omni-acme" => format!("1.{}.{}", 2 + (r - 1) / 3, (r - 1) % 3),
        "omen-production" => format!("v2.{}.0", 10 + r),
        _ => {
            // Date plus a short commit hash, stable for a given family and revision.
            let mut h: u32 = 2_166_136_261;
            for b in s.family.bytes().chain(r.to_le_bytes()) {
                h = (h ^ u32::from(b)).wrapping_mul(16_777_619);
            }
            format!("2026.11.{}-{:07x}", 2 + r * 3, h & 0x0fff_ffff)
        }
    }
}

fn kv(name: &str, value: impl Into<String>) -> KeyValuePair {
    KeyValuePair::builder().name(name).value(value).build()
}

fn environment(p: &Project, s: &Service, c: &Container, r: i32, aws: &Aws) -> Vec<KeyValuePair> {
    let node = matches!(c.style, Style::NodeWeb | Style::NodeWorker);
    let java = c.style == Style::JavaApi;
    let mut env = vec![
        kv(if node { "NODE_ENV" } else { "APP_ENV" }, "production"),
        kv("AWS_REGION", aws.region.clone()),
        kv("SERVICE_NAME", s.name),
        kv("LOG_LEVEL", if r == 1 { "debug" } else { "info" }),
        kv("LOG_FORMAT", "json"),
    ];
    if let Some(port) = c.port {
        env.push(kv(
            if java { "SERVER_PORT" } else { "PORT" },
            port.to_string(),
        ));
    }
    if r >= 3 {
        env.push(kv(
            "FEATURE_FLAGS_PARAMETER",
            format!("/{}/feature-flags", p.name),
        ));
    }
    if r >= 4 {
        env.push(kv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"));
        env.push(kv("OTEL_SERVICE_NAME", s.name));
    }
    if r >= 5 {
        let timeout = if r >= 7 { "1500" } else { "2500" };
        env.push(kv("UPSTREAM_TIMEOUT_MS", timeout));
    }
    if r >= 6 {
        let (name, value) = match c.style {
            Style::NodeWeb | Style::NodeWorker => ("NODE_OPTIONS", "--max-old-space-size=1536"),
            Style::JavaApi => ("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -XX:+UseG1GC"),
            Style::PythonApi | Style::PythonWorker => ("WEB_CONCURRENCY", "4"),
        };
        env.push(kv(name, value));
    }
    if r >= 8 {
        env.push(kv("RELEASE_CHANNEL", "stable"));
    }
    env
}

fn secrets(p: &Project, r: i32, outputs: &Outputs, aws: &Aws) -> Result<Vec<Secret>> {
    let mut out = Vec::new();
    if r >= 2 {
        let db = outputs.get("DbSecretArn").cloned().unwrap_or_else(|| {
            aws.arn(
                "secretsmanager",
                &format!("secret:{}/database-Xy12Ab", p.name),
            )
        });
        for (name, key) in [
            ("DATABASE_USERNAME", "username"),
            ("DATABASE_PASSWORD", "password"),
        ] {
            out.push(
                Secret::builder()
                    .name(name)
                    .value_from(format!("{db}:{key}::"))
                    .build()
                    .ctx("Secret")?,
            );
        }
    }
    if r >= 4 {
        out.push(
            Secret::builder()
                .name("FEATURE_FLAGS")
                .value_from(aws.arn("ssm", &format!("parameter/{}/feature-flags", p.name)))
                .build()
                .ctx("Secret")?,
        );
    }
    Ok(out)
}

fn container_definition(
    p: &Project,
    s: &Service,
    c: &Container,
    r: i32,
    outputs: &Outputs,
    aws: &Aws,
) -> Result<ContainerDefinition> {
    let mut logs = LogConfiguration::builder()
        .log_driver(LogDriver::Awslogs)
        .options("awslogs-group", p.log_group)
        .options("awslogs-region", aws.region.clone())
        .options("awslogs-stream-prefix", s.stream_prefix);
    if r >= 5 {
        logs = logs
            .options("mode", "non-blocking")
            .options("max-buffer-size", "25m");
    }
    let mut b = ContainerDefinition::builder()
        .name(c.name)
        .image(aws.image(c.repo, &image_tag(p, s, r)))
        .essential(c.essential)
        .set_environment(Some(environment(p, s, c, r, aws)))
        .log_configuration(logs.build().ctx("LogConfiguration")?)
        .stop_timeout(if c.style == Style::JavaApi { 60 } else { 30 });
    if c.essential {
        b = b.set_secrets(Some(secrets(p, r, outputs, aws)?));
    } else {
        b = b.cpu(128).memory_reservation(256);
    }
    if let Some(port) = c.port {
        b = b.port_mappings(
            PortMapping::builder()
                .name(format!("{}-{port}-tcp", c.name))
                .container_port(port)
                .protocol(TransportProtocol::Tcp)
                .build(),
        );
        if let Some(path) = c.health_path {
            let start = if c.style == Style::JavaApi { 90 } else { 20 };
            b = b.health_check(
                HealthCheck::builder()
                    .command("CMD-SHELL")
                    .command(format!("curl -fsS http://localhost:{port}{path} || exit 1"))
                    .interval(15)
                    .timeout(5)
                    .retries(3)
                    .start_period(start)
                    .build()
                    .ctx("HealthCheck")?,
            );
        }
    }
    if s.exec {
        b = b.linux_parameters(
            LinuxParameters::builder()
                .init_process_enabled(true)
                .build(),
        );
    }
    Ok(b.build())
}

/// Task size (cpu units, MiB) of revision `r`: services grow once, two thirds of the way in.
fn size(s: &Service, r: i32) -> (i32, i32) {
    let grown = r * 3 >= s.revisions * 2 && s.revisions > 2;
    let base = match s.containers[0].style {
        Style::JavaApi => (1024, 2048),
        Style::PythonApi if s.name == "omni-ai" => (2048, 4096),
        _ => (512, 1024),
    };
    if grown {
        (base.0 * 2, base.1 * 2)
    } else {
        base
    }
}

/// Registers revisions 1..=n of the service's family in order; returns their ARNs.
pub async fn register_family(
    aws: &Aws,
    p: &Project,
    s: &Service,
    outputs: &Outputs,
) -> Result<Vec<String>> {
    let mut arns = Vec::new();
    for r in 1..=s.revisions {
        let (cpu, memory) = size(s, r);
        let containers = s
            .containers
            .iter()
            .map(|c| container_definition(p, s, c, r, outputs, aws))
            .collect::<Result<Vec<_>>>()?;
        let arch = if s.name == "omni-ai" {
            CpuArchitecture::X8664
        } else {
            CpuArchitecture::Arm64
        };
        let out = aws
            .ecs
            .register_task_definition()
            .family(s.family)
            .requires_compatibilities(Compatibility::Fargate)
            .network_mode(NetworkMode::Awsvpc)
            .cpu(cpu.to_string())
            .memory(memory.to_string())
            .runtime_platform(
                RuntimePlatform::builder()
                    .operating_system_family(OsFamily::Linux)
                    .cpu_architecture(arch)
                    .build(),
            )
            .set_execution_role_arn(outputs.get("TaskExecutionRoleArn").cloned())
            .set_task_role_arn(outputs.get("TaskRoleArn").cloned())
            .set_container_definitions(Some(containers))
            .tags(Tag::builder().key("project").value(p.name).build())
            .send()
            .await
            .ctx(format!("RegisterTaskDefinition {}:{r}", s.family))?;
        if let Some(arn) = out.task_definition().and_then(|t| t.task_definition_arn()) {
            arns.push(arn.to_string());
        }
    }
    Ok(arns)
}
