//! The `/` prompt's matches, listed over the body as they are typed; the picked one stands
//! out, and Enter goes there.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::Ctx;
use crate::app::App;
use crate::format::truncate;

/// ┌ 3 found ─────────────────────────────┐
/// │▶ GDP                       Growth     │
/// │  GDP per capita            Growth     │
/// └───────────────────────────────────────┘
pub struct Matches<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
}

impl<'a> Matches<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>) -> Self {
        Self { app, ctx }
    }
}

impl Widget for Matches<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(search) = &self.app.search else {
            return;
        };
        let matches = self.app.search_matches();
        if matches.is_empty() {
            return;
        }
        let (theme, lang) = (&self.ctx.theme, self.app.lang);
        let rows = u16::try_from(matches.len().min(8)).unwrap_or(8);
        let [_, popup] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(rows + 2),
        ]));
        let [popup, _] = popup.layout(&Layout::horizontal([
            Constraint::Max(64),
            Constraint::Fill(1),
        ]));
        Clear.render(popup, buf);
        let width = usize::from(popup.width.saturating_sub(4));
        // Keep the picked match in the window of rows shown.
        let start = search.selected.saturating_sub(usize::from(rows) - 1);
        let lines: Vec<Line> = matches
            .iter()
            .enumerate()
            .skip(start)
            .take(usize::from(rows))
            .map(|(i, m)| {
                let name = self.ctx.dataset.indicators[m.indicator].name.get(lang);
                let tab = self.ctx.dataset.tabs[m.tab].title.get(lang);
                let picked = i == search.selected;
                let style = if picked { theme.tab_active } else { theme.text };
                Line::from(vec![
                    Span::styled(if picked { "▶ " } else { "  " }, theme.key),
                    Span::styled(truncate(&format!("{name} · {tab}"), width), style),
                ])
            })
            .collect();
        let title = match lang {
            crate::text::Lang::En => format!(" {} found ", matches.len()),
            crate::text::Lang::Zh => format!(" 找到{}个 ", matches.len()),
        };
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(title)
                    .border_style(theme.border_focus),
            )
            .render(popup, buf);
    }
}
