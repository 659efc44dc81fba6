//! Adding a context to config.toml from inside the app: a new `[contexts.NAME]` table
//! appended to the file (created if missing); what is already there is left as written.

use std::io::Write;
use std::path::Path;

use super::{Config, ContextConfig};

/// A context name usable as a TOML table key and on `:ctx`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Append the context, unless the file already defines one of that name or would no
/// longer parse. Returns the file's contexts after the change.
pub fn append_context(path: &Path, name: &str, context: &ContextConfig) -> Result<(), String> {
    if !valid_name(name) {
        return Err(format!(
            "'{name}' can't be a context name: use letters, digits, - and _"
        ));
    }
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{} can't be read: {e}", path.display())),
    };
    let config = Config::parse(path, &existing).map_err(|e| e.to_string())?;
    if config.contexts.contains_key(name) {
        return Err(format!(
            "{} already has a context named '{name}'",
            path.display()
        ));
    }
    let mut table = toml::Table::new();
    table.insert(
        name.to_string(),
        toml::Value::try_from(context).map_err(|e| e.to_string())?,
    );
    let mut wrapper = toml::Table::new();
    wrapper.insert("contexts".into(), toml::Value::Table(table));
    let text = toml::to_string(&wrapper).map_err(|e| e.to_string())?;
    let combined = format!(
        "{existing}{}{text}",
        if existing.ends_with('\n') || existing.is_empty() {
            ""
        } else {
            "\n"
        }
    );
    // What is written must read back; otherwise nothing is written.
    Config::parse(path, &combined).map_err(|e| e.to_string())?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("{} can't be written: {e}", path.display()))?;
    let tail = &combined[existing.len()..];
    file.write_all(tail.as_bytes())
        .map_err(|e| format!("{} can't be written: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Environment;

    #[test]
    fn a_context_is_appended_and_reads_back_with_the_rest_untouched() {
        let dir = std::env::temp_dir().join(format!("opsdeck-save-{}", std::process::id()));
        let path = dir.join("config.toml");
        let _ = std::fs::create_dir_all(&dir);
        std::fs::write(&path, "# mine\ntheme = \"light\"\n").unwrap_or_else(|e| panic!("{e}"));
        let context = ContextConfig {
            label: Some("Customer X".into()),
            role_arn: Some("arn:aws:iam::210987654321:role/OpsdeckSupport".into()),
            external_id: Some("7f3c9a".into()),
            region: Some("eu-west-1".into()),
            environment: Some(Environment::Prod),
            ..Default::default()
        };
        append_context(&path, "customer-x", &context).unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.starts_with("# mine\ntheme = \"light\"\n"), "{text}");
        let config = Config::parse(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.contexts["customer-x"], context);
        assert!(config.contexts()[0].read_only, "an External ID: read-only");
        let again = append_context(&path, "customer-x", &context).unwrap_err();
        assert!(
            again.contains("already has a context named 'customer-x'"),
            "{again}"
        );
        assert!(append_context(&path, "bad name", &context).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
