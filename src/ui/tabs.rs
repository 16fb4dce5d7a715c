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

    /// The modes that change what numbers mean, for the header: US$, the focused series'
    /// view, a paused slideshow.
    fn modes(&self) -> Vec<String> {
        let app = self.app;
        let lang = app.lang;
        let mut modes = Vec::new();
        if app.currency == crate::app::Currency::Usd {
            modes.push(lang.pick("US$", "美元").to_string());
        }
        if let Some(indicator) = app.focused() {
            let view = app.focused_view();
            if let Some(suffix) =
                super::card::view_suffix(view, crate::data::derive::in_points(indicator), lang)
            {
                // Δ marks a change; the other views name themselves.
                modes.push(if view == crate::data::model::View::Change {
                    format!("Δ {suffix}")
                } else {
                    suffix.to_string()
                });
            }
        }
        match app.presentation {
            Some(p) if p.paused => modes.push(format!(
                "{} {}",
                glyphs::PAUSED,
                lang.pick("paused", "已暂停")
            )),
            Some(p) => modes.push(format!("{} {} s", glyphs::PLAYING, p.remaining)),
            None => {}
        }
        modes
    }

    /// Who follows whom, longest wording first.
    fn badges(&self) -> Vec<String> {
        self.follow_badges()
    }

    fn follow_badges(&self) -> Vec<String> {
        match (self.app.follow, self.app.lang) {
            (Some(Follow::Presenter { viewers, away }), Lang::En) => {
                let following = viewers - away.min(viewers);
                match away {
                    0 => vec![format!("presenting to {viewers}"), format!("▶ {viewers}")],
                    _ => vec![
                        format!("presenting · {following} following, {away} away"),
                        format!("▶ {following}+{away} away"),
                    ],
                }
            }
            (Some(Follow::Presenter { viewers, away }), Lang::Zh) => {
                let following = viewers - away.min(viewers);
                match away {
                    0 => vec![format!("演示中，{viewers}人观看"), format!("▶ {viewers}人")],
                    _ => vec![
                        format!("演示中 · {following}人跟随，{away}人离开"),
                        format!("▶ {following}+{away}离开"),
                    ],
                }
            }
            (Some(Follow::Following), lang) => vec![
                lang.pick("following presenter", "跟随演示者").to_string(),
                lang.pick("▶ following", "▶ 跟随").to_string(),
            ],
            (Some(Follow::Free), lang) => vec![
                lang.pick("f: follow presenter", "按f跟随演示者")
                    .to_string(),
                lang.pick("f: follow", "f跟随").to_string(),
            ],
            (None, _) => Vec::new(),
        }
    }

    fn pieces(&self, area: Rect) -> Pieces {
        let app = self.app;
        let width = usize::from(area.width);
        let counter_of = |badge: Option<&String>, modes: bool| {
            let mut parts: Vec<String> = Vec::new();
            parts.extend(badge.cloned());
            if modes {
                parts.extend(self.modes());
            }
            parts.push(format!("{}/{}", app.tab + 1, app.dataset.tabs.len()));
            format!(" {} ", parts.join(" · "))
        };
        let full: Vec<String> = app
            .dataset
            .tabs
            .iter()
            .map(|tab| format!(" {} ", tab.title.get(app.lang)))
            .collect();
        // Other tabs by their number when the names do not all fit; never a tab left out.
        let numbered: Vec<String> = full
            .iter()
            .enumerate()
            .map(|(i, label)| {
                if i == app.tab {
                    format!(" {}{}", i + 1, label)
                } else {
                    format!(" {} ", i + 1)
                }
            })
            .collect();
        let tabs_width = |labels: &[String]| {
            labels.iter().map(|l| l.width()).sum::<usize>()
                + labels.len().saturating_sub(1) * glyphs::TAB_DIVIDER.width()
        };
        let title = format!(" {} ", title(app.lang));
        let badges = self.badges();
        // Who follows whom first (a follower must see it), in its longest wording that
        // leaves every tab its name; then the tabs by number; then the modes, then the title.
        let badges: Vec<Option<&String>> = badges.iter().map(Some).collect();
        let any_badge = if badges.is_empty() {
            vec![None]
        } else {
            badges.clone()
        };
        let with_none: Vec<Option<&String>> = badges.iter().copied().chain([None]).collect();
        let mut chosen = None;
        'search: for (labels, badge_choices) in [(&full, &any_badge), (&numbered, &with_none)] {
            for &badge in badge_choices {
                for modes in [true, false] {
                    let counter = counter_of(badge, modes);
                    for with_title in [true, false] {
                        let used = tabs_width(labels)
                            + counter.width()
                            + if with_title { title.width() } else { 0 };
                        if used <= width {
                            chosen = Some((labels.clone(), with_title, counter));
                            break 'search;
                        }
                    }
                }
            }
        }
        let (labels, with_title, counter) =
            chosen.unwrap_or_else(|| (numbered.clone(), false, counter_of(None, false)));
        let title = with_title.then_some(title);
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
