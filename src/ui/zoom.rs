//! The zoom view: one indicator on the whole body — its headline, then its chart and year
//! table (a series), its parts (a breakdown), its rankings (a comparison) — and under them the
//! words its figure was read from, its page, its other sources and its history.

mod about;
mod table;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use super::Ctx;
use super::bars::{Bar, HBars};
use super::card::{breakdown_bars, share_gauge, title};
use super::chart::TimeChart;
use super::headline::{Details, Headline};
use super::panel_chart::{chart_lines, legend_labels};
use super::ranking::Ranking;
use crate::data::model::View;
use crate::data::{Fact, Indicator, Series, Shape};
use table::YearTable;

/// Widest the year table gets, as a share of the width: the chart keeps the rest.
const TABLE_SHARE: u16 = 55;

/// ┏ GDP ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ Esc back ┓
/// ┃ 3.42 trillion yuan (2024) · +5.1% real · …                 ┃
/// ┃ chart (years × values, events)      year  billion yuan  … ┃
/// ┃                                     2023¦ 3,267.71  new base┃
/// ┃ Jiangxi 2024 ███  China 2024 █████████                      ┃
/// ┃ 2024: “…34202.5亿元…” · Source: 163.com, 2025-01-18 · <url> ┃
/// ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
pub struct Zoom<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    view: View,
    /// The rankings' year (a comparison).
    year: Option<u16>,
    /// Every series of the chart or bars panel the indicator is one of, in the panel's order
    /// (and so with the panel's glyphs): drawn with it.
    panel: Vec<&'a Indicator>,
}

impl<'a> Zoom<'a> {
    pub fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator, view: View, year: Option<u16>) -> Self {
        Self {
            ctx,
            indicator,
            view,
            year,
            panel: Vec::new(),
        }
    }

    /// The panel's series, the indicator among them, drawn on the same chart.
    #[must_use]
    pub fn panel(mut self, panel: Vec<&'a Indicator>) -> Self {
        self.panel = panel;
        self
    }

    fn series(&self, series: &Series, area: Rect, buf: &mut Buffer) {
        let ctx = self.ctx;
        let headline = Headline::new(ctx, self.indicator, Details::Packed(2)).view(self.view);
        let national = self
            .national_comparison(series)
            .filter(|_| self.view == View::Level);
        let [head, figures, compare] = area.layout(&Layout::vertical([
            Constraint::Length(headline.height(area.width)),
            Constraint::Fill(1),
            Constraint::Length(if national.is_some() { 2 } else { 0 }),
        ]));
        headline.render(head, buf);
        let table = YearTable::new(ctx, self.indicator, series, self.view);
        let most = figures.width * TABLE_SHARE / 100;
        let [chart_area, table_area] = figures.layout(
            &Layout::horizontal([Constraint::Fill(1), Constraint::Length(table.width(most))])
                .spacing(2),
        );
        table.render(table_area, buf);
        // The chart: the series, the panel's other series, and China's beside a rate or in a
        // view that compares (change, index).
        let mut shown: Vec<&Indicator> = self.panel.clone();
        if !shown.iter().any(|i| i.id == self.indicator.id) {
            shown.insert(0, self.indicator);
        }
        if let Some(nat) = ctx.dataset.national(self.indicator) {
            let compares = matches!(self.view, View::Change | View::Index)
                || (self.view == View::Level && !crate::data::derive::is_amount(self.indicator));
            if compares && !shown.iter().any(|i| i.id == nat.id) {
                shown.push(nat);
            }
        }
        let labels = legend_labels(&shown, ctx.lang());
        let (lines, unit) = chart_lines(ctx, &shown, &labels, self.view);
        let ids: Vec<&str> = shown.iter().map(|i| i.id.as_str()).collect();
        TimeChart::new(&lines, &unit, &ctx.theme, ctx.lang())
            .events(ctx.dataset.events_marking(&ids))
            .render(chart_area, buf);
        if let Some(bars) = national {
            HBars::new(&bars, &ctx.theme).render(compare, buf);
        }
    }

    /// Jiangxi beside the national total of its headline year, in one scale.
    fn national_comparison(&self, series: &Series) -> Option<Vec<Bar>> {
        let (ctx, indicator) = (self.ctx, self.indicator);
        if !crate::data::derive::is_amount(indicator) {
            return None;
        }
        let total = ctx.dataset.national(indicator)?;
        let Shape::Series(total_series) = &total.shape else {
            return None;
        };
        let head = series.headline()?;
        let national = total_series.get(head.year)? * total.unit.scale / indicator.unit.scale;
        let lang = ctx.lang();
        let n = ctx.numbers.at_year(indicator.unit, head.year);
        let column = n.column(
            indicator.unit,
            &[(head.value, Some(head.year)), (national, Some(head.year))],
        );
        let bar = |label: &str, value: f64| {
            let number = column.text(value, Some(head.year)).unwrap_or_default();
            Bar::new(
                format!("{label} {}", head.year),
                column.value(value, Some(head.year)).unwrap_or(value),
                format!("{number} {}", column.label()),
            )
        };
        Some(vec![
            Bar {
                highlight: true,
                ..bar(lang.pick("Jiangxi", "江西"), head.value)
            },
            bar(lang.pick("China", "全国"), national),
        ])
    }

    fn fact(&self, fact: &Fact, area: Rect, buf: &mut Buffer) {
        let headline = Headline::new(self.ctx, self.indicator, Details::Listed);
        let [text, _, rest] = area.layout(&Layout::vertical([
            Constraint::Length(headline.height(area.width)),
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        headline.render(text, buf);
        if let Some(share) = fact.share_pct {
            let [gauge, _] = rest.layout(&Layout::vertical([
                Constraint::Length(1),
                Constraint::Fill(1),
            ]));
            share_gauge(self.ctx, share, Some(fact), gauge, buf);
        } else if let (Some(base), Some(value)) = (fact.baseline, fact.value) {
            let lang = self.ctx.lang();
            let amount = |v, q| crate::format::value(self.ctx.numbers, self.indicator, v, q, None);
            let bars = [
                Bar::new(
                    lang.pick("before", "此前"),
                    base,
                    amount(base, fact.baseline_qualifier),
                ),
                Bar::new(
                    lang.pick("after", "此后"),
                    value,
                    amount(value, fact.qualifier),
                ),
            ];
            let [bars_area, _] = rest.layout(&Layout::vertical([
                Constraint::Length(4),
                Constraint::Fill(1),
            ]));
            HBars::new(&bars, &self.ctx.theme)
                .rows_per_bar(2)
                .render(bars_area, buf);
        }
    }

    /// Every year of a comparison, side by side, each ranking as tall as the room.
    fn regions(&self, area: Rect, buf: &mut Buffer) {
        let Shape::Regions(regions) = &self.indicator.shape else {
            return;
        };
        let mut years: Vec<u16> = regions
            .iter()
            .flat_map(|r| {
                r.series
                    .points
                    .iter()
                    .map(|p| p.year)
                    .chain(r.series.bounds.iter().map(|b| b.year))
            })
            .collect();
        years.sort_unstable();
        years.dedup();
        let n = u32::try_from(years.len().max(1)).unwrap_or(1);
        let cells = area.layout_vec(&Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))));
        for (year, cell) in years.iter().zip(cells) {
            Ranking::new(
                self.ctx,
                self.indicator,
                Some(*year),
                self.year == Some(*year),
            )
            .render(cell, buf);
        }
    }
}

impl Zoom<'_> {
    /// Rows the figure of a fact, a text or a breakdown needs: the words come right after it.
    fn compact_height(&self, width: u16) -> Option<u16> {
        let lang = self.ctx.lang();
        match &self.indicator.shape {
            Shape::Fact(fact) => {
                let headline = Headline::new(self.ctx, self.indicator, Details::Listed);
                let extra = if fact.share_pct.is_some() {
                    2
                } else if fact.baseline.is_some() && fact.value.is_some() {
                    5
                } else {
                    1
                };
                Some(headline.height(width) + extra)
            }
            Shape::Text(words) => {
                let lines = crate::format::wrap(words.text.get(lang), usize::from(width)).len()
                    + usize::from(self.indicator.period.is_some())
                    + 1;
                u16::try_from(lines).ok()
            }
            Shape::Breakdown(parts) => u16::try_from(parts.len() * 3 + 2).ok(),
            Shape::Series(_) | Shape::Regions(_) => None,
        }
    }
}

impl Widget for Zoom<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let width = usize::from(area.width.saturating_sub(14));
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme.border_focus)
            .title(Span::styled(
                title(ctx, self.indicator, self.view, width),
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
        let items = about::items(ctx, self.indicator, self.year);
        let (figure, info) = if let Some(needed) = self.compact_height(inner.width) {
            // A single figure: its words right under it.
            let needed = needed.min(inner.height / 2).max(1);
            let [figure, _, info] = inner.layout(&Layout::vertical([
                Constraint::Length(needed),
                Constraint::Length(1),
                Constraint::Fill(1),
            ]));
            (figure, info)
        } else {
            // A chart keeps two thirds of the room; the words take what they need of the rest.
            let about_rows = about::lines(ctx, &items, inner.width, inner.height / 3).len();
            let [figure, _, info] = inner.layout(&Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(u16::from(about_rows > 0)),
                Constraint::Length(u16::try_from(about_rows).unwrap_or(0)),
            ]));
            (figure, info)
        };
        Paragraph::new(about::lines(ctx, &items, info.width, info.height)).render(info, buf);
        match &self.indicator.shape {
            Shape::Series(series) => self.series(series, figure, buf),
            Shape::Breakdown(_) => {
                // One scale for all the parts; thicker bars where there is room.
                let (bars, unit) = breakdown_bars(ctx, self.indicator, true);
                let count = u16::try_from(bars.len()).unwrap_or(u16::MAX).max(1);
                let [head, rest] = figure.layout(&Layout::vertical([
                    Constraint::Length(1),
                    Constraint::Fill(1),
                ]));
                Line::styled(unit, theme.muted)
                    .right_aligned()
                    .render(head, buf);
                let rows_per_bar = (rest.height / count).clamp(1, 3);
                HBars::new(&bars, theme)
                    .rows_per_bar(rows_per_bar)
                    .lang(lang)
                    .render(rest, buf);
            }
            Shape::Fact(fact) => self.fact(fact, figure, buf),
            Shape::Regions(_) => self.regions(figure, buf),
            Shape::Text(words) => {
                let mut lines = vec![Line::styled(words.text.get(lang).to_string(), theme.hero)];
                if let Some(period) = &self.indicator.period {
                    lines.push(Line::from(period.get(lang).to_string()));
                }
                Paragraph::new(lines)
                    .wrap(ratatui::widgets::Wrap { trim: true })
                    .render(figure, buf);
            }
        }
    }
}
