//! Ids that point across files (sources, `show`, `share_of`, `converts`), resolved once every
//! file is read; then the tabs are put in order.

use toml::Spanned;

use super::Builder;
use super::checks::Reference;
use super::tab::{PanelRefs, TabExtras};
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::load::DataFile;
use crate::data::model::{Dataset, Panel, PanelKind, Shape, Tab};
use crate::data::units::Kind;

impl Builder {
    pub(super) fn source_ref(&mut self, file: &SourceText, id: &Spanned<String>) {
        self.source_refs.push(Reference::new("source", file, id));
    }

    pub(super) fn indicator_ref(&mut self, file: &SourceText, id: &Spanned<String>) -> String {
        self.indicator_refs
            .push(Reference::new("indicator", file, id));
        id.get_ref().clone()
    }

    /// Resolves cross-file references, orders tabs, and returns the dataset.
    pub(super) fn finish(mut self, files: &[DataFile], problems: &mut Vec<Diagnostic>) -> Dataset {
        let known_sources = !self.source_ids.is_empty();
        for r in &self.source_refs {
            if known_sources && !self.source_ids.contains_key(&r.id) {
                problems.push(r.unresolved("sources.toml"));
            }
        }
        for r in &self.indicator_refs {
            if !self.indicator_ids.contains_key(&r.id) {
                problems.push(r.unresolved("any data file"));
            }
        }
        self.check_conversions(problems);
        self.check_populations(problems);
        let mut tabs = std::mem::take(&mut self.dataset.tabs);
        for (tab, extras) in tabs.iter_mut().zip(&self.tab_extras) {
            self.resolve_tab(tab, extras, problems);
        }
        self.dataset.tabs = tabs;
        if self.dataset.tabs.is_empty() && problems.is_empty() {
            let dir = files
                .first()
                .and_then(|f| std::path::Path::new(&f.path).parent())
                .map_or_else(|| "data".to_string(), |d| d.display().to_string());
            problems.push(Diagnostic::file(&dir, "no tab files, only sources.toml"));
        }
        self.dataset.tabs.sort_by_key(|t| t.order);
        self.dataset
            .events
            .sort_by(|a, b| a.position().total_cmp(&b.position()));
        self.dataset.files = files.len();
        self.dataset
    }

    /// The index of an indicator id; an unknown id is reported (unless its definition was
    /// invalid, which has been reported already).
    fn resolve(&self, r: &Reference, problems: &mut Vec<Diagnostic>) -> Option<usize> {
        let found = self.dataset.indicators.iter().position(|i| i.id == r.id);
        if found.is_none() && !self.indicator_ids.contains_key(&r.id) {
            problems.push(r.unresolved("any data file"));
        }
        found
    }

    /// A tab's panels and the order its keys move in: the panels as declared, then its own
    /// indicators no panel names as cards; without panels, all of them as cards.
    fn resolve_tab(&self, tab: &mut Tab, extras: &TabExtras, problems: &mut Vec<Diagnostic>) {
        for r in &extras.shows {
            if let Some(index) = self.resolve(r, problems)
                && !tab.indicators.contains(&index)
            {
                tab.indicators.push(index);
            }
        }
        if extras.declared == 0 && extras.shows.is_empty() && extras.panels.is_empty() {
            problems.push(extras.at.with(format!(
                "tab `{}` has no indicators: add [[indicator]] tables, `show` or panels",
                tab.id
            )));
        }
        let mut panels: Vec<Panel> = extras
            .panels
            .iter()
            .map(|p| self.panel(p, problems))
            .collect();
        let named: Vec<usize> = panels.iter().flat_map(|p| p.indicators.clone()).collect();
        let rest: Vec<usize> = tab
            .indicators
            .iter()
            .copied()
            .filter(|i| !named.contains(i))
            .collect();
        if !rest.is_empty() {
            panels.push(Panel {
                kind: PanelKind::Cards,
                title: None,
                indicators: rest,
                view: crate::data::model::View::Level,
            });
        }
        tab.indicators = panels
            .iter()
            .flat_map(|p| {
                let targets = if p.kind.per_indicator() {
                    p.indicators.len()
                } else {
                    p.indicators.len().min(1)
                };
                p.indicators[..targets].to_vec()
            })
            .collect();
        tab.panels = panels;
    }

    /// A panel's indicators, each of the shape the panel draws.
    fn panel(&self, p: &PanelRefs, problems: &mut Vec<Diagnostic>) -> Panel {
        let indicators: Vec<usize> = p
            .shows
            .iter()
            .filter_map(|r| {
                let index = self.resolve(r, problems)?;
                let shape = &self.dataset.indicators[index].shape;
                let fits = match p.kind {
                    PanelKind::Chart | PanelKind::Bars | PanelKind::Tiles => {
                        matches!(shape, Shape::Series(_))
                    }
                    PanelKind::Ranking => matches!(shape, Shape::Regions(_)),
                    PanelKind::Cards => true,
                };
                if fits {
                    Some(index)
                } else {
                    let wanted = if p.kind == PanelKind::Ranking {
                        "a comparison of regions"
                    } else {
                        "a yearly series"
                    };
                    problems.push(r.at.with(format!(
                        "`{}` cannot go in a `{}` panel: it needs {wanted}",
                        r.id,
                        p.kind.name()
                    )));
                    None
                }
            })
            .collect();
        if indicators.is_empty() && !p.shows.is_empty() && problems.is_empty() {
            problems.push(p.at.with("a panel needs at least one indicator in `show`"));
        }
        Panel {
            kind: p.kind,
            title: p.title.clone(),
            indicators,
            view: p.view,
        }
    }

    /// A `population` link goes from a total in yuan or US$ to a series of people.
    fn check_populations(&self, problems: &mut Vec<Diagnostic>) {
        for (id, r) in &self.populations {
            let Some(target) = self.dataset.indicator(&r.id) else {
                if !self.indicator_ids.contains_key(&r.id) {
                    problems.push(r.unresolved("any data file"));
                }
                continue;
            };
            let Some(total) = self.dataset.indicator(id) else {
                continue;
            };
            let wrong =
                if !matches!(target.shape, Shape::Series(_)) || target.unit.kind != Kind::People {
                    Some(format!("`{}` is not a yearly series of people", r.id))
                } else if !total.unit.is_money() {
                    Some(format!(
                        "`{id}` is in {}, not an amount of money",
                        total.unit.id
                    ))
                } else {
                    None
                };
            if let Some(wrong) = wrong {
                problems.push(r.at.with(format!(
                    "`population` divides a total by the people of its region: {wrong}"
                )));
            }
        }
    }

    /// A `converts` link goes from an indicator in US$ to one in yuan.
    fn check_conversions(&self, problems: &mut Vec<Diagnostic>) {
        for (usd_id, r) in &self.conversions {
            let Some(target) = self.dataset.indicator(&r.id) else {
                if !self.indicator_ids.contains_key(&r.id) {
                    problems.push(r.unresolved("any data file"));
                }
                continue;
            };
            // An invalid US$ indicator has been reported already.
            let Some(usd) = self.dataset.indicator(usd_id) else {
                continue;
            };
            let wrong = match (usd.unit.kind, target.unit.kind) {
                (Kind::Usd, Kind::Yuan) => None,
                (Kind::Usd, _) => Some(format!("`{}` is in {}, not yuan", r.id, target.unit.id)),
                _ => Some(format!(
                    "`{usd_id}` itself is in {}, not US$ (usd-bn)",
                    usd.unit.id
                )),
            };
            if let Some(wrong) = wrong {
                problems.push(r.at.with(format!(
                    "`converts` links a US$ indicator to a yuan one: {wrong}"
                )));
            }
        }
    }
}
