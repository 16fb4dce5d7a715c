//! The zoom view's moves: opening it on an indicator (for `snapshot --zoom`), and stepping
//! through the tab's panels while zoomed.

use super::{App, Notice};

impl App {
    /// In the zoom view: the next or previous panel of the tab, zoomed; at either end the
    /// zoom stays and a notice says why.
    pub(super) fn zoom_step(&mut self, forward: bool) {
        // A chart's series one by one first (China's growth after Jiangxi's).
        let series = self.panel_series().len();
        if forward && self.series + 1 < series {
            self.series += 1;
            return;
        }
        if !forward && self.series > 0 {
            self.series -= 1;
            return;
        }
        let count = self.panel_count();
        let focus = self.focus();
        let next = if forward {
            (focus + 1 < count).then_some(focus + 1)
        } else {
            focus.checked_sub(1)
        };
        match next {
            Some(next) => {
                self.set_focus(self.tab, next);
                // Backwards into a chart: its last series.
                if !forward {
                    self.series = self.panel_series().len().saturating_sub(1);
                }
            }
            None => self.notice = Some(Notice::ZoomEnd(forward)),
        }
    }

    /// Shows series `series` of the focused chart or bars panel in the zoom view (following a
    /// presenter); ignored when the panel has no such series.
    pub fn set_series(&mut self, series: usize) {
        if series == 0 || series < self.panel_series().len() {
            self.series = series;
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
                let within = tab.panels[p].indicators.iter().position(|&i| i == index)?;
                // A chart is one target; its series is chosen within it.
                Some(if tab.panels[p].kind.per_indicator() {
                    (tab.first_target(p) + within, 0)
                } else {
                    (tab.first_target(p), within)
                })
            };
            direct
                .map(|target| (target, 0))
                .or_else(through_panel)
                .map(|(target, series)| (t, target, series))
        });
        let Some((tab, target, series)) = found else {
            return false;
        };
        self.select_tab(tab);
        self.set_focus(tab, target);
        self.zoomed = true;
        self.series = series;
        true
    }
}
