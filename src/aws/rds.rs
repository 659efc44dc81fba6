//! RDS reads: DB instances and clusters (paged to the end), and one database's events
//! and pending maintenance for its detail.

use aws_sdk_rds::types::SourceType;

use super::rds_convert as convert;
use super::{AwsError, Clients, ErrorKind};
use crate::model::{Database, DatastoreDetail, DatastoreItem, DbKind, Maintenance, SourceEvent};

/// How far back a detail's events go: a week (RDS keeps 14 days).
pub const EVENT_MINUTES: i32 = 7 * 24 * 60;

/// RDS error codes for missing resources end in NotFound / NotFoundFault.
pub(crate) fn not_found_aware(mut e: AwsError, code: Option<&str>) -> AwsError {
    if code.is_some_and(|c| c.ends_with("NotFound") || c.ends_with("NotFoundFault")) {
        e.kind = ErrorKind::NotFound;
    }
    e
}

macro_rules! fail {
    ($op:expr) => {
        |e| {
            use aws_smithy_types::error::metadata::ProvideErrorMetadata;
            let code = e.code().map(str::to_string);
            $crate::aws::rds::not_found_aware(
                $crate::aws::error::classify($op, &e),
                code.as_deref(),
            )
        }
    };
}
pub(super) use fail;

/// Every DB instance and DB cluster of the region.
pub async fn databases(clients: &Clients) -> Result<Vec<Database>, AwsError> {
    let (instances, clusters) =
        tokio::try_join!(instances(clients, None), clusters(clients, None))?;
    let mut out = clusters;
    out.extend(instances);
    Ok(out)
}

async fn instances(clients: &Clients, id: Option<&str>) -> Result<Vec<Database>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients
        .rds
        .describe_db_instances()
        .set_db_instance_identifier(id.map(str::to_string))
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(fail!("rds:DescribeDBInstances"))?;
        out.extend(page.db_instances().iter().map(convert::instance));
    }
    Ok(out)
}

async fn clusters(clients: &Clients, id: Option<&str>) -> Result<Vec<Database>, AwsError> {
    let mut out = Vec::new();
    let mut pages = clients
        .rds
        .describe_db_clusters()
        .set_db_cluster_identifier(id.map(str::to_string))
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(fail!("rds:DescribeDBClusters"))?;
        out.extend(page.db_clusters().iter().map(convert::cluster));
    }
    Ok(out)
}

/// One database with its recent events and pending maintenance, read concurrently.
pub async fn detail(
    clients: &Clients,
    kind: DbKind,
    id: &str,
) -> Result<DatastoreDetail, AwsError> {
    let found = async {
        let list = match kind {
            DbKind::Instance => instances(clients, Some(id)).await?,
            DbKind::Cluster => clusters(clients, Some(id)).await?,
        };
        list.into_iter().next().ok_or_else(|| {
            AwsError::new(
                ErrorKind::NotFound,
                "rds:DescribeDBInstances",
                format!("database '{id}' was not found"),
            )
        })
    };
    let (db, events) = tokio::join!(found, events(clients, kind, id));
    let db = db?;
    let maintenance = maintenance(clients, &db.arn).await;
    Ok(DatastoreDetail {
        item: DatastoreItem::Database(db),
        events,
        maintenance,
    })
}

/// Events of the last week, newest first (one page of up to 100).
pub async fn events(
    clients: &Clients,
    kind: DbKind,
    id: &str,
) -> Result<Vec<SourceEvent>, AwsError> {
    let source = match kind {
        DbKind::Instance => SourceType::DbInstance,
        DbKind::Cluster => SourceType::DbCluster,
    };
    let resp = clients
        .rds
        .describe_events()
        .source_identifier(id)
        .source_type(source)
        .duration(EVENT_MINUTES)
        .max_records(100)
        .send()
        .await
        .map_err(fail!("rds:DescribeEvents"))?;
    let mut out: Vec<SourceEvent> = resp.events().iter().map(convert::event).collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.at));
    Ok(out)
}

async fn maintenance(clients: &Clients, arn: &str) -> Result<Vec<Maintenance>, AwsError> {
    let resp = clients
        .rds
        .describe_pending_maintenance_actions()
        .resource_identifier(arn)
        .send()
        .await
        .map_err(fail!("rds:DescribePendingMaintenanceActions"))?;
    Ok(resp
        .pending_maintenance_actions()
        .iter()
        .flat_map(|r| r.pending_maintenance_action_details())
        .map(convert::maintenance)
        .collect())
}
