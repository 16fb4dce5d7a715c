//! Headline tiles: the province on one row. Each tile is one series' latest figure — in large
//! digits where the tile is big enough to read from the back of a room, else in bold — with
//! its unit and year, its change (coloured and arrowed, real or nominal said) and a sparkline.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use super::Ctx;
use super::card::YearSparkline;
use super::glyphs;
use crate::data::derive;
use crate::data::model::View;
use crate::data::units::signed_pct;
use crate::data::{Indicator, Series, Shape};
use crate::format::fit_title;
use crate::format::{pp, year};
use crate::text::Lang;

/// A body this tall draws the figures in large digits (when every tile's digits fit).
const BIG_BODY_HEIGHT: u16 = 30;
/// Columns one large digit takes (tui-big-text's quadrant pixels: an 8×8 glyph in 4×4 cells).
const BIG_GLYPH_WIDTH: u16 = 4;

/// The figure a tile shows: its headline point and the number as written.
fn figure<'a>(ctx: &Ctx, indicator: &'a Indicator) -> Option<(&'a Series, u16, f64, String)> {
    let Shape::Series(series) = &indicator.shape else {
        return None;
    };
    let head = series.headline()?;
    let number = ctx
        .numbers
        .number(indicator.unit, head.value, Some(head.year))
        .replace('≈', "");
    Some((series, head.year, head.value, number))
}

/// ┌ GDP ────────────────┐┌ Goods trade ───────┐
/// │ ▛▀▌ ▄▄▖ ▄▄ … (large) ││ …                  │
/// │ billion yuan         ││ billion yuan       │
/// │ ▲ +5.1% real         ││ ▲ +2.7% nominal    │
/// │ 2013 ▁▂▃▄▅▆▇█ 2024   ││                    │
/// └──────────────── 2024 ┘└────────────── 2025 ┘
pub struct Tiles<'a> {
    ctx: &'a Ctx<'a>,
    indicators: Vec<&'a Indicator>,
    /// Which tile has the focus.
    focus: Option<usize>,
    body_height: u16,
}

impl<'a> Tiles<'a> {
    pub fn new(
        ctx: &'a Ctx<'a>,
        indicators: Vec<&'a Indicator>,
        focus: Option<usize>,
        body_height: u16,
    ) -> Self {
        Self {
            ctx,
            indicators,
            focus,
            body_height,
        }
    }

    /// Columns each tile needs to show its figure in large digits (borders and a margin
    /// included).
    fn big_widths(&self) -> Vec<u16> {
        self.indicators
            .iter()
            .map(|i| {
                let glyphs = figure(self.ctx, i).map_or(0, |(.., n)| n.chars().count());
                u16::try_from(glyphs)
                    .unwrap_or(u16::MAX)
                    .saturating_mul(BIG_GLYPH_WIDTH)
                    .saturating_add(3)
            })
            .collect()
    }

    /// Large digits for the whole row or for none of it, so that figures side by side are
    /// the same size.
    fn big(&self, width: u16) -> bool {
        self.body_height >= BIG_BODY_HEIGHT
            && self
                .big_widths()
                .iter()
                .fold(0u16, |sum, w| sum.saturating_add(*w))
                <= width
    }

    /// Rows the row of tiles takes: large digits take four.
    pub fn height(&self, width: u16) -> u16 {
        if self.big(width) { 10 } else { 6 }
    }

    /// Each tile's rectangle: equal widths, or with large digits each tile's need plus an
    /// equal share of what is left.
    pub fn cells(&self, area: Rect) -> Vec<Rect> {
        let n = u32::try_from(self.indicators.len().max(1)).unwrap_or(1);
        if !self.big(area.width) {
            return area.layout_vec(&Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))));
        }
        let needs = self.big_widths();
        let spare = area.width - needs.iter().sum::<u16>();
        let count = u16::try_from(needs.len()).unwrap_or(1).max(1);
        let mut x = area.x;
        needs
            .iter()
            .enumerate()
            .map(|(i, need)| {
                let extra =
                    spare / count + u16::from(u16::try_from(i).unwrap_or(0) < spare % count);
                let cell = Rect::new(x, area.y, need + extra, area.height);
                x += cell.width;
                cell
            })
            .collect()
    }
}

impl Widget for Tiles<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let big = self.big(area.width);
        for (i, (indicator, cell)) in self.indicators.iter().zip(self.cells(area)).enumerate() {
            Tile {
                ctx: self.ctx,
                indicator,
                focused: self.focus == Some(i),
                big,
            }
            .render(cell, buf);
        }
    }
}

struct Tile<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    focused: bool,
    big: bool,
}

/// The tile's change, longest wording first (the tile shows the first that fits), and its
/// sign for the arrow and colour (`None`: no change can be given, and the words say why).
/// The official growth of the headline's own year if the series names one; else the change
/// on the year before, in points for a rate; never across a break.
fn change_words(
    ctx: &Ctx,
    indicator: &Indicator,
    series: &Series,
) -> Option<(Vec<String>, Option<f64>)> {
    let lang = ctx.lang();
    let head = series.headline()?;
    if let Some(growth) = indicator
        .growth
        .as_deref()
        .and_then(|id| ctx.dataset.indicator(id))
        && let Shape::Series(g) = &growth.shape
        && let Some(same_year) = g.get(head.year)
    {
        let kind = if growth.real {
            lang.pick("real", "实际")
        } else {
            lang.pick("nominal", "名义")
        };
        let pct = signed_pct(same_year);
        let words = match lang {
            Lang::En => vec![format!("{pct} {kind}"), pct],
            Lang::Zh => vec![format!("{kind}{pct}"), pct],
        };
        return Some((words, Some(same_year)));
    }
    if series.break_at(head.year).is_some() {
        let words = match lang {
            Lang::En => vec![format!("new base in {}", head.year), "new base".into()],
            Lang::Zh => vec![format!("{}年起口径变化", head.year), "口径变化".into()],
        };
        return Some((words, None));
    }
    if derive::in_points(indicator) {
        // A rate: the change from the last year before it that has a figure, in points.
        let before = series.points.iter().rev().find(|p| p.year < head.year)?;
        if series.break_between(before.year, head.year).is_some() {
            return None;
        }
        let change = head.value - before.value;
        let points = pp(change, lang);
        let words = match lang {
            Lang::En => vec![format!("{points} since {}", before.year), points],
            Lang::Zh => vec![
                format!("比{}年{points}", before.year),
                points.replace("个百分点", "百分点"),
            ],
        };
        Some((words, Some(change)))
    } else {
        let change = derive::yoy(series, head.year)?;
        let pct = signed_pct(change);
        let words = vec![crate::format::yoy_words(indicator, change, lang), pct];
        Some((words, Some(change)))
    }
}

impl Widget for Tile<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let (border_type, border_style) = if self.focused {
            (BorderType::Thick, theme.border_focus)
        } else {
            (BorderType::Plain, theme.border)
        };
        let inner_width = usize::from(area.width.saturating_sub(2));
        // A name that fits without its padding keeps its words whole.
        let name = self.indicator.short_name().get(lang);
        let name = if name.width() + 2 <= inner_width || name.width() > inner_width {
            fit_title(&format!(" {name} "), inner_width)
        } else {
            name.to_string()
        };
        let mut block = Block::bordered()
            .border_type(border_type)
            .border_style(border_style)
            .title(Span::styled(name, theme.card_title));
        let Some((series, head_year, _, number)) = figure(ctx, self.indicator) else {
            block.render(area, buf);
            return;
        };
        let period = format!(" {} ", year(head_year, lang));
        if period.width() + 2 <= inner_width {
            block = block.title_bottom(Line::styled(period, theme.muted).right_aligned());
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let figure_rows = if self.big { 4 } else { 1 };
        let [figure_row, unit_row, change_row, spark] = inner.layout(&Layout::vertical([
            Constraint::Length(figure_rows),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        if self.big {
            let [_, digits] = figure_row.layout(&Layout::horizontal([
                Constraint::Length(1),
                Constraint::Fill(1),
            ]));
            BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(theme.hero)
                .lines(vec![Line::from(number)])
                .build()
                .render(digits, buf);
        } else {
            Line::styled(format!(" {number}"), theme.hero).render(figure_row, buf);
        }
        let unit = format!(" {}", ctx.numbers.unit_label(self.indicator.unit));
        Line::styled(fit_title(&unit, inner_width), theme.text).render(unit_row, buf);
        if let Some((words, change)) = change_words(ctx, self.indicator, series) {
            let (arrow, style) = match change {
                Some(c) if c < 0.0 => (format!("{} ", glyphs::DOWN), theme.down),
                Some(_) => (format!("{} ", glyphs::UP), theme.up),
                None => (String::new(), theme.muted),
            };
            let room = inner_width.saturating_sub(1 + arrow.width());
            if let Some(text) = words.into_iter().find(|w| w.width() <= room) {
                Line::from(vec![
                    Span::raw(" "),
                    Span::styled(arrow, style),
                    Span::styled(text, style),
                ])
                .render(change_row, buf);
            }
        }
        let derived = ctx
            .dataset
            .derive(self.indicator, series, View::Level)
            .headline_stretch(series);
        if derived.points.len() > 2 {
            let [_, spark] = spark.layout(&Layout::horizontal([
                Constraint::Length(1),
                Constraint::Fill(1),
            ]));
            YearSparkline::new(ctx, &derived).render(spark, buf);
        }
    }
}
