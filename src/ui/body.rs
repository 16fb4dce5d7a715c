//! The body of a tab: its panels top to bottom — tiles, charts, bars by year, cards,
//! rankings — each with its heading. When they do not all fit, they fall into pages and the
//! page of the focused panel shows. The same layout answers where a key moves the focus and
//! what a click lands on.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::grid::{Grid, MIN_CARD_HEIGHT};
use super::ranking::Ranking;
use super::tiles::Tiles;
use super::year_bars::YearBars;
use super::{Ctx, glyphs};
use crate::app::App;
use crate::data::model::{Panel, PanelKind};

/// A chart panel takes at least this many rows, and grows up to the most.
const CHART_MIN: u16 = 8;
const CHART_MAX: u16 = 18;
/// Rankings narrower than this stack instead of standing side by side.
const RANKING_WIDTH: u16 = 40;

/// Where a panel goes.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Index into the tab's panels.
    pub panel: usize,
    pub heading: Option<Rect>,
    pub area: Rect,
}

/// The panels of the page that shows.
#[derive(Debug, Default)]
pub struct BodyLayout {
    pub placed: Vec<Placed>,
    /// This page and how many there are.
    pub page: usize,
    pub pages: usize,
    /// The first panel of the next page, if there is one.
    pub next_page_panel: Option<usize>,
}

pub struct Body<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
}

/// Rankings side by side in `width`.
pub(super) fn ranking_columns(width: u16, count: usize) -> u16 {
    (width / RANKING_WIDTH).clamp(1, u16::try_from(count.max(1)).unwrap_or(1))
}

impl<'a> Body<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>) -> Self {
        Self { app, ctx }
    }

    /// A tiles panel's indicators, each with the view `t` chose for it.
    fn tiles(&self, panel: &Panel) -> Vec<(&'a crate::data::Indicator, crate::data::model::View)> {
        self.ctx
            .panel_indicators(panel)
            .into_iter()
            .map(|i| (i, self.app.view_of(i)))
            .collect()
    }

    /// The years of the time axis every chart and bars panel of the tab shares, so that the
    /// eye runs down from a bar to the same year of the chart below.
    fn span(&self) -> Option<(u16, u16)> {
        let spans: Vec<(u16, u16)> = self
            .panels()
            .iter()
            .filter(|p| matches!(p.kind, PanelKind::Chart | PanelKind::Bars))
            .filter_map(|p| {
                let inds = self.ctx.panel_indicators(p);
                let view = super::panel_chart::panel_view(self.app, p);
                if p.kind == PanelKind::Bars && view == crate::data::model::View::Level {
                    return super::year_bars::year_span(&inds);
                }
                let (lines, _) = super::panel_chart::chart_lines(self.ctx, &inds, &[], view);
                let years = || lines.iter().flat_map(|l| l.points.iter().map(|p| p.0));
                Some((years().min()?, years().max()?))
            })
            .collect();
        Some((
            spans.iter().map(|s| s.0).min()?,
            spans.iter().map(|s| s.1).max()?,
        ))
    }

    fn panels(&self) -> &'a [Panel] {
        self.ctx
            .dataset
            .tabs
            .get(self.app.tab)
            .map_or(&[], |t| t.panels.as_slice())
    }

    /// The fewest and the most rows a panel takes at `width` (its heading included).
    fn heights(&self, panel: &Panel, width: u16, body: u16) -> (u16, u16) {
        let heading = u16::from(panel.title.is_some());
        let (min, max) = match panel.kind {
            PanelKind::Tiles => {
                let h = Tiles::new(self.ctx, self.tiles(panel), None, body).height(width);
                (h, h)
            }
            PanelKind::Chart | PanelKind::Bars => (CHART_MIN, CHART_MAX),
            PanelKind::Cards => {
                let natural =
                    Grid::new(self.app, self.ctx, &panel.indicators, None).natural_height(width);
                (natural.min(MIN_CARD_HEIGHT + 2), natural)
            }
            PanelKind::Ranking => {
                let columns = ranking_columns(width, panel.indicators.len());
                let rows = panel.indicators.len().div_ceil(usize::from(columns));
                let rows = u16::try_from(rows).unwrap_or(1);
                let least = self
                    .ctx
                    .panel_indicators(panel)
                    .iter()
                    .map(|i| Ranking::height(i))
                    .max()
                    .unwrap_or(0);
                let most = self
                    .ctx
                    .panel_indicators(panel)
                    .iter()
                    .map(|i| Ranking::tallest(i))
                    .max()
                    .unwrap_or(0);
                // At the least one row of rankings: the others are shown around the focus.
                (least.min(body), most.saturating_mul(rows))
            }
        };
        (min + heading, max + heading)
    }

    /// The page of the focused panel. When the panels fall into pages, the last row is kept
    /// for the page marker ("▼ more · 1/2"), which then covers nothing.
    pub fn layout(&self, area: Rect) -> BodyLayout {
        let layout = self.layout_in(area);
        if layout.pages > 1 && area.height > 1 {
            let mut fewer = self.layout_in(Rect {
                height: area.height - 1,
                ..area
            });
            fewer.pages = fewer.pages.max(2);
            return fewer;
        }
        layout
    }

    fn layout_in(&self, area: Rect) -> BodyLayout {
        let panels = self.panels();
        if panels.is_empty() || area.is_empty() {
            return BodyLayout::default();
        }
        let heights: Vec<(u16, u16)> = panels
            .iter()
            .map(|p| self.heights(p, area.width, area.height))
            .collect();
        // Pages: as many panels as their least height lets fit.
        let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
        let mut used = 0u16;
        for (p, &(min, _)) in heights.iter().enumerate() {
            let page = pages.last_mut().expect("a page");
            if !page.is_empty() && used.saturating_add(min) > area.height {
                pages.push(vec![p]);
                used = min;
            } else {
                page.push(p);
                used = used.saturating_add(min);
            }
        }
        let focused_panel = self
            .ctx
            .dataset
            .tabs
            .get(self.app.tab)
            .and_then(|t| t.locate(self.app.focus()))
            .map_or(0, |(p, _)| p);
        let page = pages
            .iter()
            .position(|pg| pg.contains(&focused_panel))
            .unwrap_or(0);
        // Share the rest of the page: charts grow to their most, then cards, then charts fill.
        let on_page = &pages[page];
        let mut sizes: Vec<u16> = on_page.iter().map(|&p| heights[p].0).collect();
        let mut spare = area.height.saturating_sub(sizes.iter().sum());
        for pass in [
            PanelKind::Chart,
            PanelKind::Bars,
            PanelKind::Cards,
            PanelKind::Ranking,
        ] {
            for (k, &p) in on_page.iter().enumerate() {
                if panels[p].kind == pass {
                    let grow = heights[p].1.saturating_sub(sizes[k]).min(spare);
                    sizes[k] += grow;
                    spare -= grow;
                }
            }
        }
        if spare > 0
            && let Some(k) = on_page
                .iter()
                .position(|&p| matches!(panels[p].kind, PanelKind::Chart | PanelKind::Bars))
        {
            sizes[k] += spare;
        }
        let areas = area.layout_vec(&Layout::vertical(
            sizes.iter().map(|&h| Constraint::Length(h)),
        ));
        let placed = on_page
            .iter()
            .zip(areas)
            .map(|(&p, rect)| {
                let (heading, area) = if panels[p].title.is_some() && rect.height > 1 {
                    let [h, a] = rect.layout(&Layout::vertical([
                        Constraint::Length(1),
                        Constraint::Fill(1),
                    ]));
                    (Some(h), a)
                } else {
                    (None, rect)
                };
                Placed {
                    panel: p,
                    heading,
                    area,
                }
            })
            .collect();
        BodyLayout {
            placed,
            page,
            pages: pages.len(),
            next_page_panel: pages.get(page + 1).and_then(|pg| pg.first().copied()),
        }
    }

    /// A panel's heading: its title, the view a chart shows when `t` chose another than the
    /// panel's own, the year of the rankings.
    fn heading(&self, panel: &Panel, title: &str) -> String {
        let lang = self.ctx.lang();
        match panel.kind {
            PanelKind::Chart | PanelKind::Bars => {
                let view = super::panel_chart::panel_view(self.app, panel);
                let name = crate::app::view_name(view);
                // The view the panel declares, its title already says.
                if view == crate::data::model::View::Level || view == panel.view {
                    title.to_string()
                } else {
                    format!("{title} · {}", lang.pick(name.0, name.1))
                }
            }
            PanelKind::Ranking => match (self.app.ranking_year(), lang) {
                (Some(year), crate::text::Lang::En) => format!("{title} in {year}"),
                (Some(year), crate::text::Lang::Zh) => format!("{title}（{year}年）"),
                (None, _) => title.to_string(),
            },
            _ => title.to_string(),
        }
    }

    /// The focus target of each visible thing, with its rectangle.
    pub fn targets(&self, area: Rect) -> Vec<(usize, Rect)> {
        let Some(tab) = self.ctx.dataset.tabs.get(self.app.tab) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for placed in self.layout(area).placed {
            let panel = &tab.panels[placed.panel];
            let first = tab.first_target(placed.panel);
            let local_focus = self.app.focus().checked_sub(first);
            match panel.kind {
                PanelKind::Tiles => {
                    let tiles = Tiles::new(self.ctx, self.tiles(panel), None, area.height);
                    out.extend(
                        tiles
                            .cells(placed.area)
                            .into_iter()
                            .enumerate()
                            .map(|(i, r)| (first + i, r)),
                    );
                }
                PanelKind::Chart | PanelKind::Bars => out.push((first, placed.area)),
                PanelKind::Cards => {
                    let grid = Grid::new(
                        self.app,
                        self.ctx,
                        &panel.indicators,
                        local_focus.filter(|f| *f < panel.indicators.len()),
                    );
                    out.extend(
                        grid.layout(placed.area)
                            .cards
                            .into_iter()
                            .map(|(i, r)| (first + i, r)),
                    );
                }
                PanelKind::Ranking => {
                    let least = ranking_least(self.ctx, panel);
                    let focus = local_focus.filter(|f| *f < panel.indicators.len());
                    out.extend(
                        ranking_cells(placed.area, panel.indicators.len(), least, focus)
                            .into_iter()
                            .map(|(i, r)| (first + i, r)),
                    );
                }
            }
        }
        out
    }
}

/// The rankings on screen and their rectangles: side by side as the width allows, in rows;
/// when the rows do not all fit in `area` at `least` rows each, the rows around the focused
/// ranking.
fn ranking_cells(area: Rect, count: usize, least: u16, focus: Option<usize>) -> Vec<(usize, Rect)> {
    let columns = usize::from(ranking_columns(area.width, count));
    let rows = count.div_ceil(columns).max(1);
    let fit = usize::from(area.height / least.max(1)).clamp(1, rows);
    let focus_row = focus.map_or(0, |f| f / columns);
    let first_row = focus_row.saturating_sub(fit - 1).min(rows - fit);
    let shown = u32::try_from(fit).unwrap_or(1);
    let row_areas = area.layout_vec(&Layout::vertical(
        (0..fit).map(|_| Constraint::Ratio(1, shown)),
    ));
    let per_row = u32::try_from(columns).unwrap_or(1);
    row_areas
        .into_iter()
        .enumerate()
        .flat_map(|(r, row)| {
            let cells = row.layout_vec(&Layout::horizontal(
                (0..columns).map(|_| Constraint::Ratio(1, per_row)),
            ));
            cells
                .into_iter()
                .enumerate()
                .map(move |(c, cell)| ((first_row + r) * columns + c, cell))
        })
        .filter(|(i, _)| *i < count)
        .collect()
}

impl Body<'_> {
    /// A panel's rankings, as many as fit around the focused one, the year `y` chose.
    fn rankings(&self, panel: &Panel, area: Rect, local: Option<usize>, buf: &mut Buffer) {
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let year = self.app.ranking_year();
        let shown = ctx.panel_indicators(panel);
        let least = ranking_least(ctx, panel);
        let focus = local.filter(|l| *l < shown.len());
        let cells = ranking_cells(area, shown.len(), least, focus);
        for &(i, cell) in &cells {
            Ranking::new(ctx, shown[i], year, local == Some(i)).render(cell, buf);
        }
        // Rankings above or below the ones shown: say so on the last one's border.
        if cells.len() < shown.len()
            && let Some(&(last, cell)) = cells.last()
        {
            let below = last + 1 < shown.len();
            let marker = glyphs::more(!below, lang);
            let width = u16::try_from(unicode_width::UnicodeWidthStr::width(marker)).unwrap_or(0);
            // Left on the bottom border: the year is on its right.
            let at =
                Rect::new(cell.x + 2, cell.bottom().saturating_sub(1), width, 1).intersection(cell);
            Span::styled(marker, theme.key).render(at, buf);
        }
    }
}

/// Rows one ranking of a panel needs at the least.
fn ranking_least(ctx: &Ctx, panel: &Panel) -> u16 {
    ctx.panel_indicators(panel)
        .iter()
        .map(|i| Ranking::height(i))
        .max()
        .unwrap_or(0)
}

impl Widget for Body<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(tab) = self.ctx.dataset.tabs.get(self.app.tab) else {
            return;
        };
        let (ctx, theme, lang) = (self.ctx, &self.ctx.theme, self.ctx.lang());
        let layout = self.layout(area);
        let span = self.span();
        for placed in &layout.placed {
            let panel = &tab.panels[placed.panel];
            let first = tab.first_target(placed.panel);
            let local = self.app.focus().checked_sub(first);
            if let (Some(heading), Some(title)) = (placed.heading, &panel.title) {
                let focused = local.is_some_and(|l| {
                    l < if panel.kind.per_indicator() {
                        panel.indicators.len()
                    } else {
                        1
                    }
                });
                let style = if focused {
                    theme.border_focus
                } else {
                    theme.card_title
                };
                Line::from(vec![
                    Span::styled("── ", theme.border),
                    Span::styled(format!("{} ", self.heading(panel, title.get(lang))), style),
                ])
                .render(heading, buf);
            }
            match panel.kind {
                PanelKind::Tiles => {
                    let focus = local.filter(|l| *l < panel.indicators.len());
                    Tiles::new(ctx, self.tiles(panel), focus, area.height).render(placed.area, buf);
                }
                PanelKind::Chart => {
                    let focused = local == Some(0);
                    super::panel_chart::PanelChart {
                        app: self.app,
                        ctx,
                        panel,
                        focused,
                        span,
                    }
                    .render(placed.area, buf);
                }
                // Bars for levels; a derived view (a change can be negative) is a line.
                PanelKind::Bars
                    if super::panel_chart::panel_view(self.app, panel)
                        == crate::data::model::View::Level =>
                {
                    let [marker, bars] = placed.area.layout(&Layout::horizontal([
                        Constraint::Length(1),
                        Constraint::Fill(1),
                    ]));
                    if local == Some(0) {
                        for y in marker.rows() {
                            Span::styled("▌", theme.border_focus).render(y, buf);
                        }
                    }
                    YearBars::new(ctx, ctx.panel_indicators(panel), span).render(bars, buf);
                }
                PanelKind::Bars => {
                    super::panel_chart::PanelChart {
                        app: self.app,
                        ctx,
                        panel,
                        focused: local == Some(0),
                        span,
                    }
                    .render(placed.area, buf);
                }
                PanelKind::Cards => {
                    let focus = local.filter(|l| *l < panel.indicators.len());
                    Grid::new(self.app, ctx, &panel.indicators, focus).render(placed.area, buf);
                }
                PanelKind::Ranking => self.rankings(panel, placed.area, local, buf),
            }
        }
        if layout.pages > 1 {
            let more = glyphs::more(layout.page + 1 == layout.pages, lang);
            let text = format!(" {more} · {}/{} ", layout.page + 1, layout.pages);
            let width =
                u16::try_from(unicode_width::UnicodeWidthStr::width(text.as_str())).unwrap_or(0);
            let row = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
            let [_, at] = row.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(width),
            ]));
            Span::styled(text, theme.key).render(at, buf);
        }
    }
}
