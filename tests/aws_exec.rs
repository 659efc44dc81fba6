//! ECS Exec against the emulator over HTTP: ExecuteCommand's session and the task's
//! runtime id, and the checks that stop a session before it starts (task stopped,
//! exec disabled, ecs:ExecuteCommand denied). The plugin itself is covered by
//! tests/e2e_exec.rs with a stand-in.

mod common;

use common::emulator::{self, fresh_account};
use opsdeck::aws::{self, ecs};
use opsdeck::exec::{preflight, ExecProblem};
use opsdeck::model::Task;

async fn first_task(clients: &aws::Clients, cluster: &str, service: &str) -> Task {
    let tasks = emulator::eventually("a running task", || async {
        let tasks = ecs::tasks(clients, cluster, Some(service), false)
            .await
            .ok()?;
        (!tasks.is_empty()).then_some(tasks)
    })
    .await;
    tasks
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no task"))
}

#[tokio::test]
async fn execute_command_gives_a_session_and_the_target_parts() {
    let (url, account) = (emulator::url(), fresh_account());
    let seeded =
        emulator::seed_cluster(&emulator::ecs_client(&url, &account), "exec-c", 1, 1).await;
    let clients = emulator::clients(&url, &account);
    let task = first_task(&clients, &seeded.cluster, &seeded.services[0]).await;
    let container = &task.containers[0].name;

    let runtime_id = preflight(&task, container).unwrap_or_else(|p| panic!("preflight: {p}"));
    assert!(!runtime_id.is_empty());
    let started =
        aws::exec::execute_command(&clients, &seeded.cluster, &task.arn, container, "/bin/sh")
            .await
            .unwrap_or_else(|p| panic!("ExecuteCommand: {p}"));
    assert_eq!(started.cluster_name, "exec-c");
    assert!(!started.session.session_id.is_empty());
    assert!(
        started.session.stream_url.starts_with("wss://"),
        "{}",
        started.session.stream_url
    );
    assert!(!started.session.token_value.is_empty());
}

#[tokio::test]
async fn a_task_stopped_meanwhile_is_refused_with_a_reason() {
    let (url, account) = (emulator::url(), fresh_account());
    let ecs_client = emulator::ecs_client(&url, &account);
    let seeded = emulator::seed_cluster(&ecs_client, "exec-stop", 1, 1).await;
    let clients = emulator::clients(&url, &account);
    let task = first_task(&clients, &seeded.cluster, &seeded.services[0]).await;
    ecs_client
        .stop_task()
        .cluster(&seeded.cluster)
        .task(&task.arn)
        .send()
        .await
        .unwrap_or_else(|e| panic!("StopTask: {e:?}"));

    let now = ecs::describe_tasks(&clients, &seeded.cluster, vec![task.arn.clone()])
        .await
        .unwrap_or_else(|e| panic!("DescribeTasks: {}", e.summary()));
    let problem = match now.first() {
        Some(t) => preflight(t, &t.containers[0].name).err(),
        None => Some(ExecProblem::TaskGone {
            task: task.short_id().into(),
        }),
    };
    let message = problem.map(|p| p.to_string()).unwrap_or_default();
    assert!(
        message.contains("not RUNNING") || message.contains("no longer exists"),
        "{message}"
    );
}

#[tokio::test]
async fn a_task_started_without_exec_says_how_to_enable_it() {
    let (url, account) = (emulator::url(), fresh_account());
    let ecs_client = emulator::ecs_client(&url, &account);
    let seeded = emulator::seed_cluster(&ecs_client, "exec-off", 0, 0).await;
    let run = ecs_client
        .run_task()
        .cluster(&seeded.cluster)
        .task_definition(&seeded.task_definition)
        .launch_type(aws_sdk_ecs::types::LaunchType::Fargate)
        .enable_execute_command(false)
        .send()
        .await
        .unwrap_or_else(|e| panic!("RunTask: {e:?}"));
    let arn = run.tasks()[0].task_arn().unwrap_or_default().to_string();
    let clients = emulator::clients(&url, &account);
    let tasks = ecs::describe_tasks(&clients, &seeded.cluster, vec![arn])
        .await
        .unwrap_or_else(|e| panic!("DescribeTasks: {}", e.summary()));
    let task = &tasks[0];
    let message = preflight(task, &task.containers[0].name)
        .err()
        .map(|p| p.to_string())
        .unwrap_or_default();
    assert!(
        message.starts_with("ECS Exec is not enabled on task"),
        "{message}"
    );
    assert!(
        message.contains("enable-execute-command") && message.contains("force a new deployment")
    );
}

#[tokio::test]
async fn execute_command_denied_by_iam_says_which_permission() {
    let (url, account) = (emulator::auth_url(), fresh_account());
    let seeded =
        emulator::seed_cluster(&emulator::ecs_client(&url, &account), "exec-iam", 1, 1).await;
    let key = emulator::create_user(&url, &account, "no-exec", &emulator::ecs_read_policy());
    let clients = aws::Clients::new(
        &emulator::sdk_config(&url, &key.id, &key.secret, None),
        aws::ApiCounter::default(),
    );
    let task = first_task(&clients, &seeded.cluster, &seeded.services[0]).await;
    let problem = aws::exec::execute_command(
        &clients,
        &seeded.cluster,
        &task.arn,
        &task.containers[0].name,
        "/bin/sh",
    )
    .await
    .err();
    assert!(
        matches!(problem, Some(ExecProblem::AccessDenied { .. })),
        "{problem:?}"
    );
    let message = problem.map(|p| p.to_string()).unwrap_or_default();
    assert!(message.contains("ecs:ExecuteCommand"), "{message}");
}

#[tokio::test]
async fn the_demo_database_and_cache_are_offered_as_tunnel_destinations() {
    // The seeded world (account 123456789012) has an RDS PostgreSQL and a Redis group.
    let clients = emulator::clients(&emulator::url(), "123456789012");
    let endpoints = aws::endpoints::private_endpoints(&clients)
        .await
        .unwrap_or_else(|e| panic!("endpoints: {}", e.summary()));
    let labels: Vec<String> = endpoints
        .iter()
        .map(|e| format!("{} {}:{}", e.label, e.host, e.port))
        .collect();
    assert!(
        endpoints
            .iter()
            .any(|e| e.label.starts_with("RDS ") && e.port == 5432),
        "{labels:#?}"
    );
    assert!(
        endpoints
            .iter()
            .any(|e| e.label.starts_with("Redis ") && e.port == 6379),
        "{labels:#?}"
    );
}

#[tokio::test]
async fn an_endpoint_without_ssm_sessions_fails_the_tunnel_in_words() {
    let (url, account) = (emulator::url(), fresh_account());
    let seeded = emulator::seed_cluster(&emulator::ecs_client(&url, &account), "pf-c", 1, 1).await;
    let clients = emulator::clients(&url, &account);
    let task = first_task(&clients, &seeded.cluster, &seeded.services[0]).await;
    let runtime_id = preflight(&task, &task.containers[0].name).unwrap_or_else(|p| panic!("{p}"));
    let target = format!("ecs:pf-c_{}_{runtime_id}", task.id);
    let to = opsdeck::model::TunnelTarget::TaskPort { port: 8080 };
    let problem = aws::ssm::start_port_forwarding(&clients, &target, &to, 18080)
        .await
        .err()
        .map(|p| p.to_string())
        .unwrap_or_default();
    // ministack has no SSM sessions: the failure is reported, never a panic or a hang.
    assert!(problem.contains("StartSession"), "{problem}");
}
