//! Rendering: `impl Widget for &App`. No I/O and no clocks here; the same code draws the
//! terminal, snapshots and tests.
//!
//! The screen is a header ([`tabs`]), a [`body`] — the tab's panels: [`tiles`], a [`chart`],
//! [`year_bars`], a [`grid`] of [`card`]s, [`ranking`]s — or the [`zoom`] view of one
//! indicator, and a [`footer`]; [`help`] and the [`search`] matches draw over the body. Cards,
//! tiles and the zoom view share the [`headline`] (hero figure and the facts around it);
//! [`bars`] draws labelled horizontal bars. [`hit`] tells which tab or panel a mouse click
//! lands on, and [`nav::nav`] where a key moves the focus, from the same layout.

pub mod bars;
pub mod body;
pub mod card;
pub mod chart;
pub mod console;
pub mod footer;
pub mod glyphs;
pub mod grid;
pub mod headline;
pub mod help;
pub mod hit;
pub mod join;
pub mod nav;
pub mod panel_chart;
pub mod ranking;
pub mod search;
pub mod steps;
pub mod tabs;
pub mod theme;
pub mod tiles;
pub mod year_bars;
pub mod zoom;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;
use crate::data::Dataset;
use crate::format::{self, Numbers};
use crate::text::Lang;
use theme::Theme;

/// Below this size the layout cannot show a card's figures; a message says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// What every widget draws with: the data, the theme and how numbers are written.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub dataset: &'a Dataset,
    pub theme: Theme,
    pub numbers: Numbers<'a>,
    /// Drawn in ASCII: no large digits (half blocks turn into blots of `#`).
    pub ascii: bool,
}

impl<'a> Ctx<'a> {
    /// The indicators a panel shows.
    pub fn panel_indicators(
        &self,
        panel: &crate::data::model::Panel,
    ) -> Vec<&'a crate::data::Indicator> {
        panel
            .indicators
            .iter()
            .map(|&i| &self.dataset.indicators[i])
            .collect()
    }

    pub fn new(app: &'a App) -> Self {
        Self {
            dataset: &app.dataset,
            theme: Theme::new(app.theme, app.color),
            numbers: app.numbers(),
            ascii: app.ascii,
        }
    }

    pub fn lang(&self) -> Lang {
        self.numbers.lang
    }
}

/// The parts of the screen.
struct Areas {
    header: Rect,
    body: Rect,
    /// The presenter's console, when it is open: beside or under the body.
    console: Option<Rect>,
    /// Where overlays (help, search, the steps, the join card) go: the body with the console.
    overlay: Rect,
    banner: Rect,
    footer: Rect,
}

impl Areas {
    fn new(app: &App, area: Rect, banner_lines: u16) -> Self {
        let [header, body, banner, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(banner_lines),
            Constraint::Length(2),
        ]));
        let overlay = body;
        let (body, console) = if app.console_open() {
            let (body, console) = console::split(body);
            (body, Some(console))
        } else {
            (body, None)
        };
        Self {
            header,
            body,
            console,
            overlay,
            banner,
            footer,
        }
    }
}

/// ```text
///  Jiangxi Open Economy  Overview │ Growth │ Trade │ ...                    1/5
/// ┌ GDP ─────────────────────────┐┌ Foreign trade ────────────────────────┐
/// │ cards of the current tab ... ││                                        │
/// └──────────────────────────────┘└────────────────────────────────────────┘
///  Source: China Daily, 2024-05-20 · GDP: 3.22 trillion yuan (2023)
///  ←/→ tab  ↑/↓ focus  Enter zoom  L 中文  ? help  q quit
/// ```
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ctx = Ctx::new(self);
        buf.set_style(area, ctx.theme.base);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(self.lang, &ctx.theme, area, buf);
        } else {
            render_screen(self, &ctx, area, buf);
        }
        if self.ascii {
            to_ascii(area, buf);
        }
    }
}

/// Replaces every drawn glyph by its ASCII stand-in (`--ascii`). A full-width opening
/// bracket takes two cells: its stand-in goes in the second, next to the words it opens
/// (` (原基数)`, not `( 原基数)`).
fn to_ascii(area: Rect, buf: &mut Buffer) {
    for position in area.positions() {
        let symbol = buf[position].symbol().to_string();
        let Some(ascii) = glyphs::ascii(&symbol) else {
            continue;
        };
        let next = ratatui::layout::Position::new(position.x + 1, position.y);
        let wide = unicode_width::UnicodeWidthStr::width(symbol.as_str()) == 2;
        if wide && glyphs::opens(&symbol) && area.contains(next) {
            buf[position].set_symbol(" ");
            buf[next].set_symbol(ascii);
        } else {
            buf[position].set_symbol(ascii);
        }
    }
}

/// A failed reload's message (up to two lines) for the banner above the footer.
fn banner_lines(app: &App, width: u16) -> Vec<String> {
    app.reload_error.as_ref().map_or_else(Vec::new, |error| {
        let label = app.lang.pick(
            "reload failed, showing the last good data: ",
            "重新加载失败，仍显示上次有效数据：",
        );
        let mut lines = format::wrap(&format!("{label}{error}"), usize::from(width));
        lines.truncate(2);
        lines
    })
}

fn render_screen(app: &App, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let banner = banner_lines(app, area.width);
    let areas = Areas::new(app, area, u16::try_from(banner.len()).unwrap_or(0));
    tabs::TabBar::new(app, ctx).render(areas.header, buf);
    if app.zoomed {
        if let Some(indicator) = app.focused() {
            zoom::Zoom::new(ctx, indicator, app.focused_view(), app.ranking_year())
                .panel(panel_series(ctx, app))
                .render(areas.body, buf);
        }
    } else {
        body::Body::new(app, ctx).render(areas.body, buf);
    }
    buf.set_style(areas.banner, ctx.theme.banner);
    Paragraph::new(banner.into_iter().map(Line::from).collect::<Vec<_>>())
        .style(ctx.theme.banner)
        .render(areas.banner, buf);
    footer::Footer::new(app, ctx).render(areas.footer, buf);
    if let Some(pane) = areas.console {
        console::Console::new(app, ctx, (area.width, area.height)).render(pane, buf);
    }
    if app.help {
        help::Help::new(app, ctx).render(areas.overlay, buf);
    }
    search::Matches::new(app, ctx).render(areas.overlay, buf);
    steps::Steps::new(app, ctx).render(areas.overlay, buf);
    // The join card is the whole screen: a phone reads its code off a projector.
    if let Some(join) = app.join.as_deref().filter(|_| app.join_open) {
        join::JoinCard::new(app, ctx, join).render(area, buf);
    }
}

/// The series of the chart or bars panel the focused target is, for its zoom view.
fn panel_series<'a>(ctx: &Ctx<'a>, app: &'a App) -> Vec<&'a crate::data::Indicator> {
    let Some(tab) = app.dataset.tabs.get(app.tab) else {
        return Vec::new();
    };
    match tab.locate(app.focus()) {
        Some((p, _)) if !tab.panels[p].kind.per_indicator() => ctx.panel_indicators(&tab.panels[p]),
        _ => Vec::new(),
    }
}

fn render_too_small(lang: Lang, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = match lang {
        Lang::En => format!(
            "terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        ),
        Lang::Zh => format!(
            "终端太小：需要 {MIN_WIDTH}×{MIN_HEIGHT}，当前 {}×{}",
            area.width, area.height
        ),
    };
    // Wrapped by hand: ratatui's wrapping can place a wide character past a 1–2 column edge.
    let lines: Vec<Line> = format::wrap(&text, usize::from(area.width))
        .into_iter()
        .map(|l| Line::styled(l, theme.warn))
        .collect();
    Paragraph::new(lines).render(area, buf);
}
