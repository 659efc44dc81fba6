//! Task definition reads (`opsdeck::aws::taskdefs`) over real HTTP against the local emulator:
//! a multi-container revision converted completely, revisions of a family listed newest first
//! with their status and paged to the end, families listed. Each test works in a fresh account.

mod common;

use aws_sdk_ecs::types as sdk;
use common::emulator;
use opsdeck::aws::{taskdefs, ErrorKind};
use opsdeck::model::task_definition_diff;

const ECR: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

/// The demo's API task: an API container and an audit worker it depends on, with everything
/// the revision view shows.
async fn register_api(ecs: &aws_sdk_ecs::Client, family: &str, tag: &str, account: &str) -> String {
    let secret = |name: &str| {
        sdk::Secret::builder()
            .name(name)
            .value_from(format!(
                "arn:aws:secretsmanager:us-east-1:{account}:secret:omni/{name}"
            ))
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let api = sdk::ContainerDefinition::builder()
        .name("api")
        .image(format!("{ECR}/omni/api:{tag}"))
        .essential(true)
        .cpu(384)
        .memory(768)
        .memory_reservation(512)
        .entry_point("/usr/local/bin/entrypoint")
        .command("serve")
        .command("--port=8080")
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
        .environment(
            sdk::KeyValuePair::builder()
                .name("AUDIT_URL")
                .value("http://localhost:9000")
                .build(),
        )
        .secrets(secret("DATABASE_URL"))
        .secrets(secret("SESSION_KEY"))
        .log_configuration(
            sdk::LogConfiguration::builder()
                .log_driver(sdk::LogDriver::Awslogs)
                .options("awslogs-group", "/ecs/omni-api")
                .options("awslogs-region", "us-east-1")
                .options("awslogs-stream-prefix", "api")
                .build()
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .health_check(
            sdk::HealthCheck::builder()
                .command("CMD-SHELL")
                .command("curl -fs http://localhost:8080/health || exit 1")
                .interval(15)
                .timeout(5)
                .retries(3)
                .start_period(30)
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
        .image(format!("{ECR}/omni/audit-worker:3.2.0"))
        .essential(false)
        .cpu(128)
        .memory(256)
        .command("worker")
        .port_mappings(
            sdk::PortMapping::builder()
                .container_port(9000)
                .protocol(sdk::TransportProtocol::Tcp)
                .build(),
        )
        .build();
    let resp = ecs
        .register_task_definition()
        .family(family)
        .requires_compatibilities(sdk::Compatibility::Fargate)
        .network_mode(sdk::NetworkMode::Awsvpc)
        .cpu("512")
        .memory("1024")
        .task_role_arn(format!("arn:aws:iam::{account}:role/omni-api-task"))
        .execution_role_arn(format!("arn:aws:iam::{account}:role/ecsTaskExecutionRole"))
        .container_definitions(api)
        .container_definitions(audit)
        .send()
        .await
        .unwrap_or_else(|e| panic!("seeding: RegisterTaskDefinition {family}: {e:?}"));
    resp.task_definition()
        .and_then(|t| t.task_definition_arn())
        .unwrap_or_else(|| panic!("no ARN"))
        .to_string()
}

#[tokio::test]
async fn a_multi_container_revision_converts_completely() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    let arn = register_api(&sdk, "omni-api", "1.4.2", &account).await;
    let clients = emulator::clients(&url, &account);

    let by_name = taskdefs::describe(&clients, "omni-api:1")
        .await
        .unwrap_or_else(|e| panic!("describe omni-api:1: {}", e.summary()));
    let by_arn = taskdefs::describe(&clients, &arn)
        .await
        .unwrap_or_else(|e| panic!("describe {arn}: {}", e.summary()));
    assert_eq!(by_name, by_arn);
    let t = by_arn;
    assert_eq!(t.arn, arn);
    assert_eq!((t.family.as_str(), t.revision), ("omni-api", 1));
    assert_eq!(t.status, "ACTIVE");
    assert!(t.registered_at.is_some(), "registeredAt shown in the list");
    assert_eq!((t.cpu.as_str(), t.memory.as_str()), ("512", "1024"));
    assert_eq!(t.network_mode, "awsvpc");
    assert_eq!(t.requires_compatibilities, ["FARGATE"]);
    assert_eq!(
        t.task_role_arn,
        format!("arn:aws:iam::{account}:role/omni-api-task")
    );
    assert_eq!(
        t.execution_role_arn,
        format!("arn:aws:iam::{account}:role/ecsTaskExecutionRole")
    );

    let names: Vec<&str> = t.containers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["api", "audit"]);
    let api = &t.containers[0];
    assert_eq!(api.image_tag(), "1.4.2");
    assert!(api.essential);
    assert_eq!(
        (api.cpu, api.memory, api.memory_reservation),
        (384, Some(768), Some(512))
    );
    assert_eq!(api.entry_point, ["/usr/local/bin/entrypoint"]);
    assert_eq!(api.command, ["serve", "--port=8080"]);
    assert_eq!(api.port_mappings.len(), 1);
    assert_eq!(api.port_mappings[0].label(), "8080/tcp");
    let env: Vec<(&str, &str)> = api
        .environment
        .iter()
        .map(|e| (e.name.as_str(), e.value.as_str()))
        .collect();
    assert_eq!(
        env,
        [
            ("LOG_LEVEL", "info"),
            ("AUDIT_URL", "http://localhost:9000")
        ]
    );
    let secrets: Vec<&str> = api.secrets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(secrets, ["DATABASE_URL", "SESSION_KEY"]);
    assert_eq!(
        api.secrets[0].value_from,
        format!("arn:aws:secretsmanager:us-east-1:{account}:secret:omni/DATABASE_URL")
    );
    let log = api
        .log_configuration
        .as_ref()
        .unwrap_or_else(|| panic!("log configuration of api"));
    assert_eq!(log.log_driver, "awslogs");
    assert_eq!(log.options["awslogs-group"], "/ecs/omni-api");
    assert_eq!(log.options["awslogs-stream-prefix"], "api");
    let hc = api
        .health_check
        .as_ref()
        .unwrap_or_else(|| panic!("health check of api"));
    assert_eq!(
        hc.command,
        [
            "CMD-SHELL",
            "curl -fs http://localhost:8080/health || exit 1"
        ]
    );
    assert_eq!(
        (hc.interval, hc.timeout, hc.retries, hc.start_period),
        (Some(15), Some(5), Some(3), Some(30))
    );
    assert_eq!(api.depends_on.len(), 1);
    assert_eq!(
        (
            api.depends_on[0].container_name.as_str(),
            api.depends_on[0].condition.as_str()
        ),
        ("audit", "START")
    );

    let audit = &t.containers[1];
    assert_eq!(audit.image, format!("{ECR}/omni/audit-worker:3.2.0"));
    assert!(!audit.essential);
    assert_eq!((audit.cpu, audit.memory), (128, Some(256)));
    assert_eq!(audit.command, ["worker"]);
    assert_eq!(audit.port_mappings[0].label(), "9000/tcp");
}

#[tokio::test]
async fn a_new_image_tag_shows_as_one_summary_line() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    register_api(&sdk, "omni-api", "1.4.2", &account).await;
    register_api(&sdk, "omni-api", "1.5.0", &account).await;
    let clients = emulator::clients(&url, &account);
    let both = taskdefs::describe_many(&clients, vec!["omni-api:1".into(), "omni-api:2".into()])
        .await
        .unwrap_or_else(|e| panic!("describe_many: {}", e.summary()));
    assert_eq!(both.len(), 2);
    assert_eq!(
        (both[0].revision, both[1].revision),
        (1, 2),
        "in the order asked"
    );
    let d = task_definition_diff::diff(&both[0], &both[1]);
    assert_eq!(d.summary_lines(), ["api: image :1.4.2 → :1.5.0"]);
}

#[tokio::test]
async fn revisions_newest_first_paged_to_the_end_with_their_status() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    // Hundreds of revisions: more than two ListTaskDefinitions pages of 100.
    const REVISIONS: i32 = 230;
    for i in 1..=REVISIONS {
        emulator::register_task_definition(&sdk, "omni-web", &format!("1.{i}")).await;
    }
    // A family whose name starts with the other's: familyPrefix matches it too.
    emulator::register_task_definition(&sdk, "omni-web-worker", "1.0").await;
    for revision in [3, 7] {
        sdk.deregister_task_definition()
            .task_definition(format!("omni-web:{revision}"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("seeding: DeregisterTaskDefinition: {e:?}"));
    }
    let clients = emulator::clients(&url, &account);

    let all = taskdefs::all_revisions(&clients, "omni-web")
        .await
        .unwrap_or_else(|e| panic!("all_revisions: {}", e.summary()));
    let numbers: Vec<i32> = all.iter().map(|r| r.revision).collect();
    let expected: Vec<i32> = (1..=REVISIONS).rev().collect();
    assert_eq!(
        numbers, expected,
        "every revision, newest first, no other family"
    );
    assert!(all.iter().all(|r| r.family == "omni-web"));
    assert_eq!(
        all[0].arn,
        format!("arn:aws:ecs:us-east-1:{account}:task-definition/omni-web:{REVISIONS}")
    );
    let status_of = |n: i32| {
        all.iter()
            .find(|r| r.revision == n)
            .map(|r| r.status.clone())
            .unwrap_or_default()
    };
    assert_eq!(status_of(3), "INACTIVE");
    assert_eq!(status_of(7), "INACTIVE");
    assert_eq!(status_of(8), "ACTIVE");

    let before = clients.counter.get();
    let active = taskdefs::revisions(&clients, "omni-web", "ACTIVE")
        .await
        .unwrap_or_else(|e| panic!("revisions ACTIVE: {}", e.summary()));
    assert_eq!(active.len(), REVISIONS as usize - 2);
    assert_eq!(
        clients.counter.get() - before,
        3,
        "229 ARNs (the worker's included) take three ListTaskDefinitions pages of 100"
    );
}

#[tokio::test]
async fn families_are_listed_sorted_and_a_missing_revision_is_named() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    for family in ["omni-web", "omni-searcher", "audit-worker"] {
        emulator::register_task_definition(&sdk, family, "1.0").await;
    }
    let clients = emulator::clients(&url, &account);
    sdk.deregister_task_definition()
        .task_definition("audit-worker:1")
        .send()
        .await
        .unwrap_or_else(|e| panic!("seeding: DeregisterTaskDefinition: {e:?}"));
    let active = taskdefs::families(&clients, true)
        .await
        .unwrap_or_else(|e| panic!("families: {}", e.summary()));
    assert_eq!(
        active,
        ["omni-searcher", "omni-web"],
        "audit-worker has no ACTIVE revision"
    );
    let families = taskdefs::families(&clients, false)
        .await
        .unwrap_or_else(|e| panic!("families: {}", e.summary()));
    assert_eq!(families, ["audit-worker", "omni-searcher", "omni-web"]);

    let missing = taskdefs::describe(&clients, "omni-web:99")
        .await
        .err()
        .unwrap_or_else(|| panic!("omni-web:99 does not exist"));
    assert_eq!(missing.kind, ErrorKind::NotFound, "{}", missing.summary());
    assert!(
        missing.message.contains("omni-web:99"),
        "{}",
        missing.summary()
    );
}
