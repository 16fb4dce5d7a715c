//! The header: title, tab bar and slide counter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::glyphs;
use super::theme::Theme;
use crate::app::App;
use crate::data::Lang;

pub fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Jiangxi Open Economy",
        Lang::Zh => "江西开放型经济",
    }
}

/// ` Jiangxi Open Economy  Overview │ Growth │ Trade │ Innovation │ Livelihood   2/5 `
/// The title is dropped first when the row is too narrow for all tab names.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let counter = format!(" {}/{} ", app.tab + 1, app.dataset.tabs.len());
    let mut tabs: Vec<Span> = Vec::new();
    for (i, tab) in app.dataset.tabs.iter().enumerate() {
        if i > 0 {
            tabs.push(Span::styled(glyphs::TAB_DIVIDER, theme.muted));
        }
        let style = if i == app.tab {
            theme.tab_active
        } else {
            theme.tab
        };
        tabs.push(Span::styled(
            format!(" {} ", tab.title.get(app.lang)),
            style,
        ));
    }
    let tabs = Line::from(tabs);
    let title = Span::styled(format!(" {} ", title(app.lang)), theme.title);
    let needed = title.width() + tabs.width() + counter.len();
    let mut line = if needed <= usize::from(area.width) {
        let mut spans = vec![title];
        spans.extend(tabs.spans);
        Line::from(spans)
    } else {
        tabs
    };
    line.spans.insert(0, Span::raw(""));
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(counter.len()).unwrap_or(0)),
    ]));
    line.render(left, buf);
    Span::styled(counter, theme.muted).render(right, buf);
}
