//! The scale dialog: the new desired count, checked before anything is sent (a whole
//! number from 0 to the ECS limit, not the current count), then the change shown and
//! sent on a second confirm; scaling to 0 asks for the service name.

use crossterm::event::KeyEvent;

use super::dialog::{cancel, command, send};
use crate::effect::Effect;
use crate::keymap::Command;
use crate::model::Mutation;
use crate::state::dialog::{Dialog, DialogKind, ECS_MAX_DESIRED};
use crate::state::{Edit, State};

/// The desired count typed into the scale dialog, or why it is refused.
pub fn parse_desired(text: &str) -> Result<i32, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!(
            "type the new desired count: a whole number from 0 to {ECS_MAX_DESIRED}"
        ));
    }
    if !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "'{t}' is not a whole number from 0 to {ECS_MAX_DESIRED}"
        ));
    }
    match t.parse::<u64>() {
        Ok(n) if n <= ECS_MAX_DESIRED as u64 => Ok(n as i32),
        _ => Err(format!(
            "{t} is more than ECS allows for one service ({ECS_MAX_DESIRED} tasks)"
        )),
    }
}

pub(super) fn scale_key(
    state: &mut State,
    dialog: &mut Dialog,
    key: KeyEvent,
    fx: &mut Vec<Effect>,
) -> bool {
    let DialogKind::Scale(s) = &mut dialog.kind else {
        return false;
    };
    let prod = state.in_prod();
    let typing = s.to.is_none() || s.to == Some(0) || prod;
    match command(state, key, typing) {
        Some(Command::Cancel) => return cancel(state, dialog),
        Some(Command::Confirm) => {}
        _ => {
            if dialog.sent.is_none() {
                let field = if s.to.is_none() {
                    &mut s.input
                } else {
                    &mut s.name
                };
                if field.handle(key) == Edit::Changed {
                    dialog.error = None;
                }
            }
            return true;
        }
    }
    // Confirm: first the count is checked, then (a second enter) the change is sent.
    let Some(to) = s.to else {
        match parse_desired(s.input.text()) {
            Ok(n) if n == s.service.desired => {
                dialog.error = Some(format!(
                    "{} already wants {n} tasks: nothing to change",
                    s.service.name
                ))
            }
            Ok(n) => {
                s.to = Some(n);
                dialog.error = None;
            }
            Err(e) => dialog.error = Some(e),
        }
        return true;
    };
    if (to == 0 || prod) && s.name.text() != s.service.name {
        dialog.error = Some(if to == 0 {
            format!(
                "type the service name '{}' to scale it to 0",
                s.service.name
            )
        } else {
            format!("prod context: type '{}' to confirm", s.service.name)
        });
        return true;
    }
    let mutation = Mutation::Scale {
        cluster: dialog.cluster.clone(),
        service: s.service.name.clone(),
        from: s.service.desired,
        to,
    };
    send(state, dialog, mutation, fx);
    true
}
