//! The grid of cards of the current tab: as many columns as fit, rows as tall as their tallest
//! card, scrolled so that the focused card is always whole on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::Ctx;
use super::card::Card;
use super::glyphs;
use crate::app::App;
use crate::data::Indicator;

/// Narrowest card; the grid uses as many columns as fit.
const MIN_CARD_WIDTH: u16 = 38;
const MAX_COLUMNS: u16 = 4;
/// Extra lines a card may take for charts when the screen has room.
const MAX_EXTRA_LINES: u16 = 6;
/// A card is at least this tall (borders and two lines).
const MIN_CARD_HEIGHT: u16 = 4;

/// ┌ GDP ──────────────┐┌ Foreign trade ────┐
/// │3.22 trillion (2023)││569 billion (2023) │
/// └────────────────────┘└───────────────────┘
pub struct Grid<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
}

/// Where each visible card goes, and the "more" marker when rows are hidden.
#[derive(Debug, Default)]
pub struct GridLayout {
    /// Index of the card in the tab, and its rectangle.
    pub cards: Vec<(usize, Rect)>,
    pub marker: Option<(&'static str, Rect)>,
}

impl<'a> Grid<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>) -> Self {
        Self { app, ctx }
    }

    pub fn layout(&self, area: Rect) -> GridLayout {
        let indicators: Vec<&Indicator> = self.app.indicators().collect();
        if indicators.is_empty() || area.is_empty() {
            return GridLayout::default();
        }
        let columns = (area.width / MIN_CARD_WIDTH).clamp(1, MAX_COLUMNS);
        let per_row = usize::from(columns);
        let inner_width = (area.width / columns).saturating_sub(2);
        let rows: Vec<&[&Indicator]> = indicators.chunks(per_row).collect();
        let focus_row = self.app.focus() / per_row;
        // At most height/4 rows show around the focused one; with more rows than that (a data
        // file of hundreds of indicators) only those rows are measured and the others count as
        // the minimum, which places the window the same way.
        let reach = usize::from(area.height / MIN_CARD_HEIGHT) + 2;
        let measured = focus_row.saturating_sub(reach)..=focus_row + reach;
        let measure_all = rows.len() <= reach * 2;
        let mut heights: Vec<u16> = rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                if !measure_all && !measured.contains(&r) {
                    return MIN_CARD_HEIGHT;
                }
                row.iter()
                    .map(|i| Card::new(self.ctx, i, false).min_lines(inner_width))
                    .max()
                    .unwrap_or(1)
                    + 2
            })
            .collect();
        let total: u16 = heights.iter().sum();
        if total < area.height {
            let rows_len = u16::try_from(rows.len()).unwrap_or(u16::MAX).max(1);
            let extra = ((area.height - total) / rows_len).min(MAX_EXTRA_LINES);
            for h in &mut heights {
                *h += extra;
            }
        }
        let first_row = first_visible_row(&heights, focus_row, area.height);
        let mut layout = GridLayout::default();
        let mut rest = area;
        for (r, &height) in heights.iter().enumerate().skip(first_row) {
            let height = height.min(rest.height);
            if height < 3 {
                break;
            }
            let [row_area, below] = rest.layout(&Layout::vertical([
                Constraint::Length(height),
                Constraint::Fill(1),
            ]));
            let cells = row_area.layout_vec(&Layout::horizontal(
                (0..columns).map(|_| Constraint::Ratio(1, u32::from(columns))),
            ));
            for (c, cell) in cells.into_iter().enumerate().take(rows[r].len()) {
                layout.cards.push((r * per_row + c, cell));
            }
            rest = below;
            if rest.is_empty() {
                break;
            }
        }
        let needed: u32 = heights[first_row..].iter().map(|&h| u32::from(h)).sum();
        let hidden_below = needed > u32::from(area.height);
        if hidden_below || first_row > 0 {
            let marker = if first_row > 0 && !hidden_below {
                glyphs::MORE_ABOVE
            } else {
                glyphs::MORE_BELOW
            };
            let shown_to = rest.y.min(area.bottom()).saturating_sub(1).max(area.y);
            let width = u16::try_from(marker.width()).unwrap_or(0);
            let row = Rect::new(area.x, shown_to, area.width, 1);
            let [_, at, _] = row.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(width),
                Constraint::Length(1),
            ]));
            layout.marker = Some((marker, at));
        }
        layout
    }
}

impl Widget for Grid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = self.layout(area);
        let indicators: Vec<&Indicator> = self.app.indicators().collect();
        for &(index, rect) in &layout.cards {
            let focused = index == self.app.focus();
            Card::new(self.ctx, indicators[index], focused).render(rect, buf);
        }
        if let Some((marker, at)) = layout.marker {
            Span::styled(marker, self.ctx.theme.key).render(at, buf);
        }
    }
}

/// The first row to draw so that `focus_row` is fully visible.
fn first_visible_row(heights: &[u16], focus_row: usize, available: u16) -> usize {
    let mut first = 0;
    while first < focus_row {
        let needed: u32 = heights[first..=focus_row]
            .iter()
            .map(|&h| u32::from(h))
            .sum();
        if needed <= u32::from(available) {
            break;
        }
        first += 1;
    }
    first
}
