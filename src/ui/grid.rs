//! A grid of cards: as many columns as fit, rows as tall as their tallest card, scrolled so
//! that the focused card is always whole on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::Ctx;
use super::card::Card;
use super::glyphs;
use crate::app::App;

/// Narrowest card; the grid uses as many columns as fit.
const MIN_CARD_WIDTH: u16 = 38;
const MAX_COLUMNS: u16 = 4;
/// Extra lines a card may take for its chart when the screen has room.
const MAX_EXTRA_LINES: u16 = 6;
/// A card is at least this tall (borders and two lines).
pub const MIN_CARD_HEIGHT: u16 = 4;

/// How many columns of cards fit in `width`.
pub fn columns(width: u16) -> u16 {
    (width / MIN_CARD_WIDTH).clamp(1, MAX_COLUMNS)
}

/// ┌ GDP ──────────────┐┌ Foreign trade ────┐
/// │3,420.25 billion…  ││482.3 billion yuan │
/// └────────────────────┘└───────────────────┘
pub struct Grid<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
    /// Indices into the dataset's indicators, in order.
    cards: &'a [usize],
    /// Which of them is focused, if any.
    focus: Option<usize>,
}

/// Where each visible card goes, and the "more" marker when rows are hidden.
#[derive(Debug, Default)]
pub struct GridLayout {
    /// Index of the card in the grid's list, and its rectangle.
    pub cards: Vec<(usize, Rect)>,
    pub marker: Option<(&'static str, Rect)>,
}

impl<'a> Grid<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>, cards: &'a [usize], focus: Option<usize>) -> Self {
        Self {
            app,
            ctx,
            cards,
            focus,
        }
    }

    fn card(&self, i: usize, focused: bool) -> Card<'a> {
        let indicator = &self.ctx.dataset.indicators[self.cards[i]];
        Card::new(self.ctx, indicator, self.app.view_of(indicator), focused)
    }

    /// The height of each row at `width`, before extra room is shared out.
    fn row_heights(
        &self,
        width: u16,
        rows: usize,
        per_row: usize,
        measured: Option<&std::ops::RangeInclusive<usize>>,
    ) -> Vec<u16> {
        let inner_width = (width / columns(width)).saturating_sub(2);
        (0..rows)
            .map(|r| {
                if measured.is_some_and(|m| !m.contains(&r)) {
                    return MIN_CARD_HEIGHT;
                }
                let end = ((r + 1) * per_row).min(self.cards.len());
                (r * per_row..end)
                    .map(|i| self.card(i, false).min_lines(inner_width))
                    .max()
                    .unwrap_or(1)
                    + 2
            })
            .collect()
    }

    /// The height all rows need at `width`.
    pub fn natural_height(&self, width: u16) -> u16 {
        let per_row = usize::from(columns(width));
        let rows = self.cards.len().div_ceil(per_row);
        // A tab of hundreds of cards counts the minimum for all but the first rows.
        let measured = (rows > 16).then_some(0..=16);
        self.row_heights(width, rows, per_row, measured.as_ref())
            .iter()
            .sum()
    }

    pub fn layout(&self, area: Rect) -> GridLayout {
        if self.cards.is_empty() || area.is_empty() {
            return GridLayout::default();
        }
        let columns = columns(area.width);
        let per_row = usize::from(columns);
        let rows = self.cards.len().div_ceil(per_row);
        let focus_row = self.focus.unwrap_or(0) / per_row;
        // At most height/4 rows show around the focused one; with more rows than that (a data
        // file of hundreds of indicators) only those rows are measured and the others count as
        // the minimum, which places the window the same way.
        let reach = usize::from(area.height / MIN_CARD_HEIGHT) + 2;
        let measured =
            (rows > reach * 2).then(|| focus_row.saturating_sub(reach)..=focus_row + reach);
        let mut heights = self.row_heights(area.width, rows, per_row, measured.as_ref());
        let total: u16 = heights.iter().sum();
        if total < area.height {
            let rows_len = u16::try_from(rows).unwrap_or(u16::MAX).max(1);
            let extra = ((area.height - total) / rows_len).min(MAX_EXTRA_LINES);
            for h in &mut heights {
                *h += extra;
            }
        }
        let first_row = first_visible_row(&heights, focus_row, area.height);
        let mut layout = GridLayout::default();
        let mut rest = area;
        for (r, &height) in heights.iter().enumerate().skip(first_row) {
            // A row that does not fit whole waits for the next screen (the marker says
            // so), unless it is the focused one.
            if height > rest.height && r != focus_row {
                break;
            }
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
            let in_row = (self.cards.len() - r * per_row).min(per_row);
            for (c, cell) in cells.into_iter().enumerate().take(in_row) {
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
            let marker = glyphs::more(first_row > 0 && !hidden_below, self.ctx.lang());
            let shown_to = rest.y.min(area.bottom()).saturating_sub(1).max(area.y);
            let width = u16::try_from(marker.width()).unwrap_or(0);
            let row = Rect::new(area.x, shown_to, area.width, 1);
            // Left on the bottom border: a card's period is on its right.
            let [_, at, _] = row.layout(&Layout::horizontal([
                Constraint::Length(2),
                Constraint::Length(width),
                Constraint::Fill(1),
            ]));
            layout.marker = Some((marker, at));
        }
        layout
    }
}

impl Widget for Grid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = self.layout(area);
        for &(index, rect) in &layout.cards {
            self.card(index, self.focus == Some(index))
                .render(rect, buf);
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
