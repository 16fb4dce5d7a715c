//! The `g` overlay: the agenda's steps, the one shown marked, the selected one highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::Ctx;
use crate::app::App;

/// ┌ Agenda ───────────────────────┐
/// │ ▸ 1  The province in 2025      │
/// │   2  Growth                    │
/// └───────────────────────────────┘
pub struct Steps<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
}

impl<'a> Steps<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>) -> Self {
        Self { app, ctx }
    }
}

impl Widget for Steps<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, &self.ctx.theme);
        let (Some(selected), Some(agenda)) = (app.steps_list, &app.agenda) else {
            return;
        };
        let marker = if app.ascii { ">" } else { "▸" };
        let mut lines: Vec<Line> = agenda
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let mark = if i == app.step { marker } else { " " };
                let style = if i == selected {
                    theme.tab_active
                } else {
                    theme.text
                };
                Line::from(vec![
                    Span::styled(format!(" {mark} {:>2}  ", i + 1), theme.key),
                    Span::styled(step.title.get(app.lang).to_string(), style),
                ])
            })
            .collect();
        lines.push(Line::default());
        lines.push(Line::styled(
            match (app.lang, app.ascii) {
                (crate::text::Lang::En, true) => " up/down choose - Enter go - Esc close",
                (lang, _) => lang.pick(
                    " ↑/↓ choose · Enter go · Esc close",
                    " ↑/↓ 选择 · Enter 前往 · Esc 关闭",
                ),
            },
            theme.muted,
        ));
        let title = agenda.title.as_ref().map_or_else(
            || app.lang.pick("Agenda", "议程").to_string(),
            |t| t.get(app.lang).to_string(),
        );
        // The selected step stays in view on a short screen.
        let room = usize::from(area.height.saturating_sub(2));
        let skip = (selected + 3).saturating_sub(room.saturating_sub(2));
        let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let width = lines.iter().map(Line::width).max().unwrap_or(0) + 3;
        let popup = area.centered(
            Constraint::Max(u16::try_from(width).unwrap_or(u16::MAX)),
            Constraint::Max(height),
        );
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(format!(" {title} "))
                    .border_style(theme.border_focus),
            )
            .render(popup, buf);
    }
}
