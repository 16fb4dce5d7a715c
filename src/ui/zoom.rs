//! The zoom view: one indicator on the whole body, with its chart and table, or its parts,
//! and under them the note and the full source.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, BorderType, Chart, Dataset as ChartData, GraphType, Paragraph, Widget, Wrap,
};

use super::Ctx;
use super::bars::{Bar, HBars};
use super::card::{breakdown_bars, share_gauge, title};
use super::headline::{Details, Headline};
use super::year_table::YearTable;
use crate::data::units::group;
use crate::data::{Fact, Indicator, Series, Shape};

/// Widest the year table gets; the chart takes the rest.
const TABLE_WIDTH: u16 = 34;

/// ┏ GDP, first release ━━━━━━━━━━━━━━━━━━━━━━━━━ Esc back ┓
/// ┃ chart with axes (years × values)     year  value  y/y ┃
/// ┃                                      2014  15,708.6   ┃
/// ┃ Jiangxi 2023 ████████ / China 2023 ██████████████      ┃
/// ┃ note, source and its address                          ┃
/// ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
pub struct Zoom<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
}

impl<'a> Zoom<'a> {
    pub fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator) -> Self {
        Self { ctx, indicator }
    }

    /// Note and the full source of the indicator.
    fn about(&self) -> Vec<Line<'static>> {
        let (theme, lang) = (&self.ctx.theme, self.ctx.lang());
        let mut lines = Vec::new();
        if let Some(note) = &self.indicator.note {
            lines.push(Line::styled(note.get(lang).to_string(), theme.text));
        }
        if let Some(source) = self.ctx.dataset.source(&self.indicator.source) {
            let text = format!(
                "{}{}, \u{201c}{}\u{201d}, {}",
                lang.pick("Source: ", "来源："),
                source.publisher.get(lang),
                source.title,
                source.date
            );
            lines.push(Line::styled(text, theme.muted));
            lines.push(Line::styled(source.url.clone(), theme.muted));
        }
        lines
    }

    fn series(&self, series: &Series, area: Rect, buf: &mut Buffer) {
        let [chart_area, table_area] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(TABLE_WIDTH.min(area.width / 2)),
        ]));
        YearTable::new(self.ctx, self.indicator, series).render(table_area, buf);
        let chart_area = match self.national_comparison(series) {
            Some(bars) if chart_area.height > 8 => {
                let [chart, _, compare] = chart_area.layout(&Layout::vertical([
                    Constraint::Fill(1),
                    Constraint::Length(1),
                    Constraint::Length(2),
                ]));
                HBars::new(&bars, &self.ctx.theme).render(compare, buf);
                chart
            }
            _ => chart_area,
        };
        SeriesChart::new(self.ctx, self.indicator, series).render(chart_area, buf);
    }

    /// Jiangxi beside the national total of its headline year, in Jiangxi's unit.
    fn national_comparison(&self, series: &Series) -> Option<Vec<Bar>> {
        let indicator = self.indicator;
        let total = self.ctx.dataset.national(indicator)?;
        let Shape::Series(total_series) = &total.shape else {
            return None;
        };
        let head = series.headline()?;
        let national = total_series.get(head.year)? * total.unit.scale / indicator.unit.scale;
        let lang = self.ctx.lang();
        let bar = |label: &str, value: f64| Bar {
            label: format!("{label} {}", head.year),
            value,
            text: self
                .ctx
                .numbers
                .amount(indicator.unit, value, Some(head.year)),
            change_pct: None,
        };
        Some(vec![
            bar(lang.pick("Jiangxi", "江西"), head.value),
            bar(lang.pick("China", "全国"), national),
        ])
    }

    fn fact(&self, fact: &Fact, area: Rect, buf: &mut Buffer) {
        let headline = Headline::new(self.ctx, self.indicator, Details::Listed);
        let [text, _, rest, _] = area.layout(&Layout::vertical([
            Constraint::Length(headline.height(area.width)),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        headline.render(text, buf);
        if let Some(share) = fact.share_pct.filter(|_| rest.height > 0) {
            let [gauge, _] = rest.layout(&Layout::vertical([
                Constraint::Length(1),
                Constraint::Fill(1),
            ]));
            share_gauge(self.ctx, share, gauge, buf);
        } else if let (Some(base), Some(value)) = (fact.baseline, fact.value) {
            let lang = self.ctx.lang();
            let amount = |v| self.ctx.numbers.amount(self.indicator.unit, v, None);
            let bars = [
                Bar {
                    label: lang.pick("before", "改革前").to_string(),
                    value: base,
                    text: amount(base),
                    change_pct: None,
                },
                Bar {
                    label: lang.pick("after", "改革后").to_string(),
                    value,
                    text: amount(value),
                    change_pct: None,
                },
            ];
            HBars::new(&bars, &self.ctx.theme).render(rest, buf);
        }
    }
}

impl Widget for Zoom<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, lang) = (&self.ctx.theme, self.ctx.lang());
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme.border_focus)
            .title(Span::styled(
                title(self.ctx, self.indicator),
                theme.card_title,
            ))
            .title_top(
                Line::styled(lang.pick(" Esc back ", " Esc 返回 "), theme.muted).right_aligned(),
            );
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        let about = self.about();
        let about_height = u16::try_from(about.len())
            .unwrap_or(u16::MAX)
            .min(inner.height / 2);
        let [figure, info] = inner.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(about_height),
        ]));
        Paragraph::new(about)
            .wrap(Wrap { trim: true })
            .render(info, buf);
        match &self.indicator.shape {
            Shape::Series(series) => self.series(series, figure, buf),
            Shape::Breakdown(_) => {
                HBars::new(&breakdown_bars(self.ctx, self.indicator, true), theme)
                    .render(figure, buf);
            }
            Shape::Fact(fact) => self.fact(fact, figure, buf),
            Shape::Text(text) => {
                let mut lines = vec![Line::styled(text.text.get(lang).to_string(), theme.hero)];
                if let Some(period) = &self.indicator.period {
                    lines.push(Line::from(period.get(lang).to_string()));
                }
                Paragraph::new(lines)
                    .wrap(Wrap { trim: true })
                    .render(figure, buf);
            }
            Shape::Regions(_) => {}
        }
    }
}

/// A series as a line chart with axes: one line per unbroken run of years, so gaps stay gaps.
struct SeriesChart<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    series: &'a Series,
}

impl<'a> SeriesChart<'a> {
    fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator, series: &'a Series) -> Self {
        Self {
            ctx,
            indicator,
            series,
        }
    }
}

impl Widget for SeriesChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, series) = (&self.ctx.theme, self.series);
        let (Some(first), Some(last)) = (series.first(), series.last()) else {
            return;
        };
        let runs = runs(series);
        let values = || series.points.iter().map(|p| p.value);
        let max = values().fold(f64::MIN, f64::max);
        let min = values().fold(f64::MAX, f64::min);
        let low = if min >= 0.0 { 0.0 } else { -nice_ceiling(-min) };
        let high = if max > 0.0 { nice_ceiling(max) } else { 1.0 };
        let datasets: Vec<ChartData> = runs
            .iter()
            .map(|run| {
                let (marker, kind) = if run.len() == 1 {
                    (Marker::Dot, GraphType::Scatter)
                } else {
                    (Marker::Braille, GraphType::Line)
                };
                ChartData::default()
                    .marker(marker)
                    .graph_type(kind)
                    .style(theme.bar)
                    .data(run)
            })
            .collect();
        let x0 = f64::from(first.year);
        let x1 = f64::from(last.year).max(x0 + 1.0);
        Chart::new(datasets)
            .x_axis(
                Axis::default()
                    .bounds([x0, x1])
                    .labels([first.year.to_string(), last.year.to_string()])
                    .style(theme.muted),
            )
            .y_axis(
                Axis::default()
                    .title(Span::styled(
                        self.indicator.unit.label(self.ctx.lang()),
                        theme.muted,
                    ))
                    .bounds([low, high])
                    .labels([
                        group(low, 2),
                        group(f64::midpoint(low, high), 2),
                        group(high, 2),
                    ])
                    .style(theme.muted),
            )
            .render(area, buf);
    }
}

/// The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above `x`, for axis bounds.
fn nice_ceiling(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(x.log10().floor());
    [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&v| v >= x)
        .unwrap_or(10.0 * magnitude)
}

/// Consecutive-year runs of a series as chart points; a break starts a new run.
fn runs(series: &Series) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut previous: Option<u16> = None;
    for p in &series.points {
        let continues =
            previous.is_some_and(|y| y + 1 == p.year) && series.break_at(p.year).is_none();
        if !continues {
            runs.push(Vec::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push((f64::from(p.year), p.value));
        }
        previous = Some(p.year);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_bounds_are_round() {
        assert!((nice_ceiling(37_623.0) - 40_000.0).abs() < 1e-9);
        assert!((nice_ceiling(9.7) - 10.0).abs() < 1e-9);
        assert!((nice_ceiling(2.2) - 2.5).abs() < 1e-9);
        assert!((nice_ceiling(0.0) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn runs_split_at_gaps_and_breaks() {
        let series = Series {
            points: [2014, 2015, 2017, 2020, 2021]
                .iter()
                .map(|&year| crate::data::Point {
                    year,
                    value: 1.0,
                    source: None,
                    quote: String::new(),
                })
                .collect(),
            breaks: vec![crate::data::model::Break {
                year: 2021,
                reason: crate::text::Text::new("census", "普查"),
            }],
            ..Series::default()
        };
        let lens: Vec<usize> = runs(&series).iter().map(Vec::len).collect();
        assert_eq!(lens, [2, 1, 1, 1]);
    }
}
