//! The user's configuration: `config.toml` in the XDG config dir (contexts, theme,
//! keymap, mouse), plus `theme.toml` and `keymap.toml` that override the shipped ones.
//!
//! A broken file at its default path is reported and the defaults are used; a file
//! named on the command line that is broken stops opsdeck with exit code 2.

mod appearance;
mod context;
pub mod paths;
mod problem;
pub mod save;
mod setup;

use std::path::Path;

use serde::Deserialize;

pub use appearance::{load_keymap, load_theme, ColorDepth};
pub use context::{Context, ContextConfig, Environment};
pub use problem::{line_column, FileProblem};
pub use setup::Setup;

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A shipped theme name (default, light, high-contrast, mono) or a theme file.
    pub theme: Option<String>,
    /// A shipped keymap name (default, vim).
    pub keymap: Option<String>,
    /// Scroll and click with the mouse (off: the terminal keeps its own selection).
    #[serde(default)]
    pub mouse: bool,
    /// Logs panes use CloudWatch Live Tail (billed by AWS per session-minute).
    #[serde(default)]
    pub live_tail: bool,
    /// The context used when `--context` is not given.
    pub context: Option<String>,
    /// Named accounts/roles/regions, in file order.
    #[serde(default)]
    pub contexts: indexmap::IndexMap<String, ContextConfig>,
}

/// The config and what was wrong with the files read at their default paths.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<FileProblem>,
}

impl Config {
    pub fn parse(path: &Path, text: &str) -> Result<Config, FileProblem> {
        toml::from_str(text).map_err(|e| FileProblem::at(path, text, e.span(), e.message()))
    }

    /// Read `explicit` (an error is fatal) or the default path (an error is reported,
    /// and the defaults are used; a missing file is no error).
    pub fn load(explicit: Option<&Path>) -> Result<Loaded, FileProblem> {
        if let Some(path) = explicit {
            let text =
                std::fs::read_to_string(path).map_err(|e| FileProblem::unreadable(path, &e))?;
            let config = Config::parse(path, &text)?;
            config.check(path, &text)?;
            return Ok(Loaded {
                config,
                problems: Vec::new(),
            });
        }
        let Some(path) = paths::config_file() else {
            return Ok(Loaded::default());
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => {
                return Ok(Loaded {
                    config: Config::default(),
                    problems: vec![FileProblem::unreadable(&path, &e)],
                })
            }
        };
        Ok(
            match Config::parse(&path, &text).and_then(|c| c.check(&path, &text).map(|()| c)) {
                Ok(config) => Loaded {
                    config,
                    problems: Vec::new(),
                },
                Err(problem) => Loaded {
                    config: Config::default(),
                    problems: vec![problem],
                },
            },
        )
    }

    /// What serde can't say: a default context that doesn't exist.
    fn check(&self, path: &Path, text: &str) -> Result<(), FileProblem> {
        if let Some(name) = &self.context {
            if !self.contexts.contains_key(name) {
                let at = text.find("context").map(|i| i..i + 7);
                return Err(FileProblem::at(
                    path,
                    text,
                    at,
                    &format!("context = \"{name}\" names no [contexts.{name}] table"),
                ));
            }
        }
        Ok(())
    }

    pub fn contexts(&self) -> Vec<Context> {
        self.contexts
            .iter()
            .map(|(name, c)| c.to_context(name))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(Path::new("/home/a/.config/opsdeck/config.toml"), text)
            .and_then(|c| {
                c.check(Path::new("/home/a/.config/opsdeck/config.toml"), text)
                    .map(|()| c)
            })
            .map_err(|e| e.to_string())
    }

    #[test]
    fn contexts_in_file_order_with_customer_accounts_read_only_by_default() {
        let config = parse(
            r#"
theme = "light"
context = "acme-prod"

[contexts.acme-prod]
label = "Acme production"
profile = "acme"
region = "eu-west-1"
cluster = "omni-acme-cluster"
environment = "prod"

[contexts.customer-x]
role_arn = "arn:aws:iam::210987654321:role/OpsdeckSupport"
external_id = "7f3c9a"
region = "us-east-1"
environment = "staging"

[contexts.customer-y]
role_arn = "arn:aws:iam::210987654322:role/OpsdeckSupport"
external_id = "1b2c"
read_only = false
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let contexts = config.contexts();
        let names: Vec<&str> = contexts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["acme-prod", "customer-x", "customer-y"]);
        assert_eq!(contexts[0].label, "Acme production");
        assert_eq!(contexts[0].environment, Some(Environment::Prod));
        assert!(!contexts[0].read_only);
        assert!(
            contexts[1].read_only,
            "an External ID means a customer account"
        );
        assert_eq!(contexts[1].label, "customer-x", "the name when no label");
        assert!(!contexts[2].read_only, "unless the file says otherwise");
        assert_eq!(contexts[1].options.external_id.as_deref(), Some("7f3c9a"));
    }

    #[test]
    fn broken_configs_say_file_line_column_and_what() {
        let err = parse("theme = \"light\"\n[contexts.a]\nregion = 5\n").unwrap_err();
        assert!(
            err.starts_with("/home/a/.config/opsdeck/config.toml:3:10: invalid type: integer `5`, expected a string"),
            "{err}"
        );
        let err = parse("[contexts.a]\nenvironment = \"qa\"\n").unwrap_err();
        assert!(
            err.starts_with("/home/a/.config/opsdeck/config.toml:2:15: unknown variant `qa`"),
            "{err}"
        );
        assert!(
            err.contains("prod") && err.contains("staging") && err.contains("dev"),
            "{err}"
        );
        let err = parse("[contexts.a]\nrole = \"x\"\n").unwrap_err();
        assert!(
            err.starts_with("/home/a/.config/opsdeck/config.toml:2:1: unknown field `role`"),
            "{err}"
        );
        let err = parse("colours = 1\n").unwrap_err();
        assert!(err.contains(":1:1: unknown field `colours`"), "{err}");
        let err = parse("[contexts.a\n").unwrap_err();
        assert!(err.contains(":1:"), "{err}");
        let err = parse("context = \"b\"\n[contexts.a]\n").unwrap_err();
        assert_eq!(
            err,
            "/home/a/.config/opsdeck/config.toml:1:1: context = \"b\" names no [contexts.b] table"
        );
    }
}
