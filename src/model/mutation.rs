//! Changes opsdeck can make to AWS, described in domain terms. Only
//! `aws::mutation` turns one into a request, and only after it is confirmed.

use super::arn_tail;

/// One mutating request, with everything the confirmation and the audit log name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mutation {
    /// UpdateService with forceNewDeployment: replace every task on the same revision.
    ForceNewDeployment { cluster: String, service: String },
    /// UpdateService with a new desiredCount.
    Scale {
        cluster: String,
        service: String,
        from: i32,
        to: i32,
    },
    /// UpdateService to an earlier task-definition revision (full ARNs).
    Rollback {
        cluster: String,
        service: String,
        from: String,
        to: String,
    },
    /// StopTask with a reason recorded on the task.
    StopTask {
        cluster: String,
        task: String,
        reason: String,
    },
    /// DeregisterTaskDefinition (after a rollback away from it completed).
    DeregisterTaskDefinition { task_definition: String },
}

impl Mutation {
    /// The action's name in the audit log.
    pub fn action(&self) -> &'static str {
        match self {
            Mutation::ForceNewDeployment { .. } => "force_new_deployment",
            Mutation::Scale { .. } => "scale",
            Mutation::Rollback { .. } => "rollback",
            Mutation::StopTask { .. } => "stop_task",
            Mutation::DeregisterTaskDefinition { .. } => "deregister_task_definition",
        }
    }

    /// The AWS operation it sends.
    pub fn operation(&self) -> &'static str {
        match self {
            Mutation::ForceNewDeployment { .. }
            | Mutation::Scale { .. }
            | Mutation::Rollback { .. } => "ecs:UpdateService",
            Mutation::StopTask { .. } => "ecs:StopTask",
            Mutation::DeregisterTaskDefinition { .. } => "ecs:DeregisterTaskDefinition",
        }
    }

    /// What it acts on: `cluster/service`, `cluster/task-id`, or `family:revision`.
    pub fn target(&self) -> String {
        match self {
            Mutation::ForceNewDeployment { cluster, service }
            | Mutation::Scale {
                cluster, service, ..
            }
            | Mutation::Rollback {
                cluster, service, ..
            } => format!("{cluster}/{service}"),
            Mutation::StopTask { cluster, task, .. } => format!("{cluster}/{}", arn_tail(task)),
            Mutation::DeregisterTaskDefinition { task_definition } => {
                arn_tail(task_definition).to_string()
            }
        }
    }

    /// The exact change, as the confirmation and the audit listing show it.
    pub fn change(&self) -> String {
        match self {
            Mutation::ForceNewDeployment { .. } => {
                "new deployment, same task definition (every task replaced)".into()
            }
            Mutation::Scale { from, to, .. } => format!("desired {from} → {to}"),
            Mutation::Rollback { from, to, .. } => {
                format!("{} → {}", arn_tail(from), arn_tail(to))
            }
            Mutation::StopTask { .. } => "stop the task".into(),
            Mutation::DeregisterTaskDefinition { task_definition } => {
                format!("deregister {}", arn_tail(task_definition))
            }
        }
    }

    /// The request's parameters, for the audit log.
    pub fn parameters(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Mutation::ForceNewDeployment { cluster, service } => {
                json!({"cluster": cluster, "service": service, "forceNewDeployment": true})
            }
            Mutation::Scale {
                cluster,
                service,
                from,
                to,
            } => {
                json!({"cluster": cluster, "service": service, "desiredCount": to, "previousDesiredCount": from})
            }
            Mutation::Rollback {
                cluster,
                service,
                from,
                to,
            } => {
                json!({"cluster": cluster, "service": service, "taskDefinition": to, "previousTaskDefinition": from})
            }
            Mutation::StopTask {
                cluster,
                task,
                reason,
            } => json!({"cluster": cluster, "task": task, "reason": reason}),
            Mutation::DeregisterTaskDefinition { task_definition } => {
                json!({"taskDefinition": task_definition})
            }
        }
    }

    /// The service it changes, if any (the one whose rollout is followed).
    pub fn service(&self) -> Option<(&str, &str)> {
        match self {
            Mutation::ForceNewDeployment { cluster, service }
            | Mutation::Scale {
                cluster, service, ..
            }
            | Mutation::Rollback {
                cluster, service, ..
            } => Some((cluster, service)),
            _ => None,
        }
    }
}

/// What AWS said when it accepted a mutation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Accepted {
    pub request_id: Option<String>,
    /// The PRIMARY deployment after UpdateService (a new one for a redeploy or rollback).
    pub deployment_id: Option<String>,
}

/// An Application Auto Scaling target of a service: the range autoscaling keeps
/// the desired count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScalableTarget {
    pub min: i32,
    pub max: i32,
    /// Scale-in/out suspended: a manual count then stays.
    pub suspended: bool,
}

impl ScalableTarget {
    /// Would autoscaling move `desired` back into its range?
    pub fn undoes(&self, desired: i32) -> bool {
        !self.suspended && (desired < self.min || desired > self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_like_the_confirmation() {
        let scale = Mutation::Scale {
            cluster: "c".into(),
            service: "omni-web".into(),
            from: 2,
            to: 4,
        };
        assert_eq!(scale.change(), "desired 2 → 4");
        assert_eq!(scale.target(), "c/omni-web");
        let rollback = Mutation::Rollback {
            cluster: "c".into(),
            service: "omni-web".into(),
            from: "arn:aws:ecs:us-east-1:1:task-definition/omni-web:14".into(),
            to: "arn:aws:ecs:us-east-1:1:task-definition/omni-web:12".into(),
        };
        assert_eq!(rollback.change(), "omni-web:14 → omni-web:12");
        assert_eq!(
            rollback.parameters()["taskDefinition"],
            serde_json::json!("arn:aws:ecs:us-east-1:1:task-definition/omni-web:12")
        );
    }

    #[test]
    fn autoscaling_undoes_counts_outside_its_range_unless_suspended() {
        let t = ScalableTarget {
            min: 2,
            max: 10,
            suspended: false,
        };
        assert!(t.undoes(1) && t.undoes(11));
        assert!(!t.undoes(2) && !t.undoes(10));
        assert!(!ScalableTarget {
            suspended: true,
            ..t
        }
        .undoes(11));
    }
}
