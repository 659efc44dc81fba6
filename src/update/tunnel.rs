//! Port forwarding: the dialog (destination, remote port, local port), opening and
//! closing tunnels, and their progress reports.

use crossterm::event::{KeyCode, KeyEvent};

use super::navigation::push;
use crate::aws::AwsError;
use crate::effect::{Effect, Request, RequestId};
use crate::exec::tunnels::TunnelRequest;
use crate::model::{Destination, Tunnel, TunnelId, TunnelState, TunnelTarget};
use crate::state::{
    Edit, NoticeKind, State, TextInput, TunnelDialog, TunnelField, TunnelsView, View,
};

/// Open the dialog for the selected task (tasks view) or container (containers view),
/// and start loading the account's database and cache endpoints as destinations.
pub fn open_dialog(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(super::exec::Picked {
        cluster,
        task,
        container,
    }) = super::exec::pick_task(
        state,
        "port forwarding goes through a task",
        "forward through",
    )
    else {
        return;
    };
    let id = state.next_request;
    state.next_request += 1;
    fx.push(Effect::Fetch {
        id,
        request: Request::Endpoints,
    });
    state.tunnel_dialog = Some(TunnelDialog {
        cluster,
        task,
        container,
        endpoints: Vec::new(),
        endpoints_request: Some(id),
        endpoints_error: None,
        choice: 0,
        remote_port: TextInput::default(),
        local_port: TextInput::default(),
        focus: TunnelField::RemotePort,
        error: None,
    });
}

pub fn endpoints_loaded(
    state: &mut State,
    id: RequestId,
    result: Result<Vec<Destination>, AwsError>,
) {
    let Some(dialog) = state.tunnel_dialog.as_mut() else {
        return;
    };
    if dialog.endpoints_request != Some(id) {
        return;
    }
    state.dirty = true;
    dialog.endpoints_request = None;
    match result {
        Ok(endpoints) => dialog.endpoints = endpoints,
        Err(e) => dialog.endpoints_error = Some(e.summary()),
    }
}

pub fn on_key(state: &mut State, key: KeyEvent, fx: &mut Vec<Effect>) {
    let Some(dialog) = state.tunnel_dialog.as_mut() else {
        return;
    };
    match (key.code, dialog.focus) {
        (KeyCode::Esc, _) => {
            if let Some(id) = dialog.endpoints_request {
                fx.push(Effect::Cancel(id));
            }
            state.tunnel_dialog = None;
        }
        (KeyCode::Tab, _) => dialog.focus = next_field(dialog.focus, 1),
        (KeyCode::BackTab, _) => dialog.focus = next_field(dialog.focus, 2),
        (KeyCode::Enter, _) => submit(state, fx),
        (KeyCode::Up | KeyCode::Down, TunnelField::Destination) => {
            let last = dialog.endpoints.len();
            dialog.choice = if key.code == KeyCode::Up {
                dialog.choice.saturating_sub(1)
            } else {
                (dialog.choice + 1).min(last)
            };
            // An endpoint brings its port; the same local port is the usual choice.
            let port = dialog.chosen_endpoint().map(|e| e.port.to_string());
            dialog.remote_port.set(port.as_deref().unwrap_or_default());
            dialog.local_port.set(port.as_deref().unwrap_or_default());
            dialog.error = None;
        }
        (_, field) => {
            let input = match field {
                TunnelField::RemotePort => &mut dialog.remote_port,
                TunnelField::LocalPort => &mut dialog.local_port,
                TunnelField::Destination => return,
            };
            if input.handle(key) == Edit::Changed {
                dialog.error = None;
            }
        }
    }
}

fn next_field(field: TunnelField, step: usize) -> TunnelField {
    const ORDER: [TunnelField; 3] = [
        TunnelField::Destination,
        TunnelField::RemotePort,
        TunnelField::LocalPort,
    ];
    let at = ORDER.iter().position(|f| *f == field).unwrap_or(0);
    ORDER[(at + step) % ORDER.len()]
}

/// A TCP port typed by a person: a whole number from 1 to 65535.
pub fn parse_port(text: &str, what: &str) -> Result<u16, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("type the {what} (1–65535)"));
    }
    match text.parse::<u32>() {
        Ok(p) if (1..=65_535).contains(&p) => Ok(p as u16),
        _ => Err(format!(
            "the {what} must be a whole number from 1 to 65535, not '{text}'"
        )),
    }
}

fn submit(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(dialog) = state.tunnel_dialog.as_mut() else {
        return;
    };
    let remote = match parse_port(dialog.remote_port.text(), "remote port") {
        Ok(p) => p,
        Err(e) => return dialog.error = Some(e),
    };
    let local_text = if dialog.local_port.text().trim().is_empty() {
        dialog.remote_port.text().to_string()
    } else {
        dialog.local_port.text().to_string()
    };
    let local = match parse_port(&local_text, "local port") {
        Ok(p) if p < 1024 => {
            return dialog.error = Some(format!(
                "local port {p} needs root on most systems: choose 1024 or above (e.g. {})",
                u32::from(p) + 10_000
            ))
        }
        Ok(p) => p,
        Err(e) => return dialog.error = Some(e),
    };
    if state
        .tunnels
        .rows()
        .iter()
        .any(|t| t.is_live() && t.local_port == local)
    {
        dialog.error = Some(format!(
            "local port {local} is already used by another tunnel: choose another"
        ));
        return;
    }
    let target = match dialog.chosen_endpoint() {
        Some(e) => TunnelTarget::RemoteHost {
            host: e.host.clone(),
            port: remote,
        },
        None => TunnelTarget::TaskPort { port: remote },
    };
    let container = dialog
        .task
        .containers
        .get(dialog.container)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let id: TunnelId = state.next_request;
    state.next_request += 1;
    let tunnel = Tunnel {
        id,
        key: id.to_string(),
        local_port: local,
        target: target.clone(),
        cluster: dialog.cluster.clone(),
        task_id: dialog.task.id.clone(),
        container: container.clone(),
        opened_at: state.now,
        state: TunnelState::Starting,
    };
    let request = TunnelRequest {
        id,
        cluster: dialog.cluster.clone(),
        task_arn: dialog.task.arn.clone(),
        container,
        target,
        local_port: local,
        region: state.identity.region.clone(),
        profile: match state.identity.profile.as_str() {
            "default" => String::new(),
            named => named.to_string(),
        },
        pass_credentials: state.identity.role_arn.is_some(),
    };
    if let Some(id) = dialog.endpoints_request {
        fx.push(Effect::Cancel(id));
    }
    state.tunnel_dialog = None;
    let label = format!("127.0.0.1:{local} → {}", tunnel.target_label());
    state.tunnels.upsert(vec![tunnel]);
    state.notify(
        NoticeKind::Info,
        format!("opening {label} (P lists tunnels)"),
    );
    fx.push(Effect::OpenTunnel(request));
}

/// A tunnel's plugin reported in (or stopped).
pub fn changed(state: &mut State, id: TunnelId, new: TunnelState) {
    let Some(mut tunnel) = state.tunnels.rows().iter().find(|t| t.id == id).cloned() else {
        return;
    };
    if tunnel.state == TunnelState::Closed {
        return;
    }
    let label = format!(
        "127.0.0.1:{} → {}",
        tunnel.local_port,
        tunnel.target_label()
    );
    match &new {
        TunnelState::Open => state.notify(NoticeKind::Success, format!("tunnel open: {label}")),
        TunnelState::Failed(why) => {
            state.notify(NoticeKind::Error, format!("tunnel {label}: {why}"))
        }
        _ => {}
    }
    tunnel.state = new;
    state.tunnels.upsert(vec![tunnel]);
    state.dirty = true;
}

/// Close the selected tunnel; a tunnel already ended is removed from the list.
pub fn close_selected(state: &mut State, fx: &mut Vec<Effect>) {
    if !matches!(state.view(), Some(View::Tunnels(_))) {
        return;
    }
    let Some(mut tunnel) = state.tunnels.selected().cloned() else {
        return;
    };
    if tunnel.is_live() {
        fx.push(Effect::CloseTunnel(tunnel.id));
        state.notify(
            NoticeKind::Info,
            format!(
                "closed 127.0.0.1:{} → {}",
                tunnel.local_port,
                tunnel.target_label()
            ),
        );
        tunnel.state = TunnelState::Closed;
        state.tunnels.upsert(vec![tunnel]);
    } else {
        let keep: std::collections::HashSet<String> = state
            .tunnels
            .rows()
            .iter()
            .filter(|t| t.id != tunnel.id)
            .map(|t| t.key.clone())
            .collect();
        state.tunnels.retain_keys(&keep);
    }
}

/// Show the tunnels list (on top of whatever is shown).
pub fn show(state: &mut State, fx: &mut Vec<Effect>) {
    if !matches!(state.view(), Some(View::Tunnels(_))) {
        push(state, View::Tunnels(TunnelsView::default()), fx);
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::tests::{new_state, t0};
    use super::parse_port;
    use crate::action::{Action, Loaded};
    use crate::effect::{Effect, Request};
    use crate::model::{Container, Destination, Task, TunnelState, TunnelTarget};
    use crate::state::{State, TasksView, View};
    use crate::update::update;

    fn tasks_state() -> State {
        let mut state = new_state();
        let mut view = TasksView {
            cluster: "omni-acme-cluster".into(),
            service: Some("omni-api".into()),
            ..Default::default()
        };
        view.table.set_rows(vec![Task {
            arn: "arn:aws:ecs:us-east-1:123456789012:task/omni-acme-cluster/0123456789abcdef"
                .into(),
            id: "0123456789abcdef".into(),
            last_status: "RUNNING".into(),
            exec_enabled: true,
            containers: vec![Container {
                name: "omni-api".into(),
                runtime_id: "rt".into(),
                ..Default::default()
            }],
            ..Default::default()
        }]);
        state.views.push(View::Tasks(view));
        state
    }

    fn press(state: &mut State, code: KeyCode) -> Vec<Effect> {
        update(
            state,
            Action::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            t0(),
        )
    }

    fn typed(state: &mut State, text: &str) {
        for c in text.chars() {
            press(state, KeyCode::Char(c));
        }
    }

    fn error(state: &State) -> String {
        state
            .tunnel_dialog
            .as_ref()
            .and_then(|d| d.error.clone())
            .unwrap_or_default()
    }

    /// Open the dialog and deliver two endpoints.
    fn dialog() -> State {
        let mut state = tasks_state();
        let fx = press(&mut state, KeyCode::Char('p'));
        let id = fx
            .iter()
            .find_map(|e| match e {
                Effect::Fetch {
                    id,
                    request: Request::Endpoints,
                } => Some(*id),
                _ => None,
            })
            .unwrap_or_else(|| panic!("endpoints are looked up: {fx:?}"));
        let endpoints = vec![
            Destination {
                label: "RDS omni-acme-db (postgres)".into(),
                host: "omni-acme-db.c9akciq32.us-east-1.rds.amazonaws.com".into(),
                port: 5432,
            },
            Destination {
                label: "Redis omni-acme-redis (primary)".into(),
                host: "master.omni-acme-redis.x7kq2d.use1.cache.amazonaws.com".into(),
                port: 6379,
            },
        ];
        update(
            &mut state,
            Action::Loaded(id, Box::new(Loaded::Endpoints(Ok(endpoints)))),
            t0(),
        );
        state
    }

    #[test]
    fn ports_are_whole_numbers_in_range() {
        assert_eq!(parse_port("5432", "remote port"), Ok(5432));
        for bad in [
            "abc",
            "-1",
            "0",
            "65536",
            "2.5",
            "1e3",
            "99999999999999999999",
        ] {
            let err = parse_port(bad, "remote port").unwrap_err();
            assert!(err.contains("whole number from 1 to 65535"), "{bad}: {err}");
        }
        assert_eq!(
            parse_port(" ", "local port").unwrap_err(),
            "type the local port (1–65535)"
        );
    }

    #[test]
    fn a_database_endpoint_through_the_task() {
        let mut state = dialog();
        press(&mut state, KeyCode::BackTab);
        press(&mut state, KeyCode::Down);
        let d = state
            .tunnel_dialog
            .as_ref()
            .unwrap_or_else(|| panic!("open"));
        assert_eq!(
            (d.remote_port.text(), d.local_port.text()),
            ("5432", "5432")
        );
        press(&mut state, KeyCode::Tab);
        press(&mut state, KeyCode::Tab);
        for _ in 0..4 {
            press(&mut state, KeyCode::Backspace);
        }
        typed(&mut state, "15432");
        let fx = press(&mut state, KeyCode::Enter);
        let request = fx
            .iter()
            .find_map(|e| match e {
                Effect::OpenTunnel(r) => Some(r.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("a tunnel opens: {fx:?}"));
        assert_eq!(request.local_port, 15432);
        assert_eq!(
            request.target,
            TunnelTarget::RemoteHost {
                host: "omni-acme-db.c9akciq32.us-east-1.rds.amazonaws.com".into(),
                port: 5432
            }
        );
        assert_eq!(request.container, "omni-api");
        assert!(state.tunnel_dialog.is_none());
        assert_eq!(state.tunnels.rows()[0].state, TunnelState::Starting);

        update(
            &mut state,
            Action::Tunnel(request.id, TunnelState::Open),
            t0(),
        );
        assert_eq!(state.tunnels.rows()[0].state, TunnelState::Open);
        let notice = state
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default();
        assert_eq!(
            notice,
            "tunnel open: 127.0.0.1:15432 → omni-acme-db.c9akciq32.us-east-1.rds.amazonaws.com:5432"
        );

        // The same local port again is refused while the first tunnel is open.
        let mut again = state.clone();
        press(&mut again, KeyCode::Char('p'));
        typed(&mut again, "15432");
        let fx = press(&mut again, KeyCode::Enter);
        assert!(!fx.iter().any(|e| matches!(e, Effect::OpenTunnel(_))));
        assert!(
            error(&again).contains("already used by another tunnel"),
            "{}",
            error(&again)
        );

        // P lists tunnels; x closes the open one, and x again removes it from the list.
        press(&mut state, KeyCode::Char('P'));
        assert!(matches!(state.view(), Some(View::Tunnels(_))));
        let fx = press(&mut state, KeyCode::Char('x'));
        assert_eq!(fx, vec![Effect::CloseTunnel(request.id)]);
        assert_eq!(state.tunnels.rows()[0].state, TunnelState::Closed);
        update(
            &mut state,
            Action::Tunnel(request.id, TunnelState::Failed("killed".into())),
            t0(),
        );
        assert_eq!(
            state.tunnels.rows()[0].state,
            TunnelState::Closed,
            "closed stays closed"
        );
        let fx = press(&mut state, KeyCode::Char('x'));
        assert!(fx.is_empty());
        assert!(state.tunnels.rows().is_empty());
    }

    #[test]
    fn refused_ports_send_nothing_and_say_why() {
        for (remote, local, says) in [
            ("", "", "type the remote port"),
            ("abc", "", "not 'abc'"),
            ("8080", "70000", "not '70000'"),
            ("8080", "80", "local port 80 needs root"),
        ] {
            let mut state = dialog();
            typed(&mut state, remote);
            press(&mut state, KeyCode::Tab);
            typed(&mut state, local);
            let fx = press(&mut state, KeyCode::Enter);
            assert!(
                !fx.iter().any(|e| matches!(e, Effect::OpenTunnel(_))),
                "{remote}/{local}: {fx:?}"
            );
            assert!(
                error(&state).contains(says),
                "{remote}/{local}: {}",
                error(&state)
            );
            assert!(state.tunnels.rows().is_empty());
        }
    }

    #[test]
    fn a_port_of_the_task_defaults_the_local_port_to_the_same() {
        let mut state = dialog();
        typed(&mut state, "8080");
        let fx = press(&mut state, KeyCode::Enter);
        let request = fx
            .iter()
            .find_map(|e| match e {
                Effect::OpenTunnel(r) => Some(r.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{fx:?}"));
        assert_eq!(request.target, TunnelTarget::TaskPort { port: 8080 });
        assert_eq!(request.local_port, 8080);
    }
}
