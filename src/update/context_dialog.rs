//! `n` in the contexts list: a new context from a role ARN and External ID, saved to
//! config.toml and switched to. Bad input is refused here and nothing is written.

use crossterm::event::{KeyCode, KeyEvent};

use crate::config::{ContextConfig, Environment};
use crate::effect::Effect;
use crate::state::{ContextDialog, Edit, State, View};

pub fn open(state: &mut State) {
    if matches!(state.view(), Some(View::Contexts(_))) {
        let mut dialog = ContextDialog::default();
        // A new context talks to the same endpoint (and region) as the one in force.
        if let Some(region) = &state.current.options.region {
            dialog.inputs[4].set(region);
        }
        state.context_dialog = Some(dialog);
    }
}

pub fn on_key(state: &mut State, key: KeyEvent, fx: &mut Vec<Effect>) {
    let Some(dialog) = state.context_dialog.as_mut() else {
        return;
    };
    match key.code {
        KeyCode::Tab | KeyCode::Down => dialog.focus = (dialog.focus + 1) % dialog.inputs.len(),
        KeyCode::BackTab | KeyCode::Up => {
            dialog.focus = (dialog.focus + dialog.inputs.len() - 1) % dialog.inputs.len()
        }
        _ => match dialog.inputs[dialog.focus].handle(key) {
            Edit::Cancel => state.context_dialog = None,
            Edit::Submit => submit(state, fx),
            Edit::Changed => dialog.error = None,
            Edit::Unchanged => {}
        },
    }
}

/// The context the dialog describes, or why it can't be one.
pub fn context(dialog: &ContextDialog) -> Result<(String, ContextConfig), String> {
    let text = |i: usize| dialog.inputs[i].text().trim().to_string();
    let some = |s: String| (!s.is_empty()).then_some(s);
    let name = text(0);
    if !crate::config::save::valid_name(&name) {
        return Err("name: letters, digits, - and _ (it is used as :ctx NAME)".into());
    }
    let role = some(text(2));
    if let Some(arn) = &role {
        let account = arn
            .strip_prefix("arn:aws:iam::")
            .or_else(|| arn.strip_prefix("arn:aws-cn:iam::"))
            .or_else(|| arn.strip_prefix("arn:aws-us-gov:iam::"))
            .and_then(|rest| rest.split_once(":role/"));
        let ok = account.is_some_and(|(id, role)| {
            id.len() == 12 && id.chars().all(|c| c.is_ascii_digit()) && !role.is_empty()
        });
        if !ok {
            return Err(format!(
                "role ARN: '{arn}' is not a role ARN (arn:aws:iam::123456789012:role/NAME)"
            ));
        }
    }
    let external_id = some(text(3));
    if external_id.is_some() && role.is_none() {
        return Err("an External ID goes with a role ARN".into());
    }
    let environment = match text(5).as_str() {
        "" => None,
        "prod" => Some(Environment::Prod),
        "staging" => Some(Environment::Staging),
        "dev" => Some(Environment::Dev),
        other => {
            return Err(format!(
                "environment: '{other}' is not prod, staging or dev"
            ))
        }
    };
    Ok((
        name,
        ContextConfig {
            label: some(text(1)),
            role_arn: role,
            external_id,
            region: some(text(4)),
            environment,
            ..Default::default()
        },
    ))
}

fn submit(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(dialog) = state.context_dialog.as_mut() else {
        return;
    };
    match context(dialog) {
        Ok((name, mut config)) => {
            if state.contexts.iter().any(|c| c.name == name) {
                dialog.error = Some(format!("there is already a context named '{name}'"));
                return;
            }
            config.endpoint_url = state.current.options.endpoint_url.clone();
            state.context_dialog = None;
            fx.push(Effect::SaveContext {
                name,
                context: Box::new(config),
            });
        }
        Err(why) => dialog.error = Some(why),
    }
}

/// The app saved it (or could not): add it and switch to it, or say why.
pub fn saved(
    state: &mut State,
    name: String,
    context: ContextConfig,
    result: Result<(), String>,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok(()) => {
            let context = context.to_context(&name);
            state.contexts.push(context);
            let rows = state.contexts.clone();
            if let Some(View::Contexts(v)) = state.view_mut() {
                v.table.set_rows(rows);
            }
            super::contexts::switch_to(state, &name, fx);
        }
        Err(why) => state.notify(
            crate::state::NoticeKind::Error,
            format!("context '{name}' was not saved: {why}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialog(values: [&str; 6]) -> ContextDialog {
        let mut d = ContextDialog::default();
        for (input, value) in d.inputs.iter_mut().zip(values) {
            input.set(value);
        }
        d
    }

    #[test]
    fn a_customer_role_with_its_external_id_is_a_context() {
        let (name, c) = context(&dialog([
            "customer-x",
            "Customer X",
            "arn:aws:iam::210987654321:role/OpsdeckSupport",
            "7f3c9a",
            "eu-west-1",
            "prod",
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(name, "customer-x");
        assert_eq!(c.external_id.as_deref(), Some("7f3c9a"));
        assert_eq!(c.environment, Some(Environment::Prod));
        assert!(
            c.to_context(&name).read_only,
            "customer accounts are read-only"
        );
    }

    #[test]
    fn bad_input_is_refused_in_words() {
        let refuse = |values: [&str; 6]| context(&dialog(values)).unwrap_err();
        assert!(refuse(["", "", "", "", "", ""]).starts_with("name:"));
        assert!(refuse(["a b", "", "", "", "", ""]).starts_with("name:"));
        assert!(
            refuse(["x", "", "arn:aws:iam::12:role/R", "", "", ""]).contains("is not a role ARN")
        );
        assert!(
            refuse(["x", "", "arn:aws:iam::210987654321:user/bob", "", "", ""])
                .contains("is not a role ARN")
        );
        assert_eq!(
            refuse(["x", "", "", "id", "", ""]),
            "an External ID goes with a role ARN"
        );
        assert!(refuse(["x", "", "", "", "", "qa"]).contains("is not prod, staging or dev"));
    }
}
