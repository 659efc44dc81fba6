//! `update`: the only function that changes [`State`]. Pure and synchronous:
//! it takes an action and the current time, and returns effects for the loop to run.

mod datastores;
mod health;
mod keys;
mod loaded;
mod navigation;

use crate::action::Action;
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
            keys::on_key(state, key, &mut fx);
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
            loaded::apply(state, id, *loaded);
            health::poll(state, &mut fx);
        }
        Action::ApiCalls(n) => state.api_calls = n,
    }
    fx
}

#[cfg(test)]
mod tests;
