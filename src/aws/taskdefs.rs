//! ECS task definition reads: one revision in full, the revisions of a family (newest
//! first, paged to the end), and the families of the account.

use std::sync::Arc;

use aws_sdk_ecs::types::{SortOrder, TaskDefinitionFamilyStatus, TaskDefinitionStatus};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::error::classify;
use super::taskdefs_convert as convert;
use super::{AwsError, Clients, ErrorKind};
use crate::model::{TaskDefinition, TaskDefinitionRef};

/// DescribeTaskDefinition calls in flight at once when a view fills in several rows.
pub const DESCRIBE_CONCURRENCY: usize = 4;

/// The statuses a revision can have; ListTaskDefinitions filters by one at a time.
pub const REVISION_STATUSES: [&str; 3] = ["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"];

/// One revision in full, by ARN or `family:revision` (a bare family means its latest
/// ACTIVE revision).
pub async fn describe(
    clients: &Clients,
    task_definition: &str,
) -> Result<TaskDefinition, AwsError> {
    let resp = clients
        .ecs
        .describe_task_definition()
        .task_definition(task_definition)
        .send()
        .await
        .map_err(|e| named(classify("ecs:DescribeTaskDefinition", &e), task_definition))?;
    resp.task_definition()
        .map(convert::task_definition)
        .ok_or_else(|| {
            named(
                AwsError::new(ErrorKind::NotFound, "ecs:DescribeTaskDefinition", ""),
                task_definition,
            )
        })
}

/// Several revisions in full, at most [`DESCRIBE_CONCURRENCY`] calls at once; returned in
/// the order asked. The first failure ends the batch.
pub async fn describe_many(
    clients: &Clients,
    task_definitions: Vec<String>,
) -> Result<Vec<TaskDefinition>, AwsError> {
    let limit = Arc::new(Semaphore::new(DESCRIBE_CONCURRENCY));
    let mut describing = JoinSet::new();
    for (i, name) in task_definitions.into_iter().enumerate() {
        let (clients, limit) = (clients.clone(), limit.clone());
        describing.spawn(async move {
            let _permit = limit.acquire_owned().await;
            describe(&clients, &name).await.map(|t| (i, t))
        });
    }
    let mut out = Vec::with_capacity(describing.len());
    while let Some(done) = describing.join_next().await {
        match done {
            Ok(result) => out.push(result?),
            Err(join) => {
                return Err(AwsError::new(
                    ErrorKind::Other,
                    "ecs:DescribeTaskDefinition",
                    join.to_string(),
                ))
            }
        }
    }
    out.sort_by_key(|(i, _)| *i);
    Ok(out.into_iter().map(|(_, t)| t).collect())
}

/// Revisions of exactly `family` with one status (ACTIVE, INACTIVE or
/// DELETE_IN_PROGRESS), newest first, paged to the end. `familyPrefix` also matches
/// longer family names (`web` matches `web-worker`); those are filtered out here.
pub async fn revisions(
    clients: &Clients,
    family: &str,
    status: &str,
) -> Result<Vec<TaskDefinitionRef>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients
        .ecs
        .list_task_definitions()
        .family_prefix(family)
        .status(TaskDefinitionStatus::from(status))
        .sort(SortOrder::Desc)
        .max_results(100)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify("ecs:ListTaskDefinitions", &e))?;
        out.extend(
            page.task_definition_arns()
                .iter()
                .filter_map(|arn| TaskDefinitionRef::parse(&crate::sanitize::one_line(arn)))
                .filter(|r| r.family == family)
                .map(|r| TaskDefinitionRef {
                    status: status.to_string(),
                    ..r
                }),
        );
    }
    // Endpoints that ignore `sort` must not change what "newest first" means.
    out.sort_by_key(|r| std::cmp::Reverse(r.revision));
    Ok(out)
}

/// Every revision of `family` in every status, newest first: one listing per status,
/// because ListTaskDefinitions filters by one status (ACTIVE when none is given).
pub async fn all_revisions(
    clients: &Clients,
    family: &str,
) -> Result<Vec<TaskDefinitionRef>, AwsError> {
    let mut out = Vec::new();
    for status in REVISION_STATUSES {
        out.extend(revisions(clients, family, status).await?);
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.revision));
    out.dedup_by(|a, b| a.revision == b.revision);
    Ok(out)
}

/// Task definition families, sorted by name, paged to the end. `active_only` leaves out
/// families whose revisions are all INACTIVE. "All" is listed as ACTIVE plus INACTIVE
/// (what `status=ALL` means on AWS), because some emulators take ALL literally.
pub async fn families(clients: &Clients, active_only: bool) -> Result<Vec<String>, AwsError> {
    let statuses: &[TaskDefinitionFamilyStatus] = if active_only {
        &[TaskDefinitionFamilyStatus::Active]
    } else {
        &[
            TaskDefinitionFamilyStatus::Active,
            TaskDefinitionFamilyStatus::Inactive,
        ]
    };
    let mut out = Vec::new();
    for status in statuses {
        let mut pages = clients
            .ecs
            .list_task_definition_families()
            .status(status.clone())
            .max_results(100)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| classify("ecs:ListTaskDefinitionFamilies", &e))?;
            out.extend(page.families().iter().map(|f| crate::sanitize::one_line(f)));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// ECS's "Unable to describe task definition." does not say which one.
fn named(mut err: AwsError, task_definition: &str) -> AwsError {
    let lower = err.message.to_ascii_lowercase();
    if err.kind == ErrorKind::NotFound
        || lower.contains("unable to describe task definition")
        || err.message.is_empty()
    {
        err.kind = ErrorKind::NotFound;
        err.message = format!(
            "task definition '{task_definition}' does not exist in this account and region"
        );
    }
    err
}
