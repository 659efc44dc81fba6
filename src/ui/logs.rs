//! The logs pane: time, a coloured source tag and the message per event, coloured
//! by level (or by the line's own SGR colours), search matches highlighted, newest
//! at the bottom. Only the events that fit are formatted, so a frame costs the
//! same for 100 or 100,000 buffered events.

use std::ops::Range;

use chrono::Local;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthChar;

use super::input;
use crate::model::log_tail::TailMethod;
use crate::model::logs::{source_hue, source_tag, Ansi, Level, Paint};
use crate::model::LogEvent;
use crate::state::{find, LiveMode, LogPrompt, LogsView, State};
use crate::theme::Theme;

/// Tag colours: they only tell sources apart, so none of them is red, amber or green.
const TAG_COLOURS: [Color; 6] = [
    Color::Cyan,
    Color::Magenta,
    Color::Blue,
    Color::LightCyan,
    Color::LightMagenta,
    Color::LightBlue,
];
const TAG_WIDTH: usize = 14;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, v: &LogsView, theme: &Theme) {
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", title(v)), theme.title))
        .title_bottom(status(v, theme));
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some((kind, text)) = &v.prompt {
        let prompt_row = Rect {
            y: inner.bottom().saturating_sub(1),
            height: 1.min(inner.height),
            ..inner
        };
        inner.height = inner.height.saturating_sub(1);
        let (label, help) = match kind {
            LogPrompt::Search => (" / ", "  enter keep · esc clear"),
            LogPrompt::Pattern => (
                " filter pattern: ",
                "  e.g. ERROR  \"exact phrase\"  -health  { $.level = \"error\" }",
            ),
            LogPrompt::Start => (
                " start from: ",
                "  500 (lines) · 5m · 1h · 14:05 · 2026-11-23 14:05",
            ),
        };
        let mut spans = vec![Span::styled(label, theme.key)];
        spans.extend(input::spans(text, theme.filter));
        spans.push(Span::styled(help, theme.muted));
        frame.render_widget(Paragraph::new(Line::from(spans)), prompt_row);
    }
    if v.buffer.is_empty() {
        let (text, style) = empty_text(v, theme);
        let mut lines = vec![Line::from(Span::styled(text, style))];
        lines.extend(
            v.notes
                .iter()
                .map(|n| Line::from(Span::styled(n.clone(), theme.muted))),
        );
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let rows = visible_rows(v, state, theme, inner.width as usize, inner.height as usize);
    frame.render_widget(Paragraph::new(rows), inner);
}

fn title(v: &LogsView) -> String {
    let mut parts = vec![format!("logs · {}", v.scope.label())];
    match v.whole_group() {
        Some(_) => parts.push("all streams".into()),
        None => parts.push(plural(v.targets.len(), "stream")),
    }
    parts.push(v.start.describe());
    if !v.pattern.is_empty() {
        parts.push(format!("pattern {}", v.pattern));
    }
    let method = match v.method {
        Some(TailMethod::PerStream) => "GetLogEvents",
        _ => "FilterLogEvents",
    };
    if v.live.is_live() {
        parts.push("Live Tail".into());
    } else {
        let every =
            crate::update::logs::poll_interval(v.poll_started.unwrap_or_default(), v.last_line_at);
        parts.push(format!("polling {}s, {method}", every.as_secs().max(1)));
    }
    parts.push(if v.utc { "UTC" } else { "local time" }.into());
    parts.join(" · ")
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Following or paused, new lines while paused, evicted lines, search state.
fn status<'a>(v: &LogsView, theme: &Theme) -> Line<'a> {
    let mut spans = Vec::new();
    if v.follow {
        spans.push(Span::styled(" following ", theme.ok));
    } else if v.unseen > 0 {
        spans.push(Span::styled(
            format!(" paused · ▼ {} new (G follows) ", v.unseen),
            theme.progress,
        ));
    } else {
        spans.push(Span::styled(" paused (G follows) ", theme.progress));
    }
    if let Some(label) = v.live.label() {
        let style = match v.live.mode {
            LiveMode::Live { .. } if !v.live.sampled => theme.ok.add_modifier(Modifier::BOLD),
            LiveMode::Unavailable(_) => theme.error,
            _ => theme.progress,
        };
        spans.push(Span::styled(
            format!("· {} ", super::format::truncate(&label, 72)),
            style,
        ));
    }
    spans.push(Span::styled(
        format!("· {} ", plural(v.buffer.len(), "line")),
        theme.muted,
    ));
    if v.buffer.dropped > 0 {
        spans.push(Span::styled(
            format!(
                "· {} oldest dropped (keeps {}) ",
                v.buffer.dropped, v.buffer.capacity
            ),
            theme.progress,
        ));
    }
    if !v.search.is_empty() {
        let what = if v.invert { "hiding" } else { "search" };
        spans.push(Span::styled(
            format!("· {what} '{}' ", v.search),
            theme.filter,
        ));
    }
    if !v.missing.is_empty() {
        spans.push(Span::styled(
            format!("· {} not created yet ", plural(v.missing.len(), "stream")),
            theme.muted,
        ));
    }
    if !v.notes.is_empty() && !v.buffer.is_empty() {
        spans.push(Span::styled(
            format!("· {} without awslogs ", plural(v.notes.len(), "container")),
            theme.muted,
        ));
    }
    Line::from(spans)
}

fn empty_text(v: &LogsView, theme: &Theme) -> (String, Style) {
    let style = theme.muted;
    if let Some(err) = v.load.error.as_ref().or(v.discover.error.as_ref()) {
        return (err.summary(), theme.error);
    }
    if v.scope.needs_discovery() && v.discover.loaded_at.is_none() {
        return (
            format!("finding the log streams of {}…", v.scope.label()),
            style,
        );
    }
    if v.targets.is_empty() && v.whole_group().is_none() {
        return (
            "no log streams: no running task logs with awslogs".into(),
            style,
        );
    }
    if v.load.loaded_at.is_none() {
        return ("reading…".into(), style);
    }
    let pattern = if v.pattern.is_empty() {
        String::new()
    } else {
        format!(" matching {}", v.pattern)
    };
    (
        format!(
            "no events {}{pattern} yet; new ones appear here",
            v.start.describe()
        ),
        style,
    )
}

/// The rows that fit, newest at the bottom, ending at the anchor event.
fn visible_rows(
    v: &LogsView,
    state: &State,
    theme: &Theme,
    width: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let Some(anchor) = v.anchor() else {
        return Vec::new();
    };
    let today = state.now.date_naive();
    // On an 80-column screen milliseconds cost more than they tell.
    let time_format = if width >= 110 {
        "%H:%M:%S%.3f"
    } else {
        "%H:%M:%S"
    };
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut index = anchor + 1;
    while rows.len() < height && index > 0 {
        index -= 1;
        if !v.shown(index) {
            continue;
        }
        let Some(event) = v.buffer.get(index) else {
            continue;
        };
        let selected = index == anchor;
        let mut lines = event_rows(v, event, theme, width, selected, (today, time_format));
        if selected && !v.follow {
            for line in &mut lines {
                line.style = theme.selection;
            }
        }
        lines.append(&mut rows);
        rows = lines;
    }
    let skip = rows.len().saturating_sub(height);
    rows.split_off(skip)
}

fn level_style(level: Level, theme: &Theme) -> Style {
    match level {
        Level::Error | Level::Fatal => theme.failed,
        Level::Warn => theme.progress,
        Level::Debug | Level::Trace => theme.muted,
        Level::Info | Level::Unknown => theme.text,
    }
}

/// One event as screen rows: prefix (time, tag) on the first, its text lines below,
/// wrapped when wrap is on.
fn event_rows(
    v: &LogsView,
    e: &LogEvent,
    theme: &Theme,
    width: usize,
    selected: bool,
    (today, time_format): (chrono::NaiveDate, &str),
) -> Vec<Line<'static>> {
    let mut prefix = Vec::new();
    if let Some(t) = e.time() {
        let (date, time) = if v.utc {
            (t.date_naive(), t.format(time_format).to_string())
        } else {
            let local = t.with_timezone(&Local);
            (local.date_naive(), local.format(time_format).to_string())
        };
        let stamp = if date == today {
            time
        } else {
            format!("{} {time}", date.format("%m-%d"))
        };
        prefix.push(Span::styled(format!("{stamp} "), theme.muted));
    }
    if v.tags {
        let tag = source_tag(&e.stream);
        let colour = TAG_COLOURS[source_hue(&e.stream) % TAG_COLOURS.len()];
        prefix.push(Span::styled(
            format!("{:<TAG_WIDTH$} ", super::format::truncate(&tag, TAG_WIDTH)),
            Style::default().fg(colour),
        ));
    }
    let indent: usize = prefix.iter().map(|s| s.width()).sum();
    let base = level_style(e.level, theme);
    let pretty = (selected && v.pretty && !v.follow && e.json)
        .then(|| {
            serde_json::from_str::<serde_json::Value>(&e.text)
                .ok()
                .and_then(|j| serde_json::to_string_pretty(&j).ok())
        })
        .flatten();
    let (text, runs): (&str, &[crate::model::logs::StyledRun]) = match &pretty {
        Some(p) => (p, &[]),
        None => (&e.text, e.runs.as_deref().unwrap_or(&[])),
    };
    let segments = styled_segments(text, runs, base, &v.search, theme);
    let avail = width.saturating_sub(indent).max(10);
    let mut rows: Vec<Vec<Span<'static>>> = vec![prefix];
    let mut col = 0;
    for (range, style) in segments {
        let mut piece = String::new();
        for c in text[range].chars() {
            if c == '\n' {
                flush(&mut rows, &mut piece, style);
                rows.push(vec![Span::raw(" ".repeat(indent))]);
                col = 0;
                continue;
            }
            let w = c.width().unwrap_or(0);
            if v.wrap && col + w > avail && col > 0 {
                flush(&mut rows, &mut piece, style);
                rows.push(vec![Span::raw(" ".repeat(indent))]);
                col = 0;
            }
            piece.push(c);
            col += w;
        }
        flush(&mut rows, &mut piece, style);
    }
    rows.into_iter().map(Line::from).collect()
}

fn flush(rows: &mut [Vec<Span<'static>>], piece: &mut String, style: Style) {
    if piece.is_empty() {
        return;
    }
    if let Some(row) = rows.last_mut() {
        row.push(Span::styled(std::mem::take(piece), style));
    }
}

/// Byte ranges of `text` with their style: the level's colour, the line's own SGR
/// colours over it, search matches over both.
fn styled_segments(
    text: &str,
    runs: &[crate::model::logs::StyledRun],
    base: Style,
    search: &str,
    theme: &Theme,
) -> Vec<(Range<usize>, Style)> {
    let mut matches = Vec::new();
    let mut from = 0;
    while let Some((a, b)) = find(&text[from..], search) {
        matches.push((from + a, from + b));
        from += b.max(a + 1);
        if from >= text.len() {
            break;
        }
    }
    if runs.is_empty() && matches.is_empty() {
        return vec![(0..text.len(), base)];
    }
    let mut cuts = vec![0, text.len()];
    for r in runs {
        cuts.extend([r.start as usize, r.end as usize]);
    }
    for (a, b) in &matches {
        cuts.extend([*a, *b]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let highlight = theme.filter.add_modifier(Modifier::REVERSED);
    cuts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let mut style = base;
            if let Some(r) = runs
                .iter()
                .find(|r| (r.start as usize) <= a && a < r.end as usize)
            {
                style = style.patch(ansi_style(&r.ansi));
            }
            if matches.iter().any(|(s, e)| *s <= a && a < *e) {
                style = highlight;
            }
            (a..b, style)
        })
        .collect()
}

fn ansi_style(a: &Ansi) -> Style {
    let colour = |p: Paint| match p {
        Paint::Indexed(i) => Color::Indexed(i),
        Paint::Rgb(r, g, b) => Color::Rgb(r, g, b),
    };
    let mut style = Style::default();
    if let Some(fg) = a.fg {
        style = style.fg(colour(fg));
    }
    if let Some(bg) = a.bg {
        style = style.bg(colour(bg));
    }
    for (on, m) in [
        (a.bold, Modifier::BOLD),
        (a.dim, Modifier::DIM),
        (a.italic, Modifier::ITALIC),
        (a.underline, Modifier::UNDERLINED),
        (a.reverse, Modifier::REVERSED),
    ] {
        if on {
            style = style.add_modifier(m);
        }
    }
    style
}
