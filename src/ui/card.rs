//! A card: one indicator in the grid, in a bordered block titled with its name.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Gauge, Paragraph, Sparkline, SparklineBar, Widget};

use super::Ctx;
use super::bars::{Bar, HBars};
use super::glyphs;
use super::headline::{Details, Headline};
use crate::data::units::group;
use crate::data::{Fact, Indicator, Series, Shape};
use crate::format::{pack, truncate, wrap};

/// Lines of details a card shows under its hero figure.
const DETAIL_LINES: usize = 2;

/// ┌ GDP ───────────────────────────┐
/// │3.22 trillion yuan (2023)        │
/// │from 1.28 trillion yuan (2012) · │
/// │2012 ▂▃▄▅▆▇ 2023                 │
/// └─────────────────────────────────┘
pub struct Card<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    focused: bool,
}

impl<'a> Card<'a> {
    pub fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator, focused: bool) -> Self {
        Self {
            ctx,
            indicator,
            focused,
        }
    }

    /// Content lines the card needs to show its figures at `width` columns (borders excluded).
    pub fn min_lines(&self, width: u16) -> u16 {
        let lang = self.ctx.lang();
        let lines = match &self.indicator.shape {
            Shape::Breakdown(parts) => parts.len(),
            Shape::Text(text) => {
                wrap(text.text.get(lang), usize::from(width)).len()
                    + usize::from(self.indicator.period.is_some())
            }
            Shape::Regions(regions) => regions.len(),
            Shape::Series(_) | Shape::Fact(_) => {
                let details =
                    crate::format::details(self.ctx.dataset, self.indicator, self.ctx.numbers);
                1 + pack(&details, glyphs::SEPARATOR, usize::from(width))
                    .len()
                    .min(DETAIL_LINES)
            }
        };
        u16::try_from(lines.max(2)).unwrap_or(u16::MAX)
    }
}

/// The card's (and the zoom view's) title: the name, and for a breakdown its period and unit.
pub fn title(ctx: &Ctx, indicator: &Indicator) -> String {
    let lang = ctx.lang();
    let name = indicator.name.get(lang);
    match (&indicator.shape, &indicator.period) {
        (Shape::Breakdown(_), Some(period)) => format!(
            " {name} · {} ({}) ",
            period.get(lang),
            indicator.unit.label(lang)
        ),
        _ => format!(" {name} "),
    }
}

impl Widget for Card<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.ctx.theme;
        let (border_type, border_style) = if self.focused {
            (BorderType::Thick, theme.border_focus)
        } else {
            (BorderType::Plain, theme.border)
        };
        let name = truncate(
            &title(self.ctx, self.indicator),
            usize::from(area.width.saturating_sub(2)),
        );
        let block = Block::bordered()
            .border_type(border_type)
            .border_style(border_style)
            .title(Span::styled(name, theme.card_title));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        match &self.indicator.shape {
            Shape::Series(series) => self.series(series, inner, buf),
            Shape::Fact(fact) => self.fact(fact, inner, buf),
            Shape::Breakdown(_) => {
                HBars::new(&breakdown_bars(self.ctx, self.indicator, false), theme)
                    .render(inner, buf);
            }
            Shape::Regions(_) => {
                HBars::new(&region_bars(self.ctx, self.indicator), theme).render(inner, buf);
            }
            Shape::Text(text) => {
                let lang = self.ctx.lang();
                let mut lines: Vec<Line> = wrap(text.text.get(lang), usize::from(inner.width))
                    .into_iter()
                    .map(|l| Line::styled(l, theme.hero))
                    .collect();
                if let Some(period) = &self.indicator.period {
                    lines.push(Line::styled(period.get(lang).to_string(), theme.text));
                }
                Paragraph::new(lines).render(inner, buf);
            }
        }
    }
}

impl Card<'_> {
    /// Hero figure and details, then a sparkline and a share gauge when the card has room.
    fn series(&self, series: &Series, inner: Rect, buf: &mut Buffer) {
        let headline = Headline::new(self.ctx, self.indicator, Details::Packed(DETAIL_LINES));
        let head_year = series.headline().map(|p| p.year);
        let share = self
            .ctx
            .dataset
            .shares(self.indicator)
            .into_iter()
            .find(|(y, _)| Some(*y) == head_year);
        let text_height = headline.height(inner.width);
        let gauge_height = u16::from(share.is_some() && inner.height > text_height);
        let [text, chart, gauge] = inner.layout(&Layout::vertical([
            Constraint::Length(text_height),
            Constraint::Fill(1),
            Constraint::Length(gauge_height),
        ]));
        headline.render(text, buf);
        if let Some((_, share)) = share {
            share_gauge(self.ctx, share, gauge, buf);
        }
        if series.points.len() > 2 {
            YearSparkline::new(self.ctx, series).render(chart, buf);
        }
    }

    /// Hero figure and details, then the share as a gauge or the change as two bars.
    fn fact(&self, fact: &Fact, inner: Rect, buf: &mut Buffer) {
        let headline = Headline::new(self.ctx, self.indicator, Details::Packed(usize::MAX));
        let [text, rest] = inner.layout(&Layout::vertical([
            Constraint::Length(headline.height(inner.width)),
            Constraint::Fill(1),
        ]));
        headline.render(text, buf);
        if let Some(share) = fact.share_pct {
            let [gauge, _] = rest.layout(&Layout::vertical([
                Constraint::Length(1),
                Constraint::Fill(1),
            ]));
            share_gauge(self.ctx, share, gauge, buf);
        } else if let (Some(base), Some(value), true) =
            (fact.baseline, fact.value, rest.height >= 2)
        {
            let amount = |v| self.ctx.numbers.amount(self.indicator.unit, v, None);
            let bars = [
                Bar {
                    label: String::new(),
                    value: base,
                    text: amount(base),
                    change_pct: None,
                },
                Bar {
                    label: String::new(),
                    value,
                    text: amount(value),
                    change_pct: None,
                },
            ];
            HBars::new(&bars, &self.ctx.theme).render(rest, buf);
        }
    }
}

/// The parts of a breakdown as bars; `with_share` adds each part's share to its name.
pub fn breakdown_bars(ctx: &Ctx, indicator: &Indicator, with_share: bool) -> Vec<Bar> {
    let Shape::Breakdown(parts) = &indicator.shape else {
        return Vec::new();
    };
    parts
        .iter()
        .map(|p| {
            let mut label = p.name.get(ctx.lang()).to_string();
            if let (true, Some(share)) = (with_share, p.share_pct) {
                label = format!("{label} ({}%)", group(share, 2));
            }
            Bar {
                label,
                value: p.value,
                text: ctx.numbers.amount(indicator.unit, p.value, None),
                change_pct: p.change_pct,
            }
        })
        .collect()
}

/// The regions of a comparison in their latest common year, largest first.
pub fn region_bars(ctx: &Ctx, indicator: &Indicator) -> Vec<Bar> {
    let Shape::Regions(regions) = &indicator.shape else {
        return Vec::new();
    };
    let Some(year) = regions
        .iter()
        .filter_map(|r| r.series.last().map(|p| p.year))
        .max()
    else {
        return Vec::new();
    };
    let mut bars: Vec<Bar> = regions
        .iter()
        .map(|r| {
            let value = r.series.get(year);
            Bar {
                label: r.name.get(ctx.lang()).to_string(),
                value: value.unwrap_or(0.0),
                text: value.map_or_else(
                    || ctx.lang().pick("n/a", "缺").to_string(),
                    |v| ctx.numbers.number(indicator.unit, v, Some(year)),
                ),
                change_pct: None,
            }
        })
        .collect();
    bars.sort_by(|a, b| b.value.total_cmp(&a.value));
    bars
}

/// The share of a national total, as a one-line gauge.
pub fn share_gauge(ctx: &Ctx, share: f64, area: Rect, buf: &mut Buffer) {
    Gauge::default()
        .ratio((share / 100.0).clamp(0.0, 1.0))
        .label(format!("{}%", group(share, 2)))
        .gauge_style(ctx.theme.bar)
        .render(area, buf);
}

/// `2014 ▂▃▅·▆▇ 2024`: one bar a year, a dot for a missing year.
struct YearSparkline<'a> {
    ctx: &'a Ctx<'a>,
    series: &'a Series,
}

impl<'a> YearSparkline<'a> {
    fn new(ctx: &'a Ctx<'a>, series: &'a Series) -> Self {
        Self { ctx, series }
    }
}

impl Widget for YearSparkline<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let points = self.series.with_gaps();
        let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) else {
            return;
        };
        let max = self
            .series
            .points
            .iter()
            .map(|p| p.value)
            .fold(0.0_f64, f64::max);
        let bars: Vec<SparklineBar> = points
            .iter()
            .map(|(_, v)| SparklineBar::from(v.map(|v| scale(v, max))))
            .collect();
        let spark_width = u16::try_from(bars.len()).unwrap_or(u16::MAX);
        let [left, spark, right, _] = area.layout(&Layout::horizontal([
            Constraint::Length(5),
            Constraint::Length(spark_width),
            Constraint::Length(5),
            Constraint::Fill(1),
        ]));
        if area.width < spark_width.saturating_add(10) || area.height == 0 {
            return;
        }
        let muted = self.ctx.theme.muted;
        let bottom = |r: Rect| r.rows().next_back().unwrap_or(r);
        Span::styled(format!("{first} "), muted).render(bottom(left), buf);
        Sparkline::default()
            .data(bars)
            .style(self.ctx.theme.bar)
            .absent_value_symbol(glyphs::GAP)
            .absent_value_style(muted)
            .render(spark, buf);
        Span::styled(format!(" {last}"), muted).render(bottom(right), buf);
    }
}

/// Maps a value onto 0..=1000 for sparklines (negative values sit at zero).
fn scale(value: f64, max: f64) -> u64 {
    if max <= 0.0 || value <= 0.0 {
        return 0;
    }
    // Truncation is fine: the result is a bar height, already within 0..=1000.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let scaled = (value / max * 1000.0).round() as u64;
    scaled
}
