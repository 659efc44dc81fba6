//! CloudFormation reads (`opsdeck::aws::cfn`) over real HTTP against the local emulator:
//! the demo world's stacks (one with a failed, rolled-back update), a stack created here
//! with an ECS cluster, task definition, service and log group (links, outputs, NoEcho
//! parameters, the owning stack of a service, the deploy timeline), and deleted stacks.

mod common;

use common::emulator::{self, eventually};
use common::screen;
use crossterm::event::KeyCode;
use opsdeck::action::Loaded;
use opsdeck::aws::{cfn, ecs, ErrorKind};
use opsdeck::effect::{Effect, Request};
use opsdeck::model::stack::{current_operation, progress, StackRef};
use opsdeck::model::Jump;
use opsdeck::state::View;

/// The demo world's account (seeded by `scripts/emulator seed` / `scripts/test`).
const DEMO_ACCOUNT: &str = "123456789012";

fn cfn_client(url: &str, account: &str) -> aws_sdk_cloudformation::Client {
    aws_sdk_cloudformation::Client::new(&emulator::account_config(url, account))
}

/// A stack of the kind CDK or a hand-written template makes for one service.
fn shop_template() -> String {
    serde_json::json!({
        "Description": "shop: one Fargate service",
        "Parameters": {
            "DbPassword": {"Type": "String", "NoEcho": true, "Default": "hunter2-not-shown"},
            "ImageTag": {"Type": "String", "Default": "1.42.0"}
        },
        "Resources": {
            "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "shop"}},
            "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/shop/web"}},
            "TaskDefinition": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
                "Family": "shop-web", "RequiresCompatibilities": ["FARGATE"],
                "NetworkMode": "awsvpc", "Cpu": "256", "Memory": "512",
                "ContainerDefinitions": [{"Name": "web", "Essential": true,
                    "Image": {"Fn::Sub": "public.ecr.aws/nginx/nginx:${ImageTag}"}}]}},
            "Service": {"Type": "AWS::ECS::Service", "Properties": {
                "ServiceName": "shop-web", "Cluster": {"Ref": "Cluster"},
                "TaskDefinition": {"Ref": "TaskDefinition"}, "DesiredCount": 1,
                "LaunchType": "FARGATE",
                "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": emulator::SUBNETS}}}}
        },
        "Outputs": {
            "ClusterName": {"Value": {"Ref": "Cluster"}, "Description": "the shop cluster",
                "Export": {"Name": "shop-cluster"}}
        }
    })
    .to_string()
}

async fn wait_settled(cfn: &aws_sdk_cloudformation::Client, stack: &str) -> String {
    eventually(&format!("stack {stack} to settle"), || async {
        let resp = cfn.describe_stacks().stack_name(stack).send().await.ok()?;
        let status = resp.stacks().first()?.stack_status()?.as_str().to_string();
        (!status.ends_with("_IN_PROGRESS")).then_some(status)
    })
    .await
}

async fn create_shop(url: &str, account: &str) {
    let cfn = cfn_client(url, account);
    cfn.create_stack()
        .stack_name("shop")
        .template_body(shop_template())
        .send()
        .await
        .unwrap_or_else(|e| panic!("seeding: CreateStack shop: {e:?}"));
    assert_eq!(wait_settled(&cfn, "shop").await, "CREATE_COMPLETE");
}

#[tokio::test]
async fn demo_stacks_and_the_failed_rolled_back_update() {
    let url = emulator::url();
    let clients = emulator::clients(&url, DEMO_ACCOUNT);
    let stacks = cfn::stacks(&clients, false)
        .await
        .unwrap_or_else(|e| panic!("stacks(): {}", e.summary()));
    let infra = stacks
        .iter()
        .find(|s| s.name == "omni-acme-infra")
        .unwrap_or_else(|| panic!("no omni-acme-infra among {stacks:?}"));
    assert_eq!(infra.status, "UPDATE_ROLLBACK_COMPLETE");
    assert!(infra.description.starts_with("omni-acme:"), "{infra:?}");
    assert_eq!(infra.termination_protection, Some(false));
    assert_eq!(infra.drift, "NOT_CHECKED");
    assert!(infra
        .id
        .starts_with("arn:aws:cloudformation:us-east-1:123456789012:stack/omni-acme-infra/"));
    assert!(stacks
        .iter()
        .any(|s| s.name == "opsdeck-customer-bootstrap" && s.status == "CREATE_COMPLETE"));

    let detail = cfn::stack_detail(&clients, &StackRef::Id("omni-acme-infra".into()), false)
        .await
        .unwrap_or_else(|e| panic!("stack_detail(): {}", e.summary()));
    let failed = detail
        .events
        .iter()
        .find(|e| e.status == "UPDATE_FAILED")
        .unwrap_or_else(|| panic!("no UPDATE_FAILED event in {:?}", detail.events));
    assert_eq!(failed.logical_id, "AuditLogStream");
    assert_eq!(failed.resource_type, "AWS::Logs::LogStream");
    assert!(
        failed.reason.contains("log group does not exist"),
        "{failed:?}"
    );
    // The latest operation: from "User Initiated" to UPDATE_ROLLBACK_COMPLETE, newest first.
    let op = current_operation(&detail.events, "omni-acme-infra");
    assert_eq!(
        op.first().map(|e| e.status.as_str()),
        Some("UPDATE_ROLLBACK_COMPLETE")
    );
    assert_eq!(op.last().map(|e| e.reason.as_str()), Some("User Initiated"));
    assert!(
        op.len() < detail.events.len(),
        "earlier operations are loaded too"
    );
    assert_eq!(
        progress(&detail.events, &detail.resources, "omni-acme-infra").failed,
        1
    );
    // Resources, outputs and parameters.
    assert!(detail.resources.iter().any(|r| r.logical_id == "Vpc"
        && r.resource_type == "AWS::EC2::VPC"
        && r.physical_id.starts_with("vpc-")));
    assert!(detail
        .stack
        .outputs
        .iter()
        .any(|o| o.key == "VpcId" && o.value.starts_with("vpc-")));
    assert!(detail
        .stack
        .parameters
        .iter()
        .any(|p| p.key == "Environment" && p.value == "production"));
}

#[tokio::test]
async fn stack_resources_outputs_masked_parameters_and_the_link_to_its_service() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    create_shop(&url, &account).await;
    let clients = emulator::clients(&url, &account);
    let before = clients.counter.get();
    let detail = cfn::stack_detail(&clients, &StackRef::Id("shop".into()), false)
        .await
        .unwrap_or_else(|e| panic!("stack_detail(): {}", e.summary()));
    assert_eq!(detail.stack.status, "CREATE_COMPLETE");
    assert_eq!(
        clients.counter.get() - before,
        3,
        "one refresh: DescribeStacks, DescribeStackEvents (one page), ListStackResources"
    );
    let output = &detail.stack.outputs[0];
    assert_eq!(
        (
            output.key.as_str(),
            output.value.as_str(),
            output.export_name.as_str()
        ),
        ("ClusterName", "shop", "shop-cluster")
    );
    let password = detail
        .stack
        .parameters
        .iter()
        .find(|p| p.key == "DbPassword")
        .unwrap_or_else(|| panic!("no DbPassword in {:?}", detail.stack.parameters));
    assert!(password.no_echo(), "NoEcho comes back masked: {password:?}");
    let links: Vec<(String, Option<Jump>)> = detail
        .resources
        .iter()
        .map(|r| {
            (
                r.logical_id.clone(),
                Jump::from_resource(&r.resource_type, &r.physical_id),
            )
        })
        .collect();
    assert!(
        links.contains(&("Cluster".into(), Some(Jump::Cluster("shop".into())))),
        "{links:?}"
    );
    assert!(
        links.contains(&("Logs".into(), Some(Jump::LogGroup("/shop/web".into())))),
        "{links:?}"
    );
    assert!(
        links.contains(&(
            "Service".into(),
            Some(Jump::Service {
                cluster: "shop".into(),
                service: "shop-web".into()
            })
        )),
        "{links:?}"
    );

    // Through update: the stack view, Enter on the Service resource, the request it makes.
    let mut state = screen::state(true);
    opsdeck::update::open_initial_views(&mut state, None, None);
    let fx = screen::key(&mut state, KeyCode::Char('S'));
    screen::deliver(
        &mut state,
        &fx,
        Loaded::Stacks(cfn::stacks(&clients, false).await),
    );
    let fx = screen::key(&mut state, KeyCode::Enter);
    screen::deliver(&mut state, &fx, Loaded::Stack(Ok(detail)));
    screen::key(&mut state, KeyCode::Tab);
    screen::key(&mut state, KeyCode::Char('/'));
    for c in "Service".chars() {
        screen::key(&mut state, KeyCode::Char(c));
    }
    screen::key(&mut state, KeyCode::Enter);
    let fx = screen::key(&mut state, KeyCode::Enter);
    let request = fx.iter().find_map(|e| match e {
        Effect::Fetch {
            request: Request::Service { cluster, service },
            ..
        } => Some((cluster.clone(), service.clone())),
        _ => None,
    });
    let (cluster, service) = request.unwrap_or_else(|| panic!("Enter on Service fetched {fx:?}"));
    assert!(matches!(state.view(), Some(View::Service(_))));
    let found = ecs::service(&clients, &cluster, &service)
        .await
        .unwrap_or_else(|e| panic!("the linked service: {}", e.summary()));
    assert_eq!(found.name, "shop-web");
    assert_eq!(found.task_definition_short(), "shop-web:1");
}

#[tokio::test]
async fn owning_stack_of_a_service_and_its_deploy_timeline() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    create_shop(&url, &account).await;
    let clients = emulator::clients(&url, &account);
    let owner = StackRef::OwnerOf {
        cluster: "shop".into(),
        service: "shop-web".into(),
    };
    let detail = cfn::stack_detail(&clients, &owner, false)
        .await
        .unwrap_or_else(|e| panic!("stack of shop-web: {}", e.summary()));
    assert_eq!(detail.stack.name, "shop");

    let data = eventually("a running shop-web task in the timeline data", || async {
        let data = cfn::timeline(&clients, "shop", "shop-web")
            .await
            .unwrap_or_else(|e| panic!("timeline(): {}", e.summary()));
        (!data.tasks.is_empty()).then_some(data)
    })
    .await;
    assert_eq!(data.stack.as_deref(), Some("shop"));
    let before = clients.counter.get();
    cfn::timeline(&clients, "shop", "shop-web")
        .await
        .unwrap_or_else(|e| panic!("timeline(): {}", e.summary()));
    assert_eq!(
        clients.counter.get() - before,
        5,
        "DescribeServices (tags), DescribeStackEvents, ListTasks running + stopped, one DescribeTasks"
    );
    assert!(data
        .stack_events
        .iter()
        .any(|e| e.logical_id == "Service" && e.status == "CREATE_COMPLETE"));
    assert_eq!(data.service.name, "shop-web");
    let entries = opsdeck::model::timeline::merge(&data, chrono::DateTime::UNIX_EPOCH);
    assert!(
        entries.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    assert!(
        entries
            .iter()
            .any(|e| e.text.contains("deployment") && e.text.contains("started")),
        "{entries:?}"
    );

    // A service CloudFormation does not manage: a clear NotFound.
    let ecs_sdk = emulator::ecs_client(&url, &account);
    let td = emulator::register_task_definition(&ecs_sdk, "hand-made", "1").await;
    emulator::create_service(&ecs_sdk, "shop", "hand-made", &td, 0).await;
    let err = cfn::stack_detail(
        &clients,
        &StackRef::OwnerOf {
            cluster: "shop".into(),
            service: "hand-made".into(),
        },
        false,
    )
    .await
    .err()
    .unwrap_or_else(|| panic!("a service without the tag has no stack"));
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert!(
        err.message.contains("CloudFormation does not manage it"),
        "{}",
        err.message
    );
}

/// S3 PUT as the root of `account` over plain HTTP (the project has no S3 crate; this is
/// test set-up only, like the IAM helper in common::emulator: the emulator takes the
/// 12-digit key id as the account root and does not verify root signatures).
fn s3_put(url: &str, account: &str, path: &str, body: &str) {
    use std::io::{Read, Write};
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let date = chrono::Utc::now().format("%Y%m%d");
    let request = format!(
        "PUT {path} HTTP/1.1\r\nHost: {host}\r\n\
         x-amz-content-sha256: UNSIGNED-PAYLOAD\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential={account}/{date}/us-east-1/s3/aws4_request, \
         SignedHeaders=host, Signature={sig}\r\n\
         Content-Length: {len}\r\nConnection: close\r\n\r\n{body}",
        sig = "0".repeat(64),
        len = body.len(),
    );
    let mut stream =
        std::net::TcpStream::connect(host).unwrap_or_else(|e| panic!("S3 helper: connect: {e}"));
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("S3 helper: send: {e}"));
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .unwrap_or_else(|e| panic!("S3 helper: read: {e}"));
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "S3 PUT {path} failed:\n{response}"
    );
}

#[tokio::test]
async fn nested_stack_events_merge_into_the_parent() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    // Bucket names are global (across accounts): one per test account.
    let bucket = format!("templates-{account}");
    s3_put(&url, &account, &format!("/{bucket}"), "");
    let child = serde_json::json!({"Resources": {"Queue": {"Type": "AWS::SQS::Queue",
        "Properties": {"QueueName": "orders-dlq"}}}});
    s3_put(
        &url,
        &account,
        &format!("/{bucket}/queue.json"),
        &child.to_string(),
    );
    let parent = serde_json::json!({"Resources": {
        "Queues": {"Type": "AWS::CloudFormation::Stack",
            "Properties": {"TemplateURL": format!("{url}/{bucket}/queue.json")}},
        "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "orders"}}}});
    let cfn_sdk = cfn_client(&url, &account);
    cfn_sdk
        .create_stack()
        .stack_name("orders")
        .template_body(parent.to_string())
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateStack orders: {e:?}"));
    assert_eq!(wait_settled(&cfn_sdk, "orders").await, "CREATE_COMPLETE");
    let clients = emulator::clients(&url, &account);
    let own = StackRef::Id("orders".into());
    let alone = cfn::stack_detail(&clients, &own, false)
        .await
        .unwrap_or_else(|e| panic!("stack_detail(): {}", e.summary()));
    let nested_link = alone
        .resources
        .iter()
        .find(|r| r.logical_id == "Queues")
        .and_then(|r| Jump::from_resource(&r.resource_type, &r.physical_id));
    assert!(
        matches!(nested_link, Some(Jump::Stack(ref arn)) if arn.contains(":stack/orders-Queues")),
        "{nested_link:?}"
    );
    assert!(alone.events.iter().all(|e| e.stack_name == "orders"));

    let before = clients.counter.get();
    let merged = cfn::stack_detail(&clients, &own, true)
        .await
        .unwrap_or_else(|e| panic!("stack_detail(nested): {}", e.summary()));
    assert_eq!(
        clients.counter.get() - before,
        4,
        "one more DescribeStackEvents for the nested stack"
    );
    let queue = merged
        .events
        .iter()
        .find(|e| e.logical_id == "Queue" && e.status == "CREATE_COMPLETE")
        .unwrap_or_else(|| panic!("nested Queue event not merged: {:?}", merged.events));
    assert!(queue.stack_name.starts_with("orders-Queues"), "{queue:?}");
    assert_eq!(
        merged.events.len(),
        alone.events.len()
            + merged
                .events
                .iter()
                .filter(|e| e.stack_name != "orders")
                .count()
    );
    assert!(
        merged.events.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
}

#[tokio::test]
async fn deleted_stacks_only_on_request_and_missing_stacks_are_not_found() {
    let url = emulator::url();
    let account = emulator::fresh_account();
    create_shop(&url, &account).await;
    let cfn_sdk = cfn_client(&url, &account);
    cfn_sdk
        .delete_stack()
        .stack_name("shop")
        .send()
        .await
        .unwrap_or_else(|e| panic!("DeleteStack: {e:?}"));
    let clients = emulator::clients(&url, &account);
    let live = eventually("shop to leave the live stacks", || async {
        let live = cfn::stacks(&clients, false).await.ok()?;
        live.iter().all(|s| s.name != "shop").then_some(live)
    })
    .await;
    assert!(live.is_empty(), "{live:?}");
    let all = cfn::stacks(&clients, true)
        .await
        .unwrap_or_else(|e| panic!("stacks(deleted): {}", e.summary()));
    let gone = all
        .iter()
        .find(|s| s.name == "shop")
        .unwrap_or_else(|| panic!("deleted shop not listed: {all:?}"));
    assert_eq!(gone.status, "DELETE_COMPLETE");

    let err = cfn::stack_detail(&clients, &StackRef::Id("no-such-stack".into()), false)
        .await
        .err()
        .unwrap_or_else(|| panic!("a missing stack is an error"));
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
}
