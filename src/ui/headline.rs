//! The headline of an indicator, shared by cards and the zoom view: the hero figure a presenter
//! reads out, then the facts around it (change, share, "from … to", period), most important
//! first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::{Ctx, glyphs};
use crate::data::Indicator;
use crate::format::{self, pack};

/// How the details are laid out under the hero line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Details {
    /// Packed into lines joined by ` · `, at most this many lines.
    Packed(usize),
    /// One fact per line, after a blank line (the zoom view).
    Listed,
}

pub struct Headline<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    details: Details,
}

impl<'a> Headline<'a> {
    pub fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator, details: Details) -> Self {
        Self {
            ctx,
            indicator,
            details,
        }
    }

    /// The lines drawn at `width` columns.
    pub fn lines(&self, width: u16) -> Vec<Line<'static>> {
        let theme = &self.ctx.theme;
        let mut lines = vec![Line::styled(
            format::hero(self.indicator, self.ctx.numbers),
            theme.hero,
        )];
        let details = format::details(self.ctx.dataset, self.indicator, self.ctx.numbers);
        match self.details {
            Details::Packed(most) => lines.extend(
                pack(&details, glyphs::SEPARATOR, usize::from(width))
                    .into_iter()
                    .take(most)
                    .map(|l| Line::styled(l, theme.text)),
            ),
            Details::Listed => {
                lines.push(Line::default());
                lines.extend(details.into_iter().map(|d| Line::styled(d, theme.text)));
            }
        }
        lines
    }

    /// Rows the headline takes at `width` columns.
    pub fn height(&self, width: u16) -> u16 {
        u16::try_from(self.lines(width).len()).unwrap_or(u16::MAX)
    }
}

impl Widget for Headline<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(self.lines(area.width)).render(area, buf);
    }
}
