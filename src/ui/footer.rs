//! The footer: the focused figure's source (the same answer the zoom view gives) on the first
//! line; the key bar, a short notice or the `/` prompt on the second.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::Ctx;
use crate::action::{Command, KEYMAP};
use crate::app::App;
use crate::data::{Indicator, Shape, Source};
use crate::format::{self, truncate};

/// Hints dropped first when the key bar is too narrow, in this order (keys of [`KEYMAP`]).
const DROP_FIRST: [Command; 8] = [
    Command::PrevTab,
    Command::Lang,
    Command::Currency,
    Command::Reload,
    Command::Present,
    Command::Search,
    Command::View,
    Command::Year,
];

/// ` Source: China Daily, 2024-05-20 · GDP: 3,420.25 billion yuan (2024)`
/// ` ↑↓←→ move  Tab tab  Enter zoom  t view  / find  r reload  L 中文  u US$  ? help  q quit`
pub struct Footer<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
}

impl<'a> Footer<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>) -> Self {
        Self { app, ctx }
    }

    /// The source in as few words as identify it (the zoom view gives them all): the
    /// publisher's name without its description, the date, the site; then the figure.
    /// Pieces drop from the end when the line is too narrow.
    fn source_line(&self, indicator: &Indicator, width: u16) -> Line<'static> {
        let (app, theme) = (self.app, &self.ctx.theme);
        let label = app.lang.pick(" Source: ", " 来源：");
        // (text, style, drop order: 0 never, else lowest first).
        let mut pieces: Vec<(String, ratatui::style::Style, u8)> = Vec::new();
        if let Some(source) = source_of_headline(self.ctx, indicator) {
            let publisher = short_publisher(source.publisher.get(app.lang));
            let comma = app.lang.pick(", ", "，");
            pieces.push((format!("{publisher}{comma}{}", source.date), theme.text, 0));
            if let Some(site) = site(&source.url) {
                pieces.push((format!(" · {site}"), theme.muted, 2));
            }
        }
        if self.ctx.numbers.usd.is_some() {
            let note = app.lang.pick(
                " · US$ at each year's official average rate",
                " · 美元按各年官方平均汇率折算",
            );
            pieces.push((note.to_string(), theme.text, 3));
        }
        let figure = format!(
            " · {}{}{}",
            indicator.name.get(app.lang),
            app.lang.pick(": ", "："),
            format::hero(indicator, self.ctx.numbers)
        );
        pieces.push((figure, theme.muted, 1));
        let width = usize::from(width);
        let too_wide = |pieces: &[(String, _, u8)]| {
            label.width() + pieces.iter().map(|(t, ..)| t.width()).sum::<usize>() > width
        };
        for order in 1..=3 {
            if too_wide(&pieces) {
                pieces.retain(|(.., o)| *o != order);
            }
        }
        let mut spans = vec![Span::styled(label, theme.muted)];
        let room = width.saturating_sub(label.width());
        let mut used = 0;
        for (text, style, _) in pieces {
            let text = truncate(&text, room.saturating_sub(used));
            used += text.width();
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    }

    fn prompt_line(&self) -> Option<Line<'static>> {
        let (search, theme) = (self.app.search.as_ref()?, &self.ctx.theme);
        let lang = self.app.lang;
        let count = self.app.search_matches().len();
        let status = match (search.query.is_empty(), count, lang) {
            (true, _, _) => String::new(),
            (false, 0, l) => l.pick("  no match yet", "  暂无匹配").to_string(),
            (false, n, crate::text::Lang::En) => {
                format!("  {n} found · ↑↓ pick · Enter go · Esc close")
            }
            (false, n, crate::text::Lang::Zh) => {
                format!("  找到{n}个 · ↑↓选择 · Enter前往 · Esc关闭")
            }
        };
        Some(Line::from(vec![
            Span::styled(format!(" / {}", lang.pick("find: ", "查找：")), theme.key),
            Span::styled(format!("{}▏", search.query), theme.hero),
            Span::styled(status, theme.muted),
        ]))
    }

    /// The key map's hints that apply now, as many as fit: the least needed go first.
    fn keys_line(&self, width: u16) -> Line<'static> {
        let (app, theme) = (self.app, &self.ctx.theme);
        let mut hints: Vec<(Command, &str, &str)> = KEYMAP
            .iter()
            .filter(|b| app.applies(b.when) && hint_applies(app, b.keys[0].1))
            .filter_map(|b| {
                let (keys, words) = b.hint?;
                Some((b.keys[0].1, keys, words.get(app.lang, app.ascii)))
            })
            .collect();
        let width_of = |hints: &[(Command, &str, &str)]| -> usize {
            1 + hints
                .iter()
                .map(|(_, k, w)| k.width() + w.width() + 3)
                .sum::<usize>()
        };
        for drop in DROP_FIRST {
            if width_of(&hints) <= usize::from(width) {
                break;
            }
            hints.retain(|(c, _, _)| *c != drop);
        }
        let mut spans = vec![Span::raw(" ")];
        for (_, keys, words) in hints {
            spans.push(Span::styled(keys.to_string(), theme.key));
            spans.push(Span::styled(format!(" {words}  "), theme.muted));
        }
        if let Some(p) = app.presentation.filter(|p| !p.paused) {
            spans.push(Span::styled(
                match app.lang {
                    crate::text::Lang::En => format!("next slide every {} s", p.seconds),
                    crate::text::Lang::Zh => format!("每{}秒翻页", p.seconds),
                },
                theme.notice,
            ));
        }
        Line::from(spans)
    }
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [source_area, keys_area] = area.layout(&Layout::vertical([Constraint::Length(1); 2]));
        if let Some(indicator) = self.app.focused() {
            self.source_line(indicator, source_area.width)
                .render(source_area, buf);
        }
        if let Some(prompt) = self.prompt_line() {
            prompt.render(keys_area, buf);
        } else if let Some(notice) = &self.app.notice {
            Line::from(vec![
                Span::raw(" "),
                Span::styled(notice.text(self.app.lang), self.ctx.theme.notice),
            ])
            .render(keys_area, buf);
        } else {
            self.keys_line(keys_area.width).render(keys_area, buf);
        }
    }
}

/// The source of the figure a panel shows first: the headline year's own source if it has one.
pub fn source_of_headline<'a>(ctx: &Ctx<'a>, indicator: &'a Indicator) -> Option<&'a Source> {
    let point_source = match &indicator.shape {
        Shape::Series(s) => s.headline().and_then(|p| p.source.as_deref()),
        Shape::Breakdown(parts) => parts.first().and_then(|p| p.source.as_deref()),
        _ => None,
    };
    ctx.dataset
        .source(point_source.unwrap_or(&indicator.source))
}

/// Hints that depend on the zoom view: there `Esc back` replaces `Enter zoom` and `q quit`
/// (`q` closes the zoom as `Esc` does).
fn hint_applies(app: &App, command: Command) -> bool {
    match command {
        Command::Back => app.zoomed,
        Command::Zoom | Command::Quit => !app.zoomed,
        _ => true,
    }
}

/// A publisher's name without the description that follows it: `NetEase news (self-media
/// article …)` is `NetEase news`.
fn short_publisher(publisher: &str) -> &str {
    let cut = [" (", "（", ", ", "，", "; ", "；", " / "]
        .iter()
        .filter_map(|sep| publisher.find(sep))
        .min()
        .unwrap_or(publisher.len());
    publisher[..cut].trim()
}

/// The host of a page address without `www.`: `jiangxi.gov.cn`.
fn site(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishers_are_named_without_their_description() {
        assert_eq!(
            short_publisher("NetEase news (self-media article reporting …)"),
            "NetEase news"
        );
        assert_eq!(
            short_publisher("China.org.cn, reporting the Jiangxi Blue Book"),
            "China.org.cn"
        );
        assert_eq!(
            short_publisher("江西本地新闻（原始媒体未在摘录中注明）"),
            "江西本地新闻"
        );
        assert_eq!(
            short_publisher("Jiangxi Provincial Bureau of Statistics"),
            "Jiangxi Provincial Bureau of Statistics"
        );
    }

    #[test]
    fn sites_are_hosts() {
        assert_eq!(
            site("https://www.jiangxi.gov.cn/art/2025/1/21/x.html"),
            Some("jiangxi.gov.cn")
        );
        assert_eq!(site("http://news.163.com?a=1"), Some("news.163.com"));
        assert_eq!(site("not a url"), None);
    }
}
