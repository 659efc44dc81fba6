//! The identity banner on every screen: account, caller, region, profile, endpoint.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::state::State;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let id = &state.identity;
    let mut spans = vec![
        Span::styled(" opsdeck ", theme.title.patch(theme.header)),
        Span::raw(format!(
            "│ account {} │ {} │ {} │ profile {} ",
            id.account, id.caller, id.region, id.profile
        )),
    ];
    if state.settings.read_only {
        spans.push(Span::styled(" READ-ONLY ", theme.header_warning));
        spans.push(Span::raw(" "));
    }
    if let Some(endpoint) = &id.endpoint {
        spans.push(Span::styled(
            format!(" endpoint {endpoint} (not AWS) "),
            theme.header_warning,
        ));
    }
    let identity = Line::from(spans).style(theme.header);
    let crumb = state
        .views
        .iter()
        .map(|v| v.title())
        .next_back()
        .unwrap_or_default();
    let crumb = Line::from(vec![Span::styled(format!(" {crumb}"), theme.title)]);
    frame.render_widget(Paragraph::new(vec![identity, crumb]), area);
}
