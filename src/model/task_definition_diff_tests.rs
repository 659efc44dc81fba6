use super::*;
use crate::model::{
    ContainerDependency, EnvVar, HealthCheck, LogConfiguration, PortMapping, Secret,
};

const ECR: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

fn env(pairs: &[(&str, &str)]) -> Vec<EnvVar> {
    pairs
        .iter()
        .map(|(n, v)| EnvVar {
            name: n.to_string(),
            value: v.to_string(),
        })
        .collect()
}

fn secrets(names: &[&str]) -> Vec<Secret> {
    names
        .iter()
        .map(|n| Secret {
            name: n.to_string(),
            value_from: format!("arn:aws:secretsmanager:us-east-1:123456789012:secret:omni/{n}"),
        })
        .collect()
}

fn web(tag: &str) -> ContainerDefinition {
    ContainerDefinition {
        name: "web".into(),
        image: format!("{ECR}/omni/web:{tag}"),
        essential: true,
        cpu: 256,
        memory: Some(512),
        command: vec!["./server".into(), "--port".into(), "8080".into()],
        port_mappings: vec![PortMapping {
            container_port: Some(8080),
            host_port: Some(8080),
            protocol: "tcp".into(),
            ..Default::default()
        }],
        environment: env(&[("LOG_LEVEL", "info"), ("REGION", "us-east-1")]),
        secrets: secrets(&["DATABASE_URL", "LEGACY_KEY"]),
        log_configuration: Some(LogConfiguration {
            log_driver: "awslogs".into(),
            options: [("awslogs-group".to_string(), "/ecs/omni-web".to_string())].into(),
            secret_options: vec![],
        }),
        health_check: Some(HealthCheck {
            command: vec![
                "CMD-SHELL".into(),
                "curl -f http://localhost:8080/health || exit 1".into(),
            ],
            interval: Some(30),
            timeout: Some(5),
            retries: Some(3),
            start_period: None,
        }),
        ..Default::default()
    }
}

/// Revision 14 of omni-web, registered from CI: the "before" of most pairs.
fn rev14() -> TaskDefinition {
    TaskDefinition {
        arn: "arn:aws:ecs:us-east-1:123456789012:task-definition/omni-web:14".into(),
        family: "omni-web".into(),
        revision: 14,
        status: "ACTIVE".into(),
        registered_at: chrono::DateTime::from_timestamp(1_700_000_000, 0),
        registered_by: "arn:aws:sts::123456789012:assumed-role/ci/build-881".into(),
        cpu: "512".into(),
        memory: "1024".into(),
        network_mode: "awsvpc".into(),
        requires_compatibilities: vec!["FARGATE".into()],
        compatibilities: vec!["EC2".into(), "FARGATE".into()],
        task_role_arn: "arn:aws:iam::123456789012:role/omni-web-task".into(),
        execution_role_arn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole".into(),
        containers: vec![web("1.4.2")],
        ..Default::default()
    }
}

/// The same document registered again: only volatile fields differ.
fn rev15() -> TaskDefinition {
    TaskDefinition {
        arn: "arn:aws:ecs:us-east-1:123456789012:task-definition/omni-web:15".into(),
        revision: 15,
        registered_at: chrono::DateTime::from_timestamp(1_700_086_400, 0),
        registered_by: "arn:aws:sts::123456789012:assumed-role/ci/build-902".into(),
        ..rev14()
    }
}

fn lines(a: &TaskDefinition, b: &TaskDefinition) -> Vec<String> {
    diff(a, b).summary_lines()
}

#[test]
fn re_registered_revision_has_no_changes() {
    let d = diff(&rev14(), &rev15());
    assert!(d.is_empty(), "{:?}", d.summary_lines());
    assert_eq!(
        (d.from.as_str(), d.to.as_str()),
        ("omni-web:14", "omni-web:15")
    );
}

#[test]
fn image_tag_change_is_one_line_with_tags_only() {
    let mut b = rev15();
    b.containers[0].image = format!("{ECR}/omni/web:1.5.0");
    assert_eq!(lines(&rev14(), &b), ["web: image :1.4.2 → :1.5.0"]);
}

#[test]
fn image_from_another_repository_is_shown_whole() {
    let mut b = rev15();
    b.containers[0].image = "public.ecr.aws/nginx/nginx:1.25".into();
    assert_eq!(
        lines(&rev14(), &b),
        [format!(
            "web: image {ECR}/omni/web:1.4.2 → public.ecr.aws/nginx/nginx:1.25"
        )]
    );
}

#[test]
fn env_added_removed_and_changed_with_values() {
    let mut b = rev15();
    b.containers[0].environment = env(&[("LOG_LEVEL", "debug"), ("FEATURE_X", "on")]);
    assert_eq!(
        lines(&rev14(), &b),
        [
            "web: env -REGION=us-east-1",
            "web: env +FEATURE_X=on",
            "web: env LOG_LEVEL info → debug",
        ]
    );
}

#[test]
fn env_order_alone_is_no_change() {
    let mut b = rev15();
    b.containers[0].environment.reverse();
    let d = diff(&rev14(), &b);
    assert!(d.is_empty(), "{:?} {:?}", d.summary_lines(), d.lines);
}

#[test]
fn secrets_by_name_and_source_never_values() {
    let mut b = rev15();
    b.containers[0].secrets = secrets(&["DATABASE_URL", "STRIPE_KEY"]);
    b.containers[0].secrets[0].value_from =
        "arn:aws:ssm:us-east-1:123456789012:parameter/omni/db".into();
    let got = lines(&rev14(), &b);
    assert_eq!(
        got,
        [
            "web: secret -LEGACY_KEY",
            "web: secret +STRIPE_KEY",
            "web: secret DATABASE_URL from arn:aws:secretsmanager:us-east-1:123456789012:secret:omni/DATABASE_URL → arn:aws:ssm:us-east-1:123456789012:parameter/omni/db",
        ]
    );
}

#[test]
fn task_and_container_sizes() {
    let mut b = rev15();
    b.cpu = "1024".into();
    b.memory = "2048".into();
    b.containers[0].cpu = 512;
    b.containers[0].memory = None;
    b.containers[0].memory_reservation = Some(768);
    assert_eq!(
        lines(&rev14(), &b),
        [
            "task: cpu 512 → 1024",
            "task: memory 1024 → 2048",
            "web: cpu 256 → 512",
            "web: memory unset (was 512)",
            "web: memory reservation set to 768",
        ]
    );
}

#[test]
fn container_added_and_removed() {
    let mut b = rev15();
    b.containers.push(ContainerDefinition {
        name: "audit".into(),
        image: format!("{ECR}/omni/audit:2.0.1"),
        essential: false,
        ..Default::default()
    });
    assert_eq!(
        lines(&rev14(), &b),
        [format!(
            "audit: container added (image {ECR}/omni/audit:2.0.1)"
        )]
    );
    assert_eq!(lines(&b, &rev14()), ["audit: container removed"]);
}

#[test]
fn roles_command_ports_health_check_and_dependencies() {
    let mut b = rev15();
    b.task_role_arn = "arn:aws:iam::123456789012:role/omni-web-task-v2".into();
    let c = &mut b.containers[0];
    c.command = vec!["./server".into(), "--port".into(), "9090".into()];
    c.port_mappings[0].container_port = Some(9090);
    c.port_mappings[0].host_port = Some(9090);
    c.health_check = Some(HealthCheck {
        command: vec![
            "CMD-SHELL".into(),
            "curl -f http://localhost:9090/health || exit 1".into(),
        ],
        interval: Some(10),
        ..rev14().containers[0]
            .health_check
            .clone()
            .unwrap_or_default()
    });
    c.depends_on = vec![ContainerDependency {
        container_name: "migrate".into(),
        condition: "SUCCESS".into(),
    }];
    c.essential = false;
    c.readonly_root_filesystem = Some(true);
    assert_eq!(
        lines(&rev14(), &b),
        [
            "task: task role omni-web-task → omni-web-task-v2",
            "web: essential yes → no",
            "web: command ./server --port 8080 → ./server --port 9090",
            "web: port -8080/tcp",
            "web: port +9090/tcp",
            "web: health check curl -f http://localhost:8080/health || exit 1 → curl -f http://localhost:9090/health || exit 1",
            "web: health check interval 30s → 10s",
            "web: depends on +migrate (SUCCESS)",
            "web: readonly root filesystem set to true",
        ]
    );
}

#[test]
fn change_kinds_follow_the_sign() {
    let mut b = rev15();
    b.containers[0].environment =
        env(&[("LOG_LEVEL", "info"), ("REGION", "us-east-1"), ("NEW", "1")]);
    b.containers[0].secrets.pop();
    let d = diff(&rev14(), &b);
    let kinds: Vec<ChangeKind> = d.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Added, ChangeKind::Removed]);
}

#[test]
fn normalised_json_drops_volatile_fields_and_sorts_keys() {
    let json = normalised_json(&rev14());
    for volatile in [
        "taskDefinitionArn",
        "registeredAt",
        "registeredBy",
        "\"revision\"",
        "\"status\"",
    ] {
        assert!(!json.contains(volatile), "{volatile} left in:\n{json}");
    }
    let cpu = json.find("\"cpu\"").unwrap_or(usize::MAX);
    let family = json.find("\"family\"").unwrap_or(usize::MAX);
    let memory = json.find("\"memory\": \"1024\"").unwrap_or(usize::MAX);
    assert!(
        cpu < family && family < memory,
        "keys in sorted order:\n{json}"
    );
}

#[test]
fn unified_diff_shows_the_changed_lines_with_context() {
    let mut b = rev15();
    b.containers[0].image = format!("{ECR}/omni/web:1.5.0");
    let d = diff(&rev14(), &b);
    let text = d.unified_text();
    assert!(
        text.starts_with("--- omni-web:14\n+++ omni-web:15\n@@ "),
        "{text}"
    );
    assert!(
        text.contains(&format!("-      \"image\": \"{ECR}/omni/web:1.4.2\",")),
        "{text}"
    );
    assert!(
        text.contains(&format!("+      \"image\": \"{ECR}/omni/web:1.5.0\",")),
        "{text}"
    );
    let removed = d
        .lines
        .iter()
        .filter(|l| l.kind == DiffLineKind::Removed)
        .count();
    let added = d
        .lines
        .iter()
        .filter(|l| l.kind == DiffLineKind::Added)
        .count();
    assert_eq!((removed, added), (1, 1));
    let context = d
        .lines
        .iter()
        .filter(|l| l.kind == DiffLineKind::Context)
        .count();
    assert_eq!(context, 2 * CONTEXT_LINES);
}

#[test]
fn values_with_line_breaks_stay_on_one_line() {
    let mut b = rev15();
    b.containers[0].environment[0].value = "a\nb".into();
    assert_eq!(lines(&rev14(), &b), ["web: env LOG_LEVEL info → a↵b"]);
}
