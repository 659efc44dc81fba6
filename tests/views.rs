//! Screens drawn into a test backend at 80x24 and 160x48, snapshot-tested, with
//! colour checks where colour carries meaning (failed = red).

use crossterm::event::KeyCode;
use opsdeck::action::Loaded;
use opsdeck::aws::{AwsError, ErrorKind};
use opsdeck::model::{
    CircuitBreaker, Cluster, Container, Deployment, DeploymentConfig, LoadBalancer, NetworkConfig,
    Service, ServiceEvent, Task,
};
use opsdeck::state::State;
use opsdeck::update::open_initial_views;
use ratatui::style::Color;

mod common;
use common::screen::*;

fn deployment(
    status: &str,
    rollout: &str,
    td: &str,
    desired: i32,
    running: i32,
    failed: i32,
) -> Deployment {
    Deployment {
        id: format!("ecs-svc/{td}"),
        status: status.into(),
        task_definition: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/{td}"),
        desired,
        running,
        pending: desired - running,
        failed,
        rollout_state: rollout.into(),
        rollout_reason: match rollout {
            "IN_PROGRESS" => "ECS deployment in progress.".into(),
            "FAILED" => "ECS deployment circuit breaker: tasks failed to start.".into(),
            _ => "ECS deployment completed.".into(),
        },
        created_at: ago(600),
        updated_at: ago(30),
    }
}

fn service(name: &str, td: &str, deployments: Vec<Deployment>) -> Service {
    let desired = deployments.first().map_or(0, |d| d.desired);
    let running = deployments.iter().map(|d| d.running).sum();
    Service {
        arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:service/omni-acme-cluster/{name}"),
        name: name.into(),
        cluster_arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/omni-acme-cluster"),
        status: "ACTIVE".into(),
        desired,
        running,
        pending: 0,
        task_definition: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/{td}"),
        launch_type: "FARGATE".into(),
        created_at: ago(86_400 * 30),
        deployments,
        events: vec![
            ServiceEvent {
                id: "e3".into(),
                created_at: ago(40),
                message: format!("(service {name}) has started 2 tasks: (task 6f1c2a9e) (task 9d0b77aa)."),
            },
            ServiceEvent {
                id: "e2".into(),
                created_at: ago(700),
                message: format!("(service {name}) was unable to place a task because no container instance met all of its requirements."),
            },
            ServiceEvent {
                id: "e1".into(),
                created_at: ago(3_600),
                message: format!("(service {name}) has reached a steady state."),
            },
        ],
        load_balancers: vec![LoadBalancer {
            target: format!("arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/{name}-tg/6d0ecf831eec9f09"),
            container: "web".into(),
            port: Some(3000),
        }],
        network: Some(NetworkConfig {
            subnets: vec!["subnet-0a1b2c3d".into(), "subnet-0e4f5a6b".into()],
            security_groups: vec!["sg-0123456789abcdef0".into()],
            public_ip: false,
        }),
        deployment_config: DeploymentConfig {
            min_healthy_percent: Some(100),
            max_percent: Some(200),
            circuit_breaker: Some(CircuitBreaker {
                enabled: true,
                rollback: true,
            }),
        },
        exec_enabled: true,
    }
}

fn services() -> Vec<Service> {
    vec![
        service(
            "omni-web",
            "omni-web:14",
            vec![
                deployment("PRIMARY", "IN_PROGRESS", "omni-web:14", 4, 2, 0),
                deployment("ACTIVE", "COMPLETED", "omni-web:13", 4, 2, 0),
            ],
        ),
        service(
            "omni-searcher",
            "omni-searcher:7",
            vec![deployment(
                "PRIMARY",
                "COMPLETED",
                "omni-searcher:7",
                2,
                2,
                0,
            )],
        ),
        service(
            "omni-indexer",
            "omni-indexer:9",
            vec![deployment("PRIMARY", "FAILED", "omni-indexer:9", 2, 0, 3)],
        ),
        service(
            "omni-ai",
            "omni-ai:3",
            vec![deployment("PRIMARY", "COMPLETED", "omni-ai:3", 1, 1, 0)],
        ),
    ]
}

fn services_state() -> State {
    let mut s = state(true);
    let fx = open_initial_views(&mut s, Some("omni-acme-cluster"), None);
    deliver(&mut s, &fx, Loaded::ServicesBatch(services()));
    deliver(&mut s, &fx, Loaded::ServicesDone(Ok(())));
    s
}

fn task(id: &str, status: &str, reason: &str) -> Task {
    Task {
        arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task/omni-acme-cluster/{id}"),
        id: id.into(),
        last_status: status.into(),
        desired_status: if status == "RUNNING" {
            "RUNNING"
        } else {
            "STOPPED"
        }
        .into(),
        health: if status == "RUNNING" {
            "HEALTHY"
        } else {
            "UNKNOWN"
        }
        .into(),
        task_definition: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/omni-web:14"),
        group: "service:omni-web".into(),
        started_at: ago(1_800),
        stopped_at: None,
        availability_zone: "us-east-1b".into(),
        private_ip: "10.0.12.34".into(),
        stopped_reason: reason.into(),
        stop_code: if reason.is_empty() {
            ""
        } else {
            "EssentialContainerExited"
        }
        .into(),
        exec_enabled: true,
        containers: vec![
            Container {
                name: "web".into(),
                image: format!("{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/omni-web:1.5.0"),
                last_status: status.into(),
                health: "HEALTHY".into(),
                exit_code: if reason.is_empty() { None } else { Some(137) },
                reason: reason.into(),
                runtime_id: format!("{id}-2531612879"),
                exec_agent: Some(status.into()),
            },
            Container {
                name: "audit-worker".into(),
                image: format!("{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/audit-worker:2.0.1"),
                last_status: status.into(),
                health: "UNKNOWN".into(),
                exit_code: None,
                reason: String::new(),
                runtime_id: format!("{id}-1185501924"),
                exec_agent: Some(status.into()),
            },
        ],
    }
}

fn both_sizes(name: &str, state: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), text(&render(state, 80, 24)));
    insta::assert_snapshot!(format!("{name}_160x48"), text(&render(state, 160, 48)));
}

#[test]
fn clusters_view() {
    let mut s = state(false);
    let fx = open_initial_views(&mut s, None, None);
    let clusters = ["omni-acme-cluster", "omen-production", "farsight-cluster"]
        .iter()
        .enumerate()
        .map(|(i, name)| Cluster {
            arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/{name}"),
            name: name.to_string(),
            status: "ACTIVE".into(),
            active_services: 4 - i as i32,
            running_tasks: 9 - i as i32,
            pending_tasks: i as i32,
            capacity_providers: vec!["FARGATE".into(), "FARGATE_SPOT".into()],
        })
        .collect();
    deliver(&mut s, &fx, Loaded::Clusters(Ok(clusters)));
    both_sizes("clusters", &s);
}

#[test]
fn services_view_colours_rollout_states() {
    let s = services_state();
    both_sizes("services", &s);
    for (w, h) in [(80, 24), (160, 48)] {
        let buffer = render(&s, w, h);
        assert_eq!(colour_of(&buffer, "FAILED"), Some(Color::Red), "{w}x{h}");
        assert_eq!(
            colour_of(&buffer, "IN_PROGRESS"),
            Some(Color::Yellow),
            "{w}x{h}"
        );
        assert_eq!(
            colour_of(&buffer, "COMPLETED"),
            Some(Color::Green),
            "{w}x{h}"
        );
    }
}

#[test]
fn services_view_while_loading_and_filtered() {
    let mut s = state(true);
    let fx = open_initial_views(&mut s, Some("omni-acme-cluster"), None);
    let screen = text(&render(&s, 80, 24));
    assert!(screen.contains("loading…"), "{screen}");
    deliver(&mut s, &fx, Loaded::ServicesBatch(services()));
    key(&mut s, KeyCode::Char('/'));
    for c in "omni-i".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    both_sizes("services_filtered", &s);
}

#[test]
fn service_detail_view() {
    let mut s = services_state();
    let fx = key(&mut s, KeyCode::Down);
    assert!(fx.is_empty());
    let fx = key(&mut s, KeyCode::Enter);
    let detail = services().remove(2);
    deliver(&mut s, &fx, Loaded::Service(Ok(detail)));
    both_sizes("service_detail", &s);
    let buffer = render(&s, 80, 24);
    assert_eq!(colour_of(&buffer, "FAILED"), Some(Color::Red));
    assert_eq!(colour_of(&buffer, "was unable to place"), Some(Color::Red));
}

#[test]
fn tasks_view_running_and_stopped() {
    let mut s = services_state();
    let fx = key(&mut s, KeyCode::Char('t'));
    deliver(
        &mut s,
        &fx,
        Loaded::Tasks(Ok(vec![
            task("6f1c2a9e0b8d4e2f9a7c5b3d1e0f2a4b", "RUNNING", ""),
            task("9d0b77aa1c2e4f6a8b0c2d4e6f8a0b2c", "RUNNING", ""),
        ])),
    );
    both_sizes("tasks_running", &s);
    let fx = key(&mut s, KeyCode::Char('s'));
    deliver(
        &mut s,
        &fx,
        Loaded::Tasks(Ok(vec![task(
            "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            "STOPPED",
            "Essential container in task exited",
        )])),
    );
    both_sizes("tasks_stopped", &s);
}

#[test]
fn containers_view() {
    let mut s = services_state();
    let fx = key(&mut s, KeyCode::Char('t'));
    let t = task(
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "STOPPED",
        "OutOfMemoryError: Container killed due to memory usage",
    );
    deliver(&mut s, &fx, Loaded::Tasks(Ok(vec![t.clone()])));
    let fx = key(&mut s, KeyCode::Enter);
    deliver(&mut s, &fx, Loaded::Task(Ok(Some(t))));
    both_sizes("containers", &s);
    assert_eq!(
        colour_of(&render(&s, 160, 48), "137"),
        Some(Color::Red),
        "non-zero exit code stands out"
    );
}

#[test]
fn missing_cluster_shows_a_clear_error() {
    let mut s = state(true);
    let fx = open_initial_views(&mut s, Some("does-not-exist"), None);
    let error = AwsError::new(
        ErrorKind::NotFound,
        "ecs:ListServices",
        "cluster 'does-not-exist' does not exist in this account and region (esc shows the clusters)",
    );
    deliver(&mut s, &fx, Loaded::ServicesDone(Err(error)));
    both_sizes("missing_cluster", &s);
}

#[test]
fn help_overlay_is_generated_from_the_keymap() {
    let mut s = services_state();
    key(&mut s, KeyCode::Char('?'));
    both_sizes("help", &s);
    let screen = text(&render(&s, 160, 48));
    assert!(screen.contains("sort by the next column"));
}
