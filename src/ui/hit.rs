//! Which tab or panel a mouse click lands on, from the same layout the screen is drawn with.

use ratatui::layout::{Position, Rect};

use super::body::Body;
use super::tabs::TabBar;
use super::{Areas, Ctx, MIN_HEIGHT, MIN_WIDTH, banner_lines};
use crate::app::App;

/// What is under the mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A tab of the header (its index).
    Tab(usize),
    /// A focus target of the body: a tile, a chart, a card (its index in the tab's focus order).
    Panel(usize),
}

/// What a click at `(column, row)` of a screen of `area` lands on. Nothing answers behind the
/// help overlay or the `/` prompt, and the zoom view has no panels to pick.
pub fn hit_test(app: &App, area: Rect, column: u16, row: u16) -> Option<Hit> {
    let areas = screen_areas(app, area)?;
    if app.help || app.search.is_some() {
        return None;
    }
    let ctx = Ctx::new(app);
    let position = Position::new(column, row);
    if areas.header.contains(position) {
        return TabBar::new(app, &ctx)
            .tab_at(areas.header, column)
            .map(Hit::Tab);
    }
    if app.zoomed || !areas.body.contains(position) {
        return None;
    }
    Body::new(app, &ctx)
        .targets(areas.body)
        .into_iter()
        .find(|(_, rect)| rect.contains(position))
        .map(|(index, _)| Hit::Panel(index))
}

/// The screen's parts at `area`, when it is big enough to have them.
fn screen_areas(app: &App, area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let banner = u16::try_from(banner_lines(app, area.width).len()).unwrap_or(0);
    Some(Areas::new(app, area, banner))
}

/// The focus target that starts the next page of the current tab on a screen of `area`, if
/// its panels fall into pages and this is not the last (a slideshow shows every page).
pub fn next_page(app: &App, area: Rect) -> Option<usize> {
    if app.zoomed {
        return None;
    }
    let body = screen_areas(app, area)?.body;
    let ctx = Ctx::new(app);
    let panel = Body::new(app, &ctx).layout(body).next_page_panel?;
    Some(app.dataset.tabs.get(app.tab)?.first_target(panel))
}

/// Where a move of the focus goes on a screen of `area` (see [`super::nav::nav`]).
pub fn nav(app: &App, area: Rect, direction: crate::action::Direction) -> super::nav::Nav {
    let area = screen_areas(app, area).map_or(area, |a| a.body);
    super::nav::nav(app, &Ctx::new(app), area, direction)
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::widgets::Widget;

    use super::*;
    use crate::data::load_embedded;

    fn app() -> App {
        App::new(load_embedded().unwrap())
    }

    /// The header row as text (every tab title here is one column per character).
    fn header(app: &App, area: Rect) -> String {
        let mut buf = Buffer::empty(area);
        app.render(area, &mut buf);
        (0..area.width).map(|x| buf[(x, 0)].symbol()).collect()
    }

    #[test]
    fn a_click_on_a_tab_label_names_that_tab() {
        let app = app();
        let area = Rect::new(0, 0, 120, 40);
        let header = header(&app, area);
        for (i, tab) in app.dataset.tabs.iter().enumerate() {
            let column = header.find(&tab.title.en).unwrap();
            let column = u16::try_from(header[..column].chars().count()).unwrap();
            assert_eq!(
                hit_test(&app, area, column, 0),
                Some(Hit::Tab(i)),
                "{}",
                tab.id
            );
        }
        assert_eq!(hit_test(&app, area, 2, 0), None, "the title is not a tab");
    }

    #[test]
    fn a_click_on_a_card_names_that_card_and_nothing_answers_behind_help() {
        let mut app = app();
        let area = Rect::new(0, 0, 120, 40);
        assert_eq!(hit_test(&app, area, 2, 2), Some(Hit::Panel(0)));
        assert_eq!(
            hit_test(&app, area, 30, 2),
            Some(Hit::Panel(1)),
            "the second tile"
        );
        assert_eq!(
            hit_test(&app, area, 62, 2),
            Some(Hit::Panel(2)),
            "the third tile"
        );
        app.help = true;
        assert_eq!(hit_test(&app, area, 2, 2), None);
        app.help = false;
        app.zoomed = true;
        assert_eq!(hit_test(&app, area, 2, 2), None);
    }
}
