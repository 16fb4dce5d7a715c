//! A card: one indicator in a grid, in a bordered block titled with its name (and its view,
//! when `t` chose one other than the level).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Gauge, Paragraph, Sparkline, SparklineBar, Widget};

use super::Ctx;
use super::bars::{Bar, HBars};
use super::glyphs;
use super::headline::{Details, Headline};
use crate::data::derive::Derived;
use crate::data::model::View;
use crate::data::units::group;
use crate::data::{Fact, Indicator, Series, Shape};
use crate::format::wrap;
use crate::text::Lang;
use unicode_width::UnicodeWidthStr;

/// Lines of details a card shows under its hero figure.
const DETAIL_LINES: usize = 2;

/// ┌ GDP ───────────────────────────┐
/// │3,420.25 billion yuan (2024)     │
/// │+5.1% real · from 1,430.0… (2013)│
/// │2013 ▂▃▄▅▆▇ 2024                 │
/// └─────────────────────────────────┘
pub struct Card<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    view: View,
    focused: bool,
}

impl<'a> Card<'a> {
    pub fn new(ctx: &'a Ctx<'a>, indicator: &'a Indicator, view: View, focused: bool) -> Self {
        Self {
            ctx,
            indicator,
            view,
            focused,
        }
    }

    fn headline(&self, details: usize) -> Headline<'a> {
        Headline::new(self.ctx, self.indicator, Details::Packed(details)).view(self.view)
    }

    /// Content lines the card needs to show its figures at `width` columns (borders excluded).
    pub fn min_lines(&self, width: u16) -> u16 {
        let lang = self.ctx.lang();
        let lines = match &self.indicator.shape {
            // A row for the unit, one for each part or region.
            Shape::Breakdown(parts) => parts.len() + 1,
            Shape::Regions(regions) => regions.len() + 1,
            Shape::Text(words) => {
                wrap(words.text.get(lang), usize::from(width)).len()
                    + usize::from(self.indicator.period.is_some())
            }
            Shape::Series(_) | Shape::Fact(_) => {
                usize::from(self.headline(DETAIL_LINES).height(width))
            }
        };
        u16::try_from(lines.max(2)).unwrap_or(u16::MAX)
    }
}

/// A view's short name for a title: "y/y", "index", "% of China".
pub fn view_suffix(view: View, unit_is_rate: bool, lang: Lang) -> Option<&'static str> {
    Some(match (view, lang) {
        (View::Level, _) => return None,
        (View::Change, Lang::En) if unit_is_rate => "change, pp",
        (View::Change, Lang::En) => "y/y %",
        (View::Change, Lang::Zh) if unit_is_rate => "变化（百分点）",
        (View::Change, Lang::Zh) => "同比%",
        (View::Index, Lang::En) => "index",
        (View::Index, Lang::Zh) => "指数",
        (View::Share, Lang::En) => "% of China",
        (View::Share, Lang::Zh) => "占全国%",
        (View::PerCapita, Lang::En) => "per resident",
        (View::PerCapita, Lang::Zh) => "人均",
    })
}

/// The card's (and the zoom view's) title in `width` columns: the name, and the view when
/// not the level; the short name when the full one does not fit.
pub fn title(ctx: &Ctx, indicator: &Indicator, view: View, width: usize) -> String {
    let lang = ctx.lang();
    let suffix = view_suffix(view, crate::data::derive::in_points(indicator), lang);
    let titled = |name: &str| match suffix {
        Some(suffix) => format!(" {name} · {suffix} "),
        None => format!(" {name} "),
    };
    let full = titled(indicator.name.get(lang));
    if full.width() <= width {
        return full;
    }
    crate::format::fit_title(&titled(indicator.short_name().get(lang)), width)
}

impl Widget for Card<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.ctx.theme;
        let (border_type, border_style) = if self.focused {
            (BorderType::Thick, theme.border_focus)
        } else {
            (BorderType::Plain, theme.border)
        };
        let width = usize::from(area.width.saturating_sub(2));
        let name = title(self.ctx, self.indicator, self.view, width);
        let mut block = Block::bordered()
            .border_type(border_type)
            .border_style(border_style)
            .title(Span::styled(name, theme.card_title));
        // A breakdown's period goes on the bottom border, whole.
        if let (Shape::Breakdown(_), Some(period)) = (&self.indicator.shape, &self.indicator.period)
        {
            let period = format!(" {} ", period.get(self.ctx.lang()));
            if unicode_width::UnicodeWidthStr::width(period.as_str()) <= width {
                block = block.title_bottom(Line::styled(period, theme.muted).right_aligned());
            }
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        match &self.indicator.shape {
            Shape::Series(series) => self.series(series, inner, buf),
            Shape::Fact(fact) => self.fact(fact, inner, buf),
            Shape::Breakdown(_) => {
                let (bars, unit) = breakdown_bars(self.ctx, self.indicator, false);
                with_unit_row(self.ctx, &unit, bars.len(), inner, buf, |area, buf| {
                    HBars::new(&bars, theme)
                        .lang(self.ctx.lang())
                        .render(area, buf);
                });
            }
            Shape::Regions(_) => {
                let year = super::ranking::latest_year(self.indicator);
                let (bars, unit) = super::ranking::region_bars(self.ctx, self.indicator, year);
                with_unit_row(self.ctx, &unit, bars.len(), inner, buf, |area, buf| {
                    HBars::new(&bars, theme)
                        .lang(self.ctx.lang())
                        .render(area, buf);
                });
            }
            Shape::Text(words) => {
                let lang = self.ctx.lang();
                let mut lines: Vec<Line> = wrap(words.text.get(lang), usize::from(inner.width))
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
        let headline = self.headline(DETAIL_LINES);
        let head_year = series.headline().map(|p| p.year);
        let share = (self.view == View::Level)
            .then(|| {
                self.ctx
                    .dataset
                    .shares(self.indicator)
                    .into_iter()
                    .find(|(y, _)| Some(*y) == head_year)
            })
            .flatten();
        let text_height = headline.height(inner.width);
        let gauge_height = u16::from(share.is_some() && inner.height > text_height + 1);
        let [text, chart, gauge] = inner.layout(&Layout::vertical([
            Constraint::Length(text_height),
            Constraint::Fill(1),
            Constraint::Length(gauge_height),
        ]));
        headline.render(text, buf);
        if let (Some((_, share)), 1) = (share, gauge_height) {
            share_gauge(self.ctx, share, None, gauge, buf);
        }
        let derived = self
            .ctx
            .dataset
            .derive(self.indicator, series, self.view)
            .headline_stretch(series);
        YearSparkline::new(self.ctx, &derived).render(chart, buf);
    }

    /// Hero figure and details, then the share as a gauge or the change as two bars.
    fn fact(&self, fact: &Fact, inner: Rect, buf: &mut Buffer) {
        let headline = self.headline(usize::MAX);
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
            share_gauge(self.ctx, share, Some(fact), gauge, buf);
        } else if let (Some(base), Some(value), true) =
            (fact.baseline, fact.value, rest.height >= 2)
        {
            let amount = |v, q| crate::format::value(self.ctx.numbers, self.indicator, v, q, None);
            let bars = [
                Bar::new("", base, amount(base, fact.baseline_qualifier)),
                Bar::new("", value, amount(value, fact.qualifier)),
            ];
            HBars::new(&bars, &self.ctx.theme).render(rest, buf);
        }
    }
}

/// Bars whose numbers share a unit: the unit right-aligned on a row of its own above them
/// when there is room for it and every bar.
fn with_unit_row(
    ctx: &Ctx,
    unit: &str,
    bars: usize,
    area: Rect,
    buf: &mut Buffer,
    draw: impl FnOnce(Rect, &mut Buffer),
) {
    let room = usize::from(area.height) > bars && !unit.is_empty();
    let [head, rest] = area.layout(&Layout::vertical([
        Constraint::Length(u16::from(room)),
        Constraint::Fill(1),
    ]));
    if room {
        Line::styled(unit.to_string(), ctx.theme.muted)
            .right_aligned()
            .render(head, buf);
    }
    draw(rest, buf);
}

/// The parts of a breakdown as bars, their numbers in one scale, and its unit;
/// `with_share` adds each part's share to its name.
pub fn breakdown_bars(ctx: &Ctx, indicator: &Indicator, with_share: bool) -> (Vec<Bar>, String) {
    let Shape::Breakdown(parts) = &indicator.shape else {
        return (Vec::new(), String::new());
    };
    let lang = ctx.lang();
    // A breakdown has a period, not a year: no rate converts it.
    let numbers = ctx.numbers.in_yuan();
    let values: Vec<(f64, Option<u16>)> = parts.iter().map(|p| (p.value, None)).collect();
    let column = numbers.column(indicator.unit, &values);
    let bars = parts
        .iter()
        .map(|p| {
            let mut label = p.name.get(lang).to_string();
            if let (true, Some(share)) = (with_share, p.share_pct) {
                label = format!(
                    "{label}{}",
                    crate::format::paren(&format!("{}%", group(share, 2)), lang)
                );
            }
            let number = column.text(p.value, None).unwrap_or_default();
            Bar {
                change_pct: p.change_pct,
                ..Bar::new(
                    label,
                    column.value(p.value, None).unwrap_or(p.value),
                    format!("{}{number}", p.qualifier.label(lang)),
                )
            }
        })
        .collect();
    (bars, column.label().to_string())
}

/// A share as a one-line gauge, labelled with what it is of ("63.2% of the province's
/// exports"; of China unless the fact says otherwise).
pub fn share_gauge(ctx: &Ctx, share: f64, of: Option<&Fact>, area: Rect, buf: &mut Buffer) {
    let label = match (of, ctx.lang()) {
        // The card's lines already say what the share is of.
        (Some(_), _) => format!("{}%", group(share, 2)),
        (None, Lang::En) => format!("{}% of China", group(share, 2)),
        (None, Lang::Zh) => format!("占全国{}%", group(share, 2)),
    };
    Gauge::default()
        .ratio((share / 100.0).clamp(0.0, 1.0))
        .label(label)
        .gauge_style(ctx.theme.bar)
        .render(area, buf);
}

/// `2014 ▂▃▅·▆▇ 2024`: one bar a year, a dot for a year without a figure.
pub struct YearSparkline<'a> {
    ctx: &'a Ctx<'a>,
    derived: &'a Derived,
}

impl<'a> YearSparkline<'a> {
    pub fn new(ctx: &'a Ctx<'a>, derived: &'a Derived) -> Self {
        Self { ctx, derived }
    }
}

impl Widget for YearSparkline<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let points = &self.derived.points;
        let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) else {
            return;
        };
        // A line of dots with a few bars reads as "no data": three figures at least, and no
        // more gaps than figures.
        let years = usize::from(last - first) + 1;
        if points.len() < 3 || years - points.len() > points.len() {
            return;
        }
        // Bars grow from zero: a fall below it would read as a small rise.
        if points.iter().any(|p| p.1 < 0.0) {
            return;
        }
        let max = points.iter().map(|p| p.1).fold(0.0_f64, f64::max);
        let bars: Vec<SparklineBar> = (first..=last)
            .map(|y| SparklineBar::from(self.derived.get(y).map(|v| scale(v, max))))
            .collect();
        let spark_width = u16::try_from(bars.len()).unwrap_or(u16::MAX);
        if area.width < spark_width.saturating_add(10) || area.height == 0 {
            return;
        }
        let [left, spark, right, _] = area.layout(&Layout::horizontal([
            Constraint::Length(5),
            Constraint::Length(spark_width),
            Constraint::Length(5),
            Constraint::Fill(1),
        ]));
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
