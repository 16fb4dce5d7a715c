//! The headline of an indicator, shared by cards and the zoom view: the hero figure a presenter
//! reads out, then the facts around it (change, share, "from … to", period), most important
//! first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::{Ctx, glyphs};
use crate::data::model::View;
use crate::data::{Indicator, Shape};
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
    view: View,
}

impl<'a> Headline<'a> {
    pub fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator, details: Details) -> Self {
        Self {
            ctx,
            indicator,
            details,
            view: View::Level,
        }
    }

    /// Shows a series in a derived view instead of its level.
    #[must_use]
    pub fn view(mut self, view: View) -> Self {
        self.view = view;
        self
    }

    /// The hero line and the details, in the chosen view.
    fn texts(&self) -> (String, Vec<String>) {
        let (ctx, indicator) = (self.ctx, self.indicator);
        match (&indicator.shape, self.view) {
            (Shape::Series(series), view) if view != View::Level => {
                let derived = ctx.dataset.derive(indicator, series, view);
                format::view_hero(ctx.numbers, indicator, series, &derived)
            }
            _ => (
                format::hero(indicator, ctx.numbers),
                format::details(ctx.dataset, indicator, ctx.numbers),
            ),
        }
    }

    /// The lines drawn at `width` columns.
    pub fn lines(&self, width: u16) -> Vec<Line<'static>> {
        let theme = &self.ctx.theme;
        let (hero, details) = self.texts();
        // A long hero figure wraps rather than being cut mid-unit.
        let mut lines: Vec<Line<'static>> = format::wrap(&hero, usize::from(width))
            .into_iter()
            .map(|l| Line::styled(l, theme.hero))
            .collect();
        match self.details {
            Details::Packed(most) => lines.extend(
                // A detail longer than the line ends at a word with an ellipsis (the zoom view
                // says it whole).
                pack(
                    &details
                        .iter()
                        .map(|d| format::fit_title(d, usize::from(width)))
                        .collect::<Vec<_>>(),
                    glyphs::SEPARATOR,
                    usize::from(width),
                )
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
