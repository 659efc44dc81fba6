//! Metric trends as text: a sparkline of block characters, with gaps where CloudWatch
//! has no data (never drawn as zero), and the current value with the hour's range.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::metrics::{format_value, stats, Unit};
use crate::theme::Theme;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Drawn for a minute without data.
pub const GAP: char = ' ';
/// Drawn where a whole series is missing.
pub const NO_DATA: &str = "no data";

/// The last `width` points as bars scaled between the series' min and max (percentages
/// from 0 to 100, so 30% looks like 30%). Several points per column when wider than asked:
/// each column shows its largest point.
pub fn bars(points: &[Option<f64>], width: usize, unit: Unit) -> String {
    if width == 0 {
        return String::new();
    }
    let Some(s) = stats(points) else {
        return " ".repeat(width);
    };
    let (lo, hi) = match unit {
        Unit::Percent => (0.0, 100.0_f64.max(s.max)),
        _ => (s.min, s.max),
    };
    // Column j covers points [j·n/w, (j+1)·n/w): every column gets at least one point
    // when there are more points than columns, and the columns fill the width.
    let n = points.len();
    let shown = width.min(n);
    let columns: Vec<Option<f64>> = (0..shown)
        .map(|j| {
            let (from, to) = (j * n / shown, ((j + 1) * n / shown).max(j * n / shown + 1));
            points[from..to.min(n)]
                .iter()
                .flatten()
                .copied()
                .reduce(f64::max)
        })
        .collect();
    let mut out: String = columns
        .iter()
        .map(|v| match v {
            None => GAP,
            Some(v) if hi <= lo => BARS[if *v > 0.0 { 3 } else { 0 }],
            Some(v) => {
                let level = ((v - lo) / (hi - lo) * (BARS.len() - 1) as f64).round();
                BARS[(level.max(0.0) as usize).min(BARS.len() - 1)]
            }
        })
        .collect();
    // Fewer points than columns: pad on the left, the newest minute stays at the right edge.
    let drawn = out.chars().count();
    if drawn < width {
        out.insert_str(0, &" ".repeat(width - drawn));
    }
    out
}

/// The newest value of the hour (or `-` when there is none).
pub fn current(points: Option<&[Option<f64>]>, unit: Unit) -> String {
    points
        .and_then(stats)
        .and_then(|s| s.current)
        .map_or_else(|| "-".into(), |v| format_value(unit, v))
}

/// A compact cell for lists: `▂▃▅▇ 34%`, or `-` without data.
pub fn cell<'a>(
    points: Option<&[Option<f64>]>,
    width: usize,
    unit: Unit,
    theme: &Theme,
) -> Line<'a> {
    match points.filter(|p| stats(p).is_some()) {
        None => Line::from(Span::styled("-", theme.muted)),
        Some(p) => Line::from(vec![
            Span::styled(bars(p, width, unit), theme.progress),
            Span::raw(format!(" {}", current(Some(p), unit))),
        ]),
    }
}

/// One labelled trend for detail panels:
/// `cpu          ▁▂▃▅▇▆▅  34%  min 12%  max 56%`.
pub fn line<'a>(
    label: &str,
    points: Option<&[Option<f64>]>,
    width: usize,
    unit: Unit,
    theme: &Theme,
) -> Line<'a> {
    let mut spans = vec![Span::styled(format!("{label:<16}"), theme.muted)];
    match points.and_then(|p| stats(p).map(|s| (p, s))) {
        None => spans.push(Span::styled(NO_DATA, theme.muted)),
        Some((p, s)) => {
            spans.push(Span::styled(bars(p, width, unit), theme.progress));
            spans.push(Span::styled(
                format!(" {:>7}", current(Some(p), unit)),
                Style::default(),
            ));
            spans.push(Span::styled(
                format!(
                    "  min {} max {}",
                    format_value(unit, s.min),
                    format_value(unit, s.max)
                ),
                theme.muted,
            ));
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_minutes_are_gaps_not_zero_bars() {
        let p = [Some(10.0), None, Some(90.0), None];
        assert_eq!(bars(&p, 4, Unit::Count), "▁ █ ");
    }

    #[test]
    fn percentages_scale_from_zero_to_a_hundred() {
        assert_eq!(
            bars(&[Some(0.0), Some(50.0), Some(100.0)], 3, Unit::Percent),
            "▁▅█"
        );
    }

    #[test]
    fn a_long_series_is_folded_into_the_width_keeping_peaks() {
        let mut p = vec![Some(1.0); 60];
        p[59] = Some(9.0);
        let b = bars(&p, 6, Unit::Count);
        assert_eq!(b.chars().count(), 6);
        assert!(b.ends_with('█'), "{b}");
    }
}
