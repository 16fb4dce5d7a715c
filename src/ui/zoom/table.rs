//! The zoom view's year table (a ratatui [`Table`]: columns are screen cells, so Chinese
//! headers line up too): every year of the series, gaps included, with the exact figure as
//! its source gave it under a unit header (decimal points aligned), the stated growth beside
//! the computed change, China's figure, and each earlier release, as many columns as fit, each
//! as wide as its widest cell. The latest year always shows: when the table is taller than its
//! room it starts further down, and says so.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Row, Table, Widget};
use unicode_width::UnicodeWidthStr;

use crate::data::derive::{self, in_points, is_amount};
use crate::data::model::View;
use crate::data::units::{group, signed_pct};
use crate::data::{Indicator, Series, Shape};
use crate::format::{view_number, view_unit};
use crate::text::Lang;
use crate::ui::{Ctx, glyphs};

/// One column: a two-line header and a cell per year (text and style).
struct Column {
    header: [String; 2],
    cells: Vec<(String, Style)>,
}

impl Column {
    fn width(&self) -> usize {
        self.cells
            .iter()
            .map(|(t, _)| t.width())
            .chain(self.header.iter().map(|h| h.width()))
            .max()
            .unwrap_or(0)
    }
}

/// Numbers of a column with their decimal points one above the other: `3,420.25 ` over
/// `1,430.017` (spaces after, never a digit added).
fn align_decimals(cells: &mut [(String, Style)]) {
    let frac = |t: &str| {
        t.rfind('.')
            .filter(|&i| t[i + 1..].chars().all(|c| c.is_ascii_digit()))
            .map_or(0, |i| t.len() - i)
    };
    let numeric = |t: &str| t.chars().any(|c| c.is_ascii_digit());
    let most = cells
        .iter()
        .filter(|(t, _)| numeric(t))
        .map(|(t, _)| frac(t))
        .max()
        .unwrap_or(0);
    for (text, _) in cells.iter_mut().filter(|(t, _)| numeric(t)) {
        let pad = most - frac(text);
        text.push_str(&" ".repeat(pad));
    }
}

/// A header on two lines when long: at the first space, but a unit ("billion yuan",
/// "≈billion US$") stays whole on the first line.
fn split_header(label: &str) -> [String; 2] {
    match label.split_once(' ') {
        Some((a, b)) if label.width() > 14 => [a.to_string(), b.to_string()],
        _ => [label.to_string(), String::new()],
    }
}

pub struct YearTable<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    series: &'a Series,
    view: View,
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

    /// Every year of the table, oldest first: the series' figures and stated bounds.
    fn years(&self) -> Vec<u16> {
        let years = self
            .series
            .points
            .iter()
            .map(|p| p.year)
            .chain(self.series.bounds.iter().map(|b| b.year));
        match (years.clone().min(), years.max()) {
            (Some(a), Some(b)) => (a..=b).collect(),
            _ => Vec::new(),
        }
    }

    /// The columns, most important first.
    fn columns(&self, years: &[u16]) -> Vec<Column> {
        let (theme, lang) = (&self.ctx.theme, self.ctx.lang());
        let (unit, muted) = (self.indicator.unit, theme.muted);
        let mut columns = vec![Column {
            header: [lang.pick("year", "年份").to_string(), String::new()],
            cells: years
                .iter()
                .map(|&y| {
                    let marker = if self.series.break_at(y).is_some() {
                        glyphs::BREAK
                    } else {
                        ""
                    };
                    (format!("{y}{marker}"), muted)
                })
                .collect(),
        }];
        columns.push(self.value_column(years));
        columns.extend(self.stated_column(years));
        columns.push(self.change_column(years));
        columns.extend(self.national(years));
        for vintage in &self.series.history {
            let mut cells: Vec<(String, Style)> = years
                .iter()
                .map(|&y| {
                    let v = vintage.points.iter().find(|p| p.year == y);
                    (
                        v.map_or_else(String::new, |p| unit.number(p.value, lang)),
                        muted,
                    )
                })
                .collect();
            align_decimals(&mut cells);
            columns.push(Column {
                header: split_header(vintage.label.get(lang)),
                cells,
            });
        }
        columns
    }

    /// The figure: exact as the source gave it (decimal points aligned), converted in US$ (a
    /// year without a rate says so), a stated bound, or the view's value.
    fn value_column(&self, years: &[u16]) -> Column {
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let (n, muted) = (ctx.numbers, theme.muted);
        let derived = ctx.dataset.derive(self.indicator, self.series, self.view);
        let unit = self.indicator.unit;
        let converted = self.view == View::Level && n.converts(unit);
        let column = n.column(
            unit,
            &self
                .series
                .points
                .iter()
                .map(|p| (p.value, Some(p.year)))
                .collect::<Vec<_>>(),
        );
        let header = match self.view {
            View::Level if converted => format!("≈{}", column.label()),
            View::Level => unit.label(lang).to_string(),
            view => view_unit(n, self.indicator, view),
        };
        let mut cells: Vec<(String, Style)> = years
            .iter()
            .map(|&y| {
                let value = derived.get(y);
                match (self.view, value, self.series.bound(y)) {
                    (View::Level, Some(v), _) if converted => match column.text(v, Some(y)) {
                        Some(text) => (text, theme.text),
                        None => (lang.pick("no rate", "无汇率").to_string(), muted),
                    },
                    (View::Level, Some(v), _) => (unit.number(v, lang), theme.text),
                    // A bound in US$ only at its year's rate.
                    (View::Level, None, Some(b)) if converted => {
                        match column.text(b.value, Some(y)) {
                            Some(text) => (format!("{}{text}", b.qualifier.label(lang)), muted),
                            None => (lang.pick("no rate", "无汇率").to_string(), muted),
                        }
                    }
                    (View::Level, None, Some(b)) => (
                        format!("{}{}", b.qualifier.label(lang), unit.number(b.value, lang)),
                        muted,
                    ),
                    // A money view in US$ (per resident) only at its year's rate.
                    (View::PerCapita, Some(_), _) if n.no_rate(unit, Some(y)) => {
                        (lang.pick("no rate", "无汇率").to_string(), muted)
                    }
                    (view, Some(v), _) => (view_number(n, self.indicator, view, v, y), theme.text),
                    (_, None, _) => (glyphs::GAP.to_string(), muted),
                }
            })
            .collect();
        align_decimals(&mut cells);
        Column {
            header: split_header(&header),
            cells,
        }
    }

    /// The growth the source states beside the figures (real GDP growth beside GDP).
    fn stated_column(&self, years: &[u16]) -> Option<Column> {
        let (theme, lang) = (&self.ctx.theme, self.ctx.lang());
        let (growth, real) = self.stated()?;
        let header = if real {
            [
                lang.pick("real", "实际增长"),
                lang.pick("(official)", "（官方）"),
            ]
        } else {
            [lang.pick("growth", "公布增长"), lang.pick("(stated)", "")]
        };
        let mut cells: Vec<(String, Style)> = years
            .iter()
            .map(|&y| {
                (
                    growth.get(y).map_or_else(String::new, signed_pct),
                    theme.hero,
                )
            })
            .collect();
        align_decimals(&mut cells);
        Some(Column {
            header: header.map(str::to_string),
            cells,
        })
    }

    /// The change computed from the figures, never across a break.
    fn change_column(&self, years: &[u16]) -> Column {
        let (theme, lang) = (&self.ctx.theme, self.ctx.lang());
        let (unit, muted) = (self.indicator.unit, theme.muted);
        let header = if in_points(self.indicator) {
            [lang.pick("change", "变化"), lang.pick("(pp)", "（百分点）")]
        } else if unit.is_money() {
            [
                lang.pick("nominal", "名义同比"),
                // In dollars the change is still of the yuan figures.
                if self.ctx.numbers.converts(unit) {
                    lang.pick("(in yuan)", "（按人民币）")
                } else {
                    lang.pick("(computed)", "（计算）")
                },
            ]
        } else {
            [
                lang.pick("y/y", "同比"),
                lang.pick("(computed)", "（计算）"),
            ]
        };
        let mut cells: Vec<(String, Style)> = years
            .iter()
            .map(|&y| {
                let change = if in_points(self.indicator) {
                    derive::pp_change(self.series, y).map(|c| {
                        let sign = if c > 0.0 { "+" } else { "" };
                        (format!("{sign}{}", group(c, 2)), c)
                    })
                } else {
                    derive::yoy(self.series, y).map(|c| (signed_pct(c), c))
                };
                match (change, self.series.break_at(y)) {
                    (Some((text, c)), _) => (text, theme.change(c)),
                    (None, Some(_)) => (lang.pick("new base", "新基数").to_string(), muted),
                    (None, None) => (String::new(), muted),
                }
            })
            .collect();
        align_decimals(&mut cells);
        Column {
            header: header.map(str::to_string),
            cells,
        }
    }

    /// The growth the source states (real GDP growth beside GDP), when there is one.
    fn stated(&self) -> Option<(&'a Series, bool)> {
        let growth = self
            .ctx
            .dataset
            .indicator(self.indicator.growth.as_deref()?)?;
        match &growth.shape {
            Shape::Series(s) => Some((s, growth.real)),
            _ => None,
        }
    }

    /// China beside the province: its rate for a rate, the share of it for an amount.
    fn national(&self, years: &[u16]) -> Option<Column> {
        let (ctx, lang) = (self.ctx, self.ctx.lang());
        let national = ctx.dataset.national(self.indicator)?;
        let theme = &ctx.theme;
        if is_amount(self.indicator) {
            let shares = ctx.dataset.shares(self.indicator);
            let mismatched = ctx.dataset.share_base_mismatches(self.indicator);
            let cells = years
                .iter()
                .map(|y| {
                    let share = shares.iter().find(|(year, _)| year == y);
                    let text = match share {
                        Some((_, s)) => format!("{}%", group(*s, 2)),
                        // No share of a revised province over a first-release China.
                        None if mismatched.contains(y) => {
                            lang.pick("other base", "口径不同").to_string()
                        }
                        None => String::new(),
                    };
                    (text, theme.muted)
                })
                .collect();
            return Some(Column {
                header: [
                    lang.pick("share of", "占全国").to_string(),
                    lang.pick("China", "比重").to_string(),
                ]
                .map(|h| h),
                cells,
            });
        }
        let Shape::Series(china) = &national.shape else {
            return None;
        };
        let mut cells: Vec<(String, Style)> = years
            .iter()
            .map(|&y| {
                let text = china
                    .get(y)
                    .map_or_else(String::new, |v| national.unit.number(v, lang));
                (text, theme.muted)
            })
            .collect();
        align_decimals(&mut cells);
        Some(Column {
            header: [lang.pick("China", "全国").to_string(), String::new()],
            cells,
        })
    }

    /// Columns the table takes at its widest that fit in `width`.
    pub fn width(&self, width: u16) -> u16 {
        let years = self.years();
        let widths = fitting(&self.columns(&years), usize::from(width));
        u16::try_from(widths.iter().map(|w| w + 1).sum::<usize>()).unwrap_or(width)
    }
}

/// The widths of the columns that fit in `width` (one space between columns), most important
/// first.
fn fitting(columns: &[Column], width: usize) -> Vec<usize> {
    let mut used = 0;
    let mut out = Vec::new();
    for column in columns {
        let w = column.width();
        if used + w > width && !out.is_empty() {
            break;
        }
        used += w + 1;
        out.push(w);
    }
    out
}

fn right(text: String) -> Text<'static> {
    Text::from(Line::from(text)).alignment(Alignment::Right)
}

impl Widget for YearTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, lang) = (&self.ctx.theme, self.ctx.lang());
        let years = self.years();
        if years.is_empty() {
            return;
        }
        let columns = self.columns(&years);
        let widths = fitting(&columns, usize::from(area.width));
        let columns = &columns[..widths.len()];
        let header = Row::new(columns.iter().enumerate().map(|(i, c)| {
            let lines: Vec<Line> = c.header.iter().map(|h| Line::from(h.clone())).collect();
            let text = Text::from(lines);
            Cell::from(if i == 0 {
                text
            } else {
                text.alignment(Alignment::Right)
            })
        }))
        .height(2)
        .style(theme.muted);
        // Keep the latest year in view: drop the earliest rows that do not fit.
        let room = usize::from(area.height.saturating_sub(2));
        let hidden = years.len().saturating_sub(room);
        let [hint, table_area] = area.layout(&Layout::vertical([
            Constraint::Length(u16::from(hidden > 0)),
            Constraint::Fill(1),
        ]));
        let skip = hidden + usize::from(hidden > 0);
        let rows: Vec<Row> = (skip..years.len())
            .map(|r| {
                Row::new(columns.iter().enumerate().map(|(i, c)| {
                    let (text, style) = c.cells[r].clone();
                    let cell = if i == 0 {
                        Text::from(text)
                    } else {
                        right(text)
                    };
                    Cell::from(cell).style(style)
                }))
            })
            .collect();
        let constraints: Vec<Constraint> = widths
            .iter()
            .map(|&w| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)))
            .collect();
        Table::new(rows, constraints)
            .header(header)
            .column_spacing(1)
            .render(table_area, buf);
        if hidden > 0 {
            let text = match lang {
                Lang::En => format!("{} {} earlier years above", glyphs::UP, skip),
                Lang::Zh => format!("{} 另有{}个较早年份", glyphs::UP, skip),
            };
            Span::styled(text, theme.muted).render(hint, buf);
        }
    }
}
