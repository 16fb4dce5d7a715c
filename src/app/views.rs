//! `t` and `y`: the view of the focused series, and the year of the rankings.

use super::{App, Notice};
use crate::data::Indicator;
use crate::data::model::{PanelKind, Shape, View};
use crate::text::Text;

/// A view's name, for titles and notices.
pub fn view_name(view: View) -> (&'static str, &'static str) {
    match view {
        View::Level => ("level", "数值"),
        View::Change => ("change on the year before", "比上年变化"),
        View::Index => (
            "index, first year of each stretch = 100",
            "指数（每段首年=100）",
        ),
        View::Share => ("share of China", "占全国比重"),
        View::PerCapita => ("per resident", "人均"),
    }
}

impl App {
    /// The view chosen for an indicator (level unless `t` chose another).
    pub fn view_of(&self, indicator: &Indicator) -> View {
        self.views.get(&indicator.id).copied().unwrap_or_default()
    }

    /// The view the focused figure shows: the one `t` chose, else the view its chart panel
    /// declares (a chart of the share of China starts as the share).
    pub fn focused_view(&self) -> View {
        let Some(indicator) = self.focused() else {
            return View::Level;
        };
        if let Some(view) = self.views.get(&indicator.id) {
            return *view;
        }
        self.dataset
            .tabs
            .get(self.tab)
            .and_then(|t| t.locate(self.focus()).map(|(p, _)| &t.panels[p]))
            .filter(|p| !p.kind.per_indicator())
            .map_or(View::Level, |p| p.view)
    }

    pub(super) fn next_view(&mut self) {
        let current = self.focused_view();
        let Some(indicator) = self.focused() else {
            return;
        };
        let views = self.dataset.views_of(indicator);
        let next = views
            .iter()
            .position(|v| *v == current)
            .map_or(View::Level, |i| views[(i + 1) % views.len()]);
        let id = indicator.id.clone();
        let (en, zh) = view_name(next);
        let refused = self
            .dataset
            .views_refused(indicator)
            .into_iter()
            .map(|(view, why)| {
                let (en, zh) = view_name(view);
                (Text::new(en, zh), why)
            })
            .collect();
        self.views.insert(id, next);
        self.notice = Some(Notice::View {
            name: Text::new(en, zh),
            refused,
        });
    }

    /// `t` where the focused figure has only its level: say why.
    pub(super) fn no_other_view(&mut self) {
        let Some(indicator) = self.focused() else {
            return;
        };
        let why = match &indicator.shape {
            Shape::Regions(_) => Text::new(
                "a ranking shows one year's figures (y: the year)",
                "排名显示某一年的数据（y：换年份）",
            ),
            Shape::Series(_) => Text::new("only one year", "只有一年数据"),
            _ => Text::new("a single figure", "单个数据"),
        };
        self.notice = Some(Notice::NoOtherView(why));
    }

    /// The regions of the tab's rankings, one list per ranking.
    fn rankings(&self) -> impl Iterator<Item = &[crate::data::Region]> {
        self.current_panels()
            .filter(|p| p.kind == PanelKind::Ranking)
            .flat_map(|p| p.indicators.iter())
            .filter_map(|&i| match &self.dataset.indicators[i].shape {
                Shape::Regions(regions) => Some(regions.as_slice()),
                _ => None,
            })
    }

    /// Every year any ranking of the tab has a figure for, oldest first.
    pub fn ranking_years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self
            .rankings()
            .flatten()
            .flat_map(|r| r.series.points.iter().map(|p| p.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The year the rankings show: the one `y` chose, else the latest year in which the
    /// province itself has a figure in the most rankings (a ranking without it tells little).
    pub fn ranking_year(&self) -> Option<u16> {
        let years = self.ranking_years();
        if let Some(chosen) = self.year.filter(|y| years.contains(y)) {
            return Some(chosen);
        }
        let home_figures = |year: u16| {
            self.rankings()
                .filter(|regions| {
                    regions
                        .iter()
                        .any(|r| r.home && r.series.get(year).is_some())
                })
                .count()
        };
        years.iter().copied().max_by_key(|&y| home_figures(y))
    }

    pub(super) fn next_year(&mut self) {
        let years = self.ranking_years();
        let Some(current) = self.ranking_year() else {
            return;
        };
        let i = years.iter().position(|y| *y == current).unwrap_or(0);
        let next = years[(i + 1) % years.len()];
        self.year = Some(next);
        self.notice = Some(Notice::Year(next));
    }
}
