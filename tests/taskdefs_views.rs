//! The task definition panes through `update` and `draw`: opening the revisions of a
//! service's family, the marker of the revision each service runs, details filled in
//! around the selection, the readable and raw views of a revision, the diff (default
//! and marked), copying an ARN, and the families list. Snapshots at 80x24 and 160x48.

use crossterm::event::KeyCode;
use opsdeck::action::{Action, Loaded};
use opsdeck::effect::{Effect, Request};
use opsdeck::model::{
    ContainerDefinition, ContainerDependency, EnvVar, HealthCheck, LogConfiguration, PortMapping,
    Secret, Service, TaskDefinition, TaskDefinitionRef,
};
use opsdeck::state::{State, View};
use opsdeck::update::{open_initial_views, update};
use ratatui::style::Color;

mod common;
use common::screen::*;

const ECR: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const LATEST: i32 = 15;

fn arn(family: &str, revision: i32) -> String {
    format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/{family}:{revision}")
}

fn status_of(revision: i32) -> &'static str {
    match revision {
        1..=3 => "INACTIVE",
        _ => "ACTIVE",
    }
}

/// omni-web revision `n`: the web container and the audit worker it depends on. Revision 15
/// is the risky deploy: a new image, FEATURE_X on, LEGACY_KEY gone, double the CPU.
fn omni_web(n: i32) -> TaskDefinition {
    let secret = |name: &str| Secret {
        name: name.into(),
        value_from: format!("arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:omni/{name}"),
    };
    let mut environment = vec![
        EnvVar {
            name: "LOG_LEVEL".into(),
            value: "info".into(),
        },
        EnvVar {
            name: "AUDIT_URL".into(),
            value: "http://localhost:9000".into(),
        },
    ];
    let mut secrets = vec![secret("DATABASE_URL"), secret("LEGACY_KEY")];
    let mut cpu = "512";
    if n >= 15 {
        environment.push(EnvVar {
            name: "FEATURE_X".into(),
            value: "on".into(),
        });
        secrets.retain(|s| s.name != "LEGACY_KEY");
        cpu = "1024";
    }
    let web = ContainerDefinition {
        name: "web".into(),
        image: format!("{ECR}/omni-web:1.{n}.0"),
        essential: true,
        cpu: 384,
        memory: Some(768),
        command: vec!["bundle".into(), "exec".into(), "puma".into()],
        port_mappings: vec![PortMapping {
            container_port: Some(3000),
            host_port: Some(3000),
            protocol: "tcp".into(),
            ..Default::default()
        }],
        environment,
        secrets,
        log_configuration: Some(LogConfiguration {
            log_driver: "awslogs".into(),
            options: [
                ("awslogs-group".to_string(), "/ecs/omni-web".to_string()),
                ("awslogs-stream-prefix".to_string(), "web".to_string()),
            ]
            .into(),
            secret_options: vec![],
        }),
        health_check: Some(HealthCheck {
            command: vec![
                "CMD-SHELL".into(),
                "curl -fs http://localhost:3000/up || exit 1".into(),
            ],
            interval: Some(15),
            timeout: Some(5),
            retries: Some(3),
            start_period: Some(30),
        }),
        depends_on: vec![ContainerDependency {
            container_name: "audit-worker".into(),
            condition: "START".into(),
        }],
        ..Default::default()
    };
    let audit = ContainerDefinition {
        name: "audit-worker".into(),
        image: format!("{ECR}/audit-worker:2.0.1"),
        essential: false,
        cpu: 128,
        memory: Some(256),
        command: vec!["worker".into()],
        ..Default::default()
    };
    TaskDefinition {
        arn: arn("omni-web", n),
        family: "omni-web".into(),
        revision: n,
        status: status_of(n).into(),
        registered_at: ago(86_400 * i64::from(LATEST + 1 - n)),
        registered_by: format!(
            "arn:aws:sts::{ACCOUNT}:assumed-role/github-deploy/run-{}",
            4400 + n
        ),
        cpu: cpu.into(),
        memory: "2048".into(),
        network_mode: "awsvpc".into(),
        requires_compatibilities: vec!["FARGATE".into()],
        compatibilities: vec!["EC2".into(), "FARGATE".into()],
        task_role_arn: format!("arn:aws:iam::{ACCOUNT}:role/omni-web-task"),
        execution_role_arn: format!("arn:aws:iam::{ACCOUNT}:role/ecsTaskExecutionRole"),
        containers: vec![web, audit],
        ..Default::default()
    }
}

fn refs(family: &str, newest: i32) -> Vec<TaskDefinitionRef> {
    (1..=newest)
        .rev()
        .map(|n| TaskDefinitionRef {
            arn: arn(family, n),
            family: family.into(),
            revision: n,
            status: status_of(n).into(),
        })
        .collect()
}

fn service(name: &str, family: &str, revision: i32) -> Service {
    Service {
        arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:service/omni-acme-cluster/{name}"),
        name: name.into(),
        status: "ACTIVE".into(),
        desired: 2,
        running: 2,
        task_definition: arn(family, revision),
        launch_type: "FARGATE".into(),
        ..Default::default()
    }
}

/// The cluster's services: omni-web and omni-web-canary both on omni-web:14.
fn services() -> Vec<Service> {
    vec![
        service("omni-web", "omni-web", 14),
        service("omni-web-canary", "omni-web", 14),
        service("omni-searcher", "omni-searcher", 7),
    ]
}

fn fetch_of(fx: &[Effect], wanted: impl Fn(&Request) -> bool) -> Option<(u64, Request)> {
    fx.iter().find_map(|e| match e {
        Effect::Fetch { id, request } if wanted(request) => Some((*id, request.clone())),
        _ => None,
    })
}

fn send(state: &mut State, id: u64, loaded: Loaded) -> Vec<Effect> {
    update(state, Action::Loaded(id, Box::new(loaded)), t0())
}

/// Answer every DescribeTaskDefinition batch the pane asks for, as ECS would.
fn describe_all(state: &mut State, mut fx: Vec<Effect>) -> usize {
    let mut described = 0;
    while let Some((id, Request::TaskDefinitions { task_definitions })) =
        fetch_of(&fx, |r| matches!(r, Request::TaskDefinitions { .. }))
    {
        described += task_definitions.len();
        let details = task_definitions
            .iter()
            .filter_map(|a| TaskDefinitionRef::parse(a))
            .map(|r| omni_web(r.revision))
            .collect();
        fx = send(state, id, Loaded::TaskDefinitions(Ok(details)));
        // Only the rows around the selection are described; stop once it asks no more.
        if described > 200 {
            panic!("the pane keeps describing");
        }
    }
    described
}

/// Services of omni-acme-cluster loaded, omni-web selected, `d` pressed, revisions listed.
fn revisions_state() -> (State, Vec<Effect>) {
    let mut s = state(true);
    let fx = open_initial_views(&mut s, Some("omni-acme-cluster"), None);
    deliver(&mut s, &fx, Loaded::ServicesBatch(services()));
    deliver(&mut s, &fx, Loaded::ServicesDone(Ok(())));
    // Sorted by name: omni-searcher, omni-web, omni-web-canary.
    key(&mut s, KeyCode::Down);
    let fx = key(&mut s, KeyCode::Char('d'));
    (s, fx)
}

fn listed_state() -> State {
    let (mut s, fx) = revisions_state();
    let (id, _) = fetch_of(&fx, |r| {
        matches!(r, Request::TaskDefinitionRevisions { .. })
    })
    .unwrap_or_else(|| panic!("no revisions listing in {fx:?}"));
    let fx = send(
        &mut s,
        id,
        Loaded::TaskDefinitionRevisions(Ok(refs("omni-web", LATEST))),
    );
    describe_all(&mut s, fx);
    s
}

fn both_sizes(name: &str, state: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), text(&render(state, 80, 24)));
    insta::assert_snapshot!(format!("{name}_160x48"), text(&render(state, 160, 48)));
}

fn revisions(s: &State) -> &opsdeck::state::RevisionsView {
    match s.view() {
        Some(View::Revisions(v)) => v,
        other => panic!("not the revisions pane: {other:?}"),
    }
}

#[test]
fn d_on_a_service_lists_its_family_and_the_cluster_services() {
    let (s, fx) = revisions_state();
    let v = revisions(&s);
    assert_eq!(v.family, "omni-web");
    assert_eq!(
        v.service.as_ref().map(|x| x.name.as_str()),
        Some("omni-web")
    );
    assert_eq!(
        fetch_of(&fx, |r| matches!(
            r,
            Request::TaskDefinitionRevisions { .. }
        ))
        .map(|f| f.1),
        Some(Request::TaskDefinitionRevisions {
            family: "omni-web".into()
        })
    );
    assert_eq!(
        fetch_of(&fx, |r| matches!(r, Request::Services { .. })).map(|f| f.1),
        Some(Request::Services {
            cluster: "omni-acme-cluster".into()
        }),
        "the markers follow the cluster's services"
    );
    let screen = text(&render(&s, 80, 24));
    assert!(screen.contains("loading…"), "{screen}");
}

#[test]
fn revisions_list_selects_the_service_revision_and_marks_who_runs_what() {
    let s = listed_state();
    let v = revisions(&s);
    assert_eq!(v.table.len(), LATEST as usize);
    assert_eq!(v.selected_arn(), Some(arn("omni-web", 14).as_str()));
    let row = v.table.selected().unwrap_or_else(|| panic!("a selection"));
    assert_eq!(row.services, ["omni-web", "omni-web-canary"]);
    assert_eq!(row.images, ["web:1.14.0", "audit-worker:2.0.1"]);
    assert_eq!(row.size, "512/2048");
    both_sizes("taskdefs_revisions", &s);
    let buffer = render(&s, 160, 48);
    assert_eq!(colour_of(&buffer, "● omni-web"), Some(Color::Green));
    assert_eq!(colour_of(&buffer, "INACTIVE"), Some(Color::DarkGray));
}

#[test]
fn only_rows_near_the_selection_are_described_and_more_as_it_moves() {
    let (mut s, fx) = revisions_state();
    let (id, _) = fetch_of(&fx, |r| {
        matches!(r, Request::TaskDefinitionRevisions { .. })
    })
    .unwrap_or_else(|| panic!("no listing"));
    // A family with hundreds of revisions.
    let fx = send(
        &mut s,
        id,
        Loaded::TaskDefinitionRevisions(Ok(refs("omni-web", 400))),
    );
    let first = describe_all(&mut s, fx);
    assert!(first <= 60, "described {first} of 400 on opening");
    assert!(revisions(&s).details.contains_key(&arn("omni-web", 14)));
    let fx = key(&mut s, KeyCode::Char('g'));
    assert!(
        describe_all(&mut s, fx) > 0,
        "the top of the list is described when reached"
    );
    assert!(revisions(&s).details.contains_key(&arn("omni-web", 400)));
    let fx = key(&mut s, KeyCode::Char('G'));
    describe_all(&mut s, fx);
    assert!(revisions(&s).details.contains_key(&arn("omni-web", 1)));
    assert!(
        revisions(&s).details.len() < 200,
        "not every revision was described"
    );
}

#[test]
fn the_marker_follows_the_service_to_its_new_revision() {
    let mut s = listed_state();
    let fx = key(&mut s, KeyCode::Char('r'));
    let (id, _) = fetch_of(&fx, |r| matches!(r, Request::Services { .. }))
        .unwrap_or_else(|| panic!("a refresh reloads the services: {fx:?}"));
    let moved = vec![
        service("omni-web", "omni-web", 15),
        service("omni-web-canary", "omni-web", 14),
    ];
    send(&mut s, id, Loaded::ServicesBatch(moved));
    send(&mut s, id, Loaded::ServicesDone(Ok(())));
    let v = revisions(&s);
    let services_of = |n: i32| {
        v.table
            .rows()
            .iter()
            .find(|r| r.revision.revision == n)
            .map(|r| r.services.clone())
            .unwrap_or_default()
    };
    assert_eq!(services_of(15), ["omni-web"]);
    assert_eq!(services_of(14), ["omni-web-canary"]);
    assert_eq!(v.service_revision(), Some(arn("omni-web", 15).as_str()));
}

#[test]
fn revision_view_readable_then_raw_json() {
    let mut s = listed_state();
    let fx = key(&mut s, KeyCode::Enter);
    assert!(
        fetch_of(&fx, |_| true).is_none(),
        "an described revision opens without a call: {fx:?}"
    );
    let screen = text(&render(&s, 160, 48));
    for expected in [
        "omni-web:14",
        "cpu 512",
        "memory 2048",
        "network awsvpc",
        "compatibilities FARGATE",
        "task omni-web-task",
        "execution ecsTaskExecutionRole",
        "▸ web essential",
        "image      omni-web:1.14.0  from 123456789012.dkr.ecr.us-east-1.amazonaws.com",
        "bundle exec puma",
        "3000/tcp",
        "LOG_LEVEL=info",
        "DATABASE_URL ← arn:aws:secretsmanager",
        "awslogs",
        "curl -fs http://localhost:3000/up || exit 1  (every 15s, timeout 5s, 3 retries",
        "audit-worker (START)",
        "▸ audit-worker not essential",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    both_sizes("taskdefs_revision", &s);

    key(&mut s, KeyCode::Char('v'));
    let screen = text(&render(&s, 80, 24));
    assert!(screen.contains("raw JSON"), "{screen}");
    assert!(screen.contains("\"taskDefinitionArn\""), "{screen}");
    both_sizes("taskdefs_revision_raw", &s);
    let buffer = render(&s, 80, 24);
    assert_eq!(colour_of(&buffer, "\"family\""), Some(Color::Cyan));
    assert_eq!(colour_of(&buffer, "\"omni-web\""), Some(Color::Green));

    // Scrolling stops at the last line.
    key(&mut s, KeyCode::Char('G'));
    let screen = text(&render(&s, 80, 24));
    assert!(screen.contains('}'), "{screen}");
    let before = screen.clone();
    key(&mut s, KeyCode::PageDown);
    assert_eq!(text(&render(&s, 80, 24)), before);
}

#[test]
fn diff_defaults_to_the_service_revision_against_the_selected() {
    let mut s = listed_state();
    key(&mut s, KeyCode::Up);
    let fx = key(&mut s, KeyCode::Char('d'));
    assert!(
        fetch_of(&fx, |_| true).is_none(),
        "both sides known: {fx:?}"
    );
    let Some(View::RevisionDiff(v)) = s.view() else {
        panic!("not the diff view");
    };
    let diff = v.diff.as_ref().unwrap_or_else(|| panic!("diff computed"));
    assert_eq!(
        (diff.from.as_str(), diff.to.as_str()),
        ("omni-web:14", "omni-web:15")
    );
    assert_eq!(
        diff.summary_lines(),
        [
            "task: cpu 512 → 1024",
            "web: image :1.14.0 → :1.15.0",
            "web: env +FEATURE_X=on",
            "web: secret -LEGACY_KEY",
        ]
    );
    both_sizes("taskdefs_diff", &s);
    let buffer = render(&s, 160, 48);
    assert_eq!(colour_of(&buffer, "env +FEATURE_X=on"), Some(Color::Green));
    assert_eq!(colour_of(&buffer, "secret -LEGACY_KEY"), Some(Color::Red));
    assert_eq!(colour_of(&buffer, "image :1.14.0"), Some(Color::Yellow));
}

#[test]
fn a_marked_revision_is_diffed_against_the_selected_one() {
    let mut s = listed_state();
    // Mark 12, select 10.
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Char('m'));
    assert_eq!(revisions(&s).marked, Some(arn("omni-web", 12)));
    let screen = text(&render(&s, 160, 48));
    assert!(screen.contains("◆  12"), "{screen}");
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Char('d'));
    let Some(View::RevisionDiff(v)) = s.view() else {
        panic!("not the diff view");
    };
    let diff = v.diff.as_ref().unwrap_or_else(|| panic!("diff computed"));
    assert_eq!(
        (diff.from.as_str(), diff.to.as_str()),
        ("omni-web:12", "omni-web:10")
    );
    assert_eq!(diff.summary_lines(), ["web: image :1.12.0 → :1.10.0"]);
}

#[test]
fn a_diff_of_undescribed_revisions_asks_for_both() {
    let mut s = state(true);
    open_initial_views(&mut s, None, None);
    let fx = key(&mut s, KeyCode::Char('F'));
    let (id, _) = fetch_of(&fx, |r| *r == Request::TaskDefinitionFamilies)
        .unwrap_or_else(|| panic!("F lists the families: {fx:?}"));
    send(
        &mut s,
        id,
        Loaded::TaskDefinitionFamilies(Ok(vec![
            "audit-worker".into(),
            "omni-searcher".into(),
            "omni-web".into(),
        ])),
    );
    both_sizes("taskdefs_families", &s);
    key(&mut s, KeyCode::Char('/'));
    for c in "web".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    key(&mut s, KeyCode::Enter);
    let fx = key(&mut s, KeyCode::Enter);
    let (id, request) = fetch_of(&fx, |r| {
        matches!(r, Request::TaskDefinitionRevisions { .. })
    })
    .unwrap_or_else(|| panic!("enter opens the family: {fx:?}"));
    assert_eq!(
        request,
        Request::TaskDefinitionRevisions {
            family: "omni-web".into()
        }
    );
    assert!(
        fetch_of(&fx, |r| matches!(r, Request::Services { .. })).is_none(),
        "no cluster in view, no markers"
    );
    send(
        &mut s,
        id,
        Loaded::TaskDefinitionRevisions(Ok(refs("omni-web", 3))),
    );
    // Nothing described yet: diff the newest against the one before it.
    let Some(View::Revisions(v)) = s.view_mut() else {
        panic!("not the revisions pane");
    };
    v.describing = None;
    v.details.clear();
    let fx = key(&mut s, KeyCode::Char('d'));
    let (_, request) = fetch_of(&fx, |r| matches!(r, Request::TaskDefinitions { .. }))
        .unwrap_or_else(|| panic!("the diff asks for both sides: {fx:?}"));
    assert_eq!(
        request,
        Request::TaskDefinitions {
            task_definitions: vec![arn("omni-web", 2), arn("omni-web", 3)]
        }
    );
}

#[test]
fn the_deploy_target_is_the_selected_revision_and_the_service_it_came_from() {
    let mut s = listed_state();
    key(&mut s, KeyCode::Up);
    let view = s.view().unwrap_or_else(|| panic!("a view"));
    let (arn_selected, service) = opsdeck::state::taskdefs::deploy_target(view)
        .unwrap_or_else(|| panic!("opened from a service"));
    assert_eq!(arn_selected, arn("omni-web", 15));
    assert_eq!(
        (service.cluster.as_str(), service.name.as_str()),
        ("omni-acme-cluster", "omni-web")
    );
    assert_eq!(service.task_definition, arn("omni-web", 14));
    key(&mut s, KeyCode::Enter);
    let view = s.view().unwrap_or_else(|| panic!("a view"));
    assert_eq!(
        opsdeck::state::taskdefs::deploy_target(view).map(|t| t.0),
        Some(arn("omni-web", 15))
    );
}

#[test]
fn y_copies_the_selected_revision_arn() {
    let mut s = listed_state();
    let fx = key(&mut s, KeyCode::Char('y'));
    assert_eq!(fx, [Effect::CopyToClipboard(arn("omni-web", 14))]);
    let screen = text(&render(&s, 160, 48));
    assert!(
        screen.contains(&format!("copied {}", arn("omni-web", 14))),
        "{screen}"
    );
}

#[test]
fn a_failed_listing_is_shown_in_words() {
    let (mut s, fx) = revisions_state();
    let (id, _) = fetch_of(&fx, |r| {
        matches!(r, Request::TaskDefinitionRevisions { .. })
    })
    .unwrap_or_else(|| panic!("no listing"));
    let denied = opsdeck::aws::AwsError::new(
        opsdeck::aws::ErrorKind::AccessDenied,
        "ecs:ListTaskDefinitions",
        "User is not authorized to perform: ecs:ListTaskDefinitions",
    );
    send(&mut s, id, Loaded::TaskDefinitionRevisions(Err(denied)));
    let screen = text(&render(&s, 80, 24));
    assert!(
        screen.contains("ecs:ListTaskDefinitions: access denied"),
        "{screen}"
    );
}

#[test]
fn during_a_rollout_both_revisions_are_marked() {
    let mut s = listed_state();
    let fx = key(&mut s, KeyCode::Char('r'));
    let (id, _) = fetch_of(&fx, |r| matches!(r, Request::Services { .. }))
        .unwrap_or_else(|| panic!("a refresh reloads the services: {fx:?}"));
    let deployment = |status: &str, revision: i32| opsdeck::model::Deployment {
        id: format!("ecs-svc/{revision}"),
        status: status.into(),
        task_definition: arn("omni-web", revision),
        rollout_state: "IN_PROGRESS".into(),
        ..Default::default()
    };
    let mut rolling = service("omni-web", "omni-web", 15);
    rolling.deployments = vec![deployment("PRIMARY", 15), deployment("ACTIVE", 14)];
    send(&mut s, id, Loaded::ServicesBatch(vec![rolling]));
    send(&mut s, id, Loaded::ServicesDone(Ok(())));
    let v = revisions(&s);
    for n in [15, 14] {
        let row = v
            .table
            .rows()
            .iter()
            .find(|r| r.revision.revision == n)
            .unwrap_or_else(|| panic!("row {n}"));
        assert_eq!(row.services, ["omni-web"], "revision {n}");
    }
    assert_eq!(
        v.service_revision(),
        Some(arn("omni-web", 15).as_str()),
        "the PRIMARY deployment's revision is the service's"
    );
}

#[test]
fn the_revisions_list_is_not_listed_again_every_five_seconds() {
    let mut s = listed_state();
    let later = |secs: i64| t0() + chrono::TimeDelta::seconds(secs);
    let fx = update(&mut s, Action::Tick, later(6));
    assert!(
        fetch_of(&fx, |r| matches!(
            r,
            Request::TaskDefinitionRevisions { .. }
        ))
        .is_none(),
        "{fx:?}"
    );
    let fx = update(&mut s, Action::Tick, later(31));
    assert!(
        fetch_of(&fx, |r| matches!(
            r,
            Request::TaskDefinitionRevisions { .. }
        ))
        .is_some(),
        "{fx:?}"
    );
    // A revision on screen is not refreshed by the clock at all.
    key(&mut s, KeyCode::Enter);
    let fx = update(&mut s, Action::Tick, later(3_600));
    assert!(fetch_of(&fx, |_| true).is_none(), "{fx:?}");
}

#[test]
fn throttled_details_are_asked_again_after_a_pause_denied_ones_are_not() {
    let (mut s, fx) = revisions_state();
    let (id, _) = fetch_of(&fx, |r| {
        matches!(r, Request::TaskDefinitionRevisions { .. })
    })
    .unwrap_or_else(|| panic!("no listing"));
    let fx = send(
        &mut s,
        id,
        Loaded::TaskDefinitionRevisions(Ok(refs("omni-web", LATEST))),
    );
    let (id, _) = fetch_of(&fx, |r| matches!(r, Request::TaskDefinitions { .. }))
        .unwrap_or_else(|| panic!("no describe batch: {fx:?}"));
    let throttled = opsdeck::aws::AwsError::new(
        opsdeck::aws::ErrorKind::Throttled,
        "ecs:DescribeTaskDefinition",
        "Rate exceeded",
    );
    let fx = send(&mut s, id, Loaded::TaskDefinitions(Err(throttled)));
    assert!(fetch_of(&fx, |_| true).is_none(), "not at once: {fx:?}");
    let screen = text(&render(&s, 160, 48));
    assert!(screen.contains("throttled by AWS"), "{screen}");
    let fx = update(&mut s, Action::Tick, t0() + chrono::TimeDelta::seconds(6));
    let (id, _) = fetch_of(&fx, |r| matches!(r, Request::TaskDefinitions { .. }))
        .unwrap_or_else(|| panic!("asked again after the pause: {fx:?}"));
    let denied = opsdeck::aws::AwsError::new(
        opsdeck::aws::ErrorKind::AccessDenied,
        "ecs:DescribeTaskDefinition",
        "not authorized",
    );
    let fx = send(&mut s, id, Loaded::TaskDefinitions(Err(denied)));
    assert!(fetch_of(&fx, |_| true).is_none(), "{fx:?}");
    let fx = update(&mut s, Action::Tick, t0() + chrono::TimeDelta::seconds(20));
    assert!(
        fetch_of(&fx, |r| matches!(r, Request::TaskDefinitions { .. })).is_none(),
        "denied revisions are not asked again until a refresh: {fx:?}"
    );
}

#[test]
fn help_in_the_revisions_pane_lists_its_keys_first() {
    let mut s = listed_state();
    key(&mut s, KeyCode::Char('?'));
    let screen = text(&render(&s, 160, 48));
    for expected in [
        "in task definition revisions",
        "enter right            show the selected revision",
        "m space                mark the revision to diff against",
        "d                      diff marked/running revision → selected",
        "v                      switch readable view / raw JSON",
        "y                      copy the ARN to the clipboard (OSC 52)",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    let section = |name: &str| screen.find(name).unwrap_or(usize::MAX);
    assert!(
        section("in task definition revisions") < section("in lists"),
        "{screen}"
    );
}
