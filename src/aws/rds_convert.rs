//! RDS SDK types → opsdeck domain types; every string passes through `sanitize`.

use aws_sdk_rds::types as sdk;

use super::ecs_convert::time;
use crate::model::{Database, DbKind, Endpoint, Maintenance, SourceEvent};
use crate::sanitize::{clean, one_line};

fn text(s: Option<&str>) -> String {
    one_line(s.unwrap_or_default())
}

/// The parameter group status that matters most: pending-reboot, then applying.
fn worst_apply_status<'a>(statuses: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = statuses.collect();
    ["pending-reboot", "applying"]
        .iter()
        .find(|s| all.contains(s))
        .copied()
        .or(all.first().copied())
        .map(one_line)
        .unwrap_or_default()
}

fn pending_values(p: Option<&sdk::PendingModifiedValues>) -> Vec<String> {
    let Some(p) = p else { return Vec::new() };
    let mut out = Vec::new();
    let mut add = |what: &str, value: Option<String>| {
        if let Some(v) = value {
            out.push(format!("{what} → {}", one_line(&v)));
        }
    };
    add("class", p.db_instance_class().map(str::to_string));
    add("storage", p.allocated_storage().map(|g| format!("{g} GiB")));
    add("storage type", p.storage_type().map(str::to_string));
    add("iops", p.iops().map(|v| v.to_string()));
    add("engine version", p.engine_version().map(str::to_string));
    add("multi-az", p.multi_az().map(|v| v.to_string()));
    add(
        "backup retention",
        p.backup_retention_period().map(|d| format!("{d} days")),
    );
    add("port", p.port().map(|v| v.to_string()));
    add(
        "ca certificate",
        p.ca_certificate_identifier().map(str::to_string),
    );
    add(
        "master password",
        p.master_user_password().map(|_| "changing".to_string()),
    );
    out
}

fn cluster_pending_values(p: Option<&sdk::ClusterPendingModifiedValues>) -> Vec<String> {
    let Some(p) = p else { return Vec::new() };
    let mut out = Vec::new();
    if let Some(v) = p.engine_version() {
        out.push(format!("engine version → {}", one_line(v)));
    }
    if let Some(v) = p.db_cluster_identifier() {
        out.push(format!("identifier → {}", one_line(v)));
    }
    if let Some(v) = p.allocated_storage() {
        out.push(format!("storage → {v} GiB"));
    }
    if let Some(v) = p.storage_type() {
        out.push(format!("storage type → {}", one_line(v)));
    }
    if p.master_user_password().is_some() {
        out.push("master password → changing".into());
    }
    out
}

pub fn instance(i: &sdk::DbInstance) -> Database {
    let mut zones: Vec<String> = i.availability_zone().map(one_line).into_iter().collect();
    zones.extend(i.secondary_availability_zone().map(one_line));
    Database {
        kind: DbKind::Instance,
        id: text(i.db_instance_identifier()),
        arn: text(i.db_instance_arn()),
        status: text(i.db_instance_status()),
        engine: text(i.engine()),
        engine_version: text(i.engine_version()),
        class: text(i.db_instance_class()),
        multi_az: i.multi_az().unwrap_or(false),
        zones,
        storage_gb: i.allocated_storage().filter(|g| *g > 0),
        storage_type: text(i.storage_type()),
        endpoint: i.endpoint().map(|e| Endpoint {
            address: text(e.address()),
            port: e.port(),
        }),
        reader_endpoint: None,
        parameter_group: i
            .db_parameter_groups()
            .iter()
            .map(|g| text(g.db_parameter_group_name()))
            .collect::<Vec<_>>()
            .join(","),
        parameter_status: worst_apply_status(
            i.db_parameter_groups()
                .iter()
                .filter_map(|g| g.parameter_apply_status()),
        ),
        pending: pending_values(i.pending_modified_values()),
        backup_window: text(i.preferred_backup_window()),
        latest_restorable: time(i.latest_restorable_time()),
        cluster: i
            .db_cluster_identifier()
            .filter(|c| !c.is_empty())
            .map(one_line),
        members: Vec::new(),
    }
}

pub fn cluster(c: &sdk::DbCluster) -> Database {
    let mut members: Vec<(bool, String)> = c
        .db_cluster_members()
        .iter()
        .map(|m| {
            let writer = m.is_cluster_writer().unwrap_or(false);
            (writer, text(m.db_instance_identifier()))
        })
        .collect();
    // Writer first, then readers by name.
    members.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Database {
        kind: DbKind::Cluster,
        id: text(c.db_cluster_identifier()),
        arn: text(c.db_cluster_arn()),
        status: text(c.status()),
        engine: text(c.engine()),
        engine_version: text(c.engine_version()),
        class: text(c.db_cluster_instance_class()),
        multi_az: c.multi_az().unwrap_or(false),
        zones: c.availability_zones().iter().map(|z| one_line(z)).collect(),
        // Aurora reports a nominal 1 GiB: its storage grows on its own.
        storage_gb: c
            .allocated_storage()
            .filter(|g| *g > 1 && !c.engine().unwrap_or_default().starts_with("aurora")),
        storage_type: text(c.storage_type()),
        endpoint: c.endpoint().map(|a| Endpoint {
            address: one_line(a),
            port: c.port(),
        }),
        reader_endpoint: c.reader_endpoint().map(one_line),
        parameter_group: text(c.db_cluster_parameter_group()),
        parameter_status: worst_apply_status(
            c.db_cluster_members()
                .iter()
                .filter_map(|m| m.db_cluster_parameter_group_status()),
        ),
        pending: cluster_pending_values(c.pending_modified_values()),
        backup_window: text(c.preferred_backup_window()),
        latest_restorable: time(c.latest_restorable_time()),
        cluster: None,
        members: members
            .into_iter()
            .map(|(writer, id)| format!("{id} ({})", if writer { "writer" } else { "reader" }))
            .collect(),
    }
}

pub fn event(e: &sdk::Event) -> SourceEvent {
    SourceEvent {
        at: time(e.date()),
        source: text(e.source_identifier()),
        message: clean(e.message().unwrap_or_default()),
    }
}

pub fn maintenance(a: &sdk::PendingMaintenanceAction) -> Maintenance {
    Maintenance {
        action: text(a.action()),
        description: one_line(a.description().unwrap_or_default()),
        apply_after: time(
            a.current_apply_date()
                .or(a.auto_applied_after_date())
                .or(a.forced_apply_date()),
        ),
        opt_in: text(a.opt_in_status()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_reboot_wins_over_in_sync() {
        let i = sdk::DbInstance::builder()
            .db_instance_identifier("orders-db")
            .db_parameter_groups(
                sdk::DbParameterGroupStatus::builder()
                    .db_parameter_group_name("default.postgres16")
                    .parameter_apply_status("in-sync")
                    .build(),
            )
            .db_parameter_groups(
                sdk::DbParameterGroupStatus::builder()
                    .db_parameter_group_name("orders-tuned")
                    .parameter_apply_status("pending-reboot")
                    .build(),
            )
            .pending_modified_values(
                sdk::PendingModifiedValues::builder()
                    .db_instance_class("db.r6g.2xlarge")
                    .allocated_storage(400)
                    .build(),
            )
            .build();
        let db = instance(&i);
        assert!(db.pending_reboot());
        assert_eq!(
            db.pending,
            vec!["class → db.r6g.2xlarge", "storage → 400 GiB"]
        );
    }

    #[test]
    fn cluster_members_list_the_writer_first() {
        let member = |id: &str, writer: bool| {
            sdk::DbClusterMember::builder()
                .db_instance_identifier(id)
                .is_cluster_writer(writer)
                .build()
        };
        let c = sdk::DbCluster::builder()
            .db_cluster_identifier("epr")
            .engine("aurora-postgresql")
            .allocated_storage(1)
            .db_cluster_members(member("epr-2", false))
            .db_cluster_members(member("epr-1", true))
            .build();
        let db = cluster(&c);
        assert_eq!(db.members, vec!["epr-1 (writer)", "epr-2 (reader)"]);
        assert_eq!(db.instance_ids(), vec!["epr-1", "epr-2"]);
        assert_eq!(db.storage_gb, None);
    }
}
