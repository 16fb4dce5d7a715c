//! The footer: the focused figure's source on the first line, the key bar (or the `/` prompt)
//! on the second.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::Ctx;
use crate::action::KEYMAP;
use crate::app::App;
use crate::data::{Indicator, Shape, Source};
use crate::format::{self, truncate};

/// ` Source: China Daily, 2024-05-20 · GDP: 3.22 trillion yuan (2023)`
/// ` ←/→ tab  ↑/↓ focus  Enter zoom  L 中文  u US$  ? help  q quit`
pub struct Footer<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
}

impl<'a> Footer<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>) -> Self {
        Self { app, ctx }
    }

    fn source_line(&self, indicator: &Indicator, width: u16) -> Line<'static> {
        let (app, theme) = (self.app, &self.ctx.theme);
        let label = app.lang.pick(" Source: ", " 来源：");
        let mut text = String::new();
        if let Some(source) = source_of_headline(self.ctx, indicator) {
            let _ = write!(text, "{}, {}", source.publisher.get(app.lang), source.date);
        }
        if self.ctx.numbers.usd.is_some() {
            text.push_str(app.lang.pick(
                " · US$ at each year's official average rate",
                " · 美元按各年官方平均汇率折算",
            ));
        }
        let figure = format!(
            " · {}: {}",
            indicator.name.get(app.lang),
            format::hero(indicator, self.ctx.numbers)
        );
        let line = Line::from(vec![
            Span::styled(label, theme.muted),
            Span::styled(text, theme.text),
            Span::styled(figure, theme.muted),
        ]);
        let width = usize::from(width);
        if line.width() > width {
            let plain: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            Line::styled(truncate(&plain, width), theme.text)
        } else {
            line
        }
    }

    fn prompt_line(&self) -> Option<Line<'static>> {
        let (search, theme) = (self.app.search.as_ref()?, &self.ctx.theme);
        let lang = self.app.lang;
        let mut spans = vec![
            Span::styled(
                format!(" / {}", lang.pick("jump to: ", "跳转到：")),
                theme.key,
            ),
            Span::styled(format!("{}▏", search.query), theme.hero),
        ];
        if search.missed {
            spans.push(Span::styled(
                lang.pick("  no indicator matches", "  没有匹配的指标"),
                theme.warn,
            ));
        }
        Some(Line::from(spans))
    }

    /// The key map's footer hints that apply now.
    fn keys_line(&self) -> Line<'static> {
        let (app, theme) = (self.app, &self.ctx.theme);
        let mut spans = vec![Span::raw(" ")];
        for binding in KEYMAP.iter().filter(|b| app.applies(b.when)) {
            if let Some((keys, words)) = binding.hint {
                spans.push(Span::styled(keys, theme.key));
                spans.push(Span::styled(
                    format!(" {}  ", words.get(app.lang, app.ascii)),
                    theme.muted,
                ));
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
        self.prompt_line()
            .unwrap_or_else(|| self.keys_line())
            .render(keys_area, buf);
    }
}

/// The source of the figure a panel shows first: the headline year's own source if it has one.
pub fn source_of_headline<'a>(ctx: &Ctx<'a>, indicator: &'a Indicator) -> Option<&'a Source> {
    let point_source = match &indicator.shape {
        Shape::Series(s) => s.headline().and_then(|p| p.source.as_deref()),
        _ => None,
    };
    ctx.dataset
        .source(point_source.unwrap_or(&indicator.source))
}
