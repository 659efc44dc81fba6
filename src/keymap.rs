//! Keys → commands. The default keymap is `keymaps/default.toml`, compiled in.
//! Help and footer hints are generated from the keymap in force, so they can't drift.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

pub const DEFAULT_KEYMAP: &str = include_str!("../keymaps/default.toml");

/// Every bindable command. Names are the keymap's snake_case action names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Quit,
    Help,
    Back,
    Refresh,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Select,
    Filter,
    SortNext,
    SortReverse,
    OpenTasks,
    ToggleStopped,
    OpenDatabases,
    OpenCaches,
    SwitchDatastores,
}

impl Command {
    /// What the command does, for the help overlay.
    pub fn doc(self) -> &'static str {
        match self {
            Command::Quit => "quit opsdeck",
            Command::Help => "show or hide this help",
            Command::Back => "go back to the previous view",
            Command::Refresh => "refresh the view now",
            Command::Up => "move up",
            Command::Down => "move down",
            Command::PageUp => "page up",
            Command::PageDown => "page down",
            Command::Top => "go to the first row",
            Command::Bottom => "go to the last row",
            Command::Select => "open the selected row",
            Command::Filter => "filter rows as you type",
            Command::SortNext => "sort by the next column",
            Command::SortReverse => "reverse the sort order",
            Command::OpenTasks => "show the tasks (of the service)",
            Command::ToggleStopped => "switch between running and stopped tasks",
            Command::OpenDatabases => "show RDS databases (instances and Aurora clusters)",
            Command::OpenCaches => "show ElastiCache caches (replication groups and clusters)",
            Command::SwitchDatastores => "switch between databases and caches",
        }
    }

    /// Short label for footer hints.
    pub fn hint(self) -> &'static str {
        match self {
            Command::Quit => "quit",
            Command::Help => "help",
            Command::Back => "back",
            Command::Refresh => "refresh",
            Command::Select => "open",
            Command::Filter => "filter",
            Command::SortNext => "sort",
            Command::SortReverse => "reverse",
            Command::OpenTasks => "tasks",
            Command::ToggleStopped => "running/stopped",
            Command::OpenDatabases => "databases",
            Command::OpenCaches => "caches",
            Command::SwitchDatastores => "dbs/caches",
            _ => "",
        }
    }
}

/// Where a binding applies: `[global]` everywhere, the others in the views (or
/// dialogs) that name them in [`crate::state::View::sections`]. A pane adds its
/// section here and in `ALL`; the keymap file's table of that name fills it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Global,
    List,
    Databases,
}

impl Section {
    pub const ALL: &'static [Section] = &[Section::Global, Section::List, Section::Databases];

    /// The table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::List => "list",
            Section::Databases => "databases",
        }
    }

    /// The heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Section::Global => "everywhere",
            Section::List => "in lists",
            Section::Databases => "in databases and caches",
        }
    }

    fn from_name(name: &str) -> Option<Section> {
        Section::ALL.iter().copied().find(|s| s.name() == name)
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(Section, KeyEvent), Command>,
    /// For help: (section, command, keys as written), in file order per section.
    listing: Vec<(Section, Command, Vec<String>)>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("keymap: {0}")]
    Toml(String),
    #[error("keymap: unknown key '{key}' for action '{action}'")]
    BadKey { key: String, action: String },
    #[error("keymap: unknown section [{0}]")]
    UnknownSection(String),
}

impl Keymap {
    pub fn default_keymap() -> Result<Keymap, KeymapError> {
        Keymap::parse(DEFAULT_KEYMAP)
    }

    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        let file: toml::Table =
            toml::from_str(text).map_err(|e| KeymapError::Toml(e.to_string()))?;
        let mut keymap = Keymap {
            bindings: HashMap::new(),
            listing: Vec::new(),
        };
        for (section_name, table) in file {
            let section = Section::from_name(&section_name)
                .ok_or_else(|| KeymapError::UnknownSection(section_name.clone()))?;
            let toml::Value::Table(table) = table else {
                return Err(KeymapError::Toml(format!(
                    "[{section_name}] must be a table of actions"
                )));
            };
            for (name, keys) in table {
                let command: Command = Command::deserialize(toml::Value::String(name.clone()))
                    .map_err(|_| KeymapError::Toml(format!("unknown action '{name}'")))?;
                let keys: Vec<String> = keys
                    .try_into()
                    .map_err(|_| KeymapError::Toml(format!("'{name}' must be a list of keys")))?;
                for key in &keys {
                    let event = parse_key(key).ok_or_else(|| KeymapError::BadKey {
                        key: key.clone(),
                        action: name.clone(),
                    })?;
                    keymap.bindings.insert((section, event), command);
                }
                keymap.listing.push((section, command, keys));
            }
        }
        Ok(keymap)
    }

    /// The command for a key: the given sections first, in order, then global.
    pub fn command(&self, key: KeyEvent, sections: &[Section]) -> Option<Command> {
        let key = normalize(key);
        sections
            .iter()
            .chain(std::iter::once(&Section::Global))
            .find_map(|section| self.bindings.get(&(*section, key)).copied())
    }

    /// The first key bound to a command, as written in the keymap.
    pub fn key_for(&self, command: Command) -> Option<&str> {
        self.listing
            .iter()
            .find(|(_, c, _)| *c == command)
            .and_then(|(_, _, keys)| keys.first().map(String::as_str))
    }

    pub fn listing(&self) -> &[(Section, Command, Vec<String>)] {
        &self.listing
    }
}

/// Terminals report `G` as Char('G') with or without SHIFT; compare without it.
fn normalize(key: KeyEvent) -> KeyEvent {
    let mut mods =
        key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(key.code, KeyCode::Char(_)) {
        mods.remove(KeyModifiers::SHIFT);
    }
    KeyEvent::new(key.code, mods)
}

/// Parse "ctrl-c", "G", "enter", "f5", "/" into a key event.
pub fn parse_key(text: &str) -> Option<KeyEvent> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        if let Some(r) = rest.strip_prefix("ctrl-") {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("alt-") {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("shift-") {
            mods |= KeyModifiers::SHIFT;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" => KeyCode::Delete,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "space" => KeyCode::Char(' '),
        f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
        s => {
            let mut chars = s.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            KeyCode::Char(c)
        }
    };
    Some(normalize(KeyEvent::new(code, mods)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &[Section] = &[Section::List];

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn shipped_keymap_parses_and_binds_the_basics() {
        let km = Keymap::default_keymap().expect("shipped keymap parses");
        assert_eq!(km.command(key('q'), LIST), Some(Command::Quit));
        assert_eq!(km.command(key('/'), LIST), Some(Command::Filter));
        assert_eq!(
            km.command(
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                &[]
            ),
            Some(Command::Quit)
        );
        assert_eq!(
            km.command(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT), LIST),
            Some(Command::Bottom)
        );
        assert_eq!(
            km.command(key('j'), &[]),
            None,
            "list keys only apply to lists"
        );
    }

    #[test]
    fn bad_keymaps_say_what_is_wrong() {
        let err = Keymap::parse("[global]\nquit = [\"ctrl-\"]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "keymap: unknown key 'ctrl-' for action 'quit'"
        );
        let err = Keymap::parse("[global]\nlaunch_missiles = [\"x\"]").unwrap_err();
        assert!(err.to_string().contains("unknown action 'launch_missiles'"));
        let err = Keymap::parse("[lists]\nup = [\"k\"]").unwrap_err();
        assert_eq!(err.to_string(), "keymap: unknown section [lists]");
    }

    #[test]
    fn keys_parse() {
        assert_eq!(
            parse_key("f5"),
            Some(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE))
        );
        assert_eq!(parse_key("space"), Some(key(' ')));
        assert_eq!(parse_key("nope"), None);
    }
}
