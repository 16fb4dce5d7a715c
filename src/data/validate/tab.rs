//! A tab file: one `[tab]` table and its `[[indicator]]` tables.

use toml::de::{DeTable, DeValue};

use super::Builder;
use super::checks::Reference;
use super::checks::{array_items, bilingual, check_id, date, deserialize, require_text};
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::{Event, PanelKind, Tab, View};
use crate::data::schema::{EventSpec, IndicatorSpec, TabSpec};
use crate::text::Text;

/// What is checked about a tab once every file is read.
#[derive(Clone)]
pub(super) struct TabExtras {
    /// Where its `[tab]` table is.
    pub at: Diagnostic,
    /// Its `show` references.
    pub shows: Vec<Reference>,
    /// How many `[[indicator]]` tables its file declares, valid or not.
    pub declared: usize,
    pub panels: Vec<PanelRefs>,
}

/// A `[[tab.panel]]` whose indicator ids are resolved once every file is read.
#[derive(Clone)]
pub(super) struct PanelRefs {
    pub kind: PanelKind,
    pub at: Diagnostic,
    pub title: Option<Text>,
    pub shows: Vec<Reference>,
    pub view: View,
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
                        let raw = match item.get_mut() {
                            DeValue::Table(table) => super::series::Raw {
                                values: table.remove("values"),
                                quotes: table.remove("quotes"),
                            },
                            _ => super::series::Raw::default(),
                        };
                        if let Some(spec) = deserialize::<IndicatorSpec>(file, item, problems) {
                            indicators.push((span, spec, raw));
                        }
                    }
                }
                "event" => {
                    for item in array_items(file, value, "event", problems) {
                        if let Some(spec) = deserialize::<EventSpec>(file, item, problems) {
                            self.event(file, spec, problems);
                        }
                    }
                }
                other => problems.push(file.span(
                    &key.span(),
                    format!("unknown key `{other}`, expected `tab`, `indicator` or `event`"),
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
        let panels = tab_spec
            .panel
            .into_iter()
            .map(|p| {
                let at = file.span(&p.kind.span(), "");
                if p.show.get_ref().is_empty() {
                    problems.push(file.span(
                        &p.show.span(),
                        "a panel needs at least one indicator in `show`",
                    ));
                }
                PanelRefs {
                    kind: p.kind.into_inner(),
                    title: bilingual(&at, "title", p.title, p.title_zh, problems),
                    shows: p
                        .show
                        .into_inner()
                        .iter()
                        .map(|id| Reference::new("indicator", file, id))
                        .collect(),
                    view: p.view,
                    at,
                }
            })
            .collect();
        let mut tab = Tab {
            id: tab_spec.id.get_ref().clone(),
            title: Text::new(tab_spec.title, tab_spec.title_zh),
            order: tab_spec.order,
            indicators: Vec::new(),
            panels: Vec::new(),
        };
        for (span, spec, raw) in indicators {
            if let Some(indicator) = self.indicator(file, &span, spec, raw, problems) {
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
            panels,
        });
        self.dataset.tabs.push(tab);
    }
}

impl Builder {
    /// A dated event, for the charts' time axis.
    fn event(&mut self, file: &SourceText, spec: EventSpec, problems: &mut Vec<Diagnostic>) {
        let at = file.span(&spec.date.span(), "");
        require_text(&at, "label", &spec.label, problems);
        require_text(&at, "label_zh", &spec.label_zh, problems);
        if spec.quote.get_ref().trim().is_empty() {
            problems.push(file.span(
                &spec.quote.span(),
                "`quote` is empty: give the words the event was read from",
            ));
        }
        self.source_ref(file, &spec.source);
        let marks = spec
            .marks
            .iter()
            .flatten()
            .map(|id| self.indicator_ref(file, id))
            .collect();
        if let Some((year, month, _)) = date(file, spec.date, problems) {
            self.dataset.events.push(Event {
                year,
                month,
                label: Text::new(spec.label, spec.label_zh),
                source: spec.source.into_inner(),
                quote: spec.quote.into_inner(),
                marks,
            });
        }
    }
}
