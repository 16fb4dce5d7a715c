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
use super::panel_chart::{axis_unit, chart_series};
use super::ranking::Ranking;
use crate::data::model::View;
use crate::data::{Fact, Indicator, Series, Shape};
use crate::format::fit_title;
use table::YearTable;

/// Widest the year table gets; the chart takes the rest.
const TABLE_WIDTH: u16 = 58;

/// ┏ GDP ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ Esc back ┓
/// ┃ 3,420.25 billion yuan (2024) · +5.1% real · …              ┃
/// ┃ chart (years × values, events)      year  value   y/y      ┃
/// ┃                                     2023¦ 3,267.71 new base┃
/// ┃ Jiangxi 2024 ███  China 2024 █████████                      ┃
/// ┃ 2024: “…34202.5亿元…” · Source: 163.com, 2025-01-18 · <url> ┃
/// ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
pub struct Zoom<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    view: View,
    /// The rankings' year (a comparison).
    year: Option<u16>,
}

impl<'a> Zoom<'a> {
    pub fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator, view: View, year: Option<u16>) -> Self {
        Self {
            ctx,
            indicator,
            view,
            year,
        }
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
        let [chart_area, table_area] = figures.layout(
            &Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(TABLE_WIDTH.min(figures.width / 2)),
            ])
            .spacing(2),
        );
        YearTable::new(ctx, self.indicator, series, self.view).render(table_area, buf);
        let mut lines: Vec<_> = chart_series(ctx, self.indicator, self.view, 0)
            .into_iter()
            .collect();
        if let (Some(nat), View::Change | View::Index) =
            (ctx.dataset.national(self.indicator), self.view)
            && let Some(s) = chart_series(ctx, nat, self.view, 1)
        {
            lines.push(s);
        } else if let (Some(nat), View::Level, false) = (
            ctx.dataset.national(self.indicator),
            self.view,
            crate::data::derive::is_amount(self.indicator),
        ) && let Some(s) = chart_series(ctx, nat, View::Level, 1)
        {
            // A rate beside the national rate (real growth, Jiangxi and China).
            lines.push(s);
        }
        let unit = axis_unit(ctx, self.indicator, self.view);
        TimeChart::new(&lines, &unit, &ctx.theme, ctx.lang())
            .events(ctx.dataset.events_marking(&[self.indicator.id.as_str()]))
            .render(chart_area, buf);
        if let Some(bars) = national {
            HBars::new(&bars, &ctx.theme).render(compare, buf);
        }
    }

    /// Jiangxi beside the national total of its headline year, in the same unit.
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
        let bar = |label: &str, value: f64| {
            Bar::new(
                format!("{label} {}", head.year),
                value,
                ctx.numbers.amount(indicator.unit, value, Some(head.year)),
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
            share_gauge(self.ctx, share, gauge, buf);
        } else if let (Some(base), Some(value)) = (fact.baseline, fact.value) {
            let lang = self.ctx.lang();
            let amount = |v| {
                crate::format::value(
                    self.ctx.numbers,
                    self.indicator,
                    v,
                    crate::data::Qualifier::Exact,
                    None,
                )
            };
            let bars = [
                Bar::new(lang.pick("before", "此前"), base, amount(base)),
                Bar::new(lang.pick("after", "此后"), value, amount(value)),
            ];
            HBars::new(&bars, &self.ctx.theme).render(rest, buf);
        }
    }

    /// Every year of a comparison, side by side.
    fn regions(&self, area: Rect, buf: &mut Buffer) {
        let Shape::Regions(regions) = &self.indicator.shape else {
            return;
        };
        let mut years: Vec<u16> = regions
            .iter()
            .flat_map(|r| r.series.points.iter().map(|p| p.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        let n = u32::try_from(years.len().max(1)).unwrap_or(1);
        let cells = area.layout_vec(&Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))));
        for (year, cell) in years.iter().zip(cells) {
            let [cell, _] = cell.layout(&Layout::vertical([
                Constraint::Length(Ranking::height(self.indicator)),
                Constraint::Fill(1),
            ]));
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

impl Widget for Zoom<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme.border_focus)
            .title(Span::styled(
                fit_title(
                    &title(ctx, self.indicator, self.view),
                    usize::from(area.width.saturating_sub(14)),
                ),
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
        let items = about::items(ctx, self.indicator);
        // A chart keeps two thirds of the room, other figures half; the words take what they
        // need of the rest.
        let most = match &self.indicator.shape {
            Shape::Series(_) | Shape::Regions(_) => inner.height / 3,
            _ => inner.height / 2,
        };
        let about_rows = about::lines(ctx, &items, inner.width, most).len();
        let [figure, _, info] = inner.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(u16::from(about_rows > 0)),
            Constraint::Length(u16::try_from(about_rows).unwrap_or(0)),
        ]));
        Paragraph::new(about::lines(ctx, &items, info.width, info.height)).render(info, buf);
        match &self.indicator.shape {
            Shape::Series(series) => self.series(series, figure, buf),
            Shape::Breakdown(_) => {
                // One scale for all the parts; thicker bars where there is room.
                let bars = breakdown_bars(ctx, self.indicator, true);
                let count = u16::try_from(bars.len()).unwrap_or(u16::MAX).max(1);
                let rows_per_bar = (figure.height / count).clamp(1, 3);
                HBars::new(&bars, theme)
                    .rows_per_bar(rows_per_bar)
                    .render(figure, buf);
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
