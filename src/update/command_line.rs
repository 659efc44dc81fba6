//! The `:` command line, with fuzzy completion: views by name (`:services`, `:tasks`,
//! `:taskdefs`, `:tunnels`, `:ctx`…), cluster names for `:services`, contexts for
//! `:ctx`, regions for `:region`.
//! Each command runs the same code as its key, so a command and a key never differ.

use crossterm::event::{KeyCode, KeyEvent};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use super::keys::run;
use crate::effect::Effect;
use crate::keymap::Command;
use crate::state::{CommandLine, Completion, Edit, Mode, State, View};

/// A command: its name, what it takes, what it does, and the key command it runs.
struct Spec {
    name: &'static str,
    args: Args,
    about: &'static str,
    runs: Option<Command>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Args {
    None,
    Cluster,
    Context,
    Region,
}

const COMMANDS: &[Spec] = &[
    Spec {
        name: "clusters",
        args: Args::None,
        about: "ECS clusters",
        runs: None,
    },
    Spec {
        name: "services",
        args: Args::Cluster,
        about: "services of a cluster",
        runs: None,
    },
    Spec {
        name: "tasks",
        args: Args::None,
        about: "tasks of the service or cluster shown",
        runs: Some(Command::OpenTasks),
    },
    Spec {
        name: "taskdefs",
        args: Args::None,
        about: "task definition families",
        runs: Some(Command::OpenFamilies),
    },
    Spec {
        name: "tunnels",
        args: Args::None,
        about: "port-forwarding tunnels",
        runs: Some(Command::Tunnels),
    },
    Spec {
        name: "logs",
        args: Args::None,
        about: "CloudWatch log groups",
        runs: Some(Command::LogGroups),
    },
    Spec {
        name: "stacks",
        args: Args::None,
        about: "CloudFormation stacks",
        runs: Some(Command::OpenStacks),
    },
    Spec {
        name: "db",
        args: Args::None,
        about: "RDS databases",
        runs: Some(Command::OpenDatabases),
    },
    Spec {
        name: "cache",
        args: Args::None,
        about: "ElastiCache caches",
        runs: Some(Command::OpenCaches),
    },
    Spec {
        name: "ctx",
        args: Args::Context,
        about: "contexts; :ctx NAME switches",
        runs: Some(Command::Contexts),
    },
    Spec {
        name: "region",
        args: Args::Region,
        about: "switch region in this context",
        runs: None,
    },
    Spec {
        name: "help",
        args: Args::None,
        about: "keys",
        runs: Some(Command::Help),
    },
    Spec {
        name: "q",
        args: Args::None,
        about: "quit opsdeck",
        runs: Some(Command::Quit),
    },
    Spec {
        name: "quit",
        args: Args::None,
        about: "quit opsdeck",
        runs: Some(Command::Quit),
    },
];

/// Regions offered by `:region` (any other name is accepted too).
const REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "sa-east-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "me-south-1",
    "me-central-1",
    "il-central-1",
    "af-south-1",
    "ap-east-1",
    "ap-south-1",
    "ap-south-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
];

pub fn open(state: &mut State) {
    state.mode = Mode::Command;
    state.command_line = CommandLine::default();
    complete(state);
}

pub fn on_key(state: &mut State, key: KeyEvent, fx: &mut Vec<Effect>) {
    let line = &mut state.command_line;
    match key.code {
        KeyCode::Tab | KeyCode::Down => {
            if let Some(c) = line.completions.get(line.selected) {
                let text = c.line.clone();
                let takes_args = !text.contains(' ')
                    && COMMANDS
                        .iter()
                        .any(|s| s.name == text && s.args != Args::None);
                line.input
                    .set(&if takes_args { format!("{text} ") } else { text });
                complete(state);
            }
        }
        KeyCode::BackTab | KeyCode::Up => {
            line.selected = line.selected.saturating_sub(1);
        }
        _ => match line.input.handle(key) {
            Edit::Cancel => state.mode = Mode::Normal,
            Edit::Submit => {
                let text = line.input.text().trim().to_string();
                submit(state, &text, fx);
            }
            Edit::Changed => complete(state),
            Edit::Unchanged => {}
        },
    }
}

/// Recompute the completions for what is typed: best match first.
fn complete(state: &mut State) {
    let text = state.command_line.input.text().to_string();
    let completions = match text.split_once(' ') {
        None => {
            let candidates: Vec<Completion> = COMMANDS
                .iter()
                .map(|s| Completion {
                    line: s.name.to_string(),
                    about: s.about.to_string(),
                })
                .collect();
            ranked(&text, candidates)
        }
        Some((name, arg)) => match spec(name).map(|s| s.args) {
            Some(Args::Context) => ranked(
                arg,
                state
                    .contexts
                    .iter()
                    .map(|c| Completion {
                        line: format!("{name} {}", c.name),
                        about: c.label.clone(),
                    })
                    .collect(),
            ),
            Some(Args::Region) => ranked(
                arg,
                REGIONS
                    .iter()
                    .map(|r| Completion {
                        line: format!("{name} {r}"),
                        about: String::new(),
                    })
                    .collect(),
            ),
            Some(Args::Cluster) => ranked(
                arg,
                known_clusters(state)
                    .into_iter()
                    .map(|c| Completion {
                        line: format!("{name} {c}"),
                        about: String::new(),
                    })
                    .collect(),
            ),
            _ => Vec::new(),
        },
    };
    let line = &mut state.command_line;
    line.completions = completions;
    line.selected = 0;
    line.error = None;
}

/// Fuzzy-rank candidates by the text typed for their last word (all of them, in
/// order, when nothing is typed).
fn ranked(typed: &str, candidates: Vec<Completion>) -> Vec<Completion> {
    if typed.trim().is_empty() {
        return candidates;
    }
    let pattern = Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let last_word = |c: &Completion| c.line.rsplit(' ').next().unwrap_or(&c.line).to_string();
    let mut scored: Vec<(u32, Completion)> = candidates
        .into_iter()
        .filter_map(|c| {
            let word = last_word(&c);
            let mut buf = Vec::new();
            let haystack = nucleo_matcher::Utf32Str::new(&word, &mut buf);
            pattern.score(haystack, &mut matcher).map(|s| (s, c))
        })
        .collect();
    // Stable: equal scores keep the table's order.
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.into_iter().map(|(_, c)| c).collect()
}

fn spec(name: &str) -> Option<&'static Spec> {
    COMMANDS.iter().find(|s| s.name == name)
}

/// Clusters named on screen so far (the clusters list, or the cluster of the views).
fn known_clusters(state: &State) -> Vec<String> {
    let mut names = Vec::new();
    for view in &state.views {
        match view {
            View::Clusters(v) => names.extend(v.table.rows().iter().map(|c| c.name.clone())),
            View::Services(v) => names.push(v.cluster.clone()),
            _ => {}
        }
    }
    names.dedup();
    names
}

fn current_cluster(state: &State) -> Option<String> {
    state.views.iter().rev().find_map(|v| match v {
        View::Services(v) => Some(v.cluster.clone()),
        View::Service(v) => Some(v.cluster.clone()),
        View::Tasks(v) => Some(v.cluster.clone()),
        View::Containers(v) => Some(v.cluster.clone()),
        _ => None,
    })
}

fn submit(state: &mut State, text: &str, fx: &mut Vec<Effect>) {
    let (name, arg) = match text.split_once(' ') {
        Some((n, a)) => (n, a.trim()),
        None => (text, ""),
    };
    let spec = match spec(name) {
        Some(s) => s,
        // Enter on a partial name runs the best completion (":svc" → services).
        None => match state
            .command_line
            .completions
            .get(state.command_line.selected)
            .and_then(|c| spec(c.line.split(' ').next().unwrap_or_default()))
        {
            Some(s) if !name.is_empty() && arg.is_empty() => s,
            _ => {
                state.command_line.error = Some(if name.is_empty() {
                    "type a command; Tab completes".to_string()
                } else {
                    format!("no command '{name}': Tab lists them")
                });
                return;
            }
        },
    };
    state.mode = Mode::Normal;
    match (spec.name, spec.runs) {
        ("clusters", _) => {
            super::navigation::replace_all(state, vec![View::Clusters(Default::default())], fx)
        }
        ("services", _) => {
            let cluster = if arg.is_empty() {
                current_cluster(state)
            } else {
                Some(arg.to_string())
            };
            match cluster {
                Some(c) => super::navigation::push(state, super::navigation::services_view(&c), fx),
                None => {
                    state.mode = Mode::Command;
                    state.command_line.error = Some("which cluster? :services NAME".into());
                }
            }
        }
        ("ctx", _) if !arg.is_empty() => {
            // A partial name switches to the best completion (":ctx ac" → acme).
            let exact = state.contexts.iter().any(|c| c.name == arg);
            let best = state
                .command_line
                .completions
                .get(state.command_line.selected)
                .and_then(|c| c.line.strip_prefix("ctx "))
                .map(str::to_string);
            let name = match best {
                Some(b) if !exact => b,
                _ => arg.to_string(),
            };
            super::contexts::switch_to(state, &name, fx);
        }
        ("region", _) => {
            if arg.is_empty() {
                state.mode = Mode::Command;
                state.command_line.error = Some("which region? :region eu-west-1".into());
            } else {
                super::contexts::switch_region(state, arg, fx);
            }
        }
        (_, Some(command)) => run(state, command, fx),
        (_, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::tests::{new_state, t0};
    use crate::action::Action;
    use crate::effect::{Effect, Request};
    use crate::state::{Mode, State, View};
    use crate::update::update;

    fn press(state: &mut State, code: KeyCode) -> Vec<Effect> {
        update(
            state,
            Action::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            t0(),
        )
    }

    fn typed(state: &mut State, text: &str) -> Vec<Effect> {
        let mut fx = Vec::new();
        for c in text.chars() {
            fx.extend(press(state, KeyCode::Char(c)));
        }
        fx
    }

    fn lines(state: &State) -> Vec<String> {
        state
            .command_line
            .completions
            .iter()
            .map(|c| c.line.clone())
            .collect()
    }

    #[test]
    fn colon_opens_the_line_and_completion_is_fuzzy() {
        let mut state = new_state();
        let _ = crate::update::open_initial_views(&mut state, Some("omni-acme-cluster"), None);
        typed(&mut state, ":");
        assert_eq!(state.mode, Mode::Command);
        assert!(lines(&state).contains(&"services".to_string()));
        typed(&mut state, "tsk");
        assert_eq!(
            lines(&state).first().map(String::as_str),
            Some("tasks"),
            "{:?}",
            lines(&state)
        );
        press(&mut state, KeyCode::Esc);
        assert_eq!(state.mode, Mode::Normal);
    }

    #[test]
    fn services_of_the_current_cluster_and_clusters_start_over() {
        let mut state = new_state();
        let _ = crate::update::open_initial_views(&mut state, Some("omni-acme-cluster"), None);
        typed(&mut state, ":services");
        let fx = press(&mut state, KeyCode::Enter);
        assert!(fx.iter().any(|e| matches!(e, Effect::Fetch { request: Request::Services { cluster }, .. } if cluster == "omni-acme-cluster")));
        assert_eq!(state.views.len(), 3);
        typed(&mut state, ":clusters");
        press(&mut state, KeyCode::Enter);
        assert_eq!(state.views.len(), 1);
        assert!(matches!(state.view(), Some(View::Clusters(_))));
    }

    #[test]
    fn tab_completes_and_enter_on_a_partial_name_runs_the_best_match() {
        let mut state = new_state();
        let _ = crate::update::open_initial_views(&mut state, None, None);
        typed(&mut state, ":tun");
        press(&mut state, KeyCode::Tab);
        assert_eq!(state.command_line.input.text(), "tunnels");
        press(&mut state, KeyCode::Enter);
        assert!(matches!(state.view(), Some(View::Tunnels(_))));
        typed(&mut state, ":q");
        let fx = press(&mut state, KeyCode::Enter);
        assert!(fx.contains(&Effect::Quit));
    }

    #[test]
    fn unknown_commands_are_refused_in_words() {
        let mut state = new_state();
        typed(&mut state, ":zzzz");
        press(&mut state, KeyCode::Enter);
        assert_eq!(state.mode, Mode::Command);
        assert_eq!(
            state.command_line.error.as_deref(),
            Some("no command 'zzzz': Tab lists them")
        );
    }
}

#[cfg(test)]
mod ctx_tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::tests::{new_state, t0};
    use crate::action::Action;
    use crate::config::Context;
    use crate::effect::Effect;
    use crate::state::State;
    use crate::update::update;

    fn typed(state: &mut State, text: &str) -> Vec<Effect> {
        let mut fx = Vec::new();
        for c in text.chars() {
            fx.extend(update(
                state,
                Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
                t0(),
            ));
        }
        fx.extend(update(
            state,
            Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            t0(),
        ));
        fx
    }

    fn with_contexts() -> State {
        let mut state = new_state();
        let _ = crate::update::open_initial_views(&mut state, None, None);
        state.contexts = vec![
            Context {
                name: "own".into(),
                label: "Support home".into(),
                ..Default::default()
            },
            Context {
                name: "acme".into(),
                label: "Acme".into(),
                ..Default::default()
            },
        ];
        state
    }

    #[test]
    fn ctx_with_a_partial_name_switches_to_the_best_match() {
        let mut state = with_contexts();
        let fx = typed(&mut state, ":ctx ac");
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::SwitchContext(c) if c.name == "acme")),
            "{fx:?} {:?}",
            state.notice
        );
    }

    #[test]
    fn region_switches_the_current_context_to_that_region() {
        let mut state = with_contexts();
        let fx = typed(&mut state, ":region eu-west-1");
        assert!(fx.iter().any(|e| matches!(e, Effect::SwitchContext(c) if c.options.region.as_deref() == Some("eu-west-1"))), "{fx:?}");
    }

    #[test]
    fn an_unknown_context_is_named_with_the_known_ones() {
        let mut state = with_contexts();
        let fx = typed(&mut state, ":ctx zzz");
        assert!(!fx.iter().any(|e| matches!(e, Effect::SwitchContext(_))));
        let notice = state
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default();
        assert_eq!(notice, "no context 'zzz': there are own, acme");
    }
}

#[cfg(test)]
mod contexts_view_tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::super::tests::{new_state, t0};
    use crate::action::Action;
    use crate::config::Context;
    use crate::effect::Effect;
    use crate::state::View;
    use crate::update::update;

    #[test]
    fn enter_on_a_context_row_switches_to_it() {
        let mut state = new_state();
        let _ = crate::update::open_initial_views(&mut state, None, None);
        state.contexts = vec![
            Context {
                name: "own".into(),
                label: "Support home".into(),
                ..Default::default()
            },
            Context {
                name: "acme".into(),
                label: "Acme".into(),
                ..Default::default()
            },
        ];
        let key = |c: KeyCode| Action::Key(KeyEvent::new(c, KeyModifiers::NONE));
        update(&mut state, key(KeyCode::Char('C')), t0());
        assert!(matches!(state.view(), Some(View::Contexts(_))));
        // Sorted by name: acme, own.
        update(&mut state, key(KeyCode::Char('G')), t0());
        let fx = update(&mut state, key(KeyCode::Enter), t0());
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::SwitchContext(c) if c.name == "own")),
            "{fx:?}"
        );
    }
}
