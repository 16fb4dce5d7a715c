//! The zoom view's year table (a ratatui [`Table`]: columns are screen cells, so Chinese
//! headers line up too): every year of the series in its view, gaps included, with its change
//! and, where the room allows, each earlier release. The latest year always shows: when the
//! table is taller than its room it starts further down, and says so.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Row, Table, Widget};

use crate::data::derive::{self, in_points};
use crate::data::model::View;
use crate::data::units::signed_pct;
use crate::data::{Indicator, Series};
use crate::format::{pp, view_value};
use crate::ui::{Ctx, glyphs};

/// Columns of the value: wide enough for `1,430.017` and `≈US$1,234.5`.
const VALUE_WIDTH: u16 = 12;

pub struct YearTable<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    series: &'a Series,
    view: View,
}

fn right(text: String) -> Text<'static> {
    Text::from(Line::from(text)).alignment(Alignment::Right)
}

impl<'a> YearTable<'a> {
    pub fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator, series: &'a Series, view: View) -> Self {
        Self {
            ctx,
            indicator,
            series,
            view,
        }
    }
}

/// The columns the table has room for: the stated growth (when the series names one) and
/// how many earlier releases.
struct Columns<'a> {
    stated: Option<(&'a Series, bool)>,
    history: usize,
}

impl<'a> YearTable<'a> {
    fn columns(&self, width: u16) -> Columns<'a> {
        // The growth the source states (real GDP growth beside GDP), when there is one.
        let stated = self
            .indicator
            .growth
            .as_deref()
            .and_then(|id| self.ctx.dataset.indicator(id))
            .and_then(|g| match &g.shape {
                crate::data::Shape::Series(s) => Some((s, g.real)),
                _ => None,
            });
        let stated_width = if stated.is_some() { 9 } else { 0 };
        let history = usize::from(width.saturating_sub(5 + VALUE_WIDTH + 10 + stated_width) / 14)
            .min(self.series.history.len());
        Columns { stated, history }
    }

    fn header(&self, columns: &Columns) -> Row<'static> {
        let (ctx, lang) = (self.ctx, self.ctx.lang());
        let mut header = vec![
            Cell::from(lang.pick("year", "年份")),
            Cell::from(right(if self.view == View::Level {
                ctx.numbers.unit_label(self.indicator.unit).to_string()
            } else {
                lang.pick("view", "视图").to_string()
            })),
        ];
        if let Some((_, real)) = columns.stated {
            let label = if real {
                lang.pick("real", "实际增长")
            } else {
                lang.pick("stated", "公布增长")
            };
            header.push(Cell::from(right(label.into())));
        }
        header.push(Cell::from(if in_points(self.indicator) {
            lang.pick("change", "变化")
        } else {
            lang.pick("calc. y/y", "计算同比")
        }));
        for vintage in &self.series.history[..columns.history] {
            header.push(Cell::from(right(crate::format::truncate(
                vintage.label.get(lang),
                13,
            ))));
        }
        Row::new(header).style(self.ctx.theme.muted)
    }

    fn row(&self, year: u16, derived: &derive::Derived, columns: &Columns) -> Row<'static> {
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let marker = if self.series.break_at(year).is_some() {
            glyphs::BREAK
        } else {
            ""
        };
        let (cell, style) = match (derived.get(year), self.view) {
            (Some(v), View::Level) => (
                ctx.numbers.number(self.indicator.unit, v, Some(year)),
                theme.text,
            ),
            (Some(v), view) => (
                view_value(ctx.numbers, self.indicator, view, v, year),
                theme.text,
            ),
            (None, _) => (glyphs::GAP.to_string(), theme.muted),
        };
        let change = if in_points(self.indicator) {
            derive::pp_change(self.series, year).map(|c| (pp(c, lang), c))
        } else {
            derive::yoy(self.series, year).map(|c| (signed_pct(c), c))
        };
        let change_cell = match (change, self.series.break_at(year)) {
            (Some((text, c)), _) => Cell::from(text).style(theme.change(c)),
            (None, Some(_)) => Cell::from(lang.pick("new base", "新基数")).style(theme.muted),
            (None, None) => Cell::from(""),
        };
        let mut cells = vec![
            Cell::from(format!("{year}{marker}")).style(theme.muted),
            Cell::from(right(cell)).style(style),
        ];
        if let Some((growth, _)) = columns.stated {
            let text = growth.get(year).map_or_else(String::new, signed_pct);
            cells.push(Cell::from(right(text)).style(theme.hero));
        }
        cells.push(change_cell);
        for vintage in &self.series.history[..columns.history] {
            let v = vintage.points.iter().find(|p| p.year == year);
            let text = v.map_or_else(String::new, |p| self.indicator.unit.number(p.value, lang));
            cells.push(Cell::from(right(text)).style(theme.muted));
        }
        Row::new(cells)
    }
}

impl Widget for YearTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, lang) = (&self.ctx.theme, self.ctx.lang());
        let derived = self
            .ctx
            .dataset
            .derive(self.indicator, self.series, self.view);
        let (Some(first), Some(last)) = (self.series.first(), self.series.last()) else {
            return;
        };
        let columns = self.columns(area.width);
        let rows: Vec<Row> = (first.year..=last.year)
            .map(|year| self.row(year, &derived, &columns))
            .collect();
        // Keep the latest year in view: drop the earliest rows that do not fit.
        let room = usize::from(area.height.saturating_sub(1));
        let hidden = rows.len().saturating_sub(room);
        let [hint, table_area] = area.layout(&Layout::vertical([
            Constraint::Length(u16::from(hidden > 0)),
            Constraint::Fill(1),
        ]));
        let shown: Vec<Row> = rows
            .into_iter()
            .skip(hidden + usize::from(hidden > 0))
            .collect();
        let mut widths = vec![Constraint::Length(5), Constraint::Length(VALUE_WIDTH)];
        if columns.stated.is_some() {
            widths.push(Constraint::Length(8));
        }
        widths.push(Constraint::Length(10));
        widths.extend((0..columns.history).map(|_| Constraint::Length(13)));
        Table::new(shown, widths)
            .header(self.header(&columns))
            .column_spacing(1)
            .render(table_area, buf);
        if hidden > 0 {
            let text = match lang {
                crate::text::Lang::En => {
                    format!("{} {} earlier years above", glyphs::UP, hidden + 1)
                }
                crate::text::Lang::Zh => format!("{} 另有{}个较早年份", glyphs::UP, hidden + 1),
            };
            Span::styled(text, theme.muted).render(hint, buf);
        }
    }
}
