//! CloudFormation: the customer bootstrap stack and one infrastructure stack per project, one of
//! which gets an update that fails and rolls back.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use aws_sdk_cloudformation::types::{Capability, Tag};

use crate::aws::{Aws, Ctx};
use crate::catalog::{Project, BOOTSTRAP_ROLE, BOOTSTRAP_STACK};
use crate::templates::{self, Revision};

/// Outputs of an infrastructure stack, by output key.
pub type Outputs = HashMap<String, String>;

const WAIT_LIMIT: Duration = Duration::from_secs(120);

fn tags(project: &str) -> Vec<Tag> {
    [
        ("project", project),
        ("environment", "production"),
        ("owner", "platform-team"),
    ]
    .iter()
    .map(|(k, v)| Tag::builder().key(*k).value(*v).build())
    .collect()
}

/// Waits until the stack leaves its `*_IN_PROGRESS` state and returns the final status.
async fn wait(aws: &Aws, stack: &str) -> Result<(String, Outputs)> {
    let started = Instant::now();
    loop {
        let out = aws
            .cfn
            .describe_stacks()
            .stack_name(stack)
            .send()
            .await
            .ctx(format!("DescribeStacks {stack}"))?;
        if let Some(s) = out.stacks().first() {
            let status = s.stack_status().map(|s| s.as_str()).unwrap_or_default();
            if !status.ends_with("_IN_PROGRESS") {
                let outputs = s
                    .outputs()
                    .iter()
                    .filter_map(|o| {
                        Some((o.output_key()?.to_string(), o.output_value()?.to_string()))
                    })
                    .collect();
                return Ok((status.to_string(), outputs));
            }
        }
        if started.elapsed() > WAIT_LIMIT {
            bail!("stack {stack} still in progress after {WAIT_LIMIT:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn create(aws: &Aws, stack: &str, body: String, project: &str) -> Result<Outputs> {
    aws.cfn
        .create_stack()
        .stack_name(stack)
        .template_body(body)
        .capabilities(Capability::CapabilityNamedIam)
        .set_tags(Some(tags(project)))
        .send()
        .await
        .ctx(format!("CreateStack {stack}"))?;
    let (status, outputs) = wait(aws, stack).await?;
    if status != "CREATE_COMPLETE" {
        bail!("stack {stack} ended {status}");
    }
    Ok(outputs)
}

async fn update(aws: &Aws, stack: &str, body: String) -> Result<String> {
    aws.cfn
        .update_stack()
        .stack_name(stack)
        .template_body(body)
        .capabilities(Capability::CapabilityNamedIam)
        .send()
        .await
        .ctx(format!("UpdateStack {stack}"))?;
    Ok(wait(aws, stack).await?.0)
}

/// Creates the project's infrastructure stack and returns its outputs.
pub async fn create_infra(aws: &Aws, p: &Project) -> Result<Outputs> {
    create(aws, p.stack, templates::infra(p, Revision::Initial), p.name).await
}

/// Gives the project's stack some history: omni-acme gets an update that fails and rolls back,
/// farsight a successful one; the others stay at CREATE_COMPLETE.
pub async fn update_infra(aws: &Aws, p: &Project) -> Result<()> {
    match p.name {
        "omni-acme" => {
            update(aws, p.stack, templates::infra(p, Revision::AddQueue)).await?;
            let status = update(aws, p.stack, templates::infra(p, Revision::FailingAudit)).await?;
            if status != "UPDATE_ROLLBACK_COMPLETE" {
                eprintln!(
                    "warning: {} ended {status}, expected UPDATE_ROLLBACK_COMPLETE",
                    p.stack
                );
            }
        }
        "farsight" => {
            update(aws, p.stack, templates::infra(p, Revision::AddQueue)).await?;
        }
        _ => {}
    }
    Ok(())
}

pub async fn create_bootstrap(aws: &Aws) -> Result<Outputs> {
    create(
        aws,
        BOOTSTRAP_STACK,
        templates::bootstrap(BOOTSTRAP_ROLE),
        "opsdeck",
    )
    .await
}

/// How many events a stack has recorded (for the summary, and to check they exist at all).
pub async fn event_count(aws: &Aws, stack: &str) -> Result<usize> {
    let mut n = 0;
    let mut pages = aws
        .cfn
        .describe_stack_events()
        .stack_name(stack)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        n += page
            .ctx(format!("DescribeStackEvents {stack}"))?
            .stack_events()
            .len();
    }
    Ok(n)
}
