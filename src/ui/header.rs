//! The identity banner on every screen: account, caller, region, profile, endpoint.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::config::Environment;
use crate::state::State;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let id = &state.identity;
    // The banner's colour says which environment this is (prod red) before any word.
    let banner = match state.context.environment {
        Some(Environment::Prod) => theme.header_prod,
        Some(Environment::Staging) => theme.header_staging,
        Some(Environment::Dev) => theme.header_dev,
        None => theme.header,
    };
    let mut spans = vec![Span::styled(" opsdeck ", theme.title.patch(banner))];
    if let Some(env) = state.context.environment {
        spans.push(Span::styled(
            format!(" {} ", env.name().to_uppercase()),
            banner.add_modifier(Modifier::BOLD | Modifier::REVERSED),
        ));
    }
    // Safety first: on a narrow screen the end of the line is cut, never this.
    if state.settings.read_only {
        spans.push(Span::styled(" READ-ONLY ", theme.header_warning));
    }
    if !state.context.label.is_empty() {
        spans.push(Span::styled(
            format!(" {} ·", state.context.label),
            banner.add_modifier(Modifier::BOLD),
        ));
    }
    // Account and region first: on a narrow screen the end is cut, never those.
    spans.push(Span::raw(format!(
        " account {} · {} · {} · profile {} ",
        id.account, id.region, id.caller, id.profile
    )));
    let identity = Line::from(spans).style(banner);
    let crumb = state.view().map(|v| v.title()).unwrap_or_default();
    let badge_text = id
        .endpoint
        .as_ref()
        .map(|e| format!(" {e} (not AWS) "))
        .unwrap_or_default();
    let badge_width = (badge_text.chars().count() as u16).min(area.width / 2);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(badge_width)])
        .areas(Rect {
            y: area.y + 1,
            height: 1,
            ..area
        });
    frame.render_widget(Paragraph::new(identity), Rect { height: 1, ..area });
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {crumb}"), theme.title)),
        left,
    );
    // Talking to something that is not AWS must be impossible to miss.
    if id.endpoint.is_some() {
        let badge = Span::styled(badge_text, theme.header_warning);
        frame.render_widget(Paragraph::new(Line::from(badge).right_aligned()), right);
    }
}
