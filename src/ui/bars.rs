//! Horizontal bars, one per line: `label ██████▍ value change`, drawn with ratatui's
//! [`symbols::block`] eighths. The value gets its width first, then the label; a bar stated
//! only as a bound is hatched; bars that do not fit end in "+2 more", never a silent cut.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::{block, shade};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::data::units::signed_pct;
use crate::format::{pad, truncate};
use crate::text::Lang;

/// One bar: its label, length, the value as written and an optional change in percent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bar {
    pub label: String,
    /// `None` draws no bar: the figure is missing (the text says so).
    pub value: Option<f64>,
    pub text: String,
    pub change_pct: Option<f64>,
    /// Drawn in the highlight style with a marker (the home region).
    pub highlight: bool,
    /// A figure stated only as a bound ("over 3.6"): drawn in shade, not solid.
    pub hatched: bool,
}

impl Bar {
    pub fn new(label: impl Into<String>, value: f64, text: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: Some(value),
            text: text.into(),
            ..Self::default()
        }
    }
}

/// Bars scaled to the largest value; labels take at most half the width.
pub struct HBars<'a> {
    bars: &'a [Bar],
    theme: &'a Theme,
    rows_per_bar: u16,
    lang: Lang,
}

/// Columns a bar keeps at the least, however long the labels and values.
const MIN_BAR: usize = 4;

impl<'a> HBars<'a> {
    pub fn new(bars: &'a [Bar], theme: &'a Theme) -> Self {
        Self {
            bars,
            theme,
            rows_per_bar: 1,
            lang: Lang::En,
        }
    }

    /// Rows each bar takes where there is room: from 2 on, the bar is that many rows less
    /// one thick and a blank row follows it, for a screen read from across a room.
    #[must_use]
    pub fn rows_per_bar(mut self, rows: u16) -> Self {
        self.rows_per_bar = rows.max(1);
        self
    }

    /// The language of the "+2 more" line.
    #[must_use]
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
}

impl Widget for HBars<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let max = self
            .bars
            .iter()
            .filter_map(|b| b.value)
            .fold(0.0_f64, f64::max);
        let width = usize::from(area.width);
        let text_width = self.bars.iter().map(|b| b.text.width()).max().unwrap_or(0);
        let change_width = self
            .bars
            .iter()
            .filter_map(|b| b.change_pct.map(|c| signed_pct(c).width() + 1))
            .max()
            .unwrap_or(0);
        // The value and its change first, then the label, then the bar.
        let value_room = text_width + change_width + 1;
        let label_width = self
            .bars
            .iter()
            .map(|b| b.label.width())
            .max()
            .unwrap_or(0)
            .min(width.saturating_sub(value_room + MIN_BAR + 1))
            .min(width / 2);
        let gap = usize::from(label_width > 0);
        let room = width.saturating_sub(label_width + gap + value_room);
        let thickness = usize::from(self.rows_per_bar.saturating_sub(1).max(1));
        let blank_after = self.rows_per_bar > 1;
        // Bars that do not all fit: as many as do, and a line saying how many more.
        let rows = usize::from(area.height);
        let per_bar = usize::from(self.rows_per_bar);
        let shown = if self.bars.len() * per_bar <= rows {
            self.bars.len()
        } else {
            (rows.saturating_sub(1) / per_bar).min(self.bars.len())
        };
        let mut lines: Vec<Line> = self.bars[..shown]
            .iter()
            .flat_map(|b| {
                let (label_style, bar_style) = if b.highlight {
                    (self.theme.highlight, self.theme.highlight)
                } else {
                    (self.theme.text, self.theme.bar)
                };
                let text_style = if b.value.is_some() {
                    self.theme.hero
                } else {
                    self.theme.muted
                };
                let drawn = if b.hatched {
                    hatched(b.value.unwrap_or(0.0), max, room)
                } else {
                    bar(b.value.unwrap_or(0.0), max, room)
                };
                let mut spans = vec![
                    Span::styled(
                        pad(&truncate(&b.label, label_width), label_width),
                        label_style,
                    ),
                    Span::raw(" ".repeat(gap)),
                    Span::styled(drawn.clone(), bar_style),
                    Span::raw(" "),
                    Span::raw(" ".repeat(text_width.saturating_sub(b.text.width()))),
                    Span::styled(b.text.clone(), text_style),
                ];
                if let Some(change) = b.change_pct {
                    spans.push(Span::styled(
                        format!(" {}", signed_pct(change)),
                        self.theme.change(change),
                    ));
                }
                let more = Line::from(vec![
                    Span::raw(" ".repeat(label_width + gap)),
                    Span::styled(drawn, bar_style),
                ]);
                let mut lines = vec![Line::from(spans)];
                lines.extend(std::iter::repeat_n(more, thickness - 1));
                if blank_after {
                    lines.push(Line::default());
                }
                lines
            })
            .collect();
        if shown < self.bars.len() {
            let more = self.bars.len() - shown;
            let text = match self.lang {
                Lang::En => format!("+{more} more (Enter zooms)"),
                Lang::Zh => format!("另有{more}项（Enter放大）"),
            };
            lines.truncate(rows.saturating_sub(1));
            lines.push(Line::styled(truncate(&text, width), self.theme.muted));
        }
        Paragraph::new(lines).render(area, buf);
    }
}

/// A bar of `value / max * width` cells, with an eighth block for the fraction.
pub fn bar(value: f64, max: f64, width: usize) -> String {
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
    let set = block::NINE_LEVELS;
    let partial = [
        set.empty,
        set.one_eighth,
        set.one_quarter,
        set.three_eighths,
        set.half,
        set.five_eighths,
        set.three_quarters,
        set.seven_eighths,
    ];
    let mut out = set.full.repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push_str(partial[eighths % 8]);
    }
    let used = out.chars().count();
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// A bar in shade (`░`), whole cells only: a figure known only as a bound.
pub fn hatched(value: f64, max: f64, width: usize) -> String {
    if max <= 0.0 || value <= 0.0 || width == 0 {
        return " ".repeat(width);
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let cells = ((value / max) * width as f64).round().max(1.0) as usize;
    let cells = cells.min(width);
    format!(
        "{}{}",
        shade::LIGHT.repeat(cells),
        " ".repeat(width - cells)
    )
}

#[cfg(test)]
mod tests {
    use super::{bar, hatched};

    #[test]
    fn bars_have_fractional_ends_and_fixed_width() {
        assert_eq!(bar(1.0, 2.0, 4), "██  ");
        assert_eq!(bar(1.0, 16.0, 2), "▏ ");
        assert_eq!(bar(1.0, 4.0, 2), "▌ ");
        assert_eq!(bar(1.0, 8.0, 1).chars().count(), 1);
        assert_eq!(bar(-1.0, 2.0, 3), "   ");
        assert_eq!(hatched(1.0, 2.0, 4), "░░  ");
    }
}
