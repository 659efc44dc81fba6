//! The mouse, when turned on (`--mouse` or `mouse = true`): the wheel scrolls like
//! ↑↓, a click selects the row under it in the lists. Everything works without it.

use super::keys::run;
use crate::action::{Mouse, MouseKind};
use crate::effect::Effect;
use crate::keymap::Command;
use crate::state::{State, View};

/// Rows the wheel moves per notch.
const WHEEL: usize = 3;
/// Screen rows above a list's first row: header (2), border (1), column titles (1).
const FIRST_ROW: u16 = 4;
/// Screen rows that are not list rows: header (2), borders (2), column titles (1), footer (2).
const CHROME: u16 = 7;

pub fn on_mouse(state: &mut State, mouse: Mouse, fx: &mut Vec<Effect>) {
    match mouse.kind {
        MouseKind::ScrollUp | MouseKind::ScrollDown => {
            let command = if mouse.kind == MouseKind::ScrollUp {
                Command::Up
            } else {
                Command::Down
            };
            for _ in 0..WHEEL {
                run(state, command, fx);
            }
        }
        MouseKind::Click => click(state, mouse),
    }
}

/// Select the row clicked, in views whose list fills the body (drawn by `ui/table.rs`,
/// which keeps the selection on the window's last line when it has to scroll).
fn click(state: &mut State, mouse: Mouse) {
    let Some(view) = state.views.last_mut() else {
        return;
    };
    let full_body_list = matches!(
        view,
        View::Clusters(_)
            | View::Services(_)
            | View::Tasks(_)
            | View::Containers(_)
            | View::Families(_)
            | View::Contexts(_)
            | View::LogGroups(_)
            | View::LogStreams(_)
            | View::Stacks(_)
    );
    if !full_body_list || mouse.row < FIRST_ROW {
        return;
    }
    let Some(list) = view.list_mut() else {
        return;
    };
    let height = usize::from(mouse.rows.saturating_sub(CHROME));
    let line = usize::from(mouse.row - FIRST_ROW);
    if line >= height {
        return;
    }
    let selected = list.selected_index();
    let offset = selected.saturating_sub(height.saturating_sub(1));
    let target = offset + line;
    if target < list.shown() {
        list.move_by(target as isize - selected as isize);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{new_state, service, t0};
    use crate::action::{Action, Mouse, MouseKind};
    use crate::state::{ServicesView, State, View};
    use crate::update::update;

    fn services() -> State {
        let mut state = new_state();
        let mut view = ServicesView {
            cluster: "c".into(),
            ..Default::default()
        };
        let rows = (0..40)
            .map(|i| service(&format!("svc-{i:02}"), "COMPLETED"))
            .collect();
        view.table.set_rows(rows);
        state.views.push(View::Services(view));
        state
    }

    fn selected(state: &State) -> String {
        match state.view() {
            Some(View::Services(v)) => v
                .table
                .selected()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    fn mouse(state: &mut State, kind: MouseKind, row: u16) {
        update(
            state,
            Action::Mouse(Mouse {
                kind,
                row,
                rows: 24,
            }),
            t0(),
        );
    }

    #[test]
    fn a_click_selects_the_row_under_it_and_the_wheel_scrolls() {
        let mut state = services();
        mouse(&mut state, MouseKind::Click, 6);
        assert_eq!(selected(&state), "svc-02");
        mouse(&mut state, MouseKind::ScrollDown, 10);
        assert_eq!(selected(&state), "svc-05");
        mouse(&mut state, MouseKind::ScrollUp, 10);
        assert_eq!(selected(&state), "svc-02");
        mouse(&mut state, MouseKind::Click, 1);
        assert_eq!(selected(&state), "svc-02", "the header is not a row");
        mouse(&mut state, MouseKind::Click, 23);
        assert_eq!(selected(&state), "svc-02", "nor is the footer");
    }
}
