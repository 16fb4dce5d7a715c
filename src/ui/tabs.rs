//! The header: title, tab bar and slide counter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::glyphs;
use super::theme::Theme;
use crate::app::App;
use crate::data::Lang;

pub fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Jiangxi Open Economy",
        Lang::Zh => "江西开放型经济",
    }
}

/// The pieces of the header row, left to right.
struct Header {
    title: Option<String>,
    /// Each tab's label with the columns it occupies.
    tabs: Vec<(String, u16)>,
    counter: String,
}

fn header(app: &App, width: u16) -> Header {
    let mode = match app.presentation {
        Some(p) if p.paused => format!("{} ", glyphs::PAUSED),
        Some(_) => format!("{} ", glyphs::PLAYING),
        None => String::new(),
    };
    let badge = match app.follow {
        Some(crate::app::Follow::Presenter { viewers }) => match app.lang {
            Lang::En => format!("presenting to {viewers} · "),
            Lang::Zh => format!("演示中，{viewers}人观看 · "),
        },
        Some(crate::app::Follow::Following) => match app.lang {
            Lang::En => "following presenter · ".to_string(),
            Lang::Zh => "跟随演示者 · ".to_string(),
        },
        Some(crate::app::Follow::Free) => match app.lang {
            Lang::En => "f: follow presenter · ".to_string(),
            Lang::Zh => "按f跟随演示者 · ".to_string(),
        },
        None => String::new(),
    };
    let counter = format!(" {badge}{mode}{}/{} ", app.tab + 1, app.dataset.tabs.len());
    let tabs: Vec<(String, u16)> = app
        .dataset
        .tabs
        .iter()
        .map(|tab| {
            let label = format!(" {} ", tab.title.get(app.lang));
            let w = u16::try_from(label.width()).unwrap_or(u16::MAX);
            (label, w)
        })
        .collect();
    let title = format!(" {} ", title(app.lang));
    let dividers = tabs.len().saturating_sub(1) * glyphs::TAB_DIVIDER.width();
    let tabs_width: usize = tabs.iter().map(|(_, w)| usize::from(*w)).sum::<usize>() + dividers;
    let fits = title.width() + tabs_width + counter.width() <= usize::from(width);
    Header {
        title: fits.then_some(title),
        tabs,
        counter,
    }
}

/// Which tab a click at `column` of the header row hits.
pub fn tab_at(app: &App, width: u16, column: u16) -> Option<usize> {
    let header = header(app, width);
    let mut x = header.title.as_ref().map_or(0, |t| t.width());
    for (i, (_, w)) in header.tabs.iter().enumerate() {
        if i > 0 {
            x += glyphs::TAB_DIVIDER.width();
        }
        let end = x + usize::from(*w);
        if (x..end).contains(&usize::from(column)) {
            return Some(i);
        }
        x = end;
    }
    None
}

/// ` Jiangxi Open Economy  Overview │ Growth │ Trade │ Innovation │ Livelihood   2/5 `
/// The title is dropped first when the row is too narrow for all tab names.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let header = header(app, area.width);
    let mut spans: Vec<Span> = Vec::new();
    if let Some(title) = header.title {
        spans.push(Span::styled(title, theme.title));
    }
    for (i, (label, _)) in header.tabs.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(glyphs::TAB_DIVIDER, theme.muted));
        }
        let style = if i == app.tab {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(label, style));
    }
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(header.counter.width()).unwrap_or(0)),
    ]));
    Line::from(spans).render(left, buf);
    Span::styled(header.counter, theme.muted).render(right, buf);
}
