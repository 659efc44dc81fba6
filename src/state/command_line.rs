//! The `:` command line: what is typed, and the completions offered for it.

use super::TextInput;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    pub input: TextInput,
    /// Best first; recomputed as the text changes.
    pub completions: Vec<Completion>,
    /// The completion Tab would put in the line.
    pub selected: usize,
    /// Why the last command was refused.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The whole line it completes to, e.g. "ctx acme-prod".
    pub line: String,
    /// What it does or is, e.g. "switch to Acme production".
    pub about: String,
}
