//! Text from AWS (event messages, reasons, tags, log lines) is untrusted:
//! control and escape sequences must never reach the terminal raw.

/// Replace control characters (C0, DEL, C1) with visible stand-ins; keep the rest.
/// ESC becomes `␛`, so an injected `\x1b[2J` shows as text instead of clearing the screen.
pub fn clean(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            '\u{1b}' => '␛',
            '\t' => ' ',
            c if is_unsafe(c) => '�',
            c => c,
        })
        .collect()
}

/// Like [`clean`], and folds line breaks into spaces for one-line cells.
pub fn one_line(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    clean(folded.trim())
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || ('\u{80}'..='\u{9f}').contains(&c) || bidi_override(c)
}

/// Bidirectional overrides can make text read differently than it is (CVE-2021-42574).
fn bidi_override(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_defused() {
        let s = clean("ok\x1b[2J\x1b]52;c;aGk=\x07done");
        assert!(!s.contains('\x1b'));
        assert!(!s.contains('\x07'));
        assert!(s.starts_with("ok␛[2J"));
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_replaced() {
        assert_eq!(clean("a\u{9b}31mb"), "a�31mb");
        assert_eq!(clean("x\u{202e}y"), "x�y");
    }

    #[test]
    fn plain_text_is_unchanged_and_lines_fold() {
        assert_eq!(
            clean("service omni-web has reached a steady state."),
            "service omni-web has reached a steady state."
        );
        assert_eq!(one_line("line one\nline two\r\n"), "line one line two");
    }
}
