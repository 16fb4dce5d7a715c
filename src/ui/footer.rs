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
use crate::data::{Indicator, Shape};
use crate::format;

/// Hints dropped first when the key bar is too narrow, in this order (keys of [`KEYMAP`]).
const DROP_FIRST: [Command; 10] = [
    Command::Reload,
    Command::Search,
    Command::Rejoin,
    Command::Currency,
    Command::Year,
    Command::View,
    Command::Present,
    Command::Lang,
    Command::Steps,
    Command::Console,
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

    /// The focused figure's own source in as few words as identify it (the zoom view gives
    /// them all): the original publisher a reprint cites and the site ("Jiangxi Provincial
    /// Bureau of Statistics, via sdzhengyuanfeiye.com"), else the publisher's name and the
    /// site; the page's date; then the figure as the screen shows it (its year, its view, its
    /// currency), and a doubt about it. Pieces drop from the end when the line is too narrow.
    fn source_line(&self, indicator: &Indicator, width: u16) -> Line<'static> {
        let (app, theme) = (self.app, &self.ctx.theme);
        let lang = app.lang;
        let label = lang.pick(" Source: ", " 来源：");
        let year = app.ranking_year();
        // (text, style, drop order: 0 never, else the highest first).
        let mut pieces: Vec<(String, ratatui::style::Style, u8)> = Vec::new();
        if let Some(source) = format::citation::source_of_figure(self.ctx.dataset, indicator, year)
        {
            let comma = lang.pick(", ", "，");
            let site = site(&source.url);
            // Who published the figure: the original a reprint cites, else the page's own.
            let (publisher, via) = match &source.cites {
                Some(original) => (original.get(lang).to_string(), true),
                None => (
                    short_publisher(source.publisher.get(lang)).to_string(),
                    false,
                ),
            };
            pieces.push((publisher.clone(), theme.text, 0));
            if let Some(site) = site.filter(|s| !publisher.contains(s)) {
                let site = match (via, lang) {
                    (true, crate::text::Lang::En) => format!(", via {site}"),
                    (true, crate::text::Lang::Zh) => format!("，转引自{site}"),
                    (false, _) => format!(" · {site}"),
                };
                pieces.push((site, theme.muted, 3));
            }
            pieces.push((format!("{comma}{}", source.date), theme.text, 1));
        }
        let figure = format::citation::figure(
            self.ctx.dataset,
            self.ctx.numbers,
            indicator,
            app.focused_view(),
            year,
        );
        let name = indicator.short_name().get(lang);
        pieces.push((
            format!(" · {name}{}{figure}", lang.pick(": ", "：")),
            theme.muted,
            2,
        ));
        if let Some(caveat) = format::details::caveat(indicator, lang) {
            let short = caveat.split([':', '：']).next().unwrap_or("").to_string();
            pieces.push((format!(" · {short}"), theme.warn, 0));
        }
        if self.ctx.numbers.usd.is_some() {
            let head_year = match &indicator.shape {
                Shape::Series(s) => s
                    .headline_bound()
                    .map(|b| b.year)
                    .or_else(|| s.headline().map(|p| p.year)),
                Shape::Regions(_) => year,
                _ => None,
            };
            match self.ctx.numbers.rate_note(indicator.unit, head_year) {
                Some(note) => pieces.push((format!(" · {note}"), theme.warn, 0)),
                None => pieces.push((
                    lang.pick(
                        " · US$ at each year's official average rate",
                        " · 美元按各年官方平均汇率折算",
                    )
                    .to_string(),
                    theme.text,
                    4,
                )),
            }
        }
        let width = usize::from(width);
        let too_wide = |pieces: &[(String, _, u8)]| {
            label.width() + pieces.iter().map(|(t, ..)| t.width()).sum::<usize>() > width
        };
        for order in [4, 3, 2, 1] {
            if too_wide(&pieces) {
                pieces.retain(|(.., o)| *o != order);
            }
        }
        let mut spans = vec![Span::styled(label, theme.muted)];
        let room = width.saturating_sub(label.width());
        let mut used = 0;
        for (text, style, _) in pieces {
            // Cut at a word, never inside a number.
            let text = format::fit_title(&text, room.saturating_sub(used));
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

    /// `join: ssh -p 2222 192.0.2.7`, on the presenter's screen in `serve --follow`.
    fn join_hint(&self) -> Option<String> {
        let app = self.app;
        let command = app.join.as_ref()?.commands.first()?;
        matches!(app.follow, Some(crate::app::Follow::Presenter { .. }))
            .then(|| format!("{} {command}", app.lang.pick("join:", "加入：")))
    }

    /// The key map's hints that apply now, as many as fit: the least needed go first.
    fn keys_line(&self, width: u16) -> Line<'static> {
        let (app, theme) = (self.app, &self.ctx.theme);
        let mut hints: Vec<(Command, &str, &str)> = KEYMAP
            .iter()
            .filter(|b| app.applies(b.when) && hint_applies(app, b.keys[0].1))
            .filter_map(|b| {
                let (keys, words) = b.hint?;
                let command = b.keys[0].1;
                let words = state_hint(app, command).unwrap_or(words.get(app.lang, app.ascii));
                Some((command, keys, words))
            })
            .collect();
        let width_of = |hints: &[(Command, &str, &str)]| -> usize {
            1 + hints
                .iter()
                .map(|(_, k, w)| k.width() + w.width() + 3)
                .sum::<usize>()
        };
        // The presenter's bar ends with how to join, for latecomers, before the least
        // needed hints; it goes only when even the needed ones leave no room.
        let join = self.join_hint().filter(|j| {
            let kept: Vec<_> = hints
                .iter()
                .copied()
                .filter(|(c, _, _)| !DROP_FIRST.contains(c))
                .collect();
            width_of(&kept) + j.width() <= usize::from(width)
        });
        let join_width = join.as_ref().map_or(0, |j| j.width());
        for drop in DROP_FIRST {
            if width_of(&hints) + join_width <= usize::from(width) {
                break;
            }
            hints.retain(|(c, _, _)| *c != drop);
        }
        let mut spans = vec![Span::raw(" ")];
        for (_, keys, words) in hints {
            spans.push(Span::styled(keys.to_string(), theme.key));
            spans.push(Span::styled(format!(" {words}  "), theme.muted));
        }
        if let Some(join) = join {
            spans.push(Span::styled(join, theme.notice));
        }
        // The countdown (the header has it too) when it fits whole.
        if let Some(p) = app.presentation.filter(|p| !p.paused) {
            let countdown = match app.lang {
                crate::text::Lang::En => format!("next slide in {} s", p.remaining),
                crate::text::Lang::Zh => format!("{}秒后翻页", p.remaining),
            };
            let used: usize = spans.iter().map(|s| s.content.width()).sum();
            if used + countdown.width() <= usize::from(width) {
                spans.push(Span::styled(countdown, theme.notice));
            }
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

/// A key's hint where it names what the key does now: `u yuan` while amounts are in US$,
/// `p resume` while the slideshow is paused.
fn state_hint(app: &App, command: Command) -> Option<&'static str> {
    match command {
        Command::Currency if app.currency == crate::app::Currency::Usd => {
            Some(app.lang.pick("yuan", "人民币"))
        }
        Command::Present if app.presentation.is_some_and(|p| p.paused) => {
            Some(app.lang.pick("resume", "继续"))
        }
        _ => None,
    }
}

/// Hints that depend on the zoom view: there `Esc back` replaces `Enter zoom` and `q quit`
/// (`q` closes the zoom as `Esc` does).
fn hint_applies(app: &App, command: Command) -> bool {
    match command {
        Command::Back => app.zoomed,
        Command::Zoom | Command::Quit => !app.zoomed,
        Command::Rejoin => app.follow == Some(crate::app::Follow::Free),
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
pub(super) fn site(url: &str) -> Option<&str> {
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
