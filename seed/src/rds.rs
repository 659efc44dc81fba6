//! RDS: Multi-AZ PostgreSQL instances and an Aurora PostgreSQL cluster with a writer and a
//! reader. The emulator keeps them as records (no database engine runs).

use anyhow::Result;
use aws_sdk_rds::types::Tag;

use crate::aws::{Aws, Ctx};
use crate::catalog::{AURORA_CLUSTER, AURORA_INSTANCES};

#[derive(Default, Debug)]
pub struct Counts {
    pub instances: usize,
    pub clusters: usize,
}

fn tags(project: &str, stack: &str) -> Vec<Tag> {
    [
        ("project", project),
        ("environment", "production"),
        ("aws:cloudformation:stack-name", stack),
    ]
    .iter()
    .map(|(k, v)| Tag::builder().key(*k).value(*v).build())
    .collect()
}

pub struct Instance {
    pub id: &'static str,
    project: &'static str,
    stack: &'static str,
    class: &'static str,
    version: &'static str,
    storage: i32,
}

/// The Multi-AZ PostgreSQL instances.
pub const INSTANCES: &[Instance] = &[
    Instance {
        id: "omni-acme-db",
        project: "omni-acme",
        stack: "omni-acme-infra",
        class: "db.r6g.large",
        version: "16.4",
        storage: 200,
    },
    Instance {
        id: "farsight-db",
        project: "farsight",
        stack: "farsight-infra",
        class: "db.m6g.xlarge",
        version: "15.3",
        storage: 500,
    },
];

async fn instance(aws: &Aws, i: &Instance) -> Result<()> {
    aws.rds
        .create_db_instance()
        .db_instance_identifier(i.id)
        .db_instance_class(i.class)
        .engine("postgres")
        .engine_version(i.version)
        .db_name("app")
        .master_username("app_admin")
        .master_user_password("demo-only-not-a-secret")
        .allocated_storage(i.storage)
        .max_allocated_storage(i.storage * 4)
        .storage_type("gp3")
        .storage_encrypted(true)
        .multi_az(true)
        .backup_retention_period(7)
        .preferred_backup_window("03:00-03:30")
        .preferred_maintenance_window("sun:05:00-sun:05:30")
        .enable_performance_insights(true)
        .enable_cloudwatch_logs_exports("postgresql")
        .deletion_protection(true)
        .auto_minor_version_upgrade(true)
        .set_tags(Some(tags(i.project, i.stack)))
        .send()
        .await
        .ctx(format!("CreateDBInstance {}", i.id))?;
    Ok(())
}

async fn aurora(aws: &Aws) -> Result<()> {
    aws.rds
        .create_db_cluster()
        .db_cluster_identifier(AURORA_CLUSTER)
        .engine("aurora-postgresql")
        .engine_version("16.8")
        .database_name("epr")
        .master_username("epr_admin")
        .master_user_password("demo-only-not-a-secret")
        .storage_encrypted(true)
        .backup_retention_period(14)
        .deletion_protection(true)
        .enable_cloudwatch_logs_exports("postgresql")
        .set_tags(Some(tags("omen-production", "omen-production-infra")))
        .send()
        .await
        .ctx(format!("CreateDBCluster {AURORA_CLUSTER}"))?;
    // The first instance becomes the writer, so create them in order.
    for id in AURORA_INSTANCES {
        aws.rds
            .create_db_instance()
            .db_instance_identifier(*id)
            .db_cluster_identifier(AURORA_CLUSTER)
            .db_instance_class("db.r6g.xlarge")
            .engine("aurora-postgresql")
            .enable_performance_insights(true)
            .set_tags(Some(tags("omen-production", "omen-production-infra")))
            .send()
            .await
            .ctx(format!("CreateDBInstance {id}"))?;
    }
    Ok(())
}

pub async fn seed(aws: &Aws) -> Result<Counts> {
    let (_, _, _) = tokio::try_join!(
        instance(aws, &INSTANCES[0]),
        instance(aws, &INSTANCES[1]),
        aurora(aws)
    )?;
    // A Multi-AZ failover reboot, so the instance has an event to show.
    aws.rds
        .reboot_db_instance()
        .db_instance_identifier(INSTANCES[0].id)
        .force_failover(true)
        .send()
        .await
        .ctx(format!("RebootDBInstance {}", INSTANCES[0].id))?;
    Ok(Counts {
        instances: INSTANCES.len() + AURORA_INSTANCES.len(),
        clusters: 1,
    })
}
