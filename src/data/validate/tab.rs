//! A tab file: one `[tab]` table and its `[[indicator]]` tables.

use toml::de::{DeTable, DeValue};

use super::Builder;
use super::checks::{array_items, check_id, deserialize, require_text};
use super::references::Reference;
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::Tab;
use crate::data::schema::{IndicatorSpec, TabSpec};
use crate::text::Text;

/// What is checked about a tab once every file is read.
pub(super) struct TabExtras {
    /// Where its `[tab]` table is.
    pub at: Diagnostic,
    /// Its `show` references.
    pub shows: Vec<Reference>,
    /// How many `[[indicator]]` tables its file declares, valid or not.
    pub declared: usize,
}

impl Builder {
    pub(super) fn parse_tab_file(
        &mut self,
        file: &SourceText,
        root: DeTable,
        problems: &mut Vec<Diagnostic>,
    ) {
        let mut tab_spec = None;
        let mut indicators = Vec::new();
        let mut declared = 0;
        for (key, value) in root {
            match key.get_ref().as_ref() {
                "tab" => {
                    let at = file.span(&value.span(), "");
                    tab_spec = Some((at, deserialize::<TabSpec>(file, value, problems)));
                }
                "indicator" => {
                    for mut item in array_items(file, value, "indicator", problems) {
                        declared += 1;
                        let span = item.span();
                        let values = match item.get_mut() {
                            DeValue::Table(table) => table.remove("values"),
                            _ => None,
                        };
                        if let Some(spec) = deserialize::<IndicatorSpec>(file, item, problems) {
                            indicators.push((span, spec, values));
                        }
                    }
                }
                other => problems.push(file.span(
                    &key.span(),
                    format!("unknown key `{other}`, expected `tab` or `indicator`"),
                )),
            }
        }
        let Some((tab_at, tab_spec)) = tab_spec else {
            problems.push(file.at(0, "missing [tab] table (id, title, title_zh, order)"));
            return;
        };
        let Some(tab_spec) = tab_spec else { return };
        check_id(file, &tab_spec.id, "tab", &mut self.tab_ids, problems);
        require_text(&tab_at, "title", &tab_spec.title, problems);
        require_text(&tab_at, "title_zh", &tab_spec.title_zh, problems);
        let mut tab = Tab {
            id: tab_spec.id.get_ref().clone(),
            title: Text::new(tab_spec.title, tab_spec.title_zh),
            order: tab_spec.order,
            indicators: Vec::new(),
        };
        for (span, spec, values) in indicators {
            if let Some(indicator) = self.indicator(file, &span, spec, values, problems) {
                tab.indicators.push(self.dataset.indicators.len());
                self.dataset.indicators.push(indicator);
            }
        }
        let shows = tab_spec
            .show
            .iter()
            .map(|id| Reference::new("indicator", file, id))
            .collect();
        self.tab_extras.push(TabExtras {
            at: tab_at,
            shows,
            declared,
        });
        self.dataset.tabs.push(tab);
    }
}
