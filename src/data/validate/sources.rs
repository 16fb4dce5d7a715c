//! `sources.toml`: one `[[source]]` table per publication.

use toml::de::DeTable;

use super::Builder;
use super::checks::{array_items, check_id, deserialize, require_text};
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::Source;
use crate::data::schema::SourceSpec;

impl Builder {
    pub(super) fn parse_sources(
        &mut self,
        file: &SourceText,
        root: DeTable,
        problems: &mut Vec<Diagnostic>,
    ) {
        let mut any = false;
        for (key, value) in root {
            if key.get_ref().as_ref() != "source" {
                problems.push(file.span(
                    &key.span(),
                    format!("unknown key `{}`, expected `source`", key.get_ref()),
                ));
                continue;
            }
            for item in array_items(file, value, "source", problems) {
                any = true;
                if let Some(spec) = deserialize::<SourceSpec>(file, item, problems) {
                    self.add_source(file, spec, problems);
                }
            }
        }
        if !any {
            problems.push(file.at(0, "no [[source]] entries"));
        }
    }

    fn add_source(&mut self, file: &SourceText, spec: SourceSpec, problems: &mut Vec<Diagnostic>) {
        let id = spec.id.get_ref().clone();
        let here = file.span(&spec.id.span(), "");
        check_id(file, &spec.id, "source", &mut self.source_ids, problems);
        require_text(&here, "title", &spec.title, problems);
        require_text(&here, "publisher", &spec.publisher, problems);
        let date = spec.date.and_then(|date| {
            let (span, value) = (date.span(), date.into_inner());
            if let (Some(d), None) = (value.date, value.time) {
                Some(d.to_string())
            } else {
                problems.push(file.span(
                    &span,
                    format!("`date` must be a date such as 2024-05-20, not `{value}`"),
                ));
                None
            }
        });
        self.dataset.sources.push(Source {
            id,
            title: spec.title,
            publisher: spec.publisher,
            date,
            url: spec.url,
            vintage: spec.vintage,
        });
    }
}
