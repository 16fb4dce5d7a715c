//! A chart panel of a tab: its series over the years in the panel's view, the events that
//! concern them, a legend of short names; and the pieces the zoom view's chart shares.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::Ctx;
use super::chart::{self, TimeChart};
use crate::app::App;
use crate::data::model::{Panel, View};
use crate::data::{Indicator, Shape, units};

/// A chart panel: its series over the years (in the panel's view), the events marked.
pub struct PanelChart<'a> {
    pub app: &'a App,
    pub ctx: &'a Ctx<'a>,
    pub panel: &'a Panel,
    pub focused: bool,
}

impl Widget for PanelChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, lang) = (self.ctx, self.ctx.lang());
        let inds = ctx.panel_indicators(self.panel);
        let Some(first) = inds.first() else { return };
        let view = if self.panel.view == View::Level {
            self.app.view_of(first)
        } else {
            self.panel.view
        };
        let labels = legend_labels(&inds, lang);
        let series: Vec<chart::Series> = inds
            .iter()
            .enumerate()
            .filter_map(|(i, indicator)| {
                chart_series(ctx, indicator, view, i).map(|s| chart::Series {
                    label: labels[i].clone(),
                    ..s
                })
            })
            .collect();
        let unit = axis_unit(ctx, first, view);
        let [marker, chart_area] = area.layout(&Layout::horizontal([
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        if self.focused {
            for y in marker.rows() {
                Span::styled("▌", ctx.theme.border_focus).render(y, buf);
            }
        }
        TimeChart::new(&series, &unit, &ctx.theme, lang)
            .events(
                ctx.dataset
                    .events_marking(&inds.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()),
            )
            .render(chart_area, buf);
    }
}

/// An indicator as a chart series in `view`, in the unit the axis shows.
pub fn chart_series(
    ctx: &Ctx,
    indicator: &Indicator,
    view: View,
    i: usize,
) -> Option<chart::Series> {
    let Shape::Series(series) = &indicator.shape else {
        return None;
    };
    let lang = ctx.lang();
    let derived = ctx.dataset.derive(indicator, series, view);
    let scale = |v: f64, year: u16| match view {
        View::Level => ctx.numbers.scaled(indicator.unit, v, Some(year)),
        _ => v,
    };
    Some(chart::Series {
        label: indicator.name.get(lang).to_string(),
        points: derived
            .points
            .iter()
            .map(|&(y, v)| (y, scale(v, y)))
            .collect(),
        breaks: ctx.dataset.view_breaks(indicator, series, view),
        style: ctx.theme.series(i),
    })
}

/// The names a chart's legend gives its series: the short names where every series has one,
/// else the full names without the words they share ("Disposable income per capita, urban",
/// "…, rural" read "urban", "rural" under a title that says the rest).
pub fn legend_labels(indicators: &[&Indicator], lang: crate::text::Lang) -> Vec<String> {
    if indicators.iter().all(|i| i.short.is_some()) || indicators.len() < 2 {
        return indicators
            .iter()
            .map(|i| i.short_name().get(lang).to_string())
            .collect();
    }
    let names: Vec<&str> = indicators.iter().map(|i| i.name.get(lang)).collect();
    // English is cut at words, Chinese at characters.
    let units = |name: &str| -> Vec<String> {
        match lang {
            crate::text::Lang::En => name.split_inclusive(' ').map(str::to_string).collect(),
            crate::text::Lang::Zh => name.chars().map(String::from).collect(),
        }
    };
    let split: Vec<Vec<String>> = names.iter().map(|n| units(n)).collect();
    let shortest = split.iter().map(Vec::len).min().unwrap_or(0);
    let prefix = (0..shortest)
        .take_while(|&k| split.iter().all(|w| w[k] == split[0][k]))
        .count();
    let suffix = (0..shortest - prefix)
        .take_while(|&k| {
            split
                .iter()
                .all(|w| w[w.len() - 1 - k] == split[0][split[0].len() - 1 - k])
        })
        .count();
    split
        .iter()
        .zip(&names)
        .map(|(words, name)| {
            let kept = words[prefix..words.len() - suffix].concat();
            let kept = kept.trim().trim_matches([',', '，', '、']).trim();
            if kept.is_empty() {
                (*name).to_string()
            } else {
                kept.to_string()
            }
        })
        .collect()
}

/// The unit the axis of a chart in `view` reads in.
pub fn axis_unit(ctx: &Ctx, indicator: &Indicator, view: View) -> String {
    let lang = ctx.lang();
    match view {
        View::Level => ctx.numbers.unit_label(indicator.unit).to_string(),
        View::Change if crate::data::derive::in_points(indicator) => lang
            .pick(
                "percentage points on the year before",
                "比上年变化（百分点）",
            )
            .into(),
        View::Change => lang
            .pick("% change on the year before", "比上年增长%")
            .into(),
        View::Index => lang
            .pick("index, start of stretch = 100", "指数，段首=100")
            .into(),
        View::Share => lang.pick("% of China", "占全国%").into(),
        View::PerCapita => units::unit("yuan")
            .map_or("", |u| u.label(lang))
            .to_string(),
    }
}
