//! The last ECS Exec command per service, kept across sessions in the XDG state dir
//! (`exec-commands.json`). A missing or unreadable file means nothing remembered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn path() -> Option<PathBuf> {
    crate::logging::log_dir().map(|d| d.join("exec-commands.json"))
}

pub fn load(path: &Path) -> HashMap<String, String> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn save(path: &Path, commands: &HashMap<String, String>) {
    if commands.is_empty() {
        return;
    }
    let Ok(text) = serde_json::to_string_pretty(commands) else {
        return;
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = std::fs::write(path, text) {
        tracing::warn!(
            "could not remember exec commands in {}: {e}",
            path.display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_survive_a_restart_and_a_broken_file_is_forgotten() {
        let dir = std::env::temp_dir().join(format!("opsdeck-remembered-{}", std::process::id()));
        let file = dir.join("exec-commands.json");
        let mut commands = HashMap::new();
        commands.insert("omni-web".to_string(), "/bin/bash -l".to_string());
        save(&file, &commands);
        assert_eq!(load(&file), commands);
        std::fs::write(&file, "{not json").unwrap_or_else(|e| panic!("{e}"));
        assert!(load(&file).is_empty());
        assert!(load(&dir.join("missing.json")).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
