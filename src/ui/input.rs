//! A text field drawn with a visible cursor.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use crate::state::TextInput;

/// The field's text as spans, the char under the cursor reversed (a space at the end).
pub fn spans<'a>(input: &TextInput, style: Style) -> Vec<Span<'a>> {
    let text = input.text();
    let at = text
        .char_indices()
        .nth(input.cursor())
        .map_or(text.len(), |(i, _)| i);
    let (before, rest) = text.split_at(at);
    let mut chars = rest.chars();
    let under = chars.next().map_or(" ".to_string(), |c| c.to_string());
    vec![
        Span::styled(before.to_string(), style),
        Span::styled(under, style.add_modifier(Modifier::REVERSED)),
        Span::styled(chars.as_str().to_string(), style),
    ]
}
