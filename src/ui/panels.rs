//! Panels: a grid of cards, one per indicator, and the zoomed view of one indicator.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, BorderType, Chart, Dataset as ChartData, Gauge, GraphType, Paragraph, Sparkline,
    SparklineBar, Widget, Wrap,
};
use unicode_width::UnicodeWidthStr;

use super::format::{self, pack, wrap};
use super::glyphs;
use super::theme::Theme;
use crate::app::App;
use crate::data::units::{Unit, group, signed_pct};
use crate::data::{Indicator, Lang, Series, Shape};

/// Narrowest card; the grid uses as many columns as fit.
const MIN_CARD_WIDTH: u16 = 38;
const MAX_COLUMNS: u16 = 4;
/// Extra lines a card may take for charts when the screen has room.
const MAX_EXTRA_LINES: u16 = 6;

struct Ctx<'a> {
    app: &'a App,
    theme: &'a Theme,
    lang: Lang,
    numbers: format::Numbers,
}

/// ┌ GDP ──────────────┐┌ Foreign trade ────┐
/// │3.22 trillion (2023)││569 billion (2023) │
/// │from 1.28 trillion  ││US$78.9 billion    │
/// └────────────────────┘└───────────────────┘
/// Rows scroll so the focused card is always visible.
pub fn render_grid(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let ctx = Ctx {
        app,
        theme,
        lang: app.lang,
        numbers: app.numbers(),
    };
    let indicators: Vec<&Indicator> = app.indicators().collect();
    if indicators.is_empty() || area.is_empty() {
        return;
    }
    let columns = (area.width / MIN_CARD_WIDTH).clamp(1, MAX_COLUMNS);
    let inner_width = usize::from((area.width / columns).saturating_sub(2));
    let rows: Vec<&[&Indicator]> = indicators.chunks(usize::from(columns)).collect();
    let focus_row = app.focus() / usize::from(columns);
    // A card is at least 4 lines, so at most height/4 rows show around the focused one; with
    // more rows than that (a data file of hundreds of indicators) only those rows are measured
    // and the others count as the minimum, which places the window the same way.
    let reach = usize::from(area.height / 4) + 2;
    let measured = focus_row.saturating_sub(reach)..=focus_row + reach;
    let measure_all = rows.len() <= reach * 2;
    let mut heights: Vec<u16> = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            if !measure_all && !measured.contains(&r) {
                return 4;
            }
            row.iter()
                .map(|i| min_lines(&ctx, i, inner_width))
                .max()
                .unwrap_or(1)
                + 2
        })
        .collect();
    let total: u16 = heights.iter().sum();
    if total < area.height {
        let rows_len = u16::try_from(rows.len()).unwrap_or(u16::MAX).max(1);
        let extra = ((area.height - total) / rows_len).min(MAX_EXTRA_LINES);
        for h in &mut heights {
            *h += extra;
        }
    }
    let first_row = first_visible_row(&heights, focus_row, area.height);
    let mut y = area.y;
    for (r, row) in rows.iter().enumerate().skip(first_row) {
        let height = heights[r].min(area.bottom().saturating_sub(y));
        if height < 3 {
            break;
        }
        let row_area = Rect::new(area.x, y, area.width, height);
        let cells = row_area.layout_vec(&Layout::horizontal(
            (0..columns).map(|_| Constraint::Ratio(1, u32::from(columns))),
        ));
        for (c, (indicator, cell)) in row.iter().zip(cells).enumerate() {
            let focused = r * usize::from(columns) + c == app.focus();
            render_card(&ctx, indicator, focused, cell, buf);
        }
        y += height;
        if y >= area.bottom() {
            break;
        }
    }
    let shown_to = y;
    let hidden_below = heights
        .iter()
        .skip(first_row)
        .map(|&h| u32::from(h))
        .sum::<u32>()
        > u32::from(area.height);
    if hidden_below || first_row > 0 {
        let marker = if first_row > 0 && !hidden_below {
            glyphs::MORE_ABOVE
        } else {
            glyphs::MORE_BELOW
        };
        let width = u16::try_from(marker.width()).unwrap_or(0);
        let at = Rect::new(
            area.right().saturating_sub(width + 1),
            shown_to.saturating_sub(1).max(area.y),
            width,
            1,
        );
        Span::styled(marker, theme.key).render(at.intersection(area), buf);
    }
}

/// The first row to draw so that `focus_row` is fully visible.
fn first_visible_row(heights: &[u16], focus_row: usize, available: u16) -> usize {
    let mut first = 0;
    while first < focus_row {
        let needed: u32 = heights[first..=focus_row]
            .iter()
            .map(|&h| u32::from(h))
            .sum();
        if needed <= u32::from(available) {
            break;
        }
        first += 1;
    }
    first
}

/// Content lines a card needs to show its figures (without borders).
fn min_lines(ctx: &Ctx, indicator: &Indicator, width: usize) -> u16 {
    let lines = match &indicator.shape {
        Shape::Breakdown(parts) => parts.len(),
        Shape::Text(text) => {
            wrap(text.get(ctx.lang), width).len() + usize::from(indicator.period.is_some())
        }
        Shape::Series(_) | Shape::Fact(_) => {
            1 + pack(
                &format::details(&ctx.app.dataset, indicator, ctx.numbers),
                glyphs::SEPARATOR,
                width,
            )
            .len()
            .min(2)
        }
    };
    u16::try_from(lines.max(2)).unwrap_or(u16::MAX)
}

fn card_title(ctx: &Ctx, indicator: &Indicator) -> String {
    let name = indicator.name.get(ctx.lang);
    match (&indicator.shape, &indicator.period) {
        (Shape::Breakdown(_), Some(period)) => {
            format!(
                " {name} · {} ({}) ",
                period.get(ctx.lang),
                indicator.unit.label(ctx.lang)
            )
        }
        _ => format!(" {name} "),
    }
}

fn render_card(ctx: &Ctx, indicator: &Indicator, focused: bool, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let block = Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(Span::styled(
            truncate(
                &card_title(ctx, indicator),
                usize::from(area.width.saturating_sub(2)),
            ),
            theme.card_title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let width = usize::from(inner.width);
    match &indicator.shape {
        Shape::Series(series) => series_card(ctx, indicator, series, inner, buf),
        Shape::Fact(fact) => {
            let mut lines = vec![Line::styled(
                format::hero(indicator, ctx.numbers),
                theme.hero,
            )];
            let details = format::details(&ctx.app.dataset, indicator, ctx.numbers);
            lines.extend(
                pack(&details, glyphs::SEPARATOR, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.text)),
            );
            let used = u16::try_from(lines.len()).unwrap_or(u16::MAX);
            Paragraph::new(lines).render(inner, buf);
            let rest = Rect::new(
                inner.x,
                inner.y + used.min(inner.height),
                inner.width,
                inner.height.saturating_sub(used),
            );
            if let Some(share) = fact.share_pct.filter(|_| rest.height > 0) {
                share_gauge(ctx, share, Rect { height: 1, ..rest }, buf);
            } else if let (Some(base), Some(value), true) =
                (fact.baseline, fact.value, rest.height >= 2)
            {
                let items = [("", base), ("", value)];
                hbars(ctx, indicator.unit, &items, rest, buf);
            }
        }
        Shape::Breakdown(parts) => {
            let items: Vec<(String, f64, Option<f64>)> = parts
                .iter()
                .map(|p| (p.name.get(ctx.lang).to_string(), p.value, p.change_pct))
                .collect();
            breakdown_lines(ctx, &items, inner, buf);
        }
        Shape::Text(text) => {
            let mut lines: Vec<Line> = wrap(text.get(ctx.lang), width)
                .into_iter()
                .map(|l| Line::styled(l, theme.hero))
                .collect();
            if let Some(period) = &indicator.period {
                lines.push(Line::styled(period.get(ctx.lang).to_string(), theme.text));
            }
            Paragraph::new(lines).render(inner, buf);
        }
    }
}

/// Hero figure, details, then a sparkline and a share gauge when the card has room.
fn series_card(ctx: &Ctx, indicator: &Indicator, series: &Series, inner: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let width = usize::from(inner.width);
    let mut lines = vec![Line::styled(
        format::hero(indicator, ctx.numbers),
        theme.hero,
    )];
    let details = format::details(&ctx.app.dataset, indicator, ctx.numbers);
    let packed = pack(&details, glyphs::SEPARATOR, width);
    let chart_rows = inner
        .height
        .saturating_sub(1 + u16::try_from(packed.len().min(2)).unwrap_or(2));
    lines.extend(
        packed
            .into_iter()
            .take(2)
            .map(|l| Line::styled(l, theme.text)),
    );
    let text_height = u16::try_from(lines.len()).unwrap_or(0);
    Paragraph::new(lines).render(inner, buf);
    let head_year = series.headline().map(|p| p.year);
    let share = ctx
        .app
        .dataset
        .shares(indicator)
        .into_iter()
        .find(|(y, _)| Some(*y) == head_year);
    let mut chart_rows = chart_rows;
    if let (Some((_, share)), true) = (share, chart_rows > 0) {
        // The share of the national total as a gauge on the last line.
        let bottom = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        share_gauge(ctx, share, bottom, buf);
        chart_rows -= 1;
    }
    if chart_rows > 0 && series.points.len() > 2 {
        let spark = Rect::new(
            inner.x,
            inner.y + text_height,
            inner.width,
            chart_rows.min(inner.height.saturating_sub(text_height)),
        );
        render_sparkline(ctx, series, spark, buf);
    }
}

fn render_sparkline(ctx: &Ctx, series: &Series, area: Rect, buf: &mut Buffer) {
    let points = series.with_gaps();
    let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) else {
        return;
    };
    let label_l = format!("{first} ");
    let label_r = format!(" {last}");
    let max = series
        .points
        .iter()
        .map(|p| p.value)
        .fold(0.0_f64, f64::max);
    let bars: Vec<SparklineBar> = points
        .iter()
        .map(|(_, v)| SparklineBar::from(v.map(|v| scale(v, max))))
        .collect();
    let spark_width = u16::try_from(bars.len()).unwrap_or(u16::MAX);
    let needed = spark_width + u16::try_from(label_l.len() + label_r.len()).unwrap_or(0);
    if area.width < needed || area.height == 0 {
        return;
    }
    let label_y = area.bottom() - 1;
    Span::styled(&label_l, ctx.theme.muted).render(Rect::new(area.x, label_y, 5, 1), buf);
    let spark = Rect::new(area.x + 5, area.y, spark_width, area.height);
    Sparkline::default()
        .data(bars)
        .style(ctx.theme.bar)
        .absent_value_symbol(glyphs::GAP)
        .absent_value_style(ctx.theme.muted)
        .render(spark, buf);
    Span::styled(&label_r, ctx.theme.muted).render(Rect::new(spark.right(), label_y, 5, 1), buf);
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

fn share_gauge(ctx: &Ctx, share: f64, area: Rect, buf: &mut Buffer) {
    let label = format!("{}%", group(share, 2));
    Gauge::default()
        .ratio((share / 100.0).clamp(0.0, 1.0))
        .label(label)
        .gauge_style(ctx.theme.bar)
        .render(area, buf);
}

/// Horizontal bars, one per line: `label ██████▍ value`.
fn hbars(ctx: &Ctx, unit: &Unit, items: &[(&str, f64)], area: Rect, buf: &mut Buffer) {
    let max = items.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
    let label_width = items.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let value_width = items
        .iter()
        .map(|(_, v)| ctx.numbers.amount(unit, *v).width())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = items
        .iter()
        .map(|(label, v)| {
            let value = ctx.numbers.amount(unit, *v);
            let room = usize::from(area.width).saturating_sub(label_width + value_width + 2);
            Line::from(vec![
                Span::raw(pad(label, label_width)),
                Span::raw(if label_width > 0 { " " } else { "" }),
                Span::styled(bar(*v, max, room), ctx.theme.bar),
                Span::raw(" "),
                Span::styled(value, ctx.theme.text),
            ])
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// One line per part: name, bar, value and change.
fn breakdown_lines(ctx: &Ctx, items: &[(String, f64, Option<f64>)], area: Rect, buf: &mut Buffer) {
    let max = items.iter().map(|(_, v, _)| *v).fold(0.0_f64, f64::max);
    let name_width = items
        .iter()
        .map(|(n, _, _)| n.width())
        .max()
        .unwrap_or(0)
        .min(usize::from(area.width) / 2);
    let value_width = items
        .iter()
        .map(|(_, v, _)| group(*v, 2).width())
        .max()
        .unwrap_or(0);
    let change_width = items
        .iter()
        .filter_map(|(_, _, c)| c.map(|c| signed_pct(c).width() + 1))
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = items
        .iter()
        .map(|(name, value, change)| {
            let value_text = format!("{:>value_width$}", group(*value, 2));
            let change_text = change
                .map(|c| format!(" {}", signed_pct(c)))
                .unwrap_or_default();
            let room =
                usize::from(area.width).saturating_sub(name_width + 2 + value_width + change_width);
            let mut spans = vec![
                Span::raw(pad(&truncate(name, name_width), name_width)),
                Span::raw(" "),
                Span::styled(bar(*value, max, room), ctx.theme.bar),
                Span::raw(" "),
                Span::styled(value_text, ctx.theme.hero),
            ];
            if let Some(c) = change {
                spans.push(Span::styled(change_text, ctx.theme.change(*c)));
            }
            Line::from(spans)
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// A bar of `value / max * width` cells, with eighth blocks for the fraction.
fn bar(value: f64, max: f64, width: usize) -> String {
    if max <= 0.0 || value <= 0.0 || width == 0 {
        return " ".repeat(width);
    }
    // Both casts are of small non-negative numbers: a cell count at most `width * 8`.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let eighths = ((value / max) * (width * 8) as f64).round() as usize;
    let mut out = String::new();
    out.extend(std::iter::repeat_n(glyphs::BAR_FULL, eighths / 8));
    if !eighths.is_multiple_of(8) {
        out.push(glyphs::BAR_EIGHTHS[eighths % 8]);
    }
    let used = out.chars().count();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(text.width())));
    out
}

/// Cuts text to `width` columns, ending with an ellipsis when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push(glyphs::ELLIPSIS);
    }
    out
}

/// ┌ GDP, first release ───────────────────────── zoom ┐
/// │ chart with axes (years × values)     │ year  value │
/// │                                      │ 2014  15,708│
/// ├ note, derived figures, source ─────────────────────┤
/// └────────────────────────────────────────────────────┘
pub fn render_zoom(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let ctx = Ctx {
        app,
        theme,
        lang: app.lang,
        numbers: app.numbers(),
    };
    let Some(indicator) = app.focused() else {
        return;
    };
    let esc = match ctx.lang {
        Lang::En => " Esc back ",
        Lang::Zh => " Esc 返回 ",
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_focus)
        .title(Span::styled(card_title(&ctx, indicator), theme.card_title))
        .title_top(Line::styled(esc, theme.muted).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let about = about_lines(&ctx, indicator);
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
    match &indicator.shape {
        Shape::Series(series) => zoom_series(&ctx, indicator, series, figure, buf),
        Shape::Breakdown(parts) => {
            let items: Vec<(String, f64, Option<f64>)> = parts
                .iter()
                .map(|p| {
                    let mut name = p.name.get(ctx.lang).to_string();
                    if let Some(share) = p.share_pct {
                        name = format!("{name} ({}%)", group(share, 2));
                    }
                    (name, p.value, p.change_pct)
                })
                .collect();
            breakdown_lines(&ctx, &items, figure, buf);
        }
        Shape::Fact(fact) => zoom_fact(&ctx, indicator, fact, figure, buf),
        Shape::Text(text) => {
            let mut lines = vec![Line::styled(text.get(ctx.lang).to_string(), theme.hero)];
            if let Some(period) = &indicator.period {
                lines.push(Line::from(period.get(ctx.lang).to_string()));
            }
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .render(figure, buf);
        }
    }
}

fn zoom_fact(
    ctx: &Ctx,
    indicator: &Indicator,
    fact: &crate::data::Fact,
    figure: Rect,
    buf: &mut Buffer,
) {
    let theme = ctx.theme;
    let mut lines = vec![
        Line::styled(format::hero(indicator, ctx.numbers), theme.hero),
        Line::default(),
    ];
    lines.extend(
        format::details(&ctx.app.dataset, indicator, ctx.numbers)
            .into_iter()
            .map(Line::from),
    );
    let used = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    Paragraph::new(lines).render(figure, buf);
    let rest = Rect::new(
        figure.x,
        figure.y + used.min(figure.height),
        figure.width,
        figure.height.saturating_sub(used + 1),
    );
    if let Some(share) = fact.share_pct.filter(|_| rest.height > 1) {
        share_gauge(
            ctx,
            share,
            Rect {
                y: rest.y + 1,
                height: 1,
                ..rest
            },
            buf,
        );
    } else if let (Some(base), Some(value)) = (fact.baseline, fact.value) {
        let (before, after) = match ctx.lang {
            Lang::En => ("before", "after"),
            Lang::Zh => ("改革前", "改革后"),
        };
        hbars(
            ctx,
            indicator.unit,
            &[(before, base), (after, value)],
            Rect {
                y: rest.y + 1,
                height: rest.height.saturating_sub(1),
                ..rest
            },
            buf,
        );
    }
}

/// Note, derived figures and the full source of an indicator.
fn about_lines<'a>(ctx: &Ctx<'a>, indicator: &'a Indicator) -> Vec<Line<'a>> {
    let theme = ctx.theme;
    let mut lines = Vec::new();
    if let Some(note) = &indicator.note {
        lines.push(Line::styled(note.get(ctx.lang).to_string(), theme.text));
    }
    if let Some(source) = ctx.app.dataset.source(&indicator.source) {
        let label = if ctx.lang == Lang::En {
            "Source: "
        } else {
            "来源："
        };
        let mut text = format!(
            "{label}{}, \u{201c}{}\u{201d}",
            source.publisher, source.title
        );
        if let Some(date) = &source.date {
            text.push_str(", ");
            text.push_str(date);
        }
        if let Some(vintage) = &source.vintage {
            text.push_str(" (");
            text.push_str(vintage);
            text.push(')');
        }
        lines.push(Line::styled(text, theme.muted));
        if let Some(url) = &source.url {
            lines.push(Line::styled(url.clone(), theme.muted));
        }
    }
    lines
}

/// Jiangxi beside the national total of its headline year, in Jiangxi's unit.
fn national_comparison(
    ctx: &Ctx,
    indicator: &Indicator,
    series: &Series,
) -> Option<Vec<(String, f64)>> {
    let total = ctx.app.dataset.indicator(indicator.share_of.as_deref()?)?;
    let Shape::Series(total_series) = &total.shape else {
        return None;
    };
    let head = series.headline()?;
    let national = total_series.get(head.year)? * total.unit.scale / indicator.unit.scale;
    let (jx, cn) = match ctx.lang {
        Lang::En => ("Jiangxi", "China"),
        Lang::Zh => ("江西", "全国"),
    };
    Some(vec![
        (format!("{jx} {}", head.year), head.value),
        (format!("{cn} {}", head.year), national),
    ])
}

/// Every year of a series, gaps included, with its year-on-year change; `¦` marks a break.
fn series_table<'a>(ctx: &Ctx, indicator: &Indicator, series: &Series) -> Vec<Line<'a>> {
    let mut rows = vec![Line::styled(
        format!(
            "{:<5} {:>12}  {}",
            if ctx.lang == Lang::En {
                "year"
            } else {
                "年份"
            },
            indicator.unit.label(ctx.lang),
            if ctx.lang == Lang::En {
                "y/y"
            } else {
                "同比"
            }
        ),
        ctx.theme.muted,
    )];
    for (year, value) in series.with_gaps() {
        let cell = value.map_or_else(|| glyphs::GAP.to_string(), |v| group(v, 2));
        let yoy = crate::data::derive::yoy(series, year)
            .map(signed_pct)
            .unwrap_or_default();
        let marker = if series.break_year == Some(year) {
            "¦"
        } else {
            " "
        };
        let style = if value.is_some() {
            ctx.theme.text
        } else {
            ctx.theme.muted
        };
        rows.push(Line::from(vec![
            Span::styled(format!("{year}{marker}"), ctx.theme.muted),
            Span::styled(format!("{cell:>12}"), style),
            Span::styled(
                format!("  {yoy}"),
                ctx.theme
                    .change(crate::data::derive::yoy(series, year).unwrap_or(0.0)),
            ),
        ]));
    }
    rows
}

fn zoom_series(ctx: &Ctx, indicator: &Indicator, series: &Series, area: Rect, buf: &mut Buffer) {
    let table_width = 34.min(area.width / 2);
    let [chart_area, table_area] = area.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(table_width),
    ]));
    Paragraph::new(series_table(ctx, indicator, series)).render(table_area, buf);
    let chart_area = match national_comparison(ctx, indicator, series) {
        Some(items) if chart_area.height > 8 => {
            let [chart, compare] = chart_area.layout(&Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(3),
            ]));
            let compare = Rect {
                y: compare.y + 1,
                height: 2,
                ..compare
            };
            let items: Vec<(&str, f64)> = items.iter().map(|(l, v)| (l.as_str(), *v)).collect();
            hbars(ctx, indicator.unit, &items, compare, buf);
            chart
        }
        _ => chart_area,
    };

    // The chart: one line per unbroken run of years, so gaps stay gaps.
    let runs = runs(series);
    let (Some(first), Some(last)) = (series.first(), series.last()) else {
        return;
    };
    let max = series
        .points
        .iter()
        .map(|p| p.value)
        .fold(f64::MIN, f64::max);
    let min = series
        .points
        .iter()
        .map(|p| p.value)
        .fold(f64::MAX, f64::min);
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
                .style(ctx.theme.bar)
                .data(run)
        })
        .collect();
    let x0 = f64::from(first.year);
    let x1 = f64::from(last.year).max(x0 + 1.0);
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([x0, x1])
                .labels([first.year.to_string(), last.year.to_string()])
                .style(ctx.theme.muted),
        )
        .y_axis(
            Axis::default()
                .title(Span::styled(
                    indicator.unit.label(ctx.lang),
                    ctx.theme.muted,
                ))
                .bounds([low, high])
                .labels([
                    group(low, 2),
                    group(f64::midpoint(low, high), 2),
                    group(high, 2),
                ])
                .style(ctx.theme.muted),
        );
    chart.render(chart_area, buf);
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

/// Consecutive-year runs of a series as chart points.
fn runs(series: &Series) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut previous: Option<u16> = None;
    for p in &series.points {
        let continues =
            previous.is_some_and(|y| y + 1 == p.year) && series.break_year != Some(p.year);
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
    fn bars_have_fractional_ends_and_fixed_width() {
        assert_eq!(bar(1.0, 2.0, 4), "██  ");
        assert_eq!(bar(1.0, 8.0, 1).chars().count(), 1);
        assert_eq!(bar(-1.0, 2.0, 3), "   ");
        assert_eq!(truncate("Foreign trade", 8), "Foreign…");
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
                })
                .collect(),
            break_year: Some(2021),
            highlight: None,
        };
        let lens: Vec<usize> = runs(&series).iter().map(Vec::len).collect();
        assert_eq!(lens, [2, 1, 1, 1]);
    }
}
