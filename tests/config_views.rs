//! Screens of issue 9 at 80x24 and 160x48: the header per environment, the command
//! line with its completions, and the report of broken files.

mod common;

use common::screen::*;
use crossterm::event::KeyCode;
use opsdeck::config::Environment;
use opsdeck::state::{ContextInfo, State};
use opsdeck::theme::Theme;
use opsdeck::update::open_initial_views;

fn both_sizes(name: &str, state: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), text(&render(state, 80, 24)));
    insta::assert_snapshot!(format!("{name}_160x48"), text(&render(state, 160, 48)));
}

fn in_context(env: Option<Environment>, label: &str) -> State {
    let mut state = state(false);
    state.context = ContextInfo {
        name: label.to_lowercase(),
        label: label.into(),
        environment: env,
    };
    let _ = open_initial_views(&mut state, None, None);
    state
}

#[test]
fn the_header_says_and_colours_the_environment() {
    let theme = Theme::default_theme().unwrap_or_else(|e| panic!("{e}"));
    for (env, label, slot) in [
        (Environment::Prod, "Acme production", theme.header_prod),
        (Environment::Staging, "Acme staging", theme.header_staging),
        (Environment::Dev, "Acme dev", theme.header_dev),
    ] {
        let state = in_context(Some(env), label);
        let buffer = render(&state, 80, 24);
        let screen = text(&buffer);
        let first = screen.lines().next().unwrap_or_default();
        assert!(first.contains(&env.name().to_uppercase()), "{first}");
        assert!(first.contains(label), "{first}");
        assert!(first.contains("account 123456789012"), "{first}");
        assert_eq!(buffer[(0, 0)].bg, slot.bg.unwrap_or_default(), "{label}");
        both_sizes(&format!("header_{}", env.name()), &state);
    }
}

#[test]
fn the_command_line_offers_completions() {
    let mut state = in_context(None, "");
    for c in ":ta".chars() {
        key(&mut state, KeyCode::Char(c));
    }
    let screen = text(&render(&state, 80, 24));
    assert!(screen.contains(" :ta"), "{screen}");
    assert!(
        screen.contains("tasks") && screen.contains("taskdefs"),
        "{screen}"
    );
    both_sizes("command_line", &state);
}

#[test]
fn broken_files_are_reported_over_the_first_screen() {
    let mut state = in_context(None, "");
    state.problems = vec![
        "/home/alice/.config/opsdeck/keymap.toml:3:1: keymap: unknown action 'launch'".into(),
        "/home/alice/.config/opsdeck/theme.toml:2:13: theme: slot 'ok': 'greenish' is not a colour (try a name like \"red\", \"#ff8800\" or 0-255)".into(),
    ];
    let screen = text(&render(&state, 80, 24));
    assert!(screen.contains("keymap.toml:3:1"), "{screen}");
    both_sizes("problems", &state);
    key(&mut state, KeyCode::Char('x'));
    assert!(state.problems.is_empty(), "any key dismisses the report");
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut state = in_context(None, "");
    key(&mut state, KeyCode::Char('?'));
    let top = text(&render(&state, 80, 24));
    assert!(top.contains("↑↓ pgup pgdn scroll"), "{top}");
    assert!(top.contains("quit opsdeck"), "{top}");
    for _ in 0..40 {
        key(&mut state, KeyCode::Down);
    }
    let bottom = text(&render(&state, 80, 24));
    assert!(!bottom.contains("quit opsdeck"), "{bottom}");
    assert!(bottom.contains("reverse the sort order"), "{bottom}");
    insta::assert_snapshot!("help_scrolled_80x24", bottom);
    key(&mut state, KeyCode::Char('x'));
    assert!(
        !text(&render(&state, 80, 24)).contains("keys"),
        "another key closes it"
    );
}
