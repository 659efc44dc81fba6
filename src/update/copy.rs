//! `y`: copy what the selected row is known by (an ARN, an id, an endpoint, a log
//! line) to the clipboard with OSC 52, which works over SSH. Terminals that refuse
//! OSC 52 show nothing; the footer says what was sent so it can be typed instead.

use crate::effect::Effect;
use crate::state::{NoticeKind, StackTab, State, View};

pub fn copy_selected(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((what, text)) = selected_text(state) else {
        state.notify(NoticeKind::Info, "nothing selected to copy here");
        return;
    };
    let shown: String = text.chars().take(60).collect();
    let more = if text.chars().count() > 60 { "…" } else { "" };
    state.notify(
        NoticeKind::Info,
        format!("copied {what}: {shown}{more} (if your terminal allows OSC 52)"),
    );
    fx.push(Effect::CopyToClipboard(text));
}

/// What `y` copies in the view shown, and what it is called.
fn selected_text(state: &State) -> Option<(&'static str, String)> {
    let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
    match state.view()? {
        View::Clusters(v) => Some(("cluster ARN", text(&v.table.selected()?.arn)?)),
        View::Services(v) => Some(("service ARN", text(&v.table.selected()?.arn)?)),
        View::Service(v) => Some(("service ARN", text(&v.service.as_ref()?.arn)?)),
        View::Tasks(v) => Some(("task ARN", text(&v.table.selected()?.arn)?)),
        View::Containers(v) => Some(("runtime id", text(&v.table.selected()?.runtime_id)?)),
        View::Tunnels(_) => Some((
            "local address",
            format!("127.0.0.1:{}", state.tunnels.selected()?.local_port),
        )),
        View::Families(v) => Some(("family", text(&v.table.selected()?.name)?)),
        View::Stacks(v) => Some(("stack ARN", text(&v.table.selected()?.id)?)),
        View::Stack(v) if v.tab == StackTab::Resources => {
            Some(("physical id", text(&v.resources.selected()?.physical_id)?))
        }
        View::Databases(v) => {
            let db = v.table.selected()?;
            let endpoint = db.endpoint.as_ref().map(|e| e.label()).filter(|e| e != "-");
            Some(match endpoint {
                Some(e) => ("endpoint", e),
                None => ("database ARN", text(&db.arn)?),
            })
        }
        View::Caches(v) => {
            let cache = v.table.selected()?;
            let endpoint = cache
                .primary_endpoint
                .as_ref()
                .map(|e| e.label())
                .filter(|e| e != "-");
            Some(match endpoint {
                Some(e) => ("endpoint", e),
                None => ("cache ARN", text(&cache.arn)?),
            })
        }
        View::LogGroups(v) => Some(("log group", text(&v.table.selected()?.name)?)),
        View::LogStreams(v) => Some(("log stream", text(&v.table.selected()?.name)?)),
        View::Logs(v) => {
            let event = v.buffer.get(v.anchor()?)?;
            Some(("log line", text(&event.text)?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::tests::{new_state, service, t0};
    use crate::action::Action;
    use crate::effect::Effect;
    use crate::state::{ServicesView, View};
    use crate::update::update;

    #[test]
    fn y_copies_the_selected_services_arn_over_osc_52() {
        let mut state = new_state();
        let mut view = ServicesView {
            cluster: "omni-acme-cluster".into(),
            ..Default::default()
        };
        view.table.set_rows(vec![service("omni-web", "COMPLETED")]);
        state.views.push(View::Services(view));
        let fx = update(
            &mut state,
            Action::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)),
            t0(),
        );
        let arn = "arn:aws:ecs:us-east-1:123456789012:service/omni-acme-cluster/omni-web";
        assert_eq!(fx, vec![Effect::CopyToClipboard(arn.into())]);
        let notice = state
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default();
        assert!(
            notice.starts_with("copied service ARN: arn:aws:ecs"),
            "{notice}"
        );
    }

    #[test]
    fn nothing_selected_says_so_and_copies_nothing() {
        let mut state = new_state();
        state.views.push(View::Services(ServicesView::default()));
        let fx = update(
            &mut state,
            Action::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)),
            t0(),
        );
        assert!(fx.is_empty());
    }
}
