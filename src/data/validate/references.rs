//! Ids that point across files (sources, `show`, `share_of`, `converts`), resolved once every
//! file is read; then the tabs are put in order.

use toml::Spanned;

use super::Builder;
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::load::DataFile;
use crate::data::model::Dataset;
use crate::data::units::Kind;

/// A cross-file reference to check once every file is read.
pub(super) struct Reference {
    what: &'static str,
    pub id: String,
    pub at: Diagnostic,
}

impl Reference {
    pub fn new(what: &'static str, file: &SourceText, id: &Spanned<String>) -> Self {
        Self {
            what,
            id: id.get_ref().clone(),
            at: file.span(&id.span(), ""),
        }
    }

    fn unresolved(&self, place: &str) -> Diagnostic {
        self.at.with(format!(
            "unknown {} id `{}`: not defined in {place}",
            self.what, self.id
        ))
    }
}

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
        for (tab, extras) in self.dataset.tabs.iter_mut().zip(&self.tab_extras) {
            for r in &extras.shows {
                match self.dataset.indicators.iter().position(|i| i.id == r.id) {
                    Some(index) if !tab.indicators.contains(&index) => tab.indicators.push(index),
                    Some(_) => {}
                    None if self.indicator_ids.contains_key(&r.id) => {}
                    None => problems.push(r.unresolved("any data file")),
                }
            }
            if extras.declared == 0 && extras.shows.is_empty() {
                problems.push(extras.at.with(format!(
                    "tab `{}` has no indicators: add [[indicator]] tables or `show`",
                    tab.id
                )));
            }
        }
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
