//! The `?` overlay: every line of the key map that applies, in the current language.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::Ctx;
use crate::action::{Command, KEYMAP};
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
        // The help key's own line would only say "this help": the closing line says it.
        let bindings: Vec<_> = KEYMAP
            .iter()
            .filter(|b| app.applies(b.when) && !b.keys.iter().any(|(_, c)| *c == Command::Help))
            .collect();
        let label_width = bindings
            .iter()
            .map(|b| b.label.get(app.lang, app.ascii).width())
            .max()
            .unwrap_or(0)
            + 2;
        // Descriptions wrap under themselves, never under the keys.
        let text_width = usize::from(area.width)
            .saturating_sub(label_width + 4)
            .max(12);
        let mut lines: Vec<Line> = Vec::new();
        for binding in &bindings {
            let help = crate::format::wrap(binding.help.get(app.lang, app.ascii), text_width);
            for (i, part) in help.into_iter().enumerate() {
                let label = if i == 0 {
                    format!(" {}", binding.label.get(app.lang, app.ascii))
                } else {
                    String::new()
                };
                lines.push(Line::from(vec![
                    Span::styled(crate::format::pad(&label, label_width + 1), theme.key),
                    Span::raw(part),
                ]));
            }
        }
        let closing = Line::styled(
            app.lang
                .pick(" ? or Esc closes this help", " 按 ? 或 Esc 关闭"),
            theme.muted,
        );
        // On a short screen the blank line goes first, then lines from the end, and the
        // closing line says what a taller window would show.
        let room = usize::from(area.height.saturating_sub(2));
        if lines.len() + 2 <= room {
            lines.push(Line::default());
            lines.push(closing);
        } else if lines.len() < room {
            lines.push(closing);
        } else {
            let hidden = lines.len() + 1 - room;
            lines.truncate(room.saturating_sub(1));
            lines.push(Line::styled(
                match app.lang {
                    crate::text::Lang::En => {
                        format!(" {hidden} more lines in a taller window · ? or Esc closes")
                    }
                    crate::text::Lang::Zh => {
                        format!(" 窗口更高时另有{hidden}行 · 按 ? 或 Esc 关闭")
                    }
                },
                theme.muted,
            ));
        }
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let width = lines.iter().map(Line::width).max().unwrap_or(0) + 3;
        let popup = area.centered(
            Constraint::Max(u16::try_from(width).unwrap_or(u16::MAX)),
            Constraint::Max(height),
        );
        // A column of space either side, so no figure behind it reads as part of the help.
        let margin = popup
            .outer(ratatui::layout::Margin::new(1, 0))
            .intersection(area);
        Clear.render(margin, buf);
        buf.set_style(margin, theme.base);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(app.lang.pick(" Keys ", " 按键 "))
                    .border_style(theme.border_focus),
            )
            .render(popup, buf);
    }
}
