//! Bars by year (ratatui's [`BarChart`]): a group per year of all the panel's series
//! (exports beside imports), the latest year in bold, a legend of the series.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};

use super::Ctx;
use crate::data::{Indicator, Shape};

/// ```text
///  billion yuan         ━ Exports ━ Imports
///   ███ 367.18              ███ 304.55   ███ 309.78
///   ███ ███ 130.86          ███ ███      ███ ███
///     2021                    2024         2025
/// ```
pub struct YearBars<'a> {
    ctx: &'a Ctx<'a>,
    series: Vec<&'a Indicator>,
}

impl<'a> YearBars<'a> {
    pub fn new(ctx: &'a Ctx<'a>, series: Vec<&'a Indicator>) -> Self {
        Self { ctx, series }
    }
}

impl Widget for YearBars<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let years: Vec<u16> = self
            .series
            .iter()
            .filter_map(|i| match &i.shape {
                Shape::Series(s) => Some(s.points.iter().map(|p| p.year)),
                _ => None,
            })
            .flatten()
            .collect();
        let (Some(first), Some(&earliest), Some(&latest)) =
            (self.series.first(), years.iter().min(), years.iter().max())
        else {
            return;
        };
        // Every year from the first to the latest: a year without figures stays an empty gap.
        let years: Vec<u16> = (earliest..=latest).collect();
        let gaps = years.iter().any(|&y| {
            self.series
                .iter()
                .any(|i| matches!(&i.shape, Shape::Series(s) if s.get(y).is_none()))
        });
        let [head, chart] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        let mut spans = vec![Span::styled(
            format!("{}   ", ctx.numbers.unit_label(first.unit)),
            theme.muted,
        )];
        for (i, indicator) in self.series.iter().enumerate() {
            spans.push(Span::styled(
                format!("█ {}   ", indicator.short_name().get(lang)),
                theme.series(i),
            ));
        }
        if gaps {
            spans.push(Span::styled(
                lang.pick("(no bar: no figure found)", "（无柱：未找到数据）"),
                theme.muted,
            ));
        }
        Line::from(spans).render(head, buf);
        let groups: Vec<BarGroup> = years
            .iter()
            .map(|&year| {
                let bars: Vec<Bar> = self
                    .series
                    .iter()
                    .enumerate()
                    .filter_map(|(i, indicator)| {
                        let Shape::Series(s) = &indicator.shape else {
                            return None;
                        };
                        let Some(value) = s.get(year) else {
                            return Some(Bar::default().value(0).text_value(String::new()));
                        };
                        let text = ctx.numbers.number(indicator.unit, value, Some(year));
                        let mut style = theme.series(i);
                        if year == latest {
                            style = style.add_modifier(Modifier::BOLD);
                        }
                        // Bar heights: hundredths of the stored value, a whole number.
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        let height = (value.max(0.0) * 100.0).round() as u64;
                        Some(
                            Bar::default()
                                .value(height)
                                .text_value(text)
                                .style(style)
                                .value_style(theme.hero),
                        )
                    })
                    .collect();
                let label = if year == latest {
                    Line::styled(year.to_string(), theme.highlight)
                } else {
                    Line::styled(year.to_string(), theme.muted)
                };
                BarGroup::default().label(label).bars(&bars)
            })
            .collect();
        let bars_per_group = u16::try_from(self.series.len().max(1)).unwrap_or(1);
        let group_count = u16::try_from(groups.len().max(1)).unwrap_or(1);
        // As wide as the room allows, up to ten columns a bar. A group takes its bars, a
        // one-column gap after each, and three columns before the next group.
        let stride = (chart.width + 3) / group_count;
        let bar_width = (stride.saturating_sub(3) / bars_per_group)
            .saturating_sub(1)
            .clamp(1, 10);
        let mut barchart = BarChart::default()
            .bar_width(bar_width)
            .bar_gap(1)
            .group_gap(3);
        for group in groups {
            barchart = barchart.data(group);
        }
        barchart.render(chart, buf);
    }
}
