//! Everything decided before connecting: the config, the context (from `--context` or
//! the config's default, with command-line flags winning), the theme and the keymap.

use crate::aws::ContextOptions;
use crate::cli::Cli;
use crate::keymap::Keymap;
use crate::theme::Theme;

use super::{load_keymap, load_theme, ColorDepth, Config, Context, Environment, FileProblem};

#[derive(Debug, Clone)]
pub struct Setup {
    pub options: ContextOptions,
    /// The context's name and label ("" when none is used) and its environment.
    pub context_name: String,
    pub context_label: String,
    pub environment: Option<Environment>,
    pub read_only: bool,
    pub cluster: Option<String>,
    pub contexts: Vec<Context>,
    /// The context in force as connected: the chosen one with the flags laid over it.
    pub current: Context,
    pub theme: Theme,
    pub keymap: Keymap,
    pub depth: ColorDepth,
    /// Capture the mouse (`--mouse` or `mouse = true`).
    pub mouse: bool,
    /// Logs panes use CloudWatch Live Tail (`--live-tail` or `live_tail = true`).
    pub live_tail: bool,
    /// Files at their default paths that could not be used, in words.
    pub problems: Vec<String>,
}

impl Setup {
    /// A file named on the command line that can't be used is an error (exit 2);
    /// one found at its default path is a problem to show, with the defaults used.
    pub fn load(cli: &Cli) -> Result<Setup, FileProblem> {
        let loaded = Config::load(cli.config.as_deref())?;
        let mut problems = loaded.problems;
        let config = loaded.config;
        let contexts = config.contexts();
        let chosen = match (&cli.context, &config.context) {
            (Some(name), _) => Some(find(&contexts, name, cli)?),
            (None, Some(name)) => contexts.iter().find(|c| &c.name == name).cloned(),
            (None, None) => None,
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let (theme, theme_problems) =
            load_theme(cli.theme.as_deref(), config.theme.as_deref(), no_color)?;
        let (keymap, keymap_problems) =
            load_keymap(cli.keymap.as_deref(), config.keymap.as_deref())?;
        problems.extend(theme_problems);
        problems.extend(keymap_problems);
        let flags = cli.context_options();
        let base = chosen.clone().map(|c| c.options).unwrap_or_default();
        let options = ContextOptions {
            profile: flags.profile.or(base.profile),
            region: flags.region.or(base.region),
            role_arn: flags.role_arn.clone().or(base.role_arn.clone()),
            external_id: if flags.role_arn.is_some() {
                flags.external_id
            } else {
                base.external_id
            },
            role_session_name: flags.role_session_name.or(base.role_session_name),
            endpoint_url: flags.endpoint_url.or(base.endpoint_url),
        };
        let cluster = cli
            .cluster
            .clone()
            .or_else(|| chosen.as_ref().and_then(|c| c.cluster.clone()));
        let current = Context {
            name: chosen.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
            label: chosen.as_ref().map(|c| c.label.clone()).unwrap_or_default(),
            environment: chosen.as_ref().and_then(|c| c.environment),
            read_only: chosen.as_ref().is_some_and(|c| c.read_only),
            cluster: cluster.clone(),
            options: options.clone(),
        };
        Ok(Setup {
            current,
            options,
            context_name: chosen.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
            context_label: chosen.as_ref().map(|c| c.label.clone()).unwrap_or_default(),
            environment: chosen.as_ref().and_then(|c| c.environment),
            read_only: cli.read_only || chosen.as_ref().is_some_and(|c| c.read_only),
            cluster,
            contexts,
            theme,
            keymap,
            mouse: cli.mouse || config.mouse,
            live_tail: cli.live_tail || config.live_tail,
            depth: ColorDepth::detect(
                std::env::var("COLORTERM").ok().as_deref(),
                std::env::var("TERM").ok().as_deref(),
            ),
            problems: problems.iter().map(|p| p.to_string()).collect(),
        })
    }
}

fn find(contexts: &[Context], name: &str, cli: &Cli) -> Result<Context, FileProblem> {
    contexts
        .iter()
        .find(|c| c.name == name)
        .cloned()
        .ok_or_else(|| {
            let names: Vec<&str> = contexts.iter().map(|c| c.name.as_str()).collect();
            FileProblem {
                path: cli
                    .config
                    .clone()
                    .or_else(super::paths::config_file)
                    .unwrap_or_else(|| "config.toml".into()),
                line: 1,
                column: 1,
                message: if names.is_empty() {
                    format!(
                        "--context {name}: the config defines no contexts ([contexts.NAME] tables)"
                    )
                } else {
                    format!(
                        "--context {name}: no such context; the config has {}",
                        names.join(", ")
                    )
                },
            }
        })
}
