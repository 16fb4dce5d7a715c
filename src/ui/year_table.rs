//! Every year of a series, gaps included, with its year-on-year change, as a ratatui
//! [`Table`]: columns are measured in screen cells, so Chinese headers line up too.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Cell, Row, Table, Widget};

use super::{Ctx, glyphs};
use crate::data::derive::yoy;
use crate::data::units::{group, signed_pct};
use crate::data::{Indicator, Series};

/// ```text
/// year          value  y/y
/// 2014       15,708.6
/// 2015       16,723.8  +6.5%
/// 2016¦      18,364.4          (¦ marks a break in the series)
/// ```
pub struct YearTable<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    series: &'a Series,
}

/// Columns: year (with the break marker), value, change.
pub const WIDTHS: [Constraint; 3] = [
    Constraint::Length(5),
    Constraint::Length(12),
    Constraint::Length(8),
];

impl<'a> YearTable<'a> {
    pub fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator, series: &'a Series) -> Self {
        Self {
            ctx,
            indicator,
            series,
        }
    }
}

fn right(text: String) -> Text<'static> {
    Text::from(Line::from(text)).alignment(Alignment::Right)
}

impl Widget for YearTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, lang) = (&self.ctx.theme, self.ctx.lang());
        let header = Row::new(vec![
            Cell::from(lang.pick("year", "年份")),
            Cell::from(right(self.indicator.unit.label(lang).to_string())),
            Cell::from(lang.pick("y/y", "同比")),
        ])
        .style(theme.muted);
        let rows = self.series.with_gaps().into_iter().map(|(year, value)| {
            let marker = if self.series.break_at(year).is_some() {
                "¦"
            } else {
                ""
            };
            let (cell, style) = match value {
                Some(v) => (group(v, 2), theme.text),
                None => (glyphs::GAP.to_string(), theme.muted),
            };
            let change = yoy(self.series, year);
            Row::new(vec![
                Cell::from(format!("{year}{marker}")).style(theme.muted),
                Cell::from(right(cell)).style(style),
                Cell::from(change.map(signed_pct).unwrap_or_default())
                    .style(theme.change(change.unwrap_or(0.0))),
            ])
        });
        Table::new(rows, WIDTHS)
            .header(header)
            .column_spacing(1)
            .render(area, buf);
    }
}
