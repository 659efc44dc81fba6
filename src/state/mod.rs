//! The one owner of everything on screen. Only `update` changes it; `ui` reads it.

mod command_line;
mod context_dialog;
mod contexts;
mod datastores;
pub mod dialog;
mod exec;
pub mod follow;
pub mod health;
pub mod input;
pub mod live_tail;
mod load;
pub mod log_buffer;
mod log_rows;
pub mod logs;
mod notice;
mod rows;
pub mod stacks;
pub mod table;
pub mod taskdefs;
mod tunnel;

use std::time::Duration;

pub use crate::model::DatastoreTarget;
pub use command_line::{CommandLine, Completion};
pub use context_dialog::{ContextDialog, FIELDS as CONTEXT_FIELDS};
pub use contexts::ContextsView;
pub use datastores::{CachesView, DatabasesView, DatastoreView};
pub use exec::{ExecDialog, ExecStage, DEFAULT_COMMAND};
pub use health::Health;
pub use input::{Edit, TextInput};
pub use live_tail::{LiveMode, LiveTail};
pub use load::Load;
pub use logs::{find, LogGroupsView, LogPrompt, LogStreamsView, LogsView, PollRead};
pub use notice::{Notice, NoticeKind, NOTICE_FOR};
pub use stacks::{StackTab, StackView, StacksView, TimelineView};
pub use table::{List, Row, Table};
pub use taskdefs::{
    FamiliesView, RevisionDiffView, RevisionRow, RevisionView, RevisionsView, ServiceRef,
};
pub use tunnel::{TunnelDialog, TunnelField, TunnelsView};

use crate::aws::Identity;
use crate::effect::RequestId;
use crate::keymap::{Keymap, Section};
use crate::model::{Cluster, Container, Service, Task, Timestamp};

/// Settings fixed for the session (from the command line).
#[derive(Debug, Clone)]
pub struct Settings {
    pub refresh: Duration,
    pub read_only: bool,
    /// Logs panes open with CloudWatch Live Tail asked for (`--live-tail`).
    pub live_tail: bool,
}

/// What the keyboard is typing into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a filter for the current list.
    Filter,
    Help,
    /// Typing a `:` command.
    Command,
}

#[derive(Debug, Clone)]
pub struct State {
    pub identity: Identity,
    pub settings: Settings,
    pub keymap: Keymap,
    pub now: Timestamp,
    /// The navigation stack; the last view is the one shown.
    pub views: Vec<View>,
    pub mode: Mode,
    pub api_calls: u64,
    /// The ECS Exec dialog, when open (over any view).
    pub exec: Option<ExecDialog>,
    /// The last exec command per service, offered next time.
    pub exec_commands: std::collections::HashMap<String, String>,
    /// The exec command offered for a service never exec'd into (`--exec-command`).
    pub exec_default_command: String,
    /// The new-context dialog, when open (over the contexts list).
    pub context_dialog: Option<ContextDialog>,
    /// The port-forwarding dialog, when open (over any view).
    pub tunnel_dialog: Option<TunnelDialog>,
    /// Every tunnel opened this session (live ones and how the others ended).
    pub tunnels: Table<crate::model::Tunnel>,
    /// The latest footer message; see [`State::notify`].
    pub notice: Option<Notice>,
    pub next_request: RequestId,
    /// Something on screen changed since the last draw.
    pub dirty: bool,
    pub quitting: bool,
    /// The dialog over the view (actions menu, confirmations); it gets the keys first.
    pub dialog: Option<dialog::Dialog>,
    /// Keys of a multi-key binding typed so far ("g" of "g g").
    pub pending_keys: Vec<crossterm::event::KeyEvent>,
    /// Views left with back, for forward (cleared when a new view is opened).
    pub forward: Vec<View>,
    /// The `:` command line while typing one.
    pub command_line: CommandLine,
    /// The context in force and the others the config names.
    pub context: ContextInfo,
    pub contexts: Vec<crate::config::Context>,
    /// The context in force, as connected (the command line's when no config context).
    pub current: crate::config::Context,
    /// `--read-only`: read-only whatever the context says.
    pub forced_read_only: bool,
    /// First line of the help overlay shown.
    pub help_scroll: usize,
    /// What was wrong with the user's files (shown until a key is pressed).
    pub problems: Vec<String>,
}

/// Which context opsdeck acts in: its label and environment, for the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextInfo {
    /// The config's name for it; empty when opsdeck runs from command-line flags only.
    pub name: String,
    pub label: String,
    pub environment: Option<crate::config::Environment>,
}

#[derive(Debug, Clone)]
pub enum View {
    Clusters(ClustersView),
    Services(ServicesView),
    Service(ServiceView),
    Tasks(TasksView),
    Containers(ContainersView),
    Tunnels(TunnelsView),
    Contexts(ContextsView),
    Families(FamiliesView),
    Revisions(RevisionsView),
    Revision(RevisionView),
    RevisionDiff(RevisionDiffView),
    Logs(Box<LogsView>),
    LogGroups(LogGroupsView),
    LogStreams(LogStreamsView),
    Stacks(StacksView),
    Stack(Box<StackView>),
    Timeline(Box<TimelineView>),
    Databases(DatabasesView),
    Caches(CachesView),
    Datastore(DatastoreView),
}

#[derive(Debug, Clone, Default)]
pub struct ClustersView {
    pub table: Table<Cluster>,
    pub load: Load,
}

#[derive(Debug, Clone, Default)]
pub struct ServicesView {
    pub cluster: String,
    pub table: Table<Service>,
    pub load: Load,
    /// Keys seen during the load in flight; rows not seen are gone when it ends.
    pub seen: std::collections::HashSet<String>,
    /// CPU/memory trends and alarms of the services shown.
    pub health: Health,
}

#[derive(Debug, Clone, Default)]
pub struct ServiceView {
    pub cluster: String,
    pub name: String,
    pub service: Option<Service>,
    pub load: Load,
    /// First service event shown (scrolls the events list).
    pub events_scroll: usize,
    /// A change being followed through (the rollout panel).
    pub follow: Option<follow::Follow>,
    /// CPU/memory trends and alarms of the service.
    pub health: Health,
}

#[derive(Debug, Clone, Default)]
pub struct TasksView {
    pub cluster: String,
    /// None: every task of the cluster.
    pub service: Option<String>,
    pub stopped: bool,
    pub table: Table<Task>,
    pub load: Load,
}

#[derive(Debug, Clone, Default)]
pub struct ContainersView {
    pub cluster: String,
    pub task_arn: String,
    pub task: Option<Task>,
    pub table: Table<Container>,
    pub load: Load,
}

impl View {
    pub fn load(&self) -> &Load {
        match self {
            View::Clusters(v) => &v.load,
            View::Services(v) => &v.load,
            View::Service(v) => &v.load,
            View::Tasks(v) => &v.load,
            View::Containers(v) => &v.load,
            View::Tunnels(v) => &v.load,
            View::Contexts(v) => &v.load,
            View::Families(v) => &v.load,
            View::Revisions(v) => &v.load,
            View::Revision(v) => &v.load,
            View::RevisionDiff(v) => &v.load,
            View::Logs(v) => &v.load,
            View::LogGroups(v) => &v.load,
            View::LogStreams(v) => &v.load,
            View::Stacks(v) => &v.load,
            View::Stack(v) => &v.load,
            View::Timeline(v) => &v.load,
            View::Databases(v) => &v.load,
            View::Caches(v) => &v.load,
            View::Datastore(v) => &v.load,
        }
    }

    pub fn load_mut(&mut self) -> &mut Load {
        match self {
            View::Clusters(v) => &mut v.load,
            View::Services(v) => &mut v.load,
            View::Service(v) => &mut v.load,
            View::Tasks(v) => &mut v.load,
            View::Containers(v) => &mut v.load,
            View::Tunnels(v) => &mut v.load,
            View::Contexts(v) => &mut v.load,
            View::Families(v) => &mut v.load,
            View::Revisions(v) => &mut v.load,
            View::Revision(v) => &mut v.load,
            View::RevisionDiff(v) => &mut v.load,
            View::Logs(v) => &mut v.load,
            View::LogGroups(v) => &mut v.load,
            View::LogStreams(v) => &mut v.load,
            View::Stacks(v) => &mut v.load,
            View::Stack(v) => &mut v.load,
            View::Timeline(v) => &mut v.load,
            View::Databases(v) => &mut v.load,
            View::Caches(v) => &mut v.load,
            View::Datastore(v) => &mut v.load,
        }
    }

    /// The metric trends and alarms of views that show them.
    pub fn health(&self) -> Option<&Health> {
        match self {
            View::Services(v) => Some(&v.health),
            View::Service(v) => Some(&v.health),
            View::Databases(v) => Some(&v.health),
            View::Caches(v) => Some(&v.health),
            View::Datastore(v) => Some(&v.health),
            _ => None,
        }
    }

    pub fn health_mut(&mut self) -> Option<&mut Health> {
        match self {
            View::Services(v) => Some(&mut v.health),
            View::Service(v) => Some(&mut v.health),
            View::Databases(v) => Some(&mut v.health),
            View::Caches(v) => Some(&mut v.health),
            View::Datastore(v) => Some(&mut v.health),
            _ => None,
        }
    }

    /// The breadcrumb label of this view.
    pub fn title(&self) -> String {
        match self {
            View::Clusters(_) => "clusters".into(),
            View::Services(v) => format!("{} › services", v.cluster),
            View::Service(v) => format!("{} › {}", v.cluster, v.name),
            View::Tasks(v) => {
                let scope = v.service.as_deref().unwrap_or(&v.cluster);
                let which = if v.stopped { "stopped tasks" } else { "tasks" };
                format!("{scope} › {which}")
            }
            View::Tunnels(_) => "tunnels".into(),
            View::Contexts(_) => "contexts".into(),
            View::Containers(v) => {
                let id = crate::model::arn_tail(&v.task_arn);
                format!(
                    "{} › task {} › containers",
                    v.cluster,
                    id.get(..8).unwrap_or(id)
                )
            }
            View::Families(_) => "task definition families".into(),
            View::Revisions(v) => format!("{} › revisions", v.family),
            View::Revision(v) => crate::model::arn_tail(&v.task_definition).to_string(),
            View::RevisionDiff(v) => format!(
                "diff {} → {}",
                crate::model::arn_tail(&v.from),
                crate::model::arn_tail(&v.to)
            ),
            View::Logs(v) => format!("logs › {}", v.scope.label()),
            View::LogGroups(_) => "log groups".into(),
            View::LogStreams(v) => format!("{} › streams", v.group),
            View::Stacks(v) if v.deleted => "stacks (with deleted)".into(),
            View::Stacks(_) => "stacks".into(),
            View::Stack(v) => format!("stacks › {}", v.name()),
            View::Timeline(v) => format!("{} › {} › deploy timeline", v.cluster, v.service),
            View::Databases(_) => "databases".into(),
            View::Caches(_) => "caches".into(),
            View::Datastore(v) => match &v.target {
                DatastoreTarget::Database(..) => format!("databases › {}", v.target.id()),
                DatastoreTarget::Cache(..) => format!("caches › {}", v.target.id()),
            },
        }
    }

    /// Keymap sections that apply in this view, most specific first ([global] is implied).
    pub fn sections(&self) -> &'static [Section] {
        match self {
            View::Clusters(_)
            | View::Services(_)
            | View::Service(_)
            | View::Tasks(_)
            | View::Containers(_)
            | View::Tunnels(_)
            | View::Contexts(_)
            | View::Families(_)
            | View::LogGroups(_)
            | View::LogStreams(_) => &[Section::List],
            View::Revisions(_) | View::Revision(_) | View::RevisionDiff(_) => {
                &[Section::Revisions, Section::List]
            }
            View::Logs(_) => &[Section::Logs],
            View::Stacks(_) | View::Stack(_) | View::Timeline(_) => {
                &[Section::Stacks, Section::List]
            }
            View::Databases(_) | View::Caches(_) | View::Datastore(_) => {
                &[Section::Databases, Section::List]
            }
        }
    }

    /// Is this view waiting for the result of request `id`? Views that keep
    /// several requests going (a tail, a metrics panel) answer for each of them.
    pub fn owns(&self, id: RequestId) -> bool {
        match self {
            View::Logs(v) => v.owns(id),
            View::Revisions(v) => {
                v.load.is_current(id)
                    || v.services_load.is_current(id)
                    || v.describing.as_ref().is_some_and(|(d, _)| *d == id)
            }
            _ => self.load().is_current(id) || self.health().is_some_and(|h| h.load.is_current(id)),
        }
    }

    /// The view's list, for keys that move, sort or filter it.
    pub fn list_mut(&mut self) -> Option<&mut dyn List> {
        match self {
            View::Clusters(v) => Some(&mut v.table),
            View::Services(v) => Some(&mut v.table),
            View::Tasks(v) => Some(&mut v.table),
            View::Containers(v) => Some(&mut v.table),
            View::Families(v) => Some(&mut v.table),
            View::Revisions(v) => Some(&mut v.table),
            View::Contexts(v) => Some(&mut v.table),
            View::LogGroups(v) => Some(&mut v.table),
            View::LogStreams(v) => Some(&mut v.table),
            View::Service(_)
            | View::Tunnels(_)
            | View::Revision(_)
            | View::RevisionDiff(_)
            | View::Logs(_)
            | View::Timeline(_) => None,
            View::Stacks(v) => Some(&mut v.table),
            View::Stack(v) => v.list_mut(),
            View::Databases(v) => Some(&mut v.table),
            View::Caches(v) => Some(&mut v.table),
            View::Datastore(_) => None,
        }
    }

    /// Does this view have a filterable list?
    pub fn filter(&self) -> Option<&str> {
        match self {
            View::Clusters(v) => Some(&v.table.filter),
            View::Services(v) => Some(&v.table.filter),
            View::Tasks(v) => Some(&v.table.filter),
            View::Containers(v) => Some(&v.table.filter),
            View::Families(v) => Some(&v.table.filter),
            View::Revisions(v) => Some(&v.table.filter),
            View::Contexts(v) => Some(&v.table.filter),
            View::LogGroups(v) => Some(&v.table.filter),
            View::LogStreams(v) => Some(&v.table.filter),
            View::Service(_)
            | View::Tunnels(_)
            | View::Revision(_)
            | View::RevisionDiff(_)
            | View::Logs(_)
            | View::Timeline(_) => None,
            View::Stacks(v) => Some(&v.table.filter),
            View::Stack(v) => v.filter(),
            View::Databases(v) => Some(&v.table.filter),
            View::Caches(v) => Some(&v.table.filter),
            View::Datastore(_) => None,
        }
    }
}

impl State {
    pub fn new(identity: Identity, settings: Settings, keymap: Keymap, now: Timestamp) -> Self {
        State {
            identity,
            settings,
            keymap,
            now,
            views: Vec::new(),
            mode: Mode::Normal,
            api_calls: 0,
            exec: None,
            exec_commands: Default::default(),
            exec_default_command: DEFAULT_COMMAND.to_string(),
            tunnel_dialog: None,
            context_dialog: None,
            tunnels: Table::default(),
            notice: None,
            next_request: 1,
            dirty: true,
            quitting: false,
            pending_keys: Vec::new(),
            forward: Vec::new(),
            command_line: CommandLine::default(),
            context: ContextInfo::default(),
            contexts: Vec::new(),
            current: Default::default(),
            forced_read_only: false,
            problems: Vec::new(),
            help_scroll: 0,
            dialog: None,
        }
    }

    /// Acting in a context tagged prod: every change is confirmed by typing its name.
    pub fn in_prod(&self) -> bool {
        self.context.environment == Some(crate::config::Environment::Prod)
    }

    /// Show a message in the footer for a few seconds.
    pub fn notify(&mut self, kind: NoticeKind, text: impl Into<String>) {
        self.notice = Some(Notice {
            kind,
            text: text.into(),
            at: self.now,
        });
        self.dirty = true;
    }

    pub fn view(&self) -> Option<&View> {
        self.views.last()
    }

    pub fn view_mut(&mut self) -> Option<&mut View> {
        self.views.last_mut()
    }
}
