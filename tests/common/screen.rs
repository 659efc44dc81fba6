//! Building states and reading screens for view tests: a fixed clock, a state with
//! a known identity, delivering results, pressing keys, drawing into a test backend
//! and reading back its text and colours.

use std::time::Duration;

use chrono::TimeDelta;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use opsdeck::action::{Action, Loaded};
use opsdeck::aws::Identity;
use opsdeck::effect::Effect;
use opsdeck::keymap::Keymap;
use opsdeck::model::Timestamp;
use opsdeck::state::{Settings, State};
use opsdeck::theme::Theme;
use opsdeck::update::update;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::Terminal;

pub const ACCOUNT: &str = "123456789012";

pub fn t0() -> Timestamp {
    chrono::DateTime::from_timestamp(1_763_900_000, 0).unwrap_or_default()
}

pub fn ago(secs: i64) -> Option<Timestamp> {
    Some(t0() - TimeDelta::seconds(secs))
}

pub fn state(endpoint: bool) -> State {
    let identity = Identity {
        account: ACCOUNT.into(),
        arn: format!("arn:aws:sts::{ACCOUNT}:assumed-role/OpsdeckOnCall/alice"),
        caller: "OpsdeckOnCall/alice".into(),
        region: "us-east-1".into(),
        profile: "prod".into(),
        endpoint: endpoint.then(|| "http://127.0.0.1:4566".to_string()),
        role_arn: None,
    };
    let keymap = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
    let settings = Settings {
        refresh: Duration::from_secs(5),
        read_only: false,
        live_tail: false,
    };
    State::new(identity, settings, keymap, t0())
}

pub fn first_fetch(fx: &[Effect]) -> u64 {
    fx.iter()
        .find_map(|e| match e {
            Effect::Fetch { id, .. } => Some(*id),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no fetch in {fx:?}"))
}

pub fn deliver(state: &mut State, fx: &[Effect], loaded: Loaded) {
    let id = first_fetch(fx);
    update(state, Action::Loaded(id, Box::new(loaded)), t0());
}

pub fn key(state: &mut State, code: KeyCode) -> Vec<Effect> {
    update(
        state,
        Action::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        t0(),
    )
}

pub fn render(state: &State, width: u16, height: u16) -> Buffer {
    let theme = Theme::default_theme().unwrap_or_else(|e| panic!("{e}"));
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|f| opsdeck::ui::draw(f, state, &theme))
        .unwrap_or_else(|e| panic!("{e}"));
    terminal.backend().buffer().clone()
}

pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Foreground colour of the first cell where `needle` starts.
pub fn colour_of(buffer: &Buffer, needle: &str) -> Option<Color> {
    let area = buffer.area;
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count() as u16;
            return buffer[(x, y)].fg.into();
        }
    }
    None
}
