//! CloudFormation reads: the stacks of the region, one stack with its events and
//! resources (and its nested stacks' events), the stack that owns an ECS service, and the
//! data of a service's deploy timeline.

use aws_sdk_cloudformation::types::StackStatus;
use aws_sdk_ecs::types::ServiceField;
use tokio::task::JoinSet;

use super::cfn_convert as convert;
use super::error::classify;
use super::{AwsError, Clients, ErrorKind};
use crate::model::stack::{merge_events, operation_start, StackRef, STACK_TYPE};
use crate::model::{Stack, StackDetail, StackEvent, StackResource, TimelineData};

/// DescribeStackEvents returns 100 events a page; an operation rarely needs more than
/// a few pages, and the history beyond that is what the console is for.
const EVENT_PAGES: usize = 5;
/// Nested stacks whose events are fetched at once when merging.
const NESTED_CONCURRENCY: usize = 4;
/// The tag CloudFormation puts on everything it creates (and the seeder on its services).
pub const STACK_NAME_TAG: &str = "aws:cloudformation:stack-name";

/// CloudFormation answers a missing stack with a ValidationError; call it what it is.
fn stack_error(op: &str, err: AwsError) -> AwsError {
    if err.kind == ErrorKind::Other && err.message.contains("does not exist") {
        AwsError::new(ErrorKind::NotFound, op, err.message)
    } else {
        err
    }
}

/// Every live stack of the region (DescribeStacks, paged); with `deleted`, also the stacks
/// deleted in the last 90 days (ListStacks, which DescribeStacks leaves out).
pub async fn stacks(clients: &Clients, deleted: bool) -> Result<Vec<Stack>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients.cfn.describe_stacks().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify("cloudformation:DescribeStacks", &e))?;
        out.extend(page.stacks().iter().map(convert::stack));
    }
    if deleted {
        let mut pages = clients
            .cfn
            .list_stacks()
            .stack_status_filter(StackStatus::DeleteComplete)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| classify("cloudformation:ListStacks", &e))?;
            out.extend(page.stack_summaries().iter().map(convert::stack_summary));
        }
    }
    Ok(out)
}

/// One stack with its events (newest first, back to the start of its latest operation or
/// [`EVENT_PAGES`] pages) and resources; with `nested`, its nested stacks' events merged in.
pub async fn stack_detail(
    clients: &Clients,
    target: &StackRef,
    nested: bool,
) -> Result<StackDetail, AwsError> {
    let id = match target {
        StackRef::Id(id) => id.clone(),
        StackRef::OwnerOf { cluster, service } => owning_stack(clients, cluster, service)
            .await?
            .ok_or_else(|| {
                AwsError::new(
                    ErrorKind::NotFound,
                    "ecs:DescribeServices",
                    format!(
                        "service '{service}' has no {STACK_NAME_TAG} tag: CloudFormation does not manage it"
                    ),
                )
            })?,
    };
    let resp = clients
        .cfn
        .describe_stacks()
        .stack_name(&id)
        .send()
        .await
        .map_err(|e| {
            stack_error(
                "cloudformation:DescribeStacks",
                classify("cloudformation:DescribeStacks", &e),
            )
        })?;
    let stack = resp.stacks().first().map(convert::stack).ok_or_else(|| {
        AwsError::new(
            ErrorKind::NotFound,
            "cloudformation:DescribeStacks",
            format!("stack '{id}' does not exist"),
        )
    })?;
    // Deleted stacks are addressed by ARN from here on; names may be reused.
    let (events, resources) = tokio::join!(
        events(clients, &stack.id, &stack.name),
        resources(clients, &stack.id)
    );
    let (mut events, resources) = (events?, resources?);
    if nested {
        events = with_nested_events(clients, events, &resources).await?;
    }
    Ok(StackDetail {
        stack,
        events,
        resources,
    })
}

/// A stack's events, newest first, stopping at the page that holds the start of the latest
/// operation (or after [`EVENT_PAGES`] pages).
pub async fn events(
    clients: &Clients,
    stack_id: &str,
    stack_name: &str,
) -> Result<Vec<StackEvent>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients
        .cfn
        .describe_stack_events()
        .stack_name(stack_id)
        .into_paginator()
        .send();
    let mut taken = 0;
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| {
            stack_error(
                "cloudformation:DescribeStackEvents",
                classify("cloudformation:DescribeStackEvents", &e),
            )
        })?;
        out.extend(page.stack_events().iter().map(convert::event));
        taken += 1;
        if taken >= EVENT_PAGES || operation_start(&out, stack_name).is_some() {
            break;
        }
    }
    Ok(out)
}

async fn resources(clients: &Clients, stack_id: &str) -> Result<Vec<StackResource>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients
        .cfn
        .list_stack_resources()
        .stack_name(stack_id)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| {
            stack_error(
                "cloudformation:ListStackResources",
                classify("cloudformation:ListStackResources", &e),
            )
        })?;
        out.extend(
            page.stack_resource_summaries()
                .iter()
                .map(convert::resource),
        );
    }
    Ok(out)
}

/// The nested stacks' events (one level: each nested stack's own nested stacks show up
/// as its resources) merged with the parent's, newest first.
async fn with_nested_events(
    clients: &Clients,
    own: Vec<StackEvent>,
    resources: &[StackResource],
) -> Result<Vec<StackEvent>, AwsError> {
    let nested: Vec<String> = resources
        .iter()
        .filter(|r| r.resource_type == STACK_TYPE && !r.physical_id.is_empty())
        .map(|r| r.physical_id.clone())
        .collect();
    let limit = std::sync::Arc::new(tokio::sync::Semaphore::new(NESTED_CONCURRENCY));
    let mut fetching = JoinSet::new();
    for (i, arn) in nested.into_iter().enumerate() {
        let (clients, limit) = (clients.clone(), limit.clone());
        fetching.spawn(async move {
            let _permit = limit.acquire_owned().await;
            let name = crate::model::jump::stack_name_of(&arn).to_string();
            (i, events(&clients, &arn, &name).await)
        });
    }
    let mut lists = Vec::new();
    while let Some(done) = fetching.join_next().await {
        let (i, result) = done.map_err(|join| {
            AwsError::new(
                ErrorKind::Other,
                "cloudformation:DescribeStackEvents",
                join.to_string(),
            )
        })?;
        lists.push((i, result?));
    }
    // Fixed order whatever finished first, so ties merge the same way every refresh.
    lists.sort_by_key(|(i, _)| *i);
    let mut all = vec![own];
    all.extend(lists.into_iter().map(|(_, l)| l));
    Ok(merge_events(all))
}

/// The stack named by the service's `aws:cloudformation:stack-name` tag (DescribeServices
/// with tags), with the service itself.
async fn service_with_stack(
    clients: &Clients,
    cluster: &str,
    service: &str,
) -> Result<(crate::model::Service, Option<String>), AwsError> {
    let resp = clients
        .ecs
        .describe_services()
        .cluster(cluster)
        .services(service)
        .include(ServiceField::Tags)
        .send()
        .await
        .map_err(|e| classify("ecs:DescribeServices", &e))?;
    let found = resp.services().first().ok_or_else(|| {
        AwsError::new(
            ErrorKind::NotFound,
            "ecs:DescribeServices",
            format!("service '{service}' was not found in cluster '{cluster}'"),
        )
    })?;
    let stack = found
        .tags()
        .iter()
        .find(|t| t.key() == Some(STACK_NAME_TAG))
        .and_then(|t| t.value())
        .filter(|v| !v.is_empty())
        .map(crate::sanitize::one_line);
    Ok((super::ecs_convert::service(found), stack))
}

/// The name of the stack that owns a service, if it has the tag.
pub async fn owning_stack(
    clients: &Clients,
    cluster: &str,
    service: &str,
) -> Result<Option<String>, AwsError> {
    Ok(service_with_stack(clients, cluster, service).await?.1)
}

/// Everything a service's deploy timeline is merged from: the service (deployments and
/// events), its owning stack's recent events, and its running and stopped tasks.
pub async fn timeline(
    clients: &Clients,
    cluster: &str,
    service: &str,
) -> Result<TimelineData, AwsError> {
    let (svc, stack) = service_with_stack(clients, cluster, service).await?;
    let stack_events = async {
        match &stack {
            // A deleted or renamed stack must not hide the rest of the timeline.
            Some(name) => match events(clients, name, name).await {
                Ok(events) => Ok(events),
                Err(e) if e.kind == ErrorKind::NotFound => Ok(Vec::new()),
                Err(e) => Err(e),
            },
            None => Ok(Vec::new()),
        }
    };
    let (stack_events, running, stopped) = tokio::join!(
        stack_events,
        super::ecs::tasks(clients, cluster, Some(service), false),
        super::ecs::tasks(clients, cluster, Some(service), true),
    );
    let mut tasks = running?;
    tasks.extend(stopped?);
    Ok(TimelineData {
        service: svc,
        stack,
        stack_events: stack_events?,
        tasks,
    })
}
