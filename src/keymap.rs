//! Keys → commands. The default keymap is `keymaps/default.toml`, compiled in.
//! Help and footer hints are generated from the keymap in force, so they can't drift.

use std::collections::{HashMap, HashSet};

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
    Exec,
    PortForward,
    Tunnels,
    CloseTunnel,
    OpenFamilies,
    OpenRevisions,
    ViewRevision,
    MarkRevision,
    DiffRevisions,
    ToggleRaw,
    CopyArn,
    DeployRevision,
    Forward,
    CommandLine,
    Copy,
    NewContext,
    Contexts,
    Actions,
    Confirm,
    Cancel,
    ToggleOption,
    ChoiceUp,
    ChoiceDown,
    ForceNewDeployment,
    Scale,
    RollBack,
    StopTask,
    OpenLogs,
    Mark,
    LogGroups,
    Search,
    NextMatch,
    PrevMatch,
    InvertSearch,
    FilterPattern,
    StartAt,
    ToggleTime,
    ToggleTags,
    ToggleWrap,
    PrettyJson,
    SaveLogs,
    LiveTail,
    OpenStacks,
    OwningStack,
    DeployTimeline,
    ToggleDeletedStacks,
    CurrentOperation,
    MergeNested,
    NextTab,
    PreviousTab,
    TimelineWindow,
    OpenLink,
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
            Command::Exec => "open a shell in a container of the task (ECS Exec)",
            Command::PortForward => {
                "forward a local port through the task (to it, a database or a cache)"
            }
            Command::Tunnels => "list the port-forwarding tunnels",
            Command::CloseTunnel => "close the selected tunnel (in the tunnels list)",
            Command::OpenFamilies => "list task definition families",
            Command::OpenRevisions => "task definition revisions of the service",
            Command::ViewRevision => "show the selected revision",
            Command::MarkRevision => "mark the revision to diff against",
            Command::DiffRevisions => "diff marked/running revision → selected",
            Command::ToggleRaw => "switch readable view / raw JSON",
            Command::CopyArn => "copy the ARN to the clipboard (OSC 52)",
            Command::DeployRevision => {
                "deploy this revision to the service (roll back or forward, confirmed)"
            }
            Command::Forward => "go forward again to the view left with back",
            Command::CommandLine => "command line: :services, :tasks, :ctx NAME, :region R, :q …",
            Command::Contexts => "list contexts (accounts, roles, regions) and switch",
            Command::Copy => "copy the selected ARN, id, endpoint or log line (OSC 52)",
            Command::NewContext => "add a context (role ARN + External ID) in the contexts list",
            Command::Actions => "actions on the selected service or task",
            Command::Confirm => "confirm (sends the change)",
            Command::Cancel => "cancel, nothing is sent",
            Command::ToggleOption => "toggle the dialog's option",
            Command::ChoiceUp => "previous choice (e.g. revision)",
            Command::ChoiceDown => "next choice (e.g. revision)",
            Command::ForceNewDeployment => "force a new deployment of the service",
            Command::Scale => "change the service's desired count",
            Command::RollBack => "roll the service back to an earlier revision",
            Command::StopTask => "stop the task",
            Command::OpenLogs => {
                "tail the logs (of the service, task, container, or marked streams)"
            }
            Command::Mark => "mark a log stream to tail together with others",
            Command::LogGroups => "browse CloudWatch log groups",
            Command::Search => "search the lines (highlight; n/N jump)",
            Command::NextMatch => "jump to the next match",
            Command::PrevMatch => "jump to the previous match",
            Command::InvertSearch => "hide the lines that match the search (or show them again)",
            Command::FilterPattern => "CloudWatch filter pattern (asks AWS again)",
            Command::StartAt => "start from: last N lines, 5m, 1h, or a time",
            Command::ToggleTime => "show times in UTC or local time",
            Command::ToggleTags => "show or hide the source (task/container) tags",
            Command::ToggleWrap => "wrap long lines",
            Command::PrettyJson => "pretty-print the selected JSON line",
            Command::SaveLogs => "save the lines shown to a file",
            Command::LiveTail => {
                "Live Tail on/off: pushed within a second, billed by AWS per minute"
            }
            Command::OpenStacks => "list the CloudFormation stacks",
            Command::OwningStack => "open the stack that owns the service",
            Command::DeployTimeline => "show the service's deploy timeline",
            Command::ToggleDeletedStacks => "show or hide deleted stacks",
            Command::CurrentOperation => "events: current operation only, or all",
            Command::MergeNested => "events: merge in nested stacks' events",
            Command::NextTab => "next tab (events/resources/outputs/params)",
            Command::PreviousTab => "previous tab",
            Command::TimelineWindow => "window: since deployment, 1 h, 6 h, 24 h",
            Command::OpenLink => "open the stack, or the resource's own view",
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
            Command::Exec => "exec",
            Command::PortForward => "forward",
            Command::Tunnels => "tunnels",
            Command::CloseTunnel => "close",
            Command::OpenFamilies => "families",
            Command::OpenRevisions => "revisions",
            Command::ViewRevision => "view",
            Command::MarkRevision => "mark",
            Command::DiffRevisions => "diff",
            Command::ToggleRaw => "raw/readable",
            Command::CopyArn => "copy ARN",
            Command::DeployRevision => "deploy",
            Command::Forward => "forward",
            Command::CommandLine => "command",
            Command::Contexts => "contexts",
            Command::Copy => "copy",
            Command::NewContext => "new context",
            Command::Actions => "actions",
            Command::Confirm => "confirm",
            Command::Cancel => "cancel",
            Command::ToggleOption => "toggle option",
            Command::ChoiceUp | Command::ChoiceDown => "choose",
            Command::ForceNewDeployment => "force new deployment",
            Command::Scale => "scale",
            Command::RollBack => "roll back",
            Command::StopTask => "stop task",
            Command::OpenLogs => "logs",
            Command::Mark => "mark",
            Command::LogGroups => "log groups",
            Command::Search => "search",
            Command::NextMatch => "next",
            Command::InvertSearch => "invert",
            Command::FilterPattern => "filter",
            Command::StartAt => "start",
            Command::ToggleTime => "utc/local",
            Command::ToggleTags => "tags",
            Command::ToggleWrap => "wrap",
            Command::PrettyJson => "json",
            Command::SaveLogs => "save",
            Command::LiveTail => "live",
            Command::Bottom => "follow",
            Command::OpenStacks => "stacks",
            Command::OwningStack => "stack",
            Command::DeployTimeline => "timeline",
            Command::ToggleDeletedStacks => "deleted",
            Command::CurrentOperation => "current op",
            Command::MergeNested => "nested",
            Command::NextTab => "next tab",
            Command::TimelineWindow => "window",
            Command::OpenLink => "open",
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
    Revisions,
    /// Inside dialogs (actions menu, confirmations); global keys do not apply there.
    Dialog,
    Logs,
    Stacks,
    Databases,
}

impl Section {
    pub const ALL: &'static [Section] = &[
        Section::Global,
        Section::List,
        Section::Revisions,
        Section::Dialog,
        Section::Logs,
        Section::Stacks,
        Section::Databases,
    ];

    /// The table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::List => "list",
            Section::Revisions => "revisions",
            Section::Dialog => "dialog",
            Section::Logs => "logs",
            Section::Stacks => "stacks",
            Section::Databases => "databases",
        }
    }

    /// The heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Section::Global => "everywhere",
            Section::List => "in lists",
            Section::Revisions => "in task definition revisions",
            Section::Dialog => "in dialogs",
            Section::Logs => "in the logs pane",
            Section::Stacks => "in stacks and the deploy timeline",
            Section::Databases => "in databases and caches",
        }
    }

    fn from_name(name: &str) -> Option<Section> {
        Section::ALL.iter().copied().find(|s| s.name() == name)
    }
}

/// What a key (or key sequence) runs: one command, several in order (a macro), or
/// nothing (`no_op`, which also hides a binding of an outer section).
pub type Commands = Vec<Command>;

/// Keys pressed so far, as a sequence ("g g" is two keys).
pub type KeySeq = Vec<KeyEvent>;

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(Section, KeySeq), Commands>,
    /// Proper prefixes of multi-key sequences, per section.
    prefixes: HashSet<(Section, KeySeq)>,
    /// For help: (section, commands, keys as written), in file order per section.
    listing: Vec<(Section, Commands, Vec<String>)>,
}

/// What the keys typed so far mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Run(Commands),
    /// The start of a longer sequence: wait for the next key.
    Pending,
    Unbound,
}

/// A keymap file that can't be used: what is wrong, and where (a byte span of the text).
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("keymap: {message}")]
pub struct KeymapError {
    pub message: String,
    pub span: Option<std::ops::Range<usize>>,
}

impl KeymapError {
    fn at(span: std::ops::Range<usize>, message: String) -> Self {
        KeymapError {
            message,
            span: Some(span),
        }
    }
}

/// The shipped keymaps, by name (`--keymap NAME` or `keymap = "NAME"` in the config).
pub const SHIPPED: &[(&str, &str)] = &[
    ("default", DEFAULT_KEYMAP),
    ("vim", include_str!("../keymaps/vim.toml")),
];

impl Keymap {
    pub fn default_keymap() -> Result<Keymap, KeymapError> {
        Keymap::parse(DEFAULT_KEYMAP)
    }

    /// One keymap file on its own.
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap {
            bindings: HashMap::new(),
            prefixes: HashSet::new(),
            listing: Vec::new(),
        };
        keymap.apply(text)?;
        Ok(keymap)
    }

    /// Lay a file over this keymap: per section, an action named in the file gets the
    /// file's keys instead of its old ones; `no_op = [keys]` unbinds keys; a key name
    /// with a list of actions (`"ctrl-t" = ["top", "select"]`) runs them in order.
    pub fn apply(&mut self, text: &str) -> Result<(), KeymapError> {
        let file = toml::de::DeTable::parse(text).map_err(|e| KeymapError {
            message: e.message().to_string(),
            span: e.span(),
        })?;
        for (section_name, table) in file.get_ref() {
            let section = Section::from_name(section_name.get_ref()).ok_or_else(|| {
                KeymapError::at(
                    section_name.span(),
                    format!("unknown section [{}]", section_name.get_ref()),
                )
            })?;
            let toml::de::DeValue::Table(table) = table.get_ref() else {
                return Err(KeymapError::at(
                    table.span(),
                    format!("[{}] must be a table of actions", section.name()),
                ));
            };
            for (name, value) in table {
                let items = strings(value)?;
                self.apply_entry(section, name, items)?;
            }
        }
        self.prefixes = self
            .bindings
            .keys()
            .flat_map(|(section, seq)| (1..seq.len()).map(move |n| (*section, seq[..n].to_vec())))
            .collect();
        Ok(())
    }

    fn apply_entry(
        &mut self,
        section: Section,
        name: &toml::Spanned<toml::de::DeString<'_>>,
        items: Vec<(String, std::ops::Range<usize>)>,
    ) -> Result<(), KeymapError> {
        let text = name.get_ref().as_ref();
        if text == "no_op" {
            for (key, span) in &items {
                let seq = parse_seq(key).ok_or_else(|| {
                    KeymapError::at(
                        span.clone(),
                        format!("unknown key '{key}' for action 'no_op'"),
                    )
                })?;
                self.unbind(section, &seq);
                self.bindings.insert((section, seq), Vec::new());
            }
            return Ok(());
        }
        if let Some(command) = command_named(text) {
            // The file's keys replace this action's keys in this section.
            self.bindings
                .retain(|(s, _), cmds| !(*s == section && cmds.as_slice() == [command]));
            self.listing
                .retain(|(s, cmds, _)| !(*s == section && cmds.as_slice() == [command]));
            let mut written = Vec::new();
            for (key, span) in items {
                let seq = parse_seq(&key).ok_or_else(|| {
                    KeymapError::at(span, format!("unknown key '{key}' for action '{text}'"))
                })?;
                self.unbind(section, &seq);
                self.bindings.insert((section, seq), vec![command]);
                written.push(key);
            }
            self.listing.push((section, vec![command], written));
            return Ok(());
        }
        let Some(seq) = parse_seq(text) else {
            return Err(KeymapError::at(
                name.span(),
                format!("unknown action '{text}'"),
            ));
        };
        let mut commands = Vec::new();
        for (action, span) in items {
            commands.push(command_named(&action).ok_or_else(|| {
                KeymapError::at(
                    span,
                    format!("unknown action '{action}' in the keys of '{text}'"),
                )
            })?);
        }
        self.unbind(section, &seq);
        self.bindings.insert((section, seq), commands.clone());
        self.listing
            .push((section, commands, vec![text.to_string()]));
        Ok(())
    }

    /// Forget whatever `seq` did in `section` (its help line loses that key).
    fn unbind(&mut self, section: Section, seq: &KeySeq) {
        if self.bindings.remove(&(section, seq.clone())).is_none() {
            return;
        }
        for (s, _, keys) in self.listing.iter_mut().filter(|(s, _, _)| *s == section) {
            let _ = s;
            keys.retain(|k| parse_seq(k).as_ref() != Some(seq));
        }
        self.listing.retain(|(_, _, keys)| !keys.is_empty());
    }

    /// What the keys typed so far run: the given sections first, in order, then global.
    pub fn lookup(&self, keys: &[KeyEvent], sections: &[Section]) -> Lookup {
        let seq: KeySeq = keys.iter().map(|k| normalize(*k)).collect();
        let all = || sections.iter().chain(std::iter::once(&Section::Global));
        if let Some(commands) = all().find_map(|s| self.bindings.get(&(*s, seq.clone()))) {
            return Lookup::Run(commands.clone());
        }
        if all().any(|s| self.prefixes.contains(&(*s, seq.clone()))) {
            return Lookup::Pending;
        }
        Lookup::Unbound
    }

    /// The command for one key: the given sections first, in order, then global.
    pub fn command(&self, key: KeyEvent, sections: &[Section]) -> Option<Command> {
        match self.lookup(&[key], sections) {
            Lookup::Run(commands) => commands.first().copied(),
            _ => None,
        }
    }

    /// The command for a key in one section only (dialogs: no global fallback, so
    /// `q` typed into a dialog does not quit).
    pub fn command_in(&self, key: KeyEvent, section: Section) -> Option<Command> {
        match self.bindings.get(&(section, vec![normalize(key)])) {
            Some(commands) => commands.first().copied(),
            None => None,
        }
    }

    /// The first key bound to a command on its own, as written in the keymap.
    pub fn key_for(&self, command: Command) -> Option<&str> {
        self.listing
            .iter()
            .find(|(_, c, _)| c.as_slice() == [command])
            .and_then(|(_, _, keys)| keys.first().map(String::as_str))
    }

    pub fn listing(&self) -> &[(Section, Commands, Vec<String>)] {
        &self.listing
    }
}

fn command_named(name: &str) -> Option<Command> {
    Command::deserialize(toml::Value::String(name.to_string())).ok()
}

/// A list of strings with the span of each (an action's keys, or a macro's actions).
fn strings(
    value: &toml::Spanned<toml::de::DeValue<'_>>,
) -> Result<Vec<(String, std::ops::Range<usize>)>, KeymapError> {
    let toml::de::DeValue::Array(items) = value.get_ref() else {
        return Err(KeymapError::at(
            value.span(),
            "expected a list of strings, e.g. [\"q\", \"ctrl-c\"]".into(),
        ));
    };
    items
        .iter()
        .map(|item| match item.get_ref() {
            toml::de::DeValue::String(s) => Ok((s.to_string(), item.span())),
            _ => Err(KeymapError::at(
                item.span(),
                "expected a string, e.g. \"ctrl-c\"".into(),
            )),
        })
        .collect()
}

/// "g g" → two keys; "ctrl-c" → one.
pub fn parse_seq(text: &str) -> Option<KeySeq> {
    let seq: Option<KeySeq> = text.split_whitespace().map(parse_key).collect();
    seq.filter(|s| !s.is_empty())
}

/// Terminals report `G` as Char('G') with or without SHIFT; compare without it.
/// Terminals report `G` as Char('G') with or without SHIFT, and shift-tab as BackTab
/// with SHIFT; compare without it.
fn normalize(key: KeyEvent) -> KeyEvent {
    let mut mods =
        key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
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
        assert_eq!(err.span, Some(17..24));
        let err = Keymap::parse("[global]\nlaunch_missiles = [\"x\"]").unwrap_err();
        assert!(err.to_string().contains("unknown action 'launch_missiles'"));
        let err = Keymap::parse("[lists]\nup = [\"k\"]").unwrap_err();
        assert_eq!(err.to_string(), "keymap: unknown section [lists]");
    }

    #[test]
    fn dialog_keys_do_not_fall_back_to_global_ones() {
        let km = Keymap::default_keymap().expect("shipped keymap parses");
        assert_eq!(km.command(key('a'), LIST), Some(Command::Actions));
        assert_eq!(
            km.command_in(key('s'), Section::Dialog),
            Some(Command::Scale)
        );
        assert_eq!(
            km.command_in(
                KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                Section::Dialog
            ),
            Some(Command::Confirm)
        );
        assert_eq!(
            km.command_in(key('q'), Section::Dialog),
            None,
            "q is not quit in a dialog"
        );
    }

    #[test]
    fn keys_parse() {
        assert_eq!(
            parse_key("f5"),
            Some(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE))
        );
        assert_eq!(parse_key("space"), Some(key(' ')));
        assert_eq!(parse_key("nope"), None);
        // crossterm reports shift-tab as BackTab with SHIFT.
        assert_eq!(
            parse_key("backtab"),
            Some(normalize(KeyEvent::new(
                KeyCode::BackTab,
                KeyModifiers::SHIFT
            )))
        );
    }
}

#[cfg(test)]
mod layering_tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    const LIST: &[Section] = &[Section::List];

    fn layered(user: &str) -> Keymap {
        let mut km = Keymap::default_keymap().unwrap_or_else(|e| panic!("{e}"));
        km.apply(user).unwrap_or_else(|e| panic!("{e}"));
        km
    }

    #[test]
    fn an_action_named_again_gets_only_the_new_keys() {
        let km = layered("[global]\nquit = [\"ctrl-q\"]\n");
        assert_eq!(
            km.command(
                KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL),
                &[]
            ),
            Some(Command::Quit)
        );
        assert_eq!(km.command(key('q'), LIST), None, "q no longer quits");
        assert_eq!(km.key_for(Command::Quit), Some("ctrl-q"), "hints follow");
    }

    #[test]
    fn no_op_unbinds_even_a_global_key_in_a_section() {
        let km = layered("[list]\nno_op = [\"q\"]\n");
        assert_eq!(km.lookup(&[key('q')], LIST), Lookup::Run(vec![]));
        assert_eq!(
            km.command(key('q'), &[]),
            Some(Command::Quit),
            "still quits elsewhere"
        );
    }

    #[test]
    fn sequences_wait_for_their_second_key() {
        let km = layered("[list]\ntop = [\"g g\"]\n");
        assert_eq!(km.lookup(&[key('g')], LIST), Lookup::Pending);
        assert_eq!(
            km.lookup(&[key('g'), key('g')], LIST),
            Lookup::Run(vec![Command::Top])
        );
        assert_eq!(km.lookup(&[key('g'), key('x')], LIST), Lookup::Unbound);
    }

    #[test]
    fn one_key_can_run_several_actions() {
        let km = layered("[list]\n\"ctrl-t\" = [\"top\", \"select\"]\n");
        let ctrl_t = KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL);
        assert_eq!(
            km.lookup(&[ctrl_t], LIST),
            Lookup::Run(vec![Command::Top, Command::Select])
        );
    }

    #[test]
    fn every_mistake_is_named_with_its_place() {
        let cases = [
            (
                "[list]\nlaunch = [\"x\"]\n",
                "keymap: unknown action 'launch'",
                7,
            ),
            (
                "[list]\ntop = [\"ctrl-\"]\n",
                "keymap: unknown key 'ctrl-' for action 'top'",
                14,
            ),
            (
                "[lists]\nup = [\"k\"]\n",
                "keymap: unknown section [lists]",
                1,
            ),
            (
                "[list]\nup = \"k\"\n",
                "keymap: expected a list of strings, e.g. [\"q\", \"ctrl-c\"]",
                12,
            ),
            (
                "[list]\n\"ctrl-t\" = [\"top\", \"jump\"]\n",
                "keymap: unknown action 'jump' in the keys of 'ctrl-t'",
                26,
            ),
        ];
        for (text, message, at) in cases {
            let err = Keymap::parse(text).unwrap_err();
            assert_eq!(err.to_string(), message, "{text}");
            assert_eq!(err.span.map(|s| s.start), Some(at), "{text}");
        }
    }
}
