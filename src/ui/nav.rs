//! Where the arrows move the focus: the way the screen looks, on the same layout the body
//! draws (↓ to the row below, → to the neighbour; past the left or right edge, the tab).

use ratatui::layout::Rect;

use super::Ctx;
use super::body::ranking_columns;
use super::grid;
use crate::action::Direction;
use crate::app::App;
use crate::data::model::{Panel, PanelKind};

/// Where a move from the focus goes, on the tab's layout at `area`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Focus(usize),
    PrevTab,
    NextTab,
    Stay,
}

/// A move of the focus the way the screen looks: ↓ to the row below (the next panel's when
/// this one ends), → to the neighbour on the right; past the left or right edge, the tab.
pub fn nav(app: &App, ctx: &Ctx, area: Rect, direction: Direction) -> Nav {
    let Some(tab) = ctx.dataset.tabs.get(app.tab) else {
        return Nav::Stay;
    };
    let Some((p, item)) = tab.locate(app.focus()) else {
        return Nav::Stay;
    };
    // Columns of each panel's targets.
    let columns = |panel: &Panel| -> usize {
        match panel.kind {
            PanelKind::Tiles => panel.indicators.len(),
            PanelKind::Chart | PanelKind::Bars => 1,
            PanelKind::Cards => usize::from(grid::columns(area.width)),
            PanelKind::Ranking => usize::from(ranking_columns(area.width, panel.indicators.len())),
        }
    };
    let targets = |panel: &Panel| {
        if panel.kind.per_indicator() {
            panel.indicators.len()
        } else {
            1
        }
    };
    let panel = &tab.panels[p];
    let cols = columns(panel).max(1);
    let (row, col) = (item / cols, item % cols);
    let first = tab.first_target(p);
    match direction {
        Direction::Right if col + 1 < cols && item + 1 < targets(panel) => {
            Nav::Focus(first + item + 1)
        }
        Direction::Right => Nav::NextTab,
        Direction::Left if col > 0 => Nav::Focus(first + item - 1),
        Direction::Left => Nav::PrevTab,
        Direction::Down => {
            let rows = targets(panel).div_ceil(cols);
            if row + 1 < rows {
                return Nav::Focus(first + ((row + 1) * cols + col).min(targets(panel) - 1));
            }
            match tab.panels.get(p + 1) {
                Some(next) => {
                    let next_cols = columns(next).max(1);
                    let target = (col * next_cols / cols).min(targets(next).saturating_sub(1));
                    Nav::Focus(tab.first_target(p + 1) + target)
                }
                None => Nav::Stay,
            }
        }
        Direction::Up => {
            if row > 0 {
                return Nav::Focus(first + (row - 1) * cols + col);
            }
            match p.checked_sub(1).map(|q| (q, &tab.panels[q])) {
                Some((q, prev)) => {
                    let prev_cols = columns(prev).max(1);
                    let last_row = (targets(prev) - 1) / prev_cols;
                    let target =
                        (last_row * prev_cols + col * prev_cols / cols).min(targets(prev) - 1);
                    Nav::Focus(tab.first_target(q) + target)
                }
                None => Nav::Stay,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    fn moved(app: &mut App, area: Rect, direction: Direction) -> Nav {
        let nav = nav(app, &Ctx::new(app), area, direction);
        if let Nav::Focus(target) = nav {
            app.update(crate::action::Action::Focus(target));
        }
        nav
    }

    #[test]
    fn arrows_follow_the_screen_and_leave_the_tab_at_its_edges() {
        let mut app = App::new(load_embedded().unwrap());
        let area = Rect::new(0, 0, 120, 36);
        assert_eq!(
            moved(&mut app, area, Direction::Left),
            Nav::PrevTab,
            "left of the first tile"
        );
        assert_eq!(moved(&mut app, area, Direction::Right), Nav::Focus(1));
        for _ in 0..3 {
            moved(&mut app, area, Direction::Right);
        }
        assert_eq!(app.focus(), 4, "the last tile");
        assert_eq!(
            moved(&mut app, area, Direction::Right),
            Nav::NextTab,
            "right of the last tile"
        );
        assert_eq!(
            moved(&mut app, area, Direction::Down),
            Nav::Focus(5),
            "down from a tile is the chart"
        );
        assert_eq!(
            moved(&mut app, area, Direction::Up),
            Nav::Focus(0),
            "up from the chart is a tile"
        );
    }

    /// Arrows alone reach every panel of every tab, at the smallest screen and a large one.
    #[test]
    fn every_panel_is_reachable_with_arrows() {
        let dataset = load_embedded().unwrap();
        for area in [Rect::new(0, 0, 80, 20), Rect::new(0, 0, 200, 56)] {
            for tab in 0..dataset.tabs.len() {
                let targets = dataset.tabs[tab].indicators.len();
                let mut seen = vec![false; targets];
                let mut todo = vec![0];
                while let Some(from) = todo.pop() {
                    if std::mem::replace(&mut seen[from], true) {
                        continue;
                    }
                    for direction in [
                        Direction::Up,
                        Direction::Down,
                        Direction::Left,
                        Direction::Right,
                    ] {
                        let mut app = App::new(dataset.clone());
                        app.update(crate::action::Action::SelectTab(tab));
                        app.update(crate::action::Action::Focus(from));
                        if let Nav::Focus(to) = moved(&mut app, area, direction) {
                            todo.push(to);
                        }
                    }
                }
                let missed: Vec<usize> = (0..targets).filter(|&t| !seen[t]).collect();
                assert!(
                    missed.is_empty(),
                    "tab {} at {}x{}: unreachable {missed:?}",
                    dataset.tabs[tab].id,
                    area.width,
                    area.height
                );
            }
        }
    }
}
