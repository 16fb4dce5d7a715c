//! A ranking: every region of a comparison by its figure of one year, the home region
//! highlighted, its rank computed from the figures (never typed) and said for what it is: "5th
//! of 6" only when all six have a figure, else "5th of the 5 with a 2024 figure" with the
//! missing ones named. A figure stated only as a bound is drawn hatched and not ranked.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::Ctx;
use super::bars::{Bar, HBars};
use crate::data::derive::rank;
use crate::data::{Indicator, Qualifier, Region, Shape};
use crate::format::{self, fit_title, ordinal};
use crate::text::Lang;
use unicode_width::UnicodeWidthStr;

/// The latest year any region of a comparison has.
pub fn latest_year(indicator: &Indicator) -> Option<u16> {
    let Shape::Regions(regions) = &indicator.shape else {
        return None;
    };
    regions
        .iter()
        .filter_map(|r| r.series.last().map(|p| p.year))
        .max()
}

/// A region's figure of `year`: exact, or stated only as a bound.
fn figure(region: &Region, year: u16) -> Option<(f64, Qualifier)> {
    region
        .series
        .get(year)
        .map(|v| (v, Qualifier::Exact))
        .or_else(|| region.series.bound(year).map(|b| (b.value, b.qualifier)))
}

/// The regions' bars for `year`, largest first; stated bounds after the figures, the regions
/// without a figure last. The numbers share one scale; its label is returned with them.
pub fn region_bars(ctx: &Ctx, indicator: &Indicator, year: Option<u16>) -> (Vec<Bar>, String) {
    let (Shape::Regions(regions), Some(year)) = (&indicator.shape, year) else {
        return (Vec::new(), String::new());
    };
    let lang = ctx.lang();
    let numbers = ctx.numbers.at_year(indicator.unit, year);
    let values: Vec<(f64, Option<u16>)> = regions
        .iter()
        .filter_map(|r| figure(r, year).map(|(v, _)| (v, Some(year))))
        .collect();
    let column = numbers.column(indicator.unit, &values);
    let mut bars: Vec<(u8, Bar)> = regions
        .iter()
        .map(|r| {
            let figure = figure(r, year);
            let shown = figure.and_then(|(v, _)| column.value(v, Some(year)));
            let text = match figure {
                Some((v, Qualifier::Exact)) => column.text(v, Some(year)).unwrap_or_default(),
                // A bound as stated ("over 3.6"), never with digits it does not have.
                Some((_, q)) => format!(
                    "{}{}",
                    q.label(lang),
                    shown.map_or_else(String::new, |s| crate::data::units::group(s, 2))
                ),
                None => lang.pick("no figure", "无数据").to_string(),
            };
            let order = match figure {
                Some((_, Qualifier::Exact)) => 0,
                Some(_) => 1,
                None => 2,
            };
            let bar = Bar {
                label: r.name.get(lang).to_string(),
                value: shown,
                text,
                highlight: r.home,
                hatched: order == 1,
                ..Bar::default()
            };
            (order, bar)
        })
        .collect();
    bars.sort_by(|(oa, a), (ob, b)| {
        oa.cmp(ob)
            .then_with(|| b.value.unwrap_or(0.0).total_cmp(&a.value.unwrap_or(0.0)))
    });
    let label = column.label().to_string();
    (bars.into_iter().map(|(_, b)| b).collect(), label)
}

/// What the ranking says of the home region, longest wording first: its rank and of what,
/// or why it is not ranked; and the regions without a figure for the year, if any.
pub fn summary(ctx: &Ctx, indicator: &Indicator, year: u16) -> (Vec<String>, Option<String>) {
    let lang = ctx.lang();
    let Shape::Regions(regions) = &indicator.shape else {
        return (Vec::new(), None);
    };
    let Some(home) = regions.iter().find(|r| r.home) else {
        return (Vec::new(), None);
    };
    let name = home.name.get(lang);
    let missing: Vec<&str> = regions
        .iter()
        .filter(|r| r.series.get(year).is_none() && r.series.bound(year).is_none())
        .map(|r| r.name.get(lang))
        .collect();
    let missing = (!missing.is_empty()).then(|| match lang {
        Lang::En => format!("no {year} figure: {}", missing.join(", ")),
        Lang::Zh => format!("无{year}年数据：{}", missing.join("、")),
    });
    if let Some(r) = rank(indicator, year) {
        let place = ordinal(r.place, lang);
        let (tie, tie_short) = match (r.tied, lang) {
            (false, Lang::Zh) => ("居", ""),
            (false, Lang::En) => ("", ""),
            (true, Lang::En) => (" (tied)", "="),
            (true, Lang::Zh) => ("并列", ""),
        };
        let lines = match (lang, r.complete()) {
            (Lang::En, true) => vec![
                format!("{name}: {place}{tie} of {}", r.regions),
                format!("{name}: {place}{tie_short} of {}", r.regions),
            ],
            (Lang::Zh, true) => vec![format!("{name}：在{}省中{tie}{place}位", r.regions)],
            (Lang::En, false) => vec![
                format!("{name}: {place}{tie} of the {} with a {year} figure", r.of),
                format!("{name} {place}{tie_short} of {} with a {year} figure", r.of),
                format!("{name} {place}{tie_short} of {} with figures", r.of),
            ],
            (Lang::Zh, false) => vec![
                format!("{name}：在{}个有{year}年数据的省份中{tie}{place}位", r.of),
                format!("{name}：在{}个有数据省份中{tie}{place}位{tie_short}", r.of),
            ],
        };
        return (lines, missing);
    }
    let lines = match (home.series.bound(year), lang) {
        (Some(b), Lang::En) => vec![
            format!(
                "{name}: only \"{}\" stated; not ranked",
                format::value(ctx.numbers, indicator, b.value, b.qualifier, Some(year))
            ),
            format!("{name}: stated as a bound, not ranked"),
            format!("{name}: not ranked"),
        ],
        (Some(b), Lang::Zh) => vec![
            format!(
                "{name}：仅有“{}”的表述，不排名",
                format::value(ctx.numbers, indicator, b.value, b.qualifier, Some(year))
            ),
            format!("{name}：不排名"),
        ],
        (None, Lang::En) => vec![
            format!("{name}: no {year} figure found"),
            format!("{name}: no figure"),
        ],
        (None, Lang::Zh) => vec![
            format!("{name}：未找到{year}年数据"),
            format!("{name}：无数据"),
        ],
    };
    (lines, missing)
}

/// ┌ GDP, first releases · trillion yuan ─┐
/// │ Henan    ███████████████  6.36        │
/// │ …                                     │
/// │ Jiangxi  ████████         3.42        │
/// │ Shanxi                    no figure   │
/// │ Jiangxi: 5th of the 5 with a 2024 …   │
/// └──────────────────────────────── 2024 ┘
pub struct Ranking<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    year: Option<u16>,
    focused: bool,
}

impl<'a> Ranking<'a> {
    pub fn new(
        ctx: &'a Ctx<'a>,
        indicator: &'a Indicator,
        year: Option<u16>,
        focused: bool,
    ) -> Self {
        Self {
            ctx,
            indicator,
            year,
            focused,
        }
    }

    fn regions(indicator: &Indicator) -> u16 {
        match &indicator.shape {
            Shape::Regions(r) => u16::try_from(r.len()).unwrap_or(u16::MAX),
            _ => 0,
        }
    }

    /// Rows a ranking needs: a line a region, the rank line and the missing ones, borders.
    pub fn height(indicator: &Indicator) -> u16 {
        Self::regions(indicator).saturating_add(4)
    }

    /// Rows a ranking uses at most: eight a region (a bar seven rows thick and a blank row).
    pub fn tallest(indicator: &Indicator) -> u16 {
        Self::regions(indicator).saturating_mul(8).saturating_add(4)
    }
}

impl Widget for Ranking<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let year = self.year.or_else(|| latest_year(self.indicator));
        let (border_type, border_style) = if self.focused {
            (BorderType::Thick, theme.border_focus)
        } else {
            (BorderType::Plain, theme.border)
        };
        let (bars, unit) = region_bars(ctx, self.indicator, year);
        let name = self.indicator.short_name().get(lang);
        let width = usize::from(area.width.saturating_sub(2));
        let title = [format!(" {name} · {unit} "), format!(" {name} ")]
            .into_iter()
            .find(|t| t.width() <= width)
            .unwrap_or_else(|| fit_title(&format!(" {name} "), width));
        let mut block = Block::bordered()
            .border_type(border_type)
            .border_style(border_style)
            .title(Span::styled(title, theme.card_title));
        if let Some(y) = year {
            block = block.title_bottom(
                Line::styled(format!(" {} ", format::year(y, lang)), theme.highlight)
                    .right_aligned(),
            );
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let count = u16::try_from(bars.len()).unwrap_or(u16::MAX).max(1);
        let (texts, missing) = year.map_or((Vec::new(), None), |y| summary(ctx, self.indicator, y));
        let summary_rows = 1 + u16::from(missing.is_some() && inner.height > count + 1);
        let rows_per_bar = (inner.height.saturating_sub(summary_rows) / count).clamp(1, 8);
        let [list, _, summary_area] = inner.layout(&Layout::vertical([
            Constraint::Length(count.saturating_mul(rows_per_bar)),
            Constraint::Fill(1),
            Constraint::Length(summary_rows),
        ]));
        HBars::new(&bars, theme)
            .rows_per_bar(rows_per_bar)
            .lang(lang)
            .render(list, buf);
        let room = usize::from(summary_area.width);
        let mut lines: Vec<Line> = Vec::new();
        if let Some(text) = texts
            .iter()
            .find(|t| t.width() <= room)
            .or_else(|| texts.last())
        {
            lines.push(Line::styled(fit_title(text, room), theme.highlight));
        }
        if let (Some(missing), 2) = (missing, summary_rows) {
            lines.push(Line::styled(fit_title(&missing, room), theme.muted));
        }
        ratatui::widgets::Paragraph::new(lines).render(summary_area, buf);
    }
}
