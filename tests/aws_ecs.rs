//! The ECS reads every view makes (`opsdeck::aws::ecs`), over real HTTP against the local
//! emulator, seeded through the SDK. Each test works in its own fresh account, so tests run in
//! parallel against one emulator and see only what they created.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::emulator::{self, eventually, Seeded, CONTAINERS, SECURITY_GROUP, SUBNETS};
use opsdeck::aws::{self, ecs, ErrorKind};
use opsdeck::model::{CircuitBreaker, Service, Task};

/// `family:revision`, as the views show a task definition.
fn short(task_definition_arn: &str) -> &str {
    task_definition_arn.rsplit('/').next().unwrap_or_default()
}

/// Everything `services()` delivered, and the size of each batch.
async fn load_services(
    clients: &aws::Clients,
    cluster: &str,
) -> (Result<(), aws::AwsError>, Vec<Service>, Vec<usize>) {
    let mut all = Vec::new();
    let mut batches = Vec::new();
    let done = ecs::services(clients, cluster, |batch| {
        batches.push(batch.len());
        all.extend(batch);
    })
    .await;
    (done, all, batches)
}

async fn running_tasks(clients: &aws::Clients, cluster: &str, service: &str) -> Vec<Task> {
    ecs::tasks(clients, cluster, Some(service), false)
        .await
        .unwrap_or_else(|e| panic!("tasks({cluster}, {service}): {}", e.summary()))
}

#[tokio::test]
async fn clusters_show_status_services_running_tasks_and_capacity_providers() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    let busy = emulator::seed_cluster(&sdk, "payments", 3, 2).await;
    emulator::create_cluster(&sdk, "sandbox").await;
    let clients = emulator::clients(&url, &account);

    // The emulator starts Fargate tasks at once; real ECS would take a while.
    let clusters = eventually("6 running tasks in the payments cluster", || async {
        let clusters = ecs::clusters(&clients)
            .await
            .unwrap_or_else(|e| panic!("clusters(): {}", e.summary()));
        let payments = clusters.iter().find(|c| c.name == busy.cluster)?;
        (payments.running_tasks == 6).then_some(clusters)
    })
    .await;

    let by_name: BTreeMap<_, _> = clusters.iter().map(|c| (c.name.as_str(), c)).collect();
    assert_eq!(
        by_name.keys().copied().collect::<Vec<_>>(),
        ["payments", "sandbox"],
        "exactly the account's clusters"
    );
    let payments = by_name["payments"];
    assert_eq!(payments.status, "ACTIVE");
    assert_eq!(payments.active_services, 3);
    assert_eq!(payments.running_tasks, 6);
    assert_eq!(payments.pending_tasks, 0);
    assert_eq!(payments.capacity_providers, ["FARGATE", "FARGATE_SPOT"]);
    assert_eq!(
        payments.arn,
        format!("arn:aws:ecs:us-east-1:{account}:cluster/payments")
    );
    let sandbox = by_name["sandbox"];
    assert_eq!(sandbox.status, "ACTIVE");
    assert_eq!((sandbox.active_services, sandbox.running_tasks), (0, 0));

    // One ListClusters page and one DescribeClusters call for both clusters.
    let before = clients.counter.get();
    ecs::clusters(&clients)
        .await
        .unwrap_or_else(|e| panic!("clusters(): {}", e.summary()));
    assert_eq!(
        clients.counter.get() - before,
        2,
        "ListClusters + DescribeClusters"
    );
}

#[tokio::test]
async fn services_of_a_large_cluster_arrive_in_batches_of_ten_fully_converted() {
    const N: usize = 27;
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    let seeded = emulator::seed_cluster(&sdk, "omni", N, 1).await;
    let clients = emulator::clients(&url, &account);

    // How many ListServices pages this endpoint serves (the emulator may ignore maxResults).
    let mut list_pages = 0;
    let mut pages = sdk
        .list_services()
        .cluster(&seeded.cluster)
        .max_results(100)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        page.unwrap_or_else(|e| panic!("ListServices: {e:?}"));
        list_pages += 1;
    }

    let before = clients.counter.get();
    let (done, services, batches) = load_services(&clients, &seeded.cluster).await;
    let requests = clients.counter.get() - before;
    done.unwrap_or_else(|e| panic!("services(): {}", e.summary()));

    assert!(
        batches.iter().all(|&b| (1..=10).contains(&b)),
        "every batch holds 1..=10 services: {batches:?}"
    );
    assert_eq!(batches.len(), N.div_ceil(10), "batches: {batches:?}");
    let names: BTreeSet<_> = services.iter().map(|s| s.name.clone()).collect();
    assert_eq!(names.len(), N, "no service delivered twice");
    assert_eq!(
        names,
        seeded.services.iter().cloned().collect::<BTreeSet<_>>(),
        "every service of the cluster arrives"
    );
    assert_eq!(
        requests,
        N.div_ceil(10) as u64 + list_pages,
        "{} DescribeServices calls + {list_pages} ListServices page(s)",
        N.div_ceil(10)
    );

    for s in &services {
        let ctx = &s.name;
        assert_eq!(s.status, "ACTIVE", "{ctx}");
        assert_eq!(
            s.arn,
            format!("arn:aws:ecs:us-east-1:{account}:service/omni/{}", s.name)
        );
        assert_eq!(
            s.cluster_arn,
            format!("arn:aws:ecs:us-east-1:{account}:cluster/omni")
        );
        assert_eq!(s.desired, 1, "{ctx}");
        assert_eq!(s.task_definition_short(), "omni-app:1", "{ctx}");
        assert_eq!(s.launch_type, "FARGATE", "{ctx}");
        assert!(s.exec_enabled, "{ctx}: ECS Exec was enabled");
        assert!(s.created_at.is_some(), "{ctx}: creation time");
        let network = s
            .network
            .as_ref()
            .unwrap_or_else(|| panic!("{ctx}: awsvpc network configuration"));
        assert_eq!(network.subnets, SUBNETS, "{ctx}");
        assert_eq!(network.security_groups, [SECURITY_GROUP], "{ctx}");
        assert!(!network.public_ip, "{ctx}: no public IP");
        assert_eq!(s.deployment_config.min_healthy_percent, Some(100), "{ctx}");
        assert_eq!(s.deployment_config.max_percent, Some(200), "{ctx}");
        assert_eq!(
            s.deployment_config.circuit_breaker,
            Some(CircuitBreaker {
                enabled: true,
                rollback: true
            }),
            "{ctx}"
        );
    }

    // Counts and rollout state settle once the emulator has started the tasks.
    let settled = eventually("every service running 1/1 with a COMPLETED rollout", || {
        let clients = clients.clone();
        async move {
            let (done, services, _) = load_services(&clients, "omni").await;
            done.ok()?;
            services
                .iter()
                .all(|s| s.running == 1 && s.pending == 0 && s.rollout_state() == "COMPLETED")
                .then_some(services)
        }
    })
    .await;
    let primary = settled[0]
        .primary_deployment()
        .unwrap_or_else(|| panic!("a PRIMARY deployment"));
    assert_eq!(short(&primary.task_definition), "omni-app:1");
    assert_eq!((primary.desired, primary.running), (1, 1));
}

#[tokio::test]
async fn service_detail_follows_an_update_to_a_new_revision() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    let Seeded {
        cluster,
        family,
        services,
        ..
    } = emulator::seed_cluster(&sdk, "checkout", 1, 2).await;
    let name = &services[0];
    let clients = emulator::clients(&url, &account);

    let before = eventually("the first deployment to complete", || async {
        let s = ecs::service(&clients, &cluster, name).await.ok()?;
        (s.rollout_state() == "COMPLETED" && s.running == 2).then_some(s)
    })
    .await;
    assert_eq!(before.name, *name);
    assert_eq!(before.task_definition_short(), format!("{family}:1"));
    assert_eq!(before.deployments.len(), 1, "{:?}", before.deployments);
    let first = &before.deployments[0];
    assert_eq!(first.status, "PRIMARY");
    assert_eq!(short(&first.task_definition), format!("{family}:1"));
    assert!(
        first.id.starts_with("ecs-svc/"),
        "deployment id {}",
        first.id
    );
    assert!(first.created_at.is_some());

    let revision_2 = emulator::register_task_definition(&sdk, &family, "1.28").await;
    sdk.update_service()
        .cluster(&cluster)
        .service(name)
        .task_definition(&revision_2)
        .send()
        .await
        .unwrap_or_else(|e| panic!("UpdateService: {e:?}"));

    let after = eventually("the service to run revision 2", || async {
        let s = ecs::service(&clients, &cluster, name).await.ok()?;
        (s.task_definition_short() == format!("{family}:2")).then_some(s)
    })
    .await;
    let primary = after
        .primary_deployment()
        .unwrap_or_else(|| panic!("a PRIMARY deployment: {:?}", after.deployments));
    assert_eq!(short(&primary.task_definition), format!("{family}:2"));
    assert_ne!(primary.id, first.id, "a new deployment");
    // Real ECS keeps the old deployment (ACTIVE) while the new one rolls out; the emulator
    // may finish at once and keep only the new one.
    assert!(
        (1..=2).contains(&after.deployments.len()),
        "{:?}",
        after.deployments
    );
    if let Some(old) = after.deployments.iter().find(|d| d.status != "PRIMARY") {
        assert_eq!(old.status, "ACTIVE");
        assert_eq!(short(&old.task_definition), format!("{family}:1"));
    }
    assert!(
        after
            .events
            .iter()
            .any(|e| e.message.contains(&format!("(service {name})"))),
        "service events name the service: {:?}",
        after.events
    );
}

#[tokio::test]
async fn a_missing_service_is_not_found_and_named() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    emulator::create_cluster(&sdk, "billing").await;
    let clients = emulator::clients(&url, &account);

    let err = ecs::service(&clients, "billing", "ghost")
        .await
        .expect_err("a service that does not exist");
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
    assert!(err.message.contains("ghost"), "{}", err.message);
    assert!(err.message.contains("billing"), "{}", err.message);
}

#[tokio::test]
async fn tasks_of_a_service_running_then_stopped_with_the_reason() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let sdk = emulator::ecs_client(&url, &account);
    let seeded = emulator::seed_cluster(&sdk, "search", 1, 2).await;
    let (cluster, service) = (&seeded.cluster, &seeded.services[0]);
    let clients = emulator::clients(&url, &account);

    let running = eventually("2 running tasks", || async {
        let tasks = running_tasks(&clients, cluster, service).await;
        (tasks.len() == 2 && tasks.iter().all(|t| t.last_status == "RUNNING")).then_some(tasks)
    })
    .await;
    for t in &running {
        assert!(
            t.arn.ends_with(&format!("/{}", t.id)) && !t.id.is_empty(),
            "id {} is the ARN's last segment: {}",
            t.id,
            t.arn
        );
        assert!(
            t.arn.contains(&format!(":{account}:task/{cluster}/")),
            "{}",
            t.arn
        );
        assert_eq!(t.desired_status, "RUNNING");
        assert_eq!(t.task_definition_short(), "search-app:1");
        assert_eq!(t.group, format!("service:{service}"));
        assert!(t.started_at.is_some(), "{}: started at", t.id);
        assert!(t.stopped_at.is_none(), "{}: not stopped", t.id);
        let containers: Vec<_> = t
            .containers
            .iter()
            .map(|c| (c.name.as_str(), c.image.as_str()))
            .collect();
        assert_eq!(
            containers.len(),
            2,
            "{}: two containers {:?}",
            t.id,
            containers
        );
        for (name, image) in CONTAINERS {
            let c = t
                .containers
                .iter()
                .find(|c| c.name == name)
                .unwrap_or_else(|| panic!("{}: container {name} in {containers:?}", t.id));
            assert!(c.image.starts_with(&format!("{image}:")), "{}", c.image);
            assert!(
                !c.runtime_id.is_empty(),
                "{}/{name}: runtime id (ECS Exec needs it)",
                t.id
            );
        }
    }
    assert_ne!(running[0].id, running[1].id);

    // Two tasks: one ListTasks page and one DescribeTasks call.
    let before = clients.counter.get();
    running_tasks(&clients, cluster, service).await;
    assert_eq!(
        clients.counter.get() - before,
        2,
        "ListTasks + DescribeTasks"
    );

    // A task looked up on its own (task detail, ECS Exec), by id as the views hold it.
    let victim = &running[0];
    let one = ecs::describe_tasks(&clients, cluster, vec![victim.id.clone()])
        .await
        .unwrap_or_else(|e| panic!("describe_tasks: {}", e.summary()));
    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(one[0].id, victim.id);
    assert_eq!(one[0].containers, victim.containers);

    let reason = "opsdeck test: stopped to check the stopped list";
    sdk.stop_task()
        .cluster(cluster)
        .task(&victim.arn)
        .reason(reason)
        .send()
        .await
        .unwrap_or_else(|e| panic!("StopTask: {e:?}"));

    let stopped = eventually("the stopped task in the stopped list", || async {
        let stopped = ecs::tasks(&clients, cluster, Some(service), true)
            .await
            .unwrap_or_else(|e| panic!("stopped tasks: {}", e.summary()));
        stopped
            .into_iter()
            .find(|t| t.id == victim.id && t.last_status == "STOPPED")
    })
    .await;
    assert_eq!(stopped.stopped_reason, reason);
    assert_eq!(stopped.desired_status, "STOPPED");
    assert!(stopped.stopped_at.is_some(), "stopped at");
    assert_eq!(stopped.task_definition_short(), "search-app:1");

    let still_running = running_tasks(&clients, cluster, service).await;
    assert!(
        still_running.iter().all(|t| t.id != victim.id),
        "the stopped task left the running list"
    );
}

#[tokio::test]
async fn services_of_a_missing_cluster_are_not_found_and_name_the_cluster() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let clients = emulator::clients(&url, &account);

    let (done, services, _) = load_services(&clients, "no-such-cluster").await;
    let err = done.expect_err("services() of a cluster that does not exist");
    assert!(services.is_empty());
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
    assert!(err.message.contains("no-such-cluster"), "{}", err.message);
}

#[tokio::test]
async fn service_of_a_missing_cluster_is_not_found_and_names_the_cluster() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    let clients = emulator::clients(&url, &account);

    let err = ecs::service(&clients, "no-such-cluster", "web")
        .await
        .expect_err("a service of a cluster that does not exist");
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
    assert!(err.message.contains("no-such-cluster"), "{}", err.message);
}

#[tokio::test]
async fn access_denied_on_list_tasks_fails_the_tasks_view_only() {
    let url = emulator::auth_url();
    let account = emulator::fresh_account();
    // The account's root seeds; the user can read ECS except ListTasks.
    let sdk = emulator::ecs_client(&url, &account);
    let seeded = emulator::seed_cluster(&sdk, "support", 2, 1).await;
    let policy = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["ecs:List*", "ecs:Describe*"], "Resource": "*"},
            {"Effect": "Deny", "Action": "ecs:ListTasks", "Resource": "*"}
        ]
    });
    let key = emulator::create_user(&url, &account, "readonly-support", &policy);
    let config = emulator::sdk_config(&url, &key.id, &key.secret, None);
    let clients = aws::Clients::new(&config, aws::ApiCounter::default());

    let (done, services, _) = load_services(&clients, &seeded.cluster).await;
    done.unwrap_or_else(|e| panic!("services() as the read-only user: {}", e.summary()));
    assert_eq!(services.len(), 2);
    let clusters = ecs::clusters(&clients)
        .await
        .unwrap_or_else(|e| panic!("clusters() as the read-only user: {}", e.summary()));
    assert_eq!(clusters.len(), 1);

    let err = ecs::tasks(&clients, &seeded.cluster, Some(&seeded.services[0]), false)
        .await
        .expect_err("ListTasks is denied");
    assert_eq!(err.kind, ErrorKind::AccessDenied, "{err:?}");
    assert_eq!(err.operation, "ecs:ListTasks");
    assert!(
        err.message.contains("ecs:ListTasks"),
        "AWS's message says what was denied: {}",
        err.message
    );
    assert!(err.summary().contains("access denied"), "{}", err.summary());
    assert!(!err.is_transient(), "access denied is not retried");
}
