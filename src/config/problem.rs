//! A user file (config, theme, keymap) that can't be used, said with its path, line and
//! column, so the fix is one editor jump away.

use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct FileProblem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl FileProblem {
    /// A problem at a byte span of the file's text (the start of the file when unknown).
    pub fn at(path: &Path, text: &str, span: Option<Range<usize>>, message: &str) -> FileProblem {
        let (line, column) = line_column(text, span.map_or(0, |s| s.start));
        FileProblem {
            path: path.to_path_buf(),
            line,
            column,
            message: message.trim().to_string(),
        }
    }

    /// A file that exists but could not be read.
    pub fn unreadable(path: &Path, err: &std::io::Error) -> FileProblem {
        FileProblem {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("can't be read: {err}"),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_counted_from_one() {
        let text = "a = 1\nbé = [\"x\"]\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('[').unwrap_or(0)), (2, 6));
        let p = FileProblem::at(
            Path::new("/tmp/k.toml"),
            text,
            Some(6..8),
            "unknown action 'bé'",
        );
        assert_eq!(p.to_string(), "/tmp/k.toml:2:1: unknown action 'bé'");
    }
}
