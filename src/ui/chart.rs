//! A chart of yearly series on a time axis, drawn on ratatui's [`Canvas`]: one line per
//! unbroken run of years (a gap or a change of base breaks the line), a lone point labelled
//! with its year, dated events as dotted verticals named under the chart, and a legend.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line as Segment, Points};
use unicode_width::UnicodeWidthStr;

use super::glyphs;
use super::theme::Theme;
use crate::data::Event;
use crate::data::units::group;
use crate::format::{pack, truncate};
use crate::text::Lang;

/// One series of a chart, already in the unit the axis shows.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    /// The latest value, after the label in the legend: kept whole when the label is cut.
    pub latest: Option<String>,
    pub points: Vec<(u16, f64)>,
    /// Years that start a new stretch (a change of base): the line does not join across.
    pub breaks: Vec<u16>,
    pub style: Style,
    /// Which of the chart's series this is: it decides the line's glyphs, so that series
    /// differ without colour too.
    pub index: usize,
}

/// Columns left of a chart for its value labels: the same for every chart and bars panel, so
/// that panels stacked on a tab share one time axis.
pub const GUTTER: u16 = 8;

/// How a series is drawn: a solid braille line; a dotted line with a dot at each figure; a
/// solid line with a cross at each figure. The legend shows the same glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Solid,
    Dotted,
    Crossed,
}

impl Look {
    fn of(index: usize) -> Self {
        [Look::Solid, Look::Dotted, Look::Crossed][index % 3]
    }

    /// The glyph at each figure (a lone point of a solid line too).
    fn marker(self) -> &'static str {
        match self {
            Look::Solid => glyphs::POINT,
            Look::Dotted => glyphs::DOT_MARK,
            Look::Crossed => glyphs::CROSS_MARK,
        }
    }

    /// The series as the legend draws it.
    fn legend(self) -> &'static str {
        match self {
            Look::Solid => "⠤⠤",
            Look::Dotted => "·•·",
            Look::Crossed => "⠤×⠤",
        }
    }
}

pub struct TimeChart<'a> {
    series: &'a [Series],
    events: Vec<&'a Event>,
    unit: &'a str,
    theme: &'a Theme,
    lang: Lang,
    /// The years of the axis when the tab shares one among its charts.
    span: Option<(u16, u16)>,
}

impl<'a> TimeChart<'a> {
    pub fn new(series: &'a [Series], unit: &'a str, theme: &'a Theme, lang: Lang) -> Self {
        Self {
            series,
            events: Vec::new(),
            unit,
            theme,
            lang,
            span: None,
        }
    }

    /// Dated events to mark on the time axis.
    #[must_use]
    pub fn events(mut self, events: Vec<&'a Event>) -> Self {
        self.events = events;
        self
    }

    /// The years of the time axis (a tab's charts share one), instead of the series' own.
    #[must_use]
    pub fn span(mut self, span: Option<(u16, u16)>) -> Self {
        self.span = span;
        self
    }

    fn years(&self) -> Option<(u16, u16)> {
        if self.span.is_some() {
            return self.span;
        }
        let years = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0));
        Some((years.clone().min()?, years.max()?))
    }

    fn value_bounds(&self) -> (f64, f64) {
        let values = || {
            self.series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.1))
        };
        let max = values().fold(f64::MIN, f64::max);
        let min = values().fold(f64::MAX, f64::min);
        let low = if min >= 0.0 { 0.0 } else { -nice_ceiling(-min) };
        let high = if max > 0.0 { nice_ceiling(max) } else { 1.0 };
        (low, high)
    }

    /// The events inside the chart's years.
    fn visible_events(&self, first: u16, last: u16) -> Vec<&Event> {
        self.events
            .iter()
            .copied()
            .filter(|e| (first..=last).contains(&e.year))
            .collect()
    }
}

/// The color of a style's foreground, for canvas shapes (the default color when none).
fn color(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

impl Widget for TimeChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some((first, last)) = self.years() else {
            return;
        };
        let (low, high) = self.value_bounds();
        let events = self.visible_events(first, last);
        let y_labels = axis_labels(low, high);
        let gutter = y_labels.iter().map(|l| l.width()).max().unwrap_or(1);
        let gutter = u16::try_from(gutter + 1).unwrap_or(GUTTER).max(GUTTER);
        let legend = legend_lines(&self, &events, area.width);
        let legend_height = u16::try_from(legend.len())
            .unwrap_or(0)
            .min(area.height / 3);
        let [unit_row, plot, x_row, legend_area] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(legend_height),
        ]));
        if plot.height < 2 || plot.width <= gutter + 4 {
            return;
        }
        let [labels, canvas_area] = plot.layout(&Layout::horizontal([
            Constraint::Length(gutter),
            Constraint::Fill(1),
        ]));
        let muted = self.theme.muted;
        Span::styled(
            crate::format::fit_title(self.unit, usize::from(unit_row.width)),
            muted,
        )
        .render(unit_row, buf);
        render_y_labels(labels, low, high, muted, buf);
        let x_bounds = [f64::from(first) - 0.5, f64::from(last) + 0.5];
        let y_bounds = [low, high];
        // The canvas paints its background: the theme's, so the light and contrast themes keep
        // theirs under the chart.
        Canvas::default()
            .background_color(self.theme.base.bg.unwrap_or(Color::Reset))
            .marker(Marker::Braille)
            .x_bounds(x_bounds)
            .y_bounds(y_bounds)
            .paint(|ctx| {
                // A dotted vertical: one dot per row, so that it reads as a marker, not a line.
                let rows = f64::from(canvas_area.height);
                for event in &events {
                    let dots: Vec<(f64, f64)> = (0..canvas_area.height)
                        .map(|row| {
                            (
                                event.position(),
                                low + (f64::from(row) + 0.5) * (high - low) / rows,
                            )
                        })
                        .collect();
                    ctx.draw(&Points::new(&dots, color(muted)));
                }
                // The zero line: a dot every other column, so that without colour it is not
                // taken for a solid series lying at zero.
                if low < 0.0 {
                    let columns = f64::from(canvas_area.width.max(1));
                    let span = x_bounds[1] - x_bounds[0];
                    let dots: Vec<(f64, f64)> = (0..canvas_area.width)
                        .step_by(2)
                        .map(|c| (x_bounds[0] + (f64::from(c) + 0.5) * span / columns, 0.0))
                        .collect();
                    ctx.draw(&Points::new(&dots, color(muted)));
                }
                ctx.layer();
                let grid = Grid {
                    x: x_bounds,
                    y: y_bounds,
                    columns: canvas_area.width,
                };
                for series in self.series {
                    let look = Look::of(series.index);
                    for run in runs(series) {
                        let c = color(series.style);
                        for pair in run.windows(2) {
                            let (a, b) = (pair[0], pair[1]);
                            let (ax, bx) = (f64::from(a.0), f64::from(b.0));
                            if look == Look::Dotted {
                                for (x, y) in grid.cells_along((ax, a.1), (bx, b.1)) {
                                    ctx.print(x, y, Span::styled(glyphs::GAP, series.style));
                                }
                            } else {
                                ctx.draw(&Segment::new(ax, a.1, bx, b.1, c));
                            }
                        }
                        // A lone point, or every point of a marked line.
                        if run.len() == 1 || look != Look::Solid {
                            for &(year, value) in &run {
                                let x = grid.snap(f64::from(year));
                                ctx.print(x, value, Span::styled(look.marker(), series.style));
                            }
                        }
                    }
                }
            })
            .render(canvas_area, buf);
        render_x_labels(first, last, canvas_area, x_row, muted, buf);
        ratatui::widgets::Paragraph::new(legend).render(legend_area, buf);
    }
}

/// Year labels under the canvas, at their own columns, as many as fit without touching.
pub(super) fn render_x_labels(
    first: u16,
    last: u16,
    canvas: Rect,
    row: Rect,
    style: Style,
    buf: &mut Buffer,
) {
    let span = f64::from(last - first) + 1.0;
    let column = |year: u16| {
        let offset =
            (f64::from(year) - f64::from(first) + 0.5) * f64::from(canvas.width - 1) / span;
        // Within the canvas: a small non-negative number of columns.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let offset = offset.round() as u16;
        canvas.x + offset
    };
    let step = [1, 2, 5, 10, 20]
        .into_iter()
        .find(|&step| {
            let labels = u32::from(last - first) / step + 1;
            labels * 5 <= u32::from(canvas.width)
        })
        .unwrap_or(50);
    let mut next_free = row.x;
    let mut years: Vec<u16> = (first..=last)
        .step_by(usize::try_from(step).unwrap_or(1))
        .collect();
    if years.last() != Some(&last) {
        years.push(last);
    }
    for year in years {
        let label = year.to_string();
        let x = column(year).saturating_sub(2).max(row.x);
        let end = x + 4;
        if x < next_free || end > row.right() {
            continue;
        }
        buf.set_string(x, row.y, &label, style);
        next_free = end + 1;
    }
}

/// The legend: each series with its color, then the events, packed into lines.
fn legend_lines<'a>(chart: &TimeChart, events: &[&Event], width: u16) -> Vec<Line<'a>> {
    let mut items: Vec<(String, Style)> = chart
        .series
        .iter()
        .filter(|s| chart.series.len() > 1 || !s.points.is_empty())
        .map(|s| {
            let glyph = Look::of(s.index).legend();
            let text = match &s.latest {
                Some(latest) => {
                    let room =
                        usize::from(width).saturating_sub(glyph.width() + latest.width() + 2);
                    format!("{glyph} {} {latest}", truncate(&s.label, room))
                }
                None => format!("{glyph} {}", s.label),
            };
            (text, s.style)
        })
        .collect();
    if chart.series.len() == 1 {
        items.clear();
    }
    for event in events {
        let date = match event.month {
            Some(m) => format!("{}-{m:02}", event.year),
            None => event.year.to_string(),
        };
        items.push((
            format!("┊ {date} {}", event.label.get(chart.lang)),
            chart.theme.muted,
        ));
    }
    let width = usize::from(width);
    let texts: Vec<String> = items.iter().map(|(t, _)| truncate(t, width)).collect();
    let packed = pack(&texts, "   ", width);
    // Re-style each packed line piece by piece.
    packed
        .into_iter()
        .map(|line| {
            let mut spans = Vec::new();
            for (i, piece) in line.split("   ").enumerate() {
                if i > 0 {
                    spans.push(Span::raw("   "));
                }
                let style = items
                    .iter()
                    .zip(&texts)
                    .find(|(_, t)| t.as_str() == piece)
                    .map_or(chart.theme.muted, |((_, s), _)| *s);
                spans.push(Span::styled(piece.to_string(), style));
            }
            Line::from(spans)
        })
        .collect()
}

/// The value labels of an axis from `low` to `high` in the gutter `labels` (a column of the
/// plot's height): the top, the middle or the zero line, and the bottom.
pub(super) fn render_y_labels(labels: Rect, low: f64, high: f64, style: Style, buf: &mut Buffer) {
    if labels.height == 0 || labels.width < 2 {
        return;
    }
    for (i, label) in axis_labels(low, high).iter().enumerate() {
        let row = match i {
            0 => labels.top(),
            // Below zero, the middle label is the zero line's.
            1 if low < 0.0 => {
                let above = high / (high - low) * f64::from(labels.height - 1);
                // A row within the plot: small and non-negative.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let above = above.round() as u16;
                labels.top() + above
            }
            1 => labels.top() + labels.height / 2,
            _ => labels.bottom() - 1,
        };
        let cell = Rect::new(labels.x, row, labels.width - 1, 1);
        Line::styled(label.clone(), style)
            .right_aligned()
            .render(cell, buf);
    }
}

/// The value labels of an axis from `low` to `high`: the top, the middle (zero when the axis
/// goes below it) and the bottom, with as few decimals as tell them apart.
pub fn axis_labels(low: f64, high: f64) -> [String; 3] {
    let middle = if low < 0.0 {
        0.0
    } else {
        f64::midpoint(low, high)
    };
    [high, middle, low].map(|v| group(v, 2))
}

/// Where canvas coordinates land in cells, for glyphs printed on the canvas (its labels are
/// placed by `(x - left) * (columns - 1) / width`).
struct Grid {
    x: [f64; 2],
    y: [f64; 2],
    columns: u16,
}

impl Grid {
    /// The x of a cell column's left edge, nudged inside it.
    fn column_x(&self, column: u16) -> f64 {
        let width = self.x[1] - self.x[0];
        let step = width / f64::from(self.columns.saturating_sub(1).max(1));
        (self.x[0] + f64::from(column) * step + step * 1e-6).min(self.x[1])
    }

    /// The column a coordinate falls in.
    fn column(&self, x: f64) -> u16 {
        let width = self.x[1] - self.x[0];
        let cells = f64::from(self.columns.saturating_sub(1).max(1));
        // A column within the canvas: small and non-negative.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let column = ((x - self.x[0]) * cells / width).clamp(0.0, cells) as u16;
        column
    }

    /// `x` moved to the left edge of its cell, so that a printed glyph lands there.
    fn snap(&self, x: f64) -> f64 {
        self.column_x(self.column(x))
    }

    /// A point in every cell column between two points, on the straight line joining them.
    fn cells_along(&self, a: (f64, f64), b: (f64, f64)) -> Vec<(f64, f64)> {
        let (first, last) = (self.column(a.0), self.column(b.0));
        (first..=last)
            .map(|column| {
                let x = self.column_x(column);
                let t = if b.0 > a.0 {
                    (x - a.0) / (b.0 - a.0)
                } else {
                    0.0
                };
                (
                    x,
                    (a.1 + (b.1 - a.1) * t.clamp(0.0, 1.0)).clamp(self.y[0], self.y[1]),
                )
            })
            .collect()
    }
}

/// Consecutive-year runs of a series; a break starts a new run.
fn runs(series: &Series) -> Vec<Vec<(u16, f64)>> {
    let mut runs: Vec<Vec<(u16, f64)>> = Vec::new();
    let mut previous: Option<u16> = None;
    for &(year, value) in &series.points {
        let continues = previous.is_some_and(|y| y + 1 == year) && !series.breaks.contains(&year);
        if !continues {
            runs.push(Vec::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push((year, value));
        }
        previous = Some(year);
    }
    runs
}

/// The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above `x`, for axis bounds.
pub fn nice_ceiling(x: f64) -> f64 {
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
    fn runs_split_at_gaps_and_breaks() {
        let series = Series {
            label: String::new(),
            latest: None,
            points: [2014, 2015, 2017, 2020, 2021]
                .iter()
                .map(|&y| (y, 1.0))
                .collect(),
            breaks: vec![2021],
            style: Style::new(),
            index: 0,
        };
        let lens: Vec<usize> = runs(&series).iter().map(Vec::len).collect();
        assert_eq!(lens, [2, 1, 1, 1]);
    }
}
