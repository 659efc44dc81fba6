//! `draw`: a pure function of the state and theme onto a frame.

mod caches;
mod clusters;
mod containers;
mod databases;
mod datastore;
mod footer;
pub mod format;
mod header;
mod help;
pub mod input;
mod service;
mod service_health;
mod services;
pub mod sparkline;
mod table;
mod tasks;

use ratatui::layout::{Constraint, Layout};
use ratatui::Frame;

use crate::state::{Mode, State, View};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(frame.area());
    header::draw(frame, head, state, theme);
    match state.view() {
        Some(View::Clusters(v)) => clusters::draw(frame, body, state, v, theme),
        Some(View::Services(v)) => services::draw(frame, body, state, v, theme),
        Some(View::Service(v)) => service::draw(frame, body, state, v, theme),
        Some(View::Tasks(v)) => tasks::draw(frame, body, state, v, theme),
        Some(View::Containers(v)) => containers::draw(frame, body, state, v, theme),
        Some(View::Databases(v)) => databases::draw(frame, body, state, v, theme),
        Some(View::Caches(v)) => caches::draw(frame, body, state, v, theme),
        Some(View::Datastore(v)) => datastore::draw(frame, body, state, v, theme),
        None => {}
    }
    footer::draw(frame, foot, state, theme);
    if state.mode == Mode::Help {
        help::draw(frame, body, state, theme);
    }
}
