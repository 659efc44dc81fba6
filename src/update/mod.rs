//! `update`: the only function that changes [`State`]. Pure and synchronous:
//! it takes an action and the current time, and returns effects for the loop to run.

mod command_line;
mod context_dialog;
mod contexts;
mod copy;
mod datastores;
pub mod dialog;
mod exec;
mod follow;
mod health;
mod keys;
mod live_tail;
mod loaded;
pub mod logs;
mod mouse;
mod navigation;
mod rollback;
mod scale;
mod stacks;
mod taskdefs;
mod tunnel;

use crate::action::{Action, Loaded};
use crate::effect::Effect;
use crate::model::Timestamp;
use crate::state::State;
use crate::ui::format::freshness;

pub use navigation::open_initial_views;

pub fn update(state: &mut State, action: Action, now: Timestamp) -> Vec<Effect> {
    let before = state.now;
    state.now = now;
    let mut fx = Vec::new();
    match action {
        Action::Key(key) => {
            state.dirty = true;
            let following = follow::watching(state);
            if state.exec.is_some() {
                exec::on_key(state, key, &mut fx);
            } else if state.tunnel_dialog.is_some() {
                tunnel::on_key(state, key, &mut fx);
            } else if state.context_dialog.is_some() {
                context_dialog::on_key(state, key, &mut fx);
            } else {
                keys::on_key(state, key, &mut fx);
            }
            follow::left(state, following);
        }
        Action::Resize => state.dirty = true,
        Action::Tick => {
            navigation::refresh_if_due(state, &mut fx);
            health::poll(state, &mut fx);
            // Redraw only when a time label on screen would read differently.
            let loaded_at = state.view().and_then(|v| v.load().loaded_at);
            let label_changed = loaded_at.is_some_and(|t| {
                freshness(before.signed_duration_since(t))
                    != freshness(now.signed_duration_since(t))
            });
            let minute_changed = before.timestamp() / 60 != now.timestamp() / 60;
            let notice_faded = state
                .notice
                .as_ref()
                .is_some_and(|n| n.visible(before) && !n.visible(now));
            state.dirty |= label_changed || minute_changed || notice_faded || !fx.is_empty();
        }
        Action::Loaded(id, loaded) => {
            if dialog::owns(state, id) {
                dialog::on_loaded(state, *loaded, &mut fx);
            } else if follow::owns(state, id) {
                follow::on_loaded(state, id, *loaded);
            } else {
                match *loaded {
                    Loaded::ExecReady(result) => exec::ready(state, id, result, &mut fx),
                    Loaded::Endpoints(result) => tunnel::endpoints_loaded(state, id, result),
                    other => {
                        loaded::apply(state, id, other);
                        follow::after_load(state, &mut fx);
                        health::poll(state, &mut fx);
                        logs::read_on(state, &mut fx);
                    }
                }
            }
        }
        Action::ExecEnded(outcome) => exec::ended(state, outcome),
        Action::Tunnel(id, new) => tunnel::changed(state, id, new),
        Action::ApiCalls(n) => state.api_calls = n,
        Action::Mouse(m) => {
            state.dirty = true;
            if state.mode == crate::state::Mode::Normal
                && state.dialog.is_none()
                && state.exec.is_none()
                && state.tunnel_dialog.is_none()
            {
                mouse::on_mouse(state, m, &mut fx);
            }
        }
        Action::ContextSaved {
            name,
            context,
            result,
        } => {
            state.dirty = true;
            context_dialog::saved(state, name, *context, result, &mut fx);
        }
        Action::Connected(connected) => {
            state.dirty = true;
            let crate::action::Connected { context, result } = *connected;
            match result {
                Ok(aws) => contexts::connected(state, context, aws.identity, &mut fx),
                Err(message) => contexts::failed(state, &context, &message),
            }
        }
    }
    taskdefs::follow_up(state, &mut fx);
    fx
}

#[cfg(test)]
mod dialog_tests;
#[cfg(test)]
mod live_tail_tests;
#[cfg(test)]
mod tests;
