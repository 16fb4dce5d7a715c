//! Rendering: `impl Widget for &App`. No I/O and no clocks here; the same code draws the
//! terminal, snapshots and tests.

pub mod format;
pub mod glyphs;
pub mod help;
pub mod panels;
pub mod tabs;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::App;
use crate::data::{Lang, units};
use theme::Theme;

/// Below this size the layout cannot show a card's figures; a message says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

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
        let theme = self.theme;
        buf.set_style(area, theme.base);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(self.lang, &theme, area, buf);
        } else {
            render_screen(self, &theme, area, buf);
        }
        if self.ascii {
            to_ascii(area, buf);
        }
    }
}

/// Replaces every drawn glyph by its ASCII stand-in (`--ascii`).
fn to_ascii(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if let Some(ascii) = glyphs::ascii(cell.symbol()) {
                cell.set_symbol(ascii);
            }
        }
    }
}

fn render_screen(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    // A failed reload: the error (up to two lines) above the footer; the data stays the last good.
    let banner: Vec<String> = app.reload_error.as_ref().map_or_else(Vec::new, |error| {
        let label = match app.lang {
            Lang::En => "reload failed, showing the last good data: ",
            Lang::Zh => "重新加载失败，仍显示上次有效数据：",
        };
        let mut lines = format::wrap(&format!("{label}{error}"), usize::from(area.width));
        lines.truncate(2);
        lines
    });
    let [header, body, banner_area, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(banner.len()).unwrap_or(0)),
        Constraint::Length(2),
    ]));
    buf.set_style(banner_area, theme.banner);
    let banner: Vec<Line> = banner.into_iter().map(Line::from).collect();
    Paragraph::new(banner)
        .style(theme.banner)
        .render(banner_area, buf);
    tabs::render(app, theme, header, buf);
    if app.zoomed {
        panels::render_zoom(app, theme, body, buf);
    } else {
        panels::render_grid(app, theme, body, buf);
    }
    render_footer(app, theme, footer, buf);
    if app.help {
        help::render(app.lang, app.ascii, theme, body, buf);
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

/// Source of the focused figure on the first line, key hints on the second.
fn render_footer(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let [source_line, keys_line] = area.layout(&Layout::vertical([Constraint::Length(1); 2]));
    if let Some(indicator) = app.focused() {
        let source = source_of_headline(app, indicator);
        let label = if app.lang == Lang::En {
            " Source: "
        } else {
            " 来源："
        };
        let mut text = String::new();
        if let Some(source) = source {
            text.push_str(&source.publisher);
            if let Some(date) = &source.date {
                text.push_str(", ");
                text.push_str(date);
            }
        }
        if let Some((year, rate)) = app.usd_rate() {
            let rate_note = match app.lang {
                Lang::En => format!(
                    " · US$ at {} yuan/US$ ({year}, implied by the data)",
                    units::group(rate, 2)
                ),
                Lang::Zh => format!(
                    " · 按{}元/美元折算（{year}年，据数据推算）",
                    units::group(rate, 2)
                ),
            };
            text.push_str(&rate_note);
        }
        let figure = format!(
            " · {}: {}",
            indicator.name.get(app.lang),
            format::hero(indicator, app.numbers())
        );
        let line = Line::from(vec![
            Span::styled(label, theme.muted),
            Span::styled(text, theme.text),
            Span::styled(figure, theme.muted),
        ]);
        let width = usize::from(area.width);
        let plain: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        if unicode_width::UnicodeWidthStr::width(plain.as_str()) > width {
            Span::styled(panels::truncate(&plain, width), theme.text).render(source_line, buf);
        } else {
            line.render(source_line, buf);
        }
    }
    let hints: [(&str, &str); 7] = match app.lang {
        Lang::En => [
            ("←/→", "tab"),
            ("↑/↓", "focus"),
            ("Enter", "zoom"),
            ("L", if app.ascii { "Chinese" } else { "中文" }),
            ("u", "US$"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Lang::Zh => [
            ("←/→", "标签"),
            ("↑/↓", "焦点"),
            ("Enter", "放大"),
            ("L", "English"),
            ("u", "美元"),
            ("?", "帮助"),
            ("q", "退出"),
        ],
    };
    if let Some(search) = &app.search {
        let (prompt, miss) = match app.lang {
            Lang::En => ("jump to: ", "  no indicator matches"),
            Lang::Zh => ("跳转到：", "  没有匹配的指标"),
        };
        let mut spans = vec![
            Span::styled(format!(" / {prompt}"), theme.key),
            Span::styled(format!("{}▏", search.query), theme.hero),
        ];
        if search.missed {
            spans.push(Span::styled(miss, theme.warn));
        }
        Line::from(spans).render(keys_line, buf);
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, what) in hints {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {what}  "), theme.muted));
    }
    Line::from(spans).render(keys_line, buf);
}

/// The source of the figure a panel shows first: the headline year's own source if it has one.
fn source_of_headline<'a>(
    app: &'a App,
    indicator: &'a crate::data::Indicator,
) -> Option<&'a crate::data::Source> {
    let point_source = match &indicator.shape {
        crate::data::Shape::Series(s) => s.headline().and_then(|p| p.source.as_deref()),
        _ => None,
    };
    app.dataset
        .source(point_source.unwrap_or(&indicator.source))
}
