//! Small text helpers shared by the views.

use chrono::TimeDelta;

use crate::model::Timestamp;

/// Compact age: `45s`, `12m`, `3h`, `4d`.
pub fn age(elapsed: TimeDelta) -> String {
    let s = elapsed.num_seconds().max(0);
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m", s / 60),
        3600..=86_399 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86_400),
    }
}

/// Age of a timestamp relative to now, or `-` when unknown.
pub fn age_since(now: Timestamp, at: Option<Timestamp>) -> String {
    at.map(|t| age(now.signed_duration_since(t)))
        .unwrap_or_else(|| "-".into())
}

/// A length of time to the second: `45s`, `2m 13s`, `1h 04m`.
pub fn duration(d: std::time::Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, (s % 3600) / 60),
    }
}

/// How fresh a view's data is, coarse on purpose: a label that changes every
/// second would redraw an idle screen every second.
pub fn freshness(elapsed: TimeDelta) -> String {
    if elapsed.num_seconds() < 10 {
        "just now".into()
    } else {
        format!("{} ago", age(elapsed))
    }
}

/// Cut to `width` display columns with an ellipsis.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

pub fn dash_if_empty(text: &str) -> &str {
    if text.is_empty() {
        "-"
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_compact() {
        assert_eq!(age(TimeDelta::seconds(45)), "45s");
        assert_eq!(age(TimeDelta::seconds(125)), "2m");
        assert_eq!(age(TimeDelta::seconds(7300)), "2h");
        assert_eq!(age(TimeDelta::seconds(200_000)), "2d");
        assert_eq!(age(TimeDelta::seconds(-5)), "0s");
    }

    #[test]
    fn freshness_is_coarse_below_ten_seconds() {
        assert_eq!(freshness(TimeDelta::seconds(3)), "just now");
        assert_eq!(freshness(TimeDelta::seconds(9)), "just now");
        assert_eq!(freshness(TimeDelta::seconds(12)), "12s ago");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("omni-web", 20), "omni-web");
        assert_eq!(truncate("omni-searcher-service", 10), "omni-sear…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
