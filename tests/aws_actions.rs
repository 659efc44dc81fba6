//! Service actions against the emulator over real HTTP: each mutation changes the emulator's
//! state as it should and leaves its attempt and outcome in the audit log; in a read-only
//! session, every action is refused before a single request leaves opsdeck.

mod common;

use std::path::Path;

use common::emulator::{self, eventually};
use common::screen;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use opsdeck::action::{Action, Loaded};
use opsdeck::audit::{AuditLog, Entry};
use opsdeck::aws::{ecs, Clients, ErrorKind, Identity, Mutator};
use opsdeck::effect::Effect;
use opsdeck::model::{Mutation, Service};
use opsdeck::update::update;

const CLUSTER: &str = "shop";

fn identity(account: &str) -> Identity {
    Identity {
        account: account.into(),
        arn: format!("arn:aws:iam::{account}:user/oncall"),
        caller: "oncall".into(),
        region: emulator::REGION.into(),
        ..Default::default()
    }
}

fn audit_log(name: &str) -> AuditLog {
    AuditLog::at(emulator::empty_dir(name).join("state/opsdeck/audit.jsonl"))
}

fn entries(log: &AuditLog) -> Vec<Entry> {
    log.read()
        .unwrap_or_else(|e| panic!("reading {}: {e}", log.path().display()))
}

async fn describe(clients: &Clients, service: &str) -> Service {
    ecs::service(clients, CLUSTER, service)
        .await
        .unwrap_or_else(|e| panic!("describe {service}: {}", e.summary()))
}

async fn task_definition_status(sdk: &aws_sdk_ecs::Client, arn: &str) -> String {
    sdk.describe_task_definition()
        .task_definition(arn)
        .send()
        .await
        .unwrap_or_else(|e| panic!("DescribeTaskDefinition {arn}: {e:?}"))
        .task_definition()
        .and_then(|t| t.status())
        .map(|s| s.as_str().to_string())
        .unwrap_or_default()
}

/// A cluster with one service wanting 2 tasks, running revision 2 of its family
/// (revision 1 is there to roll back to). Returns (service, revision 1, revision 2).
async fn seed(sdk: &aws_sdk_ecs::Client) -> (String, String, String) {
    let seeded = emulator::seed_cluster(sdk, CLUSTER, 1, 2).await;
    let service = seeded.services[0].clone();
    let rev2 = emulator::register_task_definition(sdk, &seeded.family, "1.28").await;
    sdk.update_service()
        .cluster(CLUSTER)
        .service(&service)
        .task_definition(&rev2)
        .send()
        .await
        .unwrap_or_else(|e| panic!("seeding: UpdateService to revision 2: {e:?}"));
    (service, seeded.task_definition, rev2)
}

#[tokio::test]
async fn each_action_changes_the_emulator_and_is_audited() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    let (service, rev1, rev2) = seed(&sdk).await;
    let clients = emulator::clients(&url, &account);
    let log = audit_log("actions");
    let mutator = Mutator::new(clients.clone(), identity(&account), false, log.clone());
    let run = |m: Mutation| {
        let mutator = mutator.clone();
        async move {
            mutator
                .run(&m)
                .await
                .unwrap_or_else(|e| panic!("{}: {}", m.action(), e.summary()))
        }
    };

    // Force new deployment: a new PRIMARY deployment on the same revision.
    let before = describe(&clients, &service).await;
    let accepted = run(Mutation::ForceNewDeployment {
        cluster: CLUSTER.into(),
        service: service.clone(),
    })
    .await;
    let new_id = accepted
        .deployment_id
        .clone()
        .unwrap_or_else(|| panic!("UpdateService named no PRIMARY deployment"));
    assert!(
        before.deployments.iter().all(|d| d.id != new_id),
        "the deployment {new_id} must be new"
    );
    let after = describe(&clients, &service).await;
    let primary = after
        .primary_deployment()
        .unwrap_or_else(|| panic!("no PRIMARY deployment after the redeploy"));
    assert_eq!(primary.id, new_id);
    assert_eq!(after.task_definition, rev2, "same revision");

    // Scale 2 → 3: desired changes, and running follows.
    run(Mutation::Scale {
        cluster: CLUSTER.into(),
        service: service.clone(),
        from: 2,
        to: 3,
    })
    .await;
    assert_eq!(describe(&clients, &service).await.desired, 3);
    eventually("3 running tasks after scaling to 3", || async {
        (describe(&clients, &service).await.running == 3).then_some(())
    })
    .await;

    // Roll back to revision 1: the service runs it, on a new deployment.
    let rolled = run(Mutation::Rollback {
        cluster: CLUSTER.into(),
        service: service.clone(),
        from: rev2.clone(),
        to: rev1.clone(),
    })
    .await;
    let after = describe(&clients, &service).await;
    assert_eq!(after.task_definition, rev1);
    assert_eq!(
        after.primary_deployment().map(|d| d.id.clone()),
        rolled.deployment_id
    );
    assert_ne!(rolled.deployment_id, Some(new_id));

    // Stop a task: stopped, with the reason recorded on it.
    let task = ecs::tasks(&clients, CLUSTER, Some(&service), false)
        .await
        .unwrap_or_else(|e| panic!("tasks: {}", e.summary()))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no running task to stop"));
    let reason = "stopped from opsdeck by oncall";
    run(Mutation::StopTask {
        cluster: CLUSTER.into(),
        task: task.arn.clone(),
        reason: reason.into(),
    })
    .await;
    let stopped = ecs::describe_tasks(&clients, CLUSTER, vec![task.arn.clone()])
        .await
        .unwrap_or_else(|e| panic!("describe task: {}", e.summary()));
    assert_eq!(stopped[0].desired_status, "STOPPED");
    assert_eq!(stopped[0].stopped_reason, reason);

    // Deregister the revision rolled back from.
    run(Mutation::DeregisterTaskDefinition {
        task_definition: rev2.clone(),
    })
    .await;
    assert_eq!(task_definition_status(&sdk, &rev2).await, "INACTIVE");

    // A service deleted meanwhile: the error comes back in words and is audited too.
    let gone = mutator
        .run(&Mutation::Scale {
            cluster: CLUSTER.into(),
            service: "deleted-meanwhile".into(),
            from: 2,
            to: 4,
        })
        .await
        .expect_err("scaling a missing service must fail");
    assert_eq!(gone.kind, ErrorKind::NotFound, "{}", gone.summary());

    // The audit log: an attempt and an outcome per request, in order, with the caller,
    // account, region, target, change and AWS's request id.
    let lines = entries(&log);
    let phases: Vec<(&str, &str)> = lines
        .iter()
        .map(|e| (e.action.as_str(), e.phase.as_str()))
        .collect();
    let mut expected = Vec::new();
    for action in [
        "force_new_deployment",
        "scale",
        "rollback",
        "stop_task",
        "deregister_task_definition",
        "scale",
    ] {
        expected.push((action, "attempt"));
        expected.push((action, "outcome"));
    }
    assert_eq!(phases, expected);
    for pair in lines.chunks(2) {
        let (attempt, outcome) = (&pair[0], &pair[1]);
        assert_eq!(attempt.id, outcome.id, "an outcome names its attempt");
        assert!(attempt.outcome.is_none() && attempt.request_id.is_none());
        assert_eq!(
            attempt.caller_arn,
            format!("arn:aws:iam::{account}:user/oncall")
        );
        assert_eq!(
            (attempt.account.as_str(), attempt.region.as_str()),
            (account.as_str(), "us-east-1")
        );
        assert!(
            outcome.request_id.as_deref().is_some_and(|r| !r.is_empty()),
            "{outcome:?} has AWS's request id"
        );
    }
    let outcomes: Vec<&str> = lines.iter().filter_map(|e| e.outcome.as_deref()).collect();
    assert_eq!(&outcomes[..5], ["accepted"; 5]);
    assert!(
        outcomes[5].starts_with("error: ecs:UpdateService: not found"),
        "{}",
        outcomes[5]
    );
    assert_eq!(lines[2].change, "desired 2 → 3");
    assert_eq!(lines[2].target, format!("{CLUSTER}/{service}"));
    assert_eq!(lines[2].parameters["desiredCount"], 3);
    assert_eq!(
        lines[4].change,
        format!("{} → {}", short(&rev2), short(&rev1))
    );
    assert_eq!(lines[6].parameters["reason"], reason);
    assert_mode_0600(log.path());
}

fn short(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or_default()
}

fn assert_mode_0600(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{} must be 0600", path.display());
}

/// What the emulator holds about the seeded service, its tasks and revisions.
async fn world(
    clients: &Clients,
    sdk: &aws_sdk_ecs::Client,
    service: &str,
    revisions: &[&str],
) -> String {
    let s = describe(clients, service).await;
    let mut tasks: Vec<String> = ecs::tasks(clients, CLUSTER, Some(service), false)
        .await
        .unwrap_or_else(|e| panic!("tasks: {}", e.summary()))
        .into_iter()
        .map(|t| format!("{} {} {}", t.id, t.desired_status, t.stopped_reason))
        .collect();
    tasks.sort();
    let mut statuses = Vec::new();
    for r in revisions {
        statuses.push(task_definition_status(sdk, r).await);
    }
    let deployments: Vec<String> = s
        .deployments
        .iter()
        .map(|d| format!("{} {} {}", d.id, d.status, d.desired))
        .collect();
    format!(
        "desired {} td {}\ndeployments {deployments:?}\ntasks {tasks:?}\nrevisions {statuses:?}",
        s.desired, s.task_definition
    )
}

fn press(state: &mut opsdeck::state::State, code: KeyCode) -> Vec<Effect> {
    update(
        state,
        Action::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        screen::t0(),
    )
}

fn typed(state: &mut opsdeck::state::State, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| press(state, KeyCode::Char(c)))
        .collect()
}

#[tokio::test]
async fn read_only_refuses_every_action_before_anything_reaches_aws() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    let (service, rev1, rev2) = seed(&sdk).await;
    let reader = emulator::clients(&url, &account);
    eventually("2 running tasks", || async {
        (describe(&reader, &service).await.running == 2).then_some(())
    })
    .await;
    let before = world(&reader, &sdk, &service, &[&rev1, &rev2]).await;
    let live = describe(&reader, &service).await;
    let task = ecs::tasks(&reader, CLUSTER, Some(&service), false)
        .await
        .unwrap_or_else(|e| panic!("tasks: {}", e.summary()))
        .remove(0);

    // The UI: every action of the menu, in a read-only session, with the emulator's
    // real service and task on screen. No key sequence produces a mutation.
    let mut state = screen::state(false);
    state.settings.read_only = true;
    let mut fx = opsdeck::update::open_initial_views(&mut state, Some(CLUSTER), None);
    screen::deliver(&mut state, &fx, Loaded::ServicesBatch(vec![live.clone()]));
    let mut effects = Vec::new();
    for letter in ['f', 's', 'b'] {
        effects.extend(press(&mut state, KeyCode::Char('a')));
        effects.extend(press(&mut state, KeyCode::Char(letter)));
        let dialog = state
            .dialog
            .as_ref()
            .unwrap_or_else(|| panic!("the menu stays open"));
        assert!(
            dialog
                .error
                .as_deref()
                .is_some_and(|e| e.contains("read-only")),
            "{letter}: {:?}",
            dialog.error
        );
        effects.extend(typed(&mut state, "3"));
        effects.extend(press(&mut state, KeyCode::Enter));
        effects.extend(press(&mut state, KeyCode::Esc));
    }
    fx = press(&mut state, KeyCode::Char('t'));
    screen::deliver(&mut state, &fx, Loaded::Tasks(Ok(vec![task.clone()])));
    effects.extend(press(&mut state, KeyCode::Char('a')));
    effects.extend(press(&mut state, KeyCode::Char('x')));
    effects.extend(press(&mut state, KeyCode::Enter));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Mutate { .. })),
        "a read-only session produced a mutation: {effects:?}"
    );

    // The choke point, independently of the UI: every mutation, sent straight to it.
    let clients = emulator::clients(&url, &account);
    let log = audit_log("read-only");
    let mutator = Mutator::new(clients.clone(), identity(&account), true, log.clone());
    let all = [
        Mutation::ForceNewDeployment {
            cluster: CLUSTER.into(),
            service: service.clone(),
        },
        Mutation::Scale {
            cluster: CLUSTER.into(),
            service: service.clone(),
            from: 2,
            to: 0,
        },
        Mutation::Rollback {
            cluster: CLUSTER.into(),
            service: service.clone(),
            from: rev2.clone(),
            to: rev1.clone(),
        },
        Mutation::StopTask {
            cluster: CLUSTER.into(),
            task: task.arn.clone(),
            reason: "stopped from opsdeck by oncall".into(),
        },
        Mutation::DeregisterTaskDefinition {
            task_definition: rev2.clone(),
        },
    ];
    for m in &all {
        let err = mutator
            .run(m)
            .await
            .expect_err("a read-only session must refuse");
        assert_eq!(err.kind, ErrorKind::ReadOnly, "{}", err.summary());
        assert!(err.message.contains("read-only"), "{}", err.message);
    }
    // Not one HTTP request left opsdeck's clients, so nothing mutating reached the emulator…
    assert_eq!(clients.counter.get(), 0, "requests sent in read-only mode");
    // …and the emulator's state is as it was.
    assert_eq!(
        world(&reader, &sdk, &service, &[&rev1, &rev2]).await,
        before
    );
    // The refusals are audited.
    let lines = entries(&log);
    assert_eq!(lines.len(), all.len() * 2);
    assert!(lines.iter().filter(|e| e.phase == "outcome").all(|e| e
        .outcome
        .as_deref()
        .is_some_and(|o| o.starts_with("refused: "))));
}

/// The choke point is the only caller of mutating ECS operations in the source.
#[test]
fn only_the_choke_point_calls_mutating_operations() {
    const MUTATING: [&str; 8] = [
        ".update_service()",
        ".stop_task()",
        ".deregister_task_definition()",
        ".delete_task_definitions()",
        ".run_task()",
        ".delete_service()",
        ".register_scalable_target()",
        ".update_service_primary_task_set()",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.ends_with("aws/mutation.rs") || path.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            for m in MUTATING {
                if text.contains(m) {
                    offenders.push(format!("{} calls {m}", path.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
    // The check itself sees the calls where they are.
    let choke = std::fs::read_to_string(root.join("aws/mutation.rs")).unwrap_or_default();
    assert!(choke.contains(".update_service()") && choke.contains(".stop_task()"));
}

/// On the IAM-enforcing emulator, a caller allowed only to read ECS is denied the change:
/// the error says so in words, nothing changes, and the audit log has the denial.
#[tokio::test]
async fn access_denied_is_said_in_words_and_audited() {
    let url = emulator::auth_url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    let (service, _, rev2) = seed(&sdk).await;
    let key = emulator::create_user(&url, &account, "reader", &emulator::ecs_read_policy());
    let config = emulator::sdk_config(&url, &key.id, &key.secret, None);
    let clients = Clients::new(&config, opsdeck::aws::ApiCounter::default());
    let log = audit_log("denied");
    let mutator = Mutator::new(clients.clone(), identity(&account), false, log.clone());
    let err = mutator
        .run(&Mutation::Scale {
            cluster: CLUSTER.into(),
            service: service.clone(),
            from: 2,
            to: 5,
        })
        .await
        .expect_err("a read-only IAM user must be denied");
    assert_eq!(err.kind, ErrorKind::AccessDenied, "{}", err.summary());
    assert!(
        err.summary()
            .starts_with("ecs:UpdateService: access denied"),
        "{}",
        err.summary()
    );
    let s = describe(&clients, &service).await;
    assert_eq!((s.desired, s.task_definition.as_str()), (2, rev2.as_str()));
    let lines = entries(&log);
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1]
            .outcome
            .as_deref()
            .is_some_and(|o| o.starts_with("error: ecs:UpdateService: access denied")),
        "{:?}",
        lines[1]
    );
}
