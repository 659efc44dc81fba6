//! Dialogs over the current view: the actions menu and the confirmations of changes
//! (force new deployment, scale, roll back, stop task). Keys go to the open dialog
//! first; `update/dialog.rs` drives them, `ui/dialog.rs` draws them.

use crate::effect::RequestId;
use crate::keymap::Command;
use crate::model::{
    task_definition_diff::TaskDefinitionDiff, Mutation, ScalableTarget, Service, Task,
    TaskDefinitionRef,
};
use crate::state::TextInput;

/// The most tasks one service may want (the ECS "tasks per service" quota).
pub const ECS_MAX_DESIRED: i32 = 5_000;

#[derive(Debug, Clone)]
pub struct Dialog {
    pub cluster: String,
    pub kind: DialogKind,
    /// The mutation on its way; a second confirm sends nothing.
    pub sent: Option<(RequestId, Mutation)>,
    /// Why the last confirm was refused, or what AWS answered.
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum DialogKind {
    Menu(Subject),
    /// Force new deployment and stop task: read, then confirm.
    Confirm(Confirm),
    Scale(Scale),
    Rollback(Rollback),
}

/// What the actions menu acts on: a snapshot of the selected row.
#[derive(Debug, Clone)]
pub enum Subject {
    Service(Box<Service>),
    Task(Box<Task>),
}

#[derive(Debug, Clone)]
pub struct Confirm {
    pub title: &'static str,
    /// The service being redeployed.
    pub service: Option<Box<Service>>,
    /// The task being stopped.
    pub task: Option<Box<Task>>,
    pub mutation: Mutation,
    /// In a prod context every change is confirmed by typing its name here.
    pub name: TextInput,
}

impl Confirm {
    /// What must be typed to confirm in a prod context: the service's name, or the
    /// task's short id.
    pub fn expected_name(&self) -> String {
        match (&self.service, &self.task) {
            (Some(s), _) => s.name.clone(),
            (None, Some(t)) => t.short_id().to_string(),
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Scale {
    pub service: Box<Service>,
    pub autoscaling: Autoscaling,
    pub input: TextInput,
    /// Set once a valid count was entered: the confirmation step.
    pub to: Option<i32>,
    /// Scaling to 0 asks for the service name here.
    pub name: TextInput,
}

/// What Application Auto Scaling says about the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Autoscaling {
    Loading(RequestId),
    None,
    Target(ScalableTarget),
    /// Could not ask (no permission, an endpoint without the API): said, not fatal.
    Unknown(String),
}

#[derive(Debug, Clone)]
pub struct Rollback {
    pub service: Box<Service>,
    /// ACTIVE revisions of the family other than the running one, newest first.
    pub revisions: Vec<TaskDefinitionRef>,
    pub revisions_load: Option<RequestId>,
    /// Index into `revisions` of the chosen target.
    pub chosen: Option<usize>,
    /// A target asked for by ARN before the list arrived (from the revisions pane).
    pub wanted: Option<String>,
    pub diff: Option<TaskDefinitionDiff>,
    pub diff_load: Option<RequestId>,
    pub diff_error: Option<String>,
    /// First summary line shown.
    pub diff_scroll: usize,
    /// Deregister the revision rolled back from once the rollout completes.
    pub deregister: bool,
    /// The service name, typed to confirm.
    pub name: TextInput,
}

impl Rollback {
    pub fn target(&self) -> Option<&TaskDefinitionRef> {
        self.chosen.and_then(|i| self.revisions.get(i))
    }
}

impl Subject {
    /// The actions the menu offers for this subject, in menu order.
    pub fn actions(&self) -> &'static [Command] {
        match self {
            Subject::Service(_) => &[
                Command::ForceNewDeployment,
                Command::Scale,
                Command::RollBack,
            ],
            Subject::Task(_) => &[Command::StopTask],
        }
    }

    /// Why an action can't be taken now, in words; None when it can.
    pub fn unavailable(&self, action: Command, read_only: bool) -> Option<String> {
        if read_only {
            return Some("read-only session (--read-only): changes are turned off".into());
        }
        match (self, action) {
            (Subject::Service(s), _) if s.status != "ACTIVE" && !s.status.is_empty() => {
                Some(format!("the service is {}", s.status))
            }
            (Subject::Service(s), Command::RollBack)
                if TaskDefinitionRef::parse(&s.task_definition).is_none() =>
            {
                Some("the service's task definition is unknown".into())
            }
            (Subject::Task(t), Command::StopTask)
                if t.last_status == "STOPPED" || t.desired_status == "STOPPED" =>
            {
                Some("the task is already stopped or stopping".into())
            }
            _ => None,
        }
    }

    pub fn name(&self) -> String {
        match self {
            Subject::Service(s) => s.name.clone(),
            Subject::Task(t) => format!("task {}", t.short_id()),
        }
    }
}

impl Dialog {
    /// Is this dialog waiting for the result of request `id`?
    pub fn owns(&self, id: RequestId) -> bool {
        if self.sent.as_ref().is_some_and(|(sent, _)| *sent == id) {
            return true;
        }
        match &self.kind {
            DialogKind::Scale(s) => s.autoscaling == Autoscaling::Loading(id),
            DialogKind::Rollback(r) => r.revisions_load == Some(id) || r.diff_load == Some(id),
            _ => false,
        }
    }

    pub fn title(&self) -> &'static str {
        match &self.kind {
            DialogKind::Menu(_) => "actions",
            DialogKind::Confirm(c) => c.title,
            DialogKind::Scale(_) => "scale service",
            DialogKind::Rollback(_) => "roll back service",
        }
    }
}
