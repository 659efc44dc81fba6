//! Switching contexts and regions at runtime. The new context's clients are built
//! (and its identity asked) in the background; until they are ready nothing changes.
//! Once they are, every view, dialog and tunnel of the old context is gone, so nothing
//! from the previous account can show.

use super::navigation::{push, replace_all, services_view};
use crate::config::Context;
use crate::effect::Effect;
use crate::state::{ContextInfo, ContextsView, NoticeKind, State, View};

/// The contexts list.
pub fn show(state: &mut State, fx: &mut Vec<Effect>) {
    if state.contexts.is_empty() {
        state.notify(
            NoticeKind::Info,
            "no contexts: add [contexts.NAME] tables to ~/.config/opsdeck/config.toml",
        );
        return;
    }
    if !matches!(state.view(), Some(View::Contexts(_))) {
        let mut view = ContextsView::default();
        view.table.set_rows(state.contexts.clone());
        push(state, View::Contexts(view), fx);
    }
}

/// Enter on a context row.
pub fn switch_to_selected(state: &mut State, fx: &mut Vec<Effect>) {
    let chosen = match state.view() {
        Some(View::Contexts(v)) => v.table.selected().cloned(),
        _ => None,
    };
    if let Some(context) = chosen {
        switch(state, context, fx);
    }
}

/// `:ctx NAME`.
pub fn switch_to(state: &mut State, name: &str, fx: &mut Vec<Effect>) {
    match state.contexts.iter().find(|c| c.name == name).cloned() {
        Some(context) => switch(state, context, fx),
        None => {
            let names: Vec<&str> = state.contexts.iter().map(|c| c.name.as_str()).collect();
            state.notify(
                NoticeKind::Error,
                if names.is_empty() {
                    format!("no context '{name}': the config defines none")
                } else {
                    format!("no context '{name}': there are {}", names.join(", "))
                },
            );
        }
    }
}

/// `:region R`: the same context (or the command-line one) in another region.
pub fn switch_region(state: &mut State, region: &str, fx: &mut Vec<Effect>) {
    let mut context = state.current.clone();
    context.options.region = Some(region.to_string());
    switch(state, context, fx);
}

fn switch(state: &mut State, context: Context, fx: &mut Vec<Effect>) {
    state.notify(
        NoticeKind::Info,
        format!("connecting to {}…", describe(&context)),
    );
    fx.push(Effect::SwitchContext(Box::new(context)));
}

fn describe(context: &Context) -> String {
    let region = context
        .options
        .region
        .as_deref()
        .unwrap_or("default region");
    if context.label.is_empty() {
        region.to_string()
    } else {
        format!("{} ({region})", context.label)
    }
}

/// The new context answered: start over in it.
pub fn connected(
    state: &mut State,
    context: Context,
    identity: crate::aws::Identity,
    fx: &mut Vec<Effect>,
) {
    for tunnel in state.tunnels.rows().iter().filter(|t| t.is_live()) {
        fx.push(Effect::CloseTunnel(tunnel.id));
    }
    state.tunnels.set_rows(Vec::new());
    state.exec = None;
    state.tunnel_dialog = None;
    state.dialog = None;
    state.identity = identity;
    state.settings.read_only = state.forced_read_only || context.read_only;
    state.context = ContextInfo {
        name: context.name.clone(),
        label: context.label.clone(),
        environment: context.environment,
    };
    let mut views = vec![View::Clusters(Default::default())];
    if let Some(cluster) = &context.cluster {
        views.push(services_view(cluster));
    }
    let said = format!(
        "now in {}: account {} in {}",
        if context.label.is_empty() {
            "this context"
        } else {
            &context.label
        },
        state.identity.account,
        state.identity.region
    );
    state.current = context;
    replace_all(state, views, fx);
    state.notify(NoticeKind::Success, said);
}

/// The new context could not connect: stay where we are, and say why.
pub fn failed(state: &mut State, context: &Context, message: &str) {
    state.notify(
        NoticeKind::Error,
        format!("could not switch to {}: {message}", describe(context)),
    );
}
