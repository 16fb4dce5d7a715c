//! The header: title, tab bar (ratatui's [`Tabs`]) and slide counter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Tabs, Widget};
use unicode_width::UnicodeWidthStr;

use super::{Ctx, glyphs};
use crate::app::{App, Follow};
use crate::text::Lang;

pub fn title(lang: Lang) -> &'static str {
    lang.pick("Jiangxi Open Economy", "江西开放型经济")
}

/// ` Jiangxi Open Economy  Overview │ Growth │ Trade │ Innovation │ Livelihood   2/5 `
/// The title is dropped first when the row is too narrow for all tab names.
pub struct TabBar<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
}

/// The header row's pieces and where they go.
struct Pieces {
    title: Option<String>,
    /// Each tab's label, padded by a space on each side.
    labels: Vec<String>,
    counter: String,
    title_area: Rect,
    tabs_area: Rect,
    counter_area: Rect,
}

impl<'a> TabBar<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>) -> Self {
        Self { app, ctx }
    }

    fn pieces(&self, area: Rect) -> Pieces {
        let app = self.app;
        let mode = match app.presentation {
            Some(p) if p.paused => format!("{} ", glyphs::PAUSED),
            Some(_) => format!("{} ", glyphs::PLAYING),
            None => String::new(),
        };
        let badge = match (app.follow, app.lang) {
            (Some(Follow::Presenter { viewers }), Lang::En) => {
                format!("presenting to {viewers} · ")
            }
            (Some(Follow::Presenter { viewers }), Lang::Zh) => {
                format!("演示中，{viewers}人观看 · ")
            }
            (Some(Follow::Following), lang) => lang
                .pick("following presenter · ", "跟随演示者 · ")
                .to_string(),
            (Some(Follow::Free), lang) => lang
                .pick("f: follow presenter · ", "按f跟随演示者 · ")
                .to_string(),
            (None, _) => String::new(),
        };
        let counter = format!(" {badge}{mode}{}/{} ", app.tab + 1, app.dataset.tabs.len());
        let labels: Vec<String> = app
            .dataset
            .tabs
            .iter()
            .map(|tab| format!(" {} ", tab.title.get(app.lang)))
            .collect();
        let title = format!(" {} ", title(app.lang));
        let tabs_width = labels.iter().map(|l| l.width()).sum::<usize>()
            + labels.len().saturating_sub(1) * glyphs::TAB_DIVIDER.width();
        let fits = title.width() + tabs_width + counter.width() <= usize::from(area.width);
        let title = fits.then_some(title);
        let width = |text: Option<&String>| {
            u16::try_from(text.map_or(0, |t| t.width())).unwrap_or(u16::MAX)
        };
        let [title_area, tabs_area, counter_area] = area.layout(&Layout::horizontal([
            Constraint::Length(width(title.as_ref())),
            Constraint::Fill(1),
            Constraint::Length(width(Some(&counter))),
        ]));
        Pieces {
            title,
            labels,
            counter,
            title_area,
            tabs_area,
            counter_area,
        }
    }

    /// Which tab a click at `column` of the header row lands on.
    pub fn tab_at(&self, area: Rect, column: u16) -> Option<usize> {
        let pieces = self.pieces(area);
        let mut x = pieces.tabs_area.x;
        for (i, label) in pieces.labels.iter().enumerate() {
            if i > 0 {
                x = x.saturating_add(u16::try_from(glyphs::TAB_DIVIDER.width()).unwrap_or(1));
            }
            let end = x.saturating_add(u16::try_from(label.width()).unwrap_or(u16::MAX));
            if (x..end.min(pieces.tabs_area.right())).contains(&column) {
                return Some(i);
            }
            x = end;
        }
        None
    }
}

impl Widget for TabBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.ctx.theme;
        let pieces = self.pieces(area);
        if let Some(title) = pieces.title {
            Span::styled(title, theme.title).render(pieces.title_area, buf);
        }
        Tabs::new(pieces.labels)
            .select(self.app.tab)
            .style(theme.tab)
            .highlight_style(theme.tab_active)
            .divider(Span::styled(glyphs::TAB_DIVIDER, theme.muted))
            .padding("", "")
            .render(pieces.tabs_area, buf);
        Span::styled(pieces.counter, theme.muted).render(pieces.counter_area, buf);
    }
}
