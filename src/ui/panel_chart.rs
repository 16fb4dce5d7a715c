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
use crate::data::{Indicator, Shape};
use crate::text::Lang;

/// A chart panel: its series over the years (in the panel's view), the events marked.
pub struct PanelChart<'a> {
    pub app: &'a App,
    pub ctx: &'a Ctx<'a>,
    pub panel: &'a Panel,
    pub focused: bool,
    /// The years of the tab's shared time axis.
    pub span: Option<(u16, u16)>,
}

impl Widget for PanelChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, lang) = (self.ctx, self.ctx.lang());
        let inds = ctx.panel_indicators(self.panel);
        let view = panel_view(self.app, self.panel);
        let labels = legend_labels(&inds, lang);
        let (series, unit) = chart_lines(ctx, &inds, &labels, view);
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
            .span(self.span)
            .render(chart_area, buf);
    }
}

/// The view a chart panel draws: the one `t` chose for its first series, else its own.
pub fn panel_view(app: &App, panel: &Panel) -> View {
    panel
        .indicators
        .first()
        .and_then(|&first| app.views.get(&app.dataset.indicators[first].id).copied())
        .unwrap_or(panel.view)
}

/// A derived point as the chart plots it: in the column's scale, per resident in US$ at its
/// year's rate; `None` (and the year noted in `unrated`) when the currency has no rate for it.
fn shown_point(
    ctx: &Ctx,
    column: &crate::format::Column<'_>,
    indicator: &Indicator,
    view: View,
    (year, value): (u16, f64),
    unrated: &mut Vec<u16>,
) -> Option<(u16, f64)> {
    let shown = match view {
        View::Level => column.value(value, Some(year)),
        View::PerCapita if ctx.numbers.converts(indicator.unit) => {
            ctx.numbers.rate(Some(year)).map(|rate| value / rate)
        }
        _ => Some(value),
    };
    if shown.is_none() {
        unrated.push(year);
    }
    shown.map(|s| (year, s))
}

/// Series of one chart in `view`, in one scale (one currency: in US dollars a year without a
/// rate has no point), each labelled with its latest value; and the axis unit.
pub fn chart_lines(
    ctx: &Ctx,
    indicators: &[&Indicator],
    labels: &[String],
    view: View,
) -> (Vec<chart::Series>, String) {
    let lang = ctx.lang();
    let derived: Vec<(
        &Indicator,
        &crate::data::Series,
        crate::data::derive::Derived,
    )> = indicators
        .iter()
        .filter_map(|&indicator| match &indicator.shape {
            Shape::Series(series) => Some((
                indicator,
                series,
                ctx.dataset.derive(indicator, series, view),
            )),
            _ => None,
        })
        .collect();
    let Some(&(first, ..)) = derived.first() else {
        return (Vec::new(), String::new());
    };
    let values: Vec<(f64, Option<u16>)> = derived
        .iter()
        .flat_map(|(_, _, d)| d.points.iter().map(|&(y, v)| (v, Some(y))))
        .collect();
    let column = ctx.numbers.column(first.unit, &values);
    let mut unrated: Vec<u16> = Vec::new();
    let mut series: Vec<chart::Series> = derived
        .iter()
        .enumerate()
        .map(|(i, (indicator, series, d))| {
            let points: Vec<(u16, f64)> = d
                .points
                .iter()
                .filter_map(|&(y, v)| {
                    shown_point(ctx, &column, indicator, view, (y, v), &mut unrated)
                })
                .collect();
            // The latest value at the end of the legend: "Jiangxi 5.2".
            let latest = points.last().map(|&(_, v)| match view {
                View::Level => crate::format::scale::fixed(v, column.decimals),
                View::PerCapita => crate::data::units::group(v, 0),
                _ => crate::data::units::group(v, 2),
            });
            let label = labels
                .get(i)
                .cloned()
                .unwrap_or_else(|| indicator.name.get(lang).to_string());
            chart::Series {
                label,
                latest,
                points,
                breaks: ctx.dataset.view_breaks(indicator, series, view),
                style: ctx.theme.series(i),
                index: i,
            }
        })
        .collect();
    unrated.sort_unstable();
    unrated.dedup();
    date_latest(&mut series, &derived, view, lang);
    let mut unit = match view {
        View::Level => column.label().to_string(),
        _ => axis_unit(ctx, first, view),
    };
    let converted = match view {
        View::Level => column.converted(),
        View::PerCapita => ctx.numbers.converts(first.unit),
        _ => false,
    };
    if converted {
        unit = converted_unit(&unit, &unrated, lang);
    }
    (series, unit)
}

/// Latest values of different years (or, as indices, on different base years) say theirs:
/// "GDP 4.67 (2024)", "China 3.91 (2025)"; "228.7 (2025; 2012 = 100)".
fn date_latest(
    lines: &mut [chart::Series],
    derived: &[(
        &Indicator,
        &crate::data::Series,
        crate::data::derive::Derived,
    )],
    view: View,
    lang: Lang,
) {
    let dates: Vec<Option<(u16, u16)>> = lines
        .iter()
        .zip(derived)
        .map(|(line, (_, series, _))| {
            let &(year, _) = line.points.last()?;
            let base = series.index_base(year).map_or(year, |p| p.year);
            Some((year, base))
        })
        .collect();
    let years_differ = dates
        .iter()
        .flatten()
        .any(|d| Some(d.0) != dates.iter().flatten().next().map(|f| f.0));
    let bases_differ = view == View::Index
        && dates
            .iter()
            .flatten()
            .any(|d| Some(d.1) != dates.iter().flatten().next().map(|f| f.1));
    if !years_differ && !bases_differ {
        return;
    }
    for (line, date) in lines.iter_mut().zip(&dates) {
        let (Some(latest), Some((year, base))) = (&line.latest, date) else {
            continue;
        };
        line.latest = Some(match (view == View::Index, lang) {
            (true, Lang::En) => format!("{latest} ({year}; {base} = 100)"),
            (true, Lang::Zh) => format!("{latest}（{year}年；{base}年=100）"),
            (false, Lang::En) => format!("{latest} ({year})"),
            (false, Lang::Zh) => format!("{latest}（{year}年）"),
        });
    }
}

/// A unit of amounts converted at each year's official rate: an estimate (`≈`), and the years
/// left out for want of a rate said: "≈billion US$ · no rate: 2019, 2024–2025".
pub fn converted_unit(unit: &str, unrated: &[u16], lang: Lang) -> String {
    let unit = if unit.starts_with('≈') {
        unit.to_string()
    } else {
        format!("≈{unit}")
    };
    let mut years: Vec<u16> = unrated.to_vec();
    years.sort_unstable();
    years.dedup();
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        runs.push(if i == j {
            years[i].to_string()
        } else {
            format!("{}–{}", years[i], years[j])
        });
        i = j + 1;
    }
    if runs.is_empty() {
        return unit;
    }
    match lang {
        Lang::En => format!("{unit} · no rate: {}", runs.join(", ")),
        Lang::Zh => format!("{unit}（{}年无汇率，未显示）", runs.join("、")),
    }
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
        View::Level => ctx.numbers.column(indicator.unit, &[]).label().to_string(),
        View::Change if crate::data::derive::in_points(indicator) => lang
            .pick(
                "percentage points on the year before",
                "比上年变化（百分点）",
            )
            .into(),
        // Money changes at current prices, and in dollars still those of the yuan figures.
        View::Change if indicator.unit.is_money() => {
            lang.pick("% change on the year before, nominal", "比上年名义增长%")
                .to_string()
                + crate::format::in_yuan(ctx.numbers, indicator.unit)
        }
        View::Change => lang
            .pick("% change on the year before", "比上年增长%")
            .into(),
        View::Index => {
            lang.pick(
                "index, first year of each stretch = 100",
                "指数，每段首年=100",
            )
            .to_string()
                + crate::format::in_yuan(ctx.numbers, indicator.unit)
        }
        View::Share => lang.pick("% of China", "占全国%").into(),
        View::PerCapita => crate::format::view_unit(ctx.numbers, indicator, view),
    }
}
