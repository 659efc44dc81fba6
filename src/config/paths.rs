//! Where opsdeck's user files live: `$XDG_CONFIG_HOME/opsdeck` (else `~/.config/opsdeck`).

use std::path::PathBuf;

pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .map(|base| base.join("opsdeck"))
}

pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// A user theme: overrides the slots it names in the theme in force.
pub fn theme_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("theme.toml"))
}

/// A user keymap: overrides or unbinds bindings per section of the keymap in force.
pub fn keymap_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("keymap.toml"))
}
