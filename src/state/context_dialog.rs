//! The dialog that adds a context (a customer's role and External ID, a region) and
//! saves it to config.toml.

use super::TextInput;

/// Field order in the dialog.
pub const FIELDS: [&str; 6] = [
    "name",
    "label",
    "role ARN",
    "External ID",
    "region",
    "environment",
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextDialog {
    pub inputs: [TextInput; 6],
    pub focus: usize,
    pub error: Option<String>,
}
