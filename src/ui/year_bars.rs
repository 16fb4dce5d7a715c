//! Bars by year (ratatui's [`BarChart`], one per bar so that each series has its own fill):
//! a group per year of all the panel's series (exports beside imports), on the same time axis
//! and value gutter as the tab's charts, the latest year in bold, a year without figures an
//! empty slot. Every bar carries its value, or none does and the axis reads them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::symbols::{bar, shade};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};
use unicode_width::UnicodeWidthStr;

use super::Ctx;
use super::chart::{GUTTER, nice_ceiling};
use crate::data::{Indicator, Shape};
use crate::format::scale::fixed;

/// The second series' fill: shaded, so that it differs from the first without colour.
const SHADED: bar::Set<'static> = bar::Set {
    full: shade::MEDIUM,
    seven_eighths: shade::MEDIUM,
    three_quarters: shade::MEDIUM,
    five_eighths: shade::MEDIUM,
    half: shade::MEDIUM,
    three_eighths: " ",
    one_quarter: " ",
    one_eighth: " ",
    empty: " ",
};

/// The third series' fill: dark shade.
const DARK: bar::Set<'static> = bar::Set {
    full: shade::DARK,
    seven_eighths: shade::DARK,
    three_quarters: shade::DARK,
    five_eighths: shade::DARK,
    half: shade::DARK,
    ..SHADED
};

/// The fill of the `i`-th series, and how the legend shows it.
fn fill(i: usize) -> (bar::Set<'static>, &'static str) {
    match i % 3 {
        0 => (bar::NINE_LEVELS, "█"),
        1 => (SHADED, shade::MEDIUM),
        _ => (DARK, shade::DARK),
    }
}

/// ```text
///  billion yuan   █ Exports   ▒ Imports
///    400 ┤ █▒       █▒  █▒
///    200 ┤ █▒       █▒  █▒
///      0 ┤ █▒       █▒  █▒
///          2021 2022 … 2024 2025
/// ```
pub struct YearBars<'a> {
    ctx: &'a Ctx<'a>,
    series: Vec<&'a Indicator>,
    /// The years of the tab's shared time axis.
    span: Option<(u16, u16)>,
}

impl<'a> YearBars<'a> {
    pub fn new(ctx: &'a Ctx<'a>, series: Vec<&'a Indicator>, span: Option<(u16, u16)>) -> Self {
        Self { ctx, series, span }
    }
}

/// Years from the first to the last figure of the series.
pub fn year_span(series: &[&Indicator]) -> Option<(u16, u16)> {
    let years = || {
        series.iter().filter_map(|i| match &i.shape {
            Shape::Series(s) => Some(s.points.iter().map(|p| p.year)),
            _ => None,
        })
    };
    Some((years().flatten().min()?, years().flatten().max()?))
}

impl YearBars<'_> {
    /// The unit, each series with its fill, and what an empty slot means.
    fn legend(&self, unit: &str, gaps: bool, area: Rect, buf: &mut Buffer) {
        let (theme, lang) = (&self.ctx.theme, self.ctx.lang());
        let mut spans = vec![Span::styled(format!("{unit}   "), theme.muted)];
        let names = super::panel_chart::legend_labels(&self.series, lang);
        for (i, name) in names.iter().enumerate() {
            spans.push(Span::styled(
                format!("{} {name}   ", fill(i).1),
                theme.series(i),
            ));
        }
        let note = lang.pick("(no bar: no figure found)", "（无柱：未找到数据）");
        let used: usize = spans.iter().map(Span::width).sum();
        // What an empty slot means, whole or not at all.
        if gaps && used + note.width() <= usize::from(area.width) {
            spans.push(Span::styled(note, theme.muted));
        }
        Line::from(spans).render(area, buf);
    }
}

impl YearBars<'_> {
    /// The bars: each year a slot of the axis (as the charts place their years), a group of
    /// one bar a series in it, on one scale up to `high`.
    fn bars(
        &self,
        column: &crate::format::Column,
        years: &[u16],
        high: f64,
        bars_area: Rect,
        buf: &mut Buffer,
    ) {
        let theme = &self.ctx.theme;
        let latest = years.last().copied().unwrap_or(0);
        let shown = |indicator: &Indicator, year: u16| match &indicator.shape {
            Shape::Series(s) => s.get(year).and_then(|v| column.value(v, Some(year))),
            _ => None,
        };
        // Each year a slot of the axis, as the charts place their years.
        let n = u32::try_from(years.len().max(1)).unwrap_or(1);
        let width = u32::from(bars_area.width);
        let slot = |i: usize| {
            let i = u32::try_from(i).unwrap_or(0);
            let x0 = i * width / n;
            let x1 = (i + 1) * width / n;
            let x = bars_area.x + u16::try_from(x0).unwrap_or(0);
            Rect::new(
                x,
                bars_area.y,
                u16::try_from(x1 - x0).unwrap_or(0),
                bars_area.height,
            )
        };
        let per_group = u16::try_from(self.series.len().max(1)).unwrap_or(1);
        let slot_width = slot(0).width;
        // A column between groups first, then one between bars if there is room.
        let gap = u16::from(slot_width > per_group * 2);
        let bar_width = (slot_width.saturating_sub(1) / per_group)
            .saturating_sub(gap)
            .clamp(1, 10);
        let texts: Vec<String> = years
            .iter()
            .flat_map(|&y| self.series.iter().map(move |i| (i, y)))
            .filter_map(|(i, y)| shown(i, y).map(|v| fixed(v, column.decimals)))
            .collect();
        let labelled = texts.iter().all(|t| t.width() <= usize::from(bar_width));
        // Bar heights: hundredths of the axis unit, whole numbers.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let height = |v: f64| (v.max(0.0) * 100.0).round() as u64;
        for (k, &year) in years.iter().enumerate() {
            let cell = slot(k);
            let group_width = per_group * (bar_width + gap) - gap;
            let left = cell.x + cell.width.saturating_sub(group_width) / 2;
            for (i, indicator) in self.series.iter().enumerate() {
                let Some(value) = shown(indicator, year) else {
                    continue;
                };
                let x = left + u16::try_from(i).unwrap_or(0) * (bar_width + gap);
                let rect = Rect::new(x, cell.y, bar_width, cell.height).intersection(bars_area);
                let mut style = theme.series(i);
                if year == latest {
                    style = style.add_modifier(Modifier::BOLD);
                }
                let text = if labelled {
                    fixed(value, column.decimals)
                } else {
                    String::new()
                };
                let bar = Bar::default()
                    .value(height(value))
                    .text_value(text)
                    .style(style)
                    .value_style(theme.hero);
                BarChart::default()
                    .bar_width(bar_width)
                    .bar_set(fill(i).0)
                    .max(height(high))
                    .data(BarGroup::default().bars(&[bar]))
                    .render(rect, buf);
            }
        }
    }
}

impl Widget for YearBars<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, theme) = (self.ctx, &self.ctx.theme);
        let Some((earliest, latest)) = self.span.or_else(|| year_span(&self.series)) else {
            return;
        };
        let Some(first) = self.series.first() else {
            return;
        };
        let years: Vec<u16> = (earliest..=latest).collect();
        // One scale for every bar (one currency: a year without a rate has no bar).
        let values: Vec<(f64, Option<u16>)> = self
            .series
            .iter()
            .filter_map(|i| match &i.shape {
                Shape::Series(s) => Some(s.points.iter().map(|p| (p.value, Some(p.year)))),
                _ => None,
            })
            .flatten()
            .collect();
        let column = ctx.numbers.column(first.unit, &values);
        let shown = |indicator: &Indicator, year: u16| match &indicator.shape {
            Shape::Series(s) => s.get(year).and_then(|v| column.value(v, Some(year))),
            _ => None,
        };
        let figure = |indicator: &Indicator, year: u16| match &indicator.shape {
            Shape::Series(s) => s.get(year).is_some(),
            _ => false,
        };
        let gaps = years
            .iter()
            .any(|&y| self.series.iter().any(|i| !figure(i, y)));
        // Years with a figure but no rate to show it in dollars.
        let unrated: Vec<u16> = years
            .iter()
            .copied()
            .filter(|&y| {
                self.series
                    .iter()
                    .any(|i| figure(i, y) && shown(i, y).is_none())
            })
            .collect();
        let unit = if column.converted() {
            super::panel_chart::converted_unit(column.label(), &unrated, ctx.lang())
        } else {
            column.label().to_string()
        };
        let [head, plot, labels] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        self.legend(&unit, gaps, head, buf);
        let max = values
            .iter()
            .filter_map(|&(v, y)| column.value(v, y))
            .fold(0.0_f64, f64::max);
        let high = nice_ceiling(max);
        let [gutter, bars_area] = plot.layout(&Layout::horizontal([
            Constraint::Length(GUTTER),
            Constraint::Fill(1),
        ]));
        if bars_area.width == 0 || bars_area.height < 2 {
            return;
        }
        super::chart::render_y_labels(gutter, 0.0, high, theme.muted, buf);
        super::chart::render_x_labels(earliest, latest, bars_area, labels, theme.muted, buf);
        self.bars(&column, &years, high, bars_area, buf);
    }
}
