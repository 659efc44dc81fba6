//! Log lines are untrusted and often coloured. SGR colour codes (`ESC[31m`) become
//! styles; every other control or escape sequence (cursor movement, screen clears,
//! OSC 52 clipboard writes, title changes, bells) is shown inert as visible text
//! (`␛[2J`), so nothing in a log line can act on the terminal.

use crate::model::logs::{Ansi, Paint, StyledRun};

/// Clean text (only `\n` remains of the control characters) and the styled runs in it.
pub fn log_text(raw: &str) -> (String, Vec<StyledRun>) {
    let raw = raw.trim_end_matches(['\n', '\r']);
    if !raw.bytes().any(needs_care) {
        return (raw.to_string(), Vec::new());
    }
    let mut out = Cleaner {
        text: String::with_capacity(raw.len() + 8),
        runs: Vec::new(),
        ansi: Ansi::default(),
    };
    let mut chars = raw.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\u{1b}' if chars.peek().map(|p| p.1) == Some('[') => {
                chars.next();
                let body_start = at + 2;
                let mut end = None;
                for (i, c) in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        end = Some((i, c));
                        break;
                    }
                    if !('\u{20}'..='\u{3f}').contains(&c) {
                        // Not a CSI body: stop here and show what was there.
                        end = Some((i, c));
                        break;
                    }
                }
                match end {
                    Some((i, 'm')) if raw[body_start..i].bytes().all(sgr_byte) => {
                        apply_sgr(&mut out.ansi, &raw[body_start..i]);
                    }
                    Some((i, c)) => {
                        out.push_str("␛[");
                        out.push_visible(&raw[body_start..i]);
                        out.push_char(c);
                    }
                    None => {
                        out.push_str("␛[");
                        out.push_visible(&raw[body_start..]);
                    }
                }
            }
            c => out.push_char(c),
        }
    }
    (out.text, out.runs)
}

/// Bytes that send a line down the slow path: C0 controls, DEL, and the lead
/// bytes of C1 controls (0xC2) and bidi overrides (0xE2).
fn needs_care(b: u8) -> bool {
    b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2
}

fn sgr_byte(b: u8) -> bool {
    b.is_ascii_digit() || b == b';' || b == b':'
}

struct Cleaner {
    text: String,
    runs: Vec<StyledRun>,
    ansi: Ansi,
}

impl Cleaner {
    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push_safe(c);
        }
    }

    fn push_visible(&mut self, s: &str) {
        for c in s.chars() {
            self.push_char(c);
        }
    }

    /// Any char: controls are replaced by visible stand-ins.
    fn push_char(&mut self, c: char) {
        match c {
            '\n' => self.push_safe('\n'),
            '\r' => {}
            '\t' => self.push_str("    "),
            '\u{1b}' => self.push_safe('␛'),
            '\u{7f}' => self.push_safe('␡'),
            c if (c as u32) < 0x20 => {
                self.push_safe(char::from_u32(0x2400 + c as u32).unwrap_or('�'))
            }
            c if ('\u{80}'..='\u{9f}').contains(&c) => self.push_safe('�'),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => self.push_safe('�'),
            c => self.push_safe(c),
        }
    }

    fn push_safe(&mut self, c: char) {
        let start = self.text.len() as u32;
        self.text.push(c);
        if self.ansi.is_plain() {
            return;
        }
        let end = self.text.len() as u32;
        match self.runs.last_mut() {
            Some(run) if run.end == start && run.ansi == self.ansi => run.end = end,
            _ => self.runs.push(StyledRun {
                start,
                end,
                ansi: self.ansi,
            }),
        }
    }
}

/// Apply one SGR parameter list (`1;31`, `38;5;208`, `38;2;255;0;0`, empty = reset).
fn apply_sgr(ansi: &mut Ansi, params: &str) {
    let mut nums = params
        .split([';', ':'])
        .map(|p| p.parse::<u16>().unwrap_or(0));
    if params.is_empty() {
        *ansi = Ansi::default();
        return;
    }
    while let Some(n) = nums.next() {
        match n {
            0 => *ansi = Ansi::default(),
            1 => ansi.bold = true,
            2 => ansi.dim = true,
            3 => ansi.italic = true,
            4 => ansi.underline = true,
            7 => ansi.reverse = true,
            22 => (ansi.bold, ansi.dim) = (false, false),
            23 => ansi.italic = false,
            24 => ansi.underline = false,
            27 => ansi.reverse = false,
            30..=37 => ansi.fg = Some(Paint::Indexed((n - 30) as u8)),
            39 => ansi.fg = None,
            40..=47 => ansi.bg = Some(Paint::Indexed((n - 40) as u8)),
            49 => ansi.bg = None,
            90..=97 => ansi.fg = Some(Paint::Indexed((n - 90 + 8) as u8)),
            100..=107 => ansi.bg = Some(Paint::Indexed((n - 100 + 8) as u8)),
            38 | 48 => {
                let paint = match nums.next() {
                    Some(5) => nums.next().map(|i| Paint::Indexed(i.min(255) as u8)),
                    Some(2) => {
                        let mut c = || nums.next().unwrap_or(0).min(255) as u8;
                        Some(Paint::Rgb(c(), c(), c()))
                    }
                    _ => None,
                };
                if n == 38 {
                    ansi.fg = paint;
                } else {
                    ansi.bg = paint;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(raw: &str) -> String {
        log_text(raw).0
    }

    fn assert_inert(text: &str) {
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c)),
            "control characters left in {text:?}"
        );
    }

    #[test]
    fn plain_lines_pass_through_and_trailing_newlines_go() {
        let (text, runs) = log_text("GET /health 200 1ms\n");
        assert_eq!(text, "GET /health 200 1ms");
        assert!(runs.is_empty());
    }

    #[test]
    fn sgr_colours_become_runs_and_vanish_from_the_text() {
        let (text, runs) = log_text("\x1b[1;31mERROR\x1b[0m db down \x1b[38;5;208mslow\x1b[m");
        assert_eq!(text, "ERROR db down slow");
        assert_eq!(runs.len(), 2);
        assert_eq!((runs[0].start, runs[0].end), (0, 5));
        assert_eq!(runs[0].ansi.fg, Some(Paint::Indexed(1)));
        assert!(runs[0].ansi.bold);
        assert_eq!(&text[runs[1].start as usize..runs[1].end as usize], "slow");
        assert_eq!(runs[1].ansi.fg, Some(Paint::Indexed(208)));
        let (_, rgb) = log_text("\x1b[38;2;10;20;30mx");
        assert_eq!(rgb[0].ansi.fg, Some(Paint::Rgb(10, 20, 30)));
    }

    #[test]
    fn hostile_sequences_are_shown_inert() {
        // Clear screen, move the cursor home, and rewrite what the user sees.
        let t = clean("ok\x1b[2J\x1b[Hfake prompt$ ");
        assert_eq!(t, "ok␛[2J␛[Hfake prompt$ ");
        // OSC 52: write "rm -rf ~" into the clipboard, terminated by BEL or ST.
        let t = clean("\x1b]52;c;cm0gLXJmIH4=\x07after");
        assert_eq!(t, "␛]52;c;cm0gLXJmIH4=␇after");
        let t = clean("\x1b]0;pwned title\x1b\\x");
        assert_eq!(t, "␛]0;pwned title␛\\x");
        // A CSI with private markers (hide cursor, alternate screen) and a bare ESC at the end.
        assert_eq!(clean("\x1b[?1049h\x1b[?25l\x1b"), "␛[?1049h␛[?25l␛");
        // 8-bit CSI (C1) and DEL, backspaces that would overwrite, bidi overrides.
        assert_eq!(clean("a\u{9b}2Jb\x7f"), "a�2Jb␡");
        assert_eq!(
            clean("secret\x08\x08\x08\x08\x08\x08public"),
            "secret␈␈␈␈␈␈public"
        );
        assert_eq!(clean("x\u{202e}gnp.exe"), "x�gnp.exe");
        for hostile in [
            "\x1b[31;\x1b[2J",
            "\x1b[",
            "\x1bP1$r\x1b\\",
            "\x1b[6n",
            "\x1b[1;1H\x1b[0K",
            "\x1b[4;1000;1000t",
        ] {
            assert_inert(&clean(hostile));
        }
    }

    #[test]
    fn stack_traces_keep_their_lines_and_tabs_become_spaces() {
        let t = clean("Traceback:\r\n\tat Foo.bar(Foo.java:10)\n\tat Main\n");
        assert_eq!(t, "Traceback:\n    at Foo.bar(Foo.java:10)\n    at Main");
    }

    #[test]
    fn a_style_spans_lines_and_reset_ends_it() {
        let (text, runs) = log_text("\x1b[33mwarn\nnext\x1b[0m plain");
        assert_eq!(text, "warn\nnext plain");
        assert_eq!(runs.len(), 1);
        assert_eq!(&text[..runs[0].end as usize], "warn\nnext");
    }
}
