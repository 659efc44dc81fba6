//! Multi-key sequences and forward/back history, through `update`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::tests::{new_state, service, t0};
use crate::action::{Action, Loaded};
use crate::effect::Effect;
use crate::state::{State, View};
use crate::update::{open_initial_views, update};

fn press(state: &mut State, c: char) -> Vec<Effect> {
    update(
        state,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        t0(),
    )
}

fn services_state(keymap: Option<&str>) -> State {
    let mut state = new_state();
    if let Some(text) = keymap {
        state.keymap.apply(text).unwrap_or_else(|e| panic!("{e}"));
    }
    let fx = open_initial_views(&mut state, Some("omni-acme-cluster"), None);
    let id = fx
        .iter()
        .find_map(|e| match e {
            Effect::Fetch { id, .. } => Some(*id),
            _ => None,
        })
        .unwrap_or_default();
    let rows = ["a", "b", "c", "d"]
        .iter()
        .map(|n| service(n, "COMPLETED"))
        .collect();
    update(
        &mut state,
        Action::Loaded(id, Box::new(Loaded::ServicesBatch(rows))),
        t0(),
    );
    update(
        &mut state,
        Action::Loaded(id, Box::new(Loaded::ServicesDone(Ok(())))),
        t0(),
    );
    state
}

fn selected(state: &State) -> String {
    match state.view() {
        Some(View::Services(v)) => v
            .table
            .selected()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn g_g_goes_to_the_top_and_g_then_another_key_is_that_key() {
    let mut state = services_state(Some(include_str!("../../keymaps/vim.toml")));
    press(&mut state, 'G');
    assert_eq!(selected(&state), "d");
    press(&mut state, 'g');
    assert_eq!(selected(&state), "d", "one g waits for the second");
    press(&mut state, 'g');
    assert_eq!(selected(&state), "a");
    press(&mut state, 'g');
    press(&mut state, 'j');
    assert_eq!(
        selected(&state),
        "b",
        "g then j: the sequence fails, j still moves"
    );
    assert!(state.pending_keys.is_empty());
}

#[test]
fn forward_returns_to_the_view_left_with_back_until_a_new_one_opens() {
    let mut state = services_state(None);
    update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        t0(),
    );
    assert!(matches!(state.view(), Some(View::Service(_))));
    update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        t0(),
    );
    assert!(matches!(state.view(), Some(View::Services(_))));
    let fx = press(&mut state, ']');
    assert!(matches!(state.view(), Some(View::Service(v)) if v.name == "a"));
    assert!(!fx.is_empty(), "the view comes back and refreshes");
    update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        t0(),
    );
    press(&mut state, 't');
    assert!(
        state.forward.is_empty(),
        "opening a new view drops the forward history"
    );
}

#[test]
fn a_filter_nothing_contains_is_tried_as_a_fuzzy_pattern() {
    let mut state = {
        let mut s = new_state();
        let fx = open_initial_views(&mut s, Some("omni-acme-cluster"), None);
        let id = fx
            .iter()
            .find_map(|e| match e {
                Effect::Fetch { id, .. } => Some(*id),
                _ => None,
            })
            .unwrap_or_default();
        let rows = ["omni-web", "omni-ai", "farsight-worker"]
            .iter()
            .map(|n| service(n, "COMPLETED"))
            .collect();
        update(
            &mut s,
            Action::Loaded(id, Box::new(Loaded::ServicesBatch(rows))),
            t0(),
        );
        update(
            &mut s,
            Action::Loaded(id, Box::new(Loaded::ServicesDone(Ok(())))),
            t0(),
        );
        s
    };
    press(&mut state, '/');
    for c in "omweb".chars() {
        press(&mut state, c);
    }
    assert_eq!(selected(&state), "omni-web");
}
