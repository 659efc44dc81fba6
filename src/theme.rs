//! Semantic colour slots. The default theme is `themes/default.toml`, compiled in.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::HashMap;

use crate::model::Severity;

pub const DEFAULT_THEME: &str = include_str!("../themes/default.toml");

#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub title: Style,
    pub border: Style,
    pub header: Style,
    pub header_warning: Style,
    pub column_header: Style,
    pub selection: Style,
    pub ok: Style,
    pub progress: Style,
    pub failed: Style,
    pub rollback: Style,
    pub error: Style,
    pub key: Style,
    pub filter: Style,
    /// The identity banner in contexts tagged prod / staging / dev.
    pub header_prod: Style,
    pub header_staging: Style,
    pub header_dev: Style,
}

/// The shipped themes, by name (`--theme NAME` or `theme = "NAME"` in the config).
pub const SHIPPED: &[(&str, &str)] = &[
    ("default", DEFAULT_THEME),
    ("light", include_str!("../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../themes/mono.toml")),
];

/// A theme file that can't be used: what is wrong, and where (a byte span of the text).
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("theme: {message}")]
pub struct ThemeError {
    pub message: String,
    pub span: Option<std::ops::Range<usize>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    slots: HashMap<String, toml::Spanned<SlotSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlotSpec {
    fg: Option<toml::Spanned<String>>,
    bg: Option<toml::Spanned<String>>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reversed: bool,
}

impl Theme {
    pub fn default_theme() -> Result<Theme, ThemeError> {
        Theme::parse(DEFAULT_THEME)
    }

    pub fn parse(text: &str) -> Result<Theme, ThemeError> {
        let mut theme = Theme::default();
        theme.apply(text)?;
        Ok(theme)
    }

    /// A shipped theme by name.
    pub fn shipped(name: &str) -> Option<Result<Theme, ThemeError>> {
        SHIPPED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| Theme::parse(text))
    }

    /// Lay a theme file over this one: the slots it names are replaced, the rest kept.
    pub fn apply(&mut self, text: &str) -> Result<(), ThemeError> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| ThemeError {
            message: e.message().to_string(),
            span: e.span(),
        })?;
        for (name, spec) in file.slots {
            let span = spec.span();
            let style = spec.get_ref().style().map_err(|(problem, at)| ThemeError {
                message: format!("slot '{name}': {problem}"),
                span: Some(at),
            })?;
            let slot = self.slot_mut(&name).ok_or_else(|| ThemeError {
                message: format!("slot '{name}': no such slot"),
                span: Some(span),
            })?;
            *slot = style;
        }
        Ok(())
    }

    fn slot_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "muted" => &mut self.muted,
            "title" => &mut self.title,
            "border" => &mut self.border,
            "header" => &mut self.header,
            "header_warning" => &mut self.header_warning,
            "column_header" => &mut self.column_header,
            "selection" => &mut self.selection,
            "ok" => &mut self.ok,
            "progress" => &mut self.progress,
            "failed" => &mut self.failed,
            "rollback" => &mut self.rollback,
            "error" => &mut self.error,
            "key" => &mut self.key,
            "filter" => &mut self.filter,
            "header_prod" => &mut self.header_prod,
            "header_staging" => &mut self.header_staging,
            "header_dev" => &mut self.header_dev,
            _ => return None,
        })
    }

    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Ok => self.ok,
            Severity::Progress => self.progress,
            Severity::Failed => self.failed,
            Severity::Rollback => self.rollback,
            Severity::Muted => self.muted,
            Severity::Neutral => self.text,
        }
    }
}

impl SlotSpec {
    fn style(&self) -> Result<Style, (String, std::ops::Range<usize>)> {
        let colour =
            |c: &toml::Spanned<String>| parse_color(c.get_ref()).map_err(|e| (e, c.span()));
        let mut style = Style::default();
        if let Some(fg) = &self.fg {
            style = style.fg(colour(fg)?);
        }
        if let Some(bg) = &self.bg {
            style = style.bg(colour(bg)?);
        }
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            if on {
                style = style.add_modifier(m);
            }
        }
        Ok(style)
    }
}

/// A colour name, `#rrggbb`, a 0–255 index, or `default` (the terminal's own colour).
pub fn parse_color(text: &str) -> Result<Color, String> {
    if text == "default" || text == "reset" {
        return Ok(Color::Reset);
    }
    if let Ok(index) = text.parse::<u8>() {
        return Ok(Color::Indexed(index));
    }
    text.parse::<Color>().map_err(|_| {
        format!("'{text}' is not a colour (try a name like \"red\", \"#ff8800\" or 0-255)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_theme_parses_with_meaningful_colours() {
        let t = Theme::default_theme().expect("shipped theme parses");
        assert_eq!(t.severity(Severity::Failed).fg, Some(Color::Red));
        assert_eq!(t.severity(Severity::Ok).fg, Some(Color::Green));
        assert_eq!(t.severity(Severity::Progress).fg, Some(Color::Yellow));
    }

    #[test]
    fn bad_theme_names_slot_and_problem() {
        let err = Theme::parse("[slots]\nok = { fg = \"chartreuse-ish\" }").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("theme: slot 'ok': 'chartreuse-ish' is not a colour"));
        let err = Theme::parse("[slots]\nsparkles = { fg = \"red\" }").unwrap_err();
        assert_eq!(err.to_string(), "theme: slot 'sparkles': no such slot");
    }

    #[test]
    fn colours_parse_in_all_forms() {
        assert_eq!(parse_color("#ff8800"), Ok(Color::Rgb(0xff, 0x88, 0)));
        assert_eq!(parse_color("208"), Ok(Color::Indexed(208)));
        assert_eq!(parse_color("default"), Ok(Color::Reset));
    }
}

#[cfg(test)]
mod override_tests {
    use super::*;

    #[test]
    fn a_user_theme_changes_only_the_slots_it_names() {
        let mut theme = Theme::default_theme().unwrap_or_else(|e| panic!("{e}"));
        let before = theme.clone();
        theme
            .apply("[slots]\nok = { fg = \"#00ff00\" }\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(theme.ok.fg, Some(Color::Rgb(0, 0xff, 0)));
        assert_eq!(theme.failed, before.failed);
        assert_eq!(theme.header, before.header);
    }

    #[test]
    fn theme_mistakes_point_at_the_value() {
        let text = "[slots]\nok = { fg = \"#00ff00\" }\nfailed = { fg = \"blood\" }\n";
        let err = Theme::parse(text).unwrap_err();
        assert!(
            err.message
                .starts_with("slot 'failed': 'blood' is not a colour"),
            "{err}"
        );
        assert_eq!(err.span.map(|s| &text[s]), Some("\"blood\""));
        let err = Theme::parse("[slots]\nok = { colour = \"red\" }\n").unwrap_err();
        assert!(err.message.contains("unknown field `colour`"), "{err}");
        let err = Theme::parse("[colours]\n").unwrap_err();
        assert!(err.message.contains("unknown field `colours`"), "{err}");
    }
}
