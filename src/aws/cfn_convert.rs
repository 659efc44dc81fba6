//! CloudFormation SDK types → opsdeck domain types. Strings from AWS pass through
//! `sanitize`; event reasons keep their full text (they are wrapped on screen, never cut).

use aws_sdk_cloudformation::types as sdk;

use super::ecs_convert::time;
use crate::model::{Stack, StackEvent, StackOutput, StackParameter, StackResource};
use crate::sanitize::{clean, one_line};

fn text(s: Option<&str>) -> String {
    one_line(s.unwrap_or_default())
}

fn opt(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(one_line)
}

/// A stack from DescribeStacks (everything but deleted stacks).
pub fn stack(s: &sdk::Stack) -> Stack {
    Stack {
        id: text(s.stack_id()),
        name: text(s.stack_name()),
        status: s
            .stack_status()
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        status_reason: clean(s.stack_status_reason().unwrap_or_default()),
        description: text(s.description()),
        created_at: time(s.creation_time()),
        updated_at: time(s.last_updated_time()),
        deleted_at: time(s.deletion_time()),
        drift: s
            .drift_information()
            .and_then(|d| d.stack_drift_status())
            .map(|d| d.as_str().to_string())
            .unwrap_or_default(),
        termination_protection: s.enable_termination_protection(),
        parent_id: opt(s.parent_id()),
        outputs: s
            .outputs()
            .iter()
            .map(|o| StackOutput {
                key: text(o.output_key()),
                value: text(o.output_value()),
                description: text(o.description()),
                export_name: text(o.export_name()),
            })
            .collect(),
        parameters: s
            .parameters()
            .iter()
            .map(|p| StackParameter {
                key: text(p.parameter_key()),
                value: text(p.parameter_value()),
                resolved_value: text(p.resolved_value()),
            })
            .collect(),
        ..Default::default()
    }
}

/// A stack from ListStacks (used for deleted stacks, which DescribeStacks leaves out).
pub fn stack_summary(s: &sdk::StackSummary) -> Stack {
    Stack {
        id: text(s.stack_id()),
        name: text(s.stack_name()),
        status: s
            .stack_status()
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        status_reason: clean(s.stack_status_reason().unwrap_or_default()),
        description: text(s.template_description()),
        created_at: time(s.creation_time()),
        updated_at: time(s.last_updated_time()),
        deleted_at: time(s.deletion_time()),
        drift: s
            .drift_information()
            .and_then(|d| d.stack_drift_status())
            .map(|d| d.as_str().to_string())
            .unwrap_or_default(),
        termination_protection: None,
        parent_id: opt(s.parent_id()),
        ..Default::default()
    }
}

pub fn event(e: &sdk::StackEvent) -> StackEvent {
    StackEvent {
        id: text(e.event_id()),
        stack_name: text(e.stack_name()),
        logical_id: text(e.logical_resource_id()),
        physical_id: text(e.physical_resource_id()),
        resource_type: text(e.resource_type()),
        status: e
            .resource_status()
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        reason: clean(e.resource_status_reason().unwrap_or_default())
            .trim_end()
            .to_string(),
        at: time(e.timestamp()),
    }
}

pub fn resource(r: &sdk::StackResourceSummary) -> StackResource {
    StackResource {
        logical_id: text(r.logical_resource_id()),
        physical_id: text(r.physical_resource_id()),
        resource_type: text(r.resource_type()),
        status: r
            .resource_status()
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        reason: clean(r.resource_status_reason().unwrap_or_default()),
        drift: r
            .drift_information()
            .and_then(|d| d.stack_resource_drift_status())
            .map(|d| d.as_str().to_string())
            .unwrap_or_default(),
        updated_at: time(r.last_updated_timestamp()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::DateTime;

    #[test]
    fn stack_converts_with_outputs_masked_parameters_and_nesting() {
        let s = sdk::Stack::builder()
            .stack_id("arn:aws:cloudformation:us-east-1:1:stack/app-Db-1X/abc")
            .stack_name("app-Db-1X")
            .description("database \x1b[31mtier")
            .stack_status(sdk::StackStatus::UpdateRollbackComplete)
            .creation_time(DateTime::from_secs(1_700_000_000))
            .enable_termination_protection(true)
            .parent_id("arn:aws:cloudformation:us-east-1:1:stack/app/def")
            .drift_information(
                sdk::StackDriftInformation::builder()
                    .stack_drift_status(sdk::StackDriftStatus::Drifted)
                    .build(),
            )
            .outputs(
                sdk::Output::builder()
                    .output_key("Endpoint")
                    .output_value("db.internal:5432")
                    .export_name("app-db-endpoint")
                    .build(),
            )
            .parameters(
                sdk::Parameter::builder()
                    .parameter_key("Password")
                    .parameter_value("****")
                    .build(),
            )
            .build();
        let s = stack(&s);
        assert_eq!(s.name, "app-Db-1X");
        assert_eq!(s.status, "UPDATE_ROLLBACK_COMPLETE");
        assert_eq!(s.drift, "DRIFTED");
        assert_eq!(s.termination_protection, Some(true));
        assert_eq!(
            s.parent_id.as_deref(),
            Some("arn:aws:cloudformation:us-east-1:1:stack/app/def")
        );
        assert!(!s.description.contains('\x1b'));
        assert_eq!(s.outputs[0].export_name, "app-db-endpoint");
        assert!(s.parameters[0].no_echo());
        assert!(s.updated_at.is_none());
    }

    #[test]
    fn events_keep_long_multi_line_reasons_whole() {
        let reason = "Resource handler returned message: \"The specified log group does not exist. (Service: CloudWatchLogs, Status Code: 400, Request ID: 5b0d)\" (RequestToken: 1f2e, HandlerErrorCode: NotFound)";
        let e = sdk::StackEvent::builder()
            .event_id("AuditLogStream-UPDATE_FAILED-2026")
            .stack_name("app")
            .logical_resource_id("AuditLogStream")
            .resource_type("AWS::Logs::LogStream")
            .resource_status(sdk::ResourceStatus::UpdateFailed)
            .resource_status_reason(format!("{reason} "))
            .timestamp(DateTime::from_secs(1_700_000_000))
            .build();
        let e = event(&e);
        assert_eq!(e.reason, reason);
        assert!(e.failed());
        assert_eq!(e.physical_id, "");
    }

    #[test]
    fn deleted_stack_summary_has_no_protection_flag() {
        let s = sdk::StackSummary::builder()
            .stack_id("arn:aws:cloudformation:us-east-1:1:stack/old/1")
            .stack_name("old")
            .stack_status(sdk::StackStatus::DeleteComplete)
            .creation_time(DateTime::from_secs(1))
            .deletion_time(DateTime::from_secs(2))
            .build();
        let s = stack_summary(&s);
        assert_eq!(s.status, "DELETE_COMPLETE");
        assert!(s.deleted_at.is_some());
        assert_eq!(s.termination_protection, None);
    }
}
