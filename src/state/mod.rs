//! The one owner of everything on screen. Only `update` changes it; `ui` reads it.

mod datastores;
pub mod health;
pub mod input;
mod load;
mod notice;
mod rows;
pub mod table;

use std::time::Duration;

pub use crate::model::DatastoreTarget;
pub use datastores::{CachesView, DatabasesView, DatastoreView};
pub use health::Health;
pub use input::{Edit, TextInput};
pub use load::Load;
pub use notice::{Notice, NoticeKind, NOTICE_FOR};
pub use table::{List, Row, Table};

use crate::aws::Identity;
use crate::effect::RequestId;
use crate::keymap::{Keymap, Section};
use crate::model::{Cluster, Container, Service, Task, Timestamp};

/// Settings fixed for the session (from the command line).
#[derive(Debug, Clone)]
pub struct Settings {
    pub refresh: Duration,
    pub read_only: bool,
}

/// What the keyboard is typing into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a filter for the current list.
    Filter,
    Help,
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
    /// The latest footer message; see [`State::notify`].
    pub notice: Option<Notice>,
    pub next_request: RequestId,
    /// Something on screen changed since the last draw.
    pub dirty: bool,
    pub quitting: bool,
}

#[derive(Debug, Clone)]
pub enum View {
    Clusters(ClustersView),
    Services(ServicesView),
    Service(ServiceView),
    Tasks(TasksView),
    Containers(ContainersView),
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
            View::Containers(v) => {
                let id = crate::model::arn_tail(&v.task_arn);
                format!(
                    "{} › task {} › containers",
                    v.cluster,
                    id.get(..8).unwrap_or(id)
                )
            }
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
            | View::Containers(_) => &[Section::List],
            View::Databases(_) | View::Caches(_) | View::Datastore(_) => {
                &[Section::Databases, Section::List]
            }
        }
    }

    /// Is this view waiting for the result of request `id`? Views that keep
    /// several requests going (a tail, a metrics panel) answer for each of them.
    pub fn owns(&self, id: RequestId) -> bool {
        self.load().is_current(id) || self.health().is_some_and(|h| h.load.is_current(id))
    }

    /// The view's list, for keys that move, sort or filter it.
    pub fn list_mut(&mut self) -> Option<&mut dyn List> {
        match self {
            View::Clusters(v) => Some(&mut v.table),
            View::Services(v) => Some(&mut v.table),
            View::Tasks(v) => Some(&mut v.table),
            View::Containers(v) => Some(&mut v.table),
            View::Databases(v) => Some(&mut v.table),
            View::Caches(v) => Some(&mut v.table),
            View::Service(_) | View::Datastore(_) => None,
        }
    }

    /// Does this view have a filterable list?
    pub fn filter(&self) -> Option<&str> {
        match self {
            View::Clusters(v) => Some(&v.table.filter),
            View::Services(v) => Some(&v.table.filter),
            View::Tasks(v) => Some(&v.table.filter),
            View::Containers(v) => Some(&v.table.filter),
            View::Databases(v) => Some(&v.table.filter),
            View::Caches(v) => Some(&v.table.filter),
            View::Service(_) | View::Datastore(_) => None,
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
            notice: None,
            next_request: 1,
            dirty: true,
            quitting: false,
        }
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
