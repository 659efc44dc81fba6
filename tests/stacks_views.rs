//! The CloudFormation views (stacks, a stack's events/resources/outputs/parameters, a
//! service's deploy timeline) drawn at 80x24 and 160x48, and what their keys do: links from
//! stack resources, the owning stack of a service, live refresh while in progress.
//! Nested stacks and in-flight operations are built here from realistic data, since the
//! emulator has neither.

use std::time::Duration;

use crossterm::event::KeyCode;
use opsdeck::action::Loaded;
use opsdeck::effect::{Effect, Request};
use opsdeck::model::stack::{StackRef, STACK_TYPE};
use opsdeck::model::{
    Deployment, Service, ServiceEvent, Stack, StackDetail, StackEvent, StackOutput, StackParameter,
    StackResource, Task, TimelineData,
};
use opsdeck::state::{StackTab, State, View};
use opsdeck::update::open_initial_views;
use ratatui::style::Color;

mod common;
use common::screen::*;

const REGION_ARN: &str = "arn:aws:cloudformation:us-east-1:123456789012";

fn stack_id(name: &str) -> String {
    format!(
        "{REGION_ARN}:stack/{name}/6f1c2a9e-0b8d-4e2f-9a7c-{:012x}",
        name.len()
    )
}

fn stack(name: &str, status: &str, parent: Option<&str>) -> Stack {
    Stack {
        id: stack_id(name),
        name: name.into(),
        status: status.into(),
        description: format!("{name}: network, services and data"),
        created_at: ago(86_400 * 40),
        updated_at: ago(300),
        drift: "NOT_CHECKED".into(),
        termination_protection: Some(parent.is_none() && name.starts_with("omni")),
        parent_id: parent.map(stack_id),
        ..Default::default()
    }
}

fn stacks() -> Vec<Stack> {
    let mut bootstrap = stack("opsdeck-customer-bootstrap", "CREATE_COMPLETE", None);
    bootstrap.drift = "IN_SYNC".into();
    vec![
        stack("omni-acme-infra", "UPDATE_ROLLBACK_COMPLETE", None),
        stack("shop", "UPDATE_IN_PROGRESS", None),
        stack("shop-Database-1XKQ2ZJ", "UPDATE_IN_PROGRESS", Some("shop")),
        stack("shop-Network-9QWERTY", "UPDATE_COMPLETE", Some("shop")),
        stack("legacy-api", "DELETE_FAILED", None),
        bootstrap,
    ]
}

fn event(
    secs: i64,
    stack: &str,
    logical: &str,
    ty: &str,
    status: &str,
    reason: &str,
) -> StackEvent {
    StackEvent {
        id: format!("{logical}-{status}-{secs}"),
        stack_name: stack.into(),
        logical_id: logical.into(),
        physical_id: String::new(),
        resource_type: ty.into(),
        status: status.into(),
        reason: reason.into(),
        at: ago(secs),
    }
}

const LONG_REASON: &str = "Resource handler returned message: \"Invalid request provided: The container web in task definition shop-web:42 references secret arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/database-AbCdEf which does not exist or is not accessible by the task execution role shop-task-execution. (Service: AmazonECS; Status Code: 400; Error Code: ClientException; Request ID: 5b0d3c1e-8f2a-4e9b-a1c2-3d4e5f6a7b8c)\" (RequestToken: 1f2e3d4c, HandlerErrorCode: InvalidRequest)";

/// An update of `shop` that failed on its service and is rolling back, newest first.
fn failed_update_events() -> Vec<StackEvent> {
    let s = "shop";
    vec![
        event(20, s, "shop", STACK_TYPE, "UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: [Service]."),
        event(25, s, "Service", "AWS::ECS::Service", "UPDATE_FAILED", LONG_REASON),
        event(90, s, "Database", STACK_TYPE, "UPDATE_IN_PROGRESS", ""),
        event(95, s, "TaskDefinition", "AWS::ECS::TaskDefinition", "UPDATE_COMPLETE", ""),
        event(110, s, "Service", "AWS::ECS::Service", "UPDATE_IN_PROGRESS", ""),
        event(120, s, "TaskDefinition", "AWS::ECS::TaskDefinition", "UPDATE_IN_PROGRESS", "Requested update requires the creation of a new physical resource; hence creating one."),
        event(130, s, "shop", STACK_TYPE, "UPDATE_IN_PROGRESS", "User Initiated"),
        event(86_000, s, "shop", STACK_TYPE, "CREATE_COMPLETE", ""),
        event(86_100, s, "Service", "AWS::ECS::Service", "CREATE_COMPLETE", ""),
        event(86_400, s, "shop", STACK_TYPE, "CREATE_IN_PROGRESS", "User Initiated"),
    ]
}

fn resource(logical: &str, ty: &str, physical: &str, status: &str) -> StackResource {
    StackResource {
        logical_id: logical.into(),
        physical_id: physical.into(),
        resource_type: ty.into(),
        status: status.into(),
        drift: "NOT_CHECKED".into(),
        updated_at: ago(60),
        ..Default::default()
    }
}

fn resources() -> Vec<StackResource> {
    vec![
        resource("Cluster", "AWS::ECS::Cluster", "shop", "CREATE_COMPLETE"),
        resource(
            "Service",
            "AWS::ECS::Service",
            "arn:aws:ecs:us-east-1:123456789012:service/shop/shop-web",
            "UPDATE_FAILED",
        ),
        resource(
            "TaskDefinition",
            "AWS::ECS::TaskDefinition",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-web:42",
            "UPDATE_COMPLETE",
        ),
        resource(
            "Database",
            STACK_TYPE,
            &stack_id("shop-Database-1XKQ2ZJ"),
            "UPDATE_IN_PROGRESS",
        ),
        resource("Db", "AWS::RDS::DBInstance", "shop-db", "CREATE_COMPLETE"),
        resource(
            "Logs",
            "AWS::Logs::LogGroup",
            "/shop/web",
            "CREATE_COMPLETE",
        ),
        resource(
            "Vpc",
            "AWS::EC2::VPC",
            "vpc-0a1b2c3d4e5f60718",
            "CREATE_COMPLETE",
        ),
    ]
}

fn shop_detail() -> StackDetail {
    let mut s = stack("shop", "UPDATE_ROLLBACK_IN_PROGRESS", None);
    s.outputs = vec![
        StackOutput {
            key: "ClusterName".into(),
            value: "shop".into(),
            description: "ECS cluster of the shop".into(),
            export_name: "shop-cluster".into(),
        },
        StackOutput {
            key: "LoadBalancerDnsName".into(),
            value: "shop-alb-1234567890.us-east-1.elb.amazonaws.com".into(),
            description: "public entry point".into(),
            export_name: String::new(),
        },
    ];
    s.parameters = vec![
        StackParameter {
            key: "DbPassword".into(),
            value: "****".into(),
            resolved_value: String::new(),
        },
        StackParameter {
            key: "ImageTag".into(),
            value: "1.42.0".into(),
            resolved_value: String::new(),
        },
        StackParameter {
            key: "LatestAmi".into(),
            value: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id".into(),
            resolved_value: "ami-0abcdef1234567890".into(),
        },
    ];
    StackDetail {
        stack: s,
        events: failed_update_events(),
        resources: resources(),
    }
}

fn fetches(fx: &[Effect]) -> Vec<&Request> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { request, .. } => Some(request),
            _ => None,
        })
        .collect()
}

fn stacks_state() -> State {
    let mut s = state(true);
    open_initial_views(&mut s, None, None);
    let fx = key(&mut s, KeyCode::Char('S'));
    assert_eq!(fetches(&fx), [&Request::Stacks { deleted: false }]);
    deliver(&mut s, &fx, Loaded::Stacks(Ok(stacks())));
    s
}

/// The shop stack open from the stacks list, loaded.
fn shop_state() -> State {
    let mut s = stacks_state();
    // Rows: legacy-api, omni-acme-infra, opsdeck-customer-bootstrap, shop, …
    for _ in 0..3 {
        key(&mut s, KeyCode::Down);
    }
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(
        fetches(&fx),
        [&Request::Stack {
            target: StackRef::Id(stack_id("shop")),
            nested: false
        }]
    );
    deliver(&mut s, &fx, Loaded::Stack(Ok(shop_detail())));
    s
}

fn both_sizes(name: &str, state: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), text(&render(state, 80, 24)));
    insta::assert_snapshot!(format!("{name}_160x48"), text(&render(state, 160, 48)));
}

#[test]
fn stacks_list_nests_and_colours_by_meaning() {
    let s = stacks_state();
    both_sizes("stacks", &s);
    let screen = text(&render(&s, 160, 48));
    let lines: Vec<&str> = screen.lines().collect();
    let row = |name: &str| {
        lines
            .iter()
            .position(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no {name} in\n{screen}"))
    };
    assert_eq!(
        row("└ shop-Database"),
        row("│shop ") + 1,
        "nested right under its parent"
    );
    assert_eq!(row("└ shop-Network"), row("│shop ") + 2);
    for (w, h) in [(80, 24), (160, 48)] {
        let b = render(&s, w, h);
        assert_eq!(
            colour_of(&b, "UPDATE_ROLLBACK_COMPLETE"),
            Some(Color::Magenta),
            "{w}x{h}"
        );
        assert_eq!(
            colour_of(&b, "UPDATE_IN_PROGRESS"),
            Some(Color::Yellow),
            "{w}x{h}"
        );
        assert_eq!(colour_of(&b, "DELETE_FAILED"), Some(Color::Red), "{w}x{h}");
        assert_eq!(
            colour_of(&b, "CREATE_COMPLETE"),
            Some(Color::Green),
            "{w}x{h}"
        );
    }
}

#[test]
fn deleted_stacks_are_fetched_on_request_and_shown_muted() {
    let mut s = stacks_state();
    let fx = key(&mut s, KeyCode::Char('x'));
    assert_eq!(fetches(&fx), [&Request::Stacks { deleted: true }]);
    let mut all = stacks();
    let mut gone = stack("shop-staging", "DELETE_COMPLETE", None);
    gone.deleted_at = ago(7200);
    gone.termination_protection = None;
    all.push(gone);
    deliver(&mut s, &fx, Loaded::Stacks(Ok(all)));
    let b = render(&s, 160, 48);
    let screen = text(&b);
    assert!(screen.contains("stacks, deleted included (7)"), "{screen}");
    assert_eq!(colour_of(&b, "shop-staging"), Some(Color::DarkGray));
}

#[test]
fn stack_events_show_a_long_failure_reason_whole() {
    let s = shop_state();
    both_sizes("stack_events", &s);
    for (w, h) in [(80, 24), (160, 48)] {
        let b = render(&s, w, h);
        let flat: String = text(&b)
            .lines()
            .map(|l| l.trim_matches(['│', ' ']))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat.contains("HandlerErrorCode: InvalidRequest)"),
            "{w}x{h}: reason cut:\n{}",
            text(&b)
        );
        assert_eq!(colour_of(&b, "UPDATE_FAILED"), Some(Color::Red), "{w}x{h}");
        assert_eq!(
            colour_of(&b, "Resource handler returned"),
            Some(Color::Red),
            "{w}x{h}"
        );
    }
}

#[test]
fn in_progress_stack_counts_its_operation_and_refreshes_fast() {
    let s = shop_state();
    let screen = text(&render(&s, 160, 48));
    // Since "User Initiated": Service failed, TaskDefinition complete, Database in progress.
    assert!(
        screen.contains("in progress: 1 in progress · 1 complete · 1 failed"),
        "{screen}"
    );
    let Some(View::Stack(v)) = s.view() else {
        panic!("not on the stack view")
    };
    assert_eq!(
        v.load.next_at,
        Some(t0() + Duration::from_secs(2)),
        "an operation in flight refreshes every 2 s, not every 5 s"
    );
}

#[test]
fn current_operation_only_and_nested_merge() {
    let mut s = shop_state();
    let fx = key(&mut s, KeyCode::Char('u'));
    assert!(fetches(&fx).is_empty(), "filtering needs no request");
    let screen = text(&render(&s, 160, 48));
    assert!(screen.contains("events (7) newest first"), "{screen}");
    assert!(
        !screen.contains("CREATE_COMPLETE"),
        "older operation hidden:\n{screen}"
    );
    both_sizes("stack_events_current_operation", &s);

    let fx = key(&mut s, KeyCode::Char('n'));
    assert_eq!(
        fetches(&fx),
        [&Request::Stack {
            target: StackRef::Id(stack_id("shop")),
            nested: true
        }]
    );
    let mut detail = shop_detail();
    let nested = vec![event(
        40,
        "shop-Database-1XKQ2ZJ",
        "Instance",
        "AWS::RDS::DBInstance",
        "UPDATE_IN_PROGRESS",
        "",
    )];
    detail.events = opsdeck::model::stack::merge_events(vec![detail.events, nested]);
    deliver(&mut s, &fx, Loaded::Stack(Ok(detail)));
    let screen = text(&render(&s, 160, 48));
    assert!(
        screen.contains("shop-Database-1XKQ2ZJ/Instance"),
        "nested events name their stack:\n{screen}"
    );
    assert!(
        screen.contains("[current operation, nested merged]"),
        "{screen}"
    );
}

#[test]
fn resources_outputs_and_parameters_tabs() {
    let mut s = shop_state();
    key(&mut s, KeyCode::Tab);
    both_sizes("stack_resources", &s);
    let screen = text(&render(&s, 160, 48));
    for (logical, opens) in [
        ("Service ", "service"),
        ("Cluster ", "services"),
        ("TaskDefinition ", "revision"),
        ("Db ", "database"),
        ("Logs ", "logs"),
        ("Database ", "stack"),
        ("Vpc ", "NOT_CHECKED"),
    ] {
        let line = screen
            .lines()
            .find(|l| l.starts_with(&format!("│{logical}")))
            .unwrap_or_else(|| panic!("no row {logical}:\n{screen}"));
        assert!(
            line.trim_end_matches(['│', ' ']).ends_with(opens),
            "{logical} opens {opens}: {line}"
        );
    }
    key(&mut s, KeyCode::Tab);
    both_sizes("stack_outputs", &s);
    key(&mut s, KeyCode::Tab);
    both_sizes("stack_parameters", &s);
    let screen = text(&render(&s, 80, 24));
    assert!(screen.contains("•••• (NoEcho)"), "{screen}");
    assert!(!screen.contains("****"), "{screen}");
    // backtab goes back to outputs.
    update_key(
        &mut s,
        KeyCode::BackTab,
        crossterm::event::KeyModifiers::SHIFT,
    );
    assert!(text(&render(&s, 160, 48)).contains("LoadBalancerDnsName"));
}

fn update_key(s: &mut State, code: KeyCode, mods: crossterm::event::KeyModifiers) -> Vec<Effect> {
    opsdeck::update::update(
        s,
        opsdeck::action::Action::Key(crossterm::event::KeyEvent::new(code, mods)),
        t0(),
    )
}

/// On the stack view: go to the resources tab, filter to `logical`, press Enter on it.
fn open_resource(s: &mut State, logical: &str) -> Vec<Effect> {
    for _ in 0..4 {
        match s.view() {
            Some(View::Stack(v)) if v.tab == StackTab::Resources => break,
            Some(View::Stack(_)) => {
                key(s, KeyCode::Tab);
            }
            _ => panic!("not on a stack view: {:?}", s.view().map(View::title)),
        }
    }
    // Clear any earlier filter, then type the new one.
    key(s, KeyCode::Char('/'));
    key(s, KeyCode::Esc);
    key(s, KeyCode::Char('/'));
    for c in logical.chars() {
        key(s, KeyCode::Char(c));
    }
    key(s, KeyCode::Enter);
    key(s, KeyCode::Enter)
}

#[test]
fn ecs_service_resource_opens_service_detail() {
    let mut s = shop_state();
    let fx = open_resource(&mut s, "Service");
    assert_eq!(
        fetches(&fx),
        [&Request::Service {
            cluster: "shop".into(),
            service: "shop-web".into()
        }]
    );
    assert_eq!(
        s.view().map(View::title).as_deref(),
        Some("shop › shop-web")
    );
}

#[test]
fn cluster_resource_opens_its_services_and_nested_stack_opens_the_stack() {
    let mut s = shop_state();
    let fx = open_resource(&mut s, "Cluster");
    assert_eq!(
        fetches(&fx),
        [&Request::Services {
            cluster: "shop".into()
        }]
    );
    key(&mut s, KeyCode::Esc);
    let fx = open_resource(&mut s, "Database");
    assert_eq!(
        fetches(&fx),
        [&Request::Stack {
            target: StackRef::Id(stack_id("shop-Database-1XKQ2ZJ")),
            nested: false
        }]
    );
}

#[test]
fn a_database_resource_opens_its_detail_and_unknown_types_say_so() {
    let mut s = shop_state();
    let fx = open_resource(&mut s, "Db");
    assert!(
        matches!(s.view(), Some(View::Datastore(v)) if v.target.id() == "shop-db"),
        "{:?}",
        s.view().map(View::title)
    );
    assert!(
        fetches(&fx)
            .iter()
            .any(|r| matches!(r, Request::Datastore { .. })),
        "{fx:?}"
    );
    key(&mut s, KeyCode::Esc);
    let fx = open_resource(&mut s, "Vpc");
    assert!(fetches(&fx).is_empty());
    let notice = s
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert_eq!(notice, "opsdeck has no view for AWS::EC2::VPC");
}

fn web_service() -> Service {
    Service {
        arn: "arn:aws:ecs:us-east-1:123456789012:service/shop/shop-web".into(),
        name: "shop-web".into(),
        status: "ACTIVE".into(),
        desired: 2,
        running: 2,
        task_definition: "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-web:42".into(),
        deployments: vec![
            Deployment {
                id: "ecs-svc/4411".into(),
                status: "PRIMARY".into(),
                task_definition: "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-web:42"
                    .into(),
                desired: 2,
                running: 1,
                pending: 1,
                failed: 1,
                rollout_state: "IN_PROGRESS".into(),
                rollout_reason: "ECS deployment ecs-svc/4411 in progress.".into(),
                created_at: ago(150),
                updated_at: ago(30),
            },
            Deployment {
                id: "ecs-svc/4410".into(),
                status: "ACTIVE".into(),
                task_definition: "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-web:41"
                    .into(),
                desired: 2,
                running: 1,
                rollout_state: "COMPLETED".into(),
                rollout_reason: "ECS deployment ecs-svc/4410 completed.".into(),
                created_at: ago(9000),
                updated_at: ago(8700),
                ..Default::default()
            },
        ],
        events: vec![
            ServiceEvent {
                id: "e3".into(),
                created_at: ago(60),
                message: "(service shop-web) has started 1 tasks: (task 2b7c9d0e).".into(),
            },
            ServiceEvent {
                id: "e2".into(),
                created_at: ago(100),
                message: "(service shop-web) (task 9f8e7d6c) failed container health checks."
                    .into(),
            },
            ServiceEvent {
                id: "e1".into(),
                created_at: ago(8700),
                message: "(service shop-web) has reached a steady state.".into(),
            },
        ],
        ..Default::default()
    }
}

fn web_task(id: &str, rev: u32, started: i64, stopped: Option<(i64, &str, &str)>) -> Task {
    Task {
        arn: format!("arn:aws:ecs:us-east-1:123456789012:task/shop/{id}"),
        id: id.into(),
        last_status: if stopped.is_some() {
            "STOPPED"
        } else {
            "RUNNING"
        }
        .into(),
        task_definition: format!(
            "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-web:{rev}"
        ),
        started_at: ago(started),
        stopped_at: stopped.and_then(|(t, _, _)| ago(t)),
        stop_code: stopped.map(|(_, c, _)| c.to_string()).unwrap_or_default(),
        stopped_reason: stopped.map(|(_, _, r)| r.to_string()).unwrap_or_default(),
        ..Default::default()
    }
}

fn timeline_data() -> TimelineData {
    TimelineData {
        service: web_service(),
        stack: Some("shop".into()),
        stack_events: failed_update_events(),
        tasks: vec![
            web_task("2b7c9d0e1f2a3b4c5d6e7f8091a2b3c4", 42, 60, None),
            web_task(
                "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                42,
                140,
                Some((
                    100,
                    "TaskFailedToStart",
                    "Task failed container health checks",
                )),
            ),
            web_task("0a1b2c3d4e5f60718293a4b5c6d7e8f9", 41, 8800, None),
        ],
    }
}

fn timeline_state() -> State {
    let mut s = state(true);
    open_initial_views(&mut s, Some("shop"), Some("shop-web"));
    let fx = key(&mut s, KeyCode::Char('T'));
    assert_eq!(
        fetches(&fx),
        [&Request::Timeline {
            cluster: "shop".into(),
            service: "shop-web".into()
        }]
    );
    deliver(&mut s, &fx, Loaded::Timeline(Ok(timeline_data())));
    s
}

#[test]
fn deploy_timeline_merges_sources_since_the_deployment() {
    let s = timeline_state();
    both_sizes("timeline", &s);
    let b = render(&s, 160, 48);
    let screen = text(&b);
    let pos = |needle: &str| {
        screen
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in\n{screen}"))
    };
    // Newest first, all four sources, nothing from before the deployment started.
    assert!(pos("UPDATE_ROLLBACK_IN_PROGRESS") < pos("has started 1 tasks"));
    assert!(pos("has started 1 tasks") < pos("task 9f8e7d6c stopped"));
    assert!(pos("task 9f8e7d6c stopped") < pos("deployment ecs-svc/4411 started"));
    assert!(!screen.contains("steady state"), "{screen}");
    assert_eq!(colour_of(&b, "task 9f8e7d6c stopped"), Some(Color::Red));
    assert_eq!(
        colour_of(&b, "deployment ecs-svc/4411 started"),
        Some(Color::Yellow)
    );
}

#[test]
fn timeline_window_widens_to_the_previous_deployment() {
    let mut s = timeline_state();
    let fx = key(&mut s, KeyCode::Char('w'));
    assert!(fetches(&fx).is_empty());
    let screen = text(&render(&s, 160, 48));
    assert!(screen.contains("last 1 h"), "{screen}");
    assert!(!screen.contains("steady state"));
    key(&mut s, KeyCode::Char('w'));
    let b = render(&s, 160, 48);
    let screen = text(&b);
    assert!(screen.contains("last 6 h"), "{screen}");
    assert!(screen.contains("has reached a steady state"), "{screen}");
    assert!(
        screen.contains("deployment ecs-svc/4410 completed"),
        "{screen}"
    );
    assert_eq!(
        colour_of(&b, "deployment ecs-svc/4410 completed"),
        Some(Color::Green)
    );
}

#[test]
fn owning_stack_of_a_service_is_looked_up_then_refreshed_by_arn() {
    let mut s = state(true);
    let fx = open_initial_views(&mut s, Some("shop"), None);
    deliver(&mut s, &fx, Loaded::ServicesBatch(vec![web_service()]));
    let fx = key(&mut s, KeyCode::Char('c'));
    assert_eq!(
        fetches(&fx),
        [&Request::Stack {
            target: StackRef::OwnerOf {
                cluster: "shop".into(),
                service: "shop-web".into()
            },
            nested: false
        }]
    );
    assert!(text(&render(&s, 80, 24)).contains("stack of shop-web"));
    let mut detail = shop_detail();
    detail.stack.status = "UPDATE_COMPLETE".into();
    deliver(&mut s, &fx, Loaded::Stack(Ok(detail)));
    let Some(View::Stack(v)) = s.view() else {
        panic!("not on the stack view")
    };
    assert_eq!(
        v.load.next_at,
        Some(t0() + Duration::from_secs(5)),
        "settled: normal refresh"
    );
    let fx = key(&mut s, KeyCode::Char('r'));
    assert_eq!(
        fetches(&fx),
        [&Request::Stack {
            target: StackRef::Id(stack_id("shop")),
            nested: false
        }]
    );
}

#[test]
fn a_service_without_the_tag_says_so() {
    let mut s = state(true);
    open_initial_views(&mut s, Some("shop"), Some("shop-web"));
    let fx = key(&mut s, KeyCode::Char('c'));
    let err = opsdeck::aws::AwsError::new(
        opsdeck::aws::ErrorKind::NotFound,
        "ecs:DescribeServices",
        "service 'shop-web' has no aws:cloudformation:stack-name tag: CloudFormation does not manage it",
    );
    deliver(&mut s, &fx, Loaded::Stack(Err(err)));
    let screen = text(&render(&s, 80, 24));
    assert!(
        screen.contains("CloudFormation does not manage it"),
        "{screen}"
    );
}

#[test]
fn help_in_the_stack_view_lists_the_stacks_keys() {
    let mut s = shop_state();
    key(&mut s, KeyCode::Char('?'));
    let screen = text(&render(&s, 160, 48));
    for needle in [
        "in stacks and the deploy timeline",
        "open the stack, or the resource's own view",
        "events: current operation only, or all",
        "next tab (events/resources/outputs/params)",
    ] {
        assert!(screen.contains(needle), "{needle}:\n{screen}");
    }
}
