//! The zoom view's moves: opening it on an indicator (for `snapshot --zoom`), and stepping
//! through the tab's panels while zoomed.

use super::{App, Notice};

impl App {
    /// In the zoom view: the next or previous panel of the tab, zoomed; at either end the
    /// zoom stays and a notice says why.
    pub(super) fn zoom_step(&mut self, forward: bool) {
        let count = self.panel_count();
        let focus = self.focus();
        let next = if forward {
            (focus + 1 < count).then_some(focus + 1)
        } else {
            focus.checked_sub(1)
        };
        match next {
            Some(next) => self.set_focus(self.tab, next),
            None => self.notice = Some(Notice::ZoomEnd(forward)),
        }
    }

    /// Opens the zoom view of indicator `id` where it is first shown (for `snapshot --zoom`):
    /// the tab and focus target that show it, a chart's series through the chart. False if
    /// no tab shows it.
    pub fn zoom_on(&mut self, id: &str) -> bool {
        let Some(index) = self.dataset.indicators.iter().position(|i| i.id == id) else {
            return false;
        };
        let found = self.dataset.tabs.iter().enumerate().find_map(|(t, tab)| {
            let direct = tab.indicators.iter().position(|&i| i == index);
            let through_panel = || {
                let p = tab
                    .panels
                    .iter()
                    .position(|p| p.indicators.contains(&index))?;
                let within = if tab.panels[p].kind.per_indicator() {
                    tab.panels[p].indicators.iter().position(|&i| i == index)?
                } else {
                    0
                };
                Some(tab.first_target(p) + within)
            };
            direct.or_else(through_panel).map(|target| (t, target))
        });
        let Some((tab, target)) = found else {
            return false;
        };
        self.select_tab(tab);
        self.set_focus(tab, target);
        self.zoomed = true;
        true
    }
}
