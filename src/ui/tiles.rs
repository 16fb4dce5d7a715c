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
use crate::data::units::{group, signed_pct};
use crate::data::{Indicator, Qualifier, Series, Shape};
use crate::format::{self, fit_title, scale, year};
use crate::text::Lang;

/// A body this tall draws the figures in large digits (when every tile's digits fit).
const BIG_BODY_HEIGHT: u16 = 30;
/// Columns one large digit takes (tui-big-text's quadrant pixels: an 8×8 glyph in 4×4 cells).
const BIG_GLYPH_WIDTH: u16 = 4;

/// What a tile shows: its figure (with the qualifier in words, and with a sign for large
/// digits), the unit, the year, and in a derived view the level it is derived from.
struct Figure<'a> {
    series: &'a Series,
    /// "over 3.6", "3.42", "+4.7%".
    number: String,
    /// The same for large digits: ">3.6".
    big: String,
    unit: String,
    year: u16,
    /// In a view other than the level: the level it is derived from, for reference.
    level: Option<String>,
}

/// A qualifier as signs around large digits: `3.6+` (over), `~3.6`, `<3.6`. A `>` in the
/// block font reads as a bracket from across a room; `3.6+` reads as "more than".
fn signs(q: Qualifier) -> (&'static str, &'static str) {
    match q {
        Qualifier::Exact => ("", ""),
        Qualifier::About => ("~", ""),
        Qualifier::Over => ("", "+"),
        Qualifier::Under | Qualifier::Nearly => ("<", ""),
    }
}

/// A tile's figure in `view`: the headline (or the bound stated for a later year) in its
/// plain form, or the view's value at the headline year.
fn figure<'a>(ctx: &Ctx, indicator: &'a Indicator, view: View) -> Option<Figure<'a>> {
    let Shape::Series(series) = &indicator.shape else {
        return None;
    };
    let lang = ctx.lang();
    let head = series.headline()?;
    if view != View::Level {
        let derived = ctx.dataset.derive(indicator, series, view);
        let (year, value) = derived
            .get(head.year)
            .map(|v| (head.year, v))
            .or_else(|| derived.points.last().copied())?;
        let n = ctx.numbers.at_year(indicator.unit, year);
        let number = format::view_number(n, indicator, view, value, year);
        let unit = match view {
            View::Change if derive::in_points(indicator) => lang
                .pick("pp on the year before", "比上年（百分点）")
                .to_string(),
            // Money grows at current prices: said before where the figure came from.
            View::Change if indicator.unit.is_money() => {
                lang.pick("y/y nominal", "名义同比").to_string()
            }
            View::Change if derived.published.contains(&year) => {
                lang.pick("y/y, stated", "同比（公布）").to_string()
            }
            View::Change => lang.pick("y/y, computed", "同比（计算）").to_string(),
            View::Index => {
                let start = series.index_base(year).map_or(year, |p| p.year);
                match lang {
                    Lang::En => format!("index, {start} = 100"),
                    Lang::Zh => format!("指数，{start}年=100"),
                }
            }
            View::PerCapita
                if indicator.unit.kind == crate::data::units::Kind::Usd
                    || n.converts(indicator.unit) =>
            {
                lang.pick("US$/resident", "美元/人").to_string()
            }
            View::PerCapita => lang.pick("yuan/resident", "元/人").to_string(),
            _ => format::view_unit(n, indicator, view),
        };
        return Some(Figure {
            series,
            big: number.clone(),
            number,
            unit,
            year,
            // The level of the same year, with its year: never a later bound beside it.
            level: series.point(year).map(|p| {
                let figure = format::point_figure(ctx.numbers, indicator, p);
                match lang {
                    Lang::En => format!("{year}: {figure}"),
                    Lang::Zh => format!("{year}年：{figure}"),
                }
            }),
        });
    }
    let (year, value, qualifier) = match series.headline_bound() {
        Some(b) => (b.year, b.value, b.qualifier),
        None => (head.year, head.value, Qualifier::Exact),
    };
    let n = ctx.numbers.at_year(indicator.unit, year);
    let column = n.column(indicator.unit, &[(value, Some(year))]);
    let shown = column.value(value, Some(year))?;
    let digits = if column.converted() {
        format!("≈{}", scale::round_significant(shown, 3))
    } else if scale::rescaled(indicator.unit) {
        group(shown, 2)
    } else {
        indicator.unit.number(value, lang)
    };
    Some(Figure {
        series,
        number: format!("{}{digits}", qualifier.label(lang)),
        big: {
            let (before, after) = signs(qualifier);
            format!("{before}{}{after}", digits.replace('≈', ""))
        },
        unit: column.label().to_string(),
        year,
        level: None,
    })
}

/// ┌ GDP ────────────────┐┌ Goods trade ───────┐
/// │ ▛▀▌ ▄▄▖ ▄▄ … (large) ││ …                  │
/// │ trillion yuan        ││ billion yuan       │
/// │ ▲ +5.1% real         ││ ▲ +2.7% nominal    │
/// │ 2013 ▁▂▃▄▅▆▇█ 2024   ││                    │
/// └──────────────── 2024 ┘└── 2022, latest ────┘
pub struct Tiles<'a> {
    ctx: &'a Ctx<'a>,
    /// Each tile's indicator and the view `t` chose for it.
    shown: Vec<(&'a Indicator, View)>,
    /// Which tile has the focus.
    focus: Option<usize>,
    body_height: u16,
}

impl<'a> Tiles<'a> {
    pub fn new(
        ctx: &'a Ctx<'a>,
        shown: Vec<(&'a Indicator, View)>,
        focus: Option<usize>,
        body_height: u16,
    ) -> Self {
        Self {
            ctx,
            shown,
            focus,
            body_height,
        }
    }

    /// Columns each tile needs to show its figure in large digits (borders and a margin
    /// included).
    fn big_widths(&self) -> Vec<u16> {
        self.shown
            .iter()
            .map(|&(i, view)| {
                let glyphs = figure(self.ctx, i, view).map_or(0, |f| f.big.chars().count());
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
        !self.ctx.ascii
            && self.body_height >= BIG_BODY_HEIGHT
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
        let n = u32::try_from(self.shown.len().max(1)).unwrap_or(1);
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
        // The row's year: the latest any tile has; a tile two or more years older says it is
        // the latest found.
        let newest = self
            .shown
            .iter()
            .filter_map(|&(i, view)| figure(self.ctx, i, view).map(|f| f.year))
            .max();
        for (i, (&(indicator, view), cell)) in self.shown.iter().zip(self.cells(area)).enumerate() {
            Tile {
                ctx: self.ctx,
                indicator,
                view,
                focused: self.focus == Some(i),
                big,
                newest,
            }
            .render(cell, buf);
        }
    }
}

struct Tile<'a> {
    ctx: &'a Ctx<'a>,
    indicator: &'a Indicator,
    view: View,
    focused: bool,
    big: bool,
    newest: Option<u16>,
}

/// The tile's change, longest wording first (the tile shows the first that fits), and its
/// sign for the arrow and colour (`None`: no change can be given, and the words say why).
/// The official growth of the headline's own year if the series names one; else the change
/// on the year before, in points for a rate; never across a break.
fn change_words(
    ctx: &Ctx,
    indicator: &Indicator,
    series: &Series,
    year: u16,
) -> Option<(Vec<String>, Option<f64>)> {
    let lang = ctx.lang();
    if let Some(growth) = indicator
        .growth
        .as_deref()
        .and_then(|id| ctx.dataset.indicator(id))
        && let Shape::Series(g) = &growth.shape
        && let Some(same_year) = g.get(year)
    {
        let kind = if growth.real {
            lang.pick("real", "实际")
        } else {
            lang.pick("nominal", "名义")
        };
        let pct = signed_pct(same_year);
        // In dollars, a nominal growth of yuan figures is growth in yuan.
        let yuan = if growth.real {
            ""
        } else {
            format::in_yuan(ctx.numbers.at_year(indicator.unit, year), indicator.unit)
        };
        let stated = if growth.real {
            ""
        } else {
            lang.pick(", stated", "（公布数）")
        };
        let words = match lang {
            Lang::En => vec![
                format!("{pct} {kind}{stated}{yuan}"),
                format!("{pct} {kind}{yuan}"),
                format!("{pct} {kind}"),
                pct,
            ],
            Lang::Zh => vec![
                format::zh_change(kind, same_year, "") + stated + yuan,
                format::zh_change(kind, same_year, "") + yuan,
                pct,
            ],
        };
        return Some((words, Some(same_year)));
    }
    series.point(year)?;
    if series.break_at(year).is_some() {
        let words = match lang {
            Lang::En => vec![format!("new base in {year}"), "new base".into()],
            Lang::Zh => vec![format!("{year}年起口径变化"), "口径变化".into()],
        };
        return Some((words, None));
    }
    if derive::in_points(indicator) {
        // A rate: the change from the last year before it that has a figure, in points.
        let head = series.point(year)?;
        let before = series.points.iter().rev().find(|p| p.year < year)?;
        if series.break_between(before.year, year).is_some() {
            return None;
        }
        let change = head.value - before.value;
        let words = vec![
            format::pp_from(change, before.year, lang),
            format::pp(change, lang).replace("个百分点", "百分点"),
        ];
        Some((words, Some(change)))
    } else {
        let change = derive::yoy(series, year)?;
        let pct = signed_pct(change);
        let n = ctx.numbers.at_year(indicator.unit, year);
        let yuan = format::in_yuan(n, indicator.unit);
        let words = vec![
            format::yoy_words(indicator, change, n),
            format!("{pct}{yuan}"),
            pct,
        ];
        Some((words, Some(change)))
    }
}

impl Tile<'_> {
    /// The row under the unit: a doubt about the figure, the level a view is derived from,
    /// or the change (arrowed and coloured).
    fn change_row(&self, figure: &Figure, area: Rect, buf: &mut Buffer) {
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let inner_width = usize::from(area.width);
        if let Some(caveat) = format::details::caveat(self.indicator, lang) {
            Line::styled(fit_title(&format!(" {caveat}"), inner_width), theme.warn)
                .render(area, buf);
        } else if let Some(level) = &figure.level {
            // The level a view is derived from, whole or not at all.
            let level = format!(" {level}");
            if level.width() <= inner_width {
                Line::styled(level, theme.muted).render(area, buf);
            }
        } else if let Some((words, change)) =
            change_words(ctx, self.indicator, figure.series, figure.year)
        {
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
                .render(area, buf);
            }
        }
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
        let Some(figure) = figure(ctx, self.indicator, self.view) else {
            block.render(area, buf);
            return;
        };
        let old_year = self.newest.is_some_and(|n| figure.year + 2 <= n);
        let year_words = year(figure.year, lang);
        let period = [
            (
                old_year,
                format!(" {year_words}{} ", lang.pick(", latest", "，最新")),
            ),
            (true, format!(" {year_words} ")),
        ]
        .into_iter()
        .find(|(wanted, p)| *wanted && p.width() + 2 <= inner_width)
        .map(|(_, p)| p);
        if let Some(period) = period {
            let style = if old_year { theme.warn } else { theme.muted };
            block = block.title_bottom(Line::styled(period, style).right_aligned());
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
                .lines(vec![Line::from(figure.big.clone())])
                .build()
                .render(digits, buf);
        } else {
            Line::styled(format!(" {}", figure.number), theme.hero).render(figure_row, buf);
        }
        // The unit whole; a missing rate beside it when it fits (the footer says it anyway).
        let mut unit = format!(" {}", figure.unit);
        if let Some(note) = ctx
            .numbers
            .rate_note(self.indicator.unit, Some(figure.year))
            .filter(|_| self.view == View::Level)
        {
            let with = format!("{unit} · {note}");
            if with.width() <= inner_width {
                unit = with;
            }
        }
        Line::styled(fit_title(&unit, inner_width), theme.text).render(unit_row, buf);
        self.change_row(&figure, change_row, buf);
        let derived = ctx
            .dataset
            .derive(self.indicator, figure.series, self.view)
            .headline_stretch(figure.series);
        let [_, spark] = spark.layout(&Layout::horizontal([
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        YearSparkline::new(ctx, &derived).render(spark, buf);
    }
}
