//! Which theme and keymap are in force: a shipped one by name (or a file), with the
//! user's `theme.toml` / `keymap.toml` from the config dir laid over it; NO_COLOR picks
//! the monochrome theme; colours degrade to what the terminal can show.

use std::path::Path;

use ratatui::style::Color;

use super::{paths, FileProblem};
use crate::keymap::{self, Keymap};
use crate::theme::{self, Theme};

/// Where a name came from: the command line (fatal when wrong) or the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    CommandLine,
    Config,
}

/// The theme in force and what was wrong with the user's files.
pub fn load_theme(
    cli: Option<&str>,
    config: Option<&str>,
    no_color: bool,
) -> Result<(Theme, Vec<FileProblem>), FileProblem> {
    let (name, origin) = match (cli, config) {
        (Some(n), _) => (n, Origin::CommandLine),
        (None, _) if no_color => ("mono", Origin::Config),
        (None, Some(n)) => (n, Origin::Config),
        (None, None) => ("default", Origin::Config),
    };
    let mut problems = Vec::new();
    let mut theme = match named(name, Theme::shipped, theme::SHIPPED, "theme", |t| {
        let mut theme = Theme::default_theme().map_err(|e| (e.message, e.span))?;
        theme.apply(t).map_err(|e| (e.message, e.span))?;
        Ok(theme)
    }) {
        Ok(t) => t,
        Err(problem) if origin == Origin::CommandLine => return Err(problem),
        Err(problem) => {
            problems.push(problem);
            Theme::default_theme().map_err(|e| builtin("themes/default.toml", &e.message))?
        }
    };
    if let Some(path) = paths::theme_file() {
        if let Some(text) = read_if_present(&path, &mut problems) {
            if let Err(e) = theme.apply(&text) {
                problems.push(FileProblem::at(&path, &text, e.span, &e.message));
            }
        }
    }
    Ok((theme, problems))
}

/// The keymap in force: the default, the named one laid over it, then the user's.
pub fn load_keymap(
    cli: Option<&str>,
    config: Option<&str>,
) -> Result<(Keymap, Vec<FileProblem>), FileProblem> {
    let mut problems = Vec::new();
    let mut keymap =
        Keymap::default_keymap().map_err(|e| builtin("keymaps/default.toml", &e.message))?;
    let (name, origin) = match (cli, config) {
        (Some(n), _) => (n, Origin::CommandLine),
        (None, Some(n)) => (n, Origin::Config),
        (None, None) => ("default", Origin::Config),
    };
    if name != "default" {
        let layered = named(
            name,
            |n| {
                keymap::SHIPPED
                    .iter()
                    .find(|(s, _)| *s == n)
                    .map(|(_, text)| {
                        let mut k = keymap.clone();
                        k.apply(text).map(|()| k)
                    })
            },
            keymap::SHIPPED,
            "keymap",
            |t| {
                let mut k = keymap.clone();
                k.apply(t).map_err(|e| (e.message, e.span))?;
                Ok(k)
            },
        );
        match layered {
            Ok(k) => keymap = k,
            Err(problem) if origin == Origin::CommandLine => return Err(problem),
            Err(problem) => problems.push(problem),
        }
    }
    if let Some(path) = paths::keymap_file() {
        if let Some(text) = read_if_present(&path, &mut problems) {
            let mut layered = keymap.clone();
            match layered.apply(&text) {
                Ok(()) => keymap = layered,
                Err(e) => problems.push(FileProblem::at(&path, &text, e.span, &e.message)),
            }
        }
    }
    Ok((keymap, problems))
}

type Parsed<T> = Result<T, (String, Option<std::ops::Range<usize>>)>;

/// A shipped name, or a path to a file.
fn named<T, E: std::fmt::Display>(
    name: &str,
    shipped: impl Fn(&str) -> Option<Result<T, E>>,
    all: &[(&str, &str)],
    what: &str,
    from_file: impl Fn(&str) -> Parsed<T>,
) -> Result<T, FileProblem> {
    if let Some(result) = shipped(name) {
        return result.map_err(|e| builtin(name, &e.to_string()));
    }
    let path = Path::new(name);
    if name.contains('/') || name.ends_with(".toml") {
        let text = std::fs::read_to_string(path).map_err(|e| FileProblem::unreadable(path, &e))?;
        return from_file(&text)
            .map_err(|(message, span)| FileProblem::at(path, &text, span, &message));
    }
    let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
    Err(FileProblem {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!(
            "no {what} named '{name}': the shipped ones are {}, or give the path of a .toml file",
            names.join(", ")
        ),
    })
}

fn builtin(name: &str, message: &str) -> FileProblem {
    FileProblem {
        path: name.into(),
        line: 1,
        column: 1,
        message: format!("the shipped file is broken: {message}"),
    }
}

fn read_if_present(path: &Path, problems: &mut Vec<FileProblem>) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            problems.push(FileProblem::unreadable(path, &e));
            None
        }
    }
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Ansi256,
    Ansi16,
}

impl ColorDepth {
    /// From `COLORTERM` and `TERM`, as terminals advertise it.
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return ColorDepth::TrueColor;
        }
        match term {
            Some(t) if t.contains("256") || t.contains("direct") => ColorDepth::Ansi256,
            _ => ColorDepth::Ansi16,
        }
    }

    /// The nearest colour this depth can show; named and `default` colours pass through.
    pub fn fit(self, color: Color) -> Color {
        match (self, color) {
            (ColorDepth::TrueColor, c) => c,
            (ColorDepth::Ansi256, Color::Rgb(r, g, b)) => Color::Indexed(to_256(r, g, b)),
            (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => to_16(r, g, b),
            (ColorDepth::Ansi16, Color::Indexed(i)) if i >= 16 => {
                let (r, g, b) = from_256(i);
                to_16(r, g, b)
            }
            (_, c) => c,
        }
    }
}

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn to_256(r: u8, g: u8, b: u8) -> u8 {
    let level = |v: u8| {
        CUBE.iter()
            .enumerate()
            .min_by_key(|(_, c)| (i32::from(**c) - i32::from(v)).abs())
            .map_or(0, |(i, _)| i as u8)
    };
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = 16 + 36 * ri + 6 * gi + bi;
    let grey_level = ((u32::from(r) + u32::from(g) + u32::from(b)) / 3) as u8;
    let grey_index = (grey_level.saturating_sub(8) / 10).min(23);
    let grey = 232 + grey_index;
    let dist = |(a, b2, c): (u8, u8, u8)| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        d(a, r) + d(b2, g) + d(c, b)
    };
    if dist(from_256(grey)) < dist(from_256(cube)) {
        grey
    } else {
        cube
    }
}

fn from_256(i: u8) -> (u8, u8, u8) {
    match i {
        16..=231 => {
            let i = i - 16;
            (
                CUBE[(i / 36) as usize],
                CUBE[((i / 6) % 6) as usize],
                CUBE[(i % 6) as usize],
            )
        }
        232..=255 => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
        _ => ANSI16[i as usize].1,
    }
}

const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

fn to_16(r: u8, g: u8, b: u8) -> Color {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
    ANSI16
        .iter()
        .min_by_key(|(_, (cr, cg, cb))| d(*cr, r) + d(*cg, g) + d(*cb, b))
        .map_or(Color::Reset, |(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_depth_from_the_environment() {
        assert_eq!(
            ColorDepth::detect(Some("truecolor"), Some("xterm")),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::detect(None, Some("xterm-256color")),
            ColorDepth::Ansi256
        );
        assert_eq!(ColorDepth::detect(None, Some("screen")), ColorDepth::Ansi16);
        assert_eq!(ColorDepth::detect(None, None), ColorDepth::Ansi16);
    }

    #[test]
    fn colours_degrade_to_their_nearest() {
        assert_eq!(
            ColorDepth::Ansi256.fit(Color::Rgb(0xff, 0, 0)),
            Color::Indexed(196)
        );
        assert_eq!(
            ColorDepth::Ansi256.fit(Color::Rgb(0x3a, 0x3f, 0x58)),
            Color::Indexed(238)
        );
        assert_eq!(
            ColorDepth::Ansi16.fit(Color::Rgb(0xcf, 0x22, 0x2e)),
            Color::Red
        );
        assert_eq!(ColorDepth::Ansi16.fit(Color::Indexed(196)), Color::LightRed);
        assert_eq!(
            ColorDepth::Ansi16.fit(Color::Reset),
            Color::Reset,
            "default stays default"
        );
        assert_eq!(
            ColorDepth::TrueColor.fit(Color::Rgb(1, 2, 3)),
            Color::Rgb(1, 2, 3)
        );
    }

    #[test]
    fn every_shipped_theme_and_keymap_loads() {
        for (name, _) in theme::SHIPPED {
            let (theme, problems) =
                load_theme(Some(name), None, false).unwrap_or_else(|e| panic!("theme {name}: {e}"));
            assert!(problems.is_empty() || problems.iter().all(|p| p.path.ends_with("theme.toml")));
            assert_ne!(
                theme.header_prod, theme.header,
                "{name}: prod must stand out"
            );
        }
        for (name, _) in keymap::SHIPPED {
            load_keymap(Some(name), None).unwrap_or_else(|e| panic!("keymap {name}: {e}"));
        }
    }

    #[test]
    fn no_color_picks_mono_unless_a_theme_is_named() {
        let (mono, _) = load_theme(None, Some("light"), true).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mono.failed.fg, None);
        assert_eq!(mono.ok.fg, None);
        let (light, _) = load_theme(Some("light"), None, true).unwrap_or_else(|e| panic!("{e}"));
        assert!(light.failed.fg.is_some());
    }

    #[test]
    fn unknown_names_on_the_command_line_are_fatal_and_in_the_config_reported() {
        let err = load_theme(Some("solarized"), None, false).unwrap_err();
        assert_eq!(
            err.message,
            "no theme named 'solarized': the shipped ones are default, light, high-contrast, mono, or give the path of a .toml file"
        );
        let (_, problems) =
            load_theme(None, Some("solarized"), false).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(problems.len(), 1);
        assert!(load_keymap(Some("emacs"), None).is_err());
    }
}
