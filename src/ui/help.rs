//! The `?` overlay: every line of the key map that applies, in the current language.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::Ctx;
use crate::action::KEYMAP;
use crate::app::App;
use unicode_width::UnicodeWidthStr;

/// ┌ Keys ─────────────────────────┐
/// │ ←/→ h/l Tab   previous / next │
/// │ ...                           │
/// └───────────────────────────────┘
pub struct Help<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
}

impl<'a> Help<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>) -> Self {
        Self { app, ctx }
    }
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, &self.ctx.theme);
        let bindings: Vec<_> = KEYMAP.iter().filter(|b| app.applies(b.when)).collect();
        let label_width = bindings
            .iter()
            .map(|b| b.label.get(app.lang, app.ascii).width())
            .max()
            .unwrap_or(0)
            + 2;
        let mut lines: Vec<Line> = bindings
            .iter()
            .map(|b| {
                Line::from(vec![
                    Span::styled(
                        crate::format::pad(
                            &format!(" {}", b.label.get(app.lang, app.ascii)),
                            label_width + 1,
                        ),
                        theme.key,
                    ),
                    Span::raw(b.help.get(app.lang, app.ascii)),
                ])
            })
            .collect();
        lines.push(Line::default());
        lines.push(Line::styled(
            app.lang
                .pick(" ? or Esc closes this help", " 按 ? 或 Esc 关闭"),
            theme.muted,
        ));
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
                    .title(app.lang.pick(" Keys ", " 按键 "))
                    .border_style(theme.border_focus),
            )
            .render(popup, buf);
    }
}
