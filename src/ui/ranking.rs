//! A ranking: the regions of a comparison ordered by their figure of one year, the home region
//! highlighted, its rank computed from the figures (never typed), a missing figure shown as
//! missing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::Ctx;
use super::bars::{Bar, HBars};
use crate::data::derive::{Rank, rank};
use crate::data::{Indicator, Shape};
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

/// The regions' bars for `year`, largest first, the missing ones last.
pub fn region_bars(ctx: &Ctx, indicator: &Indicator, year: Option<u16>) -> Vec<Bar> {
    let (Shape::Regions(regions), Some(year)) = (&indicator.shape, year) else {
        return Vec::new();
    };
    let lang = ctx.lang();
    let mut bars: Vec<Bar> = regions
        .iter()
        .map(|r| {
            let value = r.series.get(year);
            Bar {
                label: r.name.get(lang).to_string(),
                value,
                text: value.map_or_else(
                    || lang.pick("no figure", "无数据").to_string(),
                    |v| ctx.numbers.number(indicator.unit, v, Some(year)),
                ),
                highlight: r.home,
                ..Bar::default()
            }
        })
        .collect();
    bars.sort_by(|a, b| match (a.value, b.value) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    bars
}

/// ┌ GDP, six central provinces · 2024 ───┐
/// │ Henan    ███████████████  63,589.99   │
/// │ …                                     │
/// │ Jiangxi  ████████         34,202.5    │
/// │ Shanxi                    no figure   │
/// │ Jiangxi 5th of 5 with a figure (亿元)  │
/// └───────────────────────────────────────┘
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

    /// Rows a ranking needs: a line a region, the rank line, borders.
    pub fn height(indicator: &Indicator) -> u16 {
        Self::regions(indicator).saturating_add(4)
    }

    /// Rows a ranking uses at most: three a region (a bar two rows thick and a blank row).
    pub fn tallest(indicator: &Indicator) -> u16 {
        Self::regions(indicator).saturating_mul(3).saturating_add(4)
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
        let title = format!(" {} ", self.indicator.short_name().get(lang));
        let width = usize::from(area.width.saturating_sub(2));
        let mut block = Block::bordered()
            .border_type(border_type)
            .border_style(border_style)
            .title(Span::styled(fit_title(&title, width), theme.card_title));
        if let Some(y) = year {
            block = block.title_bottom(
                Line::styled(format!(" {} ", format::year(y, lang)), theme.highlight)
                    .right_aligned(),
            );
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let bars = region_bars(ctx, self.indicator, year);
        let count = u16::try_from(bars.len()).unwrap_or(u16::MAX).max(1);
        let rows_per_bar = (inner.height.saturating_sub(2) / count).clamp(1, 3);
        let [list, _, summary] = inner.layout(&Layout::vertical([
            Constraint::Length(count.saturating_mul(rows_per_bar)),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        HBars::new(&bars, theme)
            .rows_per_bar(rows_per_bar)
            .render(list, buf);
        let home = match &self.indicator.shape {
            Shape::Regions(regions) => regions.iter().find(|r| r.home).map(|r| r.name.get(lang)),
            _ => None,
        };
        let unit = ctx.numbers.unit_label(self.indicator.unit);
        // Longest wording first; the first that fits is shown.
        let texts: Vec<String> = match (home, year.and_then(|y| rank(self.indicator, y))) {
            (Some(home), Some(Rank { place, of, tied })) => {
                let place = ordinal(place, lang);
                let (tie, tie_short) = match (tied, lang) {
                    (false, _) => ("", ""),
                    (true, Lang::En) => (" (tied)", "="),
                    (true, Lang::Zh) => ("（并列）", "（并列）"),
                };
                match lang {
                    Lang::En => vec![
                        format!("{home}: {place}{tie} of {of} with a figure · {unit}"),
                        format!("{home}: {place}{tie_short} of {of} · {unit}"),
                        format!("{home}: {place}{tie_short} of {of}"),
                    ],
                    Lang::Zh => vec![
                        format!("{home}：{of}个有数据省份中{place}{tie} · {unit}"),
                        format!("{home}：{of}省中{place}{tie_short} · {unit}"),
                        format!("{home}：{of}省中{place}{tie_short}"),
                    ],
                }
            }
            (Some(home), None) => match lang {
                Lang::En => vec![
                    format!("{home}: no figure for this year · {unit}"),
                    format!("{home}: no figure"),
                ],
                Lang::Zh => vec![
                    format!("{home}：本年无数据 · {unit}"),
                    format!("{home}：无数据"),
                ],
            },
            _ => vec![unit.to_string()],
        };
        let room = usize::from(summary.width);
        let text = texts
            .iter()
            .find(|t| t.width() <= room)
            .unwrap_or(&texts[texts.len() - 1]);
        Line::styled(text.clone(), theme.highlight).render(summary, buf);
    }
}
